"""Scenario checks: golden fixtures (input files and the exact diagnostics), as tests/core/test_golden.py.

Set FANZHA_UPDATE_GOLDEN=1 to rewrite `expected` from the current output (then review the diff).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Golden
from ..core.helpers import check_golden_fixture

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.yml"))


@pytest.mark.parametrize("fixture", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(fixture: Path, tmp_path: Path, golden: Golden) -> None:
    check_golden_fixture(fixture, tmp_path, golden)
