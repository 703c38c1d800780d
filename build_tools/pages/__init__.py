"""Page renderers for the site: the model → Markdown/HTML pages (Jinja2)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from .. import search
from ..core import Result
from ..downloads import Download

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def generate(result: Result, downloads: dict[str, list[Download]]) -> dict[str, str]:
    """src_uri → page source for every generated page; `downloads` lists each kit's files."""
    return {}


def asset_files() -> Iterator[tuple[str, Path]]:
    """(src_uri, file) for the site's own JS and CSS: build_tools/assets/X is served at assets/fanzha/X."""
    for path in sorted(ASSETS_DIR.rglob("*")):
        if path.is_file():
            yield f"assets/fanzha/{path.relative_to(ASSETS_DIR).as_posix()}", path


def configure_theme(config: Any, result: Result) -> None:
    """Add our templates and assets to the MkDocs config (theme dirs, extra CSS/JS)."""
    overrides = str(TEMPLATES_DIR / "overrides")
    if overrides not in config.theme.dirs:  # after a college's own custom_dir, before Material
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
    config.theme["font"] = False  # no web fonts: the site requests nothing from other hosts
    search.configure_theme(config, result)
