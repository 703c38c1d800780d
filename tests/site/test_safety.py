"""Rules that protect people: content text never runs as code, exam-only questions never ship.

Both use the tricky fixture tree (tests/site/fixtures/tricky): its titles, stems, options and
explanations hold `</script><script>alert(1)</script>` and `"><img src=x onerror=alert(1)>`,
and one question is exam_only with a marker string in every field.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import file_texts, tree_texts
from .conftest import EXAM_ID, EXAM_MARKER, PAYLOADS, PROJECTOR, sized_page

PAGES = ["", "types/", "types/ceshi/", "cases/", "cases/ceshi-zhuru/", "clips/", "clips/ceshi-60s/",
         "quizzes/", "quizzes/ceshi/", "kits/", "kits/ceshi-kit/"]
INJECTED = """() => ({
  images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('alert(1)') && s.type !== 'application/json').length,
  text: document.body.innerText,
})"""


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))  # the search index puts U+200B between words


def texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(where, text) of a built file, looking inside gzip (sitemap, search index), zip and PDF."""
    def clean(text: str) -> str:
        return text.translate(ZERO_WIDTH)
    return file_texts(name, data, clean=clean, clean_pdf=clean)


@pytest.fixture(scope="module")
def built_texts(tricky_site: Path) -> dict[str, str]:
    return tree_texts(tricky_site, texts)


def test_exam_only_question_is_nowhere_in_the_site(built_texts: dict[str, str]) -> None:
    assert EXAM_MARKER in (Path(__file__).parent / "fixtures/tricky/quizzes/ceshi.yml").read_text(encoding="utf-8")
    hits = [name for name, text in built_texts.items() if EXAM_MARKER in text or EXAM_ID in text]
    assert hits == []


def test_the_scan_reads_every_kind_of_file(built_texts: dict[str, str]) -> None:
    """The scan above would see the marker: public questions are found the same way."""
    public = "多选题：以下哪些是刷单诈骗的常见话术"
    found = {name for name, text in built_texts.items() if public in text}
    assert "quizzes/ceshi/index.html" in found
    assert any(name.startswith("sitemap.xml.gz!") for name in built_texts)
    assert any(name.startswith("pagefind/") and "!gunzip" in name for name in found), "search index"
    assert any(name.endswith(".pdf") for name in built_texts), "kit PDFs are scanned as text"
    assert any(".zip!" in name for name in built_texts), "kit bundles are scanned inside"


@pytest.mark.browser
def test_injected_text_shows_as_text_and_never_runs(browser: Any, tricky_url: str) -> None:
    dialogs: list[str] = []
    with sized_page(browser, PROJECTOR) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in PAGES:
            page.goto(f"{tricky_url}/{path}")
            found = page.evaluate(INJECTED)
            assert found["images"] == 0 and found["scripts"] == 0, path
            if path:
                assert any(p in found["text"] for p in PAYLOADS), path  # shown, as text
        page.goto(f"{tricky_url}/quizzes/ceshi/")
        stem = page.locator("#q-ceshi-001 [data-fz-stem]")
        assert stem.text_content() == PAYLOADS[0]
        page.locator("#q-ceshi-001 [data-fz-opt]", has_text=PAYLOADS[1]).click()
        page.locator("#q-ceshi-001 [data-fz-check]").click()
        assert PAYLOADS[0] in page.locator("#q-ceshi-001 [data-fz-explain]").text_content()
        assert page.locator("#q-ceshi-001 .fz-opt--wrong [data-fz-opt-text]").text_content() == PAYLOADS[1]
        page.locator("[data-fz-action=classroom]").click()
        page.keyboard.press("Space")
        classroom = page.locator("[data-fz-classroom]").inner_text()
        assert PAYLOADS[0] in classroom and PAYLOADS[1] in classroom
        page.keyboard.press("Escape")
        page.goto(f"{tricky_url}/clips/ceshi-60s/")
        page.keyboard.press("p")
        assert PAYLOADS[0] in page.locator("[data-fz-text]").text_content()
        page.keyboard.press("ArrowRight")
        assert PAYLOADS[1] in page.locator("[data-fz-text]").text_content()
        assert page.evaluate(INJECTED)["images"] == 0
    assert dialogs == []


@pytest.mark.browser
def test_pages_work_after_instant_navigation(browser: Any, tricky_url: str) -> None:
    """With the theme's instant navigation a page is swapped in without a reload: the practice
    and the projector must still start on the new page."""
    with sized_page(browser, PROJECTOR) as page:
        page.goto(f"{tricky_url}/quizzes/")
        page.evaluate("window.fzSamePage = true")  # gone if the browser really loads a new page
        page.locator(".fz-card__title").first.click()
        page.wait_for_url("**/quizzes/ceshi/")
        page.wait_for_selector("[data-fz-score]:has-text('答对')")
        assert page.evaluate("window.fzSamePage") is True
        page.locator("#q-ceshi-001 [data-fz-opt]", has_text="选项丁").click()
        page.locator("#q-ceshi-001 [data-fz-check]").click()
        assert "回答正确" in page.locator("#q-ceshi-001 [data-fz-verdict]").text_content()
        page.locator("#q-ceshi-001 .fz-feedback__case a").click()  # on to the case, then its clip
        page.wait_for_url("**/cases/ceshi-zhuru/")
        page.locator(".fz-related a[href*='clips/']").first.click()
        page.wait_for_url("**/clips/ceshi-60s/")
        page.wait_for_selector("[data-fz-projector]", state="attached")
        assert page.evaluate("window.fzSamePage") is True
        page.keyboard.press("p")
        assert page.locator("[data-fz-projector]").is_visible()
        assert page.locator("[data-fz-count]").text_content() == "1 / 2"
        page.keyboard.press("Escape")
