"""What every check receives."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..load.content import Loaded
from ..model import Bank, Case, Clip, Kit, KnowledgeBase, Pos
from ..settings import Settings

T = TypeVar("T")


@dataclass
class Context:
    loaded: Loaded
    settings: Settings
    today: dt.date = field(default_factory=dt.date.today)
    root: Path | None = None  # the content root, for checks of files outside the model (programme/)
    # work several checks share within one validation (checks/similar.py: the stems' bigrams)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def kb(self) -> KnowledgeBase:
        return self.loaded.kb

    def every(self, kind: type[T]) -> list[T]:
        """Items of one kind to check: the model's plus those shadowed by a duplicate id."""
        table: dict[type, dict[str, Any]] = {Case: self.kb.cases, Clip: self.kb.clips,
                                             Bank: self.kb.banks, Kit: self.kb.kits}
        return [*table[kind].values(), *(x for x in self.loaded.shadowed if isinstance(x, kind))]


def offset_pos(path: str, text: str, offset: int, first_line: int = 1) -> Pos:
    """Position of character `offset` in `text`, whose first line is file line `first_line`."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return Pos(path, first_line + line, col + 1)
