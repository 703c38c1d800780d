"""Page renderers for the site: the model → Markdown/HTML pages (Jinja2)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..core import Result
from ..downloads import Download

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def generate(result: Result, downloads: dict[str, list[Download]]) -> dict[str, str]:
    """src_uri → page source for every generated page; `downloads` lists each kit's files."""
    return {}


def asset_files() -> Iterator[tuple[str, Path]]:
    """(src_uri, file) for the site's own JS and CSS."""
    return iter(())


def configure_theme(config: Any, result: Result) -> None:
    """Add our templates and assets to the MkDocs config (theme dirs, extra CSS/JS)."""
