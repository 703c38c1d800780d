"""Reading answers the way teachers type them.

`B`, `b`, `Ｂ`, `ACD`, `A、C、D`, `A,C,D`, `[A, C, D]` for choice questions;
`true/false`, `对/错`, `正确/错误`, `√/×`, `T/F` for judge questions.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import LETTERS

_TRUE = {"true", "t", "yes", "y", "对", "正确", "√", "✓", "✔", "是"}
_FALSE = {"false", "f", "no", "n", "错", "错误", "×", "✗", "✘", "x", "否"}
_SEPARATORS = re.compile(r"[\s,，、;；/|\[\]【】()（）'\"“”]+")


def read_judge(value: Any) -> bool | None:
    """True/False from any accepted spelling, None when it cannot be read."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def read_letters(value: Any) -> list[str] | None:
    """Answer letters in the order written ('A、C、D' -> ['A', 'C', 'D']), or None."""
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    if not isinstance(value, str):
        return None
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()
    if not text or any(ch not in LETTERS for ch in text):
        return None
    return list(text)
