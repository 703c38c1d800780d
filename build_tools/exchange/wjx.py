"""问卷星 (wjx.cn) exam batch text: paste it into 批量添加考试题 → 批量添加.

    1. 题干(B) [单选题]
    选项一
    选项二
    …
    (blank line)

Each question is one numbered line: the stem, the correct answer in half-width
brackets, then the type tag [单选题] / [多选题] / [判断题]. The options follow, one a
line, without letters (问卷星 letters them itself; the answer letters count them in
order). A judge question is a two-option question 正确 / 错误 with answer (A) or (B).

Where this comes from: 问卷星's own help page was not available to check. The layout
follows a program whose output is pasted into that box for exams (AutoWJX, which
writes `N. 题干(答案) [单选题]` followed by bare option lines) and the usual
[单选题]/[多选题] tags of 问卷星's questionnaire batch format. The judge layout and
the absence of explanations (the box has no documented place for them) are our
choices: check one imported question before a real test.

The format is line-based, so line breaks inside a text become spaces, and an option
line that starts like a numbered question ("3. …") is reported as a warning.
"""
from __future__ import annotations

import re

from ..kinds import KIND_NAMES
from ..model import Question
from .selection import Exported, Selection

EXTENSION = ".txt"
_LOOKS_NUMBERED = re.compile(r"^\s*[0-9０-９]+\s*[.．、]")


_LINE_BREAK = re.compile(r"\s*[\n\r\u2028\u2029\x85]\s*")  # CR and Unicode line separators break lines too


def one_line(text: str) -> str:
    """Line breaks (and runs of spaces around them) as single spaces."""
    return _LINE_BREAK.sub(" ", text).strip()


def render_question(number: int, q: Question) -> str:
    answer = "".join("AB"[i] for i in q.correct_indexes) if q.kind == "judge" else q.answer_letters
    lines = [f"{number}. {one_line(q.stem)}({answer}) [{KIND_NAMES[q.kind]}]"]
    lines += [one_line(opt) for opt in q.shown_options]
    return "\n".join(lines)


def export(selection: Selection) -> Exported:
    """UTF-8 text, a blank line between questions, with warnings for lines 问卷星 may misread."""
    questions = selection.questions
    text = "".join(f"{render_question(n, q)}\n\n" for n, q in enumerate(questions, start=1))
    return Exported(text.encode("utf-8"), [w for q in questions for w in _warnings(q)], questions)


def _warnings(q: Question) -> list[str]:
    out = []
    if any(_LINE_BREAK.search(t) for t in (q.stem, *q.options)):
        out.append(f"{q.id}: line breaks in its text were written as spaces (问卷星 reads one line per item)")
    out += [f"{q.id}: option {i + 1} starts like a numbered question; 问卷星 may read it as a new question"
            for i, opt in enumerate(q.options) if _LOOKS_NUMBERED.match(opt)]
    return out
