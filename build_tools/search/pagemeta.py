"""What the search knows about each generated page: its fraud type (the filter) and its weight.

Pages are named by their site path (`cases/<id>/`), as the design's URL table gives
them; `for_theme` turns that into the `page.url` values the content partial looks up.
"""
from __future__ import annotations

from typing import Any

from ..model import KnowledgeBase

FILTER_KEY = "type"  # data-pagefind-filter="type:<name>"; `any`, `all`, `none`, `not` are reserved

# Practice banks say their topic in every question and explanation, so by word counts
# they outrank the page that explains the topic; their text also gives answers away.
# Half weight keeps them findable without putting them first. (Pagefind applies the
# weight to everything inside the element, the page title too.)
PRACTICE_WEIGHT = 0.5
# A type's overview page is where a search for the type itself should land, but its
# words are spread over summaries of many items; double weight puts it ahead of the
# single clip or case that repeats the type's name in its title.
TYPE_WEIGHT = 2.0
# The section listings (all cases, all clips…) hold every item's title and summary, so a
# sentence's words, looked up one by one (search.js), meet there more than on any one page;
# they are where to browse, not an answer.
LISTING_WEIGHT = 0.5
LISTINGS = ("types/", "cases/", "clips/", "quizzes/", "kits/")


def page_types(kb: KnowledgeBase) -> dict[str, str]:
    """Site path (`types/<id>/`, `cases/<id>/`, `clips/<id>/`, `quizzes/<bank>/`) → type name."""
    names = {t.id: t.name for t in kb.types.values()}
    pages: dict[str, str] = {f"types/{tid}/": name for tid, name in names.items()}
    for folder, items in (("cases", kb.cases), ("clips", kb.clips), ("quizzes", kb.banks)):
        for item_id, item in items.items():
            if item.type in names:
                pages[f"{folder}/{item_id}/"] = names[item.type]
    return pages


def page_weights(kb: KnowledgeBase) -> dict[str, float]:
    """Site path → search weight, for pages that are not weighted as ordinary text."""
    weights = {f"types/{type_id}/": TYPE_WEIGHT for type_id in kb.types}
    weights.update({f"quizzes/{bank_id}/": PRACTICE_WEIGHT for bank_id in kb.banks})
    weights.update({path: LISTING_WEIGHT for path in LISTINGS})
    return weights


def url_variants(path: str, directory_urls: bool) -> list[str]:
    """The `page.url` values MkDocs may give the page at `path` (`cases/x/`)."""
    if directory_urls:
        return [path]
    stem = path.rstrip("/")
    return [f"{stem}/index.html", f"{stem}.html"]


def for_theme(kb: KnowledgeBase, directory_urls: bool = True) -> dict[str, Any]:
    """`page.url` → filter value and → weight, as the content partial looks them up."""
    def by_url(values: dict[str, Any]) -> dict[str, Any]:
        return {url: v for path, v in values.items() for url in url_variants(path, directory_urls)}
    return {"types": by_url(page_types(kb)), "weights": by_url(page_weights(kb))}
