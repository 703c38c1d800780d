"""The MkDocs door into the core: each hook is one call.

`plugins: [fanzha]` in mkdocs.yml brings validation, the generated pages,
templates, assets, search and kits.
"""
from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import cards, core, leftovers, pages, pdf, placeholders, postbuild, safe_markdown, unfinished
from .errors import BuildStepError
from .load.content import SOURCE_DIRS
from .pages import scripts
from .pdf import slides
from .settings import SettingsError, settings_from_mapping, where_written
from .site import Site

log = get_plugin_logger("fanzha")

# Markdown features the default pages and generated pages use; a college's
# mkdocs.yml need not list them.
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
# The page every page's header links to as "被骗了？" (no link on a site without it).
HELP_PAGE = "emergency.md"


def _kit_warning(message: str) -> None:
    # A site without site_url is allowed (MkDocs does not require one): the missing QR codes are
    # news, not a fault, so `--strict` does not abort on it.
    (log.info if message == pdf.NO_SITE_URL else log.warning)(message)


class FanzhaPlugin(BasePlugin):
    """Validates the content and adds the knowledge base to the site."""

    def __init__(self) -> None:
        self.result: core.Result | None = None
        self.site: Site | None = None  # what the renderers get: the result's kb and settings, this build's URLs
        self.validated: core.Result | None = None  # handed over by use_validated
        self._kit_dir: Path | None = None  # kit PDFs are rendered first so kit pages can list sizes
        self._decks: Any = None  # finishes the clip decks (slides.start_clip_decks)
        self._cards: Any = None  # finishes the share cards (cards.start_cards)

    def use_validated(self, result: core.Result) -> None:
        """Build from `result`, validated before MkDocs started (`fanzha build`, `fanzha serve`, the
        offline bundle): on_config takes it and its settings instead of validating again. Without it
        (`mkdocs build`, `mkdocs serve`) on_config validates, with the settings MkDocs has read."""
        self.validated = result

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.result = self.validated or self._validate(root, config)
        for ext in MARKDOWN_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        self.site = Site.of(self.result, directory_urls=bool(config.use_directory_urls))
        pages.configure_theme(config, self.site)
        # settings still placeholders: a warning each (`--strict` fails on them), a banner on every page
        for problem in unfinished.problems(self.result.settings):
            log.warning(str(problem))
        config.extra["fanzha_preview"] = unfinished.labels(self.result.settings)
        return config

    def _validate(self, root: Path, config: MkDocsConfig) -> core.Result:
        # config.extra is MkDocs' LegacyConfig (a UserDict, not a dict): test for a Mapping
        extra = config.extra.get("fanzha") if isinstance(config.extra, Mapping) else None
        try:
            settings = settings_from_mapping(extra, config.site_name, config.site_url or "",
                                             docs_dir=config.docs_dir, site_dir=config.site_dir,
                                             use_directory_urls=config.use_directory_urls,
                                             written=where_written(root))  # for the warnings' lines
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        result = core.validate(root, settings)
        for problem in result.problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        if result.errors:
            raise PluginError(f"{len(result.errors)} content error(s); see the lines above "
                              "(run `fanzha validate` for the same list)")
        return result

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        self._kit_dir = leftovers.make_dir(leftovers.KITS_PREFIX)
        try:
            downloads = pdf.render_kits(self.site, self._kit_dir, warn=_kit_warning)
        except pdf.PdfBuildError as exc:
            raise PluginError(f"kits: {exc}") from None
        # slides/<clip>.pptx, rendered on another core while MkDocs renders the pages
        self._decks = slides.start_clip_decks(self.site, self._kit_dir)
        for shared in cards.shared_ids(self.site):  # cards/<id>.png, drawn on the pool like the decks
            log.warning(f"clip and case share the id '{shared}': the clip page links to the case's share card")
        self._cards = cards.start_cards(self.site, self._kit_dir)
        for src_uri, content in pages.generate(self.site, downloads).items():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=content))
        for src_uri, abs_path in pages.asset_files():
            files.append(File.generated(config, src_uri, abs_src_path=str(abs_path)))
        help_page = files.get_file_from_path(HELP_PAGE)  # the header's "被骗了？" link goes there
        config.extra["fanzha_help"] = help_page.url if help_page is not None else ""
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.result is not None
        college = self.result.settings.college
        try:
            title = page.meta.get("title")
            if isinstance(title, str) and "{{" in title:  # the <title> and the nav show it, not only the body
                page.meta["title"] = placeholders.fill(title, college, quote=True)
            return safe_markdown.fill_text(markdown, college)  # setting values are text, never Markdown
        except placeholders.UnknownPlaceholder as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # content Markdown (marked by pages.render.markdown_body) keeps only the allowed HTML
        return safe_markdown.sanitise_marked(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return scripts.defer_scripts(output)  # theme and page scripts never hold up the first paint

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return scripts.defer_scripts(output_content) if template_name.endswith(".html") else output_content  # 404.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None
        site_dir = Path(config.site_dir)
        if self._decks is not None:
            self._decks()
            self._decks = None
        if self._cards is not None:
            try:
                self._cards()
            except cards.CardError as exc:
                raise PluginError(f"share cards: {exc}") from None
            finally:
                self._cards = None
        if self._kit_dir is not None:
            shutil.copytree(self._kit_dir, site_dir, dirs_exist_ok=True)
            leftovers.release(self._kit_dir)
            self._kit_dir = None
        try:
            postbuild.run(self.site, site_dir)
        except BuildStepError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._decks = None
        self._cards = None
        if self._kit_dir is not None:
            leftovers.release(self._kit_dir)
            self._kit_dir = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        for name in (*SOURCE_DIRS, "taxonomy.yml", "search.yml"):  # search.yml: the search box's words
            if (root / name).exists():
                server.watch(str(root / name))
        return server
