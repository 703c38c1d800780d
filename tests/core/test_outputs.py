"""The one output rule (build_tools/outputs.py): never over the content root, its settings files
or into a source folder — the build, kits, papers, decks, cards and exports all follow it."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.outputs import content_place, shown_place

from ..conftest import fanzha
from .helpers import make_tree
from .test_build import SMALL


@pytest.mark.parametrize(("out", "place"), [
    (".", "the content root"), ("mkdocs.yml", "mkdocs.yml"), ("search.yml", "search.yml"),
    ("cases", "cases/"), ("quizzes/x/y", "quizzes/"), ("programme/out", "programme/"), ("pages/x", "pages/"),
])
def test_content_places_are_refused(tmp_path: Path, out: str, place: str) -> None:
    found = content_place(tmp_path, tmp_path / out, docs_dir="pages")
    assert found is not None and shown_place(tmp_path, found) == place


@pytest.mark.parametrize("out", ["site", "build/programme", "docs/x", "casesx", "../elsewhere"])
def test_other_places_are_not(tmp_path: Path, out: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    assert content_place(root, root / out, docs_dir="pages") is None


def test_commands_refuse_the_same_places(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "root", SMALL)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    for args in (["cards", "--out", str(root / "programme")], ["slides", "--out", str(root / "cases" / "d")],
                 ["kits", "--out", str(root / "docs")], ["paper", "--quota", "shuadan=1", "--out", str(root)]):
        proc = fanzha(*args, "--root", str(root))
        assert proc.returncode == 2 and "--out" in proc.stderr, (args, proc.stderr)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
