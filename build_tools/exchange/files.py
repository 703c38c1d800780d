"""Writing an export or an imported bank: whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    """The target exists and overwriting was not asked for."""


def write_file(path: Path, data: bytes, overwrite: bool) -> None:
    """Write via a temporary file in the same folder, so a reader never sees half a file.

    Without overwrite an existing file is left alone (FileExists), even one that
    appears while we write: the final step is a hard link, which never replaces.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and path.exists():
        raise FileExists(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileExists(str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
