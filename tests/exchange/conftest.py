"""Shared fixtures for the exchange tests: the default banks and a bank of hostile text."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import core
from build_tools.exchange.selection import Selection, select
from build_tools.model import KnowledgeBase
from build_tools.settings import Settings

from ..conftest import REPO
from ..core.helpers import TODAY, make_tree

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
# Whatever banks the default content has when the tests are collected (others are writing them).
DEFAULT_BANKS = sorted(p.stem for p in (REPO / "quizzes").glob("*.yml"))


@pytest.fixture(scope="session")
def default_kb() -> KnowledgeBase:
    return core.validate(REPO).kb


@pytest.fixture(scope="session")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return make_tree(root, {"quizzes/hostile.yml": (FIXTURES / "hostile.yml").read_text(encoding="utf-8")})


@pytest.fixture(scope="session")
def hostile_kb(hostile_root: Path) -> KnowledgeBase:
    result = core.validate(hostile_root, Settings(), today=TODAY)
    assert not result.errors, [str(p) for p in result.errors]
    return result.kb


@pytest.fixture(scope="session")
def hostile(hostile_kb: KnowledgeBase) -> Selection:
    """Every hostile question, exam_only ones too."""
    return select(hostile_kb, include_exam=True)


@pytest.fixture(scope="session")
def everything(default_kb: KnowledgeBase) -> Selection:
    """Every default question, exam_only ones too."""
    return select(default_kb, include_exam=True)


def bank_selection(kb: KnowledgeBase, bank: str) -> Selection:
    return select(kb, banks=[bank], include_exam=True)
