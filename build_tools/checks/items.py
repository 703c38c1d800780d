"""Per-item value rules that the schema's types cannot say."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from .. import schema
from ..model import Bank, Case, Clip, Kit
from ..problem import Problem, error, warning
from . import depth
from .context import Context

DIFFICULTY_LOW, DIFFICULTY_HIGH = schema.QUESTION["difficulty"].least(), schema.QUESTION["difficulty"].most()
LEAST_LOSS = schema.CASE["loss"].least()


def check(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for case in ctx.every(Case):
        if case.loss is not None and case.loss < LEAST_LOSS:
            yield error(case.at("loss"), "wrong-value",
                        f"loss: expected an amount of {LEAST_LOSS} yuan or more, found {case.loss}")
        if not case.body.strip():
            yield error(case.pos, "empty-text", "the case has no text after its front matter; write the case")
    for clip in ctx.every(Clip):
        if not clip.body.strip():
            yield error(clip.pos, "empty-text", "the clip has no script after its front matter; write the script")
    for q in kb.questions(include_exam=True):
        if q.difficulty is not None and not DIFFICULTY_LOW <= q.difficulty <= DIFFICULTY_HIGH:
            allowed = [str(d) for d in range(DIFFICULTY_LOW, DIFFICULTY_HIGH + 1)]
            yield error(q.at("difficulty"), "wrong-value",
                        f"difficulty: expected {', '.join(allowed[:-1])} or {allowed[-1]}, found {q.difficulty}")
    named: list[Case | Clip | Bank | Kit] = [*ctx.every(Case), *ctx.every(Clip), *ctx.every(Bank), *ctx.every(Kit)]
    for item in named:
        stem = PurePosixPath(item.path).stem
        if stem != item.id:
            yield warning(item.pos, "id-filename",
                f"id '{item.id}' differs from the file name '{stem}'; name the file {item.id}{PurePosixPath(item.path).suffix}")
    yield from depth.check(ctx)  # Markdown nested too deep to render
