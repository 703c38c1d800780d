"""Every export of a bank holding every class of special character that validates, read back
by its consumer: Moodle XML (a model of Moodle's xmlize), GIFT (ua-exam), QTI (the spec check),
Excel (openpyxl), 学习通 Excel, 问卷星 JSONL (the kit's documented grammar), the text layout
(our importer), 问卷星 text. None may end in an error; each must give back the same text."""
from __future__ import annotations

import pytest

from build_tools import core
from build_tools.exchange import EXPORTERS, text_import
from build_tools.exchange.selection import Selection, select
from build_tools.settings import Settings

from ..core.helpers import TODAY, make_tree
from . import test_gift, test_moodle, test_qti, test_wjx_jsonl, test_xlsx, test_xlsx_chaoxing
from .conftest import FIXTURES


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> Selection:
    root = make_tree(tmp_path_factory.mktemp("special"),
                     {"quizzes/special.yml": (FIXTURES / "special.yml").read_text(encoding="utf-8")})
    result = core.validate(root, Settings(), today=TODAY)
    assert not result.errors, [str(p) for p in result.errors]
    return select(result.kb, include_exam=True)


def test_the_bank_holds_what_it_says(special: Selection) -> None:
    text = "".join(q.stem + "".join(q.options) + q.explanation for q in special.questions)
    for ch in "😀𠀀\u0301\u200f\u200b\u2028\u2029\u00a0\u3000\ue000\ufffd\t\r":
        assert ch in text, f"U+{ord(ch):04X}"


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_exporter_writes_it(special: Selection, fmt: str) -> None:
    exported = EXPORTERS[fmt].export(special)
    assert exported.data and exported.numbered == special.questions


def test_moodle_reads_it_back(special: Selection) -> None:
    test_moodle.check_document(test_moodle.parse(special), special)
    texts = test_moodle.as_moodle_reads(EXPORTERS["moodle"].export(special).data)
    for q in special.questions:
        assert q.stem.replace("\r", "\n") in texts  # XML turns a CR into a line feed, as any parser does


def test_gift_reads_it_back(special: Selection) -> None:
    test_gift.check(special)


def test_qti_reads_it_back(special: Selection) -> None:
    test_qti.check_package(special)


def test_excel_reads_it_back(special: Selection) -> None:
    test_xlsx.check(special)
    test_xlsx_chaoxing.check(special)


def test_wjx_jsonl_reads_it_back(special: Selection) -> None:
    test_wjx_jsonl.check(special)


def test_text_reads_it_back_or_names_why(special: Selection) -> None:
    exported = EXPORTERS["text"].export(special)
    back = text_import.parse_bytes(exported.data)
    assert not back.errors
    named = {w.split(":")[0] for w in exported.warnings}
    for q, got in zip(special.questions, back.questions):
        same = (got.stem, got.options if q.kind != "judge" else [], got.explanation) == (
            q.stem, list(q.options) if q.kind != "judge" else [], q.explanation)
        assert same or q.id in named, q.id
