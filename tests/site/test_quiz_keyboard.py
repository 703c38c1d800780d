"""A quiz answered with the keyboard alone, the header search box on the page (issue 13), in Chromium:
Tab, arrows, Space and Enter only. Also: links in text are underlined, the footer text reaches 4.5 : 1."""
from __future__ import annotations

import re
from typing import Any

import pytest

from build_tools.model import KnowledgeBase, Question

from .conftest import first_with_all_kinds, sized_page

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}

ACTIVE = """() => { const a = document.activeElement;
  return {tag: a.tagName, type: a.type || '', search: !!a.closest('[data-fz-search]'),
          q: a.closest('[data-fz-q]') ? a.closest('[data-fz-q]').getAttribute('data-fz-q') : null,
          verdict: a.hasAttribute('data-fz-verdict'), check: a.hasAttribute('data-fz-check')}; }"""

SEARCH_OPEN = "document.getElementById('__search').checked"

# Colour of el's text and of what is behind it (backgrounds of el and its ancestors, composited).
COLOURS = """(sel) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const el = document.querySelector(sel);
  const layers = [];
  for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const [r, g, b, a] = parse(getComputedStyle(el).color);
  return {fg: [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)], bg};
}"""


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(scope="module")
def single(default_kb: KnowledgeBase) -> tuple[str, Question]:
    bank = first_with_all_kinds(default_kb)
    return bank, default_kb.banks[bank].public_questions[0]


def test_keyboard_only_quiz_with_the_search_box(browser: Any, site_url: str, single: tuple[str, Question]) -> None:
    bank, first = single
    with sized_page(browser, VIEWPORT) as page:
        page.goto(f"{site_url}/quizzes/{bank}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        assert page.locator("[data-fz-search-input]").count() == 1  # the search box is there
        passed_search = False
        for _ in range(300):  # Tab from the top of the page to the first question
            page.keyboard.press("Tab")
            now = page.evaluate(ACTIVE)
            if now["search"]:
                passed_search = True
            elif passed_search:
                # focus left the search: its panel closes (on a timer after focusout, so wait a moment for it)
                page.wait_for_function(f"!({SEARCH_OPEN})", timeout=3000)
            if now["q"]:
                break
        else:
            pytest.fail("Tab never reached the first question")
        assert passed_search and now["q"] == first.id and now["type"] in ("radio", "checkbox")
        page.keyboard.press("ArrowDown")  # the arrows belong to the question, not to the search results
        assert not page.evaluate(SEARCH_OPEN)
        assert page.evaluate(ACTIVE)["q"] == first.id
        if first.kind == "multiple":
            page.keyboard.press("Space")
        for _ in range(len(first.shown_options) + 1):  # on to 提交
            if page.evaluate(ACTIVE)["check"]:
                break
            page.keyboard.press("Tab")
        assert page.evaluate(ACTIVE)["check"]
        page.keyboard.press("Enter")
        assert page.locator(f"#q-{first.id} [data-fz-feedback]").is_visible()
        assert page.evaluate(ACTIVE)["verdict"]  # focus moved to the verdict, which is read out
        assert re.match(r"[✓✗] 回答", page.locator(f"#q-{first.id} [data-fz-verdict]").text_content())
        for _ in range(3):  # on past the case link, to the next question
            page.keyboard.press("Tab")
            if page.evaluate(ACTIVE)["q"] != first.id:
                break
        now = page.evaluate(ACTIVE)
        assert now["q"] and now["q"] != first.id and now["type"] in ("radio", "checkbox")


def test_search_panel_closes_when_focus_leaves(browser: Any, site_url: str, single: tuple[str, Question]) -> None:
    bank, first = single
    with sized_page(browser, VIEWPORT) as page:
        page.goto(f"{site_url}/quizzes/{bank}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        page.locator("[data-fz-search-input]").focus()
        assert page.evaluate(SEARCH_OPEN)
        page.keyboard.type("96110")
        page.locator("[data-fz-search-input]").click()  # a click inside keeps it open
        assert page.evaluate(SEARCH_OPEN)
        page.locator(f"#q-{first.id} input").first.focus()
        page.wait_for_timeout(50)
        assert not page.evaluate(SEARCH_OPEN)
        page.keyboard.press("ArrowDown")
        assert page.evaluate(ACTIVE)["q"] == first.id


def test_text_links_are_underlined_and_the_footer_is_readable(browser: Any, site_url: str,
                                                              single: tuple[str, Question]) -> None:
    bank, _ = single
    with sized_page(browser, VIEWPORT) as page:
        for path in (f"quizzes/{bank}/", "quizzes/"):
            page.goto(f"{site_url}/{path}")
            if path:
                links = page.evaluate("""[...document.querySelectorAll('article.md-typeset p a:not(.md-button)')]
                    .filter(a => a.offsetParent).map(a => getComputedStyle(a).textDecorationLine)""")
                assert links and all("underline" in d for d in links), (path, links)
            for sel in (".md-copyright", ".md-copyright__highlight"):
                if page.locator(sel).count():
                    c = page.evaluate(COLOURS, sel)
                    ratio = contrast(c["fg"], c["bg"])
                    print(f"footer {sel} on /{path}: contrast {ratio:.2f}")
                    assert ratio >= 4.5, (path, sel, c)
