"""A grouped horizontal bar chart (this month against last month) as geometry for an SVG template.

Only printed counts get a bar; a hidden one ("<3", "*", "—") gets its mark
and no bar, so the picture shows no more than the table.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .privacy import Cell

LABEL_WIDTH = 190   # room for a type's name, right-aligned
BAR_SPACE = 330     # the longest bar
ROW_HEIGHT = 30
BAR_HEIGHT = 11
TOP = 40            # legend above the rows
WIDTH = LABEL_WIDTH + BAR_SPACE + 60


class _Line(Protocol):  # read-only: the bulletin's lines are frozen
    @property
    def label(self) -> str: ...
    @property
    def this(self) -> Cell: ...
    @property
    def last(self) -> Cell: ...


@dataclass(frozen=True)
class Bar:
    kind: str          # 'this' | 'last'
    x: float
    y: float
    width: float       # 0 when hidden
    text: str          # the value or the mark
    text_x: float


@dataclass(frozen=True)
class Row:
    label: str
    label_y: float
    bars: tuple[Bar, Bar]


@dataclass(frozen=True)
class Chart:
    title: str
    this_label: str
    last_label: str
    width: int
    height: int
    label_x: int
    rows: list[Row]


def bars(lines: Sequence[_Line], this_label: str, last_label: str) -> Chart:
    """Geometry for `lines` (label, this, last cells), scaled to the largest printed count."""
    peak = max([c.value for line in lines for c in (line.this, line.last) if c.visible] or [1])
    rows = []
    for n, line in enumerate(lines):
        top = TOP + n * ROW_HEIGHT
        pair = (_bar("this", line.this, top + 3, peak), _bar("last", line.last, top + 4 + BAR_HEIGHT, peak))
        rows.append(Row(line.label, top + 3 + BAR_HEIGHT + 4, pair))
    return Chart(f"{this_label}与{last_label}起数对比", this_label, last_label, WIDTH,
                 TOP + max(len(lines), 1) * ROW_HEIGHT + 10, LABEL_WIDTH - 8, rows)


def _bar(kind: str, cell: Cell, y: float, peak: int) -> Bar:
    width = round(BAR_SPACE * cell.value / peak, 1) if cell.visible else 0.0
    return Bar(kind, LABEL_WIDTH, y, width, cell.shown, LABEL_WIDTH + width + 5)
