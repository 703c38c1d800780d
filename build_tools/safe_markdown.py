"""Content Markdown made safe to render: raw HTML shows as text, script links lose their target.

Case bodies and kit text fields are written by content teams and may come from
anywhere (another college, a pasted web page); they are Markdown, never HTML.
"""
from __future__ import annotations

import re

_BAD_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:[^)\n]*\)", re.I)


def neutralise(text: str) -> str:
    """Markdown whose raw HTML renders as text and whose script/data links are plain text."""
    text = _BAD_LINK.sub(lambda m: m.group(1), text)
    return text.replace("<", "&lt;")
