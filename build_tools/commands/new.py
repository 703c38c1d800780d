"""fanzha new case|clip|bank|kit|scenario ID: a new source file from a template."""
from __future__ import annotations

import argparse
import datetime as dt

from .. import core
from ..errors import UsageError
from ..scaffold import KINDS, ScaffoldError, new_item
from ._common import root_of

NAME = "new"
HELP = "按模板新建案例/短片/题库/材料包/情景演练 / a new case, clip, bank, kit or scenario from a template"
ORDER = 40


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=list(KINDS), help=" | ".join(KINDS))
    p.add_argument("id", help="新条目的 id / the new item's id (lowercase letters, digits, '-')")
    p.add_argument("--type", help="诈骗类型 id / fraud type id (default: the first in taxonomy.yml)")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    kb = core.validate(root).kb
    type_id = args.type or next(iter(kb.types), None)
    if type_id is None:
        raise UsageError("taxonomy.yml lists no fraud types; add one first")
    if type_id not in kb.types:
        raise UsageError(f"--type {type_id}: not in taxonomy.yml (known: {', '.join(kb.types)})")
    try:
        path = new_item(root, args.kind, args.id, type_id, dt.date.today())
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    print(path.relative_to(root).as_posix())
    return 0
