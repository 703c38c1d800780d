"""Templates to HTML (Jinja2) and HTML to PDF (WeasyPrint).

`render_pdf` is what worker processes run. It turns every WeasyPrint warning
(a missing glyph, a resource that could not be loaded, CSS it ignored) into a
PdfBuildError naming the document, so no warning passes silently. Resources
may only come from data: URLs: a PDF never makes a network request.
"""
from __future__ import annotations

import functools
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import templating, unfinished
from . import text
from .errors import PdfBuildError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pdf"


@dataclass(frozen=True)
class Rendered:
    """A rendered PDF, its page count, the seconds it took and the CPU seconds it used."""

    data: bytes
    pages: int
    seconds: float
    cpu: float = 0.0


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment for templates/pdf (autoescape on for HTML)."""
    env = templating.environment(TEMPLATES, autoescape=jinja2.select_autoescape(["html"], default=False),
                                 keep_trailing_newline=False)
    env.filters["t"] = _text
    env.filters["md"] = _markdown
    env.filters["t_keep"] = _text_keep
    env.filters["paragraphs"] = text.paragraphs
    env.filters["chunks"] = lambda seq, n: [list(seq[i:i + n]) for i in range(0, len(seq), n)]
    env.tests["preview"] = lambda settings: bool(unfinished.unfinished(settings))  # placeholders left: 预览版
    return env


@jinja2.pass_context
def _text(ctx: Any, value: str) -> Any:
    """Content text: placeholders filled, escaped, punctuation glued."""
    return text.glue(text.fill(value, ctx["settings"].college))


@jinja2.pass_context
def _text_keep(ctx: Any, value: str, tail: str) -> Any:
    """Content text (as `t`) whose end stays on one line with `tail` (template HTML)."""
    return text.keep_with_end(text.fill(value, ctx["settings"].college), Markup(tail))


@jinja2.pass_context
def _markdown(ctx: Any, value: str, breaks: bool = False) -> Any:
    """Content Markdown: placeholders filled, rendered, punctuation glued."""
    return text.markdown(value, ctx["settings"].college, breaks)


def render_html(template: str, **context: Any) -> str:
    """A template from templates/pdf rendered with `context`."""
    return environment().get_template(template).render(**context)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, where: str) -> Rendered:
    """HTML → PDF bytes; any WeasyPrint warning raises PdfBuildError naming `where`.
    Documents that ask for it are fitted (see below): rendered again, tighter or with a break moved."""
    start, cpu = time.perf_counter(), time.process_time()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    level = logger.level
    logger.setLevel(logging.WARNING)  # whatever the root logger's level, warnings reach us
    try:
        fit = _FIT.search(html[:4000])
        if fit and fit.group(1) == "items":
            document = _fit_items(html, where)
        elif fit and fit.group(1) == "copies":
            document = _fit_copies(html, where)
        else:
            document = _render(html, where)
        data = document.write_pdf()
    except PdfBuildError:
        raise
    except Exception as exc:  # a WeasyPrint failure is reported, not a traceback
        raise PdfBuildError(f"{where}: WeasyPrint failed: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    if collect.messages:
        raise PdfBuildError(f"{where}: WeasyPrint warned: " + "; ".join(dict.fromkeys(collect.messages)))
    return Rendered(data, len(document.pages), time.perf_counter() - start, time.process_time() - cpu)


def _render(html: str, where: str) -> Any:
    """HTML → a laid-out WeasyPrint document (render_pdf collects the warnings)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    try:
        return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).render()
    except Exception as exc:  # a WeasyPrint failure is reported, not a traceback
        raise PdfBuildError(f"{where}: WeasyPrint failed: {type(exc).__name__}: {exc}") from None


# Fitting: papers whose versions print alike, pledges several to a sheet ----------------------
#
# A template asks for it with data-fit on <html>:
# - "items" (quiz papers, keys): elements with data-item (a question, an explanation) never
#   split. A last page less than half full is first tried tighter (FIT_LEVELS), so versions of
#   one paper, whose questions only come in another order, end on the same page count; then a
#   last page holding a single item gets the item before it too (a page break before that one).
# - "copies" (pledge): elements with data-copy="1".."3", cut lines between them: as many copies
#   as fit on one sheet (3, else 2, else 1).

_FIT = re.compile(r'<html[^>]*\sdata-fit="(items|copies)"')
FIT_LEVELS = (
    "",
    "html { line-height: 1.6; } .question, .explain { margin-bottom: 2mm; }",
    "html { line-height: 1.5; } .question, .explain { margin-bottom: 1.2mm; } h2 { margin: 3.5mm 0 1.5mm; }"
    " .subtitle { margin-bottom: 3mm; } .answer-card { margin-bottom: 3mm; }",
    "html { font-size: 10pt; line-height: 1.45; } .question, .explain { margin-bottom: 1mm; }"
    " h2 { margin: 3mm 0 1.2mm; } .subtitle { margin-bottom: 2.5mm; } .answer-card { margin-bottom: 2.5mm; }",
)


def _with_style(html: str, css: str) -> str:
    return html.replace("</head>", f"<style>{css}</style></head>", 1) if css else html


def page_items(document: Any, attribute: str = "data-item") -> list[list[str]]:
    """The values of `attribute` on each page, in order (an element split over pages counts on each)."""
    out = []
    for page in document.pages:
        seen: dict[str, None] = {}
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            value = element.get(attribute) if element is not None else None
            if value:
                seen[value] = None
        out.append(list(seen))
    return out


def _fill(document: Any) -> float:
    """How much of the last page's height its content takes (0–1)."""
    box = document.pages[-1]._page_box
    top, height = box.content_box_y(), box.height
    bottom = max((b.position_y + b.margin_height() for b in box.descendants()
                  if getattr(b, "element_tag", "") != "html" and hasattr(b, "margin_height")
                  and not getattr(b, "is_for_root_element", False)), default=top)
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0


def _fit_items(html: str, where: str) -> Any:
    document = _render(html, where)
    level = 0
    if len(document.pages) > 1 and _fill(document) < 0.5:
        for n in range(1, len(FIT_LEVELS)):
            tighter = _render(_with_style(html, FIT_LEVELS[n]), where)
            if len(tighter.pages) < len(document.pages):
                document, level = tighter, n
                break
    items = page_items(document)
    if len(items) > 1 and len(items[-1]) == 1 and len(items[-2]) > 2:
        before = items[-2][-1]
        css = FIT_LEVELS[level] + f' [data-item="{before}"] {{ break-before: page; }}'
        moved = _render(_with_style(html, css), where)
        if len(moved.pages) == len(document.pages):
            document = moved
    return document


def _fit_copies(html: str, where: str) -> Any:
    for copies in (3, 2):
        hide = ", ".join(f'[data-copy="{n}"]' for n in range(copies + 1, 4))
        css = f"{hide} {{ display: none; }}" if hide else ""
        # equal pieces when they fit (the cut lines then fall at a third or a half of the sheet)
        for even in (f".pledge-copy {{ min-height: {COPY_HEIGHT[copies]}; }}", ""):
            document = _render(_with_style(html, css + even), where)
            if len(document.pages) == 1:
                return document
    return _render(_with_style(html, '[data-copy="2"], [data-copy="3"] { display: none; }'), where)


COPY_HEIGHT = {3: "72mm", 2: "112mm"}  # A4 less margins, running header and cut lines, shared out
