"""QTI 2.1 packages: parsed with lxml and matched question by question, checked against the
specification (qti_spec.py: no QTI 2.1 XSD is available as a package), and scored by a QTI
engine that is not ours (pyslet)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pyslet.imscpv1p2 as pyslet_cp
import pyslet.qtiv2.variables as pyslet_variables
import pyslet.qtiv2.xml as pyslet_qti
import pytest
from lxml import etree

from build_tools.exchange import qti
from build_tools.exchange.selection import Selection
from build_tools.model import LETTERS, Question

from . import qti_spec

Q = f"{{{qti.QTI_NS}}}"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pyslet's old method names


def unpack(selection: Selection) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(qti.export(selection).data)) as zf:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zf.infolist())
        return {info.filename: zf.read(info) for info in zf.infolist()}


def text_of(el: etree._Element) -> str:
    """Element text with <br/> as a line break."""
    out = el.text or ""
    for child in el:
        assert child.tag == f"{Q}br"
        out += "\n" + (child.tail or "")
    return out


def check_item(el: etree._Element, q: Question) -> None:
    assert qti_spec.check_item(el) == []
    assert el.get("identifier") == qti.identifier(q.id)
    interaction = el.find(f"{Q}itemBody/{Q}choiceInteraction")
    assert interaction.get("maxChoices") == ("0" if q.kind == "multiple" else "1")
    assert text_of(interaction.find(f"{Q}prompt")) == q.stem
    choices = interaction.findall(f"{Q}simpleChoice")
    assert [text_of(c) for c in choices] == q.shown_options
    correct = [v.text for v in el.findall(f"{Q}responseDeclaration/{Q}correctResponse/{Q}value")]
    assert correct == [LETTERS[i] for i in q.correct_indexes]
    assert [c.get("identifier") for c in choices if c.get("identifier") in correct] == correct
    assert text_of(el.find(f"{Q}modalFeedback")) == q.explanation


def check_package(selection: Selection) -> dict[str, bytes]:
    files = unpack(selection)
    names = list(files)
    assert names[0] == "imsmanifest.xml"
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert qti_spec.check_manifest(manifest, set(names)) == []
    hrefs = [r.get("href") for r in manifest.iter(f"{{{qti.CP_NS}}}resource")]
    assert hrefs == [qti.item_path(q) for q in selection.questions] == names[1:]
    for q in selection.questions:
        check_item(etree.fromstring(files[qti.item_path(q)]), q)
    return files


def test_default_banks_match_question_by_question(everything: Selection) -> None:
    check_package(everything)


def test_hostile_text_matches(hostile: Selection) -> None:
    files = check_package(hostile)
    raw = files["items/hostile-001.xml"].decode("utf-8")
    assert "&lt;b&gt;这&lt;/b&gt;" in raw and "<b>" not in raw


def test_spec_check_finds_mistakes(hostile: Selection) -> None:
    """The structural check must fail on broken items, or it proves nothing."""
    good = qti.item(hostile.questions[1])
    assert qti_spec.check_item(good) == []
    broken = qti.item(hostile.questions[1])
    broken.find(f"{Q}itemBody/{Q}choiceInteraction").set("maxChoices", "1")
    broken.find(f"{Q}responseDeclaration/{Q}correctResponse/{Q}value").text = "Z"
    body = broken.find(f"{Q}itemBody")
    broken.remove(body)
    broken.append(body)  # itemBody after modalFeedback: out of order
    problems = qti_spec.check_item(broken)
    assert any("maxChoices" in p for p in problems)
    assert any("'Z'" in p for p in problems)
    assert any("order" in p for p in problems)


def pyslet_item(data: bytes, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    doc = pyslet_qti.QTIDocument(base_uri=str(path))
    doc.read()
    return doc.root


def score(item, response: list[str] | str) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    state = pyslet_variables.ItemSessionState(item)
    state.begin_session()
    state["RESPONSE"].set_value(response)
    state.end_attempt()
    return state["SCORE"].value, state["FEEDBACK"].value


@pytest.mark.parametrize("which", ["hostile", "everything"])
def test_a_qti_engine_scores_the_items(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """pyslet (a QTI 2.1 implementation) loads every item and runs its response processing:
    the correct answer scores 1 and shows the explanation, a wrong one scores 0."""
    selection: Selection = request.getfixturevalue(which)
    files = unpack(selection)
    for q in selection.questions:
        item = pyslet_item(files[qti.item_path(q)], tmp_path, f"{q.id}.xml")
        correct = [LETTERS[i] for i in q.correct_indexes]
        wrong = [LETTERS[i] for i in range(len(q.shown_options)) if i not in q.correct_indexes][:1]
        as_value = (lambda letters: letters) if q.kind == "multiple" else (lambda letters: letters[0])
        assert score(item, as_value(correct)) == (1.0, "EXPLANATION"), q.id
        assert score(item, as_value(wrong))[0] == 0.0, q.id
        if q.kind == "multiple":
            assert score(item, correct[:-1])[0] == 0.0, q.id  # half right is wrong


def test_pyslet_reads_the_manifest(hostile: Selection, tmp_path: Path) -> None:
    for name, data in unpack(hostile).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    package = pyslet_cp.ContentPackage(str(tmp_path))
    resources = list(package.manifest.root.Resources.Resource)
    assert [r.type for r in resources] == ["imsqti_item_xmlv2p1"] * len(hostile.questions)
    assert [str(r.href) for r in resources] == [qti.item_path(q) for q in hostile.questions]
