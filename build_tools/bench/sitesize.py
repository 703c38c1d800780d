"""Size of a built site on disk, and what its HTML pages weigh."""
from __future__ import annotations

import gzip
import statistics
from pathlib import Path
from typing import Any

from .browser import GZIP_LEVEL


def site_size(site: Path) -> dict[str, Any]:
    """Bytes and files in all, by top-level folder, and HTML bytes per page (raw and gzip)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    by_folder: dict[str, int] = {}
    for p in files:
        rel = p.relative_to(site)
        top = rel.parts[0] if len(rel.parts) > 1 else "(root)"
        by_folder[top] = by_folder.get(top, 0) + p.stat().st_size
    html = [p for p in files if p.suffix == ".html"]
    sizes = [p.stat().st_size for p in html]
    gz = [len(gzip.compress(p.read_bytes(), GZIP_LEVEL, mtime=0)) for p in html]
    return {
        "bytes": sum(p.stat().st_size for p in files), "files": len(files), "by_folder": by_folder,
        "html_pages": len(html), "html_bytes": sum(sizes),
        "html_bytes_per_page": statistics.mean(sizes) if sizes else 0,
        "html_bytes_per_page_median": statistics.median(sizes) if sizes else 0,
        "html_bytes_per_page_max": max(sizes, default=0),
        "html_gzip_per_page": statistics.mean(gz) if gz else 0,
        "largest_pages": [{"path": p.relative_to(site).as_posix(), "bytes": n}
                          for n, p in sorted(zip(sizes, html), key=lambda x: -x[0])[:5]],
    }


def first_case_page(site: Path, case_ids: list[str]) -> str | None:
    """Site path of the first case page that exists (`cases/<id>/`), or None."""
    for case_id in case_ids:
        if (site / "cases" / case_id / "index.html").is_file():
            return f"cases/{case_id}/"
        if (site / "cases" / f"{case_id}.html").is_file():
            return f"cases/{case_id}.html"
    return None
