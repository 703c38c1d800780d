"""Printable kits, test papers and forms (WeasyPrint).

For every kit: dest/kits/<kit-id>/ with host-plan.pdf, handout.pdf,
quiz-<V>.pdf and key-<V>.pdf per version, signin.pdf, record.pdf, pledge.pdf
and <kit-id>-bundle.zip. Identical inputs give byte-identical files.

Pipeline: draw quizzes (draw.py) → check every content character against the
fonts (glyphs.py) → templates to HTML (kit.py, typeset.py) → HTML to PDF on all
cores, cached by content (parallel.py) → files and ZIP (bundle.py).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..downloads import Download
from ..site import Site
from . import glyphs
from .bundle import write_zip
from .errors import PdfBuildError
from .kit import Doc, kit_docs, kit_sources, quiz_sets
from .parallel import Job, render_all
from .slides import kit_deck

__all__ = ["DocReport", "KitsReport", "PdfBuildError", "build_kits", "render_kits"]

log = logging.getLogger(__name__)
BUNDLE_LABEL = "全部材料打包（ZIP）"
DECK_NAME = "slides.pptx"
DECK_LABEL = "班会演示文稿（PPT，可离线放映）"
NO_SITE_URL = ("site_url is not set in mkdocs.yml: the handouts are built without QR codes "
               "to the site; set site_url (e.g. https://fanzha.example.edu.cn/) to add them")


@dataclass(frozen=True)
class DocReport:
    """One written PDF: which kit, its file, pages, and render time and CPU time (0 when cached)."""

    kit: str
    name: str
    pages: int
    seconds: float
    cached: bool
    cpu: float = 0.0


@dataclass
class KitsReport:
    """What a kits build wrote, for `fanzha kits --timings`."""

    downloads: dict[str, list[Download]] = field(default_factory=dict)
    docs: list[DocReport] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the whole build

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.docs)


def render_kits(site: Site, dest: Path,
                warn: Callable[[str], None] | None = None) -> dict[str, list[Download]]:
    """Render every kit's files into dest/kits/<kit-id>/; kit id -> its downloads.

    Raises PdfBuildError (message names the source item) when a kit cannot be built.
    """
    return build_kits(site, dest, warn=warn).downloads


def build_kits(site: Site, dest: Path, kit_ids: Iterable[str] | None = None,
               warn: Callable[[str], None] | None = None) -> KitsReport:
    """Render the named kits (default: all) into dest/kits/<kit-id>/ and report on it."""
    start = time.perf_counter()
    warn = warn or log.warning
    kits = [site.kb.kits[k] for k in kit_ids] if kit_ids is not None else list(site.kb.kits.values())
    if not kits:
        return KitsReport()  # a site without kits needs neither WeasyPrint nor the CJK fonts
    if not site.settings.site_url:
        warn(NO_SITE_URL)
    plans = [(kit, quiz_sets(site, kit)) for kit in kits]
    glyphs.check((src for kit, quizzes in plans for src in kit_sources(site, kit, quizzes)),
                 site.settings.college)
    planned = [(kit.id, kit_docs(site, kit, quizzes)) for kit, quizzes in plans]
    outcomes = iter(render_all([Job(d.html, d.where) for _, docs in planned for d in docs]))
    report = KitsReport()
    for kit_id, docs in planned:
        rendered = [(doc, next(outcomes)) for doc in docs]
        files = [(d, o.rendered.data) for d, o in rendered]
        files.append((Doc(DECK_NAME, DECK_LABEL, "", f"kit {kit_id}"), kit_deck(site, site.kb.kits[kit_id])))
        report.downloads[kit_id] = _write_kit(dest / "kits" / kit_id, kit_id, files)
        report.docs += [DocReport(kit_id, d.name, o.rendered.pages, 0.0 if o.cached else o.rendered.seconds,
                                  o.cached, 0.0 if o.cached else o.rendered.cpu) for d, o in rendered]
    report.seconds = time.perf_counter() - start
    return report


def _write_kit(folder: Path, kit_id: str, files: list[tuple[Doc, bytes]]) -> list[Download]:
    folder.mkdir(parents=True, exist_ok=True)
    downloads = []
    for doc, data in files:
        (folder / doc.name).write_bytes(data)
        downloads.append(Download(doc.name, doc.label, len(data)))
    bundle = folder / f"{kit_id}-bundle.zip"
    write_zip(bundle, [(f"{kit_id}/{doc.name}", data) for doc, data in files])
    downloads.append(Download(bundle.name, BUNDLE_LABEL, bundle.stat().st_size))
    return downloads
