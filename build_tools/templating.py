"""The one way template environments are made (pages, PDFs, programme documents, scaffolds).

Every environment reads one template folder, treats an undefined name as an error (a typo in
a template fails the build instead of printing nothing) and knows the option letters
(`letters`, model.LETTERS). The callers choose escaping, block trimming and trailing newlines for
what they write, and add their own filters.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2

from .model import LETTERS


def environment(folder: Path, *, autoescape: bool | Callable[[str | None], bool] = True,
                trim_blocks: bool = True, keep_trailing_newline: bool = True) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=trim_blocks,
                             lstrip_blocks=trim_blocks, keep_trailing_newline=keep_trailing_newline)
    env.globals["letters"] = LETTERS
    return env
