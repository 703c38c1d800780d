"""Estimating how long a script takes to say aloud."""
from __future__ import annotations

import re

# Han ideographs count one each; a Latin word or a number counts one.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
# Each part stops at the next character that could start another match ('<', '[', '('), so
# text full of unclosed '<' or '](' is read in linear time, not quadratic.
_MARKUP = re.compile(r"<[^<>]+>|!\[[^\[\]]*\]\([^()]*\)|\]\([^()]*\)|^\s{0,3}#{1,6}\s|[*_`>]", re.M)


def _without_comments(text: str) -> str:
    """Text with closed <!-- … --> comments removed, in one pass (an unclosed one stays text)."""
    out, start = [], 0
    while (open_ := text.find("<!--", start)) >= 0:
        close = text.find("-->", open_ + 4)
        if close < 0:
            break
        out += [text[start:open_], " "]
        start = close + 3
    out.append(text[start:])
    return "".join(out)


def spoken_units(text: str) -> int:
    """Units said aloud: Chinese characters plus Latin words and numbers."""
    plain = _MARKUP.sub(" ", _without_comments(text) if "<!--" in text else text)
    return len(_HAN.findall(plain)) + len(_WORD.findall(plain))


def spoken_seconds(text: str, rate_per_minute: float) -> float:
    return spoken_units(text) * 60.0 / rate_per_minute
