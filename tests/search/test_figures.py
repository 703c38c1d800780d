"""Figures for the first search on the default site: bytes fetched and time to results.

Printed, not asserted against a time (machines differ). The same cold start a
student has: a new browser context (empty cache) opens a case page, then the
search box is opened and a query typed. `fanzha bench` measures the same at
1,000 cases (target: at most 350 KB for the first search).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .helpers import RESULTS, record_transfer, result_pages

QUERIES = ("刷单返利", "96110专线", "国家反诈中心APP")
_SHOWN = """q => { const l = document.querySelector('[data-fz-search-results]');
  return l.dataset.query === q && l.getAttribute('aria-busy') === 'false'; }"""


def first_search(browser: Any, base: str, query: str) -> dict[str, Any]:
    """Open the box on a fresh page and type `query`: bytes and requests for search, seconds to results."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        fetched = record_transfer(page)
        page.goto(base + "/cases/shuadan-dorm-like-task/", wait_until="networkidle")
        before = len(fetched.urls)
        start = time.perf_counter()
        page.locator("header label.md-header__button[for=__search]").tap()
        page.locator("[data-fz-search-input]").press_sequentially(query)
        typed = time.perf_counter()
        page.wait_for_function(_SHOWN, arg=query)
        shown = time.perf_counter()
        page.wait_for_load_state("networkidle")
        return {"query": query, "before": before, "requests": len(fetched.urls), "bytes": fetched.bytes,
                "open_to_results_s": shown - start, "typed_to_results_s": shown - typed,
                "shown": len(result_pages(page, base)), "urls": fetched.urls}
    finally:
        context.close()


@pytest.mark.browser
def test_first_search_figures(browser: Any, site_url: str, default_site: Path, capsys: Any,
                              output_dir: Path) -> None:
    rows = [first_search(browser, site_url, q) for q in QUERIES]
    pages = len(list(default_site.rglob("*.html")))
    lines = [f"first search on the default site ({pages} HTML pages), fresh cache, phone viewport:"]
    for r in rows:
        lines.append(f"  {r['query']:<16} {r['bytes'] / 1024:7.1f} KB in {r['requests']:2d} requests; "
                     f"{r['open_to_results_s'] * 1000:5.0f} ms from opening the box, "
                     f"{r['typed_to_results_s'] * 1000:4.0f} ms after the last key "
                     f"(incl. 120 ms typing pause); {r['shown']} results shown")
    report = "\n".join(lines)
    (output_dir / "search-figures.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    for r in rows:
        assert r["before"] == 0, "nothing is fetched for search before the box is used"
        assert r["bytes"] > 0 and r["shown"] > 0
        assert any(u.endswith("/pagefind/pagefind.js") for u in r["urls"])
