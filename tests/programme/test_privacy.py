"""Small counts in published tables cannot be read, not even by arithmetic on what is printed.

The attack checked: a reader who knows the rules (privacy.py) and sees a printed
column (cells and total) lists every column of counts that prints the same; a
count of 1 or 2 is disclosed when all of them agree on it.
"""
from __future__ import annotations

import itertools
from collections import defaultdict

import pytest

from build_tools.programme.privacy import HIDDEN, SMALL, WITHHELD, Column, change, protect, total_change


def _printed(col: Column) -> tuple[tuple[str, ...], str]:
    return tuple(c.shown for c in col.cells), col.total_shown


@pytest.mark.parametrize("rows, cap", [(1, 9), (2, 9), (3, 9), (4, 8), (5, 6)])
def test_no_small_count_can_be_worked_out_from_a_printed_column(rows: int, cap: int) -> None:
    same: dict[tuple[tuple[str, ...], str], list[tuple[int, ...]]] = defaultdict(list)
    for counts in itertools.product(range(cap + 1), repeat=rows):
        same[_printed(protect(counts))].append(counts)
    checked = 0
    for printed, columns in same.items():
        for counts in columns:
            if max(counts) > cap - 2:
                continue  # its look-alikes may need counts above the cap: not enumerated
            for i, value in enumerate(counts):
                if value in (1, 2):
                    assert printed[0][i] != str(value), (counts, printed)
                    checked += 1
                    assert {c[i] for c in columns} != {value}, f"{counts} printed as {printed} discloses row {i}"
    assert checked > 0


def test_the_rules_on_examples() -> None:
    assert _printed(protect([5, 4, 3])) == (("5", "4", "3"), "12")           # nothing small
    assert _printed(protect([7, 4, 1, 0])) == (("*", "4", SMALL, SMALL), "12")  # largest hidden too
    assert _printed(protect([6, 1, 2])) == ((WITHHELD,) * 3, "9")           # one large cell: none printed
    assert _printed(protect([1, 1])) == ((WITHHELD,) * 2, SMALL)            # total below 3
    assert _printed(protect([4, 4, 2])) == ((HIDDEN, "4", SMALL), "10")     # ties: the first largest
    assert _printed(protect([])) == ((), SMALL)


def test_changes_are_printed_only_between_printed_cells() -> None:
    this, last = protect([7, 4, 1]), protect([3, 5, 4])
    assert [change(a, b) for a, b in zip(this.cells, last.cells)] == [WITHHELD, "-1", WITHHELD]
    assert total_change(this, last) == "0"
    assert total_change(protect([2]), protect([5])) == WITHHELD
