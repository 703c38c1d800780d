"""Zero requests to any host but the site's own: no web fonts, no CDN, no analytics.

Students read the site on campus networks where foreign hosts are blocked or slow,
so one font or script from elsewhere can stall a page. Two checks: every request a
browser makes while a student and a teacher use the site, and every fetching
reference in the built HTML and CSS, also for a college whose mkdocs.yml forgets
`font: false` and turns on things that would call out (repository facts, analytics).
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from ..conftest import REPO, copy_tree, fanzha, serve_folder

# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                 "preconnect", "dns-prefetch", "manifest", "mask-icon"}
FETCHING_ATTRS = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
                  "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
                  "track": ("src",), "input": ("src",)}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)
CARELESS_SETTINGS = """
repo_url: https://github.com/example/fanzha-kb
repo_name: example/fanzha-kb
extra:
  analytics:
    provider: google
    property: G-ABCDEFGHIJ
"""


def _foreign(url: str, own_host: str | None = None) -> bool:
    """True for an address that would make the browser contact another host."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False  # relative, data:, blob:, mailto:, javascript:
    return parts.netloc != own_host


class _Fetches(HTMLParser):
    """Collects the addresses an HTML page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and set(a.get("rel", "").lower().split()) & FETCHING_RELS:
            self.urls.append(a.get("href", ""))
        for name in FETCHING_ATTRS.get(tag, ()):
            if name in a:
                self.urls += [part.split()[0] for part in a[name].split(",") if part.strip()] \
                    if name == "srcset" else [a[name]]
        if "style" in a:
            self.urls += _css_urls(a["style"])
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) or "" for m in CSS_URL.finditer(css)]


def foreign_references(site: Path) -> Iterator[str]:
    """`file: url` for every fetching reference to another host in the site's HTML and CSS."""
    for page in sorted(site.rglob("*.html")):
        parser = _Fetches()
        parser.feed(page.read_text(encoding="utf-8"))
        yield from (f"{page.relative_to(site)}: {u}" for u in parser.urls if _foreign(u))
    for sheet in sorted(site.rglob("*.css")):
        urls = _css_urls(sheet.read_text(encoding="utf-8", errors="replace"))
        yield from (f"{sheet.relative_to(site)}: {u}" for u in urls if _foreign(u))


def test_the_checker_sees_foreign_references(tmp_path: Path) -> None:
    """The static check below can fail: it finds each kind of reference it looks for."""
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://fanzha.example.edu.cn/">'  # not fetched
        '<script src="//cdn.example.com/x.js"></script><img src="img/ok.png" srcset="https://cdn.example/a.png 2x">'
        '<div style="background:url(https://cdn.example/b.png)"></div><a href="https://example.org/">link</a>',
        encoding="utf-8")
    (tmp_path / "b.css").write_text("@font-face{src:url('https://fonts.gstatic.com/r.woff2')}"
                                    "@import 'https://cdn.example/c.css';.x{background:url(data:image/png;base64,AA)}",
                                    encoding="utf-8")
    assert len(list(foreign_references(tmp_path))) == 6


def test_built_site_references_no_other_host(default_site: Path) -> None:
    assert list(foreign_references(default_site)) == []


@pytest.fixture(scope="module")
def careless_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content with a mkdocs.yml that omits `font: false` and sets repo_url and analytics."""
    root = copy_tree(REPO, tmp_path_factory.mktemp("careless") / "root")
    shutil.rmtree(root / "kits")  # kit PDFs are slow and have no part in this
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "  font: false\n" in text
    text = text.replace("  font: false\n", "").replace("\nextra:\n", CARELESS_SETTINGS + "\n", 1)
    yml.write_text(text, encoding="utf-8")
    out = root.parent / "site"
    proc = fanzha("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_careless_settings_still_reference_no_other_host(careless_site: Path) -> None:
    home = (careless_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in home  # repo_url took effect: the repository link is there
    assert list(foreign_references(careless_site)) == []


class _Recorder:
    """Every request a browser context makes, by URL."""

    def __init__(self, context: Any) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, own: str) -> list[str]:
        host = urlsplit(own).netloc
        return [u for u in self.urls if _foreign(u, host)]


def _tour(page: Any, base: str) -> None:
    """Home, a case, a clip projected (P), a quiz question answered, and a search."""
    page.goto(base + "/")
    page.wait_for_load_state("networkidle")
    page.goto(base + "/cases/shuadan-dorm-like-task/")
    page.wait_for_load_state("networkidle")
    page.goto(base + "/clips/shuadan-60s/")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")
    page.wait_for_function("document.fullscreenElement !== null || "
                           "[...document.querySelectorAll('[data-fz-projector]')].some(e => e.offsetParent !== null)")
    page.keyboard.press(" ")
    page.wait_for_timeout(1200)  # the countdown runs
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    page.goto(base + "/quizzes/shuadan/")
    question = page.locator("[data-fz-q]").first
    question.locator("[data-fz-opt]").first.click()
    question.locator("[data-fz-check]").click()
    question.locator("[data-fz-explain]").wait_for(state="visible")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    page.locator("[data-fz-search-input]").press_sequentially("国家反诈中心APP")
    page.wait_for_function("document.querySelector('[data-fz-search-results]').dataset.query === '国家反诈中心APP'")
    page.locator("[data-fz-search-results] a[data-fz-page]").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_browsing_requests_nothing_from_other_hosts(browser: Any, site_url: str, capsys: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    recorder = _Recorder(context)
    try:
        _tour(context.new_page(), site_url)
    finally:
        context.close()
    foreign = recorder.foreign(site_url)
    with capsys.disabled():
        print(f"\nzero foreign requests: {len(recorder.urls)} requests while browsing, "
              f"{len(foreign)} to other hosts")
    assert any("/pagefind/" in u for u in recorder.urls), "the tour did search (the recorder works)"
    assert foreign == []


@pytest.mark.browser
def test_careless_settings_make_no_foreign_requests(browser: Any, careless_site: Path) -> None:
    url, server = serve_folder(careless_site)
    context = browser.new_context()
    recorder = _Recorder(context)
    try:
        page = context.new_page()
        for path in ("/", "/cases/shuadan-dorm-like-task/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
        server.shutdown()
    assert recorder.urls and recorder.foreign(url) == []
