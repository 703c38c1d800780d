"""Duplicate ids within a kind, across files; names every place."""
from __future__ import annotations

from collections.abc import Iterator

from ..problem import Problem, error
from .context import Context

_KIND_NAMES = {"type": "fraud type", "case": "case", "clip": "clip", "bank": "bank",
               "question": "question", "kit": "kit", "scenario": "scenario"}


# Ids that would be the file name of a section's own page (types/index.md is the list of types).
RESERVED = {"index"}
_PAGED = {"type": "types", "case": "cases", "clip": "clips", "bank": "quizzes", "kit": "kits",
          "scenario": "scenarios"}


def check(ctx: Context) -> Iterator[Problem]:
    for (kind, item_id), places in ctx.loaded.definitions.items():
        if item_id in RESERVED and kind in _PAGED:
            yield error(places[0], "reserved-id",
                f"{_KIND_NAMES[kind]} id '{item_id}' is taken by the site: {_PAGED[kind]}/{item_id}/ would replace "
                f"the page that lists all {_PAGED[kind]}; choose another id")
        if len(places) < 2:
            continue
        first = places[0]
        for pos in places[1:]:
            yield error(pos, "duplicate-id",
                f"duplicate {_KIND_NAMES[kind]} id '{item_id}': already defined at {first}; give one of them another id")
        others = ", ".join(str(p) for p in places[1:])
        yield error(first, "duplicate-id",
            f"duplicate {_KIND_NAMES[kind]} id '{item_id}': also defined at {others}")
