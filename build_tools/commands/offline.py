"""fanzha offline: the site (or some parts) as a ZIP that works from a USB stick, no network."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import core
from ..problem import printable
from ..sitebuild import BuildFailed
from ._common import root_of, stop_on_errors

NAME = "offline"
HELP = "离线版网站压缩包（U 盘，双击 index.html）/ the site as a ZIP for a PC without network"
ORDER = 44
EPILOG = """examples:
  fanzha offline                                 the whole site into ./fanzha-offline.zip
  fanzha offline --only clips,kits --out U盘/班会.zip
Unzipped, index.html opens by double-click (file://): links, projection mode (P on a clip),
classroom quizzes, kit PDFs and decks work without network. Search needs a server, so it is
hidden; offline-list.html lists everything instead. 说明.txt in the ZIP says how to open it."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("--out", metavar="FILE.zip", default="fanzha-offline.zip",
                   help="压缩包 / the ZIP to write (default: ./fanzha-offline.zip)")
    p.add_argument("--only", metavar="PARTS", help="只要这几部分：clips,quizzes,kits / only these parts")


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..offline import OfflineError, build_offline, parse_only

    only = parse_only(args.only)
    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        raise UsageError(f"--out {args.out}: the bundle is a ZIP; give a name ending in .zip")
    if out.exists() and out.is_dir():
        raise UsageError(f"--out {args.out}: is a folder; give a file name ending in .zip")
    root = root_of(args)
    result = core.validate(root)
    if stop_on_errors(result, "no bundle was made"):
        return 1
    try:
        report = build_offline(result, out, only)
    except (BuildFailed, OfflineError) as exc:
        print(f"fanzha: offline bundle failed: {printable(str(exc))}; {out} was left as it was", file=sys.stderr)
        return 1
    for target, n in sorted(report.unlinked.items()):
        print(f"offline: {n} link(s) to {target}, not in this bundle, shown as plain text", file=sys.stderr)
    print(f"wrote {out} ({report.files} files, {report.pages} pages, {report.size / 1e6:.1f} MB); "
          "unzip it, then open index.html", file=sys.stderr)
    return 0
