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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import pdf_text
from .conftest import HOSTILE, IFRAME, IMG, JINJA, LONG, RAW, SCRIPT, call, copy, page_paths, run

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
    code, _stdout, stderr = call(["kits", "--root", str(root), "--out", str(out)], capsys)
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


# --- Markdown that becomes script or foreign requests (issue 20) --------------------------------
# Every payload below once ran script on page load, kept a javascript: link, put /URI (javascript:…)
# into a PDF, fetched from another host or started a spreadsheet formula.

ATTACK_CASE = "cases/zhuru-attack/"
ATTACK_BODY = """## 注入 {: tabindex=0 autofocus onfocus="alert(1)" }

![p](/x.png){: onerror="alert(1)" }

段落{: tabindex=0 autofocus onfocus="alert(1)" }

[a [b] c](javascript:alert(1))

[两行
链接](javascript:alert(1))

[引用][1]

[1]: javascript:alert(1)

[实体](jav&#x61;script:alert(1))

[冒号](javascript&colon;alert(1))

[制表](java&#9;script:alert(1))

[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

学校：{{ college.name }}，电话：{{ college.security_phone }}，公众号：{{ college.wechat }}

[报警](tel:110) [写信](mailto:a@hostile.example) [官网](https://hostile.example/) [本站](../)
"""
ATTACK_SETTINGS = {
    "college_name": '**某某学院**{: tabindex=0 autofocus onfocus="alert(1)" }',
    "security_phone": "[拨打](javascript:alert(1))",
    "wechat": "![t](https://evil.example/track.png)",
}
KIT_LINKS = ("[点我](javascript:alert(1)) [实体](jav&#x61;script:alert(1)) [冒号](javascript&colon;alert(1)) "
             "[引用][1]\\n\\n[1]: javascript:alert(1)\\n\\n[报警](tel:110)")
CALENDAR_NAME = '=HYPERLINK("https://evil.example/","点此核对")'
CALENDAR_NAME_MD = '学期{: tabindex=0 autofocus onfocus="alert(1)" }![t](https://evil.example/cal.png)'
CALENDAR = f"""messages: {{zhuru: 请勿点击陌生链接。, qita: 请勿点击陌生链接。}}
semesters:
  - name: '{CALENDAR_NAME}'
    start: 2026-09-07
    weeks: 4
  - name: '{CALENDAR_NAME_MD}'
    start: 2027-02-22
    weeks: 4
"""


def attack_tree(root: Path) -> Path:
    """The hostile tree plus the payloads above: a case body, kit host and pledge, settings, calendar."""
    copy(HOSTILE, root)
    safe = (root / "cases" / "zhuru-markdown.md").read_text(encoding="utf-8")
    head = safe.split("---\n", 2)[1].replace("id: zhuru-markdown", "id: zhuru-attack")
    (root / "cases" / "zhuru-attack.md").write_text(f"---\n{head}---\n{ATTACK_BODY}", encoding="utf-8")
    kit = root / "kits" / "zhuru-kit.yml"
    text = kit.read_text(encoding="utf-8")
    text = text.replace("host: '主持人说", f'host: "主持人说{KIT_LINKS}" #', 1)
    text = text.replace("pledge: '我承诺", f'pledge: "我承诺{KIT_LINKS}" #', 1)
    kit.write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    for key, value in ATTACK_SETTINGS.items():
        lines = [f"    {key}: '{value.replace(chr(39), chr(39) * 2)}'" if line.startswith(f"    {key}:") else line
                 for line in lines]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taxonomy = root / "taxonomy.yml"  # the hostile type name alone is longer than a reminder may be
    taxonomy.write_text(re.sub(r"(?m)^(    name: )'注入.*'$", r"\1注入", taxonomy.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
    (root / "programme").mkdir()
    (root / "programme" / "calendar.yml").write_text(CALENDAR, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("attack")
    return build_site(attack_tree(tmp / "root"), tmp / "site")


def build_site(root: Path, out: Path) -> Path:
    proc = run("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def attack_url(attack_site: Path) -> Iterator[str]:
    from ..conftest import serve_folder

    url, server = serve_folder(attack_site)
    yield url
    server.shutdown()


def bad_attributes(page_html: str) -> list[str]:
    """on* attributes, and URLs with a script scheme, in the elements of a page (as a browser parses them)."""
    from html.parser import HTMLParser

    from build_tools.safe_markdown import is_script_url

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name.startswith("on") or (name in ("href", "src", "action", "formaction", "xlink:href")
                                             and is_script_url(value or "")):
                    found.append(f"<{tag} {name}={value!r}>")

    Parser().feed(page_html)
    return found


def test_attack_html_has_no_event_attributes_or_script_links(attack_site: Path) -> None:
    pages = {p.relative_to(attack_site).as_posix(): p.read_text(encoding="utf-8")
             for p in attack_site.rglob("*.html") if "pagefind" not in p.parts}
    assert "cases/zhuru-attack/index.html" in pages and "programme/reminders/index.html" in pages
    found = {name: bad_attributes(html) for name, html in pages.items() if bad_attributes(html)}
    assert found == {}
    case = pages["cases/zhuru-attack/index.html"]
    assert not re.search(r"<img[^>]+src=\"(?:https?:)?//", "".join(pages.values()))
    assert 'href="tel:110"' in case and 'href="mailto:a@hostile.example"' in case
    assert 'href="https://hostile.example/"' in case and 'src="/x.png"' in case


@pytest.mark.browser
def test_attack_pages_run_no_script_and_fetch_nothing_from_elsewhere(browser: Any, attack_url: str,
                                                                       attack_site: Path) -> None:
    from urllib.parse import urlsplit

    foreign: list[str] = []
    problems = []
    with phone(browser) as (page, dialogs):
        page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).scheme in ("http", "https")
                and urlsplit(r.url).hostname not in ("127.0.0.1", "localhost") else None)
        for path in page_paths(attack_site):
            page.goto(f"{attack_url}/{path}")
            page.wait_for_timeout(150)
            found = page.evaluate(INJECTED)
            if found["elements"] or found["links"]:
                problems.append((path, found["elements"], found["links"]))
            focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 80)")
            if focused and "onfocus" in focused:
                problems.append((path, focused))
        page.goto(f"{attack_url}/{ATTACK_CASE}")
        text = page.evaluate(INJECTED)["text"]
        assert "学校：**某某学院**{: tabindex=0" in text  # the settings show as text
        assert "电话：[拨打](javascript:alert(1))" in text and "公众号：![t](https://evil.example/track.png)" in text
        page.goto(f"{attack_url}/programme/reminders/")
        assert CALENDAR_NAME in page.evaluate(INJECTED)["text"]
        assert dialogs == []
    assert problems == []
    assert foreign == []


def pdf_uris(data: bytes) -> list[str]:
    import io as _io

    from pypdf import PdfReader

    uris = []
    for pdf_page in PdfReader(_io.BytesIO(data)).pages:
        for annot in pdf_page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                uris.append(str(action.get_object()["/URI"]))
    return uris


def test_attack_kit_pdfs_have_no_script_uris(attack_site: Path) -> None:
    folder = attack_site / "kits" / "zhuru-kit"
    uris = {p.name: pdf_uris(p.read_bytes()) for p in sorted(folder.glob("*.pdf"))}
    assert [u for found in uris.values() for u in found if not u.startswith(("http", "tel:", "mailto:"))] == []
    assert "tel:110" in uris["host-plan.pdf"] and "tel:110" in uris["pledge.pdf"]
    for name in ("host-plan", "pledge"):
        raw = (folder / f"{name}.pdf").read_bytes()
        assert b"/JavaScript" not in raw and b"/URI (javascript" not in raw.lower(), name
        text = flat(pdf_text(raw))
        assert "我承诺点我实体冒号引用报警" in text or "主持人说点我实体冒号引用报警" in text, name


def test_attack_reminders_csv_has_no_formula_cells(attack_site: Path) -> None:
    import csv
    import io as _io

    data = (attack_site / "programme" / "reminders" / "reminders.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(_io.StringIO(data)))
    cells = [cell for row in rows for cell in row]
    assert "'" + CALENDAR_NAME in cells
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


def test_csv_cells_never_start_a_formula() -> None:
    from build_tools.programme.output import csv_bytes

    data = csv_bytes([["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "ok", 5, -3]]).decode("utf-8-sig")
    assert data.strip() == "'=1+1,'+SUM(A1),'-2+3,'@cmd,'\tx,\"'\rx\",ok,5,-3"


def test_validate_reports_external_images_and_script_links_at_their_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy(HOSTILE, tmp_path / "root")
    case = root / "cases" / "zhuru-safe.md"
    lines = case.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = len(lines) + 1
    lines += ["", "![t](https://evil.example/track.png)", "", "看图 ![t](//evil.example/x.png)", "",
              "![引用图][pic]", "", "[pic]: https://evil.example/ref.png", "", "![本站](../x.png)", "",
              "[实体](jav&#x61;script:alert(1))", "", "[1]: javascript&colon;alert(1)"]
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kit = root / "kits" / "zhuru-kit.yml"
    text = kit.read_text(encoding="utf-8").replace("pledge: '我承诺", "pledge: '我承诺![t](https://evil.example/k.png)", 1)
    kit.write_text(text, encoding="utf-8")
    kit_line = text.split("\n").index(next(line for line in text.split("\n") if line.startswith("pledge:"))) + 1
    code, out, _ = call(["validate", "--root", str(root)], capsys)
    assert code == 1
    found = re.findall(r"^(\S+:\d+:\d+): (error|warning) (external-image|unsafe-link) ", out, re.M)
    assert sorted(found) == sorted([
        (f"cases/zhuru-safe.md:{start + 1}:6", "error", "external-image"),
        (f"cases/zhuru-safe.md:{start + 3}:9", "error", "external-image"),
        (f"cases/zhuru-safe.md:{start + 5}:1", "error", "external-image"),
        (f"cases/zhuru-safe.md:{start + 11}:6", "warning", "unsafe-link"),
        (f"cases/zhuru-safe.md:{start + 13}:6", "warning", "unsafe-link"),
        (f"kits/zhuru-kit.yml:{kit_line}:18", "error", "external-image"),
        ("cases/zhuru-markdown.md:18:8", "warning", "unsafe-link"),
    ])


def test_sanitiser_keeps_only_allowed_markup() -> None:
    from build_tools.safe_markdown import render_safe, sanitise

    html = str(render_safe("![t](https://evil.example/t.png) ![s](//evil.example/s.png) ![ok](img/a.png)\n\n"
                           '## 题 {: onfocus="alert(1)" autofocus }\n\n| a |\n|:-|\n| b |', {}, ["attr_list", "tables"]))
    assert "evil.example" not in html and 'src="img/a.png"' in html and "onfocus" not in html
    assert 'style="text-align:left"' in html
    assert sanitise('<td style="background:url(https://evil.example/)">x</td>') == "x"
    assert sanitise('<a href="vbscript:x" onclick="y">a</a><iframe src="/"></iframe><script>1</script>') == "<a>a</a>"
