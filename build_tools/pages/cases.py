"""cases/index.md and cases/<id>.md: the case studies."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Case, Clip, FraudType
from ..urls import SiteUrls
from .context import SiteContext
from .render import markdown_body


@dataclass
class CaseGroup:
    type: FraudType
    cases: list[Case]


def generate(ctx: SiteContext) -> dict[str, str]:
    """The case index and one page per case."""
    rows = [CaseGroup(t, _newest_first(ctx.kb.cases_of(t.id))) for t in ctx.kb.types.values()]
    rows = [r for r in rows if r.cases]
    out = {"cases/index.md": ctx.renderer.page("cases/index.md", "cases-index.md", "案例库",
                                               rows=rows, total=len(ctx.kb.cases))}
    for case in ctx.kb.cases.values():
        out[SiteUrls.src("case", case.id)] = _case_page(ctx, case)
    return out


def _case_page(ctx: SiteContext, case: Case) -> str:
    src = SiteUrls.src("case", case.id)
    return ctx.renderer.page(
        src, "case.md", case.title, case=case, type=ctx.kb.types[case.type], body=markdown_body(case.body),
        clips=related_clips(ctx, case), questions=ctx.questions_of_case(case.id),
        banks=ctx.practice_banks(case.type), site_name=ctx.settings.site_name)


def related_clips(ctx: SiteContext, case: Case) -> list[Clip]:
    """Clips written for this case, else the clips of its type."""
    own = [c for c in ctx.kb.clips.values() if c.case == case.id]
    return own or ctx.kb.clips_of(case.type)


def _newest_first(cases: list[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: (c.date, c.id), reverse=True)
