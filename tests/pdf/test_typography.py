"""Chinese line breaking and page breaking, checked in the PDFs themselves."""
from __future__ import annotations

from pathlib import Path

from build_tools.pdf.text import CLOSING, OPENING, glue
from build_tools.pdf.typeset import render_pdf

from . import pdftools
from .conftest import Built

RULE_CLOSING = "，。、；：？！”）》"  # what may never start a line
RULE_OPENING = "“（《"  # what may never end a line


def bad_lines(pdf: Path) -> list[str]:
    return [line for line in pdftools.body_lines(pdf)
            if line.strip()[0] in RULE_CLOSING or line.strip()[-1] in RULE_OPENING]


def test_no_line_starts_with_closing_punctuation(built: Built) -> None:
    for pdf in built.pdfs():
        assert bad_lines(pdf) == [], pdf


def test_glue_is_what_keeps_marks_after_spaces_in_place(tmp_path: Path) -> None:
    """The test above can fail: without glue, Pango breaks before a mark that follows a space."""
    words = "".join(f"第{i}条提醒 ：先挂断 ，不转账 。“ 兼职”拨打 96110 ；" for i in range(60))
    page = ('<html lang="zh-CN"><body style="font-family: \'Noto Serif CJK SC\'; width: 9.3em">'
            '<p>{}</p></body></html>')
    for width in ("9.3em", "10.6em", "13.1em"):
        raw = tmp_path / f"raw-{width}.pdf"
        raw.write_bytes(render_pdf(page.replace("9.3em", width).format(words), "test").data)
        glued = tmp_path / f"glued-{width}.pdf"
        glued.write_bytes(render_pdf(page.replace("9.3em", width).format(glue(words)), "test").data)
        assert bad_lines(glued) == []
        assert pdftools.norm(pdftools.text(glued)) == pdftools.norm(words)
    assert any(bad_lines(tmp_path / f"raw-{w}.pdf") for w in ("9.3em", "10.6em", "13.1em"))


def test_glue_escapes_and_wraps() -> None:
    assert str(glue("a<b  。")) == "a&lt;b\u00a0。"
    assert str(glue("“ 兼职” ，（ a\n）")) == "“\u00a0兼职”\u00a0，（\u00a0a\u00a0）"
    assert str(glue("打 96110。")) == "打 96110。"
    assert set(RULE_CLOSING) <= set(CLOSING) and set(RULE_OPENING) <= set(OPENING)


def test_a_question_stays_on_one_page(built: Built) -> None:
    kb = built.result.kb
    for pdf in sorted(built.kits.glob("*/quiz*.pdf")):
        pages = [pdftools.norm(text) for text in pdftools.page_texts(pdf)]
        for printed in pdftools.read_paper(pdf, kb):
            q = printed.question
            parts = [q.stem[:12], q.stem[-12:], *[o[-12:] for o in q.options]]
            where = {i for i, text in enumerate(pages) for part in parts if pdftools.norm(part) in text}
            assert len(where) == 1, (pdf, q.id, where)
