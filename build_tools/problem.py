"""A problem found in content: a value, printed like a linter line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import ERROR, WARNING, check


@dataclass(frozen=True, order=True)
class Problem:
    """One diagnostic. Sorts by path, line, column, then code."""

    path: str
    line: int
    col: int
    level: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.level} {self.code} {printable(self.message)}"

    def format(self, path: str) -> str:
        """`PATH:LINE: level code message`, without a column: for a file read as lines whose
        problems carry no path of their own (teachers' text in `fanzha import`)."""
        return f"{printable(path)}:{self.line}: {self.level} {self.code} {printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "column": self.col,
            "level": self.level, "code": self.code, "message": self.message,
        }


def error(pos: object, code: str, message: str) -> Problem:
    """An error at a model Pos (anything with path, line, col). `code` must be in build_tools/codes.py."""
    check(code, ERROR)
    return Problem(pos.path, pos.line, pos.col, ERROR, code, message)  # type: ignore[attr-defined]


def warning(pos: object, code: str, message: str) -> Problem:
    """A warning at a model Pos. `code` must be in build_tools/codes.py."""
    check(code, WARNING)
    return Problem(pos.path, pos.line, pos.col, WARNING, code, message)  # type: ignore[attr-defined]


# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: printed raw they
# would end a problem's line early, or move the cursor and recolour the terminal (ESC).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line with its control characters written as escapes (\\n, \\x1b, \\u2028)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
