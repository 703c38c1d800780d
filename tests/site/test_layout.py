"""Every page type on a phone (375×667) and on a projector (1920×1080), and a case on A4 paper.

Screenshots of each page type at both sizes go to test-output/site/ for a person to look at.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from build_tools.model import KnowledgeBase

from .conftest import PHONE, PROJECTOR, first_with_all_kinds, sized_page

pytestmark = pytest.mark.browser

WIDTH = """() => ({scroll: document.documentElement.scrollWidth, view: innerWidth,
  wide: [...document.querySelectorAll('.md-content *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)})"""


@pytest.fixture(scope="module")
def page_types(default_kb: KnowledgeBase) -> dict[str, str]:
    """One URL path of each page type in the default content."""
    kit = next(iter(default_kb.kits), None)
    paths = {
        "types-index": "types/", "type": f"types/{next(iter(default_kb.types))}/",
        "cases-index": "cases/", "case": f"cases/{next(iter(default_kb.cases))}/",
        "clips-index": "clips/", "clip": f"clips/{next(iter(default_kb.clips))}/",
        "quizzes-index": "quizzes/", "quiz": f"quizzes/{first_with_all_kinds(default_kb)}/",
        "kits-index": "kits/",
    }
    if kit:
        paths["kit"] = f"kits/{kit}/"
    return paths


def test_phone_has_no_sideways_scrolling(browser: Any, site_url: str, page_types: dict[str, str],
                                         shots: Path) -> None:
    with sized_page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2) as page:
        for name, path in page_types.items():
            page.goto(f"{site_url}/{path}")
            width = page.evaluate(WIDTH)
            assert width["scroll"] <= width["view"], (path, width["wide"])
            page.screenshot(path=str(shots / f"phone-{name}.png"))


def test_phone_quiz_options_are_tap_targets(browser: Any, site_url: str, page_types: dict[str, str],
                                            shots: Path) -> None:
    with sized_page(browser, PHONE, is_mobile=True, has_touch=True) as page:
        page.goto(f"{site_url}/{page_types['quiz']}")
        heights = page.locator("[data-fz-opt]").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 40
        buttons = page.locator("[data-fz-check]").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
        assert min(buttons) >= 40
        first = page.locator("[data-fz-q]").first
        first.locator("[data-fz-opt]").first.tap()
        first.locator("[data-fz-check]").tap()
        assert first.locator("[data-fz-feedback]").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        first.screenshot(path=str(shots / "phone-quiz-feedback.png"))


def test_projector_screenshots(browser: Any, site_url: str, page_types: dict[str, str], shots: Path) -> None:
    with sized_page(browser, PROJECTOR) as page:
        for name, path in page_types.items():
            page.goto(f"{site_url}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
            page.screenshot(path=str(shots / f"projector-{name}.png"))
        page.goto(f"{site_url}/{page_types['clip']}")
        page.keyboard.press("p")
        page.keyboard.press("Space")
        page.screenshot(path=str(shots / "projector-clip-projection.png"))
        page.keyboard.press("Escape")
        page.goto(f"{site_url}/{page_types['quiz']}")
        page.locator("[data-fz-action=classroom]").click()
        page.keyboard.press("Space")
        page.screenshot(path=str(shots / "projector-quiz-classroom.png"))


def test_case_prints_on_a4_without_navigation(browser: Any, site_url: str, default_kb: KnowledgeBase,
                                              page_types: dict[str, str], shots: Path) -> None:
    case = default_kb.cases[page_types["case"].split("/")[1]]
    with sized_page(browser, PROJECTOR) as page:
        page.goto(f"{site_url}/{page_types['case']}")
        page.emulate_media(media="print")
        hidden = page.evaluate("""[...document.querySelectorAll('.md-header, .md-tabs, .md-sidebar, .md-footer')]
                                  .every(e => getComputedStyle(e).display === 'none')""")
        assert hidden
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset p:not([class])')).fontSize)")
        assert size >= 14  # 11pt
        pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    (shots / "print-case.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8").replace(" ", "")
    assert case.title.replace(" ", "") in text
    assert "内容编写指南" not in text and "班会与宣讲" not in text  # no navigation on paper
    assert "去作答" not in text  # links to practice are for the screen
