"""Content text on its way into PDF templates: placeholders, Markdown, line-break glue.

Chinese typesetting forbids a line that starts with closing punctuation
(，。、；：？！”）》…) or ends with opening punctuation (“（《…). Pango follows
UAX #14, which already forbids those breaks between a character and the mark
next to it, but allows them across a space ("96110 ；", "“ 兼职"). So the
spaces between a character and such a mark become one no-break space (U+00A0).
A no-break span would not do: WeasyPrint still breaks at a space inside one.
The tests check every line of the PDFs.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from .. import placeholders
from ..safe_markdown import render_safe

CLOSING = "，。、；：？！”’）》」』】〕〉〗．·…"
OPENING = "“‘（《「『【〔〈〖"
_C, _O = re.escape(CLOSING), re.escape(OPENING)
# a character, spaces, closing marks  — or —  opening marks, spaces, a character
_GLUE = re.compile(rf"(?<=\S)[ \t\n]+(?=[{_C}])|(?<=[{_O}])[ \t\n]+(?=\S)")
# the same at the edges of a text node in HTML ("<b>词</b> 。", "“ <b>词</b>")
_EDGES = re.compile(rf"^[ \t\n]+(?=[{_C}])|(?<=[{_O}])[ \t\n]+$")
NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
_NO_GLUE_TAGS = re.compile(r"<(pre|code|script|style)\b", re.I)
_MD_EXTENSIONS = ["tables", "sane_lists"]


def fill(text: str, college: dict[str, str]) -> str:
    """`{{ college.X }}` placeholders filled, as plain text (placeholders.fill escapes for HTML)."""
    if "{{" not in text:
        return text
    return html.unescape(placeholders.fill(text, college))


def glue(text: str) -> Markup:
    """Plain text → HTML, with the spaces around punctuation made unbreakable (see module doc)."""
    return Markup(_GLUE.sub(NBSP, str(escape(text))))


def keep_with_end(text: str, tail: Markup) -> Markup:
    """Plain text → glued HTML whose last character (with any closing marks after it) and
    `tail` (the answer blank "（　　）" after a question's stem) can't be parted by a line break:
    they go in one inline block, so a line neither starts with the "）" nor holds the blank alone."""
    text = text.rstrip()
    cut = len(text)
    while cut > 0 and (text[cut - 1] in CLOSING or text[cut - 1].isspace()):
        cut -= 1
    cut = max(0, cut - 1)
    head, end = text[:cut], re.sub(r"\s+", "", text[cut:])
    return glue(head) + Markup('<span class="keep">') + escape(end) + tail + Markup("</span>")


def glue_html(fragment: str) -> Markup:
    """Glue punctuation in the text of an HTML fragment, leaving tags and code alone."""
    parts = _TAG.split(fragment)
    skip = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if _NO_GLUE_TAGS.match(part):
                skip += 1
            elif skip and re.match(r"</(pre|code|script|style)\b", part, re.I):
                skip -= 1
        elif part and not skip:
            glued = glue(html.unescape(part))
            parts[i] = _EDGES.sub(NBSP, glued) if 0 < i < len(parts) - 1 else glued
    return Markup("".join(parts))


def markdown(text: str, college: dict[str, str], breaks: bool = False) -> Markup:
    """Markdown (placeholders filled) → glued HTML.

    `breaks`: a line break is kept as a line break. Used for YAML text fields
    (host notes, pledge), whose authors write one item a line without blank lines.
    """
    extensions = _MD_EXTENSIONS + (["nl2br"] if breaks else [])
    return glue_html(render_safe(text, college, extensions))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of plain text."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
