"""Reading an item against its schema (the loader's): missing keys, wrong types, unknown keys."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from ..problem import Problem, error, warning
from ..schema import ANSWER, ANY_LIST, BOOL, DATE, ID, INT, MAPPING, MONTH, STR, STR_LIST, TEXT, Field
from .yamlpos import Doc

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would let a trailing newline through
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})\Z")

_KIND_NAMES = {
    STR: "text", TEXT: "text", INT: "a whole number", BOOL: "true or false",
    STR_LIST: "a list of text", MONTH: "a month YYYY-MM", DATE: "a date YYYY-MM-DD",
    ID: "an id (lowercase letters, digits and '-')", ANY_LIST: "a list", MAPPING: "a mapping of keys",
    ANSWER: "an answer",
}


def label(path: tuple[Any, ...]) -> str:
    """('questions', 3, 'answer') -> 'questions[3].answer'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


def describe(value: Any) -> str:
    """A short description of a found value, for 'expected X, found Y'."""
    if value is None:
        return "nothing"
    kind = {bool: "true/false", int: "number", float: "number", str: "text", list: "list",
            dict: "mapping", dt.date: "date"}.get(type(value), type(value).__name__)
    text = repr(value) if not isinstance(value, (list, dict)) else ""
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}".strip()


class ItemReader:
    """Reads one mapping of a Doc against a schema, collecting problems."""

    def __init__(self, doc: Doc, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems

    def read(self, path: tuple[Any, ...], schema: dict[str, Field],
             strict: bool = False) -> dict[str, Any] | None:
        """The converted values of the mapping at `path`; unknown keys are warnings, or errors when
        `strict` (questions) or when the key looks like `exam_only` (a misspelt exam_only must never
        let an exam question through)."""
        data = self._at(path)
        if not isinstance(data, dict):
            self.problems.append(error(self.doc.pos(*path), "wrong-type",
                f"{label(path)}: expected a mapping of keys ({', '.join(k for k, f in schema.items() if f.required)}), "
                f"found {describe(data)}"))
            return None
        out: dict[str, Any] = {}
        for key in data:
            if key not in schema:
                self._unknown(path, key, schema, strict)
        for name, spec in schema.items():
            if name not in data or data[name] is None:
                if spec.required:
                    where = f"{label(path)}: " if path else ""
                    self.problems.append(error(self.doc.pos(*path), "missing-key",
                        f"{where}missing required key '{name}' ({spec.description})"))
                continue
            ok, value = self._convert(path + (name,), data[name], spec)
            if ok:
                out[name] = value
        return out

    def raw(self, path: tuple[Any, ...]) -> Any:
        """The value at `path` as written (before conversion)."""
        return self._at(path)

    def _at(self, path: tuple[Any, ...]) -> Any:
        data = self.doc.data
        for part in path:
            data = data[part]
        return data

    def _unknown(self, path: tuple[Any, ...], key: Any, schema: dict[str, Field], strict: bool = False) -> None:
        where = self.doc.key_pos(*path, key)
        if looks_like_exam_only(key):
            self.problems.append(error(where, "unknown-key",
                f"{label(path + (key,))}: unknown key '{key}' looks like 'exam_only'; spell it exactly "
                "exam_only: true (or false) — until then the question is treated as exam-only and not published"))
            return
        close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(schema)}"
        if strict:
            self.problems.append(error(where, "unknown-key",
                f"{label(path + (key,))}: unknown key '{key}'{hint}"))
        else:
            self.problems.append(warning(where, "unknown-key",
                f"{label(path + (key,))}: unknown key '{key}' is ignored{hint}"))

    def _convert(self, path: tuple[Any, ...], value: Any, spec: Field) -> tuple[bool, Any]:
        converted = _CONVERTERS[spec.kind](value)
        if converted is _BAD:
            extra = ""
            if spec.kind == ID and isinstance(value, str):
                extra = "; use lowercase letters, digits and '-' only"
            code = "bad-date" if spec.kind in (DATE, MONTH) and isinstance(value, (str, dt.date)) else "wrong-type"
            if (spec.kind in (STR, STR_LIST) and value in ("", [])) or (isinstance(value, str) and _invisible(value)):
                self.problems.append(error(self.doc.pos(*path), "empty-text",
                    f"{label(path)}: expected {_KIND_NAMES[spec.kind]}, found an empty value"))
                return False, None
            self._bad(path, f"expected {_KIND_NAMES[spec.kind]}, found {describe(value)}{extra}", code)
            return False, None
        if spec.enum and converted not in spec.enum:
            close = difflib.get_close_matches(str(converted), spec.enum, n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self._bad(path, f"expected one of {', '.join(spec.enum)}, found {describe(value)}{hint}", "wrong-value")
            return False, None
        return True, converted

    def _bad(self, path: tuple[Any, ...], message: str, code: str) -> None:
        self.problems.append(error(self.doc.pos(*path), code, f"{label(path)}: {message}"))


_BAD = object()

_EXAM_ONLY = "examonly"
_EXAM_WORDS = ("exam", "考试", "考卷", "试卷", "仅考", "只考", "不发布", "notpublic", "nopublish")


def _key_letters(key: Any) -> str:
    """A key folded for comparison: NFKC, lower case, separators and format characters removed."""
    text = unicodedata.normalize("NFKC", str(key)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _distance(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute, swap two neighbours)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def looks_like_exam_only(key: Any) -> bool:
    """True for `exam_only` itself and anything that may have been meant as it: examOnly,
    Exam-Only, exam_ony, examonly_, 仅考试…"""
    folded = _key_letters(key)
    if not folded:
        return False
    if any(word in folded.replace("exampl", "") for word in _EXAM_WORDS):
        return True
    return _distance(folded, _EXAM_ONLY) <= 2 or folded in ("onlyexam", "examsonly")


def _str(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return _BAD
    text = str(value).strip() if not isinstance(value, str) else value.strip()
    return text if text and not _invisible(text) else _BAD


def _invisible(text: str) -> bool:
    """Only zero-width and other format characters (U+200B, U+FEFF…): shows as nothing."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _text(value: Any) -> Any:
    if isinstance(value, (list, dict)) or value is None or isinstance(value, bool):
        return _BAD
    return str(value).strip()


def _int(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else _BAD


def _bool(value: Any) -> Any:
    return value if isinstance(value, bool) else _BAD


def _id(value: Any) -> Any:
    return value if isinstance(value, str) and ID_RE.match(value) else _BAD


def _str_list(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    if not isinstance(value, list):
        return _BAD
    items = [_str(v) for v in value]
    return _BAD if any(i is _BAD for i in items) else items


def _month(value: Any) -> Any:
    match = MONTH_RE.match(value.strip()) if isinstance(value, str) else None
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if not match or not 1 <= int(match.group(2)) <= 12:
        return _BAD
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return _BAD
    return _BAD


def _list(value: Any) -> Any:
    return value if isinstance(value, list) else _BAD


def _mapping(value: Any) -> Any:
    return value if isinstance(value, dict) else _BAD


_CONVERTERS = {
    STR: _str, TEXT: _text, INT: _int, BOOL: _bool, ID: _id, STR_LIST: _str_list,
    MONTH: _month, DATE: _date, ANY_LIST: _list, MAPPING: _mapping, ANSWER: lambda v: v,
}
