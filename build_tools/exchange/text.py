"""The 答案：/解析： text layout: what teachers type in Word and question-bank importers accept.

    1. 题干（  ）
    A. 选项
    B. 选项
    答案：B            多选 答案：ACD；判断 答案：正确 / 答案：错误
    解析：……
    【题型】单选题     only for a single-choice question whose options read as a judge pair (是/否)
    【难度】中等       only when the question has a difficulty
    【仅限考试】是     only for an exam_only question
    【案例】case-id    only when the question links a case
    (blank line)

Questions are numbered 1… across the whole export; the kind follows from the layout (no
options → 判断题, several letters → 多选题), which is how `text_import` reads it back.
Text is written as it is; a line break inside a stem, option or explanation becomes a new
line, which `text_import` joins back. After writing, the text is read back with
`text_import` and any question that would not come back the same is named in a warning
(the warning names the line and what it reads as: a line inside a stem that starts like
`A.` or `答案：`, a line holding only a page number, a marked line).
"""
from __future__ import annotations

import bisect

from ..model import LETTERS, Question
from . import text_import
from .selection import DIFFICULTY_NAMES, Exported, Selection

EXTENSION = ".txt"
BLANK = "（  ）"


def render_question(number: int, q: Question) -> str:
    """One question in the layout above, without the blank line after it."""
    lines = [f"{number}. {q.stem}{BLANK}"]
    lines += [f"{LETTERS[i]}. {opt}" for i, opt in enumerate(q.options if q.kind != "judge" else [])]
    lines.append(f"答案：{q.answer_letters}")
    lines.append(f"解析：{q.explanation}")
    lines += marked_lines(q)
    return "\n".join(lines)


def marked_lines(q: Question) -> list[str]:
    """The optional 【…】 lines that carry what the layout cannot show (see text_import)."""
    out = []
    if q.kind == "single" and text_import.is_judge_pair(list(q.options)):
        out.append("【题型】单选题")
    if q.difficulty:
        out.append(f"【难度】{DIFFICULTY_NAMES[q.difficulty]}")
    if q.exam_only:
        out.append("【仅限考试】是")
    if q.case:
        out.append(f"【案例】{q.case}")
    return out


def render(questions: list[Question]) -> str:
    return "".join(f"{render_question(n, q)}\n\n" for n, q in enumerate(questions, start=1))


def export(selection: Selection) -> Exported:
    """UTF-8 text (no BOM, LF line ends), with warnings for questions that read back differently."""
    questions = selection.questions
    text = render(questions)
    return Exported(text.encode("utf-8"), _round_trip_warnings(text, questions), questions)


def _round_trip_warnings(text: str, questions: list[Question]) -> list[str]:
    back = text_import.parse_bytes(text.encode("utf-8"))  # as a file is read: CR ends a line
    if len(back.questions) == len(questions) and not back.errors:
        return [f"{q.id}: its {field} will not read back the same from this text ({cause(q, field)}); "
                "check it after importing elsewhere"
                for q, got in zip(questions, back.questions) if (field := differs(q, got))]
    starts, line = [], 1
    for n, q in enumerate(questions, start=1):
        starts.append(line)
        line += render_question(n, q).count("\n") + 2
    blamed = {questions[i].id: questions[i] for i in
              dict.fromkeys(bisect.bisect_right(starts, p.line) - 1 for p in back.errors)}
    return [f"{q.id}: this question does not read back from the text export ({cause(q)}); "
            "check it after importing elsewhere" for q in blamed.values()] or [
        f"the text export reads back as {len(back.questions)} of {len(questions)} questions"]


_ROLE_NAMES = {"question": "a new numbered question", "option": "an option", "answer": "an 答案： line",
               "explanation": "a 解析： line", "heading": "a section heading such as 单选题"}


def cause(q: Question, field: str = "") -> str:
    """Why a question's text does not read back: the first line of it that reads as something else."""
    fields = {"stem": [q.stem], "options": list(q.options) if q.kind != "judge" else [],
              "explanation": [q.explanation]}
    for name, texts in fields.items():
        if field and field in fields and name != field:
            continue
        for text in texts:
            for i, raw in enumerate(text.split("\n")):
                line = text_import.clean_line(raw)
                if name == "options" and i == 0 and text_import.trailing_answer(line) is not None:
                    return f"its option '{_short(line)}' ends like an 答案： mark"
                if i == 0:  # after its own '1.', 'A.' or '解析：'
                    continue
                role = text_import.line_role(line)
                if line and text_import.PAGE_NUMBER.match(line):
                    return f"its line '{_short(line)}' reads as a page number and is dropped"
                if role in _ROLE_NAMES:
                    return f"its line '{_short(line)}' starts like {_ROLE_NAMES[role]}"
                if text_import.MARKED.match(line):
                    return f"its line '{_short(line)}' starts like a marked line such as 【难度】"
    for name, texts in fields.items():
        if field and field in fields and name != field:
            continue
        odd = next((ch for text in texts for ch in text if text_import.changed_on_reading(ch)), None)
        if odd is not None:
            return (f"it holds U+{ord(odd):04X}, which the import reads as a line end or a space, or drops "
                    "as invisible")
    if field == "kind":
        return "its kind is read from its layout: options 正确/错误 make a 判断题"
    if any(t != t.strip() for t in fields.get(field, [])):
        return "spaces at its ends are not kept"
    return "a line of it reads as something else, or it repeats a line next to a page number"


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def differs(q: Question, got: text_import.ImportedQuestion) -> str:
    """The first field in which an imported question differs from the original, or ''."""
    pairs = (("kind", q.kind, got.kind), ("stem", q.stem, got.stem),
             ("options", list(q.options) if q.kind != "judge" else [], got.options),
             ("answer", q.answer, got.answer), ("explanation", q.explanation, got.explanation),
             ("difficulty", q.difficulty, got.difficulty), ("exam_only", q.exam_only, got.exam_only),
             ("case", q.case, got.case))
    return next((name for name, a, b in pairs if a != b), "")
