"""Share cards: a PNG per case and per clip (1080 × 1440) for the 公众号 and class groups.

A card holds the title, three 识别要点, the college's name and a QR code to the item's page
(when site_url is set). Drawn with Pillow in Noto Sans CJK (fonts-noto-cjk): the pinned
WeasyPrint writes only PDF. The same content gives the same bytes (no time or metadata in the
PNG). Key points come from a case's "## 识别要点" section; a clip uses its case's, or else the
first sentences of its script.

Site files: cards/<case-id>.png and cards/<clip-id>.png. Ids are unique per kind only: a clip
whose id is also a case's gets no card of its own, its page links to the case's (a warning says so).
"""
from __future__ import annotations

import functools
import html
import io
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import Case, Clip
from .pdf.text import CLOSING, OPENING, fill
from .site import Site
from .urls import SiteUrls

WIDTH, HEIGHT = 1080, 1440
MARGIN = 84
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/truetype/noto")
FONT_FILES = {"bold": "NotoSansCJK-Bold.ttc", "regular": "NotoSansCJK-Regular.ttc"}
SC_INDEX = 2  # the Simplified Chinese face in the Noto Sans CJK collections
RED, INK, GREY, PAPER, TINT = (183, 28, 28), (20, 20, 20), (90, 90, 90), (255, 255, 255), (253, 236, 234)
POINTS = 3


class CardError(Exception):
    """A card cannot be drawn (no CJK font); the message says what to install."""


@dataclass(frozen=True)
class Card:
    """What one card shows, and the site file it becomes."""

    path: str  # cards/<id>.png
    kind: str  # 案例 | 课间反诈60秒
    title: str
    points: tuple[str, ...]
    college: str
    url: str  # the page's absolute URL ('' without site_url: no QR code)


# What goes on the cards ----------------------------------------------------------------------

def card_path(item: Case | Clip) -> str:
    return SiteUrls.card(item.id)


def shared_ids(site: Site) -> list[str]:
    """Clip ids that are case ids too (those clips share the case's card)."""
    return sorted(set(site.kb.clips) & set(site.kb.cases))


def cards(site: Site) -> list[Card]:
    """A card per case and per clip, in id order."""
    college = site.settings.college
    out = []
    for case in sorted(site.kb.cases.values(), key=lambda c: c.id):
        out.append(Card(card_path(case), "案例", fill(case.title, college), case_points(case, college),
                        site.settings.college_name, site.urls.absolute_page("case", case.id)))
    for clip in sorted(site.kb.clips.values(), key=lambda c: c.id):
        if clip.id in site.kb.cases:
            continue  # shared_ids(): the case's card stands for both
        of_clip = site.kb.cases.get(clip.case or "")
        points = case_points(of_clip, college) if of_clip else ()
        out.append(Card(card_path(clip), "课间反诈60秒", fill(clip.title, college),
                        points or first_sentences(fill(clip.body, college)),
                        site.settings.college_name, site.urls.absolute_page("clip", clip.id)))
    return out


_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")


def case_points(case: Case, college: dict[str, str]) -> tuple[str, ...]:
    """The first three items (or paragraphs) of the case's "## 识别要点" section, as plain text."""
    lines, inside, level = [], False, 0
    for line in case.body.split("\n"):
        m = _HEADING.match(line)
        if m:
            if inside and len(m.group(1)) <= level:
                break
            if not inside and "识别要点" in m.group(2):
                inside, level = True, len(m.group(1))
                continue
        if inside:
            lines.append(line)
    items: list[str] = []
    for line in lines:
        m = _ITEM.match(line)
        if m:
            items.append(m.group(1))
        elif line.strip() and items and line.startswith((" ", "\t")):
            items[-1] += line.strip()  # a list item's continuation line
        elif line.strip():
            items.append(line)
    return tuple(p for p in (plain(fill(i, college)) for i in items) if p)[:POINTS]


def first_sentences(body: str) -> tuple[str, ...]:
    """The first three sentences of a script (a clip without a case)."""
    text = plain(" ".join(p for p in body.split("\n") if p.strip()))
    sentences = [s.strip() for s in re.findall(r"[^。！？!?]+[。！？!?]*", text) if len(s.strip()) > 1]
    return tuple(sentences[:POINTS])


def plain(markdown: str) -> str:
    """Inline Markdown to the text a reader sees."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


# Drawing ------------------------------------------------------------------------------------

@functools.cache
def _font(weight: str, size: int):
    from PIL import ImageFont

    for folder in FONT_DIRS:
        path = Path(folder) / FONT_FILES[weight]
        if path.exists():
            return ImageFont.truetype(str(path), size, index=SC_INDEX)
    raise CardError(f"share cards need the Noto Sans CJK fonts ({FONT_FILES[weight]}): "
                    "install the Debian package fonts-noto-cjk")


def wrap(text: str, font, width: float, max_lines: int) -> list[str]:
    """Lines of at most `width` pixels, broken between characters (Latin words kept whole) under
    the Chinese rules: no line starts with closing punctuation or ends with an opening one.
    More than `max_lines`: the last kept line ends in "…"."""
    tokens = re.findall(r"[A-Za-z0-9%@+\-]+|\s+|.", text)  # a URL may break after / and .
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if not line and tok.isspace():
            continue
        if font.getlength(line + tok) <= width or not line:
            line += tok
            continue
        carry = ""
        while tok[0] in CLOSING and len(line) > 1 and (carry + tok)[0] in CLOSING:
            carry, line = line[-1] + carry, line[:-1]  # take the character before the marks down too
        while line and line[-1] in OPENING:
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line.rstrip())
        line = (carry + tok).lstrip()
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last.rstrip("，、；：") + "…"]
    return lines


def qr_image(url: str, size: int):
    """A QR code (error correction M, 4-module quiet zone) as a black-and-white image of about
    `size` px, and the quiet zone's width in px."""
    from PIL import Image

    from .pdf import qr

    modules = qr.matrix(url)
    n = len(modules)
    img = Image.new("1", (n, n), 1)
    img.putdata([0 if cell else 1 for row in modules for cell in row])
    box = max(1, size // n)
    return img.resize((n * box, n * box), Image.Resampling.NEAREST), qr.QUIET_ZONE * box


def draw(card: Card) -> bytes:
    """The card as PNG bytes (identical for identical cards)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    d = ImageDraw.Draw(img)
    inner = WIDTH - 2 * MARGIN
    # band: college and the kind of item
    d.rectangle((0, 0, WIDTH, 150), fill=RED)
    band = _font("bold", 40)
    college = wrap(card.college, band, inner - 260, 1)[0]
    d.text((MARGIN, 75), college, font=band, fill=PAPER, anchor="lm")
    d.text((WIDTH - MARGIN, 75), "反诈提醒", font=_font("bold", 36), fill=PAPER, anchor="rm")
    y = 200
    d.text((MARGIN, y), card.kind, font=_font("regular", 32), fill=RED)
    y += 60
    title_font = _font("bold", 60)
    for line in wrap(card.title, title_font, inner, 3):
        d.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 80
    y += 20
    d.rectangle((MARGIN, y, MARGIN + 120, y + 8), fill=RED)
    y += 34
    d.text((MARGIN, y), "识别要点", font=_font("bold", 44), fill=RED)
    y += 74
    point_font, number_font = _font("regular", 36), _font("bold", 34)
    qr_size = 264 if card.url else 0
    bottom = HEIGHT - 90 - (qr_size + 40 if card.url else 60)
    lines_each = 4 if len(card.points) < 3 else 3
    for n, point in enumerate(card.points, 1):
        lines = wrap(point, point_font, inner - 70, lines_each)
        while len(lines) > 1 and y + 52 * len(lines) > bottom:  # no room: shorter, with "…"
            lines = wrap(point, point_font, inner - 70, len(lines) - 1)
        if y + 52 * len(lines) > bottom:
            break
        d.ellipse((MARGIN, y + 4, MARGIN + 44, y + 48), fill=RED)
        d.text((MARGIN + 22, y + 26), str(n), font=number_font, fill=PAPER, anchor="mm")
        for line in lines:
            d.text((MARGIN + 70, y), line, font=point_font, fill=INK)
            y += 52
        y += 24
    # foot: QR code to the page, what to do
    foot = HEIGHT - 90
    d.rectangle((0, foot, WIDTH, HEIGHT), fill=TINT)
    d.text((WIDTH // 2, foot + 45), "先挂断，不转账；拿不准打 96110，被骗了马上打 110",
           font=_font("bold", 34), fill=RED, anchor="mm")
    if card.url:
        code, quiet = qr_image(card.url, qr_size)
        top = foot - 10 - code.height
        img.paste(code, (MARGIN - quiet, top))
        tx = MARGIN - quiet + code.width
        d.text((tx, top + code.height // 2 - 40), "扫码看全文和自测题", font=_font("bold", 40), fill=INK)
        url_font = _font("regular", 24)
        for i, line in enumerate(wrap(card.url, url_font, WIDTH - MARGIN - tx, 2)):
            d.text((tx, top + code.height // 2 + 20 + 32 * i), line, font=url_font, fill=GREY)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


# Building ------------------------------------------------------------------------------------

def draw_all(items: list[Card]) -> list[tuple[bytes, float]]:
    """Each card's PNG and the seconds it took (run on a worker process by start_cards)."""
    out = []
    for card in items:
        start = time.perf_counter()
        out.append((draw(card), time.perf_counter() - start))
    return out


_CACHE: dict[Card, bytes] = {}


def start_cards(site: Site, dest: Path) -> Callable[[], list[tuple[Path, float]]]:
    """Start drawing every card on the rendering pool (the site build starts it before MkDocs
    renders the pages and finishes it after); the returned call waits and writes dest/cards/*.png,
    returning (file, seconds it took to draw; 0 when cached from an earlier build)."""
    import os

    from .pdf import parallel

    items = cards(site)
    todo = [c for c in items if c not in _CACHE]
    parts = max(1, min(len(todo), os.cpu_count() or 1))
    chunks = [todo[i::parts] for i in range(parts)] if todo else []
    futures = [parallel.submit(draw_all, chunk) for chunk in chunks]

    def finish() -> list[tuple[Path, float]]:
        seconds = {}
        for chunk, future in zip(chunks, futures):
            for card, (data, took) in zip(chunk, future.result() if future is not None else draw_all(chunk)):
                _CACHE[card] = data
                seconds[card] = took
        written = []
        for card in items:
            path = dest / card.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_CACHE[card])
            written.append((path, seconds.get(card, 0.0)))
        keep = set(items)
        for card in [c for c in _CACHE if c not in keep]:
            del _CACHE[card]
        return written

    return finish


def write_cards(site: Site, dest: Path) -> list[tuple[Path, float]]:
    return start_cards(site, dest)()


def card_files(site: Site) -> Iterable[str]:
    return (c.path for c in cards(site))
