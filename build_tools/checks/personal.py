"""Personal data in content: resident ID, mobile and bank card numbers.

Case studies must be anonymised. The whole text of every file is scanned, so
front matter, options, explanations and comments are all covered. Short
service numbers (110, 96110, 12381, 10086…) can never match.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..problem import Problem, error
from .context import Context, offset_pos

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d])")
_CARD = re.compile(r"(?<![\d])(\d{4}(?:[- ]\d{4}){3}(?:[- ]?\d{1,3})?|\d{16,19})(?![\d])")
# Every number the three patterns above match contains a run like this one; most texts have none,
# so one quick search spares the three slower ones (most of this check's time on 10,000 questions).
_ANY = re.compile(r"\d{3}[- ]?\d{4}[- ]?\d{4}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_ok(number: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID number."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(digits: str) -> str:
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def find(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, masked number) for each piece of personal data in text."""
    if _ANY.search(text) is None:
        return
    taken: set[int] = set()
    for m in _ID.finditer(text):
        if id_check_ok(m.group(1)):
            taken.add(m.start())
            yield m.start(), "a resident ID number", mask(m.group(1))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if m.start() not in taken and 16 <= len(digits) <= 19 and luhn_ok(digits):
            taken.add(m.start())
            yield m.start(), "a bank card number", mask(digits)
    for m in _MOBILE.finditer(text):
        if m.start() not in taken:
            yield m.start(), "a mobile phone number", mask("".join(m.groups()))


def check(ctx: Context) -> Iterator[Problem]:
    for rel, text in ctx.loaded.texts.items():
        for offset, what, masked in find(text):
            yield error(offset_pos(rel, text, offset), "personal-data",
                f"found what looks like {what} ({masked}); content must be anonymised: "
                "remove it or replace it with a description")
