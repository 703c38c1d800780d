"""The query set (queries.yml) through the site's own search box in a real browser."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .helpers import load_queries, open_box, result_pages, type_query

HIT_RATE = 0.95  # issue 4: at least 95 % of the queries put their page in the top three
TOP = 3


def _site_page(site: Path, path: str) -> Path:
    return site / path.strip("/") / "index.html"


def test_query_set_is_big_enough_and_names_real_pages(default_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 25
    assert len({q.query for q in queries}) == len(queries), "a query is listed twice"
    missing = [f"{q.query} → {q.page}" for q in queries if not _site_page(default_site, q.page).is_file()]
    assert not missing, f"queries.yml names pages the site does not have: {missing}"


@pytest.mark.browser
def test_queries_find_their_page_in_the_top_three(page: Any, site_url: str, capsys: Any,
                                                  output_dir: Path) -> None:
    queries = load_queries()
    page.goto(site_url + "/")
    open_box(page)
    lines, hits, slowest = [], 0, 0.0
    for q in queries:
        seconds = type_query(page, q.query)
        top = result_pages(page, site_url)[:TOP]
        hit = q.page in top
        hits += hit
        slowest = max(slowest, seconds)
        lines.append(f"{'ok  ' if hit else 'MISS'} {q.query!r:<22} want {q.page:<45} got {top}")
    rate = hits / len(queries)
    report = "\n".join([*lines, f"search hit rate: {hits}/{len(queries)} = {rate:.1%} in the top {TOP} "
                        f"(slowest query to results {slowest:.2f} s)"])
    (output_dir / "search-queries.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    assert rate >= HIT_RATE, report
