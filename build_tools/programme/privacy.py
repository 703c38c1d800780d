"""Small-count protection for published tables (the monthly bulletin).

A count below MINIMUM must never be readable, not even by arithmetic on what
is printed. Printing "<3" for such a cell is not enough: the column's total is
printed too, so with one hidden cell, total minus the visible cells gives it
back. Each column (a list of counts whose total is printed) is therefore shown
by these rules, which a reader may know:

1. No cell below 3: every cell is printed.
2. Some cell below 3, and at least two cells of 3 or more: the small cells
   print "<3", and the LARGEST other cell is hidden too ("*"). Whatever the
   small cells are, moving one incident from a small cell to the "*" cell
   prints exactly the same column (it stays the largest), so no small cell can
   be pinned down to one value other than 0.
3. Some cell below 3, and fewer than two cells of 3 or more: no cell is
   printed ("—"), only the total. Moving one incident from a small cell to
   another cell keeps the column in this case, so again nothing is pinned.
4. A total below 3 prints "<3" (then every cell is below 3: rule 3).

Choosing the smallest other cell instead (the usual "complementary cell") is
not safe here: the reader then knows the "*" cell is at most the smallest
visible one and can solve for the small cell. Rows must not depend on the
month's data (all taxonomy types; every college of the roster and the log), or
the presence of a row would tell that its "<3" is not 0. A change between two
months is printed only when both cells are. tests/programme/test_privacy.py
checks the rules by brute force over every small table.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM = 3
SMALL = f"<{MINIMUM}"
HIDDEN = "*"
WITHHELD = "—"


@dataclass(frozen=True)
class Cell:
    value: int
    shown: str          # the number, "<3", "*" or "—"
    visible: bool


@dataclass(frozen=True)
class Column:
    cells: list[Cell]
    total: int
    total_shown: str    # the number or "<3"

    @property
    def withheld(self) -> bool:
        """Rule 3: no cell of this column is printed."""
        return any(c.shown == WITHHELD for c in self.cells)


def protect(counts: Sequence[int]) -> Column:
    """The column as it may be printed (see the module doc)."""
    total = sum(counts)
    total_shown = str(total) if total >= MINIMUM else SMALL
    small = [i for i, c in enumerate(counts) if c < MINIMUM]
    large = [i for i, c in enumerate(counts) if c >= MINIMUM]
    if not small:
        return Column([Cell(c, str(c), True) for c in counts], total, total_shown)
    if len(large) < 2:
        return Column([Cell(c, WITHHELD, False) for c in counts], total, total_shown)
    hidden = max(large, key=lambda i: (counts[i], -i))
    cells = [Cell(c, SMALL if i in small else HIDDEN if i == hidden else str(c), i not in small and i != hidden)
             for i, c in enumerate(counts)]
    return Column(cells, total, total_shown)


def change(this: Cell, last: Cell) -> str:
    """This month against last month ('+3', '-2', '0'), or '—' when either is not printed."""
    if not (this.visible and last.visible):
        return WITHHELD
    diff = this.value - last.value
    return f"+{diff}" if diff > 0 else str(diff)


def total_change(this: Column, last: Column) -> str:
    """Change of two totals; '—' when either total is "<3"."""
    if this.total < MINIMUM or last.total < MINIMUM:
        return WITHHELD
    diff = this.total - last.total
    return f"+{diff}" if diff > 0 else str(diff)
