"""Golden cases for problems that commands other than a plain `validate` report (results files,
programme tables, text import): one YAML file per case under golden-commands/, holding the input files,
the command and the exact problem lines it prints.

Fields: description; root (optional: a content root in the repository to start from, else the small
base tree of helpers.make_tree); copy (optional: file in the tree -> file in the repository); files
(written over the tree; a mapping {head, text, times, tail} writes head + text * times + tail, for
files too big to hold here); command (fanzha's arguments; {root} and {tmp} are the tree and a scratch
folder; `--root {root}` is added); exit (the exit code); expected (the lines of stdout and stderr that
are problems, `path:line[:col]: level code message`, with the tree's path written {root}).
Set FANZHA_UPDATE_GOLDEN=1 to rewrite `expected` from the current output (then review the diff).
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main

from ..conftest import REPO, Golden, copy_tree, write_files
from .helpers import _rewrite_expected, make_tree

CASES = sorted((Path(__file__).parent / "golden-commands").glob("*.yml"))
PROBLEM_LINE = re.compile(r"^\S.*?:\d+(?::\d+)?: (?:error|warning) [a-z][a-z0-9-]* ")


def run_case(spec: dict, tmp: Path) -> tuple[int, list[str]]:
    """Run one case: its exit code and the problem lines it printed."""
    root = tmp / "root"
    files = {rel: c if isinstance(c, str) else c.get("head", "") + c["text"] * c["times"] + c.get("tail", "")
             for rel, c in (spec.get("files") or {}).items()}
    if spec.get("root"):
        write_files(copy_tree(REPO / spec["root"], root), files)
    else:
        make_tree(root, files)
    for rel, source in (spec.get("copy") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / source, root / rel)
    scratch = tmp / "scratch"
    scratch.mkdir()
    argv = [str(a).format(root=root, tmp=scratch) for a in spec["command"]] + ["--root", str(root)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    lines = [line.replace(str(root), "{root}") for line in (out.getvalue() + err.getvalue()).splitlines()]
    return code, [line for line in lines if PROBLEM_LINE.match(line)]


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_golden_command(case: Path, tmp_path: Path, golden: Golden, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    code, got = run_case(spec, tmp_path)
    if golden.update:
        _rewrite_expected(case, got)
        return
    assert (code, got) == (spec["exit"], spec["expected"]), spec["description"]
