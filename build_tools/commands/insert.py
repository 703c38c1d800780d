"""fanzha insert: the one-page anti-fraud insert for admission letters (录取通知书反诈提醒专页)."""
from __future__ import annotations

import argparse
import sys

from ..load import programme as sources
from ..programme import insert
from ._programme import add_out, out_dir, run_safely, start

NAME = "insert"
HELP = "录取通知书反诈提醒专页：一页 A4 PDF / the one-page admission-letter insert (PDF)"
ORDER = 62


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help="可选的五类骗局与三条提醒 / optional frauds and rules (default: ROOT/programme/insert.yml)")
    add_out(p, "insert")


def run(args: argparse.Namespace) -> int:
    root, result, inp = start(args, sources.INSERT, args.config)

    def make() -> dict[str, bytes]:
        text = inp.text() if inp.exists or args.config else None
        content = insert.load_insert(text, inp.rel, result.kb.types)
        parents = insert.parents_url(root, result.settings)
        return {"insert.pdf": insert.render_insert(content, result.settings, parents).data}

    try:
        return run_safely(make, out_dir(root, args, "insert"))
    except insert.InsertTooLong as exc:
        print(f"fanzha: {exc}; nothing was written", file=sys.stderr)
        return 1
