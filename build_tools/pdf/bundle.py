"""Byte-identical ZIP bundles: fixed timestamps, permissions and order."""
from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP can hold


def write_zip(path: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write (name, data) pairs to a ZIP at `path`, in the order given."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever system builds it
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)
