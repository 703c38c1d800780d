"""Excel: one row a question (openpyxl).

Columns: 题型, 题干, 选项A…选项H, 答案, 解析, 类型, 难度, 题目编号.
题型 is 单选题/多选题/判断题; 答案 is B, ACD, or 正确/错误; 类型 is the fraud type's
name; 难度 is 简单/中等/困难 (empty when the bank gives none); 题目编号 is our id, so a
row can be traced back to its bank.

Every cell is text, even one that starts with '=' (openpyxl would otherwise store it as
a formula). The file is the same bytes for the same questions: fixed document dates and
fixed zip entry dates.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..kinds import KIND_NAMES
from ..model import LETTERS, Question
from ._zip import FIXED_DATE, renormalise
from .selection import DIFFICULTY_NAMES, Exported, Selection

EXTENSION = ".xlsx"
HEADER = ["题型", "题干", *[f"选项{ch}" for ch in LETTERS], "答案", "解析", "类型", "难度", "题目编号"]
WIDTHS = {"题干": 60, "解析": 60, "题型": 8, "答案": 8, "类型": 14, "难度": 6, "题目编号": 16}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0


def row(q: Question, type_name: str) -> list[str | None]:
    """The cells of one question, in HEADER order (None: an empty cell)."""
    options: list[str | None] = list(q.options) if q.kind != "judge" else []
    return [KIND_NAMES[q.kind], q.stem, *options, *[None] * (len(LETTERS) - len(options)),
            q.answer_letters, q.explanation, type_name, DIFFICULTY_NAMES.get(q.difficulty or 0), q.id]


def new_workbook(title: str, header: list[str]) -> tuple[Workbook, Worksheet]:
    """A workbook whose one sheet is named `title` and starts with the `header` row."""
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet
    ws.title = title
    ws.append(header)
    return wb, ws


def workbook(selection: Selection) -> Workbook:
    wb, ws = new_workbook("题库", HEADER)
    for q in selection.questions:
        ws.append(row(q, selection.type_name(q.type)))
    _style(ws)
    when = dt.datetime(*FIXED_DATE)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = selection.site_name
    wb.properties.title = f"{selection.site_name}题库"
    return wb


def _style(ws: Worksheet, header: list[str] = HEADER) -> None:
    for cells in ws.iter_rows():
        for cell in cells:
            _as_text(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, name in enumerate(header):
        ws.column_dimensions[get_column_letter(i + 1)].width = WIDTHS.get(name, 24)
    ws.freeze_panes = "A2"


def _as_text(cell: Cell | MergedCell) -> None:
    if cell.value is None:
        return
    cell.value = _ILLEGAL.sub("", str(cell.value))
    cell.data_type = "s"  # never a formula, whatever the text starts with


def save(wb: Workbook) -> bytes:
    """The workbook's bytes, the same for the same content (fixed dates)."""
    buf = io.BytesIO()
    archive = ZipFile(buf, "w", ZIP_DEFLATED, allowZip64=True)
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time as "modified"
    ExcelWriter(wb, archive).save()
    return renormalise(buf.getvalue())


def export(selection: Selection) -> Exported:
    return Exported(save(workbook(selection)), numbered=selection.questions)  # one row a question
