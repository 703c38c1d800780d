"""Per-item value rules that the schema's types cannot say."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..model import Bank, Case, Clip, Kit
from ..problem import Problem, error, warning
from . import depth
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    for case in ctx.every(Case):
        if case.loss is not None and case.loss < 0:
            yield error(case.at("loss"), "wrong-value", f"loss: expected an amount of 0 yuan or more, found {case.loss}")
        if not case.body.strip():
            yield error(case.pos, "empty-text", "the case has no text after its front matter; write the case")
    for clip in ctx.every(Clip):
        if not clip.body.strip():
            yield error(clip.pos, "empty-text", "the clip has no script after its front matter; write the script")
    for q in kb.questions(include_exam=True):
        if q.difficulty is not None and not 1 <= q.difficulty <= 3:
            yield error(q.at("difficulty"), "wrong-value", f"difficulty: expected 1, 2 or 3, found {q.difficulty}")
    named: list[Case | Clip | Bank | Kit] = [*ctx.every(Case), *ctx.every(Clip), *ctx.every(Bank), *ctx.every(Kit)]
    for item in named:
        stem = PurePosixPath(item.path).stem
        if stem != item.id:
            yield warning(item.pos, "id-filename",
                f"id '{item.id}' differs from the file name '{stem}'; name the file {item.id}{PurePosixPath(item.path).suffix}")
    yield from depth.check(ctx)  # Markdown nested too deep to render
