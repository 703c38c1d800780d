"""quizzes/index.md, quizzes/<bank>.md and the 错题本 page: self-test practice.

Only `Bank.public_questions` are ever rendered: exam_only questions reach no
page and no JSON. The answer key travels as JSON in the page (json_text, in an
attribute), the question text as escaped HTML, so the page reads without JavaScript.

The 错题本 (wrong-answer notebook) page holds no questions at all: when a student
answers wrong, the quiz page's script copies that question, as the page shows it,
into the browser's localStorage, and the notebook page renders from there, after
bringing each entry up to date from its bank's page as published now (a question no
longer there, e.g. made exam_only, leaves the notebook). So it only ever shows
questions of published pages, and no answer is sent anywhere.
"""
from __future__ import annotations

from typing import Any

from ..kinds import KIND_LABELS
from ..model import LETTERS, Bank, Question
from ..urls import SiteUrls
from .context import SiteContext

REVIEW_DAYS = (1, 3, 7)  # a wrong answer is due again after 1, then 3, then 7 days (quiz.js keeps the same)


def cuoti_src(bank_ids: set[str]) -> str:
    """Source path of the 错题本 page: quizzes/cuoti.md, unless a bank already has that id."""
    name = "cuoti"
    while name in bank_ids:
        name += "-ben"
    return SiteUrls.src("bank", name)  # a page among the banks'


def generate(ctx: SiteContext) -> dict[str, str]:
    """The practice index, the 错题本 page and one page per bank with publishable questions."""
    banks = [b for b in ctx.kb.banks.values() if b.public_questions]
    rows = [(b, ctx.kb.types[b.type], len(b.public_questions)) for b in banks]
    notebook = cuoti_src(set(ctx.kb.banks))
    seconds = classroom_seconds(ctx)
    out = {"quizzes/index.md": ctx.renderer.page(
        "quizzes/index.md", "quizzes-index.md", "自测练习", rows=rows, pass_mark=_mark(ctx), cuoti_src=notebook)}
    root = ctx.renderer.urls.to_root(notebook)  # the site's root, relative to the notebook page
    out[notebook] = ctx.renderer.page(
        notebook, "cuoti.md", "错题本", review_days=REVIEW_DAYS, has_banks=bool(banks), site_root=root)
    for bank in banks:
        src = SiteUrls.src("bank", bank.id)
        out[src] = ctx.renderer.page(
            src, "quiz.md", f"自测练习：{bank.title}", bank=bank, type=ctx.kb.types[bank.type],
            questions=bank.public_questions, key=answer_key(bank, _mark(ctx), ctx.renderer.urls.url(src)),
            kinds=KIND_LABELS, letters=LETTERS, cases=ctx.kb.cases, cuoti_src=notebook, classroom_seconds=seconds)
    return out


def answer_key(bank: Bank, pass_mark: int, page: str = "") -> dict[str, Any]:
    """What the page's script needs to check answers: ids, kinds and correct option indexes;
    the bank's title and its page's site path, for the entries it writes into the 错题本."""
    return {"bank": bank.id, "title": bank.title, "page": page, "passMark": pass_mark,
            "questions": [_key(q) for q in bank.public_questions]}


def _key(q: Question) -> dict[str, Any]:
    return {"id": q.id, "kind": q.kind, "answer": list(q.correct_indexes)}


def _mark(ctx: SiteContext) -> int:
    return round(ctx.settings.pass_mark)


def classroom_seconds(ctx: SiteContext) -> int:
    """Seconds of the per-question countdown in classroom mode (settings; 0: no countdown)."""
    return int(getattr(ctx.settings, "classroom_seconds", 30) or 0)
