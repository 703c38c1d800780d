"""PowerPoint decks for the classroom PC: one per 60-second clip, one 班会 deck per kit.

Teachers project from a PC that runs PowerPoint or WPS, often without a network;
雨课堂 is itself a PowerPoint add-in. A deck is a .pptx (python-pptx), 16:9, white
on black like the site's projection mode, every run in a font set for Latin and for
East Asian text (`a:latin` and `a:ea`), so both programs show the Chinese in it.

- clip deck: title slide; the script one paragraph a slide (as projection mode pages
  it), at 40 pt or more (a paragraph too long for one slide at 40 pt continues on the
  next, split at a sentence end); the whole script in the speaker notes of each slide;
  a closing slide with 110, 96110 and the college's duty phone.
- kit deck: title, agenda, then per agenda item its slides (clip pages, the case's
  summary and 识别要点, one discussion question a slide with the points in the notes,
  the quiz one question a slide with the answer and explanation on the next), the
  pledge, the closing slide. Host notes go into the speaker notes.

Identical inputs give identical bytes: fixed document dates and ZIP entry times.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..kinds import KIND_LABELS
from ..model import Clip, Kit
from ..site import Site
from ..urls import SiteUrls
from . import parallel
from .kit import default_pledge, quiz_sets
from .text import fill, paragraphs

SLIDE_W, SLIDE_H = 960, 540  # points (13.333 × 7.5 in, 16:9)
MARGIN = 48
MIN_SIZE = 40  # pt, the smallest body text on any slide but a quiz question's
QUIZ_MIN_SIZE = 24  # a question keeps all its options on one slide, at 24 pt or more
LIST_MIN_SIZE = 32  # the agenda, a list to glance at
BODY_SIZES = (60, 54, 48, 44, 40)
LINE = 1.5  # line height in ems at single spacing: Noto Sans CJK is 1.45, YaHei 1.32; rounded up
DEFAULT_FONT = "Microsoft YaHei"  # on every Windows PC since Vista; WPS maps it; LibreOffice substitutes a CJK font
WHITE, BLACK, YELLOW, GREY = "FFFFFF", "000000", "FFD54F", "BDBDBD"
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_MD_MARKS = re.compile(r"\*\*|__|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+[.、]\s+", re.M)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Slide:
    """What one slide shows: a heading, body paragraphs, and the speaker notes."""

    heading: str = ""
    body: tuple[str, ...] = ()
    notes: str = ""
    accent: bool = False  # the heading in the accent colour, large (title and closing slides)
    min_size: int = MIN_SIZE  # smallest body size allowed (a quiz question keeps its options on one slide)


def width(text: str) -> float:
    """Text width in ems: CJK, full-width and ambiguous-width characters (—, “, …) 1, others about half."""
    import unicodedata
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6 for ch in text)


def lines_needed(text: str, size: float, box_width: float) -> int:
    """Lines `text` takes at `size` pt in a box `box_width` pt wide (wrapping at any character)."""
    per_line = box_width / size
    count, used = 1, 0.0
    for ch in text:
        w = width(ch)
        if used + w > per_line:
            count, used = count + 1, w
        else:
            used += w
    return count


def body_height(paras: Sequence[str], size: float, box_width: float) -> float:
    return sum(lines_needed(p, size, box_width) for p in paras) * size * LINE + (len(paras) - 1) * size * 0.5


def fit(paras: Sequence[str], box_width: float, box_height: float, min_size: int = MIN_SIZE) -> int | None:
    """The largest body size at which `paras` fit the box, or None if not even at `min_size`."""
    for size in (*BODY_SIZES, *range(MIN_SIZE - 4, min_size - 1, -4)):
        if size < min_size:
            break
        if body_height(paras, size, box_width) <= box_height:
            return size
    return None


# Text boxes leave room at the right for one more character: PowerPoint, WPS and LibreOffice
# keep closing punctuation on the line it ends (禁则), so a full line may hang one character over.
BODY_W = SLIDE_W - 2 * MARGIN - 64
HEAD_H = 96  # heading band
BODY_H = SLIDE_H - 2 * MARGIN - HEAD_H


def paged(heading: str, paras: Sequence[str], notes: str, min_size: int = MIN_SIZE) -> list[Slide]:
    """Slides showing `paras` under `heading` at ≥ min_size: as many paragraphs a slide as fit,
    a paragraph too long for one slide split at sentence ends."""
    pieces: list[str] = []
    for para in paras:
        if fit([para], BODY_W, BODY_H, min_size):
            pieces.append(para)
            continue
        chunk = ""
        for sentence in filter(None, _SENTENCE_END.split(para)):
            if chunk and not fit([chunk + sentence], BODY_W, BODY_H, min_size):
                pieces.append(chunk)
                chunk = ""
            chunk += sentence
            while not fit([chunk], BODY_W, BODY_H):  # one sentence longer than a slide: cut it
                cut = _longest_prefix(chunk)
                pieces.append(chunk[:cut])
                chunk = chunk[cut:]
        if chunk:
            pieces.append(chunk)
    slides: list[list[str]] = []
    current: list[str] = []
    for piece in pieces:
        if current and not fit([*current, piece], BODY_W, BODY_H, min_size):
            slides.append(current)
            current = []
        current.append(piece)
    if current:
        slides.append(current)
    return [Slide(heading, tuple(s), notes, min_size=min_size) for s in slides] or [Slide(heading, (), notes)]


def _longest_prefix(text: str) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fit([text[:mid]], BODY_W, BODY_H):
            lo = mid
        else:
            hi = mid - 1
    return lo


def plain(markdown: str, college: dict[str, str]) -> str:
    """Markdown as plain slide text: placeholders filled, links to their text, marks removed."""
    text = _MD_LINK.sub(r"\1", fill(markdown, college))
    return _MD_MARKS.sub("", text).strip()


def section(body: str, title: str) -> str:
    """The text of a `## title` section of a Markdown body ('' if none)."""
    m = re.search(rf"^##\s*{re.escape(title)}\s*$(.*?)(?=^##\s|\Z)", body, re.M | re.S)
    return m.group(1).strip() if m else ""


def bullets(markdown: str) -> list[str]:
    items = [line.strip()[2:].strip() for line in markdown.splitlines() if line.strip().startswith(("- ", "* "))]
    return items or paragraphs(markdown)


# ---- what the decks hold ----

def closing(site: Site) -> Slide:
    c = site.settings.college
    lines = ["正在被骗：立即停止转账，拨打 110 报警", "拿不准是不是诈骗：拨打 96110 反诈专线咨询",
             f"{c['security_office']}：{c['security_phone']}"]
    return Slide("遇到诈骗，马上求助", tuple(lines), "提醒同学：接到 96110 打来的电话，一定要接听。", accent=True)


def clip_slides(site: Site, clip: Clip, closing_slide: bool = True) -> list[Slide]:
    college = site.settings.college
    pages = [fill(p, college) for p in clip.pages]
    script = "\n\n".join(pages)
    slides = [Slide(fill(clip.title, college), (f"课间反诈60秒 · 约 {clip.seconds} 秒", college["name"]), script,
                    accent=True)]
    for n, page in enumerate(pages, 1):
        for s in paged("", [page], f"第 {n}/{len(pages)} 段。全文：\n{script}"):
            slides.append(s)
    if closing_slide:
        slides.append(closing(site))
    return slides


def kit_slides(site: Site, kit: Kit) -> list[Slide]:
    kb, college = site.kb, site.settings.college
    quizzes = {id(item): qs for item, qs in quiz_sets(site, kit)}
    title = fill(kit.title, college)
    slides = [Slide(title, (college["name"], f"{fill(kit.audience, college)} · {kit.minutes} 分钟"),
                    "\n".join(fill(g, college) for g in kit.goals), accent=True)]
    agenda = [f"{n}. {fill(a.title, college)}（{a.minutes} 分钟）" for n, a in enumerate(kit.agenda, 1)]
    slides += paged("今天的安排", agenda, "\n".join(fill(g, college) for g in kit.goals), LIST_MIN_SIZE)
    for item in kit.agenda:
        host = fill(item.host, college)
        slides.append(Slide(fill(item.title, college), (f"{item.minutes} 分钟",), host, accent=True))
        if item.clip and item.clip in kb.clips:
            slides += clip_slides(site, kb.clips[item.clip], closing_slide=False)[1:]
        if item.case and item.case in kb.cases:
            case = kb.cases[item.case]
            body = case.body
            slides += paged(fill(case.title, college), [plain(case.summary, college)] if case.summary else [],
                            host)
            points = bullets(section(body, "识别要点") or section(body, "手法解析"))
            slides += paged("识别要点", [plain(p, college) for p in points], host)
        for d in item.discuss:
            slides += paged("讨论", [fill(d.question, college)], "参考要点：" + fill(d.points, college))
        qs = quizzes.get(id(item))
        if qs is not None and qs.versions:
            for pq in qs.versions[0].questions:
                q = pq.question
                kind = KIND_LABELS[q.kind]
                options = ([f"{letter}. {fill(text, college)}" for letter, text in pq.lettered_options]
                           if q.kind != "judge" else ["√ 正确", "× 错误"])
                paras = (fill(q.stem, college), *options)
                notes = "答案：" + pq.answer
                # the whole question on one slide, never split: options belong with their stem
                slides.append(Slide(f"第 {pq.number} 题（{kind}）", paras, notes, min_size=QUIZ_MIN_SIZE))
                right = ([options[i] for i in pq.answer_indexes] if q.kind != "judge"
                         else [options[0 if q.answer else 1]])
                answer = (*right, fill(q.explanation, college))
                if fit(answer, BODY_W, BODY_H, QUIZ_MIN_SIZE):
                    slides.append(Slide(f"第 {pq.number} 题 答案：{pq.answer}", answer, "", min_size=QUIZ_MIN_SIZE))
                else:
                    slides += paged(f"第 {pq.number} 题 答案：{pq.answer}", answer, "")
    pledge = [line for p in paragraphs(kit.pledge or default_pledge()) for line in plain(p, college).splitlines()]
    pledge = [p.strip() for p in pledge if p.strip() and not re.search(r"_{3,}|＿{2,}", p)]  # no signature lines
    slides += paged("反诈承诺", pledge, "请全班一起读承诺，然后在承诺书上签名。")
    slides.append(closing(site))
    return slides


# ---- writing .pptx ----

def render(slides: Iterable[Slide], title: str, font: str = DEFAULT_FONT) -> bytes:
    """The slides as .pptx bytes (reproducible)."""
    import datetime as dt

    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    blank = prs.slide_layouts[6]
    for spec in _expanded(slides):
        slide = prs.slides.add_slide(blank)
        fill_ = slide.background.fill
        fill_.solid()
        fill_.fore_color.rgb = _rgb(BLACK)
        if spec.accent:
            head = _heading_size(spec.heading)
            top = _accent_top(spec.heading)
            _box(slide, spec.heading, MARGIN, MARGIN + 16, BODY_W, top - MARGIN - 48, head, YELLOW, font, bold=True)
            if spec.body:
                size = fit(spec.body, BODY_W, SLIDE_H - MARGIN - top) or MIN_SIZE
                _box(slide, list(spec.body), MARGIN, top, BODY_W, SLIDE_H - MARGIN - top, size, WHITE, font)
        else:
            top = MARGIN
            if spec.heading:
                _box(slide, spec.heading, MARGIN, MARGIN, BODY_W, HEAD_H - 16, 36, YELLOW, font, bold=True)
                top = MARGIN + HEAD_H
            if spec.body:
                size = fit(spec.body, BODY_W, BODY_H, spec.min_size) or spec.min_size
                _box(slide, list(spec.body), MARGIN, top, BODY_W, SLIDE_H - MARGIN - top, size, WHITE, font)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    props = prs.core_properties
    fixed = dt.datetime(2000, 1, 1)
    props.title, props.author, props.last_modified_by = title, "fanzha-kb", "fanzha-kb"
    props.created = props.modified = fixed
    props.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return _reproducible_zip(buf.getvalue())


def _accent_top(heading: str) -> float:
    head = _heading_size(heading)
    return MARGIN + 16 + lines_needed(heading, head, BODY_W) * head * LINE + 32


def _expanded(slides: Iterable[Slide]) -> Iterator[Slide]:
    """Slides that fit: a title slide whose text does not fit under its heading at MIN_SIZE
    keeps its heading, and its text moves to slides of its own."""
    for spec in slides:
        if spec.accent and spec.body and not fit(spec.body, BODY_W, SLIDE_H - MARGIN - _accent_top(spec.heading)):
            yield Slide(spec.heading, (), spec.notes, accent=True)
            yield from paged("", spec.body, spec.notes)
        else:
            yield spec


def _heading_size(text: str) -> int:
    for size in (66, 60, 54, 48, 44, 40):
        if lines_needed(text, size, BODY_W) * size * LINE <= 160:
            return size
    return 40


def _rgb(hex_: str):
    from pptx.dml.color import RGBColor
    return RGBColor.from_string(hex_)


def _box(slide, text: str | list[str], left: float, top: float, w: float, h: float, size: int,
         color: str, font: str, bold: bool = False) -> None:
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    box = slide.shapes.add_textbox(Pt(left), Pt(top), Pt(w), Pt(h))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, para_text in enumerate([text] if isinstance(text, str) else text):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.line_spacing = 1.0
        if i:
            para.space_before = Pt(size * 0.5)
        run = para.add_run()
        run.text = para_text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(color)
        rpr = run._r.get_or_add_rPr()
        for tag in ("a:latin", "a:ea", "a:cs"):
            el = rpr.makeelement(qn(tag), {"typeface": font})
            rpr.append(el)  # after solidFill, as the schema orders them
        rpr.set("lang", "zh-CN")
        rpr.set("altLang", "en-US")


def _reproducible_zip(data: bytes) -> bytes:
    """The same ZIP with fixed entry times (python-pptx stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def clip_deck(site: Site, clip: Clip) -> bytes:
    return render(clip_slides(site, clip), fill(clip.title, site.settings.college),
                  site.settings.slides_font or DEFAULT_FONT)


def kit_deck(site: Site, kit: Kit) -> bytes:
    return render(kit_slides(site, kit), fill(kit.title, site.settings.college),
                  site.settings.slides_font or DEFAULT_FONT)


__all__ = ["Slide", "clip_deck", "clip_slides", "kit_deck", "kit_slides", "render", "write_clip_decks"]


_CACHE: dict[str, bytes] = {}  # deck bytes by a hash of what they show (serve rebuilds reuse them)


def _key(slides: Sequence[Slide], title: str, font: str) -> str:
    import hashlib
    return hashlib.sha256(repr((tuple(slides), title, font)).encode("utf-8")).hexdigest()


def start_clip_decks(site: Site, dest: Path) -> Callable[[], list[Path]]:
    """Start rendering a deck per clip (on another core when there is one); the returned call
    waits for them and writes dest/slides/<clip-id>.pptx, returning the files written.

    The site build calls it before MkDocs renders the pages and finishes it after, so the
    decks cost the build little time on a machine with two cores."""

    font = site.settings.slides_font or DEFAULT_FONT
    jobs = []
    for clip in site.kb.clips.values():
        shown = clip_slides(site, clip)
        title = fill(clip.title, site.settings.college)
        key = _key(shown, title, font)
        future = None if key in _CACHE else parallel.submit(render, shown, title, font)
        jobs.append((dest / SiteUrls.clip_deck(clip.id), key, future, shown, title))

    def finish() -> list[Path]:
        written = []
        for path, key, future, shown, title in jobs:
            if key not in _CACHE:
                _CACHE[key] = future.result() if future is not None else render(shown, title, font)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_CACHE[key])
            written.append(path)
        return written

    return finish


def write_clip_decks(site: Site, dest: Path) -> list[Path]:
    """A deck per clip into dest/slides/<clip-id>.pptx; the files written."""
    return start_clip_decks(site, dest)()
