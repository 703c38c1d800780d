"""Hostile text in every field (fixtures/hostile): script and HTML injection, template syntax,
javascript: links, 320-character unbroken strings, emoji, rare CJK, bidi and zero-width marks —
in types, cases, clips, banks, kits and the college settings.

In the real browser, on a 375-px phone: no dialog opens, nothing injected becomes an element,
the text shows as text, and nothing overflows the width. In the PDFs: the text is there as text,
or the build stops with a clean error naming the item.
"""
from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from .conftest import HOSTILE, IFRAME, IMG, JINJA, LONG, RAW, SCRIPT, call, copy, page_paths, pdf_text, run

PHONE = {"width": 375, "height": 667}
MARKDOWN_CASE = "cases/zhuru-markdown/"  # raw HTML in a case's Markdown body

INJECTED = """() => {
  const main = document.querySelector('main') || document.body;
  return {
    elements: main.querySelectorAll('img[src="x"], img[onerror], iframe, svg[onload]').length
      + [...document.scripts].filter(s => s.textContent.includes('alert(1)') && s.type !== 'application/json').length,
    links: [...document.querySelectorAll('a[href]')]
      .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
    text: main.innerText,
  };
}"""

# Elements wider than the viewport, outside containers that scroll on purpose (code, tables).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e); if (['auto', 'scroll'].includes(s.overflowX) && e !== document.documentElement
        && e !== document.body) return true; } return false; };
  const wide = [...document.querySelectorAll('main *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !scrolls(e);
  }).map(e => e.tagName + '.' + e.className);
  return {page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
}"""


@contextlib.contextmanager
def phone(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page on a 375-px phone, with every dialog recorded (and dismissed)."""
    context = browser.new_context(viewport=PHONE)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        yield page, dialogs
    finally:
        context.close()


def test_every_page_type_is_built(hostile_site: Path) -> None:
    paths = page_paths(hostile_site)
    for expected in ("", "types/zhuru/", "cases/zhuru-safe/", MARKDOWN_CASE, "cases/qita-crlf/", "clips/zhuru-60s/",
                     "clips/qita-60s/", "quizzes/zhuru/", "quizzes/qita/", "kits/zhuru-kit/"):
        assert expected in paths


@pytest.mark.browser
def test_injected_text_never_runs_and_shows_as_text(browser: Any, hostile_url: str, hostile_site: Path) -> None:
    """Every page but the Markdown-body case page (see the next test)."""
    problems = []
    with phone(browser) as (page, dialogs):
        for path in page_paths(hostile_site):
            if path == MARKDOWN_CASE:
                continue
            page.goto(f"{hostile_url}/{path}")
            found = page.evaluate(INJECTED)
            if found["elements"] or found["links"]:
                problems.append((path, found["elements"], found["links"]))
            if not any(p in found["text"] for p in (SCRIPT, IMG, IFRAME)):
                problems.append((path, "payload not shown as text"))
        assert dialogs == []
    assert problems == []


@pytest.mark.browser
def test_markdown_body_html_never_runs(browser: Any, hostile_url: str) -> None:
    with phone(browser) as (page, dialogs):
        page.goto(f"{hostile_url}/{MARKDOWN_CASE}")
        page.wait_for_timeout(200)
        found = page.evaluate(INJECTED)
        assert (dialogs, found["elements"], found["links"]) == ([], 0, 0)
        assert SCRIPT in found["text"] and "[点我领奖](javascript:alert(1))" not in found["text"]


@pytest.mark.browser
def test_settings_and_templates_show_as_text(browser: Any, hostile_url: str) -> None:
    with phone(browser) as (page, dialogs):
        page.goto(f"{hostile_url}/")
        text = page.evaluate(INJECTED)["text"]
        assert f"学院{SCRIPT}{IMG}" in text  # college_name through {{ college.name }}
        assert f"{RAW}派出所" in text and "保卫处" + JINJA in text and "<b>电话</b>" in text
        page.goto(f"{hostile_url}/cases/zhuru-safe/")
        text = page.evaluate(INJECTED)["text"]
        assert JINJA in text and RAW in text and "49" not in text  # no template engine ran on content
        # {{ college.name }} in a title is filled in the page, its <title> and the nav alike
        assert f"案例标题学院{SCRIPT}{IMG}" in text and page.title().startswith(f"案例标题学院{SCRIPT}{IMG}")
        page.goto(f"{hostile_url}/cases/")
        assert "college.name" not in page.content()
        assert dialogs == []


@pytest.mark.browser
def test_no_horizontal_overflow_on_a_phone(browser: Any, hostile_url: str, hostile_site: Path) -> None:
    wide = {}
    with phone(browser) as (page, _):
        for path in page_paths(hostile_site):
            page.goto(f"{hostile_url}/{path}")
            found = page.evaluate(OVERFLOW)
            if found["page"] > 0 or found["wide"]:
                wide[path] = found
    assert wide == {}


STAGE_FITS = """(sel) => { const el = document.querySelector(sel);
  const r = el.getBoundingClientRect();
  return {shown: r.width > 0, overflow: el.scrollWidth - el.clientWidth, right: r.right - innerWidth,
          text: el.innerText}; }"""


@pytest.mark.browser
def test_projection_and_classroom_modes_on_a_phone(browser: Any, hostile_url: str) -> None:
    with phone(browser) as (page, dialogs):
        page.goto(f"{hostile_url}/clips/zhuru-60s/")
        page.keyboard.press("p")
        texts = []
        for _ in range(4):
            found = page.evaluate(STAGE_FITS, "[data-fz-text]")
            assert found["shown"] and found["overflow"] <= 0 and found["right"] <= 1, found
            texts.append(found["text"])
            page.keyboard.press("ArrowRight")
        assert any(SCRIPT in t for t in texts) and any(LONG[:100] in t.replace("\n", "") for t in texts)
        page.keyboard.press("Escape")
        page.goto(f"{hostile_url}/quizzes/zhuru/")
        page.locator("[data-fz-action=classroom]").click()
        for _ in range(4):
            found = page.evaluate(STAGE_FITS, "[data-fz-body]")
            assert found["shown"] and found["overflow"] <= 0 and found["right"] <= 1, found
            page.keyboard.press("Space")
            page.locator("[data-fz-classroom] [data-fz-action=next]").click()
        assert page.evaluate(INJECTED)["elements"] == 0
        assert dialogs == []


@pytest.mark.browser
def test_search_results_show_injected_text_as_text(browser: Any, hostile_url: str) -> None:
    from ..search.helpers import open_box, result_pages, type_query

    with phone(browser) as (page, dialogs):
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{hostile_url}/")
        open_box(page)
        for query in ("alert", "onerror", "iframe", "注入"):
            type_query(page, query)
            assert result_pages(page, hostile_url), query
            results = page.locator("[data-fz-search-results]")
            assert results.locator("img, iframe, svg, script").count() == 0
        assert "alert(1)" in results.inner_text()
        assert dialogs == []


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_kit_pdfs_print_injected_text_as_text(hostile_site: Path) -> None:
    folder = hostile_site / "kits" / "zhuru-kit"
    for name in ("host-plan", "handout", "quiz-A", "key-A", "pledge"):
        text = flat(pdf_text((folder / f"{name}.pdf").read_bytes()))
        assert flat(SCRIPT) in text and flat(IMG) in text and flat(JINJA + RAW) in text, name
        assert "学院" + flat(SCRIPT) in text, name  # college_name in the running header


def words_off_the_page(pdf: Path) -> list[str]:
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))  # type: ignore[union-attr]
    words = re.findall(r'<word xMin="[\d.-]+" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)</word>', bbox)
    return [w for x, w in words if float(x) > width]


def test_long_strings_stay_on_the_pdf_page(hostile_site: Path) -> None:
    folder = hostile_site / "kits" / "zhuru-kit"
    off = {p.name: words_off_the_page(p)[:2] for p in sorted(folder.glob("*.pdf")) if words_off_the_page(p)}
    assert off == {}


def test_emoji_in_a_kit_is_a_clean_error_naming_the_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy(HOSTILE, tmp_path / "root")
    kit = root / "kits" / "zhuru-kit.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("audience: '对象", "audience: '对象🚨𠀀", 1),
                   encoding="utf-8")
    out = tmp_path / "site"
    code, stdout, stderr = call(["kits", "--root", str(root), "--out", str(out)], capsys)
    assert code == 1
    assert re.search(r"kits/zhuru-kit\.yml:3:11: error missing-glyph kit zhuru-kit \(audience\): "
                     r"U\+1F6A8 .*U\+20000 ", stderr), stderr
    assert not out.exists()


def test_kit_markdown_fields_show_html_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy(HOSTILE, tmp_path / "root")
    kit = root / "kits" / "zhuru-kit.yml"
    kit.write_text(kit.read_text(encoding="utf-8").replace("host: '主持人说", f"host: '主持人说{IMG}<b>粗</b>", 1),
                   encoding="utf-8")
    code, _, err = call(["kits", "--root", str(root), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    text = flat(pdf_text((tmp_path / "out" / "kits" / "zhuru-kit" / "host-plan.pdf").read_bytes()))
    assert flat(IMG) in text and "<b>粗</b>" in text


def test_mkdocs_build_of_the_hostile_tree_without_kits(tmp_path: Path) -> None:
    """The plugin's door (mkdocs build) with hostile settings: builds, and escapes like fanzha build."""
    root = copy(HOSTILE, tmp_path / "root")
    (root / "kits" / "zhuru-kit.yml").unlink()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in home and "<script>alert(1)" not in home
    assert run("validate", "--root", str(root)).returncode == 0
