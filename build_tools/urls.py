"""Where everything lives on the site: the one place site URLs are computed.

Pages are named by their source path (`cases/x.md`), as MkDocs names them; a page is served at
`cases/x/` (use_directory_urls, MkDocs' default) or at `cases/x.html`. Generated pages are HTML
inside Markdown and MkDocs rewrites only Markdown links, so the pages' links, the search box's page
table, the programme's reminders and bulletins, the QR codes on kit PDFs and share cards all take
their URLs from here. Links between pages are relative, so the site works under any path prefix;
printed addresses (QR codes, reminders) are absolute, from site_url.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .settings import Settings

# kind of item → the site folder its pages are in (the design's URL table)
FOLDERS = {"type": "types", "case": "cases", "clip": "clips", "bank": "quizzes", "kit": "kits",
           "scenario": "scenarios"}

CARDS = "cards"  # share cards: cards/<case-or-clip-id>.png
CLIP_DECKS = "slides"  # clip decks: slides/<clip-id>.pptx


@dataclass(frozen=True)
class SiteUrls:
    """URL rules of one site: the shape of page URLs and, when known, the site's address."""

    directory_urls: bool = True  # the shape of this build's pages, for links between them
    site_url: str = ""
    # the shape of the pages at site_url, where this build's differ (the offline bundle is built
    # with x.html pages; its QR codes and printed addresses still lead to the site as published)
    published_directory_urls: bool | None = None

    @classmethod
    def of(cls, settings: Settings, directory_urls: bool | None = None) -> SiteUrls:
        """The site's URLs from its settings (site_url, use_directory_urls); `directory_urls`
        overrides the setting for this build's own links (the offline bundle's `x.html` pages)."""
        published = bool(settings.use_directory_urls)
        here = published if directory_urls is None else bool(directory_urls)
        return cls(here, settings.site_url or "", None if here == published else published)

    @staticmethod
    def src(kind: str, item_id: str) -> str:
        """Source path of an item's page: `src("case", "x")` → `cases/x.md`."""
        return f"{FOLDERS[kind]}/{item_id}.md"

    @staticmethod
    def section(name: str) -> str:
        """Source path of a section's listing (`cases` → `cases/index.md`)."""
        return f"{name}/index.md"

    @staticmethod
    def kit_file(kit_id: str, name: str) -> str:
        """Site path of one of a kit's files (PDFs, deck, bundle): `kits/<id>/<name>`."""
        return f"{FOLDERS['kit']}/{kit_id}/{name}"

    @staticmethod
    def card(item_id: str) -> str:
        """Site path of a case's or clip's share card."""
        return f"{CARDS}/{item_id}.png"

    @staticmethod
    def clip_deck(clip_id: str) -> str:
        """Site path of a clip's PowerPoint deck."""
        return f"{CLIP_DECKS}/{clip_id}.pptx"

    def url(self, src_uri: str) -> str:
        """Site path of a page (`cases/x/`) from its source path (`cases/x.md`); files keep theirs."""
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[: -len(".md")]
        folder, name = posixpath.split(stem)
        if name == "index":
            return (f"{folder}/" if folder else "./") if self.directory_urls else f"{stem}.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def page(self, kind: str, item_id: str) -> str:
        """Site path of an item's page: `cases/x/` or `cases/x.html`."""
        return self.url(self.src(kind, item_id))

    def rel(self, from_src: str, to: str) -> str:
        """Relative href from the page `from_src` to a page (`*.md`) or a site file."""
        here = self.url(from_src)
        here_dir = here if here.endswith("/") else posixpath.dirname(here)
        target = self.url(to)
        link = posixpath.relpath(target, here_dir or ".")
        if target.endswith("/"):
            link = "./" if link == "." else link + "/"
        return link

    def to_root(self, from_src: str) -> str:
        """Relative path from the page `from_src` to the site's root folder, ending in `/`."""
        here = self.url(from_src)
        here_dir = here if here.endswith("/") else posixpath.dirname(here)
        return posixpath.relpath(".", here_dir.rstrip("/") or ".") + "/"

    def absolute(self, target: str) -> str:
        """Full address of a page (`*.md`) or site file on the site at site_url ('' when it is not set)."""
        if not self.site_url:
            return ""
        shape = self if self.published_directory_urls in (None, self.directory_urls) else \
            SiteUrls(bool(self.published_directory_urls))
        return self.site_url.rstrip("/") + "/" + shape.url(target).removeprefix("./")

    def absolute_page(self, kind: str, item_id: str) -> str:
        """Full address of an item's page, '' without site_url."""
        return self.absolute(self.src(kind, item_id))

    def from_root(self, kind: str, item_id: str) -> str:
        """An item's page for text that leaves the site: absolute when site_url is set, else from
        the site root (`/types/x/`)."""
        return self.absolute_page(kind, item_id) or "/" + self.page(kind, item_id)
