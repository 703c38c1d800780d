"""types/index.md and types/<id>.md: one page per fraud type."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import FraudType
from ..urls import SiteUrls
from .context import GROUP_LABELS, SiteContext


@dataclass
class TypeRow:
    type: FraudType
    cases: int
    clips: int
    questions: int


@dataclass
class TypeGroup:
    id: str
    label: str
    rows: list[TypeRow]


def generate(ctx: SiteContext) -> dict[str, str]:
    """The types index and one page per type."""
    out = {"types/index.md": ctx.renderer.page("types/index.md", "types-index.md", "诈骗类型",
                                               groups=_groups(ctx))}
    for t in ctx.kb.types.values():
        src = SiteUrls.src("type", t.id)
        out[src] = ctx.renderer.page(
            src, "type.md", t.name, type=t, group_label=ctx.group_label(t.group),
            cases=sorted(ctx.kb.cases_of(t.id), key=lambda c: c.date, reverse=True),
            clips=ctx.kb.clips_of(t.id), banks=ctx.practice_banks(t.id))
    return out


def _groups(ctx: SiteContext) -> list[TypeGroup]:
    """Types grouped as the taxonomy files them (mps, campus, other), taxonomy order within."""
    groups = {gid: TypeGroup(gid, label, []) for gid, label in GROUP_LABELS.items()}
    for t in ctx.kb.types.values():
        count = sum(n for _, n in ctx.practice_banks(t.id))
        row = TypeRow(t, len(ctx.kb.cases_of(t.id)), len(ctx.kb.clips_of(t.id)), count)
        groups.get(t.group, groups["other"]).rows.append(row)
    return [g for g in groups.values() if g.rows]
