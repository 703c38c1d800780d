"""Page renderers for the site: the model → Markdown/HTML pages (Jinja2).

Imports nothing from MkDocs: `configure_theme` duck-types the config object,
so the renderers can move with the core to another site generator.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import search
from ..downloads import Download
from ..site import Site
from . import cases, clips, fraudtypes, kits, programme, quizzes, scenarios
from .context import SiteContext
from .render import Renderer

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
OVERRIDES_DIR = TEMPLATES_DIR / "overrides"  # theme templates that replace Material's partials
ASSET_PREFIX = "assets/fanzha/"  # where ASSETS_DIR is served
STYLESHEETS = ["pages/site.css", "pages/scenario.css"]
SCRIPTS = ["pages/stage.js", "pages/clip.js", "pages/quiz.js", "pages/scenario.js"]

_SECTIONS = (fraudtypes, cases, clips, quizzes, kits, scenarios)


def generate(site: Site, downloads: dict[str, list[Download]]) -> dict[str, str]:
    """src_uri → page source for every generated page; `downloads` lists each kit's files.

    The pages link to each other with relative URLs of the shape site.urls gives
    (MkDocs' use_directory_urls).
    """
    renderer = Renderer(site.urls)
    ctx = SiteContext(site.kb, site.settings, renderer, downloads)
    renderer.env.globals["scenarios_for"] = scenarios.linked(site.kb)  # type and case pages list theirs
    pages: dict[str, str] = {}
    for section in _SECTIONS:
        pages.update(section.generate(ctx))
    pages.update(programme.generate(site, renderer.urls))  # reminders, campaign month, bulletins
    pages.update(search.generated_files(site))  # the search box's words (fetched on first use)
    return pages


def asset_files() -> Iterator[tuple[str, Path]]:
    """(src_uri, file) for the site's own JS and CSS: ASSETS_DIR served at assets/fanzha/."""
    for path in sorted(ASSETS_DIR.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield ASSET_PREFIX + path.relative_to(ASSETS_DIR).as_posix(), path


def configure_theme(config: Any, site: Site) -> None:
    """Add our template overrides and the pages' CSS/JS to the MkDocs config.

    Our overrides go right after the college's custom_dir, so a college can still
    override any template, ours included. The search box registers its own.
    """
    dirs: list[str] = config.theme.dirs
    if str(OVERRIDES_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES_DIR))
    config.theme["font"] = False  # no web fonts: the site requests nothing from other hosts
    for css in STYLESHEETS:
        if ASSET_PREFIX + css not in config.extra_css:
            config.extra_css.append(ASSET_PREFIX + css)
    present = [str(s) for s in config.extra_javascript]
    for js in SCRIPTS:
        if ASSET_PREFIX + js not in present:
            config.extra_javascript.append(ASSET_PREFIX + js)
    search.configure_theme(config, site)
