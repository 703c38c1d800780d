"""Printable kits, test papers and forms (WeasyPrint)."""
from __future__ import annotations

from pathlib import Path

from ..core import Result
from ..downloads import Download


def render_kits(result: Result, dest: Path) -> dict[str, list[Download]]:
    """Render every kit's files into dest/kits/<kit-id>/; kit id -> its downloads."""
    return {}
