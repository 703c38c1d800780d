"""The answer map beside every export: its numbers and keys are what the exported file shows.

Each export is read back the way its platform would number it (问卷星 text and the text
layout by their question numbers, Excel by row, Moodle XML and GIFT by question order, QTI
by the manifest), and every question's id, key and option texts are compared with the map.
"""
from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree

from build_tools import cli
from build_tools.exchange import EXPORTERS, answermap, text_import
from build_tools.exchange.answermap import AnswerMapError, MappedQuestion
from build_tools.exchange.files import write_files
from build_tools.model import LETTERS

from ..core.helpers import make_tree
from .conftest import FIXTURES

# a second bank, so that numbering runs on across banks
SECOND = """bank: gongjianfa
title: 冒充公检法
type: gongjianfa
questions:
  - id: gjf-001
    kind: single
    stem: 自称警官的人要求你把钱转入“安全账户”，你该怎么做？
    options: [照做以证清白, 挂断后自己拨打 110 核实, 先转一小部分试试, 把验证码告诉对方]
    answer: B
    explanation: 公安机关没有“安全账户”。
  - id: gjf-002
    kind: multiple
    stem: 下列哪些是冒充公检法诈骗的常见说法？
    options: [你涉嫌洗钱, 要对案情保密不能告诉家人, 请到派出所当面办理, 把钱转到安全账户接受审查]
    answer: ABD
    explanation: 真警察会让你到派出所，不会要求保密和转账。
  - id: gjf-003
    kind: judge
    stem: 公安机关会通过视频电话出示“通缉令”并要求转账。
    answer: false
    explanation: 公安机关不会这样做。
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tree(tmp_path_factory.mktemp("maps") / "root", {
        "quizzes/hostile.yml": (FIXTURES / "hostile.yml").read_text(encoding="utf-8"),
        "quizzes/gongjianfa.yml": SECOND})


def export(root: Path, fmt: str, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code = cli.main(["export", "--root", str(root), "--format", fmt, "--out", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


# reading each export as its platform numbers it: number → (id or None, key as letters/T/F, options)

Shown = dict[int, tuple[str | None, str, list[str]]]


def _judge(word: str) -> str:
    return {"正确": "T", "错误": "F", "true": "T", "false": "F", "TRUE": "T", "FALSE": "F", "A": "T", "B": "F"}[word]


def read_wjx(data: bytes) -> Shown:
    out: Shown = {}
    for block in data.decode("utf-8").strip().split("\n\n"):
        head, *options = block.split("\n")
        m = re.fullmatch(r"(\d+)\. (.*)\(([A-H]+)\) \[(单选题|多选题|判断题)\]", head)
        assert m, head
        key = _judge(m[3]) if m[4] == "判断题" else m[3]
        out[int(m[1])] = (None, key, options)
    return out


def read_text(data: bytes) -> Shown:
    text = data.decode("utf-8")
    numbers = [int(n) for n in re.findall(r"(?m)^(\d+)\. ", text) if n]
    back = text_import.parse_text(text)
    assert not back.errors and len(back.questions) == len(set(numbers))
    out: Shown = {}
    for number, q in zip(sorted(set(numbers)), back.questions):
        key = ("T" if q.answer else "F") if q.kind == "judge" else "".join(LETTERS[i] for i in q.answer)
        out[number] = (None, key, list(q.options) if q.kind != "judge" else ["正确", "错误"])
    return out


def xlsx_rows(data: bytes) -> Iterator[tuple[int, dict[Any, Any]]]:
    """(number from 1, {heading: value}) of each question row of a workbook's first sheet."""
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    head = list(rows[0])
    for number, row in enumerate(rows[1:], start=1):
        yield number, dict(zip(head, row))


def read_xlsx(data: bytes) -> Shown:
    out: Shown = {}
    for number, cell in xlsx_rows(data):
        kind = cell["题型"]
        options = [cell[f"选项{ch}"] for ch in LETTERS if cell[f"选项{ch}"] is not None]
        key = _judge(cell["答案"]) if kind == "判断题" else cell["答案"]
        out[number] = (cell["题目编号"], key, options or ["正确", "错误"])
    return out


def read_moodle(data: bytes) -> Shown:
    out: Shown = {}
    questions = [q for q in etree.fromstring(data).iter("question") if q.get("type") != "category"]
    for number, q in enumerate(questions, start=1):
        answers = q.findall("answer")
        texts = [a.findtext("text") for a in answers]
        right = [i for i, a in enumerate(answers) if float(a.get("fraction")) > 0]
        if q.get("type") == "truefalse":
            out[number] = (q.findtext("name/text"), _judge(texts[right[0]]), ["正确", "错误"])
        else:
            out[number] = (q.findtext("name/text"), "".join(LETTERS[i] for i in right), texts)
    return out


def read_gift(data: bytes) -> Shown:
    text = data.decode("utf-8")
    out: Shown = {}
    for number, m in enumerate(re.finditer(r"(?ms)^::(.+?)::\[plain\].*?\{(.*?)####", text), start=1):
        qid, body = m[1].replace("\\-", "-"), m[2]
        if body in ("TRUE", "FALSE"):
            out[number] = (qid, _judge(body), ["正确", "错误"])
            continue
        marks = re.findall(r"(?m)^(=|~%(-?[\d.]+)%|~)(.*)$", body)
        right = [i for i, (mark, weight, _) in enumerate(marks) if mark == "=" or (weight and float(weight) > 0)]
        options = [re.sub(r"\\(.)", lambda e: "\n" if e[1] == "n" else e[1], t) for *_, t in marks]
        out[number] = (qid, "".join(LETTERS[i] for i in right), options)
    return out


def read_qti(data: bytes) -> Shown:
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
    out: Shown = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        hrefs = [r.get("href") for r in etree.fromstring(zf.read("imsmanifest.xml")).iterfind(".//cp:resource", ns)]
        for number, href in enumerate(hrefs, start=1):
            item = etree.fromstring(zf.read(href))
            choices = item.findall(".//q:simpleChoice", ns)
            ids = [c.get("identifier") for c in choices]
            texts = ["\n".join(c.itertext()) for c in choices]
            right = [v.text for v in item.iterfind(".//q:correctResponse/q:value", ns)]
            judge = texts == ["正确", "错误"] and item.find(".//q:choiceInteraction", ns).get("maxChoices") == "1"
            key = "".join(sorted(right))
            assert all(r in ids for r in right)
            out[number] = (item.get("identifier"), _judge(key) if judge and key in "AB" else key, texts)
    return out


def read_wjx_jsonl(data: bytes) -> Shown:
    out: Shown = {}
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()][1:]  # after the 问卷基础信息 line
    for number, obj in enumerate(lines, start=1):
        if obj["qtype"] == "考试判断":
            out[number] = (None, "T" if obj["correctselect"] == ["对"] else "F", ["正确", "错误"])
        else:
            out[number] = (None, "".join(obj["correctselect"]), obj["select"])
    return out


def read_xlsx_chaoxing(data: bytes) -> Shown:
    out: Shown = {}
    for number, cell in xlsx_rows(data):
        options = [cell[f"选项{ch}"] for ch in LETTERS if cell[f"选项{ch}"] is not None]
        key = {"A": "T", "B": "F"}[cell["正确答案"]] if cell["题目类型"] == "判断题" else cell["正确答案"]
        out[number] = (cell["标签"], key, options)
    return out


READERS = {"wjx": read_wjx, "wjx-jsonl": read_wjx_jsonl, "text": read_text, "xlsx": read_xlsx,
           "xlsx-chaoxing": read_xlsx_chaoxing, "moodle": read_moodle, "gift": read_gift,
           "qti": read_qti}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_map_numbers_and_keys_are_what_the_export_shows(fmt: str, root: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert set(READERS) == set(EXPORTERS)
    out = tmp_path / f"bank{EXPORTERS[fmt].EXTENSION}"
    err = export(root, fmt, out, capsys, "--include-exam")
    path = answermap.map_path(out)
    assert path.name == out.name[: -len(out.suffix)] + ".answers.json" and path.is_file()
    assert str(path) in err
    amap = answermap.read(path)
    assert amap.made_by == f"export-{fmt}" and [v.name for v in amap.versions] == ["A"]
    shown = READERS[fmt](out.read_bytes())
    mapped = amap.versions[0].by_number()
    assert sorted(shown) == sorted(mapped) == list(range(1, 11))  # 7 hostile (one exam_only) + 3
    for number, (qid, key, options) in shown.items():
        mq = mapped[number]
        if qid is not None:
            assert qid in (mq.id, f"q-{mq.id}"), (fmt, number)
        assert key == mq.key, (fmt, number, mq.id)
        assert [_flat(o) for o in options] == [_flat(o) for o in mq.options], (fmt, number)
    # banks in the knowledge base's order (file names), questions in bank order
    assert [q.id for q in amap.versions[0].questions] == ["gjf-001", "gjf-002", "gjf-003"] + [
        f"hostile-00{i}" for i in range(1, 8)]


def test_map_follows_the_selection(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hostile.xlsx"
    export(root, "xlsx", out, capsys, "--banks", "hostile")
    ids = [q.id for q in answermap.read(tmp_path / "hostile.answers.json").versions[0].questions]
    assert ids == [f"hostile-00{i}" for i in range(1, 7)]  # hostile-007 is exam_only
    assert ids == [row[-1] for row in list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))[1:]]


def test_an_export_without_suffix_gets_its_map_beside_it(root: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    export(root, "gift", tmp_path / "bank", capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "bank.answers.json"]
    assert answermap.read(tmp_path / "bank.answers.json").made_by == "export-gift"


def test_refused_export_writes_neither_file(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.txt"
    assert cli.main(["export", "--root", str(root), "--format", "text", "--out", str(tmp_path / "x.answers.json")]) == 2
    assert "names an answer map" in capsys.readouterr().err
    (tmp_path / "x.answers.json").mkdir()
    assert cli.main(["export", "--root", str(root), "--format", "text", "--out", str(out)]) == 2
    assert "would replace a folder" in capsys.readouterr().err
    assert not out.exists()


def test_both_files_or_neither(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed write or move puts back what was there: never a new export beside an old map."""
    export_file, map_file = tmp_path / "bank.txt", tmp_path / "bank.answers.json"
    export_file.write_bytes(b"old export")
    map_file.write_bytes(b"old map")
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):  # refused before anything moves
        write_files([(export_file, b"new export"), (map_file, b"new map"), (folder, b"third")])
    assert export_file.read_bytes() == b"old export" and map_file.read_bytes() == b"old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.answers.json", "bank.txt", "folder"]

    real_replace, calls = os.replace, []

    def failing_replace(src: str, dst: str) -> None:  # the map's move fails (disk full, permissions…)
        calls.append(dst)
        if str(dst).endswith(".answers.json") and str(src).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    fresh, fresh_map = tmp_path / "new.txt", tmp_path / "new.answers.json"
    for target, target_map in ((export_file, map_file), (fresh, fresh_map)):
        with pytest.raises(PermissionError):
            write_files([(target, b"new export"), (target_map, b"new map")])
    monkeypatch.undo()
    assert len(calls) > 2
    assert export_file.read_bytes() == b"old export" and map_file.read_bytes() == b"old map"
    assert not fresh.exists() and not fresh_map.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.answers.json", "bank.txt", "folder"]
    write_files([(export_file, b"new export"), (map_file, b"new map")])
    assert export_file.read_bytes() == b"new export" and map_file.read_bytes() == b"new map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.answers.json", "bank.txt", "folder"]


# the map file itself --------------------------------------------------------------------

def sample_map() -> answermap.AnswerMap:
    single = MappedQuestion(1, "a-001", "single", (2, 0, 3, 1), "D", ("丙", "甲", "丁", "乙"))
    multiple = MappedQuestion(2, "a-002", "multiple", (1, 0, 2), "AC", ("二", "一", "三"))
    judge = MappedQuestion(3, "a-003", "judge", (0, 1), "F", ("正确", "错误"))
    return answermap.AnswerMap("paper", "测试卷", (answermap.MappedVersion("A", (single, multiple, judge)),
                                                 answermap.MappedVersion("B", (judge, single))),
                               2026, 60.0, {"single": 2.0, "judge": 1.0})


def test_a_map_round_trips(tmp_path: Path) -> None:
    amap = sample_map()
    path = tmp_path / "answers.json"
    path.write_bytes(amap.to_json())
    back = answermap.read(path)
    assert back == amap
    assert back.version("A").by_number()[1].source_index("A") == 2  # type: ignore[union-attr]
    assert back.to_json() == amap.to_json()


@pytest.mark.parametrize("damage, entry, message", [
    (lambda t: t.replace('"format": "fanzha-answer-map"', '"format": "other"'), None, "not a fanzha-answer-map file"),
    (lambda t: t.replace('"version": 1', '"version": 7'), None, "version 7 is not supported"),
    (lambda t: t.replace('"key": "AC"', '"key": "AE"'), '"key": "AE"', "version A question 2: key 'AE' is not among ABC"),
    (lambda t: t.replace('"kind": "multiple"', '"kind": "essay"'), '"essay"', "unknown kind 'essay'"),
    (lambda t: t.replace('"id": "a-002",', '"ident": "a-002",'), '"ident"', "a question entry without number, id"),
    (lambda t: t.replace('"number": 3', '"number": 1', 1), '"id": "a-003"', "question number 1 appears twice"),
    (lambda t: t.replace('"order": [\n      2,', '"order": [\n      1,', 1), '"丙"',
     "version A question 1: order [1, 0, 3, 1] is not an order of its 4 options"),
    (lambda t: t.replace('"pass_mark": 60.0', '"pass_mark": "六十"'), None, "pass_mark and points must be numbers"),
])
def test_a_damaged_map_is_an_error_at_its_line(damage, entry, message, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The line named is the opening line of the question entry at fault (1 for the whole file)."""
    path = tmp_path / "answers.json"
    text = damage(sample_map().to_json().decode("utf-8"))
    assert text != sample_map().to_json().decode("utf-8")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswerMapError) as caught:
        answermap.read(path)
    got = str(caught.value)
    lines = text.splitlines()
    expected = 1
    if entry is not None:
        at = next(i for i, line in enumerate(lines) if entry in line)
        expected = max(i for i in range(at + 1) if lines[i].strip() == "{") + 1
    assert got.startswith(f"{path}:{expected}: error answer map: ") and message in got, got


def test_a_truncated_map_names_the_line_json_stops_at(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    text = sample_map().to_json().decode("utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(AnswerMapError, match=rf"^{re.escape(str(path))}:\d+: error not an answer map \(invalid JSON"):
        answermap.read(path)


def test_a_map_that_is_not_json_says_so(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(AnswerMapError, match=rf"^{re.escape(str(path))}:1: error not an answer map"):
        answermap.read(path)
    assert json.loads(sample_map().to_json())["format"] == "fanzha-answer-map"
