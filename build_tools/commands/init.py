"""fanzha init DIR: a new college's repository, ready to build."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..scaffold import ScaffoldError, init_repository

NAME = "init"
HELP = "为新学校创建知识库（设置、目录与默认内容）/ a new college's repository with the default content"
ORDER = 45


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", help="新目录 / the new folder")


def run(args: argparse.Namespace) -> int:
    target = Path(args.dir).resolve()
    try:
        copied = init_repository(target)
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    print(f"created {target} ({', '.join(copied)})")
    print("next: edit extra.fanzha in mkdocs.yml (college name, phone numbers), then `fanzha build`")
    return 0
