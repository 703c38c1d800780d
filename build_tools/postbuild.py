"""Steps that run on the finished HTML: search index, kit PDFs."""
from __future__ import annotations

from pathlib import Path

from .core import Result


def run(result: Result, site_dir: Path) -> None:
    """Everything that needs the rendered site, in order."""
