"""`{{ college.X }}` placeholders in hand-written pages, filled from settings.

`{{ call.X }}` makes a phone number a button that dials it: X is a phone setting
(security_phone, police_phone, counselling_phone) or a number written out
(`{{ call.110 }}`). On the site it is a `tel:` link whose address holds only the
digits, `+`, `-` and `,` of the value (safe_markdown.fill_text); a value with no
number to dial (still "（请填写…）") is plain text. Elsewhere (titles, PDFs) it is
the value as text.

Code spans and fenced code blocks are left alone so the authoring guide can
show a placeholder literally.
"""
from __future__ import annotations

import html
import re
import unicodedata

_PLACEHOLDER = re.compile(r"\{\{\s*college\.([A-Za-z_]+)\s*\}\}")
_CALL = re.compile(r"\{\{\s*call\.([A-Za-z_]+|[0-9]+)\s*\}\}")
CALL_SETTINGS = ("security_phone", "police_phone", "counselling_phone")
_CODE = re.compile(r"(^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|`[^`\n]+`)", re.S | re.M)
PLACEHOLDER, CODE, CALL = _PLACEHOLDER, _CODE, _CALL  # for safe_markdown.fill_text
# A number to dial in a setting's value: digits with spaces or '-' between, maybe a leading '+',
# maybe an extension (转 8001, 分机 8001, ext. 8001, x8001: dialled after a pause, ',').
_NUMBER = re.compile(r"\+?[0-9](?:[0-9]|[ \-](?=[0-9]))*[0-9]")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*([0-9]+)", re.I)
MIN_DIGITS = 3  # 110, 119, 120 are the shortest numbers anyone dials


class UnknownPlaceholder(ValueError):
    pass


def fill(markdown: str, college: dict[str, str], quote: bool = False) -> str:
    """Replace placeholders outside code; UnknownPlaceholder names a bad one.

    Values are HTML-escaped; `quote` escapes quotes too, for text that may end up in an attribute."""
    parts = _CODE.split(markdown)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = _PLACEHOLDER.sub(lambda m: _value(m, college, quote), parts[i])
        parts[i] = _CALL.sub(lambda m: html.escape(call_value(m.group(1), college), quote=quote), parts[i])
    return "".join(parts)


def call_value(name: str, college: dict[str, str]) -> str:
    """The text `{{ call.NAME }}` stands for; UnknownPlaceholder names a bad NAME."""
    if name.isdigit():
        return name
    if name not in CALL_SETTINGS or name not in college:
        raise UnknownPlaceholder(f"unknown placeholder {{{{ call.{name} }}}}; known: "
                                 + ", ".join(f"call.{k}" for k in CALL_SETTINGS) + " or a number (call.110)")
    return str(college[name])


def dial(value: str) -> str | None:
    """What a `tel:` link dials for a setting's value: only digits, '+', '-' and ',' (extension
    after a pause); None when the value has no number of MIN_DIGITS digits or is still a
    placeholder ("（请填写…）")."""
    from .unfinished import FILL_IN

    text = unicodedata.normalize("NFKC", value)  # full-width digits and '＋' as ASCII
    if FILL_IN in text:
        return None
    match = _NUMBER.search(text)
    if match is None:
        return None
    number = match.group().replace(" ", "")
    if sum(c.isdigit() for c in number) < MIN_DIGITS:
        return None
    ext = _EXTENSION.match(text, match.end())
    return number + ("," + ext.group(1) if ext else "")


def find_calls(markdown: str) -> list[tuple[int, str]]:
    """(offset, name) of every `{{ call.X }}` outside code, in the order written."""
    found, offset = [], 0
    for i, part in enumerate(_CODE.split(markdown)):
        if i % 2 == 0:
            found += [(offset + m.start(), m.group(1)) for m in _CALL.finditer(part)]
        offset += len(part)
    return found


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
