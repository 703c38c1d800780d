"""Projection mode of a clip on a classroom screen, in a real browser."""
from __future__ import annotations

import re
from typing import Any

import pytest

from build_tools.model import Clip, KnowledgeBase

from .conftest import PROJECTOR, sized_page

pytestmark = pytest.mark.browser

STATE = """() => {
  const stage = document.querySelector('[data-fz-projector]');
  const text = stage.querySelector('[data-fz-text]'), body = stage.querySelector('[data-fz-body]');
  return {visible: !stage.hidden, fullscreen: document.fullscreenElement === stage,
          mode: stage.getAttribute('data-fz-fullscreen'),
          text: text.textContent, fontSize: parseFloat(getComputedStyle(text).fontSize),
          fits: text.offsetHeight <= body.clientHeight && text.scrollWidth <= body.clientWidth
                && stage.scrollHeight <= stage.clientHeight,
          count: stage.querySelector('[data-fz-count]').textContent,
          timer: stage.querySelector('[data-fz-timer]').textContent,
          pageScrolls: document.documentElement.scrollHeight > innerHeight
                       && getComputedStyle(document.documentElement).overflow !== 'hidden'};
}"""


@pytest.fixture(scope="module")
def clip(default_kb: KnowledgeBase) -> Clip:
    """The clip with the longest script: the hardest to fit."""
    return max(default_kb.clips.values(), key=lambda c: len(c.body))


def state(page: Any) -> dict[str, Any]:
    return page.evaluate(STATE)


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def walk_pages(page: Any) -> list[dict[str, Any]]:
    """Every projector page, from the first, by pressing →."""
    seen = [state(page)]
    total = int(seen[0]["count"].split("/")[1])
    for _ in range(total - 1):
        page.keyboard.press("ArrowRight")
        seen.append(state(page))
    return seen


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_projection_mode(browser: Any, site_url: str, clip: Clip) -> None:
    with sized_page(browser, PROJECTOR) as page:
        page.clock.install()
        page.goto(f"{site_url}/clips/{clip.id}/")
        assert not state(page)["visible"]
        page.keyboard.press("p")
        page.wait_for_selector("[data-fz-projector][data-fz-fullscreen=yes]")
        now = state(page)
        assert now["visible"] and now["fullscreen"]
        assert now["fontSize"] >= 48
        assert now["timer"] == clock(clip.seconds)

        pages = walk_pages(page)  # → pages; one paragraph a page when it fits
        assert all(p["fits"] and p["fontSize"] >= 48 for p in pages)
        assert [p["count"] for p in pages] == [f"{i + 1} / {len(pages)}" for i in range(len(pages))]
        assert len(pages) >= len(clip.pages)
        assert squash("".join(p["text"] for p in pages)) == squash("".join(clip.pages))
        page.keyboard.press("ArrowRight")  # past the end stays on the last page
        assert state(page)["count"] == f"{len(pages)} / {len(pages)}"
        page.keyboard.press("ArrowLeft")
        assert state(page)["text"] == pages[-2]["text"]

        page.keyboard.press("Space")  # the countdown starts
        page.clock.run_for(5000)
        assert state(page)["timer"] == clock(clip.seconds - 5)
        page.keyboard.press("Space")  # and pauses
        page.clock.run_for(3000)
        assert state(page)["timer"] == clock(clip.seconds - 5)
        page.keyboard.press("Space")
        page.clock.run_for(clip.seconds * 1000)
        assert state(page)["timer"] == "时间到"
        page.keyboard.press("r")  # reset: full time, first page
        now = state(page)
        assert now["timer"] == clock(clip.seconds) and now["count"].startswith("1 /")

        page.keyboard.press("Escape")
        now = state(page)
        assert not now["visible"] and page.evaluate("document.fullscreenElement") is None


def test_button_opens_it_and_theme_keys_stay_quiet(browser: Any, site_url: str, clip: Clip) -> None:
    with sized_page(browser, PROJECTOR) as page:
        page.goto(f"{site_url}/clips/{clip.id}/")
        page.locator("[data-fz-action=project]").click()
        assert state(page)["visible"]
        page.keyboard.press("s")  # the theme's search shortcut must not open search behind the stage
        assert page.evaluate("document.activeElement.closest('[data-fz-projector]') !== null")
        page.locator("[data-fz-projector] [data-fz-action=next]").click()
        assert state(page)["count"].startswith("2 /")
        page.locator("[data-fz-projector] [data-fz-action=exit]").click()
        assert not state(page)["visible"]
        assert page.evaluate("document.activeElement.dataset.fzAction") == "project"  # focus goes back


REFUSE_FULLSCREEN = ("Element.prototype.requestFullscreen = function () {"
                     " return Promise.reject(new TypeError('refused')); };")


def test_fallback_overlay_when_fullscreen_is_refused(browser: Any, site_url: str, clip: Clip) -> None:
    with sized_page(browser, PROJECTOR) as page:
        page.add_init_script(REFUSE_FULLSCREEN)
        page.goto(f"{site_url}/clips/{clip.id}/")
        page.keyboard.press("P")
        page.wait_for_timeout(100)
        now = state(page)
        assert now["visible"] and not now["fullscreen"] and now["mode"] == "no"
        box = page.locator("[data-fz-projector]").bounding_box()
        assert box == {"x": 0, "y": 0, "width": PROJECTOR["width"], "height": PROJECTOR["height"]}
        assert now["fontSize"] >= 48 and now["fits"] and not now["pageScrolls"]
        page.keyboard.press("Escape")
        assert not state(page)["visible"]


def test_long_paragraphs_are_split_to_fit_a_small_screen(browser: Any, site_url: str, clip: Clip) -> None:
    with sized_page(browser, {"width": 480, "height": 300}) as page:
        page.add_init_script(REFUSE_FULLSCREEN)  # full screen would be the (large) screen's size
        page.goto(f"{site_url}/clips/{clip.id}/")
        page.keyboard.press("p")
        pages = walk_pages(page)
        assert len(pages) > len(clip.pages)
        assert all(p["fits"] for p in pages)
        assert squash("".join(p["text"] for p in pages)) == squash("".join(clip.pages))


def test_p_in_the_search_box_is_typing(browser: Any, site_url: str, clip: Clip) -> None:
    with sized_page(browser, PROJECTOR) as page:
        page.goto(f"{site_url}/clips/{clip.id}/")
        field = page.locator("input[type=text], input[type=search]").first
        field.focus()
        page.keyboard.press("p")
        assert not state(page)["visible"]
