"""fanzha build: validate, then the whole site with kits."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import core, unfinished
from ..problem import printable
from ..sitebuild import BuildFailed, build_site
from ._common import root_of, stop_on_errors

NAME = "build"
HELP = "校验并生成网站与材料包到 site/ / validate, then build the site and kits into site/"
ORDER = 20


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="DIR", help="输出目录 / output folder (default: ROOT/site)")
    p.add_argument("--strict", action="store_true", help="警告也视为失败 / fail on MkDocs warnings and unfinished settings")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    result = core.validate(root)
    if stop_on_errors(result, "nothing was built"):
        return 1
    preview = unfinished.problems(result.settings)
    for problem in preview:
        print(problem)
    if preview and args.strict:
        print(f"fanzha: {len(preview)} setting(s) in mkdocs.yml still placeholders; --strict builds only a "
              "finished site: fill them in (nothing was built)", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else root / "site"
    try:
        build_site(result, out, strict=args.strict)
    except BuildFailed as exc:
        print(f"fanzha: build failed: {printable(str(exc))}; {out} was left as it was", file=sys.stderr)
        return 1
    note = f" as a preview ({len(preview)} setting(s) still placeholders, see above)" if preview else ""
    print(f"built {out}{note}", file=sys.stderr)
    return 0
