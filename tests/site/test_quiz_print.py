"""A quiz page printed (issue 13): Chromium's page.pdf(), read back with pdftotext. A practice sheet:
numbered questions, no buttons or instructions, no answers, and no question split across pages."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from build_tools.model import KnowledgeBase

from .conftest import PROJECTOR, first_with_all_kinds, sized_page

pytestmark = pytest.mark.browser

# Each question as printed: its number, kind label, stem, and the texts of its options in the order shown.
QUESTIONS = """[...document.querySelectorAll('li.fz-q')].map((q) => ({
  head: q.querySelector('legend').textContent,
  options: [...q.querySelectorAll('[data-fz-opt-text]')].map((o) => o.textContent)}))"""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of the PDF, whitespace removed (pdftotext separates pages by form feeds)."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return [squash(p) for p in text.split("\f") if p.strip()]


def test_quiz_prints_as_a_practice_sheet(browser: Any, site_url: str, default_kb: KnowledgeBase, shots: Path) -> None:
    bank = default_kb.banks[first_with_all_kinds(default_kb)]
    first = bank.public_questions[0]
    with sized_page(browser, PROJECTOR) as page:
        page.goto(f"{site_url}/quizzes/{bank.id}/")
        page.wait_for_selector(".fz-quiz.fz-ready")
        page.locator(f"#q-{first.id} [data-fz-opt]").first.click()  # one answered: its answer must not print
        page.locator(f"#q-{first.id} [data-fz-check]").click()
        printed = page.evaluate(QUESTIONS)
        pdf = page.pdf(prefer_css_page_size=True)
    (shots / "print-quiz.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    whole = "".join(pages)
    print(f"quiz {bank.id}: {len(printed)} questions on {len(pages)} printed pages")
    for control in ("提交", "重做错题", "全部重来", "课堂模式", "选好后点", "快捷键"):
        assert control not in whole, control
    assert "解析：" not in whole and "回答正确" not in whole and "回答错误" not in whole  # no answers on paper
    assert squash(first.explanation)[:12] not in whole  # not even for the question answered on screen
    assert "✓" not in whole and "✗" not in whole
    for n, q in enumerate(printed, start=1):
        head = squash(q["head"])
        assert head.startswith(f"{n}.")
        on = [i for i, p in enumerate(pages) if head[:24] in p]
        assert len(on) == 1, (n, head, on)
        page_text = pages[on[0]]
        for text in q["options"]:  # every option on the page of its stem: no question split
            assert squash(text)[-12:] in page_text, (n, text, on)
