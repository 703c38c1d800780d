"""kits/index.md and kits/<id>.md: what a kit is for, its agenda and its downloads."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import AgendaItem, Bank, Case, Clip, Kit
from ..urls import SiteUrls
from .context import SiteContext


@dataclass
class AgendaRow:
    item: AgendaItem
    clip: Clip | None
    case: Case | None
    quiz_types: list[str]


def generate(ctx: SiteContext) -> dict[str, str]:
    """The kit index and one page per kit."""
    kits = list(ctx.kb.kits.values())
    out = {"kits/index.md": ctx.renderer.page("kits/index.md", "kits-index.md", "班会与宣讲", kits=kits)}
    for kit in kits:
        src = SiteUrls.src("kit", kit.id)
        agenda = [_row(ctx, item) for item in kit.agenda]
        out[src] = ctx.renderer.page(
            src, "kit.md", kit.title, kit=kit, agenda=agenda,
            notes=[r for r in agenda if r.item.host or r.item.discuss],
            files=ctx.downloads.get(kit.id, []), practice=_practice(ctx, kit))
    return out


def _row(ctx: SiteContext, item: AgendaItem) -> AgendaRow:
    kb = ctx.kb
    types = item.quiz.types if item.quiz else []
    return AgendaRow(item, kb.clips.get(item.clip) if item.clip else None,
                     kb.cases.get(item.case) if item.case else None,
                     [kb.types[t].name if t in kb.types else t for t in types])


def _practice(ctx: SiteContext, kit: Kit) -> list[tuple[Bank, int]]:
    """Practice banks for the types the kit's quizzes draw from, for revision afterwards."""
    seen: dict[str, tuple[Bank, int]] = {}
    for draw in (item.quiz for item in kit.agenda if item.quiz):
        banks = [ctx.kb.banks[b] for b in draw.banks if b in ctx.kb.banks]
        banks += [b for t in draw.types for b in ctx.kb.banks_of(t)]
        for bank in banks:
            if bank.public_questions:
                seen.setdefault(bank.id, (bank, len(bank.public_questions)))
    return list(seen.values())
