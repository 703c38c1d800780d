"""Figures for the first search on the default site: bytes fetched and time to results.

Printed, not asserted against a time (machines differ). The same cold start a
student has: a new browser context (empty cache) opens a case page, then the
search box is opened and a query typed. `fanzha bench` measures the same at
1,000 cases (target: at most 300 KB for the first search). Bytes are given as
served by the test server (no compression) and with gzip for text files, as a
web server sends them (the bench's method, build_tools/bench/browser.py).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from build_tools.bench.browser import sent_bytes

from .helpers import record_transfer, result_pages

QUERIES = ("刷单返利", "96110专线", "国家反诈中心APP")
_SHOWN = """q => { const l = document.querySelector('[data-fz-search-results]');
  return l.dataset.query === q && l.getAttribute('aria-busy') === 'false'; }"""


def first_search(browser: Any, base: str, query: str) -> dict[str, Any]:
    """Open the box on a fresh page and type `query`: bytes and requests for search, seconds to results."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        fetched = record_transfer(page)
        responses: list[Any] = []
        page.on("response", lambda r: responses.append(r) if "/pagefind/" in r.url else None)
        page.goto(base + "/cases/shuadan-dorm-like-task/", wait_until="networkidle")
        before = len(fetched.urls)
        start = time.perf_counter()
        page.locator("header label.md-header__button[for=__search]").tap()
        page.locator("[data-fz-search-input]").press_sequentially(query)
        typed = time.perf_counter()
        page.wait_for_function(_SHOWN, arg=query)
        shown = time.perf_counter()
        page.wait_for_load_state("networkidle")
        gzipped = sum(sent_bytes(r.headers.get("content-type", ""), r.body()) for r in responses)
        return {"query": query, "before": before, "requests": len(fetched.urls), "bytes": fetched.bytes,
                "gzip_bytes": gzipped,
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
        lines.append(f"  {r['query']:<16} {r['gzip_bytes'] / 1024:6.1f} KB with gzip "
                     f"({r['bytes'] / 1024:.1f} KB uncompressed) in {r['requests']:2d} requests; "
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
