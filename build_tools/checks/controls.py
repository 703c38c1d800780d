"""Control characters in content: an error at their place, before any export meets them.

Word puts U+000B (vertical tab) where a teacher pressed Shift+Enter, and a pasted text can
carry other C0 controls (U+0007 bell, U+000C form feed…). YAML refuses them raw, but a
double-quoted YAML string can write them as escapes ("\\v", "\\x07", "\\ud800"), and a
Markdown body can hold them raw. Nothing downstream can: Excel (openpyxl), XML (Moodle, QTI)
and JSON-in-HTML reject or mangle them, so one such character used to stop an export of the
whole knowledge base in an internal error. Allowed: tab, line feed, carriage return.

  control-character   C0 controls other than tab/LF/CR, DEL, C1 controls, U+FFFE/U+FFFF and
                      unpaired surrogates, in a Markdown body or a decoded YAML value
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Pos
from ..problem import Problem, error
from .context import Context, offset_pos
from .personal import _front_matter, yaml_values

BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_NAMES = {0x0B: "vertical tab: Word's Shift+Enter line break", 0x0C: "form feed: a page break",
          0x07: "bell", 0x00: "NUL", 0x08: "backspace", 0x1B: "escape", 0x7F: "delete"}


def describe(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        name = "an unpaired surrogate: not a character"
    elif code in (0xFFFE, 0xFFFF):
        name = "a non-character"
    else:
        name = _NAMES.get(code) or ("a C1 control character" if code >= 0x7F else "a control character")
    return f"U+{code:04X} ({name})"


def _message(ch: str, where: str) -> str:
    fix = ("replace it with a line break (a new line in the file, or \\n in a quoted YAML string)"
           if ord(ch) in (0x0B, 0x0C) else "remove it")
    return (f"{describe(ch)} {where}: exports to Excel, Moodle and QTI cannot carry it and students "
            f"would see a box or nothing; {fix}")


def _body_offset(text: str) -> int:
    """Where a Markdown file's body starts (after its front matter), as an offset."""
    front = _front_matter(text)
    if front is None:
        return 0
    # the closing --- line follows the front matter's lines
    lines = text.split("\n")
    count = front[0].count("\n") + 3  # opening ---, the front matter lines, closing ---
    return len("\n".join(lines[:count])) + 1 if len(lines) > count else len(text)


def scan(rel: str, text: str) -> Iterator[Problem]:
    yaml_text: str | None
    body_start = 0
    if rel.endswith((".yml", ".yaml")):
        yaml_text, yaml_line = text, 0
    elif rel.endswith(".md"):
        front = _front_matter(text)
        yaml_text, yaml_line = (front if front else (None, 0))
        body_start = _body_offset(text)
    else:
        yaml_text, yaml_line = None, 0
    if rel.endswith(".md"):  # raw characters in the body (YAML refuses raw ones itself)
        for m in BAD.finditer(text, body_start):
            yield error(offset_pos(rel, text, m.start()), "control-character", _message(m.group(), "in the text"))
    if yaml_text is None or "\\" not in yaml_text:
        return
    seen: set[tuple[int, str]] = set()
    for first, col, _last, value in yaml_values(yaml_text):
        for m in BAD.finditer(value):
            key = (first, m.group())
            if key in seen:
                continue
            seen.add(key)
            yield error(Pos(rel, first + 1 + yaml_line, col + 1), "control-character",
                        _message(m.group(), "in this value (written as an escape)"))


def check(ctx: Context) -> Iterator[Problem]:
    for rel, text in ctx.loaded.texts.items():
        yield from scan(rel, text)
