"""The Jinja2 environment for generated pages, and how a page's source is put together.

A generated page is Markdown: YAML front matter (the title), then HTML from a
template. Autoescaping is on for every template, so content text is escaped
wherever it lands; the only unescaped text is a case's own Markdown body,
which MkDocs renders like any hand-written page and the plugin then sanitises.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from markupsafe import Markup, escape

from .. import templating
from ..safe_markdown import mark_content
from .urls import PageLinks, SiteUrls

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"

# Content characters that never reach the markup raw, even inside JSON: they could end an
# element (</script>), open a comment (<!--) or start an entity.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_text(value: Any) -> str:
    """JSON for a data-* attribute: <, > and & as \\u escapes; autoescape then escapes the quotes.

    An attribute rather than <script type="application/json">: the theme's instant navigation
    re-runs every <script> of a new page as JavaScript, dropping its type.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, replacement in _JSON_ESCAPES.items():
        text = text.replace(char, replacement)
    return text


def human_size(size: int) -> str:
    """A file size as people read it: 820 B, 14 KB, 2.3 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024 or unit == "MB":
            break
        value /= 1024
    if unit == "B":
        return f"{size} B"
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


def yuan(amount: int) -> str:
    """An amount of money in yuan with thousands separators: 12,000 元."""
    return f"{amount:,} 元"


def year_month(date: str) -> str:
    """'2025-03' → '2025 年 3 月'; anything else is shown as written."""
    year, _, month = date.partition("-")
    return f"{year} 年 {int(month)} 月" if month.isdigit() else date


def markdown_body(text: str) -> Markup:
    """A content item's Markdown body for MkDocs to render; raw HTML in it shows as text, and the
    plugin sanitises what it renders to (safe_markdown.sanitise_marked, after placeholders are filled)."""
    return mark_content(text.strip("\n"))


def make_environment() -> Environment:
    """The page templates' environment: autoescape on, undefined names are errors."""
    env = templating.environment(TEMPLATES)
    env.filters.update(json_text=json_text, human_size=human_size, yuan=yuan, year_month=year_month)
    return env


class Renderer:
    """Renders pages from templates, each with links relative to itself."""

    def __init__(self, urls: SiteUrls) -> None:
        self.urls = urls  # urls.site_url: for the address printed under a case
        self.env = make_environment()

    def page(self, src_uri: str, template: str, title: str, **context: Any) -> str:
        """Front matter + the rendered template, for the page at src_uri."""
        link = PageLinks(self.urls, src_uri)
        body = self.env.get_template(template).render(
            title=title, link=link, page_url=link.absolute(), **context)
        return front_matter({"title": str(escape(title))}) + body


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter. The title is stored HTML-escaped: themes print page titles unescaped."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
