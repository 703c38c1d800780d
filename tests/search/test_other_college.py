"""Search on content this project did not write: another college's fixture with its own pages.

tests/robustness/fixtures/other-college is copied, fixtures/other-college-search is laid over it
(its help page, a staff handbook, a page with front-matter search words, search.yml), and the
result is built and searched through the site's own box.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import REPO, copy_tree, fanzha, serve_folder
from .helpers import load_queries, open_box, rank_report, result_pages, run_queries, type_query

OTHER = REPO / "tests" / "robustness" / "fixtures" / "other-college"
OVERLAY = Path(__file__).parent / "fixtures" / "other-college-search"
HIT_RATE = 0.97
HELP = "/yudao-zhapian/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_tree(OTHER, tmp_path_factory.mktemp("other-search") / "root")
    shutil.copytree(OVERLAY, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("queries.yml", "README.md"))
    proc = fanzha("build", "--root", str(root), "--out", str(root / "site"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


@pytest.mark.browser
def test_other_colleges_queries_find_their_pages(page: Any, other_site: str, capsys: Any, output_dir: Path) -> None:
    queries = load_queries(OVERLAY / "queries.yml")
    page.goto(other_site + "/")
    open_box(page)
    shown = run_queries(page, [q.query for q in queries], other_site)
    figures, report = rank_report(queries, shown, 3)
    (output_dir / "search-queries-other-college.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\nanother college's content:\n" + report)
    not_first = [q.query for q, (pages, _) in zip(queries, shown) if q.kind == "distress" and pages[:1] != [HELP]]
    assert not not_first, report
    assert figures["rate"] >= HIT_RATE, report


@pytest.mark.browser
def test_staff_pages_only_when_asked_for(page: Any, other_site: str) -> None:
    page.goto(other_site + "/")
    open_box(page)
    type_query(page, "新生群管理")
    assert "/fudaoyuan-shouce/" not in result_pages(page, other_site)
    page.locator("[data-fz-search-staff]").check()
    page.wait_for_function("document.querySelector('[data-fz-search-results]').getAttribute('aria-busy') === 'false'"
                           " && [...document.querySelectorAll('[data-fz-search-results] a[data-fz-page]')]"
                           ".some(a => a.href.includes('/fudaoyuan-shouce/'))")
    assert result_pages(page, other_site)[0] == "/fudaoyuan-shouce/"
