"""Steps that run on the finished HTML: the search index and the sitemap's dates.

Kit PDFs, decks and share cards are not made here: the plugin renders them before the pages
(on_files), so kit pages can list their sizes, and copies them in at on_post_build.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import io
import os
import re
from pathlib import Path

from . import search
from .site import Site


def run(site: Site, site_dir: Path) -> None:
    """Everything that needs the rendered site, in order."""
    search.build_index(site_dir, site.root)  # raises search.SearchIndexError saying how to fix it
    date_sitemap(site_dir, source_date(site))


def source_date(site: Site) -> _dt.date | None:
    """The date the sources are of, the same for the same sources on any day: SOURCE_DATE_EPOCH
    when set (the reproducible-builds convention), else the newest case's `date` (YYYY-MM, taken as
    the month's first day); None when neither exists."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass  # MkDocs itself would fail on it first
    dates = []
    for case in site.kb.cases.values():
        match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", str(case.date).strip())
        if match:
            try:
                dates.append(_dt.date(int(match[1]), int(match[2]), int(match[3] or 1)))
            except ValueError:
                continue
    return max(dates, default=None)


_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


def date_sitemap(site_dir: Path, date: _dt.date | None) -> None:
    """MkDocs dates every sitemap entry with the day of the build: use the sources' date instead
    (none when there is no such date), in sitemap.xml and sitemap.xml.gz, so that the same
    sources give the same bytes on any day."""
    xml_path = site_dir / "sitemap.xml"
    if not xml_path.is_file():
        return
    xml = xml_path.read_text(encoding="utf-8")
    fixed = _LASTMOD.sub(f"\n         <lastmod>{date.isoformat()}</lastmod>" if date else "", xml)
    xml_path.write_text(fixed, encoding="utf-8", newline="")
    gz_path = site_dir / "sitemap.xml.gz"
    if gz_path.exists():
        mtime = int(_dt.datetime(date.year, date.month, date.day, tzinfo=_dt.UTC).timestamp()) \
            if date else 0
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, filename="sitemap.xml", mode="wb", mtime=mtime) as gz:
            gz.write(fixed.encode("utf-8"))
        gz_path.write_bytes(buf.getvalue())
