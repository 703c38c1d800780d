"""Kits: the agenda adds up to the kit's minutes; each quiz draw can be met."""
from __future__ import annotations

from collections.abc import Iterator

from .. import schema
from ..model import Kit, QuizDraw
from ..problem import Problem, error
from .context import Context

# Limits that keep one kit's PDFs printable and its build finite (a typo such as
# signin_rows: 50000000 would otherwise render for hours).
MIN_SIGNIN_ROWS, MAX_SIGNIN_ROWS = schema.KIT["signin_rows"].least(), schema.KIT["signin_rows"].most()
MAX_VERSIONS = 26


def check(ctx: Context) -> Iterator[Problem]:
    for kit in ctx.every(Kit):
        total = sum(item.minutes for item in kit.agenda)
        if total != kit.minutes:
            parts = " + ".join(str(i.minutes) for i in kit.agenda) or "0"
            yield error(kit.at("minutes"), "kit-minutes",
                f"minutes: {kit.minutes}, but the agenda adds up to {total} ({parts}); make them equal")
        if kit.signin_rows < MIN_SIGNIN_ROWS:
            yield error(kit.at("signin_rows"), "wrong-value", f"signin_rows: expected a positive number, found {kit.signin_rows}")
        elif kit.signin_rows > MAX_SIGNIN_ROWS:
            yield error(kit.at("signin_rows"), "wrong-value",
                f"signin_rows: expected at most {MAX_SIGNIN_ROWS} rows, found {kit.signin_rows}; "
                "print a sheet per class instead")
        for i, item in enumerate(kit.agenda):
            if item.minutes <= 0:
                yield error(item.at("minutes"), "wrong-value", f"agenda[{i}].minutes: expected a positive number, found {item.minutes}")
            if item.quiz:
                yield from _draw(ctx, kit, i, item.quiz, item.at("quiz.count"))


def available(ctx: Context, draw: QuizDraw) -> int:
    """Publishable questions a kit's draw can choose from."""
    return sum(1 for q in ctx.kb.questions()
               if q.type in draw.types and (not draw.banks or q.bank in draw.banks))


def _draw(ctx: Context, kit: Kit, i: int, draw: QuizDraw, pos) -> Iterator[Problem]:
    have = available(ctx, draw)
    if draw.count <= 0:
        yield error(pos, "wrong-value", f"agenda[{i}].quiz.count: expected a positive number, found {draw.count}")
    elif have < draw.count:
        yield error(pos, "quiz-draw",
            f"agenda[{i}].quiz: asks for {draw.count} questions of types {', '.join(draw.types)}, "
            f"but the banks have only {have} publishable ones; lower count or add types")
    if len(draw.versions) > MAX_VERSIONS:
        yield error(pos, "wrong-value",
            f"agenda[{i}].quiz.versions: expected at most {MAX_VERSIONS} versions, found {len(draw.versions)}")
    if len(set(draw.versions)) != len(draw.versions):
        yield error(pos, "wrong-value", f"agenda[{i}].quiz.versions: names repeat ({', '.join(draw.versions)})")
