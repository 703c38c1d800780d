"""Self-test practice in a real browser: feedback, score, retry, shuffling, storage, keyboard, classroom."""
from __future__ import annotations

import json
from typing import Any

import pytest

from build_tools.model import KnowledgeBase, Question

from .conftest import PROJECTOR, first_with_all_kinds, sized_page

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def bank_id(default_kb: KnowledgeBase) -> str:
    return first_with_all_kinds(default_kb)


@pytest.fixture(scope="module")
def questions(default_kb: KnowledgeBase, bank_id: str) -> list[Question]:
    return default_kb.banks[bank_id].public_questions


def truth(q: Question) -> set[str]:
    """The texts of the question's correct options."""
    return {q.shown_options[i] for i in q.correct_indexes}


def shown(page: Any, qid: str) -> list[tuple[str, str]]:
    """(letter, text) of each option in the order the page shows them now."""
    return page.locator(f"#q-{qid} [data-fz-opt]").evaluate_all(
        "els => els.map(e => [e.querySelector('[data-fz-letter]').textContent,"
        " e.querySelector('[data-fz-opt-text]').textContent])")


def answer(page: Any, q: Question, texts: set[str]) -> None:
    """Tick the options with these texts and submit."""
    for text in texts:
        page.locator(f"#q-{q.id} [data-fz-opt]", has_text=text).first.click()
    page.locator(f"#q-{q.id} [data-fz-check]").click()


def wrong_choice(q: Question) -> set[str]:
    return {next(t for t in q.shown_options if t not in truth(q))}


def marked_correct(page: Any, qid: str) -> set[str]:
    return set(page.locator(f"#q-{qid} .fz-opt--answer [data-fz-opt-text]").all_text_contents())


def score(page: Any) -> str:
    return page.locator("[data-fz-score]").text_content()


def open_bank(page: Any, site_url: str, bank_id: str) -> None:
    page.goto(f"{site_url}/quizzes/{bank_id}/")
    page.wait_for_selector("[data-fz-score]:has-text('答对')")  # the script has run


def of_kind(questions: list[Question], kind: str) -> Question:
    return next(q for q in questions if q.kind == kind)


def test_right_and_wrong_answers(browser: Any, site_url: str, bank_id: str, questions: list[Question]) -> None:
    single, judge = of_kind(questions, "single"), of_kind(questions, "judge")
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        answer(page, single, truth(single))
        item = page.locator(f"#q-{single.id}")
        assert "回答正确" in item.locator("[data-fz-verdict]").text_content()
        assert item.locator("[data-fz-explain]").is_visible()
        assert single.explanation in item.locator("[data-fz-explain]").text_content()
        if single.case:
            assert item.locator(".fz-feedback__case a").get_attribute("href") == f"../../cases/{single.case}/"
        assert marked_correct(page, single.id) == truth(single)
        assert item.locator("input:enabled").count() == 0  # locked until a retry

        answer(page, judge, wrong_choice(judge))
        verdict = page.locator(f"#q-{judge.id} [data-fz-verdict]").text_content()
        assert "回答错误" in verdict and judge.answer_letters in verdict  # 正确 / 错误
        assert marked_correct(page, judge.id) == truth(judge)
        assert page.locator(f"#q-{judge.id} .fz-opt--wrong").count() == 1
        assert score(page).startswith(f"已答 2 / {len(questions)} 题，答对 1 题，答错 1 题")


def test_nothing_chosen_asks_for_a_choice(browser: Any, site_url: str, bank_id: str,
                                          questions: list[Question]) -> None:
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        page.locator(f"#q-{questions[0].id} [data-fz-check]").click()
        assert "请先选择" in page.locator(f"#q-{questions[0].id} [data-fz-verdict]").text_content()
        assert not page.locator(f"#q-{questions[0].id} [data-fz-explain]").is_visible()
        assert score(page).startswith(f"已答 0 / {len(questions)} 题")


def test_multiple_choice_needs_the_whole_set(browser: Any, site_url: str, bank_id: str,
                                             questions: list[Question]) -> None:
    multi = [q for q in questions if q.kind == "multiple"]
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        partial = set(sorted(truth(multi[0]))[:-1])
        answer(page, multi[0], partial)
        assert "回答错误" in page.locator(f"#q-{multi[0].id} [data-fz-verdict]").text_content()
        assert marked_correct(page, multi[0].id) == truth(multi[0])
        if len(multi) > 1:
            answer(page, multi[1], truth(multi[1]))
            assert "回答正确" in page.locator(f"#q-{multi[1].id} [data-fz-verdict]").text_content()


def test_retry_only_the_wrong_ones(browser: Any, site_url: str, bank_id: str, questions: list[Question]) -> None:
    first, second = questions[0], questions[1]
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        retry = page.locator(".fz-quiz-bar [data-fz-action=retry]")
        assert retry.is_disabled()
        answer(page, first, truth(first))
        answer(page, second, wrong_choice(second))
        assert retry.is_enabled() and "1" in retry.text_content()
        retry.click()
        assert page.locator(f"#q-{second.id}").is_visible()
        assert not page.locator(f"#q-{first.id}").is_visible()
        assert page.locator("li.fz-q:visible").count() == 1
        assert page.locator(f"#q-{second.id} input:checked").count() == 0
        assert not page.locator(f"#q-{second.id} [data-fz-feedback]").is_visible()
        assert retry.is_disabled()
        answer(page, second, truth(second))
        assert score(page).startswith(f"已答 2 / {len(questions)} 题，答对 2 题")
        page.locator("[data-fz-action=all]").click()
        assert page.locator("li.fz-q:visible").count() == len(questions)
        assert "回答正确" in page.locator(f"#q-{first.id} [data-fz-verdict]").text_content()


def test_score_when_all_are_answered(browser: Any, site_url: str, bank_id: str,
                                     questions: list[Question]) -> None:
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        for q in questions[:-1]:
            answer(page, q, truth(q))
        assert not page.locator("[data-fz-done]").is_visible()
        answer(page, questions[-1], wrong_choice(questions[-1]))
        done = page.locator("[data-fz-done]").text_content()
        expected = round(100 * (len(questions) - 1) / len(questions))
        assert f"得分 {expected} 分" in done and f"答对 {len(questions) - 1} / {len(questions)}" in done
        assert ("及格" in done) and (("未及格" in done) == (expected < 80))
        page.locator(".fz-quiz-bar [data-fz-action=restart]").click()
        assert score(page).startswith(f"已答 0 / {len(questions)} 题")
        assert page.locator("[data-fz-feedback]:visible").count() == 0
        assert page.locator("input:checked").count() == 0


def test_shuffled_options_keep_the_true_answer(browser: Any, site_url: str, bank_id: str,
                                               questions: list[Question]) -> None:
    """Across attempts the order changes, and the option the page marks correct is always
    the question's true answer, whether the student chose right or wrong."""
    choices = [q for q in questions if q.kind != "judge"][:4]
    orders: dict[str, set[tuple[str, ...]]] = {q.id: set() for q in choices}
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        for attempt in range(6):
            for n, q in enumerate(choices):
                letters = shown(page, q.id)
                assert [l for l, _ in letters] == list("ABCDEFGH"[:len(letters)])
                assert sorted(t for _, t in letters) == sorted(q.shown_options)
                orders[q.id].add(tuple(t for _, t in letters))
                right = (attempt + n) % 2 == 0
                answer(page, q, truth(q) if right else wrong_choice(q))
                assert marked_correct(page, q.id) == truth(q)
                verdict = page.locator(f"#q-{q.id} [data-fz-verdict]").text_content()
                if not right:  # the letters named are those shown now, not those in the file
                    true_letters = "、".join(l for l, t in letters if t in truth(q))
                    assert verdict.endswith("正确答案：" + true_letters)
            page.locator(".fz-quiz-bar [data-fz-action=restart]").click()
    assert all(len(seen) > 1 for seen in orders.values()), orders


def test_progress_stays_in_this_browser(browser: Any, site_url: str, bank_id: str,
                                        questions: list[Question]) -> None:
    first, second = questions[0], questions[1]
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        answer(page, first, truth(first))
        answer(page, second, wrong_choice(second))
        page.wait_for_timeout(300)
        assert requests == []  # answering sends nothing anywhere
        stored = json.loads(page.evaluate(f"localStorage.getItem('fanzha:quiz:{bank_id}')"))
        assert {k: v["ok"] for k, v in stored["results"].items()} == {first.id: True, second.id: False}
        page.reload()
        page.wait_for_selector("[data-fz-score]:has-text('答对')")
        assert score(page).startswith(f"已答 2 / {len(questions)} 题，答对 1 题，答错 1 题")
        assert marked_correct(page, second.id) == truth(second)
        assert page.locator(f"#q-{second.id} .fz-opt--wrong [data-fz-opt-text]").text_content() in wrong_choice(second)
        page.goto(f"{site_url}/quizzes/")
        note = page.locator(f"[data-fz-quiz-progress='{bank_id}']")
        assert note.is_visible() and "已答 2 题，答对 1 题" in note.text_content()


def test_keyboard_alone(browser: Any, site_url: str, bank_id: str, questions: list[Question]) -> None:
    q = of_kind(questions, "single")
    with sized_page(browser, VIEWPORT) as page:
        open_bank(page, site_url, bank_id)
        page.locator(f"#q-{q.id} input").first.focus()
        page.keyboard.press("Space")  # selects the focused radio
        page.keyboard.press("ArrowDown")  # moves the choice to the next option
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-fz-check')")
        page.keyboard.press("Enter")
        assert page.locator(f"#q-{q.id} [data-fz-feedback]").is_visible()
        chosen = page.locator(f"#q-{q.id} [data-fz-opt]:has(input:checked) [data-fz-opt-text]").text_content()
        assert chosen == shown(page, q.id)[1][1]


def test_classroom_mode(browser: Any, site_url: str, bank_id: str, questions: list[Question]) -> None:
    with sized_page(browser, PROJECTOR) as page:
        open_bank(page, site_url, bank_id)
        page.locator("[data-fz-action=classroom]").click()
        stage = page.locator("[data-fz-classroom]")
        assert stage.is_visible()
        assert stage.bounding_box() == {"x": 0, "y": 0, "width": PROJECTOR["width"], "height": PROJECTOR["height"]}
        for i, q in enumerate(questions[:3]):
            assert page.locator("[data-fz-classroom] [data-fz-count]").text_content() == f"{i + 1} / {len(questions)}"
            assert q.stem in stage.locator(".fz-classroom__stem").text_content()
            options = stage.locator(".fz-classroom__option .fz-opt__text").all_text_contents()
            assert options == q.shown_options  # the file's order, so letters match the paper
            assert not stage.locator(".fz-revealed").count()
            assert not stage.locator(".fz-classroom__explain").is_visible()
            page.keyboard.press("Space")  # reveal
            revealed = set(stage.locator(".fz-revealed [data-fz-answer] .fz-opt__text").all_text_contents())
            assert revealed == truth(q)
            assert q.explanation in stage.locator(".fz-classroom__explain").text_content()
            page.keyboard.press("ArrowRight" if i % 2 else "Space")  # next question either way
        page.keyboard.press("ArrowLeft")
        assert page.locator("[data-fz-classroom] [data-fz-count]").text_content() == f"3 / {len(questions)}"
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.fz-classroom__stem')).fontSize)")
        assert size >= 32
        page.keyboard.press("Escape")
        assert not stage.is_visible()
        assert page.evaluate("document.fullscreenElement") is None


def test_without_javascript_the_page_still_reads(browser: Any, site_url: str, bank_id: str,
                                                 questions: list[Question]) -> None:
    with sized_page(browser, VIEWPORT, java_script_enabled=False) as page:
        page.goto(f"{site_url}/quizzes/{bank_id}/")
        assert page.locator("[data-fz-stem]").first.text_content() == questions[0].stem
        assert page.locator("[data-fz-opt]").first.is_visible()
        assert not page.locator("[data-fz-check]").first.is_visible()  # no buttons that do nothing
        assert not page.locator("[data-fz-feedback]").first.is_visible()  # and no answers shown
