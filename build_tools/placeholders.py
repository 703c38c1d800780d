"""`{{ college.X }}` placeholders in hand-written pages, filled from settings.

Code spans and fenced code blocks are left alone so the authoring guide can
show a placeholder literally.
"""
from __future__ import annotations

import html
import re

_PLACEHOLDER = re.compile(r"\{\{\s*college\.([A-Za-z_]+)\s*\}\}")
_CODE = re.compile(r"(^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|`[^`\n]+`)", re.S | re.M)
PLACEHOLDER, CODE = _PLACEHOLDER, _CODE  # for safe_markdown.fill_text


class UnknownPlaceholder(ValueError):
    pass


def fill(markdown: str, college: dict[str, str], quote: bool = False) -> str:
    """Replace placeholders outside code; UnknownPlaceholder names a bad one.

    Values are HTML-escaped; `quote` escapes quotes too, for text that may end up in an attribute."""
    parts = _CODE.split(markdown)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = _PLACEHOLDER.sub(lambda m: _value(m, college, quote), parts[i])
    return "".join(parts)


def find(markdown: str) -> list[tuple[int, str]]:
    """(offset, name) of every placeholder outside code, in the order written."""
    found, offset = [], 0
    for i, part in enumerate(_CODE.split(markdown)):
        if i % 2 == 0:
            found += [(offset + m.start(), m.group(1)) for m in _PLACEHOLDER.finditer(part)]
        offset += len(part)
    return found


def _value(match: re.Match[str], college: dict[str, str], quote: bool = False) -> str:
    key = match.group(1)
    if key not in college:
        raise UnknownPlaceholder(f"unknown placeholder {{{{ college.{key} }}}}; known: "
                                 + ", ".join(f"college.{k}" for k in college))
    return html.escape(college[key], quote=quote)
