"""scenarios/index.md and scenarios/<id>.md: branching scam stories played in a phone-chat look.

The page carries the whole story as JSON in a data attribute (json_text: escaped for the
attribute); scenario.js plays it in the browser, keeping progress in localStorage. Nothing is
sent anywhere. Without JavaScript the page shows every step and branch as plain HTML.
"""
from __future__ import annotations

from typing import Any

from ..model import Ending, KnowledgeBase, Scenario
from ..scenarios import ENDING_WORDS, KIND_WORDS, labels
from ..urls import SiteUrls
from .context import SiteContext
from .urls import PageLinks

KIND_LABELS = KIND_WORDS  # 聊天 / 短信 / 通话 / 页面
ENDING_LABELS = ENDING_WORDS  # 被骗了 / 及时止损 / 报警求助


def generate(ctx: SiteContext) -> dict[str, str]:
    """The scenario index and one page per scenario."""
    kb = ctx.kb
    rows = [(s, kb.types[s.type]) for t in kb.types.values() for s in kb.scenarios_of(t.id)]
    out = {"scenarios/index.md": ctx.renderer.page(
        "scenarios/index.md", "scenarios-index.md", "情景演练", rows=rows, ending_labels=ENDING_LABELS)}
    for sc in kb.scenarios.values():
        src = SiteUrls.src("scenario", sc.id)
        link = PageLinks(ctx.renderer.urls, src)
        out[src] = ctx.renderer.page(
            src, "scenario.md", sc.title, scenario=sc, type=kb.types[sc.type], data=player_data(kb, sc, link),
            numbers=numbering(sc), kind_labels=KIND_LABELS, ending_labels=ENDING_LABELS,
            links={e.id: ending_links(kb, e, link) for e in sc.endings})
    return out


def numbering(sc: Scenario) -> dict[str, str]:
    """A label for every step and ending as people refer to them: 第 1 步, 结局 A (as the kit prints)."""
    return labels(sc)


def ending_links(kb: KnowledgeBase, end: Ending, link: PageLinks) -> list[dict[str, str]]:
    """Where an ending sends the student next: its case, clip and practice bank."""
    out = []
    if end.case and end.case in kb.cases:
        out.append({"href": link.case(end.case), "text": f"看案例：{kb.cases[end.case].title}"})
    if end.clip and end.clip in kb.clips:
        out.append({"href": link.clip(end.clip), "text": f"60 秒讲解：{kb.clips[end.clip].title}"})
    if end.bank and end.bank in kb.banks and kb.banks[end.bank].public_questions:
        out.append({"href": link.bank(end.bank), "text": f"做练习：{kb.banks[end.bank].title}"})
    return out


def player_data(kb: KnowledgeBase, sc: Scenario, link: PageLinks) -> dict[str, Any]:
    """What scenario.js needs to play the story (text only; the page escapes it)."""
    labels = numbering(sc)
    names = {m.id: m.name for m in sc.cast}
    steps: dict[str, dict[str, Any]] = {}
    for step in sc.steps:
        steps.setdefault(step.id, {
            "label": labels[step.id],
            "messages": [{"kind": m.kind, "from": m.sender, "name": names.get(m.sender, m.sender),
                          "mine": m.sender == sc.player, "title": m.title, "text": m.text} for m in step.messages],
            "choices": [{"text": c.text, "next": c.next, "say": c.say} for c in step.choices],
        })
    endings: dict[str, dict[str, Any]] = {}
    for end in sc.endings:
        endings.setdefault(end.id, {
            "label": labels[end.id], "kind": end.kind, "kindLabel": ENDING_LABELS.get(end.kind, end.kind),
            "title": end.title, "text": end.text, "lesson": end.lesson, "links": ending_links(kb, end, link)})
    return {"id": sc.id, "title": sc.title, "start": sc.start, "player": names.get(sc.player, sc.player),
            "steps": steps, "endings": endings, "order": [e.id for e in sc.endings],
            "kinds": KIND_LABELS}


def linked(kb: KnowledgeBase) -> Any:
    """`scenarios_for(type_id=…)` / `scenarios_for(case_id=…)` for the type and case templates:
    a type's scenarios, or those whose endings point to a case."""
    def scenarios_for(type_id: str | None = None, case_id: str | None = None) -> list[Scenario]:
        return [s for s in kb.scenarios.values()
                if (type_id is None or s.type == type_id) and (case_id is None or case_id in s.cases)]
    return scenarios_for
