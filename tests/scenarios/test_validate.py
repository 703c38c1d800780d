"""Scenario checks: golden fixtures (input files and the exact diagnostics), as tests/core/test_golden.py.

Set FANZHA_UPDATE_GOLDEN=1 to rewrite `expected` from the current output (then review the diff).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from ..core.helpers import lines, make_tree
from ..core.test_golden import _update

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.yml"))


@pytest.mark.parametrize("fixture", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(fixture: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    got = lines(make_tree(tmp_path, spec["files"]))
    if os.environ.get("FANZHA_UPDATE_GOLDEN"):
        _update(fixture, got)
        return
    assert got == spec["expected"], spec["description"]
