"""Steps that run on the finished HTML: search index, kit PDFs."""
from __future__ import annotations

from pathlib import Path

from . import search
from .core import Result


def run(result: Result, site_dir: Path) -> None:
    """Everything that needs the rendered site, in order."""
    search.build_index(site_dir, result.root)  # raises search.SearchIndexError saying how to fix it
