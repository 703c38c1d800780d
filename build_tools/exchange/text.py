"""The 答案：/解析： text layout: what teachers type in Word and question-bank importers accept.

    1. 题干（  ）
    A. 选项
    B. 选项
    答案：B            多选 答案：ACD；判断 答案：正确 / 答案：错误
    解析：……
    (blank line)

Questions are numbered 1… across the whole export; the kind follows from the layout (no
options → 判断题, several letters → 多选题), which is how `text_import` reads it back.
Text is written as it is; a line break inside a stem, option or explanation becomes a new
line, which `text_import` joins back. After writing, the text is read back with
`text_import` and any question that would not come back the same is named in a warning
(a line inside a stem that starts like `A.` or `答案：` is the usual cause).
"""
from __future__ import annotations

import bisect

from ..model import LETTERS, Question
from . import text_import
from .selection import Exported, Selection

EXTENSION = ".txt"
BLANK = "（  ）"


def render_question(number: int, q: Question) -> str:
    """One question in the layout above, without the blank line after it."""
    lines = [f"{number}. {q.stem}{BLANK}"]
    lines += [f"{LETTERS[i]}. {opt}" for i, opt in enumerate(q.options if q.kind != "judge" else [])]
    lines.append(f"答案：{q.answer_letters}")
    lines.append(f"解析：{q.explanation}")
    return "\n".join(lines)


def render(questions: list[Question]) -> str:
    return "".join(f"{render_question(n, q)}\n\n" for n, q in enumerate(questions, start=1))


def export(selection: Selection) -> Exported:
    """UTF-8 text (no BOM, LF line ends), with warnings for questions that read back differently."""
    questions = selection.questions
    text = render(questions)
    return Exported(text.encode("utf-8"), _round_trip_warnings(text, questions), questions)


def _round_trip_warnings(text: str, questions: list[Question]) -> list[str]:
    back = text_import.parse_text(text)
    if len(back.questions) == len(questions) and not back.errors:
        return [f"{q.id}: its {field} will not read back the same from this text (a line in it starts "
                "like a number, an option or 答案：); check it after importing elsewhere"
                for q, got in zip(questions, back.questions) if (field := differs(q, got))]
    starts, line = [], 1
    for n, q in enumerate(questions, start=1):
        starts.append(line)
        line += render_question(n, q).count("\n") + 2
    blamed = dict.fromkeys(questions[bisect.bisect_right(starts, p.line) - 1].id for p in back.errors)
    return [f"{qid}: this question does not read back from the text export (a line in its text starts "
            "like a number, an option or 答案：); check it after importing elsewhere" for qid in blamed] or [
        f"the text export reads back as {len(back.questions)} of {len(questions)} questions"]


def differs(q: Question, got: text_import.ImportedQuestion) -> str:
    """The first field in which an imported question differs from the original, or ''."""
    pairs = (("kind", q.kind, got.kind), ("stem", q.stem, got.stem),
             ("options", list(q.options) if q.kind != "judge" else [], got.options),
             ("answer", q.answer, got.answer), ("explanation", q.explanation, got.explanation))
    return next((name for name, a, b in pairs if a != b), "")
