"""Fixtures for the site tests: the tricky fixture tree built once, browser pages of given sizes."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Iterator

import pytest

from build_tools import core
from build_tools.model import KnowledgeBase

from ..conftest import REPO, copy_tree, fanzha, serve_folder

HERE = Path(__file__).resolve().parent
TRICKY = HERE / "fixtures" / "tricky"  # content whose text tries to break out of HTML, JS and JSON
PAYLOADS = ("</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
EXAM_MARKER = "FZEXAMONLYMARKER"  # only in the tricky tree's exam_only question
EXAM_ID = "ceshi-004"

PHONE = {"width": 375, "height": 667}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="session")
def default_kb() -> KnowledgeBase:
    """The default content's model: the truth the pages are checked against."""
    return core.validate(REPO).kb


@pytest.fixture(scope="session")
def tricky_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The tricky tree built with `fanzha build --strict` and served on localhost: (site, url).

    The server starts first so the build's site_url can be its address: the theme's instant
    navigation only takes over links to pages listed, with that host and port, in sitemap.xml.
    """
    tmp = tmp_path_factory.mktemp("tricky")
    site = tmp / "site"
    url, server = serve_folder(site)
    root = copy_tree(TRICKY, tmp / "root")
    yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(yml.replace("https://fanzha.ceshi.test/", url + "/"), encoding="utf-8")
    proc = fanzha("build", "--strict", "--root", str(root), "--out", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def tricky_site(tricky_served: tuple[Path, str]) -> Path:
    return tricky_served[0]


@pytest.fixture(scope="session")
def tricky_url(tricky_served: tuple[Path, str]) -> str:
    return tricky_served[1]


@pytest.fixture(scope="session")
def shots(output_dir: Path) -> Path:
    """Where the screenshots of each page type go, for a person to look at."""
    folder = output_dir / "site"
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def sized_page(browser: Any, viewport: dict[str, int], **options: Any) -> Iterator[Any]:
    """A fresh browser context (own localStorage) with one page of the given size."""
    context = browser.new_context(viewport=viewport, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def first_with_all_kinds(kb: KnowledgeBase) -> str:
    """A bank whose public questions include single, multiple and judge questions."""
    for bank in kb.banks.values():
        if {q.kind for q in bank.public_questions} >= {"single", "multiple", "judge"}:
            return bank.id
    pytest.fail("no bank in the default content has single, multiple and judge questions")
