"""Golden fixtures: one YAML file per check, holding the input files and the exact diagnostics.

Set FANZHA_UPDATE_GOLDEN=1 to rewrite `expected` from the current output (then review the diff).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from .helpers import lines, make_tree

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.yml"))


@pytest.mark.parametrize("fixture", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(fixture: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    got = lines(make_tree(tmp_path, spec["files"]))
    if os.environ.get("FANZHA_UPDATE_GOLDEN"):
        _update(fixture, got)
        return
    assert got == spec["expected"], spec["description"]


def _update(fixture: Path, got: list[str]) -> None:
    text = fixture.read_text(encoding="utf-8")
    head = text[: text.index("\nexpected:")]
    body = "\n".join(f"  - {yaml.safe_dump(line, allow_unicode=True, width=10**6).strip()}" for line in got)
    fixture.write_text(f"{head}\nexpected:\n{body}\n" if got else f"{head}\nexpected: []\n", encoding="utf-8")
