"""Reading the programme's input files: encodings, CSV tables with positions, field values.

Office staff edit these files in Excel, so a CSV may come as UTF-8 with or
without a BOM or as GB18030 (what Chinese Excel writes for "CSV"). Every
problem is a Problem at the line and column of the offending field, so the
output reads like `fanzha validate`'s; callers collect all of them and write
nothing when there is any.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Pos
from ...problem import Problem, error


class InputErrors(Exception):
    """An input file (or several) had errors; `problems` lists every one, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_if(problems: list[Problem]) -> None:
    """Raise InputErrors when any of `problems` is an error."""
    if any(p.is_error for p in problems):
        raise InputErrors(problems)


def decode(data: bytes, rel: str) -> str:
    """Bytes of a text file → text: UTF-8 (BOM or not), else GB18030; line ends become LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputErrors([error(Pos(rel, line, 1), "encoding",
                "expected UTF-8 or GB18030 text, found bytes that are neither; "
                "save the file from Excel as \"CSV UTF-8\"")]) from None
    if "\x00" in text:
        raise InputErrors([error(Pos(rel, 1, 1), "encoding", "expected text, found a NUL byte (binary file?)")])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_input(path: Path, rel: str) -> str:
    """The text of an input file; InputErrors when it is missing or unreadable."""
    if not path.is_file():
        raise InputErrors([error(Pos(rel, 1, 1), "missing-file",
                                 f"expected the file {rel}; create it (format: docs/programme.md) "
                                 "or name another file on the command line")])
    return decode(path.read_bytes(), rel)


@dataclass
class Row:
    """One data record of a CSV table: values by column name and where each field starts."""

    rel: str
    line: int
    values: dict[str, str]
    places: dict[str, tuple[int, int]] = field(repr=False, default_factory=dict)

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def pos(self, column: str | None = None) -> Pos:
        """Position of a field (or of the record's start)."""
        line, col = self.places.get(column, (self.line, 1)) if column else (self.line, 1)
        return Pos(self.rel, line, col)


@dataclass
class Table:
    """The well-formed records of a CSV file, and a problem for each record with the wrong field count."""

    rel: str
    columns: tuple[str, ...]
    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)


def _header_name(cell: str) -> str:
    # "损失金额（元）" and " 日期 " name the same columns as "损失金额" and "日期".
    return re.sub(r"[（(][^）)]*[）)]$", "", cell.strip().replace("\ufeff", "")).strip()


def _field_starts(record: str) -> list[int]:
    """Offsets in `record` where each CSV field starts (commas outside double quotes)."""
    starts, quoted = [0], False
    for i, ch in enumerate(record):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 1)
    return starts


def _records(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(first line, raw text, fields) of each CSV record; quoted fields may span lines."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cursor = {"i": 0}

    def feed() -> Iterator[str]:
        while cursor["i"] < len(lines):
            cursor["i"] += 1
            yield lines[cursor["i"] - 1] + "\n"

    reader = csv.reader(feed())
    start = 0
    for fields in reader:
        raw = "\n".join(lines[start:cursor["i"]])
        yield start + 1, raw, fields
        start = cursor["i"]


def _places(first_line: int, raw: str) -> list[tuple[int, int]]:
    out = []
    for offset in _field_starts(raw):
        line = raw.count("\n", 0, offset)
        col = offset - (raw.rfind("\n", 0, offset) + 1)
        out.append((first_line + line, col + 1))
    return out


def read_table(text: str, rel: str, columns: tuple[str, ...]) -> Table:
    """A CSV table whose header names exactly `columns` (any order).

    A bad header raises InputErrors; a record with the wrong number of fields is
    left out and reported in `table.problems`, so callers can add the problems of
    the other records and report them all at once. Blank records (Excel leaves
    `,,,,`) are skipped; values are stripped.
    """
    problems: list[Problem] = []
    records = [r for r in _records(text) if any(f.strip() for f in r[2])]
    if not records:
        raise InputErrors([error(Pos(rel, 1, 1), "empty-file",
                                 f"expected a header line ({', '.join(columns)}) and data lines, found nothing")])
    first_line, raw, header = records[0]
    names = [_header_name(h) for h in header]
    problems += _header_problems(rel, first_line, raw, names, columns)
    raise_if(problems)
    rows = []
    for line, raw, fields in records[1:]:
        if len(fields) != len(names):
            problems.append(error(Pos(rel, line, 1), "bad-columns",
                f"expected {len(names)} fields ({', '.join(names)}), found {len(fields)}; "
                "a value that contains a comma must be in double quotes"))
            continue
        places = _places(line, raw)
        rows.append(Row(rel, line, {n: f.strip() for n, f in zip(names, fields)},
                        {n: places[i] if i < len(places) else (line, 1) for i, n in enumerate(names)}))
    return Table(rel, tuple(names), rows, problems)


def _header_problems(rel: str, line: int, raw: str, names: list[str], columns: tuple[str, ...]) -> list[Problem]:
    places = _places(line, raw)
    problems = []
    for i, name in enumerate(names):
        col = places[i][1] if i < len(places) else 1
        if name not in columns:
            problems.append(error(Pos(rel, line, col), "bad-header",
                f"unknown column '{name}'; expected the columns {', '.join(columns)}"))
        elif names.index(name) != i:
            problems.append(error(Pos(rel, line, col), "bad-header", f"column '{name}' appears twice"))
    missing = [c for c in columns if c not in names]
    if missing:
        problems.append(error(Pos(rel, line, 1), "bad-header",
            f"missing column(s) {', '.join(missing)}; the first line must name the columns "
            f"{', '.join(columns)}"))
    return problems


# --- field values ---------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class BadValue(ValueError):
    """A field value that could not be read; the message says what was expected."""


def parse_date(text: str) -> dt.date:
    """2026-10-03, 2026/10/3 (Excel), 2026.10.3 or 2026年10月3日."""
    m = _DATE.match(text.strip())
    if not m:
        raise BadValue(f"expected a date like 2026-10-03, found '{text}'")
    try:
        return check_year(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        raise BadValue(f"'{text}' is not a real date") from None


# Years a programme can plan for; far ones would run the calendar's arithmetic past year 9999.
YEARS = (1900, 2999)


def check_year(day: dt.date) -> dt.date:
    """`day` if its year is within YEARS; BadValue otherwise."""
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise BadValue(f"expected a date in the years {YEARS[0]}–{YEARS[1]}, found {day.isoformat()}")
    return day


def parse_month(text: str) -> tuple[int, int]:
    """'2026-10' → (2026, 10)."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise BadValue(f"expected a month like 2026-10, found '{text}'")
    if not YEARS[0] <= int(m.group(1)) <= YEARS[1]:
        raise BadValue(f"expected a month in the years {YEARS[0]}–{YEARS[1]}, found '{text}'")
    return int(m.group(1)), int(m.group(2))


def parse_amount(text: str) -> float:
    """A sum of money in yuan, ≥ 0: '12000', '1,200.50', '' (none lost) → number."""
    clean = text.replace(",", "").replace("，", "").strip()
    if clean == "":
        return 0.0
    try:
        value = float(clean)
    except ValueError:
        raise BadValue(f"expected an amount in yuan like 12000 or 0, found '{text}'") from None
    if value < 0 or value != value or value == float("inf"):
        raise BadValue(f"expected an amount of 0 or more, found '{text}'")
    return value


def parse_count(text: str, lo: int = 0) -> int:
    """A whole number ≥ lo."""
    clean = text.strip()
    if not re.fullmatch(r"\d+", clean):
        raise BadValue(f"expected a whole number, found '{text}'")
    value = int(clean)
    if value < lo:
        raise BadValue(f"expected a number of {lo} or more, found {value}")
    return value


def parse_score(text: str) -> float:
    """A test score from 0 to 100."""
    try:
        value = float(text.strip())
    except ValueError:
        raise BadValue(f"expected a score from 0 to 100, found '{text}'") from None
    if not 0 <= value <= 100:
        raise BadValue(f"expected a score from 0 to 100, found '{text}'")
    return value


_YES = {"是", "y", "yes", "1", "true", "√", "对"}
_NO = {"否", "n", "no", "0", "false", "×", "不是"}


def parse_yes_no(text: str) -> bool:
    """是/否 (also Y/N, 1/0, TRUE/FALSE as Excel writes them)."""
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise BadValue(f"expected 是 or 否, found '{text}'")
