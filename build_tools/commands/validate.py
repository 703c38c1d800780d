"""fanzha validate: check all content."""
from __future__ import annotations

import argparse
import json
import sys

from .. import core
from ..codes import CODES, Code, UnknownCode, lookup
from ..errors import UsageError
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
    p.add_argument("--explain", nargs="?", const="", metavar="CODE",
                   help="说明一个问题代码（级别、含义、示例）；不写代码则列出全部 / "
                   "explain a problem code (level, help, an example); without CODE, list them all")


def run(args: argparse.Namespace) -> int:
    if args.explain is not None:
        return explain(args.explain, args.format)
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


def explain(code: str, fmt: str = "text") -> int:
    """`--explain CODE`: the code's level, owner, help and example; `--explain` alone: every code."""
    if code:
        try:
            codes = [lookup(code.strip())]
        except UnknownCode as exc:
            raise UsageError(f"--explain: {exc} (fanzha validate --explain lists them all)") from None
    else:
        codes = list(CODES.values())
    if fmt == "json":
        json.dump([{"code": c.id, "level": c.level, "owner": c.owner, "help": c.help, "example": c.example}
                   for c in codes], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif code:
        sys.stdout.write(_explained(codes[0]))
    else:
        width = max(len(c.id) for c in codes)
        for c in codes:
            sys.stdout.write(f"{c.id:<{width}}  {c.level:<13}  {c.help}\n")
    return 0


def _explained(c: Code) -> str:
    level = {"error": "error (validate exits 1)", "warning": "warning (validate still exits 0)",
             "error|warning": "error or warning, depending on where it is found"}[c.level]
    return f"{c.id}\n  level:   {level}\n  package: build_tools/{c.owner}\n  means:   {c.help}\n" \
           f"  example:\n    {c.example}\n"
