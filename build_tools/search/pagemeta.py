"""What the search knows about each generated page: its fraud type (the filter) and its weight.

Pages are named by their site path as SiteUrls gives it (`cases/<id>/`, or `cases/<id>.html`
without directory URLs): the `page.url` values the content partial looks up.
"""
from __future__ import annotations

from typing import Any

from ..model import KnowledgeBase
from ..urls import SiteUrls

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
DIRECTORY_URLS = SiteUrls()  # the design's site paths (`cases/<id>/`), MkDocs' default


def page_types(kb: KnowledgeBase, urls: SiteUrls = DIRECTORY_URLS) -> dict[str, str]:
    """Site path (`types/<id>/`, `cases/<id>/`, `clips/<id>/`, `quizzes/<bank>/`) → type name."""
    names = {t.id: t.name for t in kb.types.values()}
    pages: dict[str, str] = {urls.page("type", tid): name for tid, name in names.items()}
    for kind, items in (("case", kb.cases), ("clip", kb.clips), ("bank", kb.banks)):
        for item_id, item in items.items():
            if item.type in names:
                pages[urls.page(kind, item_id)] = names[item.type]
    return pages


def page_weights(kb: KnowledgeBase, urls: SiteUrls = DIRECTORY_URLS) -> dict[str, float]:
    """Site path → search weight, for pages that are not weighted as ordinary text."""
    weights = {urls.page("type", type_id): TYPE_WEIGHT for type_id in kb.types}
    weights.update({urls.page("bank", bank_id): PRACTICE_WEIGHT for bank_id in kb.banks})
    weights.update({urls.url(urls.section(path.rstrip("/"))): LISTING_WEIGHT for path in LISTINGS})
    return weights


def for_theme(kb: KnowledgeBase, urls: SiteUrls = DIRECTORY_URLS) -> dict[str, Any]:
    """`page.url` → filter value and → weight, as the content partial looks them up."""
    return {"types": page_types(kb, urls), "weights": page_weights(kb, urls)}
