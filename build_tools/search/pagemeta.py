"""Which fraud type each generated page belongs to: the search box's type filter.

The filter value is the type's Chinese name, which is what the filter menu shows.
Pages are named by their site path (`cases/<id>/`), as the design's URL table gives them.
"""
from __future__ import annotations

from ..model import KnowledgeBase

FILTER_KEY = "type"  # data-pagefind-filter="type:<name>"; `any`, `all`, `none`, `not` are reserved


def page_types(kb: KnowledgeBase) -> dict[str, str]:
    """Site path (`types/<id>/`, `cases/<id>/`, `clips/<id>/`, `quizzes/<bank>/`) → type name."""
    names = {t.id: t.name for t in kb.types.values()}
    pages: dict[str, str] = {f"types/{tid}/": name for tid, name in names.items()}
    for folder, items in (("cases", kb.cases), ("clips", kb.clips), ("quizzes", kb.banks)):
        for item_id, item in items.items():
            if item.type in names:
                pages[f"{folder}/{item_id}/"] = names[item.type]
    return pages


def url_variants(path: str, directory_urls: bool) -> list[str]:
    """The `page.url` values MkDocs may give the page at `path` (`cases/x/`)."""
    if directory_urls:
        return [path]
    stem = path.rstrip("/")
    return [f"{stem}/index.html", f"{stem}.html"]


def filter_values(kb: KnowledgeBase, directory_urls: bool = True) -> dict[str, str]:
    """`page.url` → type name, as the content partial looks it up."""
    return {url: name for path, name in page_types(kb).items() for url in url_variants(path, directory_urls)}
