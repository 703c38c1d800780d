"""PowerPoint decks: read back with python-pptx, converted to PDF by LibreOffice and checked with poppler."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from build_tools import core
from build_tools.pdf import slides
from build_tools.pdf.slides import BODY_H, BODY_W, MIN_SIZE, QUIZ_MIN_SIZE, SLIDE_H, SLIDE_W, fit, paged
from build_tools.site import Site

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result() -> core.Result:
    r = core.validate(REPO)
    assert not r.errors
    return r


@pytest.fixture(scope="module")
def decks(result: core.Result, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One clip deck and one kit deck, with their PDFs made by LibreOffice."""
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice is missing: install the Debian package libreoffice-impress (./run test does)")
    out = tmp_path_factory.mktemp("decks")
    clip = next(iter(result.kb.clips.values()))
    kit = next(k for k in result.kb.kits.values() if k.quiz)
    files = {"clip": out / f"{clip.id}.pptx", "kit": out / f"{kit.id}.pptx"}
    files["clip"].write_bytes(slides.clip_deck(Site.of(result), clip))
    files["kit"].write_bytes(slides.kit_deck(Site.of(result), kit))
    profile = out / "lo-profile"
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out), *map(str, files.values())],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {**files, "clip_id": clip.id, "kit_id": kit.id, "out": out}  # type: ignore[dict-item]


def _pdf(deck: Path) -> Path:
    return deck.with_suffix(".pdf")


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word with its box (pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def _runs(prs: Presentation):  # type: ignore[no-untyped-def]
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    yield n, shape, run


def test_clip_deck_pages_the_script_like_projection_mode(result: core.Result, decks: dict) -> None:
    clip = result.kb.clips[decks["clip_id"]]
    prs = Presentation(str(decks["clip"]))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9, 13.333 × 7.5 in
    texts = ["".join(r.text for _, s, r in _runs(prs) if _ == n) for n in range(1, len(prs.slides) + 1)]
    assert clip.title in texts[0]
    body = texts[1:-1]
    for para in clip.pages:  # every paragraph shown, in order, on slides of its own
        assert any(para.replace(" ", "")[:12] in t.replace(" ", "") for t in body), para
    assert "110" in texts[-1] and "96110" in texts[-1]
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert all(p[:20] in notes for p in clip.pages)  # the whole script in the speaker notes
    sizes = [r.font.size.pt for n, _, r in _runs(prs) if 1 < n < len(prs.slides)]
    assert min(sizes) >= MIN_SIZE


def test_every_run_sets_latin_and_east_asian_font(decks: dict) -> None:
    for key in ("clip", "kit"):
        for _, _, run in _runs(Presentation(str(decks[key]))):
            rpr = run._r.find(qn("a:rPr"))
            assert rpr is not None and rpr.find(qn("a:ea")) is not None, run.text
            assert rpr.find(qn("a:ea")).get("typeface") == slides.DEFAULT_FONT


def test_libreoffice_renders_every_slide_with_cjk_font_embedded_and_nothing_off_the_slide(decks: dict) -> None:
    for key in ("clip", "kit"):
        pdf = _pdf(decks[key])
        count = len(Presentation(str(decks[key])).slides)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == count
        assert re.search(r"Page size:\s+960(\.\d+)? x 540(\.\d+)? pts", info), info
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        cjk = [line for line in fonts.splitlines() if "CJK" in line]
        assert cjk and all(" yes " in line for line in cjk), fonts
        pages = _words(pdf)
        assert len(pages) == count and all(pages), "a slide without text"
        off = [(n, w) for n, words in enumerate(pages, 1) for x0, y0, x1, y1, w in words
               if x0 < 0 or y0 < 0 or x1 > SLIDE_W or y1 > SLIDE_H]
        assert not off, off[:5]


def test_kit_deck_quiz_one_question_a_slide_answer_on_the_next(result: core.Result, decks: dict) -> None:
    prs = Presentation(str(decks["kit"]))
    texts = [" ".join(s.text_frame.text for s in slide.shapes) for slide in prs.slides]
    from build_tools.pdf.kit import quiz_sets
    kit = result.kb.kits[decks["kit_id"]]
    quiz = quiz_sets(Site.of(result), kit)[0][1].versions[0]
    for pq in quiz.questions:
        i = next(i for i, t in enumerate(texts) if t.startswith(f"第 {pq.number} 题（"))
        shown = texts[i]
        assert pq.question.stem[:10] in shown
        if pq.question.kind != "judge":  # every option on the question's own slide
            assert all(f"{letter}. " in shown for letter, _ in pq.lettered_options)
        assert texts[i + 1].startswith(f"第 {pq.number} 题 答案：{pq.answer}")
        assert pq.question.explanation[:10] in texts[i + 1]
    sizes = [r.font.size.pt for _, _, r in _runs(prs)]
    assert min(sizes) >= QUIZ_MIN_SIZE
    assert any("承诺" in t for t in texts[-3:]) and "96110" in texts[-1]
    host = next(a.host for a in kit.agenda if a.host)
    assert any(host[:15] in slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide)


def test_decks_are_reproducible(result: core.Result) -> None:
    clip = next(iter(result.kb.clips.values()))
    assert slides.clip_deck(Site.of(result), clip) == slides.clip_deck(Site.of(result), clip)
    kit = next(iter(result.kb.kits.values()))
    data = slides.kit_deck(Site.of(result), kit)
    assert data == slides.kit_deck(Site.of(result), kit)
    assert {i.date_time for i in zipfile.ZipFile(__import__("io").BytesIO(data)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_paragraph_too_long_for_one_slide_continues_at_40pt() -> None:
    para = "这是一段很长的讲稿。" * 40
    shown = paged("", [para], "")
    assert len(shown) > 1
    assert "".join("".join(s.body) for s in shown) == para  # nothing lost, nothing repeated
    assert all(fit(s.body, BODY_W, BODY_H) for s in shown)


def test_site_build_offers_decks_on_clip_and_kit_pages(default_site: Path) -> None:
    clip_pages = sorted((default_site / "clips").glob("*/index.html"))
    assert clip_pages
    for page in clip_pages:
        html = page.read_text(encoding="utf-8")
        href = re.search(r'href="([^"]+\.pptx)"', html)
        assert href, page
        assert (page.parent / href.group(1)).resolve().is_file(), href.group(1)
    for kit in (default_site / "kits").iterdir():
        if kit.is_dir():
            assert (kit / "slides.pptx").is_file()
            html = (kit / "index.html").read_text(encoding="utf-8")
            assert "slides.pptx" in html
            bundle = next(kit.glob("*-bundle.zip"))
            assert any(n.endswith("/slides.pptx") for n in zipfile.ZipFile(bundle).namelist())
