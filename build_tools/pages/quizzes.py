"""quizzes/index.md and quizzes/<bank>.md: self-test practice.

Only `Bank.public_questions` are ever rendered: exam_only questions reach no
page and no JSON. The answer key travels as JSON in the page (json_text, in an
attribute), the question text as escaped HTML, so the page reads without JavaScript.
"""
from __future__ import annotations

from typing import Any

from ..model import LETTERS, Bank, Question
from .context import SiteContext

KINDS = {"single": "单选", "multiple": "多选", "judge": "判断"}


def generate(ctx: SiteContext) -> dict[str, str]:
    """The practice index and one page per bank with publishable questions."""
    banks = [b for b in ctx.kb.banks.values() if b.public_questions]
    rows = [(b, ctx.kb.types[b.type], len(b.public_questions)) for b in banks]
    out = {"quizzes/index.md": ctx.renderer.page(
        "quizzes/index.md", "quizzes-index.md", "自测练习", rows=rows, pass_mark=_mark(ctx))}
    for bank in banks:
        src = f"quizzes/{bank.id}.md"
        out[src] = ctx.renderer.page(
            src, "quiz.md", f"自测练习：{bank.title}", bank=bank, type=ctx.kb.types[bank.type],
            questions=bank.public_questions, key=answer_key(bank, _mark(ctx)), kinds=KINDS,
            letters=LETTERS, cases=ctx.kb.cases)
    return out


def answer_key(bank: Bank, pass_mark: int) -> dict[str, Any]:
    """What the page's script needs to check answers: ids, kinds and correct option indexes."""
    return {"bank": bank.id, "passMark": pass_mark,
            "questions": [_key(q) for q in bank.public_questions]}


def _key(q: Question) -> dict[str, Any]:
    return {"id": q.id, "kind": q.kind, "answer": list(q.correct_indexes)}


def _mark(ctx: SiteContext) -> int:
    return round(ctx.settings.pass_mark)
