"""The page renderers without a browser: URLs, escaping, what each page holds, golden pages.

Golden pages: tests/site/golden/<src_uri> is what `pages.generate` makes for the tricky
fixture tree. Set FANZHA_UPDATE_GOLDEN=1 to rewrite them from the current output (then
review the diff).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from build_tools import core, pages
from build_tools.downloads import Download
from build_tools.model import KnowledgeBase
from build_tools.pages.render import human_size, json_text
from build_tools.site import Site
from build_tools.urls import SiteUrls

from ..conftest import REPO, Golden
from .conftest import EXAM_ID, EXAM_MARKER, PAYLOADS, TRICKY

GOLDEN = Path(__file__).parent / "golden"
DOWNLOADS = {"ceshi-kit": [Download("host-plan.pdf", "主持人教案", 612_345),
                           Download("ceshi-kit-bundle.zip", "全部材料打包（ZIP）", 3_987_654)]}
SECTIONS = ("types", "cases", "clips", "quizzes", "kits")  # this part of the site; others add more
QUIZ_KEY = re.compile(r'data-fz-key="([^"]*)"')


@pytest.fixture(scope="module")
def tricky() -> core.Result:
    result = core.validate(TRICKY)
    assert result.ok, result.errors
    return result


@pytest.fixture(scope="module")
def default_pages(default_kb: KnowledgeBase) -> dict[str, str]:
    return pages.generate(Site.of(core.validate(REPO)), {})


@pytest.mark.parametrize("directory_urls, start, target, expected", [
    (True, "cases/a.md", "cases/b.md", "../b/"),
    (True, "cases/index.md", "cases/b.md", "b/"),
    (True, "cases/a.md", "cases/index.md", "../"),
    (True, "types/t.md", "quizzes/q.md", "../../quizzes/q/"),
    (True, "kits/k.md", "kits/k/plan.pdf", "plan.pdf"),
    (True, "cases/a.md", "cases/a.md", "./"),
    (False, "cases/a.md", "cases/b.md", "b.html"),
    (False, "cases/a.md", "cases/index.md", "index.html"),
    (False, "types/t.md", "quizzes/q.md", "../quizzes/q.html"),
    (False, "kits/k.md", "kits/k/plan.pdf", "k/plan.pdf"),
])
def test_links_follow_mkdocs_urls(directory_urls: bool, start: str, target: str, expected: str) -> None:
    assert SiteUrls(directory_urls).rel(start, target) == expected


@pytest.mark.parametrize("payload", [*PAYLOADS, "a & b <!-- c", "\u2028行\u2029"])
def test_json_text_holds_no_markup_characters(payload: str) -> None:
    text = json_text({"stem": payload, "options": [payload]})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"stem": payload, "options": [payload]}


@pytest.mark.parametrize("size, shown", [(0, "0 B"), (820, "820 B"), (1024, "1.0 KB"), (14_600, "14 KB"),
                                         (2_400_000, "2.3 MB"), (52_000_000, "50 MB")])
def test_human_sizes(size: int, shown: str) -> None:
    assert human_size(size) == shown


def ours(generated: dict[str, str]) -> dict[str, str]:
    """The pages of the knowledge-base sections (other parts of the site generate pages too)."""
    return {k: v for k, v in generated.items() if k.split("/")[0] in SECTIONS}


def test_every_page_of_the_default_content(default_kb: KnowledgeBase, default_pages: dict[str, str]) -> None:
    expected = {f"{s}/index.md" for s in SECTIONS}
    expected |= {f"types/{i}.md" for i in default_kb.types} | {f"cases/{i}.md" for i in default_kb.cases}
    expected |= {f"clips/{i}.md" for i in default_kb.clips} | {f"kits/{i}.md" for i in default_kb.kits}
    expected |= {f"quizzes/{b.id}.md" for b in default_kb.banks.values() if b.public_questions}
    expected.add("quizzes/cuoti.md")  # the 错题本 page (issue 13)
    assert set(ours(default_pages)) == expected
    assert "index.md" not in default_pages  # the home page is hand-written
    assert all(p.startswith("---\ntitle: ") for p in ours(default_pages).values())


def test_quiz_pages_carry_the_true_answers_and_no_exam_questions(
        default_kb: KnowledgeBase, default_pages: dict[str, str]) -> None:
    exam_ids = {q.id for q in default_kb.questions(include_exam=True) if q.exam_only}
    assert exam_ids, "the default content should have exam-only questions to keep out"
    for bank in (b for b in default_kb.banks.values() if b.public_questions):
        page = default_pages[f"quizzes/{bank.id}.md"]
        key = json.loads(html.unescape(QUIZ_KEY.search(page).group(1)))  # type: ignore[union-attr]
        assert key["questions"] == [{"id": q.id, "kind": q.kind, "answer": list(q.correct_indexes)}
                                    for q in bank.public_questions]
        assert not any(qid in page for qid in exam_ids)
        assert not any(q.stem in page for q in bank.questions if q.exam_only)
    for text in default_pages.values():
        assert not any(f"q-{qid}" in text for qid in exam_ids)


def test_case_pages_link_questions_without_answers(default_kb: KnowledgeBase,
                                                   default_pages: dict[str, str]) -> None:
    checked = 0
    for case in default_kb.cases.values():
        page = default_pages[f"cases/{case.id}.md"]
        for q in default_kb.questions_of_case(case.id):
            assert f"../../quizzes/{q.bank}/#q-{q.id}" in page
            assert q.explanation not in page
            checked += 1
    assert checked


def test_kit_page_without_downloads_says_how_to_make_them(tricky: core.Result) -> None:
    page = pages.generate(Site.of(tricky), {})["kits/ceshi-kit.md"]
    assert "fanzha kits" in page
    assert "download" not in page.split('id="downloads"')[1].split("</section>")[0]


def test_kit_page_lists_downloads_with_sizes(tricky: core.Result) -> None:
    page = pages.generate(Site.of(tricky), DOWNLOADS)["kits/ceshi-kit.md"]
    assert '<a href="host-plan.pdf" download>主持人教案</a>' in page
    assert "598 KB" in page and "3.8 MB" in page
    html_links = pages.generate(Site.of(tricky, directory_urls=False), DOWNLOADS)["kits/ceshi-kit.md"]
    assert '<a href="ceshi-kit/host-plan.pdf" download>' in html_links


def test_content_text_is_escaped_everywhere(tricky: core.Result) -> None:
    generated = ours(pages.generate(Site.of(tricky), DOWNLOADS))
    for src_uri, text in generated.items():
        for payload in PAYLOADS:
            assert payload not in text, src_uri
    quiz = generated["quizzes/ceshi.md"]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in quiz
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in quiz
    assert EXAM_MARKER not in "".join(generated.values())
    assert EXAM_ID not in "".join(generated.values())


def test_theme_gets_overrides_after_custom_dir_and_assets_once(tmp_path: Path, tricky: core.Result) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    yml = (TRICKY / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  language: zh\n", f"  language: zh\n  custom_dir: {custom}\n")
    (tmp_path / "mkdocs.yml").write_text(yml, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = load_config(str(tmp_path / "mkdocs.yml"))
    pages.configure_theme(config, Site.of(tricky, directory_urls=bool(config.use_directory_urls)))
    pages.configure_theme(config, Site.of(tricky, directory_urls=bool(config.use_directory_urls)))  # twice, as `mkdocs serve` may: no duplicates
    dirs = config.theme.dirs
    assert dirs[0] == str(custom) and dirs[1] == str(pages.OVERRIDES_DIR)
    assert dirs.count(str(pages.OVERRIDES_DIR)) == 1
    assert config.extra_css.count("assets/fanzha/pages/site.css") == 1
    scripts = [str(s) for s in config.extra_javascript]
    assert [s for s in scripts if s.startswith("assets/fanzha/pages/")] == [
        "assets/fanzha/pages/stage.js", "assets/fanzha/pages/clip.js", "assets/fanzha/pages/quiz.js",
        "assets/fanzha/pages/scenario.js"]
    assert config.extra_css.count("assets/fanzha/pages/scenario.css") == 1


def test_assets_are_served_under_assets_fanzha() -> None:
    served = dict(pages.asset_files())
    for name in ("site.css", "stage.js", "clip.js", "quiz.js", "scenario.css", "scenario.js"):
        assert served[f"assets/fanzha/pages/{name}"] == pages.ASSETS_DIR / "pages" / name


def _golden_pages(tricky: core.Result) -> dict[str, str]:
    return ours(pages.generate(Site.of(tricky), DOWNLOADS))


def test_golden_pages(tricky: core.Result, golden: Golden) -> None:
    generated = _golden_pages(tricky)
    if golden.update:
        for src_uri, text in generated.items():
            golden.write(GOLDEN / src_uri, text)
    stored = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in GOLDEN.rglob("*.md")}
    assert sorted(stored) == sorted(generated)
    for src_uri, text in generated.items():
        assert text == stored[src_uri], f"{src_uri} differs from tests/site/golden/{src_uri}"
