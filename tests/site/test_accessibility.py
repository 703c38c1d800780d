"""axe-core (npm, pinned) in Chromium: no violations on any page type, on a phone and a projector.

Also: every external script is deferred, so none holds up the first paint (Lighthouse's
"render-blocking resources"), and the pages still work with them deferred.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.bench import quality
from build_tools.pages.scripts import defer_scripts

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


def _pages(site: Path, extras: bool = True) -> dict[str, str]:
    found = quality.page_types(site)
    assert {"home", "type", "case", "clip", "quiz", "kit", "emergency"} <= set(found), found
    if not extras:
        return found
    for extra in ("support/", "cases/", "quizzes/", "kits/", "liangka-law/", "quizzes/cuoti/", "scenarios/"):
        if (site / extra / "index.html").is_file():
            found[extra.strip("/") + "-page"] = extra
    return found


@pytest.mark.parametrize("device", ["phone", "projector"])
def test_axe_reports_no_violations_on_any_page_type(browser, default_site: Path, site_url: str, device: str) -> None:
    assert quality.axe_script() is not None, "axe-core is missing: ./run test installs it with npm ci"
    context = browser.new_context(**(PHONE if device == "phone" else PROJECTOR))
    failures = {}
    try:
        # every page type on the phone; the projector (desktop layout: tabs, sidebars) on the seven main types
        for name, path in _pages(default_site, extras=device == "phone").items():
            page = context.new_page()
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            violations = quality.axe_violations(page)
            if violations:
                failures[name] = [(v["id"], v["nodes"], v["target"]) for v in violations]
            page.close()
    finally:
        context.close()
    print(f"axe-core on {device}: {len(failures)} page type(s) with violations", failures)
    assert not failures


def test_axe_finds_a_planted_violation(browser, tmp_path: Path) -> None:
    """The check itself can fail: an image without alt text and low-contrast text are reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh"><head><title>t</title></head><body><main>'
        '<img src="x.png"><p style="color:#ccc;background:#fff">灰字</p></main></body></html>', encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "index.html").as_uri())
    ids = {v["id"] for v in quality.axe_violations(page)}
    page.close()
    assert {"image-alt", "color-contrast"} <= ids


def test_external_scripts_are_deferred(default_site: Path) -> None:
    blocking = []
    for html in default_site.rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html.read_text(encoding="utf-8"), re.I):
            if not re.search(r"\b(defer|async|type=\"module\")", tag):
                blocking.append((html.relative_to(default_site).as_posix(), tag))
    assert not blocking[:5]


@pytest.mark.parametrize("tag, expected", [
    ('<script src="a.js"></script>', '<script defer src="a.js"></script>'),
    ('<script defer src="a.js"></script>', '<script defer src="a.js"></script>'),
    ('<script src="a.js" async></script>', '<script src="a.js" async></script>'),
    ('<script type="module" src="m.js"></script>', '<script type="module" src="m.js"></script>'),
    ("<script>var a = 1</script>", "<script>var a = 1</script>"),
    ('<script id="__config" type="application/json">{}</script>', '<script id="__config" type="application/json">{}</script>'),
])
def test_defer_scripts(tag: str, expected: str) -> None:
    assert defer_scripts(tag) == expected
