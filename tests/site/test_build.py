"""The whole site builds in strict mode, and every link in it leads somewhere."""
from __future__ import annotations

import logging
import os
import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools import pdf, postbuild

from ..conftest import REPO, copy_tree, fill_in_settings
from .conftest import TRICKY

SECTIONS = ("types/", "cases/", "clips/", "quizzes/", "kits/")


class _Links(HTMLParser):
    """hrefs/srcs and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.links.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """'page -> link' for every relative link that points at no file (or no id in our pages)."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in site.rglob("*.html")}
    broken = []
    for name, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "tel") or link.startswith("//"):
                continue
            assert parts.scheme == "", f"{name}: unexpected link {link}"  # never javascript: or data:
            path = unquote(parts.path)
            base = "" if path.startswith("/") else posixpath.dirname(name)  # 404.html links from the root
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) if path else name
            if parts.path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append(f"{name} -> {link}")
            elif parts.fragment and target.startswith(SECTIONS) and parts.fragment not in pages[target].ids:
                broken.append(f"{name} -> {link} (no such id)")
    return broken


def _mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def strict_warnings(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch,
                    caplog: pytest.LogCaptureFixture) -> list[str]:
    """`mkdocs build --strict` in process; the warnings it logged (none when it passed).

    Kit PDFs and the search index are left out to keep the suite fast: they come after the
    pages and are tested in tests/pdf and tests/search (the shared default_site fixture is
    the full `fanzha build`)."""
    monkeypatch.setattr(pdf, "render_kits", lambda *args, **kwargs: {})
    monkeypatch.setattr(postbuild, "run", lambda *args, **kwargs: None)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        try:
            build(config)
        except Abort:
            pass  # strict mode stops on warnings; they are returned below
        finally:
            config.plugins.on_shutdown()
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_default_content_builds_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      caplog: pytest.LogCaptureFixture) -> None:
    # with the school's settings filled in: placeholders fail strict builds (tests/site/test_student_path.py)
    root = fill_in_settings(copy_tree(REPO, tmp_path / "root"))
    assert strict_warnings(root, tmp_path / "site", monkeypatch, caplog) == []
    for section in SECTIONS:
        assert (tmp_path / "site" / section / "index.html").is_file()


def test_strict_build_check_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     caplog: pytest.LogCaptureFixture) -> None:
    root = copy_tree(TRICKY, tmp_path / "root")
    (root / "docs" / "broken.md").write_text("# 坏链接\n\n[不存在](cases/nowhere.md)\n", encoding="utf-8")
    warnings = strict_warnings(root, tmp_path / "site", monkeypatch, caplog)
    assert any("cases/nowhere.md" in w for w in warnings)


def test_every_link_of_the_default_site_resolves(default_site: Path) -> None:
    assert broken_links(default_site) == []


def test_links_without_directory_urls(tmp_path: Path) -> None:
    root = copy_tree(TRICKY, tmp_path / "root")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as yml:
        yml.write("use_directory_urls: false\n")
    site = tmp_path / "site"
    proc = _mkdocs_build(root, site)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (site / "cases" / "ceshi-zhuru.html").is_file()
    assert broken_links(site) == []
    kit = _parse(site / "kits" / "ceshi-kit.html")
    downloads = [link for link in kit.links if link.startswith("ceshi-kit/")]
    assert downloads and all((site / "kits" / d).is_file() for d in downloads)


@pytest.mark.parametrize("dead", ["missing-id", "missing-page"])
def test_link_checker_finds_broken_links(tmp_path: Path, dead: str) -> None:
    """The checker above can fail: a page with a dead link and one with a missing id."""
    (tmp_path / "quizzes" / "x").mkdir(parents=True)
    (tmp_path / "quizzes" / "x" / "index.html").write_text('<li id="q-1"></li>', encoding="utf-8")
    link = "quizzes/x/#q-2" if dead == "missing-id" else "nowhere/"
    (tmp_path / "index.html").write_text(f'<a href="{link}">x</a>', encoding="utf-8")
    assert broken_links(tmp_path) != []
