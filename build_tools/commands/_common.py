"""Helpers shared by commands."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .. import core
from ..errors import UsageError
from ..exchange.files import write_file
from ..outputs import content_place, shown_place


def root_of(args: Any) -> Path:
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise UsageError(f"--root {args.root}: no such folder")
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"--root {args.root}: no mkdocs.yml there; give the folder that holds mkdocs.yml")
    return root


def print_problems(result: core.Result, fmt: str = "text", stream: Any = None) -> None:
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump({"errors": len(result.errors), "warnings": len(result.problems) - len(result.errors),
                   "problems": [p.as_dict() for p in result.problems]}, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    for p in result.problems:
        stream.write(f"{p}\n")


def stop_on_errors(result: core.Result, nothing: str) -> bool:
    """Print the result's problems; with content errors, say so and what was not made (`nothing`,
    e.g. "no cards were made") and return True: the command then exits 1 having written nothing."""
    print_problems(result)
    if result.errors:
        print(f"fanzha: {len(result.errors)} content error(s); {nothing}", file=sys.stderr)
        return True
    return False


def outside_content(root: Path, given: str, result: core.Result, what: str) -> Path:
    """--out `given`, resolved; UsageError when it is the content or inside it (the rule of
    outputs.py), saying where to write `what` instead."""
    out = Path(given).resolve()
    inside = content_place(root, out, result.settings.docs_dir)
    if inside is not None:
        raise UsageError(f"--out {given}: is the content or inside it ({shown_place(root, inside)}); "
                         f"write {what} elsewhere")
    return out


def write_made(out: Path, given: str, made: list[tuple[str, bytes, float]]) -> None:
    """Write each (file name, data, seconds) into `out`, replacing an earlier file of that name;
    UsageError naming --out `given` when the folder cannot be written."""
    try:
        for name, data, _ in made:
            write_file(out / name, data, overwrite=True)
    except OSError as exc:
        raise UsageError(f"--out {given}: cannot write there ({exc.strerror or exc})") from None


def add_results_options(p: argparse.ArgumentParser, prefix: str = "") -> None:
    """Options `fanzha validate --results` shares."""
    p.add_argument(f"--{prefix}map", metavar="MAP", help="答案对照表 / the answer map (default: "
                   "<results stem>.answers.json or answers.json beside the results file)")
    p.add_argument(f"--{prefix}version", metavar="V", help="无试卷版本列时的卷别 / the version when the file has "
                   "no 试卷版本 column (default: the map's first)")
    p.add_argument(f"--{prefix}min-responses", type=int, default=30, metavar="N",
                   help="至少多少人作答才标记 / students needed before a question is flagged (default: 30)")
