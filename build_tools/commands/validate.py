"""fanzha validate: check all content."""
from __future__ import annotations

import argparse

from .. import core
from ._common import print_problems, root_of

NAME = "validate"
HELP = "校验全部内容 / check all content (exit 0 ok, 1 content errors, 2 usage/settings)"
ORDER = 10


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="输出格式 / output format (default: text)")


def run(args: argparse.Namespace) -> int:
    result = core.validate(root_of(args))
    print_problems(result, args.format)
    return 1 if result.errors else 0
