"""What the programme commands (reminders, bulletin, insert, campaign, coverage) share."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .. import core
from ..errors import UsageError
from ..load.content import SOURCE_DIRS
from ..load.programme import PROGRAMME_DIR
from ..load.programme.inputs import InputErrors
from ..programme.output import DEFAULT_OUT, is_inside, write_files
from ..programme.render import PdfError
from ..settings import read_mkdocs_yml


SOURCE_FOLDERS = (*SOURCE_DIRS, "docs", PROGRAMME_DIR)


def add_out(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument("--out", metavar="DIR",
                   help=f"输出目录 / output folder (default: ROOT/{(DEFAULT_OUT / default).as_posix()})")


def out_dir(root: Path, args: argparse.Namespace, default: str) -> Path:
    """--out, or ROOT/build/programme/<default>; never a source folder, never a file."""
    if not args.out:
        return root / DEFAULT_OUT / default
    out = Path(args.out).resolve()
    for name in SOURCE_FOLDERS:
        if is_inside(out, root / name):
            raise UsageError(f"--out {args.out}: is inside the source folder {name}/, which a command never "
                             f"writes into; choose another folder (default: {(DEFAULT_OUT / default).as_posix()})")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: is a file, not a folder")
    return out


def site_dir(root: Path) -> Path:
    """The site's output folder (mkdocs.yml site_dir, default site/)."""
    return (root / str(read_mkdocs_yml(root).get("site_dir") or "site")).resolve()


def knowledge_base(root: Path) -> core.Result:
    """The validated content; programme files are read even when content has other problems."""
    result = core.validate(root)
    if not result.kb.types:
        raise UsageError(f"{root}: taxonomy.yml lists no fraud types; run `fanzha validate`")
    return result


def run_safely(make: Callable[[], dict[str, bytes]], out: Path) -> int:
    """Render everything, then write; on input errors print them all and write nothing (exit 1)."""
    try:
        files = make()
    except InputErrors as exc:
        for problem in exc.problems:
            print(problem)
        print(f"fanzha: {sum(p.is_error for p in exc.problems)} error(s); nothing was written",
              file=sys.stderr)
        return 1
    except PdfError as exc:
        print(f"fanzha: {exc}; nothing was written", file=sys.stderr)
        return 1
    try:
        written = write_files(out, files)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write there: {exc.strerror or exc}") from None
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
