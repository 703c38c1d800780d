"""fanzha validate: check all content."""
from __future__ import annotations

import argparse

from .. import core
from ._common import add_results_options, print_problems, root_of

NAME = "validate"
HELP = "校验全部内容 / check all content (exit 0 ok, 1 content errors, 2 usage/settings)"
ORDER = 10


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="输出格式 / output format (default: text)")
    p.add_argument("--results", nargs="+", metavar="FILE", help="成绩文件：把试题分析的标记作为警告加到题目所在行 / "
                   "results files: add item-analysis flags as warnings at the questions' lines")
    add_results_options(p, "results-")


def run(args: argparse.Namespace) -> int:
    result = core.validate(root_of(args))
    if args.results:
        from pathlib import Path

        from ..results.load import result_problems
        from .results import thresholds
        result.problems = sorted(result.problems + result_problems(
            [Path(f) for f in args.results], Path(args.results_map) if args.results_map else None, result.root,
            result.kb, result.settings.pass_mark, args.results_version, thresholds(args.results_min_responses).min_responses))
    print_problems(result, args.format)
    return 1 if result.errors else 0
