"""Writing an export or an imported bank: whole or not at all."""
from __future__ import annotations

import errno
import os
import secrets
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


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write several files (an export and its answer map) so that all are new or none is.

    Each is written to a temporary file first; only when all are written are they moved into
    place. If a move fails, the files already moved are put back as they were (the old file,
    or none), so a reader never finds a new export beside an old map or the other way round.
    """
    staged: list[tuple[Path, str]] = []
    moved: list[tuple[Path, str | None]] = []  # target, the old file's backup (None: there was none)
    try:
        for path, data in files:
            if path.is_dir() and not path.is_symlink():
                raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((path, tmp))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
        for path, tmp in staged:
            backup = None
            if path.exists() or path.is_symlink():
                backup = str(path.with_name(f".{path.name}.{secrets.token_hex(8)}.old"))
                os.replace(path, backup)
            moved.append((path, backup))
            os.replace(tmp, path)
    except BaseException:
        for path, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, path)
            elif path.exists():
                os.unlink(path)
        raise
    finally:
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    for _, backup in moved:
        if backup is not None and os.path.exists(backup):
            os.unlink(backup)
