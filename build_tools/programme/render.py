"""Templates (templates/programme/) to text, and HTML to PDF with WeasyPrint.

Autoescape is on for every template: HTML and SVG escape as markup, and the
Markdown outputs too, since Markdown passes HTML through to the site; the
`md` filter also escapes Markdown's own punctuation in table cells.
"""
from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import templating

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "programme"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#{}!~])")  # {} too: no attr_list {: onfocus=… }


class PdfError(Exception):
    """WeasyPrint failed or warned; the message names the document."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def md(value: object) -> Markup:
    """Text for a Markdown table cell or line: HTML-escaped, Markdown punctuation backslashed."""
    text = " ".join(str(value).split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = templating.environment(TEMPLATES)
    env.filters.update(md=md, svg_data_uri=svg_data_uri)
    return env


def render(template: str, **context: Any) -> str:
    """One template of templates/programme rendered with `context`."""
    return environment().get_template(template).render(**context)


def pdf(html: str, where: str) -> Pdf:
    """HTML → PDF through the kits' renderer: only data: URLs are fetched, a warning is an error."""
    from ..pdf.errors import PdfBuildError
    from ..pdf.typeset import render_pdf

    try:
        rendered = render_pdf(html, where)
    except PdfBuildError as exc:
        raise PdfError(str(exc)) from None
    return Pdf(rendered.data, rendered.pages)
