"""Dates: case dates are not in the future; review dates that have passed are stale."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Bank, Case, Clip, Kit
from ..problem import Problem, error, warning
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    today = ctx.today
    this_month = f"{today.year:04d}-{today.month:02d}"
    for case in ctx.every(Case):
        if case.date and case.date > this_month:
            yield error(case.at("date"), "bad-date",
                f"date: {case.date} is in the future; give the month it happened")
    items: list[Case | Clip | Bank | Kit] = [*ctx.every(Case), *ctx.every(Clip), *ctx.every(Bank), *ctx.every(Kit)]
    for item in items:
        if item.review_by is not None and item.review_by < today:
            yield warning(item.at("review_by"), "stale",
                f"review_by: {item.review_by.isoformat()} has passed; check the content is still right, "
                "then set a new review date")
