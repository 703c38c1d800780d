"""Reading the programme's YAML files (calendar.yml, campaign.yml, insert.yml) with positions.

A `Fields` reader takes values out of one mapping and records a Problem at the
value's line and column for each wrong one, so a file with many mistakes is
reported in one run.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ...model import Pos
from ...problem import Problem, error
from ..yamlpos import Doc, parse_yaml
from .inputs import BadValue, InputErrors, check_year, parse_date


def load_doc(text: str, rel: str) -> Doc:
    """A parsed YAML document whose top level is a mapping; InputErrors otherwise."""
    doc, problems = parse_yaml(text, rel)
    if doc is None or problems:
        raise InputErrors(problems)
    if not isinstance(doc.data, dict):
        raise InputErrors([error(Pos(rel, 1, 1), "wrong-value",
                                 f"expected a mapping of keys (see docs/programme.md), found "
                                 f"{'nothing' if doc.data is None else type(doc.data).__name__}")])
    return doc


def label(path: tuple[Any, ...]) -> str:
    """('semesters', 0, 'start') → 'semesters[0].start'."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


class Fields:
    """Typed access to the mapping at `path` in `doc`; problems collect in `problems`."""

    def __init__(self, doc: Doc, path: tuple[Any, ...], problems: list[Problem],
                 known: tuple[str, ...]) -> None:
        self.doc, self.path, self.problems = doc, path, problems
        node = doc.data
        for key in path:
            node = node[key]
        self.data: dict[str, Any] = node if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            self.fail((), f"expected a mapping with keys {', '.join(known)}, found {node!r}")
        for key in self.data:
            if key not in known:
                self.problems.append(error(doc.key_pos(*path, key), "unknown-key",
                    f"{label((*path, key))}: unknown key; expected one of {', '.join(known)}"))

    def pos(self, *keys: Any) -> Pos:
        return self.doc.pos(*self.path, *keys)

    def fail(self, keys: tuple[Any, ...], message: str, code: str = "wrong-value") -> None:
        where = label((*self.path, *keys))
        self.problems.append(error(self.pos(*keys), code, f"{where}: {message}" if where else message))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail((key,), "missing; write a text value", "missing-key")
            return default
        if isinstance(value, (dict, list, bool)):
            self.fail((key,), f"expected text, found {value!r}")
            return default
        return str(value).strip()

    def integer(self, key: str, lo: int, hi: int, default: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            if default is None:
                self.fail((key,), f"missing; write a whole number from {lo} to {hi}", "missing-key")
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            self.fail((key,), f"expected a whole number from {lo} to {hi}, found {value!r}")
            return default
        return value

    def date(self, key: str, required: bool = True) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail((key,), "missing; write a date like 2026-09-07", "missing-key")
            return None
        try:
            if isinstance(value, dt.date):  # a datetime too
                return check_year(value.date() if isinstance(value, dt.datetime) else value)
            return parse_date(str(value))
        except BadValue as exc:
            self.fail((key,), str(exc), "bad-date")
            return None

    def items(self, key: str, required: bool = False) -> list[int]:
        """Indexes of the list at `key` (an empty list when absent or not a list)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail((key,), "missing; write a list", "missing-key")
            return []
        if not isinstance(value, list):
            self.fail((key,), f"expected a list, found {value!r}")
            return []
        return list(range(len(value)))

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail((key,), f"expected a mapping, found {value!r}")
            return {}
        return value

    def child(self, *keys: Any, known: tuple[str, ...]) -> Fields:
        """A reader for the mapping at `keys` below this one (e.g. `child("semesters", 0, known=…)`)."""
        return Fields(self.doc, (*self.path, *keys), self.problems, known)
