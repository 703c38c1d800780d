"""References between items must resolve: types, cases, clips, banks."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from ..model import Bank, Case, Clip, Kit, Pos
from ..problem import Problem, error
from .context import Context


def _missing(pos: Pos, what: str, field: str, value: str, known: Iterable[str]) -> Problem:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return error(pos, "unresolved-ref", f"{field}: no {what} with id '{value}'{hint}")


def check(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    types, cases = kb.types, kb.cases
    for case in ctx.every(Case):
        if case.type and case.type not in types:
            yield _missing(case.at("type"), "fraud type in taxonomy.yml", "type", case.type, types)
    for clip in ctx.every(Clip):
        if clip.type and clip.type not in types:
            yield _missing(clip.at("type"), "fraud type in taxonomy.yml", "type", clip.type, types)
        if clip.case and clip.case not in cases:
            yield _missing(clip.at("case"), "case", "case", clip.case, cases)
    for bank in ctx.every(Bank):
        if bank.type not in types:
            yield _missing(bank.at("type"), "fraud type in taxonomy.yml", "type", bank.type, types)
        for i, q in enumerate(bank.questions):
            if q.type != bank.type and q.type not in types:
                yield _missing(q.at("type"), "fraud type in taxonomy.yml", f"questions[{i}].type", q.type, types)
            if q.case and q.case not in cases:
                yield _missing(q.at("case"), "case", f"questions[{i}].case", q.case, cases)
    for kit in ctx.every(Kit):
        for i, item in enumerate(kit.agenda):
            yield from _agenda_refs(ctx, i, item)


def _agenda_refs(ctx: Context, i: int, item) -> Iterator[Problem]:
    kb = ctx.kb
    if item.clip and item.clip not in kb.clips:
        yield _missing(item.at("clip"), "clip", f"agenda[{i}].clip", item.clip, kb.clips)
    if item.case and item.case not in kb.cases:
        yield _missing(item.at("case"), "case", f"agenda[{i}].case", item.case, kb.cases)
    if item.quiz:
        for t in item.quiz.types:
            if t not in kb.types:
                yield _missing(item.at("quiz.types"), "fraud type in taxonomy.yml", f"agenda[{i}].quiz.types", t, kb.types)
        for b in item.quiz.banks:
            if b not in kb.banks:
                yield _missing(item.at("quiz.banks"), "question bank", f"agenda[{i}].quiz.banks", b, kb.banks)
