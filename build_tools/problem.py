"""A problem found in content: a value, printed like a linter line."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
        return f"{self.path}:{self.line}:{self.col}: {self.level} {self.code} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "column": self.col,
            "level": self.level, "code": self.code, "message": self.message,
        }


def error(pos: object, code: str, message: str) -> Problem:
    """An error at a model Pos (anything with path, line, col)."""
    return Problem(pos.path, pos.line, pos.col, ERROR, code, message)  # type: ignore[attr-defined]


def warning(pos: object, code: str, message: str) -> Problem:
    return Problem(pos.path, pos.line, pos.col, WARNING, code, message)  # type: ignore[attr-defined]
