"""Helpers shared by commands."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .. import core


def root_of(args: Any) -> Path:
    from ..errors import UsageError
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


def add_results_options(p: argparse.ArgumentParser, prefix: str = "") -> None:
    """Options `fanzha validate --results` shares."""
    p.add_argument(f"--{prefix}map", metavar="MAP", help="答案对照表 / the answer map (default: "
                   "<results stem>.answers.json or answers.json beside the results file)")
    p.add_argument(f"--{prefix}version", metavar="V", help="无试卷版本列时的卷别 / the version when the file has "
                   "no 试卷版本 column (default: the map's first)")
    p.add_argument(f"--{prefix}min-responses", type=int, default=30, metavar="N",
                   help="至少多少人作答才标记 / students needed before a question is flagged (default: 30)")
