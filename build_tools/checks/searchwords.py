"""Search words (build_tools/search/words.py): taxonomy `search:` lists, search.yml, pages' front matter."""
from __future__ import annotations

from typing import Iterator

from ..problem import Problem
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    from ..search.words import check as check_words  # the search package imports the core, which imports us

    yield from check_words(ctx.kb, ctx.root, ctx.settings.docs_dir)
