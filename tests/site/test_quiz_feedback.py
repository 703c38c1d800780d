"""Quiz feedback as a student sees it (issue 13), in Chromium: colours by computed style, ✓/✗ words,
numbered questions, retry and restart in the summary, and no layout shift while the script runs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.model import KnowledgeBase, Question

from .conftest import sized_page

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
GREEN = "rgb(46, 125, 50)"
RED = "rgb(198, 40, 40)"

# Sums the layout-shift entries (those without recent input) from the start of the page's life.
CLS_OBSERVER = """
window.__fzShifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__fzShifts.push(
    {value: e.value, sources: e.sources.map((s) => s.node ? (s.node.className || s.node.nodeName) : "")});
}).observe({type: "layout-shift", buffered: true});
"""

OPTION_STYLE = """(qid) => [...document.querySelectorAll(`#q-${qid} [data-fz-opt]`)].map((l) => {
  const cs = getComputedStyle(l);
  return {text: l.querySelector('[data-fz-opt-text]').textContent, border: cs.borderTopColor,
          background: cs.backgroundColor, mark: l.querySelector('[data-fz-mark]').textContent,
          label: l.innerText};
})"""


@pytest.fixture(scope="module")
def multiple(default_kb: KnowledgeBase) -> Question:
    """A published multiple-choice question with at least two correct options and one wrong."""
    for bank in default_kb.banks.values():
        for q in bank.public_questions:
            if q.kind == "multiple" and 2 <= len(q.correct_indexes) < len(q.shown_options):
                return q
    pytest.fail("no multiple-choice question with two or more correct options in the default content")


def bank_of(kb: KnowledgeBase, q: Question) -> str:
    return next(b.id for b in kb.banks.values() if q in b.public_questions)


def open_quiz(page: Any, site_url: str, bank: str) -> None:
    page.goto(f"{site_url}/quizzes/{bank}/")
    page.wait_for_selector(".fz-quiz.fz-ready")


def test_partly_right_multiple_choice_reads_right(browser: Any, site_url: str, default_kb: KnowledgeBase,
                                                  multiple: Question, shots: Path) -> None:
    correct = [multiple.shown_options[i] for i in multiple.correct_indexes]
    wrong = next(t for t in multiple.shown_options if t not in correct)
    picked = {correct[0], wrong}  # one right, one wrong, the other correct ones missed
    with sized_page(browser, PHONE) as page:
        open_quiz(page, site_url, bank_of(default_kb, multiple))
        item = page.locator(f"#q-{multiple.id}")
        for text in picked:
            item.locator("[data-fz-opt]", has_text=text).first.click()
        before = page.evaluate(OPTION_STYLE, multiple.id)
        chosen_style = next(o for o in before if o["text"] == wrong)
        item.locator("[data-fz-check]").click()
        after = {o["text"]: o for o in page.evaluate(OPTION_STYLE, multiple.id)}
        for text, o in after.items():
            if text == wrong:
                assert o["border"] == RED and o["mark"].startswith("✗"), o
                assert o["border"] != chosen_style["border"]  # not the "chosen" colour any more
            elif text in correct:
                assert o["border"] == GREEN and o["mark"].startswith("✓"), o
                assert ("漏选" in o["mark"]) == (text not in picked), o  # missed ones say so
                assert o["background"] != after[wrong]["background"]
            else:
                assert o["border"] not in (GREEN, RED) and o["mark"] == "", o
        for o in after.values():  # the words are part of the option's text, not only a colour
            assert o["mark"] in o["label"]
        verdict = item.locator("[data-fz-verdict]")
        assert "回答错误" in verdict.text_content()
        assert page.evaluate("document.activeElement.hasAttribute('data-fz-verdict')")  # focus to the verdict
        assert verdict.get_attribute("aria-live") == "polite"
        item.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "phone-quiz-partly-right.png"))


def test_questions_are_numbered(browser: Any, site_url: str, default_kb: KnowledgeBase, multiple: Question) -> None:
    bank = default_kb.banks[bank_of(default_kb, multiple)]
    with sized_page(browser, PHONE) as page:
        open_quiz(page, site_url, bank.id)
        numbers = page.locator("li.fz-q [data-fz-num]").all_text_contents()
        assert numbers == [f"{i}." for i in range(1, len(bank.public_questions) + 1)]
        first = page.locator("li.fz-q").first
        assert first.locator("legend").inner_text().startswith("1.")


def test_summary_has_retry_and_restart_and_retry_keeps_storage(browser: Any, site_url: str,
                                                               default_kb: KnowledgeBase, multiple: Question) -> None:
    bank = default_kb.banks[bank_of(default_kb, multiple)]
    questions = bank.public_questions
    with sized_page(browser, {"width": 1280, "height": 800}) as page:
        open_quiz(page, site_url, bank.id)
        for n, q in enumerate(questions[:-1]):  # all but the last, stored as if answered before
            chosen = list(q.correct_indexes) if n % 3 else [next(i for i in range(len(q.shown_options))
                                                              if i not in q.correct_indexes)]
            page.evaluate("""([bank, id, chosen, ok]) => {
              const key = 'fanzha:quiz:' + bank, saved = JSON.parse(localStorage.getItem(key)) || {v: 1, results: {}};
              saved.results[id] = {ok, chosen};
              localStorage.setItem(key, JSON.stringify(saved)); }""", [bank.id, q.id, chosen, bool(n % 3)])
        page.reload()
        page.wait_for_selector(".fz-quiz.fz-ready")
        assert not page.locator("[data-fz-done]").is_visible()
        last = questions[-1]
        right = {last.shown_options[i] for i in last.correct_indexes}
        for text in {next(t for t in last.shown_options if t not in right)}:  # the last one wrong
            page.locator(f"#q-{last.id} [data-fz-opt]", has_text=text).first.click()
        page.locator(f"#q-{last.id} [data-fz-check]").click()
        wrong_ids = {q.id for n, q in enumerate(questions[:-1]) if n % 3 == 0} | {last.id}
        done = page.locator("[data-fz-done]")
        assert done.is_visible()
        retry, restart = done.locator("[data-fz-action=retry]"), done.locator("[data-fz-action=restart]")
        assert retry.is_visible() and restart.is_visible()
        assert f"（{len(wrong_ids)}）" in retry.text_content()
        # the summary's buttons are next to its score, not a page height away at the top
        gap = page.evaluate("""() => {
          const d = document.querySelector('[data-fz-done]').getBoundingClientRect();
          const b = document.querySelector('[data-fz-done] [data-fz-action=retry]').getBoundingClientRect();
          return b.top - d.top; }""")
        assert 0 <= gap < 200
        stored_before = page.evaluate(f"JSON.parse(localStorage.getItem('fanzha:quiz:{bank.id}')).results")
        retry.click()
        assert page.locator("li.fz-q:visible").count() == len(wrong_ids)
        stored = page.evaluate(f"JSON.parse(localStorage.getItem('fanzha:quiz:{bank.id}')).results")
        assert stored == stored_before  # starting a retry deletes nothing
        assert {k for k, v in stored.items() if not v["ok"]} == wrong_ids
        notebook = page.evaluate("JSON.parse(localStorage.getItem('fanzha:cuoti') || '{\"items\": {}}').items")
        assert {v["id"] for v in notebook.values()} == {last.id}  # the one answered wrong on this page
        page.reload()
        page.wait_for_selector(".fz-quiz.fz-ready")
        assert page.locator("li.fz-q.fz-q--wrong").count() == len(wrong_ids)  # still there after a reload
        page.locator("[data-fz-done] [data-fz-action=restart]").click()
        assert page.locator("[data-fz-feedback]:visible").count() == 0
        assert page.evaluate("Object.keys(JSON.parse(localStorage.getItem('fanzha:cuoti') || '{\"items\": {}}').items)") \
            == [f"{bank.id}/{last.id}"]  # restarting the bank leaves the 错题本 alone


def test_no_layout_shift_while_the_script_shuffles(browser: Any, site_url: str, default_kb: KnowledgeBase,
                                                   multiple: Question) -> None:
    viewport = PHONE  # the narrowest screen: options wrap most, so reordering them would move most
    bank = bank_of(default_kb, multiple)
    with sized_page(browser, viewport) as page:
        page.add_init_script(CLS_OBSERVER)
        first = default_kb.banks[bank].public_questions[0]
        for visit in ("fresh", "with a stored answer"):
            if visit == "fresh":
                open_quiz(page, site_url, bank)
            else:  # restoring an answer shows its feedback, which must not push anything either
                page.locator(f"#q-{first.id} [data-fz-opt]").first.click()
                page.locator(f"#q-{first.id} [data-fz-check]").click()
                page.reload()
                page.wait_for_selector(".fz-quiz.fz-ready")
            page.wait_for_timeout(400)
            shifts = page.evaluate("window.__fzShifts")
            cls = sum(s["value"] for s in shifts)
            print(f"CLS quiz page {viewport['width']}x{viewport['height']} {visit}: {cls:.4f} {shifts}")
            assert cls <= 0.02, shifts
        assert page.locator(f"#q-{first.id} [data-fz-feedback]").is_visible()  # the restore did happen
