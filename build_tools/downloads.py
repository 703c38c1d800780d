"""Files offered for download on kit pages (PDFs and bundles), rendered before the pages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    """One file under site/kits/<kit>/: its name, what it is (Chinese label) and size in bytes."""

    name: str
    label: str
    size: int
