"""Hand-written pages (docs/): readable as UTF-8, and their `{{ college.X }}` placeholders name a setting.

MkDocs reads these pages only when it builds; a page in another encoding or with an
unknown placeholder would otherwise pass `fanzha validate` and stop the build.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..load.text import UnreadableFile, read_text
from ..problem import Problem
from .college import unknown_placeholders
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.root is None or not (ctx.root / "mkdocs.yml").is_file():
        return  # no mkdocs.yml (a bank checked on its own): no pages either
    docs = ctx.root / ctx.settings.docs_dir
    if not docs.is_dir():
        return
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(ctx.root).as_posix()
        try:
            text = read_text(path, rel)
        except UnreadableFile as exc:
            yield exc.problem
            continue
        yield from unknown_placeholders(rel, text, ctx.settings.college)
