r"""Moodle GIFT text.

    $CATEGORY: $course$/top/反诈知识库/刷单返利

    ::shuadan-001::[plain]题干{
    =正确的选项
    ~错误的选项
    ####解析
    }

- single: `=` marks the correct option, `~` the others. multiple: every option is
  `~%w%` with the same weights as the Moodle XML export (correct options share 100,
  wrong ones -100). judge: `{TRUE####…}` / `{FALSE####…}`.
- `[plain]` makes Moodle show the text as written (no HTML); the options and the
  general feedback (`####`, our explanation) take the question's format.
- Escaping, as Moodle's importer undoes it: `\\` for a backslash first, then
  `\~ \= \# \{ \} \:`, and a line break as `\n` (a blank line would end the question).
- An option that begins with `%` (Moodle would take `%50%` for a weight) gets an
  explicit `%0%` in front of it.
"""
from __future__ import annotations

from ..model import Question
from .moodle import category_path, fractions
from .selection import Exported, Selection

EXTENSION = ".gift.txt"
_SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """GIFT-escaped text on one line."""
    out = text.replace("\\", "\\\\")
    for ch in _SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _option(mark: str, text: str) -> str:
    body = escape(text)
    if mark == "~" and body.startswith("%"):  # else Moodle reads a leading %50% as the weight
        mark = "~%0%"
    return f"{mark}{body}"


def render_question(q: Question) -> str:
    head = f"::{escape(q.id)}::[plain]{escape(q.stem)}{{"
    feedback = f"####{escape(q.explanation)}"
    if q.kind == "judge":
        return f"{head}{'TRUE' if q.answer else 'FALSE'}{feedback}}}"
    if q.kind == "single":
        marks = ["=" if i in q.correct_indexes else "~" for i in range(len(q.options))]
    else:
        marks = [f"~%{w}%" for w in fractions(q)]
    lines = [head, *(_option(m, opt) for m, opt in zip(marks, q.options)), feedback, "}"]
    return "\n".join(lines)


def export(selection: Selection) -> Exported:
    """UTF-8 GIFT; one category line per bank, a blank line between questions."""
    blocks = [f"// {selection.site_name}：题库导出（GIFT）"]
    for part in selection.parts:
        blocks.append(f"$CATEGORY: {category_path(selection.site_name, part.bank.title)}")
        blocks += [render_question(q) for q in part.questions]
    return Exported(("\n\n".join(blocks) + "\n").encode("utf-8"), numbered=selection.questions)
