"""mkdocs.yml is read once per run by fanzha (settings.load_settings), and once by MkDocs itself.

Every later step takes the Settings (docs_dir, site_dir, use_directory_urls, where each setting is
written) instead of reading the file again.
"""
from __future__ import annotations

import builtins
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_tools import cli

from .helpers import MKDOCS_YML, make_tree
from .test_build import SMALL

BUILD_TOOLS = str(Path(cli.__file__).parent) + os.sep
MKDOCS_PACKAGE = os.sep + "mkdocs" + os.sep


def _reader(depth: int) -> str:
    """Who opened the file: the nearest frame in build_tools ("fanzha") or in MkDocs ("mkdocs")."""
    frame: Any = sys._getframe(depth)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(BUILD_TOOLS):
            return "fanzha"
        if MKDOCS_PACKAGE in name and "site-packages" in name:
            return "mkdocs"
        frame = frame.f_back
    return "other"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Counts the openings for reading of any file named mkdocs.yml, by who opened it."""
    counts = {"fanzha": 0, "mkdocs": 0, "other": 0}
    real_open = io.open

    def counting_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        named = isinstance(file, (str, os.PathLike)) and os.path.basename(os.fspath(file)) == "mkdocs.yml"
        if named and not set(mode) & set("wax+"):  # reading, not the test writing its tree
            counts[_reader(2)] += 1
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)  # MkDocs' own reading
    monkeypatch.setattr(io, "open", counting_open)  # Path.read_text / Path.open
    yield counts


def _root(tmp_path: Path) -> Path:
    # a page, a setting written in mkdocs.yml and the MkDocs keys fanzha needs: every reader has work
    mkdocs_yml = MKDOCS_YML + "use_directory_urls: false\nextra:\n  fanzha:\n    college_name: 某某学院\n"
    return make_tree(tmp_path / "root", {**SMALL, "mkdocs.yml": mkdocs_yml,
                                         "docs/emergency.md": "# 被骗了怎么办\n\n拨打 {{ college.police_phone }}。\n"})


def test_fanzha_build_reads_mkdocs_yml_once(tmp_path: Path, reads: dict[str, int],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root, out = _root(tmp_path), tmp_path / "out"
    assert cli.main(["build", "--root", str(root), "--out", str(out)]) == 0, capsys.readouterr()
    assert (out / "cases" / "shuadan-a.html").is_file()  # use_directory_urls: false reached MkDocs
    # the placeholder warning still points at its line, found in the one reading
    assert "mkdocs.yml:12:5: warning unfinished-setting extra.fanzha.college_name" in capsys.readouterr().out
    assert reads == {"fanzha": 1, "mkdocs": 1, "other": 0}, reads


def test_mkdocs_build_alone_reads_it_once_for_fanzha(tmp_path: Path, reads: dict[str, int],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = _root(tmp_path)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with caplog.at_level("WARNING", logger="mkdocs"):
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert (tmp_path / "site" / "cases" / "shuadan-a.html").is_file()
    warned = [r.getMessage() for r in caplog.records if "unfinished-setting" in r.getMessage()]
    assert any("mkdocs.yml:12:5: warning unfinished-setting extra.fanzha.college_name" in w
               for w in warned), warned
    # MkDocs reads the settings for itself; fanzha only for the places of the warnings
    assert reads["fanzha"] == 1 and reads["mkdocs"] >= 1, reads
