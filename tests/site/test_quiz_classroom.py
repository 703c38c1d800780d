"""Classroom quiz mode on a projector (issue 13), in Chromium with a mocked clock: the P shortcut and its
hint, a per-question countdown (setting classroom_seconds, 0 = off), 下一题 after the answer shows,
Home/End, and a type size that does not change when the answer appears."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from build_tools import core, pages
from build_tools.model import KnowledgeBase
from build_tools.site import Site
from build_tools.settings import SettingsError, settings_from_mapping

from .conftest import PROJECTOR, TRICKY, first_with_all_kinds, sized_page

pytestmark = pytest.mark.browser

STAGE = """() => {
  const stage = document.querySelector('[data-fz-classroom]'), body = stage.querySelector('[data-fz-body]');
  const stem = body.querySelector('.fz-classroom__stem').getBoundingClientRect();
  const timer = stage.querySelector('[data-fz-timer]');
  return {open: !stage.hidden, count: stage.querySelector('[data-fz-count]').textContent,
          timer: timer ? timer.textContent : null, font: getComputedStyle(body).fontSize,
          stemTop: stem.top, stemHeight: stem.height,
          button: stage.querySelector('[data-fz-reveal]').textContent,
          explain: getComputedStyle(body.querySelector('.fz-classroom__explain')).visibility,
          fits: body.scrollHeight <= body.clientHeight + 1 && stage.scrollHeight <= stage.clientHeight};
}"""


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def test_classroom_countdown_reveal_and_keys(browser: Any, site_url: str, default_kb: KnowledgeBase,
                                            shots: Path) -> None:
    bank = default_kb.banks[first_with_all_kinds(default_kb)]
    total = len(bank.public_questions)
    with sized_page(browser, PROJECTOR) as page:
        page.clock.install()
        page.goto(f"{site_url}/quizzes/{bank.id}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        hint = page.locator(".fz-quiz-bar .fz-hint").text_content()
        assert "P" in hint and "Home" in hint  # the same shortcut, told the same way as on clips
        seconds = int(page.locator("[data-fz-quiz]").get_attribute("data-fz-seconds"))
        assert seconds > 0
        page.keyboard.press("p")
        s = page.evaluate(STAGE)
        assert s["open"] and s["count"] == f"1 / {total}" and s["timer"] == clock(seconds)
        page.clock.run_for(5000)
        assert page.evaluate(STAGE)["timer"] == clock(seconds - 5)
        page.clock.run_for(seconds * 1000)
        assert page.evaluate(STAGE)["timer"] == "时间到"
        before = page.evaluate(STAGE)
        assert before["button"].startswith("显示答案") and before["explain"] == "hidden"
        page.keyboard.press("Space")  # the answer
        after = page.evaluate(STAGE)
        assert after["explain"] == "visible" and after["button"].startswith("下一题")
        assert after["font"] == before["font"]  # the type keeps its size
        assert (after["stemTop"], after["stemHeight"]) == (before["stemTop"], before["stemHeight"])
        assert after["fits"]
        page.screenshot(path=str(shots / "projector-quiz-classroom-answer.png"))
        page.keyboard.press("Space")  # 下一题: a new question with a new countdown
        s = page.evaluate(STAGE)
        assert s["count"] == f"2 / {total}" and s["timer"] == clock(seconds) and s["button"].startswith("显示答案")
        page.locator("[data-fz-classroom] [data-fz-reveal]").click()
        assert page.evaluate(STAGE)["button"].startswith("下一题")
        page.locator("[data-fz-classroom] [data-fz-reveal]").click()
        assert page.evaluate(STAGE)["count"] == f"3 / {total}"
        page.keyboard.press("End")
        assert page.evaluate(STAGE)["count"] == f"{total} / {total}"
        page.keyboard.press("Home")
        assert page.evaluate(STAGE)["count"] == f"1 / {total}"
        page.keyboard.press("Escape")
        assert not page.evaluate(STAGE)["open"]
        page.keyboard.press("P")
        assert page.evaluate(STAGE)["open"]


def test_classroom_seconds_setting() -> None:
    assert settings_from_mapping({}).classroom_seconds == 30
    assert settings_from_mapping({"classroom_seconds": 0}).classroom_seconds == 0
    assert settings_from_mapping({"classroom_seconds": 45}).classroom_seconds == 45
    for bad in (-1, 4000, 1.5, "30", True):
        with pytest.raises(SettingsError, match="classroom_seconds"):
            settings_from_mapping({"classroom_seconds": bad})
    result = core.validate(TRICKY)
    for seconds in (0, 20):
        off = dataclasses.replace(result, settings=dataclasses.replace(result.settings, classroom_seconds=seconds))
        quiz = next(text for src, text in pages.generate(Site.of(off), {}).items()
                    if src.startswith("quizzes/") and "data-fz-quiz " in text)
        assert f'data-fz-seconds="{seconds}"' in quiz
        assert ("data-fz-timer" in quiz) == bool(seconds)  # 0: no countdown at all
