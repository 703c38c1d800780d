"""What every renderer takes: the knowledge base, the settings and the site's URLs.

Renderers (pages, search, PDFs, decks, cards, the offline bundle) take a `Site`, never the
validation's result: they do not depend on how the knowledge base was loaded and checked, and
they sit above this module, which sits just above the model and the settings.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .model import KnowledgeBase
from .settings import Settings
from .urls import SiteUrls


class Validated(Protocol):
    """What a validation gives (core.Result has these)."""

    root: Path
    kb: KnowledgeBase
    settings: Settings


@dataclass(frozen=True)
class Site:
    """One build's inputs to the renderers."""

    root: Path  # the folder with mkdocs.yml (search.yml, the programme's files)
    kb: KnowledgeBase
    settings: Settings
    urls: SiteUrls

    @classmethod
    def of(cls, result: Validated, directory_urls: bool | None = None) -> Site:
        """The site of a validated knowledge base; `directory_urls` overrides the setting."""
        return cls(result.root, result.kb, result.settings, SiteUrls.of(result.settings, directory_urls))
