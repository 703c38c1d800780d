"""The programme pages in the real browser: copy buttons (clipboard API and fallback), the campaign
month on a desktop, a phone and paper. Uses the default site built once (tests/conftest.py)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_tools import core
from build_tools.load import programme as sources

from ..conftest import REPO

pytestmark = pytest.mark.browser

NO_CLIPBOARD_API = """
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined, configurable: true});
window.__copied = [];
Document.prototype.execCommand = function (command) {
  if (command !== "copy") { return false; }
  const active = document.activeElement;
  window.__copied.push(active && "value" in active ? active.value : String(window.getSelection()));
  return window.__copyWorks;
};
"""


@pytest.fixture(scope="module")
def first_reminder() -> str:
    result = core.validate(REPO)
    _, plan = sources.reminder_plan(sources.input_file(REPO, sources.CALENDAR), result.kb, result.settings)
    return plan.reminders[0].text


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_copy_button_puts_the_reminder_on_the_clipboard(context: Any, site_url: str, first_reminder: str,
                                                        output_dir: Path) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(f"{site_url}/programme/reminders/")
    assert page.locator(".fz-copy").count() == 40
    page.locator(".fz-copy").first.click()
    page.locator(".fz-copy-status").first.wait_for(state="visible")
    assert page.locator(".fz-copy-status").first.inner_text() == "已复制，可以粘贴到班级群了"
    assert page.evaluate("navigator.clipboard.readText()") == first_reminder
    assert page.locator("#reminder-s1-w1").inner_text() == first_reminder
    page.screenshot(path=str(output_dir / "programme-reminders.png"))


@pytest.mark.parametrize("works", [True, False])
def test_without_the_clipboard_api_the_fallback_copies_or_selects(context: Any, site_url: str,
                                                                  first_reminder: str, works: bool) -> None:
    """WeChat's browser on plain http has no navigator.clipboard: textarea + execCommand("copy")."""
    context.add_init_script(NO_CLIPBOARD_API + f"window.__copyWorks = {'true' if works else 'false'};")
    page = context.new_page()
    page.goto(f"{site_url}/programme/reminders/")
    assert page.evaluate("navigator.clipboard") is None
    button = page.locator(".fz-copy").nth(2)
    button.click()
    status = page.locator(".fz-copy-status").nth(2)
    status.wait_for(state="visible")
    third = page.locator(".fz-reminder").nth(2).inner_text()
    assert page.evaluate("window.__copied") == [third]
    if works:
        assert status.inner_text() == "已复制，可以粘贴到班级群了" and button.inner_text() == "已复制"
    else:  # nothing could copy: the text is selected for a long press
        assert status.inner_text().startswith("没能自动复制")
        assert page.evaluate("String(window.getSelection())") == third
    assert third != first_reminder


def test_campaign_month_on_a_desktop_a_phone_and_paper(browser: Any, site_url: str, output_dir: Path) -> None:
    desktop = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = desktop.new_page()
    page.goto(f"{site_url}/programme/campaign/")
    assert page.locator(".fz-cal thead th").count() == 7
    assert page.locator(".fz-cal td.fz-in").count() == 30  # November
    assert page.locator(".fz-cal td:not(.fz-busy)").first.is_visible()
    page.screenshot(path=str(output_dir / "programme-campaign-desktop.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator(".fz-cal").is_visible() and page.locator(".fz-list-wrap table").is_visible()
    desktop.close()

    phone = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{site_url}/programme/campaign/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing runs off the side
    busy = page.locator(".fz-cal td.fz-busy")
    assert busy.count() > 0 and all(busy.nth(i).is_visible() for i in range(busy.count()))
    assert not page.locator(".fz-cal td:not(.fz-busy)").first.is_visible()
    assert not page.locator(".fz-cal thead").is_visible()
    assert busy.first.locator(".fz-day-wd").inner_text() == "11月2日 周一"
    page.screenshot(path=str(output_dir / "programme-campaign-phone.png"), full_page=True)
    phone.close()


def test_reminders_page_on_a_phone(browser: Any, site_url: str) -> None:
    phone = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = phone.new_page()
    page.goto(f"{site_url}/programme/reminders/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".fz-copy").first.is_visible()
    downloads = page.locator(".fz-downloads a")
    assert [downloads.nth(i).get_attribute("href") for i in range(2)] == ["reminders.csv", "reminders.ics"]
    phone.close()


def test_downloads_beside_the_page(default_site: Path) -> None:
    folder = default_site / "programme" / "reminders"
    ics = (folder / "reminders.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.count(b"BEGIN:VEVENT") == 40
    assert (folder / "reminders.csv").read_bytes().startswith("\ufeff学期,周次".encode("utf-8"))
