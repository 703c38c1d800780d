"""The query set (queries.yml) through the site's own search box in a real browser (issue 14)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .helpers import load_queries, open_box, rank_report, run_queries

HIT_RATE = 0.97  # issue 14: at least 97 % of the queries put one of their pages in the top three
TOP = 3
EMERGENCY = "/emergency/"


def _site_page(site: Path, path: str) -> Path:
    return site / path.strip("/") / "index.html"


def test_query_set_is_big_and_varied_and_names_real_pages(default_site: Path) -> None:
    queries = load_queries()
    kinds = [q.kind for q in queries]
    assert len(queries) >= 100
    assert kinds.count("sentence") + kinds.count("distress") >= 30 and kinds.count("distress") >= 15
    assert kinds.count("pinyin") >= 10 and kinds.count("keyword") + kinds.count("mixed") >= 40
    assert len({q.query for q in queries}) == len(queries), "a query is listed twice"
    assert all(q.pages[0] == EMERGENCY for q in queries if q.kind == "distress")
    missing = [f"{q.query} → {p}" for q in queries for p in q.pages if not _site_page(default_site, p).is_file()]
    assert not missing, f"queries.yml names pages the site does not have: {missing}"


@pytest.mark.browser
def test_queries_find_their_page_in_the_top_three(page: Any, site_url: str, capsys: Any,
                                                  output_dir: Path) -> None:
    queries = load_queries()
    page.goto(site_url + "/")
    open_box(page)
    shown = run_queries(page, [q.query for q in queries], site_url)
    figures, report = rank_report(queries, shown, TOP)
    not_first = [q.query for q, (pages, _) in zip(queries, shown)
                 if q.kind == "distress" and pages[:1] != [EMERGENCY]]
    report += f"\ndistress queries with the emergency page first: " \
              f"{sum(q.kind == 'distress' for q in queries) - len(not_first)}/{sum(q.kind == 'distress' for q in queries)}"
    (output_dir / "search-queries.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    assert not not_first, f"the emergency page is not first for {not_first}\n{report}"
    assert figures["rate"] >= HIT_RATE, report
