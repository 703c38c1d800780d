"""Estimating how long a script takes to say aloud."""
from __future__ import annotations

import re

# Han ideographs count one each; a Latin word or a number counts one.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_MARKUP = re.compile(r"<!--.*?-->|<[^>]+>|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|^\s{0,3}#{1,6}\s|[*_`>]", re.S | re.M)


def spoken_units(text: str) -> int:
    """Units said aloud: Chinese characters plus Latin words and numbers."""
    plain = _MARKUP.sub(" ", text)
    return len(_HAN.findall(plain)) + len(_WORD.findall(plain))


def spoken_seconds(text: str, rate_per_minute: float) -> float:
    return spoken_units(text) * 60.0 / rate_per_minute
