"""The list of checks run by `validate`, in one place."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from ..problem import Problem
from . import clips, college, controls, dates, docs, ids, items, kits, personal, questions, refs, similar, wiseness
from . import programme as programme_check
from . import scenarios as scenarios_check
from .context import Context
from .links import check as links_check
from .searchwords import check as search_words_check

CHECKS: list[Callable[[Context], Iterator[Problem]]] = [
    ids.check, refs.check, items.check, questions.check, similar.check, similar.near_check, wiseness.check,
    clips.check, kits.check, personal.check, controls.check, dates.check, college.check, docs.check,
    programme_check.check,  # programme/calendar.yml, campaign.yml (and incidents.csv when published)
    links_check,  # script links and images from other sites in case/clip/kit Markdown
    search_words_check,  # taxonomy search words, search.yml, pages' `search:` front matter
    scenarios_check.check,  # scenarios/*.yml: a playable story graph, refs, phone lengths; kits' scenario:
]


def run_checks(ctx: Context) -> list[Problem]:
    """Every problem from every check, plus those found while loading; sorted, unique."""
    found = set(ctx.loaded.problems)
    for check in CHECKS:
        found.update(check(ctx))
    return sorted(found)
