"""学习通 (超星) 课程题库 layout: the template's columns, every row read back with openpyxl."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from build_tools.exchange import EXPORTERS, xlsx_chaoxing
from build_tools.exchange.selection import Selection
from build_tools.model import LETTERS

# the import template's header row, in its order (written out here, not taken from the module)
TEMPLATE_COLUMNS = ["目录", "题目类型", "大题题干", "小题题型", "小题题干", "正确答案", "答案解析", "难易度",
                    "知识点", "标签", "选项数", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G", "选项H"]
KINDS = {"single": "单选题", "multiple": "多选题", "judge": "判断题"}
LEVELS = {None: None, 1: "易", 2: "中", 3: "难"}


def rows(selection: Selection) -> list[list[object]]:
    wb = load_workbook(io.BytesIO(EXPORTERS["xlsx-chaoxing"].export(selection).data))
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def check(selection: Selection) -> None:
    header, *body = rows(selection)
    assert header == TEMPLATE_COLUMNS
    assert len(body) == len(selection.questions)
    for part in selection.parts:
        for q in part.questions:
            cells = dict(zip(header, body.pop(0)))
            names = (selection.site_name, part.bank.title)
            assert cells["目录"] == "/" + "/".join(name.replace("/", "-") for name in names)
            assert cells["题目类型"] == KINDS[q.kind]
            assert cells["大题题干"] == q.stem
            assert cells["小题题型"] is None and cells["小题题干"] is None
            options = ["正确", "错误"] if q.kind == "judge" else list(q.options)
            assert [cells[f"选项{ch}"] for ch in LETTERS] == options + [None] * (8 - len(options))
            assert cells["选项数"] == len(options)
            want = ("A" if q.answer else "B") if q.kind == "judge" else "".join(LETTERS[i] for i in q.answer)
            assert cells["正确答案"] == want
            assert cells["答案解析"] == q.explanation
            assert cells["难易度"] == LEVELS[q.difficulty]
            assert cells["知识点"] == selection.type_name(q.type)
            assert cells["标签"] == q.id


def test_default_banks_fill_the_template(everything: Selection) -> None:
    check(everything)


def test_hostile_text_fills_the_template_as_text(hostile: Selection) -> None:
    check(hostile)
    ws = load_workbook(io.BytesIO(xlsx_chaoxing.export(hostile).data)).active
    option_a = ws.cell(2, TEMPLATE_COLUMNS.index("选项A") + 1)
    assert option_a.value == "=1+1 开头的选项" and option_a.data_type == "s"  # never a formula
    assert ws.cell(2, 1).value == "/反诈知识库/刷单-返利 <测试> & \"引号\""  # '/' is the folder separator


def test_same_questions_same_bytes(hostile: Selection) -> None:
    assert xlsx_chaoxing.export(hostile).data == xlsx_chaoxing.export(hostile).data
