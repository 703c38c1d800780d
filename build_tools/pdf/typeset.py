"""Templates to HTML (Jinja2) and HTML to PDF (WeasyPrint).

`render_pdf` is what worker processes run. It turns every WeasyPrint warning
(a missing glyph, a resource that could not be loaded, CSS it ignored) into a
PdfBuildError naming the document, so no warning passes silently. Resources
may only come from data: URLs: a PDF never makes a network request.
"""
from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import text
from .. import unfinished
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
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html"], default=False),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["t"] = _text
    env.filters["md"] = _markdown
    env.filters["paragraphs"] = text.paragraphs
    env.filters["chunks"] = lambda seq, n: [list(seq[i:i + n]) for i in range(0, len(seq), n)]
    env.tests["preview"] = lambda settings: bool(unfinished.unfinished(settings))  # placeholders left: 预览版
    return env


@jinja2.pass_context
def _text(ctx: Any, value: str) -> Any:
    """Content text: placeholders filled, escaped, punctuation glued."""
    return text.glue(text.fill(value, ctx["settings"].college))


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
    """HTML → PDF bytes; any WeasyPrint warning raises PdfBuildError naming `where`."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    start, cpu = time.perf_counter(), time.process_time()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    level = logger.level
    logger.setLevel(logging.WARNING)  # whatever the root logger's level, warnings reach us
    try:
        document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).render()
        data = document.write_pdf()
    except Exception as exc:  # a WeasyPrint failure is reported, not a traceback
        raise PdfBuildError(f"{where}: WeasyPrint failed: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    if collect.messages:
        raise PdfBuildError(f"{where}: WeasyPrint warned: " + "; ".join(dict.fromkeys(collect.messages)))
    return Rendered(data, len(document.pages), time.perf_counter() - start, time.process_time() - cpu)
