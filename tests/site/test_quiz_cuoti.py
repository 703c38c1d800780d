"""The 错题本 (issue 13) in Chromium: wrong answers of every bank kept in this browser only, across a
reload and a retry, on their own page, due again after 1, 3 and 7 days (the clock is mocked)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from build_tools.model import LETTERS, KnowledgeBase, Question

from .conftest import EXAM_ID, EXAM_MARKER, PAYLOADS, sized_page

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
TZ = "Asia/Shanghai"
START = dt.datetime(2026, 3, 2, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def truth(q: Question) -> set[str]:
    return {q.shown_options[i] for i in q.correct_indexes}


def wrong_choice(q: Question) -> set[str]:
    return {next(t for t in q.shown_options if t not in truth(q))}


def answer(page: Any, scope: str, texts: set[str]) -> None:
    for text in texts:
        page.locator(f"{scope} [data-fz-opt]", has_text=text).first.click()
    page.locator(f"{scope} [data-fz-check]").click()


def notebook(page: Any) -> dict[str, Any]:
    return page.evaluate("(JSON.parse(localStorage.getItem('fanzha:cuoti')) || {items: {}}).items")


def item_sel(bank: str, q: Question) -> str:
    return f"[data-fz-cuoti-item='{bank}/{q.id}']"


def open_notebook(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/quizzes/cuoti/")
    page.wait_for_selector(".fz-cuoti.fz-ready")


def summary(page: Any) -> str:
    return page.locator("[data-fz-cuoti-summary]").text_content()


@pytest.fixture(scope="module")
def two_banks(default_kb: KnowledgeBase) -> list[tuple[str, list[Question]]]:
    """Two banks with at least two non-judge questions each, and their questions."""
    banks = [(b.id, [q for q in b.public_questions if q.kind != "judge"]) for b in default_kb.banks.values()]
    banks = [(b, qs) for b, qs in banks if len(qs) >= 2]
    assert len(banks) >= 2, "the default content needs two banks with choice questions"
    return banks[:2]


def test_wrong_answers_across_banks_reload_retry_and_schedule(browser: Any, site_url: str,
                                                             two_banks: list[tuple[str, list[Question]]],
                                                             shots: Path) -> None:
    (bank_a, qs_a), (bank_b, qs_b) = two_banks
    wrong_a, right_a, wrong_b = qs_a[0], qs_a[1], qs_b[0]
    with sized_page(browser, VIEWPORT, timezone_id=TZ) as page:
        page.clock.install(time=START)
        page.goto(f"{site_url}/quizzes/{bank_a}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        answer(page, f"#q-{wrong_a.id}", wrong_choice(wrong_a))
        answer(page, f"#q-{right_a.id}", truth(right_a))
        assert requests == []  # nothing sent anywhere
        page.locator(".fz-quiz-bar [data-fz-action=retry]").click()  # a retry keeps the notebook
        assert set(notebook(page)) == {f"{bank_a}/{wrong_a.id}"}
        page.goto(f"{site_url}/quizzes/{bank_b}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        answer(page, f"#q-{wrong_b.id}", wrong_choice(wrong_b))
        page.reload()
        page.wait_for_selector(".fz-quiz.fz-ready")
        assert set(notebook(page)) == {f"{bank_a}/{wrong_a.id}", f"{bank_b}/{wrong_b.id}"}

        # the notebook page: linked from the quiz page, question, the student's answer, the right one
        page.locator(".fz-quiz-bar a", has_text="错题本").click()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        assert page.url.endswith("/quizzes/cuoti/")
        assert summary(page).startswith("今天该复习 0 题，错题本里共 2 题")
        item = page.locator(item_sel(bank_a, wrong_a))
        assert wrong_a.stem in item.text_content()
        mine = "".join(LETTERS[wrong_a.shown_options.index(t)] for t in wrong_choice(wrong_a))
        right_letters = "、".join(LETTERS[i] for i in wrong_a.correct_indexes)
        answers = item.locator("[data-fz-cuoti-answers]").text_content()
        assert f"你上次的答案：{mine}" in answers and f"正确答案：{right_letters}" in answers
        assert wrong_a.explanation in item.text_content()
        assert "下次复习：3月3日（1 天后）" in item.text_content()
        assert item.locator("input").count() == 0  # not due yet: nothing to answer
        href = item.locator(".fz-cuoti__meta a").evaluate("a => a.href")
        assert href == f"{site_url}/quizzes/{bank_a}/#q-{wrong_a.id}"  # back to the question
        assert requests and all(u.startswith(site_url) for u in requests)  # only this site's own pages

        # a day later both are due; one right (→ 3 days), one wrong (→ 1 day again)
        page.clock.set_system_time(START + dt.timedelta(days=1))
        page.reload()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        assert summary(page).startswith("今天该复习 2 题")
        assert not page.locator(f"{item_sel(bank_a, wrong_a)} [data-fz-cuoti-answers]").is_visible()  # answer hidden
        answer(page, item_sel(bank_a, wrong_a), truth(wrong_a))
        answer(page, item_sel(bank_b, wrong_b), wrong_choice(wrong_b))
        assert "（3 天后）" in page.locator(f"{item_sel(bank_a, wrong_a)} [data-fz-cuoti-when]").text_content()
        assert "（1 天后）" in page.locator(f"{item_sel(bank_b, wrong_b)} [data-fz-cuoti-when]").text_content()
        assert summary(page).startswith("今天该复习 0 题，错题本里共 2 题")
        assert notebook(page)[f"{bank_a}/{wrong_a.id}"]["level"] == 1
        page.screenshot(path=str(shots / "desktop-cuoti.png"), full_page=True)

        # the quizzes index says what is due
        page.clock.set_system_time(START + dt.timedelta(days=2))
        page.goto(f"{site_url}/quizzes/")
        due = page.locator("[data-fz-cuoti-due]")
        assert due.is_visible() and due.text_content() == "今天该复习 1 题"

        # 3 days after the first review: right → 7 days; 7 days after that: right → mastered, removed
        page.clock.set_system_time(START + dt.timedelta(days=4))
        open_notebook(page, site_url)
        answer(page, item_sel(bank_a, wrong_a), truth(wrong_a))
        assert "（7 天后）" in page.locator(f"{item_sel(bank_a, wrong_a)} [data-fz-cuoti-when]").text_content()
        page.clock.set_system_time(START + dt.timedelta(days=10))
        page.reload()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        assert page.locator(f"{item_sel(bank_a, wrong_a)} input").count() == 0  # 7 days are not over
        page.clock.set_system_time(START + dt.timedelta(days=11))
        page.reload()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        answer(page, item_sel(bank_a, wrong_a), truth(wrong_a))
        assert "已掌握" in page.locator(f"{item_sel(bank_a, wrong_a)} [data-fz-verdict]").text_content()
        assert set(notebook(page)) == {f"{bank_b}/{wrong_b.id}"}
        page.reload()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        assert page.locator("[data-fz-cuoti-item]").count() == 1


def test_a_right_answer_in_practice_counts_as_a_review_only_when_due(browser: Any, site_url: str,
                                                                     two_banks: list[tuple[str, list[Question]]]) -> None:
    bank, qs = two_banks[0]
    q = qs[0]
    with sized_page(browser, VIEWPORT, timezone_id=TZ) as page:
        page.clock.install(time=START)
        page.goto(f"{site_url}/quizzes/{bank}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        answer(page, f"#q-{q.id}", wrong_choice(q))
        page.locator(".fz-quiz-bar [data-fz-action=retry]").click()
        answer(page, f"#q-{q.id}", truth(q))  # right at once: not a review, still due tomorrow
        entry = notebook(page)[f"{bank}/{q.id}"]
        assert entry["level"] == 0
        page.clock.set_system_time(START + dt.timedelta(days=1, hours=1))
        page.reload()
        page.wait_for_selector(".fz-quiz.fz-ready")
        page.locator(".fz-quiz-bar [data-fz-action=restart]").click()
        answer(page, f"#q-{q.id}", truth(q))  # due: a review, on to the 3-day interval
        assert notebook(page)[f"{bank}/{q.id}"]["level"] == 1


def test_notebook_page_holds_no_questions(tricky_site: Path, default_site: Path) -> None:
    """The notebook renders from what quiz pages stored: its page carries no question data at all,
    so an exam_only question cannot reach it."""
    for site in (default_site, tricky_site):
        html = (site / "quizzes" / "cuoti" / "index.html").read_text(encoding="utf-8")
        assert "data-fz-cuoti" in html and "data-fz-key" not in html
        assert EXAM_MARKER not in html
    quizzes = (default_site / "quizzes" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="cuoti/"[^>]*>错题本<', quizzes)


def test_notebook_shows_hostile_text_as_text(browser: Any, tricky_url: str) -> None:
    """Stems, options and explanations that try to break out of HTML reach the 错题本 as text."""
    with sized_page(browser, VIEWPORT) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{tricky_url}/quizzes/ceshi/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        page.locator("#q-ceshi-001 [data-fz-opt]", has_text=PAYLOADS[1]).click()
        page.locator("#q-ceshi-001 [data-fz-check]").click()
        page.goto(f"{tricky_url}/quizzes/cuoti/")
        page.wait_for_selector(".fz-cuoti.fz-ready")
        item = page.locator("[data-fz-cuoti-item='ceshi/ceshi-001']")
        assert PAYLOADS[0] in item.inner_text() and PAYLOADS[1] in item.inner_text()
        assert page.locator("img[src='x'], img[onerror]").count() == 0
        assert EXAM_MARKER not in page.content()
    assert dialogs == []


def test_entries_follow_the_published_banks(browser: Any, tricky_url: str) -> None:
    """The notebook refreshes its entries from the bank pages as published: an exam_only question,
    a question since removed and a removed bank leave it; changed text is taken over."""
    seed = {
        "ceshi/ceshi-001": {"bank": "ceshi", "id": "ceshi-001", "page": "quizzes/ceshi/", "kind": "single",
                            "stem": "STALE", "options": ["a", "b", "c", "d"], "answer": [0], "chosen": [1],
                            "explanation": "old", "level": 0, "due": 0},
        f"ceshi/{EXAM_ID}": {"bank": "ceshi", "id": EXAM_ID, "page": "quizzes/ceshi/", "kind": "single",
                             "stem": EXAM_MARKER, "options": ["a", "b"], "answer": [0], "chosen": [1],
                             "explanation": EXAM_MARKER, "level": 0, "due": 0},
        "gone/gone-001": {"bank": "gone", "id": "gone-001", "page": "quizzes/gone/", "kind": "judge",
                          "stem": "GONE", "options": ["正确", "错误"], "answer": [0], "chosen": [1],
                          "explanation": "", "level": 0, "due": 0},
    }
    with sized_page(browser, VIEWPORT) as page:
        page.goto(f"{tricky_url}/quizzes/cuoti/")
        page.evaluate("(items) => localStorage.setItem('fanzha:cuoti', JSON.stringify({v: 1, items}))", seed)
        page.reload()
        page.wait_for_selector(".fz-cuoti.fz-ready")
        assert page.locator("[data-fz-cuoti-item]").count() == 1
        item = page.locator("[data-fz-cuoti-item='ceshi/ceshi-001']")
        assert PAYLOADS[0] in item.inner_text() and "STALE" not in item.inner_text()
        assert EXAM_MARKER not in page.locator("body").inner_text()
        assert set(notebook(page)) == {"ceshi/ceshi-001"}
        assert notebook(page)["ceshi/ceshi-001"]["answer"] == [3]  # the key as published
