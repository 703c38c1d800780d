"""The programme files the site is made from (load/programme: calendar.yml, campaign.yml; incidents.csv
and the colleges of classes.csv when settings.publish_bulletin is true).

A missing file is fine (no page); a broken one is reported like content, with its line and column, and
stops the build. Besides what reading found, a calendar's weekly reminders must each fit in a message
(load/programme/plan.py): a college's own text too long to fit is an error at its line.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..load.programme import InputErrors, checked_plan
from ..problem import Problem
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    """Problems in the programme files read with the content (none when they were not read)."""
    programme = ctx.kb.programme
    if programme is None:
        return
    yield from programme.problems
    if programme.calendar is not None:
        try:
            checked_plan(programme.calendar, ctx.kb, ctx.settings, ctx.settings.use_directory_urls)
        except InputErrors as exc:
            yield from exc.problems
