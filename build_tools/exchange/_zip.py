"""Zip archives with the same bytes for the same content (fixed dates, fixed order)."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

# The earliest date a zip entry can hold; any fixed date would do, this one says "not a real date".
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, data) in the given order, every entry dated FIXED_DATE, mode 0644."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the attributes above mean the same everywhere
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def renormalise(data: bytes) -> bytes:
    """Rewrite a zip made by another library (openpyxl) with fixed dates, keeping its entry order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    return deterministic_zip(entries)
