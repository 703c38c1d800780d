"""Writing a command's outputs: all or nothing, never into the sources, CSV the way Excel reads it."""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_OUT = Path("build") / "programme"  # under the root; /build/ is not committed


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as CSV that Excel opens correctly: UTF-8 with BOM, CRLF line ends, no cell read as a formula."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([[csv_cell(c) for c in row] for row in rows])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# A cell starting with one of these is a formula to Excel, WPS and LibreOffice (=HYPERLINK(…), +cmd|…).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> str:
    """A value as a CSV cell that a spreadsheet shows as text: a leading ' before a formula start."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_files(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file under `out` (creating it); each appears whole or not at all.

    Callers render everything in memory first, so an input error writes nothing.
    """
    written = []
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        written.append(path)
    return written


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or below it (both resolved)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents
