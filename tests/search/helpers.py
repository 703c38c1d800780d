"""Driving the site's own search box in a real browser, as a student does."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).with_name("queries.yml")
INPUT = "[data-fz-search-input]"
RESULTS = "[data-fz-search-results]"
PAGE_LINKS = f"{RESULTS} a[data-fz-page]"
FILTER = "[data-fz-search-filter]"
TIMEOUT_MS = 10_000

# Done when the list says it shows this query's results and is no longer busy.
_SHOWN = """([q, sel]) => { const l = document.querySelector(sel);
  return !!l && l.dataset.query === q && l.getAttribute('aria-busy') === 'false'; }"""


@dataclass(frozen=True)
class Query:
    """One line of the query set: what a student types and the page that answers it."""

    query: str
    page: str
    why: str = ""


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set from queries.yml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), str(q["page"]), str(q.get("why", ""))) for q in data["queries"]]


def site_path(url: str, base: str) -> str:
    """`http://127.0.0.1:1234/cases/x/?pagefind-highlight=y#z` → `/cases/x/`."""
    path = urlsplit(url).path
    prefix = urlsplit(base).path.rstrip("/")
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def open_box(page: Any) -> None:
    """Open the search box with the keyboard shortcut, as Material users do."""
    page.locator("body").click(position={"x": 5, "y": 300})  # focus the page, not a field
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-fz-search-input]')",
                           timeout=TIMEOUT_MS)


def type_query(page: Any, query: str) -> float:
    """Clear the box, type `query` key by key, wait for its results; seconds from first key to results."""
    box = page.locator(INPUT)
    box.fill("")
    start = time.perf_counter()
    box.press_sequentially(query)
    page.wait_for_function(_SHOWN, arg=[query, RESULTS], timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def result_pages(page: Any, base: str) -> list[str]:
    """Site paths of the results shown, in order."""
    hrefs = page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => e.href)")
    return [site_path(h, base) for h in hrefs]


@dataclass
class Transfer:
    """Requests made by the search box and their sizes."""

    urls: list[str] = field(default_factory=list)
    bytes: int = 0


def record_transfer(page: Any, match: str = "/pagefind/") -> Transfer:
    """Count every finished request whose URL contains `match`: bytes on the wire (headers + body)."""
    seen = Transfer()

    def on_finished(request: Any) -> None:
        if match in request.url:
            sizes = request.sizes()
            seen.urls.append(request.url)
            seen.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", on_finished)
    return seen
