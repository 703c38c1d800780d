"""Links from one generated page to the rest of the site, for the page templates.

The URL rules themselves are build_tools/urls.py (SiteUrls), shared with search, the programme,
the PDFs and the share cards.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..urls import SiteUrls

__all__ = ["PageLinks", "SiteUrls"]


@dataclass(frozen=True)
class PageLinks:
    """Links from one page to the knowledge base, for templates: `link.case(id)`."""

    urls: SiteUrls
    src_uri: str

    def to(self, target: str) -> str:
        return self.urls.rel(self.src_uri, target)

    def section(self, name: str) -> str:
        return self.to(self.urls.section(name))

    def type(self, type_id: str) -> str:
        return self.to(self.urls.src("type", type_id))

    def case(self, case_id: str) -> str:
        return self.to(self.urls.src("case", case_id))

    def clip(self, clip_id: str) -> str:
        return self.to(self.urls.src("clip", clip_id))

    def bank(self, bank_id: str, question_id: str | None = None) -> str:
        href = self.to(self.urls.src("bank", bank_id))
        return f"{href}#q-{question_id}" if question_id else href

    def scenario(self, scenario_id: str) -> str:
        return self.to(self.urls.src("scenario", scenario_id))

    def card(self, item_id: str) -> str:
        return self.to(self.urls.card(item_id))

    def clip_deck(self, clip_id: str) -> str:
        return self.to(self.urls.clip_deck(clip_id))

    def kit(self, kit_id: str) -> str:
        return self.to(self.urls.src("kit", kit_id))

    def kit_file(self, kit_id: str, name: str) -> str:
        return self.to(self.urls.kit_file(kit_id, name))

    def absolute(self) -> str:
        """This page's full address on the site ('' when site_url is not set)."""
        return self.urls.absolute(self.src_uri)
