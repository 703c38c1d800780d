"""Kits that print right on A4: page counts, sheets, forms and Chinese line breaking (禁则),
checked in the PDFs with poppler (pdfinfo, pdftotext -layout / -bbox)."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from build_tools.pdf.text import CLOSING, OPENING
from build_tools.pdf.typeset import TEMPLATES, render_pdf

from . import pdftools
from .conftest import Built

QNUM = re.compile(r"^\s*(\d+)\.\s", re.M)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)
BLANK = "（    ）"


def printed_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) of every printed line as a reader sees it: words on one baseline, cut where a
    gap wider than a space parts them (table columns, form fields), except the gap inside an
    empty bracket (the answer blank "（　　）"), which is one thing on paper."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = []
    for n, page in enumerate(out.split("<page ")[1:], 1):
        rows: dict[int, list[tuple[float, float, str]]] = {}
        for x0, x1, y1, word in _WORD.findall(page):
            rows.setdefault(round(float(y1)), []).append((float(x0), float(x1), html.unescape(word)))
        for y in sorted(rows):
            words = sorted(rows[y])
            segment = [words[0]]
            for word in words[1:]:
                last = segment[-1]
                if word[0] - last[1] > 8 and not (last[2][-1] in OPENING and word[2][0] in CLOSING):
                    lines.append((n, " ".join(w[2] for w in segment)))
                    segment = []
                segment.append(word)
            lines.append((n, " ".join(w[2] for w in segment)))
    return lines


def kinsoku_faults(pdf: Path) -> list[str]:
    return [f"{pdf.parent.name}/{pdf.name} p{page}: {line!r}" for page, line in printed_lines(pdf)
            if line[0] in CLOSING or line[-1] in OPENING
            or re.fullmatch(r"[（(]\s*[）)]", line)]  # the answer blank alone: parted from its stem


def items_per_page(pdf: Path) -> list[int]:
    """Numbered questions (or explanations) starting on each page."""
    return [len(QNUM.findall(page)) for page in pdftools.page_texts(pdf, layout=True)]


def test_no_line_breaks_chinese_rules_in_any_kit_pdf(built: Built) -> None:
    faults = [fault for pdf in built.pdfs() for fault in kinsoku_faults(pdf)]
    assert faults == []


def test_every_version_of_a_paper_has_the_same_pages_and_no_lone_question(built: Built) -> None:
    groups: dict[tuple[str, str], dict[str, list[int]]] = {}
    for pdf in built.pdfs():
        m = re.fullmatch(r"(quiz\d*|key\d*)-(\w+)\.pdf", pdf.name)
        if m:
            groups.setdefault((pdf.parent.name, m.group(1)), {})[m.group(2)] = items_per_page(pdf)
    assert groups
    for (kit, role), versions in groups.items():
        counts = {v: len(pages) for v, pages in versions.items()}
        assert len(set(counts.values())) == 1, (kit, role, versions)
        for v, pages in versions.items():
            assert sum(pages) > 0, (kit, role, v)
            if len(pages) > 1:
                assert min(pages) >= 2, (kit, role, v, pages)


def test_signin_sheet_is_at_most_two_pages_for_sixty_rows(built: Built) -> None:
    for pdf in built.kits.glob("*/signin.pdf"):
        rows = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", pdftools.text(pdf, layout=True), re.M)]
        assert rows == list(range(1, len(rows) + 1)), pdf
        pages = pdftools.pages(pdf)
        assert pages <= (1 if len(rows) <= 25 else 2), (pdf, len(rows), pages)


def test_sixty_rows_fit_two_pages(mini: Built, tmp_path: Path) -> None:
    """The sign-in sheet at 60 rows (the freshman kit's), whatever the content's kits ask for."""
    from build_tools.pdf.typeset import render_html

    kit = next(iter(mini.result.kb.kits.values()))
    page = render_html("signin.html", settings=mini.result.settings, kit=kit, header_title=kit.title,
                       doc_label="签到表", rows=60)
    pdf = tmp_path / "signin.pdf"
    pdf.write_bytes(render_pdf(page, "test").data)
    assert pdftools.pages(pdf) == 2
    last = pdftools.page_texts(pdf, layout=True)[-1]
    assert re.search(r"^\s*60\s*$", last, re.M) and "实到" in last


def test_pledge_two_or_three_to_a_sheet_with_cut_lines(built: Built) -> None:
    for pdf in built.kits.glob("*/pledge.pdf"):
        text = pdftools.text(pdf)
        assert pdftools.pages(pdf) == 1, pdf
        copies = text.count("反诈承诺书") - text.count("· 反诈承诺书")  # the running header names it too
        assert copies in (2, 3), (pdf, copies)
        assert text.count("沿虚线剪开") == copies - 1, pdf
        assert pdftools.norm(text).count("承诺人（签名）") in (0, copies)


def test_a_long_pledge_falls_back_to_fewer_copies(tmp_path: Path) -> None:
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    body = "<p>" + "我承诺不转账，不出借银行卡。" * 40 + "</p>"
    copies = "".join((f'<div class="cut" data-copy="{n}"><span>沿虚线剪开</span></div>' if n > 1 else "")
                     + f'<div class="pledge-copy" data-copy="{n}"><h1>反诈承诺书</h1>{body}</div>'
                     for n in range(1, 4))
    page = (f'<html lang="zh-CN" class="reading" data-fit="copies"><head><style>{css}</style></head>'
            f'<body>{copies}</body></html>')
    pdf = tmp_path / "pledge.pdf"
    pdf.write_bytes(render_pdf(page, "test").data)
    assert pdftools.pages(pdf) == 1
    assert pdftools.text(pdf).count("反诈承诺书") == 2


def test_record_form_has_places_for_what_the_host_plan_asks(built: Built) -> None:
    for pdf in built.kits.glob("*/record.pdf"):
        text = pdftools.norm(pdftools.text(pdf))
        assert pdftools.pages(pdf) == 1, pdf
        for words in ("实到", "学生", "国家反诈中心APP", "拍摄", "张"):
            assert words in text, (pdf, words)
        has_quiz = any(pdf.parent.glob("quiz*.pdf"))
        assert ("及格" in text) == has_quiz, pdf


def _stems_page(stem) -> str:  # type: ignore[no-untyped-def]
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    stems = "".join(f'<div class="question"><p class="stem"><span class="qnum">{n}.</span> '
                    f'{stem("诈骗" * (n // 2) + "骗" * (n % 2) + "？")}</p></div>' for n in range(38, 56))
    return f'<html lang="zh-CN" class="reading"><head><style>{css}</style></head><body>{stems}</body></html>'


def test_answer_blank_stays_with_its_stem(tmp_path: Path) -> None:
    """Stems of every length around a line's width: the blank never opens a line alone; without
    the kept end (the old markup) it does, so the check can fail."""
    from markupsafe import Markup

    from build_tools.pdf.text import keep_with_end

    blank = Markup('<span class="blank">（　　）</span>')
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(render_pdf(_stems_page(lambda s: keep_with_end(s, blank)), "test").data)
    assert kinsoku_faults(kept) == []
    assert pdftools.norm(pdftools.text(kept)).count("？（）") == 18
    old = tmp_path / "old.pdf"
    old.write_bytes(render_pdf(_stems_page(lambda s: s + blank), "test").data)
    assert kinsoku_faults(old) != []


def test_fitting_moves_a_lone_last_question(tmp_path: Path) -> None:
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    items = "".join(f'<div class="question" data-item="{n}" style="height: {h}mm"><p>{n}. 题目</p></div>'
                    for n, h in enumerate([60, 60, 60, 60, 60], 1))  # 4 to a page, the 5th alone
    page = (f'<html lang="zh-CN" class="reading" data-fit="items"><head><style>{css}</style></head>'
            f'<body>{items}</body></html>')
    pdf = tmp_path / "fit.pdf"
    pdf.write_bytes(render_pdf(page, "test").data)
    assert items_per_page(pdf) == [3, 2]
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_pdf(page.replace(' data-fit="items"', ""), "test").data)
    assert items_per_page(plain) == [4, 1]


@pytest.mark.parametrize("role", ["quiz", "key"])
def test_templates_ask_for_fitting(role: str) -> None:
    source = (TEMPLATES / f"{role}.html").read_text(encoding="utf-8")
    assert 'data-fit="items"' in source and "data-item=" in source
