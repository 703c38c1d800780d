"""fanzha serve: live preview; edits to any source folder rebuild."""
from __future__ import annotations

import argparse

from ._common import root_of

NAME = "serve"
HELP = "本地预览，修改内容自动重建 / live preview that rebuilds on every edit"
ORDER = 30


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                   help="监听地址 / address to serve on (default: 127.0.0.1:8000)")
    p.add_argument("--full", action="store_true",
                   help="每次修改都整站重建（MkDocs 原有方式）/ rebuild the whole site on every edit")


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    root = root_of(args)
    if not args.full:  # an edit rebuilds only the pages it touches (build_tools/incremental.py)
        from ..incremental import Preview
        return Preview(root, args.dev_addr).serve()
    try:
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    except MkDocsException as exc:
        print(f"fanzha: {exc}")
        return 1
    return 0
