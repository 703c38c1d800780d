"""`fanzha validate` (and so every build) checks the programme files the site is made from.

calendar.yml and campaign.yml become site pages; incidents.csv (and the
colleges of classes.csv) too when settings.publish_bulletin is true. A missing file is fine (no page); a broken
one is reported like content, with its line and column, and stops the build.
"""
from __future__ import annotations

from typing import Callable, Iterator

from ..checks.context import Context
from ..problem import Problem
from . import sources
from .inputs import InputErrors


def check(ctx: Context) -> Iterator[Problem]:
    """Problems in the programme files under ctx.root."""
    root = ctx.root
    if root is None:
        return
    kb, settings = ctx.kb, ctx.settings
    calendar = sources.input_file(root, sources.CALENDAR)
    campaign = sources.input_file(root, sources.CAMPAIGN)
    incidents = sources.input_file(root, sources.INCIDENTS)
    dir_urls = sources.directory_urls(root)
    jobs: list[tuple[sources.Input, Callable[[], object]]] = [
        (calendar, lambda: sources.reminder_plan(calendar, kb, settings, dir_urls)),
        (campaign, lambda: sources.campaign(campaign)),
    ]
    if settings.publish_bulletin:
        roster = sources.input_file(root, sources.CLASSES)
        jobs.append((incidents, lambda: sources.incidents(incidents, kb)))
        jobs.append((roster, lambda: sources.roster_colleges(roster)))
    for inp, job in jobs:
        if inp.exists:
            yield from _problems(job)


def _problems(job: Callable[[], object]) -> list[Problem]:
    try:
        job()
    except InputErrors as exc:
        return exc.problems
    return []
