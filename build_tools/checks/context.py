"""What every check receives."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..load.content import Loaded
from ..model import KnowledgeBase, Pos
from ..settings import Settings


@dataclass
class Context:
    loaded: Loaded
    settings: Settings
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def kb(self) -> KnowledgeBase:
        return self.loaded.kb


def offset_pos(path: str, text: str, offset: int, first_line: int = 1) -> Pos:
    """Position of character `offset` in `text`, whose first line is file line `first_line`."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return Pos(path, first_line + line, col + 1)
