"""Excel in the columns of 学习通 (超星)'s 课程题库 import template (`--format xlsx-chaoxing`).

Columns, in the template's order:

    目录 | 题目类型 | 大题题干 | 小题题型 | 小题题干 | 正确答案 | 答案解析 | 难易度 | 知识点 | 标签 | 选项数 | 选项A … 选项H

- 目录: the folder in the course's 题库, `/<site name>/<bank title>` ('/' inside a name
  written as '-', since it separates folders).
- 题目类型: 单选题 / 多选题 / 判断题. 大题题干: the stem. 小题题型 and 小题题干 are for the
  parts of a composite question (阅读理解 and the like) and stay empty.
- 正确答案: the letters (B, ACD). A judge question lists 正确 and 错误 as its two options
  and its answer is A (正确) or B (错误).
- 难易度: 易 / 中 / 难 from the question's difficulty (empty when it has none).
- 知识点: the fraud type's name; 标签: our question id, so a row can be traced back.
- 选项数: the number of options.

Where the columns come from: 学习通's own template file (题库 → 批量导入 → 下载模板) could
not be read from this machine; the order and names follow a public project that fills that
template for teachers (its header list and its judge rows, 正确/错误 with answer A/B).
Open one imported question in 学习通 before a real test. Cells are text, as in `xlsx`.
"""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ..kinds import KIND_NAMES
from ..model import LETTERS, Question
from . import xlsx
from ._zip import FIXED_DATE
from .selection import Exported, Part, Selection

EXTENSION = ".xlsx"
OPTION_COLUMNS = [f"选项{ch}" for ch in LETTERS]
HEADER = ["目录", "题目类型", "大题题干", "小题题型", "小题题干", "正确答案", "答案解析", "难易度", "知识点", "标签",
          "选项数", *OPTION_COLUMNS]
DIFFICULTY = {1: "易", 2: "中", 3: "难"}
JUDGE_OPTIONS = ["正确", "错误"]


def folder(site_name: str, part: Part) -> str:
    return "/" + "/".join(name.replace("/", "-").strip() for name in (site_name, part.bank.title))


def row(q: Question, directory: str, type_name: str) -> list[str | int | None]:
    options = JUDGE_OPTIONS if q.kind == "judge" else list(q.options)
    answer = "".join(LETTERS[i] for i in q.correct_indexes)
    cells: list[str | int | None] = [directory, KIND_NAMES[q.kind], q.stem, None, None, answer, q.explanation,
                                     DIFFICULTY.get(q.difficulty or 0), type_name, q.id, len(options)]
    return cells + [*options, *[None] * (len(LETTERS) - len(options))]


def workbook(selection: Selection) -> Workbook:
    wb, ws = xlsx.new_workbook("课程题库", HEADER)
    for part in selection.parts:
        directory = folder(selection.site_name, part)
        for q in part.questions:
            ws.append(row(q, directory, selection.type_name(q.type)))
    xlsx._style(ws, HEADER)
    count = HEADER.index("选项数") + 1
    for r in range(2, ws.max_row + 1):  # a number, as the template's own column holds
        cell = ws.cell(r, count)
        cell.value, cell.data_type = int(str(cell.value)), "n"
    for name, width in (("目录", 24), ("大题题干", 60), ("答案解析", 60), ("题目类型", 8), ("正确答案", 8),
                        ("难易度", 6), ("选项数", 6), ("标签", 16)):
        ws.column_dimensions[get_column_letter(HEADER.index(name) + 1)].width = width
    when = dt.datetime(*FIXED_DATE)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = selection.site_name
    wb.properties.title = f"{selection.site_name}题库（学习通）"
    return wb


def export(selection: Selection) -> Exported:
    return Exported(xlsx.save(workbook(selection)), numbered=selection.questions)
