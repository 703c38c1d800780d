"""Golden files: the hostile bank exported to every text format, byte for byte.

A change in any exporter's output shows here as a diff to review. Set
FANZHA_UPDATE_GOLDEN=1 to rewrite them, then read the diff before committing. The files
were checked by hand against each format's rules (see the module docstrings).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.exchange import EXPORTERS
from build_tools.exchange.selection import Selection

from ..conftest import Golden

GOLDEN = Path(__file__).parent / "golden"
FILES = {"wjx": "hostile.wjx.txt", "text": "hostile.text.txt", "gift": "hostile.gift.txt",
         "moodle": "hostile.moodle.xml"}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_hostile_bank_matches_golden_file(fmt: str, hostile: Selection, golden: Golden) -> None:
    data = EXPORTERS[fmt].export(hostile).data
    path = GOLDEN / FILES[fmt]
    if golden.update:
        golden.write(path, data)
        return
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_same_questions_give_the_same_bytes(fmt: str, everything: Selection) -> None:
    assert EXPORTERS[fmt].export(everything).data == EXPORTERS[fmt].export(everything).data


def test_wjx_warns_about_what_it_cannot_keep(hostile: Selection) -> None:
    assert EXPORTERS["wjx"].export(hostile).warnings == [
        "hostile-002: line breaks in its text were written as spaces (问卷星 reads one line per item)"]
