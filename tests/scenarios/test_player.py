"""The scenario page in Chromium: played to two endings on a 375-px phone (touch taps, then a reload
and one step back), by keyboard only, and the projection mode stepped by keys; nothing requested
from another host; progress only in localStorage."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import REPO
from ..site.conftest import sized_page
from .conftest import PAYLOADS, SCENARIO

PHONE = {"width": 375, "height": 812}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    """The scenario as written: the truth the page is checked against."""
    return yaml.safe_load((REPO / "scenarios" / f"{SCENARIO}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page_url(scenario_site: tuple[Path, str]) -> str:
    return f"{scenario_site[1]}/scenarios/{SCENARIO}/"


@pytest.fixture(scope="module")
def shots(output_dir: Path) -> Path:
    folder = output_dir / "scenarios"
    folder.mkdir(exist_ok=True)
    return folder


def _node(story: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in story["steps"] + story["endings"] if n["id"] == node_id)


def _follow(story: dict[str, Any], choices: list[int]) -> tuple[list[str], dict[str, Any]]:
    """Texts the chat must show after these choices, and the ending reached."""
    texts, node = [], _node(story, story["start"])
    for i in choices:
        texts += [m["text"] for m in node["messages"]]
        choice = node["choices"][i]
        texts.append(choice.get("say") or choice["text"])
        node = _node(story, choice["next"])
    assert "kind" in node, "the path must end"
    return texts, node


def _chat(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-fz-log] .fz-msg__text", "els => els.map(e => e.textContent)")


def _open(page: Any, url: str, hosts: list[str]) -> None:
    page.on("request", lambda r: hosts.append(urlsplit(r.url).hostname or ""))
    page.goto(url)
    page.wait_for_selector("[data-fz-scenario].fz-ready")


def test_phone_plays_to_two_endings(browser: Any, page_url: str, story: dict[str, Any], shots: Path) -> None:
    loss_path, reported_path = [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]
    hosts: list[str] = []
    with sized_page(browser, PHONE, has_touch=True, is_mobile=True) as page:
        _open(page, page_url, hosts)
        for i in loss_path:
            page.tap(f"[data-fz-choices] [data-fz-choice='{i}']")
        texts, ending = _follow(story, loss_path)
        assert _chat(page) == [t.strip() for t in texts]
        card = page.locator("[data-fz-log] .fz-ending")
        assert card.get_attribute("data-fz-ending-card") == ending["kind"] == "loss"
        assert ending["title"] in card.inner_text() and ending["lesson"] in card.inner_text()
        assert page.locator("[data-fz-log] .fz-ending a").count() == 3  # case, clip, practice
        assert "1 / 3" in page.inner_text("[data-fz-map-count]")
        page.screenshot(path=str(shots / "scenario-phone-375.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.reload()  # progress is kept in this browser
        page.wait_for_selector("[data-fz-scenario].fz-ready")
        assert page.locator("[data-fz-log] .fz-ending--loss").count() == 1
        page.tap("text=退回上一步，换个选择")
        page.tap("[data-fz-choices] [data-fz-choice='1']")
        texts, ending = _follow(story, reported_path)
        assert _chat(page) == [t.strip() for t in texts]
        assert page.locator("[data-fz-log] .fz-ending").get_attribute("data-fz-ending-card") == "reported"
        assert "2 / 3" in page.inner_text("[data-fz-map-count]")
        reached = page.eval_on_selector_all(".fz-endmap__item--reached", "els => els.map(e => e.dataset.fzEnding)")
        assert sorted(reached) == sorted(["end-loss", "end-reported"])
        saved = json.loads(page.evaluate(f"localStorage.getItem('fanzha.scenario.{SCENARIO}')"))
        assert saved == {"trail": reported_path, "reached": ["end-loss", "end-reported"]}
        page.screenshot(path=str(shots / "scenario-phone-375-full.png"), full_page=True)
    assert set(hosts) == {"127.0.0.1"}, f"requests to other hosts: {set(hosts) - {'127.0.0.1'}}"


def test_keyboard_only(browser: Any, page_url: str, story: dict[str, Any]) -> None:
    path = [0, 1, 0]  # 试一单 → 先问问室友 → 听室友的: stopped
    with sized_page(browser, PHONE) as page:
        _open(page, page_url, [])
        region = "[data-fz-log-region]"  # new messages are read out: the chat list sits in a live log
        assert page.get_attribute(region, "role") == "log" and page.get_attribute(region, "aria-live") == "polite"
        assert page.locator(f"{region} [data-fz-log]").count() == 1
        for _ in range(200):  # Tab from the top of the page to the first choice
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.fzChoice") == "0":
                break
        else:
            pytest.fail("Tab never reached the first choice")
        for i in path:
            for _ in range(i):
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.dataset.fzChoice") == str(i)
            page.keyboard.press("Enter")
        texts, ending = _follow(story, path)
        assert ending["kind"] == "stopped"
        assert _chat(page) == [t.strip() for t in texts]
        focused = page.evaluate("document.activeElement.textContent")
        assert ending["title"] in focused, "focus moves to the ending's heading"
        page.keyboard.press("Tab")  # on to the ending's links
        assert page.evaluate("document.activeElement.tagName") == "A"


def test_projection_steps_by_keys(browser: Any, page_url: str, story: dict[str, Any], shots: Path) -> None:
    with sized_page(browser, PROJECTOR) as page:
        _open(page, page_url, [])
        stage = page.locator("[data-fz-stage]")
        assert stage.is_hidden()
        page.keyboard.press("p")
        assert stage.is_visible()
        count = page.locator("[data-fz-stage-count]")
        first = story["steps"][0]
        assert count.inner_text().startswith("第 1 步")
        options = page.eval_on_selector_all("[data-fz-vote]", "els => els.map(e => e.textContent)")
        assert options == [f"{'AB'[i]}{c['text']}" for i, c in enumerate(first["choices"])]
        page.keyboard.press("a")
        assert count.inner_text().startswith("第 2 步")
        assert story["steps"][1]["messages"][1]["text"] in stage.inner_text()
        page.screenshot(path=str(shots / "scenario-projection-1920.png"))
        page.keyboard.press("ArrowLeft")
        assert count.inner_text().startswith("第 1 步")
        page.keyboard.press("2")  # 不加陌生人 → the stopped ending
        ending = _node(story, first["choices"][1]["next"])
        assert count.inner_text() == "结局 " + "ABC"[story["endings"].index(ending)]
        assert ending["lesson"] in stage.inner_text()
        colours = page.eval_on_selector("[data-fz-stage] .fz-ending", "e => [getComputedStyle(e).color, "
                                        "getComputedStyle(e).backgroundColor]")
        assert colours == ["rgb(255, 255, 255)", "rgb(17, 17, 17)"], "the ending reads white on black on the stage"
        page.screenshot(path=str(shots / "scenario-projection-1920-ending.png"))
        page.keyboard.press("Home")
        assert count.inner_text().startswith("第 1 步")
        page.keyboard.press("Escape")
        assert stage.is_hidden()
        assert page.evaluate("document.activeElement.dataset.fzAction") == "project"
        # the class vote did not move the student's own progress
        assert page.evaluate(f"localStorage.getItem('fanzha.scenario.{SCENARIO}')") is None


def test_type_case_and_index_pages_link_the_scenario(scenario_site: tuple[Path, str]) -> None:
    site = scenario_site[0]
    href = f"scenarios/{SCENARIO}/"
    assert f'href="../../{href}"' in (site / "types" / "shuadan" / "index.html").read_text(encoding="utf-8")
    case = (site / "cases" / "shuadan-dorm-like-task" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{href}"' in case
    other = (site / "cases" / "shuadan-graduate-online-clerk" / "index.html").read_text(encoding="utf-8")
    assert "情景演练（" in case and "情景演练（" not in other, "a case page links only the scenarios whose endings point to it"
    assert f'href="{SCENARIO}/"' in (site / "scenarios" / "index.html").read_text(encoding="utf-8")
    page = (site / href / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*assets/fanzha/pages/scenario\.js" defer', page) or \
        re.search(r'<script[^>]*defer[^>]*scenario\.js', page), "scenario.js is deferred"
    assert "assets/fanzha/pages/scenario.css" in page


def test_content_text_stays_text(browser: Any, scenario_site: tuple[Path, str]) -> None:
    """Payloads in a scenario's texts show literally: no script runs, no element is injected."""
    dialogs: list[str] = []
    with sized_page(browser, PHONE) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        _open(page, f"{scenario_site[1]}/scenarios/tricky/", [])
        page.click("[data-fz-choice='0']")
        shown = page.inner_text("[data-fz-log]")
        for payload in PAYLOADS:
            assert payload in shown
        assert page.locator("[data-fz-log] img, [data-fz-log] script").count() == 0
        page.keyboard.press("p")
        assert PAYLOADS[0] in page.inner_text("[data-fz-stage]")
        assert page.locator("[data-fz-stage] img").count() == 0
        page.wait_for_timeout(200)
    assert dialogs == []


def test_axe_finds_nothing_on_the_phone(browser: Any, page_url: str) -> None:
    """axe-core (WCAG A/AA rules, as tests/site/test_accessibility.py) on the page mid-story and at an ending."""
    from build_tools.bench import quality

    with sized_page(browser, PHONE, has_touch=True, is_mobile=True) as page:
        _open(page, page_url, [])
        page.tap("[data-fz-choices] [data-fz-choice='0']")
        assert quality.axe_violations(page) == []
        page.tap("[data-fz-choices] [data-fz-choice='1']")  # 先问问室友
        page.tap("[data-fz-choices] [data-fz-choice='0']")  # 听室友的: an ending
        assert page.locator("[data-fz-log] .fz-ending").count() == 1
        assert quality.axe_violations(page) == []
