"""Personal data in content: resident ID, mobile and bank card numbers.

Case studies must be anonymised. Two scans cover what a reader can see:

- the whole text of every file (front matter, options, explanations, comments,
  Markdown bodies), and
- every value of every YAML source (quizzes, kits, taxonomy, front matter,
  programme/calendar.yml and programme/campaign.yml) as YAML decodes it, so
  `"\\u0031\\u0033\\x38…"` escapes, numbers folded across lines of a plain
  scalar and `138_0013_8000` integers are read as the reader will see them;
  these are reported at the value's line.

Both look at a normalised text: NFKC (full-width digits and letters, ideographic
spaces), HTML entities (`&#49;`) decoded, zero-width and other format characters
removed, and digit groups joined across the separators people type (spaces,
`.`, `-`, `_`, a line break). A candidate must also look like the real thing:
an ID has a plausible region, birth date and check digit; a card starts like a
bank card (62, 60, 65, 3, 4, 5), has 16–19 digits and passes Luhn; a mobile is
1[3-9] and 11 digits (optionally after +86 / 0086). Numbers glued to Latin
letters (order numbers like DD13800138000) and amounts (15000000000元, ¥…) are
not personal data. Short service numbers (110, 96110, 12381, 10086…) can never match.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import yaml

from ..model import Pos
from ..problem import Problem, error
from .context import Context, offset_pos

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
              50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

# Every number the detector reports holds 11 digits with only separators between them; most texts
# have none, so one quick search spares the slower work (this check's time at 10,000 questions).
_ANY = re.compile(r"[0-9](?:[ .\-_\n]*[0-9]){10}")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOTS = "\u00b7\u2022\u2027\u30fb\uff65"
# digit groups and the separators between them (after normalisation)
_SEP = r"(?: {0,2}[.\-_] {0,2}| {1,3}| *\n *)"
_GROUP = r"[0-9]+(?:[Xx](?![0-9A-Za-z]))?"
_RUN = re.compile(rf"{_GROUP}(?:{_SEP}{_GROUP})*")
_GROUPS = re.compile(_GROUP)
_LETTER = re.compile(r"[A-Za-z]")
_UNIT_AFTER = re.compile(r" *(?:元|块|圆|万|亿|千元|百元|美元|港币|港元|日元|欧元|人民币|角|[Rr][Mm][Bb]|yuan)")
_CURRENCY_BEFORE = re.compile(r"(?:[¥$€£]|[Rr][Mm][Bb]|人民币) *$")
_MAX_GROUPS = 8


def id_check_ok(number: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID number."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def id_number_ok(number: str) -> bool:
    """18 characters with a region, a real birth date (1900 to today) and the right check digit."""
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789Xx":
        return False
    if int(number[:2]) not in _PROVINCES:
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today() and id_check_ok(number)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_number_ok(digits: str) -> bool:
    """16–19 digits, a bank card's leading digits (UnionPay 62, 60/65, 3x, Visa 4, Mastercard 5x), Luhn."""
    return (16 <= len(digits) <= 19 and digits.isdigit() and digits[0] in "3456"
            and (digits[0] != "6" or digits[:2] in ("60", "62", "65")) and luhn_ok(digits))


def mobile_number_ok(digits: str) -> bool:
    return len(digits) == 11 and digits.isdigit() and digits[0] == "1" and digits[1] in "3456789"


def mask(digits: str) -> str:
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


# --- normalisation --------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    """What one character counts as for the search."""
    if ch in _DASHES:
        return "-"
    if ch in _DOTS:
        return "."
    if ch == "\n":
        return ch
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me", "Cc", "Cs", "Co"):
        return " " if ch == "\t" else ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    out = unicodedata.normalize("NFKC", ch)
    if out.isspace():
        return "\n" if ch in "\u2028\u2029\x85" else " "
    return "".join(_char(c) if c != ch else c for c in out) if out != ch else ch


# characters that may change: all but printable ASCII, line breaks and the common CJK blocks (whose
# ideographs and punctuation NFKC leaves alone; U+3000, the ideographic space, is not in them)
_OTHER = re.compile(r"[^\n\x20-\x7e\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff]")
_MATTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .-_\n+¥$€£")


@lru_cache(maxsize=8192)
def _relevant(ch: str) -> str:
    """What `ch` becomes in the searched text: changed only when that matters to the search
    (a digit, letter, separator or currency sign, or nothing at all); '，' stays '，'."""
    out = _char(ch)
    if out == ch or (out and not any(c in _MATTERS for c in out)):
        return ch
    return out


def _table(text: str) -> dict[int, str]:
    table = {}
    for ch in set(_OTHER.findall(text)):
        out = _relevant(ch)
        if out != ch:
            table[ord(ch)] = out
    return table


def _unescape(m: re.Match[str]) -> str:
    return html.unescape(m.group(0))


def normalise(text: str) -> str:
    """The text as the search reads it (see the module docstring)."""
    if "&" in text:
        text = _ENTITY.sub(_unescape, text)
    table = _table(text)
    return text.translate(table) if table else text


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """normalise(text), and for each of its characters the offset in `text` it came from."""
    out: list[str] = []
    starts: list[int] = []

    def add(raw: int, piece: str) -> None:
        for ch in piece:
            mapped = _relevant(ch)
            out.append(mapped)
            starts.extend([raw] * len(mapped))

    pos = 0
    for m in (_ENTITY.finditer(text) if "&" in text else ()):
        for i in range(pos, m.start()):
            add(i, text[i])
        add(m.start(), html.unescape(m.group(0)))
        pos = m.end()
    for i in range(pos, len(text)):
        add(i, text[i])
    return "".join(out), starts


# --- detection ------------------------------------------------------------------------------------

def _classify(digits: str, groups: list[str], plus: bool) -> tuple[str, str] | None:
    if digits[-1] in "Xx":
        return ("a resident ID number", mask(digits[:-1] + "X")) if id_number_ok(digits) else None
    n = len(digits)
    if n == 18 and id_number_ok(digits):
        return "a resident ID number", mask(digits)
    if card_number_ok(digits):
        return "a bank card number", mask(digits)
    if n == 11 and mobile_number_ok(digits):
        return "a mobile phone number", mask(digits)
    if n == 13 and digits.startswith("86") and (plus or groups[0] == "86") and mobile_number_ok(digits[2:]):
        return "a mobile phone number", mask(digits[2:])
    if n == 15 and digits.startswith("0086") and mobile_number_ok(digits[4:]):
        return "a mobile phone number", mask(digits[4:])
    return None


def find_normalised(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, masked number) for each piece of personal data in an already normalised text."""
    if _ANY.search(text) is None:
        return
    for run in _RUN.finditer(text):
        groups = [(m.start() + run.start(), m.group(0)) for m in _GROUPS.finditer(run.group(0))]
        if sum(len(g) for _, g in groups) < 11:
            continue
        start, end = run.start(), run.end()
        glued_left = start > 0 and _LETTER.match(text, start - 1) is not None
        glued_right = _LETTER.match(text, end) is not None
        last = len(groups) - 1
        # an amount: 15000000000元, 15000000000.00元, ¥15000000000
        money_first = _CURRENCY_BEFORE.search(text[max(0, start - 8):start]) is not None
        money_last: set[int] = set()
        if _UNIT_AFTER.match(text, end):
            money_last.add(last)
            if last and len(groups[last][1]) <= 2 and "." in text[groups[last - 1][0] + len(groups[last - 1][1]):groups[last][0]]:
                money_last.add(last - 1)
        plus = start > 0 and text[start - 1] == "+"
        i = 0
        while i <= last:
            found = None
            for j in range(min(last, i + _MAX_GROUPS - 1), i - 1, -1):
                if (i == 0 and (glued_left or money_first)) or (j == last and glued_right) or j in money_last:
                    continue
                parts = [g for _, g in groups[i:j + 1]]
                if any(p[-1] in "Xx" for p in parts[:-1]):
                    continue
                digits = "".join(parts)
                if not 11 <= len(digits) <= 19:
                    continue
                hit = _classify(digits, parts, plus and i == 0)
                if hit:
                    found = (j, groups[i][0], *hit)
                    break
            if found:
                yield found[1], found[2], found[3]
                i = found[0] + 1
            else:
                i += 1


def find(text: str, norm: str | None = None) -> Iterator[tuple[int, str, str]]:
    """(offset in `text`, what, masked number) for each piece of personal data in text
    (`norm`: normalise(text), when already known)."""
    norm = normalise(text) if norm is None else norm
    hits = list(find_normalised(norm))
    if not hits:
        return
    mapped, starts = _normalise_with_map(text)
    assert mapped == norm
    for offset, what, masked in hits:
        yield starts[offset], what, masked


def _message(what: str, masked: str) -> str:
    return (f"found what looks like {what} ({masked}); content must be anonymised: "
            "remove it or replace it with a description")


# --- YAML values ----------------------------------------------------------------------------------

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
_STR = "tag:yaml.org,2002:str"


_CONSTRUCTOR = yaml.SafeLoader("")
_CONSTRUCTOR.dispose()
_NUMBERS = {"tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
            "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float}
# what YAML may turn into digits that the raw text does not show: escapes, 0x/0o/0b and 1:20:30 numbers
_TRICKY = re.compile(r"\\|0[xXoObB]|[0-9]:[0-9]")


def _scalar_texts(node: yaml.ScalarNode) -> list[str]:
    """The scalar as decoded text; a number (138_0013_8000, 0x…) also as the digits it stands for."""
    texts = [str(node.value)]
    construct = _NUMBERS.get(node.tag)
    if construct is not None:
        try:
            value = str(construct(node))
        except (ValueError, OverflowError, yaml.YAMLError):  # e.g. an int longer than str() allows
            return texts
        if value != node.value:
            texts.append(value)
    return texts


def yaml_values(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(first line, column, last line, decoded text) of every scalar (keys too); 0-based lines."""
    try:
        roots = list(yaml.compose_all(text, Loader=_Loader))
    except (yaml.YAMLError, RecursionError, ValueError):  # a broken file is reported by its reader
        return
    seen: set[int] = set()
    stack = [r for r in roots if r is not None]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            for value in _scalar_texts(node):
                yield node.start_mark.line, node.start_mark.column, node.end_mark.line, value
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))


def _front_matter(text: str) -> tuple[str, int] | None:
    """The front matter of a Markdown file and the file line (0-based) of its first line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), 1
    return None


def scan(rel: str, text: str, yaml_text: str | None, yaml_line: int = 0) -> Iterator[Problem]:
    """Problems for one file: its raw text, and the decoded values of its YAML part."""
    raw: list[tuple[int, str, str]] = []
    norm = normalise(text)
    digits = _ANY.search(norm) is not None
    for offset, what, masked in (find(text, norm) if digits else ()):
        pos = offset_pos(rel, text, offset)
        raw.append((pos.line, what, masked))
        yield error(pos, "personal-data", _message(what, masked))
    if yaml_text is None or (not digits and not _TRICKY.search(yaml_text)):
        return
    reported: set[tuple[int, str, str]] = set()
    for first, col, last, value in yaml_values(yaml_text):
        norm = normalise(value)
        for _, what, masked in find_normalised(norm):
            lo, hi = first + 1 + yaml_line, last + 1 + yaml_line
            if any(lo <= line <= hi and w == what and m == masked for line, w, m in raw):
                continue
            if (lo, what, masked) in reported:
                continue
            reported.add((lo, what, masked))
            yield error(Pos(rel, lo, col + 1), "personal-data", _message(what, masked))


def _programme_texts(ctx: Context) -> Iterator[tuple[str, str]]:
    """calendar.yml and campaign.yml as read with the content (load/programme), broken or not."""
    if ctx.kb.programme is not None:
        yield from ctx.kb.programme.texts.items()


def check(ctx: Context) -> Iterator[Problem]:
    for rel, text in ctx.loaded.texts.items():
        if rel.endswith((".yml", ".yaml")):
            yield from scan(rel, text, text)
        elif rel.endswith(".md"):
            front = _front_matter(text)
            yield from scan(rel, text, *(front or (None,)))
        else:
            yield from scan(rel, text, None)
    for rel, text in _programme_texts(ctx):
        yield from scan(rel, text, text)
