"""Issue 13, the student's path: help in one tap, nothing unfinished published, honest provenance.

- `{{ call.X }}` buttons that dial (tel:, digits only) on the home, emergency and support pages,
  and none for a setting that is still a placeholder;
- a "被骗了？" link in the header of every page type, visible on a 375×812 phone;
- placeholder settings: a warning at their mkdocs.yml line, `fanzha build --strict` and
  `mkdocs build --strict` fail, and every page shows a 预览版 banner until they are filled in;
- a case's provenance shown on its page; an unknown value is an error at its line;
- kit pages opened in WeChat's browser say how to open them in a browser to download.

Two small sites are built from the tricky tree's content with the default pages that list help
and the default settings (kits left out; kit pages are checked on the default site): one with the
placeholders, one with the settings filled in. Screenshots of the home and
emergency pages on a phone and a projector go to test-output/site/.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools import core, pdf, placeholders, postbuild, safe_markdown, unfinished
from build_tools.model import KnowledgeBase
from build_tools.settings import settings_from_mapping, where_written

from ..conftest import FILLED_SETTINGS, REPO, copy_tree, fanzha, fill_in_settings, serve_folder
from ..core.helpers import lines, make_tree
from .conftest import PROJECTOR, TRICKY, sized_page

PHONE_TALL = {"width": 375, "height": 812}
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 "
             "Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) "
             "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64")
CASE_ID = "ceshi-zhuru"  # the tricky tree's case


# The default mkdocs.yml's settings (placeholders), without its nav of pages this tree lacks.
# the settings both trees below start with: a placeholder site_url and college name, Material in Chinese
SETTINGS_HEAD = """site_url: https://fanzha.example.edu.cn/
theme:
  name: material
  language: zh
extra:
  fanzha:
    college_name: 某某学院
"""
STUDENT_YML = "site_name: 反诈知识库\n" + SETTINGS_HEAD + """    security_office: 保卫处
    security_phone: （请填写保卫处24小时值班电话）
    police_station: （请填写属地派出所名称）
    police_phone: （请填写属地派出所电话）
    counselling_phone: （请填写心理健康教育中心电话）
    wechat: （请填写学校官方微信公众号）
    discipline_rules: （请填写学校学生违纪处分规定中的相关条款）
plugins:
  - fanzha
"""
PAGES = ("index.md", "emergency.md", "support.md")  # the default pages that list help


def _student_root(tmp: Path, filled: bool) -> Path:
    """The tricky tree's content with the default pages that list help, its case marked as adapted."""
    root = copy_tree(TRICKY, tmp / "root")
    shutil.rmtree(root / "kits")  # PDFs take most of a build; kit pages are checked on the default site
    for name in PAGES:
        shutil.copy(REPO / "docs" / name, root / "docs" / name)
    (root / "mkdocs.yml").write_text(STUDENT_YML, encoding="utf-8")
    case = root / "cases" / f"{CASE_ID}.md"
    text = case.read_text(encoding="utf-8")
    assert "\nprovenance: 编写示例\n" in text
    case.write_text(text.replace("\nprovenance: 编写示例\n", "\nprovenance: 根据公开通报改编\n", 1), encoding="utf-8")
    return fill_in_settings(root) if filled else root


def _build(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = fanzha("build", *extra, "--root", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def placeholder_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """(site, url, build output) with the default mkdocs.yml's placeholders, built without --strict."""
    tmp = tmp_path_factory.mktemp("student-placeholders")
    proc = _build(_student_root(tmp, filled=False), tmp / "site")
    url, server = serve_folder(tmp / "site")
    yield tmp / "site", url, proc.stdout
    server.shutdown()


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(site, url) with every setting filled in: no unfinished-setting warning (the pages left out of
    this tree make link warnings, so not --strict: tricky_served is the strict build with filled settings)."""
    tmp = tmp_path_factory.mktemp("student-filled")
    proc = _build(_student_root(tmp, filled=True), tmp / "site")
    assert unfinished.CODE not in proc.stdout + proc.stderr
    url, server = serve_folder(tmp / "site")
    yield tmp / "site", url
    server.shutdown()


# --- {{ call.X }} -------------------------------------------------------------------------------

def _calls(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="fz-call" href="([^"]*)">(.*?)</a>', html)


def test_call_button_dials_only_the_number_and_escapes_the_label() -> None:
    college = {"security_phone": '027-8600 1110 转 8001"><script>alert(1)</script>',
               "police_phone": "（请填写属地派出所电话）", "counselling_phone": "０２７－８６００ ３１２０"}
    html = safe_markdown.fill_text("值班 {{ call.security_phone }}；派出所 {{ call.police_phone }}；"
                                   "心理 {{call.counselling_phone}}；报警 {{ call.110 }}；`{{ call.110 }}`", college)
    calls = _calls(html)
    assert [href for href, _ in calls] == ["tel:027-86001110,8001", "tel:027-86003120", "tel:110"]
    assert "<script" not in html and "&lt;script&gt;" in calls[0][1]
    assert "派出所 （请填写属地派出所电话）；" in html  # no number to dial: text, no link
    assert "`{{ call.110 }}`" in html  # code shows the placeholder itself
    # elsewhere (page titles, PDFs) the value is text
    assert placeholders.fill("{{ call.police_phone }}", college) == "（请填写属地派出所电话）"
    assert "<a" not in safe_markdown.render_safe("电话 {{ call.security_phone }}", college)
    with pytest.raises(placeholders.UnknownPlaceholder, match=r"call\.nope.*call\.security_phone"):
        safe_markdown.fill_text("{{ call.nope }}", college)


def test_unknown_call_placeholder_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"docs/index.md": "# 首页\n\n拨打 {{ call.110 }} 或 {{ call.dorm_phone }}\n"})
    found = [line for line in lines(root) if "unknown-placeholder" in line]
    assert found and found[0].startswith("docs/index.md:3:21: error unknown-placeholder {{ call.dorm_phone }}")


def test_home_and_emergency_pages_dial(filled_site: tuple[Path, str], placeholder_site: tuple[Path, str, str],
                                       browser: Any) -> None:
    """Filled settings: 110, 96110 and the school's numbers dial; placeholders: 110 and 96110 only."""
    _, url = filled_site
    digits = {k: "tel:" + FILLED_SETTINGS[k].replace(" ", "") for k in placeholders.CALL_SETTINGS}
    with sized_page(browser, PHONE_TALL) as page:
        page.goto(url + "/")
        home = page.eval_on_selector_all("a.fz-call", "els => els.map(e => e.getAttribute('href'))")
        assert {"tel:110", "tel:96110", digits["security_phone"]} <= set(home)
        page.goto(url + "/emergency/")
        emergency = page.eval_on_selector_all("a.fz-call", "els => els.map(e => e.getAttribute('href'))")
        assert {"tel:110", "tel:96110", *digits.values()} <= set(emergency)
        sizes = page.eval_on_selector_all("a.fz-call", "els => els.map(e => e.getBoundingClientRect())"
                                          ".map(r => [r.width, r.height])")
        assert sizes and all(w >= 44 and h >= 44 for w, h in sizes), sizes  # touch targets
    _, purl, _ = placeholder_site
    with sized_page(browser, PHONE_TALL) as page:
        for path in ("/", "/emergency/"):
            page.goto(purl + path)
            hrefs = page.eval_on_selector_all("a.fz-call", "els => els.map(e => e.getAttribute('href'))")
            assert set(hrefs) == {"tel:110", "tel:96110"}, (path, hrefs)
            body = page.inner_text(".md-content")
            assert "（请填写保卫处24小时值班电话）" in body  # shown as text, no button
    support = (filled_site[0] / "support" / "index.html").read_text(encoding="utf-8")
    assert {h for h, _ in _calls(support)} >= {"tel:110", "tel:96110", *digits.values()}


# --- "被骗了？" in the header -------------------------------------------------------------------

def _header_link_ok(page: Any, where: str) -> str:
    link = page.locator("header [data-fz-help]")
    assert link.count() == 1, where
    assert link.is_visible(), where
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, (where, box)
    assert box["x"] + box["width"] <= PHONE_TALL["width"] and box["y"] + box["height"] <= PHONE_TALL["height"], (where, box)
    assert box["height"] >= 44 and box["width"] >= 44, (where, box)
    assert link.inner_text().strip() == "被骗了？"
    return str(link.evaluate("a => a.href"))


def test_header_help_link_on_every_page_type_on_a_phone(filled_site: tuple[Path, str], site_url: str,
                                                        default_kb: KnowledgeBase, browser: Any) -> None:
    _, url = filled_site
    paths = ["", "emergency/", "support/", "types/", "types/ceshi/", "cases/", f"cases/{CASE_ID}/",
             "clips/", "clips/ceshi-60s/", "quizzes/", "quizzes/ceshi/", "kits/"]
    with sized_page(browser, PHONE_TALL) as page:
        for path in paths:
            page.goto(f"{url}/{path}")
            assert _header_link_ok(page, path) == f"{url}/emergency/"
        kit = next(iter(default_kb.kits))  # a kit page, with its PDFs, from the default site
        for path in (f"kits/{kit}/", f"quizzes/{next(iter(default_kb.banks))}/"):
            page.goto(f"{site_url}/{path}")
            assert _header_link_ok(page, path) == f"{site_url}/emergency/"
        page.goto(f"{url}/cases/{CASE_ID}/")
        page.click("header [data-fz-help]")
        page.wait_for_url(f"{url}/emergency/")
        assert "正在被骗/已经被骗怎么办" in page.inner_text("h1")


# --- placeholder settings -----------------------------------------------------------------------

PLACEHOLDER_YML = "site_name: 测试站\n" + SETTINGS_HEAD + """    security_phone: （请填写保卫处值班电话）
    police_phone: 0571-8600 5678
plugins:
  - fanzha
"""
# absent from the file, so their placeholder defaults are used: warned at the `fanzha:` line
EXPECTED = ["mkdocs.yml:2:1: warning unfinished-setting site_url",
            "mkdocs.yml:7:3: warning unfinished-setting extra.fanzha.counselling_phone is not set",
            "mkdocs.yml:7:3: warning unfinished-setting extra.fanzha.discipline_rules is not set",
            "mkdocs.yml:7:3: warning unfinished-setting extra.fanzha.police_station is not set",
            "mkdocs.yml:7:3: warning unfinished-setting extra.fanzha.wechat is not set",
            "mkdocs.yml:8:5: warning unfinished-setting extra.fanzha.college_name is still a placeholder",
            "mkdocs.yml:9:5: warning unfinished-setting extra.fanzha.security_phone is still a placeholder"]


def _placeholder_root(tmp: Path) -> Path:
    return make_tree(tmp / "root", {"mkdocs.yml": PLACEHOLDER_YML})


def test_placeholder_rule() -> None:
    assert unfinished.is_placeholder("security_phone", "（请填写保卫处24小时值班电话）")
    assert unfinished.is_placeholder("college_name", "某某学院") and unfinished.is_placeholder("wechat", " ")
    assert not unfinished.is_placeholder("college_name", "江城职业技术学院")
    for url in ("https://fanzha.example.edu.cn/", "http://example.com/kb/", "https://kb.example/"):
        assert unfinished.is_placeholder("site_url", url), url
    for url in ("", "https://bwc.jiangcheng.edu.cn/", "http://127.0.0.1:8000/", "https://kb.examples.cn/"):
        assert not unfinished.is_placeholder("site_url", url), url


def test_fanzha_build_strict_fails_on_placeholders_at_their_lines(tmp_path: Path) -> None:
    root = _placeholder_root(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("earlier build", encoding="utf-8")
    proc = fanzha("build", "--strict", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = [line for line in proc.stdout.splitlines() if "unfinished-setting" in line]
    assert len(found) == len(EXPECTED) and all(f.startswith(e) for f, e in zip(found, EXPECTED)), found
    assert "police_phone" not in proc.stdout  # filled in
    assert "7 setting(s) in mkdocs.yml still placeholders" in proc.stderr
    assert [p.name for p in out.iterdir()] == ["index.html"]  # nothing was built
    # `fanzha validate` checks content: the settings are the build's business (content validates clean)
    assert not [p for p in core.validate(root).problems if p.code == unfinished.CODE]


def test_mkdocs_build_strict_fails_on_placeholders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    root = _placeholder_root(tmp_path)
    monkeypatch.setattr(pdf, "render_kits", lambda *args, **kwargs: {})
    monkeypatch.setattr(postbuild, "run", lambda *args, **kwargs: None)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with caplog.at_level("WARNING", logger="mkdocs"), pytest.raises(Abort, match="strict"):
            build(config)
    finally:
        config.plugins.on_shutdown()
    warned = [r.getMessage().removeprefix("fanzha: ") for r in caplog.records if "unfinished-setting" in r.getMessage()]
    assert len(warned) == len(EXPECTED) and all(w.startswith(e) for w, e in zip(sorted(warned), EXPECTED)), warned


def test_placeholder_settings_in_an_inherited_file_are_warned_there(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "root", {
        "base.yml": "extra:\n  fanzha:\n    college_name: 某某学院\n    security_phone: 027-8600 1110\n",
        "mkdocs.yml": "INHERIT: base.yml\nsite_name: 测试站\ntheme:\n  name: material\nplugins:\n  - fanzha\n"})
    # the values MkDocs merges from base.yml
    settings = settings_from_mapping({"college_name": "某某学院", "security_phone": "027-8600 1110"},
                                     written=where_written(root))
    found = [str(p) for p in unfinished.problems(settings)]
    assert next(line for line in found if "college_name" in line).startswith(
        "base.yml:3:5: warning unfinished-setting extra.fanzha.college_name is still a placeholder"), found
    assert len(found) == 6 and all(line.startswith(("base.yml:2:3:", "base.yml:3:5:")) for line in found), found
    assert not [line for line in found if "security_phone" in line]


def test_preview_banner_until_settings_are_filled(placeholder_site: tuple[Path, str, str],
                                                  filled_site: tuple[Path, str], browser: Any) -> None:
    _site, url, output = placeholder_site
    assert "mkdocs.yml:10:5: warning unfinished-setting extra.fanzha.security_phone" in output
    with sized_page(browser, PHONE_TALL) as page:
        for path in ("", "cases/", f"cases/{CASE_ID}/", "quizzes/ceshi/", "emergency/"):
            page.goto(f"{url}/{path}")
            banner = page.locator(".md-banner .fz-preview")
            assert banner.is_visible(), path
            text = banner.inner_text()
            assert "预览版：学校信息未填写" in text and "保卫处值班电话" in text and "校名" in text, text
    for html in filled_site[0].rglob("*.html"):
        assert "fz-preview" not in html.read_text(encoding="utf-8"), html
    assert "预览版" not in (filled_site[0] / "index.html").read_text(encoding="utf-8")


def test_kit_pdfs_say_preview_while_settings_are_placeholders(default_site: Path, tricky_site: Path) -> None:
    def first_page(pdf_file: Path) -> str:
        proc = subprocess.run(["pdftotext", "-enc", "UTF-8", "-l", "1", str(pdf_file), "-"],
                              capture_output=True, check=True)
        return proc.stdout.decode("utf-8")

    preview = sorted(default_site.glob("kits/*/*.pdf"))
    assert preview and "预览版" in first_page(preview[0])  # default mkdocs.yml: placeholders
    finished = sorted(tricky_site.glob("kits/*/*.pdf"))
    assert finished and "预览版" not in first_page(finished[0])  # settings filled in


# --- provenance ---------------------------------------------------------------------------------

CASE = """---
id: ceshi-anli
title: 测试案例
type: shuadan
audience: [学生]
date: 2025-03
sources: [编写示例]
{provenance}---
## 经过

小王接到电话。
"""


def test_provenance_values(tmp_path: Path) -> None:
    bad = make_tree(tmp_path / "bad", {"cases/ceshi-anli.md": CASE.format(provenance="provenance: 真实案例\n")})
    found = [line for line in lines(bad) if "provenance" in line]
    assert found == ["cases/ceshi-anli.md:8:13: error wrong-value provenance: expected one of 通报原文, "
                     "根据公开通报改编, 编写示例, found text '真实案例'"], found
    missing = make_tree(tmp_path / "missing", {"cases/ceshi-anli.md": CASE.format(provenance="")})
    found = [line for line in lines(missing) if "provenance" in line]
    assert len(found) == 1 and found[0].startswith("cases/ceshi-anli.md:1:1: warning case-provenance"), found
    good = make_tree(tmp_path / "good", {"cases/ceshi-anli.md": CASE.format(provenance="provenance: 编写示例\n")})
    assert not [line for line in lines(good) if "provenance" in line]
    assert core.validate(good).kb.cases["ceshi-anli"].provenance == "编写示例"


def test_case_page_shows_its_provenance(filled_site: tuple[Path, str], browser: Any) -> None:
    _, url = filled_site
    with sized_page(browser, PHONE_TALL) as page:
        page.goto(f"{url}/cases/{CASE_ID}/")
        line = page.locator(".fz-provenance")
        assert line.is_visible()
        assert "根据公开通报改编，人物均为化名" in line.inner_text()


def test_new_case_scaffold_has_provenance(tmp_path: Path) -> None:
    root = copy_tree(TRICKY, tmp_path / "root")
    proc = fanzha("new", "case", "ceshi-xin", "--root", str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    made = next(root.glob("cases/ceshi-xin*.md")).read_text(encoding="utf-8")
    assert re.search(r"^provenance: 编写示例\b", made, re.M), made


# --- WeChat ---------------------------------------------------------------------------------------

def test_kit_pages_tell_wechat_readers_to_open_a_browser(site_url: str, default_kb: KnowledgeBase,
                                                         browser: Any) -> None:
    kit = next(iter(default_kb.kits))
    for path in (f"kits/{kit}/", "kits/"):
        with sized_page(browser, PHONE_TALL, user_agent=WECHAT_UA) as page:
            page.goto(f"{site_url}/{path}")
            hint = page.locator(".fz-wechat-hint")
            assert hint.is_visible(), path
            assert "右上角" in hint.inner_text() and "在浏览器打开" in hint.inner_text()
        with sized_page(browser, PHONE_TALL) as page:
            # hidden from the first paint (no shift): checked as soon as the document is parsed
            page.goto(f"{site_url}/{path}", wait_until="domcontentloaded")
            assert page.locator(".fz-wechat-hint").count() == 1
            assert page.eval_on_selector(".fz-wechat-hint", "e => getComputedStyle(e).display") == "none", path


# --- screenshots ----------------------------------------------------------------------------------

def test_screenshots_of_home_and_emergency(site_url: str, browser: Any, shots: Path) -> None:
    """Phone and projector screenshots (for a person to look at); call buttons readable on both."""
    for name, viewport in (("phone", PHONE_TALL), ("projector", PROJECTOR)):
        with sized_page(browser, viewport) as page:
            for label, path in (("home", ""), ("emergency", "emergency/")):
                page.goto(f"{site_url}/{path}")
                page.screenshot(path=str(shots / f"student-{label}-{name}.png"))
                size = page.eval_on_selector("a.fz-call", "e => parseFloat(getComputedStyle(e).fontSize)")
                assert size >= 16, (label, name, size)
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= viewport["width"], (label, name, width)
