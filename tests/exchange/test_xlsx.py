"""Excel export, read back with openpyxl."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from build_tools.exchange import xlsx
from build_tools.exchange.selection import DIFFICULTY_NAMES, Selection
from build_tools.kinds import KIND_NAMES
from build_tools.model import LETTERS


def rows(selection: Selection) -> list[list[object]]:
    wb = load_workbook(io.BytesIO(xlsx.export(selection).data))
    assert wb.sheetnames == ["题库"]
    return [list(r) for r in wb["题库"].iter_rows(values_only=True)]


def check(selection: Selection) -> None:
    header, *body = rows(selection)
    assert header == ["题型", "题干", *[f"选项{ch}" for ch in "ABCDEFGH"], "答案", "解析", "类型", "难度", "题目编号"]
    assert len(body) == len(selection.questions)
    for row, q in zip(body, selection.questions):
        cells = dict(zip(header, row))
        assert cells["题型"] == KIND_NAMES[q.kind]
        assert cells["题干"] == q.stem
        options = [cells[f"选项{ch}"] for ch in LETTERS]
        expected = list(q.options) if q.kind != "judge" else []
        assert options == expected + [None] * (8 - len(expected))
        assert cells["答案"] == q.answer_letters
        assert cells["解析"] == q.explanation
        assert cells["类型"] == selection.type_name(q.type)
        assert cells["难度"] == DIFFICULTY_NAMES.get(q.difficulty or 0)
        assert cells["题目编号"] == q.id


def test_default_banks_read_back(everything: Selection) -> None:
    check(everything)


def test_hostile_text_reads_back_as_text(hostile: Selection) -> None:
    check(hostile)
    wb = load_workbook(io.BytesIO(xlsx.export(hostile).data))
    first_option = wb["题库"]["C2"]
    assert first_option.value == "=1+1 开头的选项" and first_option.data_type == "s"  # not a formula
    assert rows(hostile)[1][-3:] == ["刷单返利", "困难", "hostile-001"]


def test_same_questions_same_bytes(hostile: Selection) -> None:
    assert xlsx.export(hostile).data == xlsx.export(hostile).data
