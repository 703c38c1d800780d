"""The Pagefind index: what it holds, what it must never hold, and how the build fails without it."""
from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools import core, search
from build_tools.search import pagefind, pagemeta, words

from ..conftest import REPO, copy_tree, fanzha

BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>")
FILTER = re.compile(r'data-pagefind-filter="([^"]*)"')
WEIGHT = re.compile(r'data-pagefind-weight="([^"]*)"')
# Marker words: Latin, so Pagefind keeps each as one word, lower-cased, in its index.
PUBLIC_MARK = "PUBLICMARKERQZX"
EXAM_MARKS = ("EXAMONLYSTEMQZX", "EXAMONLYOPTIONQZX", "EXAMONLYEXPLAINQZX")

MARKER_BANK = f"""bank: searchmarker
title: 搜索测试题库 {PUBLIC_MARK}
type: shuadan
questions:
  - id: searchmarker-001
    kind: judge
    stem: 公开练习题：先垫钱的兼职刷单是诈骗。
    answer: true
    explanation: 公开的题目会出现在练习页上。
    case: shuadan-dorm-like-task
  - id: searchmarker-002
    kind: single
    stem: 只用于期末测试的题目 {EXAM_MARKS[0]}。
    options: [选项甲 {EXAM_MARKS[1]}, 选项乙, 选项丙, 选项丁]
    answer: A
    explanation: 这道题只出现在试卷里 {EXAM_MARKS[2]}。
    case: shuadan-dorm-like-task
    exam_only: true
"""


def _html_pages(site: Path) -> Iterator[Path]:
    return (p for p in site.rglob("*.html") if search.BUNDLE not in p.relative_to(site).parts)


def _decoded(path: Path) -> bytes:
    """A file's bytes; Pagefind's files and sitemap.xml.gz decompressed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def _index_text(site: Path) -> str:
    """Everything in the search index, decompressed, as plain lower-case text (as Pagefind stores words)."""
    files = sorted((site / search.BUNDLE).rglob("*.pf_*"))
    assert files, "no index files"
    text = "\n".join(_decoded(f).decode("utf-8", "replace") for f in files)
    return text.replace("\u200b", "").lower()  # fragments separate Chinese words with U+200B


def test_every_content_page_is_marked_and_indexed(default_site: Path) -> None:
    marked = [p for p in _html_pages(default_site) if BODY.search(p.read_text(encoding="utf-8"))]
    unmarked = sorted(str(p.relative_to(default_site)) for p in _html_pages(default_site)
                      if p not in marked and p.name != "404.html")
    assert unmarked == [], "pages the search cannot find"
    entry = json.loads((default_site / search.BUNDLE / "pagefind-entry.json").read_text())
    assert entry["languages"]["zh"]["page_count"] == len(marked)


def test_pages_of_one_type_carry_its_filter_value(default_site: Path) -> None:
    kb = core.validate(REPO).kb
    expected = search.page_types(kb)
    assert len(expected) >= len(kb.types) + len(kb.cases) + len(kb.clips) + len(kb.banks)
    for path, name in expected.items():
        html = (default_site / path / "index.html").read_text(encoding="utf-8")
        assert _type_filters(html) == [f"{search.FILTER_KEY}:{name}"], path
    home = (default_site / "index.html").read_text(encoding="utf-8")
    assert _type_filters(home) == []


def _type_filters(html: str) -> list[str]:
    """The type filter values (the audience and target filters of search/words.py are others)."""
    return [f for f in FILTER.findall(html) if f.startswith(search.FILTER_KEY + ":")]


def test_every_page_says_who_it_is_for_and_staff_pages_say_teachers(default_site: Path) -> None:
    """search.yml's staff pages carry fzfor:教师, every other page fzfor:学生 (the box filters on it)."""
    staff = {"authoring", "counsellors", "programme", "staff", "programme/reminders"}
    seen = set()
    for page in _html_pages(default_site):
        rel = str(page.parent.relative_to(default_site))
        html = page.read_text(encoding="utf-8")
        if not BODY.search(html):  # 404.html: not indexed
            continue
        audience = [f for f in FILTER.findall(html) if f.startswith(words.AUDIENCE_KEY + ":")]
        assert audience == [f"{words.AUDIENCE_KEY}:{words.STAFF if rel in staff else words.STUDENTS}"], rel
        seen.add(rel)
    assert staff <= seen


def test_pages_a_query_can_put_first_carry_their_key(default_site: Path) -> None:
    kb = core.validate(REPO).kb
    keyed = {}
    for page in _html_pages(default_site):
        for f in FILTER.findall(page.read_text(encoding="utf-8")):
            if f.startswith(words.TARGET_KEY + ":"):
                keyed[f.split(":", 1)[1]] = str(page.parent.relative_to(default_site))
    assert keyed["emergency.md"] == "emergency"
    assert {f"types/{t}.md" for t in kb.types} <= keyed.keys()
    assert all(keyed[f"types/{t}.md"] == f"types/{t}" for t in kb.types)
    data = json.loads((default_site / words.BOX_FILE).read_text(encoding="utf-8"))
    assert {p["page"] for p in data["pages"]} == set(keyed)
    assert data["emergency"] == "emergency.md" and "96110" in data["distress"]


def test_banks_weighted_down_type_pages_up_and_nothing_else(default_site: Path) -> None:
    weighted = {str(p.parent.relative_to(default_site)) + "/" for p in _html_pages(default_site)
                if WEIGHT.search(p.read_text(encoding="utf-8"))}
    kb = core.validate(REPO).kb
    expected = search.page_weights(kb)
    assert ({f"quizzes/{b}/" for b in kb.banks} | {f"types/{t}/" for t in kb.types} | set(pagemeta.LISTINGS)
            == set(expected) == weighted)
    for path, weight in expected.items():
        html = (default_site / path / "index.html").read_text(encoding="utf-8")
        assert WEIGHT.findall(html) == [str(weight)]


def test_bundle_is_the_pinned_version_without_unused_ui(default_site: Path) -> None:
    pinned = json.loads((REPO / "package.json").read_text())["devDependencies"]["pagefind"]
    entry = json.loads((default_site / search.BUNDLE / "pagefind-entry.json").read_text())
    assert entry["version"] == pinned
    names = {p.name for p in (default_site / search.BUNDLE).iterdir()}
    assert "pagefind.js" in names and not names & set(pagefind.UNUSED_BUNDLE_FILES)


def test_controls_are_not_indexed(default_site: Path) -> None:
    """Button labels inside the content (projection and quiz controls) are not searchable text."""
    fragments = _fragments(default_site)
    indexed: list[str] = []
    for page in (default_site / "clips").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        body = html[BODY.search(html).end():]  # type: ignore[union-attr]
        buttons = {_plain(b).strip() for b in re.findall(r"<button\b[^>]*>(.*?)</button>", body, re.S)}
        outside = _plain(re.sub(r"<button\b.*?</button>", "", body, flags=re.S))
        labels = {b for b in buttons if len(b) > 1 and b not in outside}
        assert labels, f"{page}: no labelled buttons (the projection controls)"
        content = fragments[f"/clips/{page.parent.name}/"]
        indexed += [f"{page.parent.name}: {b}" for b in labels if b in content]
    assert indexed == []


def _fragments(site: Path) -> dict[str, str]:
    """Indexed text of each page (URL → content without Pagefind's U+200B word breaks)."""
    pages = {}
    for path in (site / search.BUNDLE / "fragment").glob("*.pf_fragment"):
        data = json.loads(_decoded(path)[len(b"pagefind_dcd"):])
        pages[data["url"]] = data["content"].replace("\u200b", "")
    return pages


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def marker_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default content plus a bank with one public and one exam-only question, built."""
    root = copy_tree(REPO, tmp_path_factory.mktemp("marker") / "root")
    shutil.rmtree(root / "kits")  # kit PDFs are slow to render and have no part in the search index
    (root / "quizzes" / "searchmarker.yml").write_text(MARKER_BANK, encoding="utf-8")
    out = root.parent / "site"
    proc = fanzha("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_exam_only_questions_are_nowhere_in_the_index_or_site(marker_site: Path) -> None:
    index = _index_text(marker_site)
    assert PUBLIC_MARK.lower() in index  # the marker bank was indexed, so the test can fail
    for mark in EXAM_MARKS:
        assert mark.lower() not in index
        leaks = [str(p.relative_to(marker_site)) for p in marker_site.rglob("*")
                 if p.is_file() and mark.lower().encode() in _decoded(p).lower()]
        assert leaks == [], f"{mark} found in {leaks}"


def test_missing_pagefind_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pagefind.ENV_BINARY, raising=False)
    monkeypatch.setattr(pagefind, "PACKAGE_ROOT", tmp_path / "elsewhere")
    with pytest.raises(search.SearchIndexError) as err:
        search.build_index(tmp_path / "site", tmp_path)
    message = str(err.value)
    assert "./run build" in message and "npm ci" in message and pagefind.binary_name() in message


def test_build_without_pagefind_fails_cleanly_and_keeps_the_old_site(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_tree(REPO, tmp_path / "root")
    shutil.rmtree(root / "kits")
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.txt").write_text("previous build", encoding="utf-8")
    monkeypatch.setenv(pagefind.ENV_BINARY, str(tmp_path / "no-such-pagefind"))
    proc = fanzha("build", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "no-such-pagefind" in proc.stderr and "npm ci" in proc.stderr
    assert [p.name for p in out.iterdir()] == ["old.txt"]
