"""Where generated pages live on the site, and the relative links between them.

Generated pages are HTML inside Markdown, and MkDocs rewrites only Markdown
links, so the links are computed here the way MkDocs computes page URLs:
`cases/x.md` is served at `cases/x/` (use_directory_urls, the default) or
`cases/x.html`. Links are relative, so the site works under any path prefix.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class SiteUrls:
    """URL rules of one site."""

    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """Site path of a page (`cases/x/`) from its source path (`cases/x.md`); files keep theirs."""
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[: -len(".md")]
        folder, name = posixpath.split(stem)
        if name == "index":
            return (f"{folder}/" if folder else "./") if self.directory_urls else f"{stem}.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def rel(self, from_src: str, to: str) -> str:
        """Relative href from the page `from_src` to a page (`*.md`) or a site file."""
        here = self.url(from_src)
        here_dir = here if here.endswith("/") else posixpath.dirname(here)
        target = self.url(to)
        link = posixpath.relpath(target, here_dir or ".")
        if target.endswith("/"):
            link = "./" if link == "." else link + "/"
        return link


@dataclass(frozen=True)
class PageLinks:
    """Links from one page to the knowledge base, for templates: `link.case(id)`."""

    urls: SiteUrls
    src_uri: str

    def to(self, target: str) -> str:
        return self.urls.rel(self.src_uri, target)

    def section(self, name: str) -> str:
        return self.to(f"{name}/index.md")

    def type(self, type_id: str) -> str:
        return self.to(f"types/{type_id}.md")

    def case(self, case_id: str) -> str:
        return self.to(f"cases/{case_id}.md")

    def clip(self, clip_id: str) -> str:
        return self.to(f"clips/{clip_id}.md")

    def bank(self, bank_id: str, question_id: str | None = None) -> str:
        href = self.to(f"quizzes/{bank_id}.md")
        return f"{href}#q-{question_id}" if question_id else href

    def kit(self, kit_id: str) -> str:
        return self.to(f"kits/{kit_id}.md")

    def kit_file(self, kit_id: str, name: str) -> str:
        return self.to(f"kits/{kit_id}/{name}")

    def absolute(self, site_url: str) -> str:
        """This page's full address on a site served at site_url ('' when unknown)."""
        return site_url.rstrip("/") + "/" + self.urls.url(self.src_uri) if site_url else ""
