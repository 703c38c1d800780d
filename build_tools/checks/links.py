"""Links and images in content Markdown (cases, clips, kits): none runs script, none fetches from elsewhere.

- `unsafe-link`: a link or image to javascript:, vbscript: or data:, however spelled
  (`jav&#x61;script:`, `javascript&colon;`, a tab inside, upper case), inline or as a
  reference definition `[1]: javascript:…`. A warning: the site and the PDFs drop such a
  target (safe_markdown.sanitise), and the warning says so where it is written.
- `external-image`: an image from another site (`![t](https://…)`, `//host/…`). A reader's
  browser would fetch it (a tracking pixel, a picture that changes later); the site drops
  it. Put the picture beside the content and link it relatively.

The whole text of each file is scanned, so YAML text fields (kit host notes, pledge) are
covered as well as Markdown bodies.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..problem import Problem, error, warning
from ..safe_markdown import is_external, is_script_url
from .context import Context, offset_pos

FOLDERS = ("cases/", "clips/", "kits/")
# "](" then the destination: <…> or up to a space or ")"; link text may span lines and hold brackets
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_REF_USE = re.compile(r"\]\[([^\]\n]*)\]")


def _opening(text: str, close: int) -> int:
    """Offset of the `[` that the `]` at `close` ends (brackets nest), or -1."""
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "[" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return i
    return -1


def _is_image(text: str, close: int) -> bool:
    start = _opening(text, close)
    return start > 0 and text[start - 1] == "!"


def _url(raw: str) -> str:
    return raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw


def find(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, code, url) for each unsafe link and external image in Markdown text."""
    for m in _INLINE.finditer(text):
        url = _url(m.group(1))
        if is_script_url(url):
            yield m.start(1), "unsafe-link", url
        elif _is_image(text, m.start()) and is_external(url):
            yield m.start(1), "external-image", url
    refs: dict[str, str] = {}
    for m in _REF_DEF.finditer(text):
        url = _url(m.group(2))
        refs.setdefault(m.group(1).strip().lower(), url)
        if is_script_url(url):
            yield m.start(2), "unsafe-link", url
    for m in _REF_USE.finditer(text):
        if not _is_image(text, m.start()):
            continue
        start = _opening(text, m.start())
        label = m.group(1).strip().lower() or text[start + 1:m.start()].strip().lower()  # ![text][]
        target = refs.get(label)
        if target is not None and not is_script_url(target) and is_external(target):
            yield start - 1, "external-image", target  # at the image, where it shows


def check(ctx: Context) -> Iterator[Problem]:
    for rel, text in ctx.loaded.texts.items():
        if not rel.startswith(FOLDERS) or ("](" not in text and "]:" not in text):
            continue
        for offset, code, url in find(text):
            shown = url if len(url) <= 60 else url[:57] + "…"
            if code == "unsafe-link":  # a warning: the site and the PDFs already drop the target
                yield warning(offset_pos(rel, text, offset), code,
                            f"link to '{shown}': script and data links are not allowed in content "
                            "(the site drops the target); link to a page or http(s), tel:, mailto:")
            else:
                yield error(offset_pos(rel, text, offset), code,
                            f"image from another site '{shown}': a reader's browser would fetch it, "
                            "so the site drops it; save the picture beside the content and link it "
                            "relatively")
