"""Build errors name the source item; none passes silently; the CLI and plugin report them cleanly."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools import core
from build_tools.pdf import PdfBuildError, build_kits
from build_tools.pdf.typeset import render_pdf
from build_tools.site import Site

from ..conftest import copy_tree, fanzha
from . import pdftools
from .conftest import FIXTURE

PUA = "\ue000"          # private use: no installed font has it
EXT_B = "\U0002a6d6"    # a rare ideograph (CJK Ext. B) Noto Sans/Serif CJK SC lack


def broken_copy(tmp: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of the fixture with text replaced: {relative path: (old, new)}."""
    root = copy_tree(FIXTURE, tmp / "root")
    for rel, (old, new) in edits.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def glyph_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return broken_copy(tmp_path_factory.mktemp("glyphs"), {
        "cases/shuadan-test-dorm.md": ("真的收到了 15 元。", f"真的收到了 15 元{PUA}。"),
        "kits/meeting.yml": ("title: 守护钱袋子", f"title: 守护{EXT_B}钱袋子"),
        "quizzes/gongjianfa.yml": ("以下哪些是冒充公检法", f"以下哪些是冒充公检法{PUA}"),
    })


def test_missing_glyphs_are_errors_naming_each_item(glyph_root: Path, tmp_path: Path) -> None:
    result = core.validate(glyph_root)
    assert result.ok
    with pytest.raises(PdfBuildError) as caught:
        build_kits(Site.of(result), tmp_path)
    message = str(caught.value)
    case_line = line_of(glyph_root / "cases/shuadan-test-dorm.md", PUA)
    assert f"cases/shuadan-test-dorm.md:{case_line}:1: error missing-glyph case shuadan-test-dorm (text): " \
           f"U+E000 a private-use character '{PUA}'" in message
    assert "kits/meeting.yml:2:8: error missing-glyph kit meeting (title): U+2A6D6 CJK UNIFIED IDEOGRAPH-2A6D6" \
           in message
    stem_line = line_of(glyph_root / "quizzes/gongjianfa.yml", PUA)
    assert f"quizzes/gongjianfa.yml:{stem_line}:11: error missing-glyph question gongjianfa-004 (stem)" in message
    assert not list(tmp_path.rglob("*.pdf"))  # nothing half-written


def test_weasyprint_missing_glyph_warning_is_an_error_too() -> None:
    html = f'<html lang="zh-CN"><body style="font-family: \'Noto Sans CJK SC\'">反诈{PUA}</body></html>'
    with pytest.raises(PdfBuildError, match=r"^kits/x\.yml: handout\.pdf: WeasyPrint warned: .*U\+E000"):
        render_pdf(html, "kits/x.yml: handout.pdf")


def test_unknown_placeholder_names_the_item(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, {"kits/meeting.yml": ("我是{{ college.name }}", "我是{{ college.nickname }}")})
    with pytest.raises(PdfBuildError, match=r"kits/meeting\.yml:\d+:\d+: error unknown-placeholder kit meeting "
                                            r"\(pledge\): unknown placeholder \{\{ college\.nickname \}\}"):
        build_kits(Site.of(core.validate(root)), tmp_path / "out")


def test_fanzha_kits_exits_1_with_the_message(glyph_root: Path, tmp_path: Path) -> None:
    proc = fanzha("kits", "--root", str(glyph_root), "--out", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert "missing-glyph case shuadan-test-dorm (text)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_fanzha_build_fails_cleanly_through_the_plugin(glyph_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = fanzha("build", "--root", str(glyph_root), "--out", str(out))
    assert proc.returncode == 1, proc.stderr
    assert re.search(r"kits: \d+ problem\(s\) in text for the PDFs", proc.stderr)
    assert "kits/meeting.yml:2:8: error missing-glyph kit meeting (title)" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()  # a failed build leaves nothing behind


def test_without_site_url_handouts_have_no_qr_and_a_warning(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, {"mkdocs.yml": ("site_url: https://fanzha.test.edu.cn/kb/\n", "")})
    warnings: list[str] = []
    build_kits(Site.of(core.validate(root)), tmp_path / "out", ["meeting"], warn=warnings.append)
    assert len(warnings) == 1 and "site_url is not set" in warnings[0]
    handout = tmp_path / "out" / "kits" / "meeting" / "handout.pdf"
    assert all(urls == [] for urls in pdftools.qr_codes(handout, tmp_path).values())
    assert "https://" not in pdftools.text(handout)


@pytest.mark.parametrize("out", ["cases", ".", "kits/x"])
def test_fanzha_kits_never_writes_into_the_content(out: str) -> None:
    proc = fanzha("kits", "--root", str(FIXTURE), "--out", str(FIXTURE / out))
    assert proc.returncode == 2 and "kits go to an output folder of their own" in proc.stderr
    assert not list(FIXTURE.rglob("*.pdf"))


def test_fanzha_kits_unknown_kit_is_a_usage_error() -> None:
    proc = fanzha("kits", "nope", "--root", str(FIXTURE))
    assert proc.returncode == 2 and "no kit with id nope; kits: meeting, mini" in proc.stderr
