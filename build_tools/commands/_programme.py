"""What the programme commands (reminders, bulletin, insert, campaign, coverage) share."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..load.programme import Input, input_file
from ..load.programme.inputs import InputErrors
from ..outputs import content_place, shown_place
from ..programme.output import DEFAULT_OUT, write_files
from ..programme.render import PdfError
from ..settings import Settings, read_mkdocs_yml, settings_from_mapping
from ._common import root_of


def add_out(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument("--out", metavar="DIR",
                   help=f"输出目录 / output folder (default: ROOT/{(DEFAULT_OUT / default).as_posix()})")


def out_dir(root: Path, args: argparse.Namespace, default: str) -> Path:
    """--out, or ROOT/build/programme/<default>; never a source folder, never a file."""
    if not args.out:
        return root / DEFAULT_OUT / default
    out = Path(args.out).resolve()
    inside = content_place(root, out)  # the rule every output follows (outputs.py)
    if inside is not None:
        what = "the content root" if inside == root.resolve() else f"the source folder {shown_place(root, inside)}"
        raise UsageError(f"--out {args.out}: is inside {what}, which a command never "
                         f"writes into; choose another folder (default: {(DEFAULT_OUT / default).as_posix()})")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: is a file, not a folder")
    return out


def site_dir(root: Path, settings: Settings | None = None) -> Path:
    """The site's output folder (mkdocs.yml site_dir, default site/): from the settings already
    read, else from mkdocs.yml (a command that reads no other setting)."""
    if settings is None:
        settings = settings_from_mapping(None, site_dir=read_mkdocs_yml(root).get("site_dir"))
    return (root / settings.site_dir).resolve()


def knowledge_base(root: Path) -> core.Result:
    """The validated content; programme files are read even when content has other problems."""
    result = core.validate(root)
    if not result.kb.types:
        raise UsageError(f"{root}: taxonomy.yml lists no fraud types; run `fanzha validate`")
    return result


def start(args: argparse.Namespace, name: str, given: str | None) -> tuple[Path, core.Result, Input]:
    """How a programme command starts: the root, its validated content and the input file
    programme/<name> (or the one given on the command line)."""
    root = root_of(args)
    return root, knowledge_base(root), input_file(root, name, given)


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
