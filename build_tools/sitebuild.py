"""Building the site through MkDocs, atomically.

The site is built into a temporary folder beside the output and swapped in
only when everything succeeded, so a failed build leaves the previous output
exactly as it was.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import core


class BuildFailed(Exception):
    """MkDocs (or a step after it) failed; the output folder was not touched."""


def build_site(result: core.Result, out: Path, strict: bool = False) -> None:
    """Build the whole site for a validated result into `out`, atomically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    handler = _CountingHandler()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = load_config(config_file=str(result.root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        plugin = cfg.plugins.get("fanzha")
        if plugin is not None:
            plugin.preloaded = result  # type: ignore[attr-defined]
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        if strict and handler.warnings:
            raise BuildFailed(f"{handler.warnings} warning(s) in strict mode")
    except (MkDocsException, BuildFailed, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    _swap(tmp, out)


def _swap(new: Path, out: Path) -> None:
    os.chmod(new, 0o755)
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        os.replace(out, old)
        os.replace(new, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, out)


class _CountingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Shows MkDocs' warnings and errors on stderr (the CLI has no MkDocs logging set up) and counts them."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.fanzha") and record.levelno < logging.ERROR:
            return  # content warnings were already printed by `fanzha build` in linter form
        self.warnings += 1
        super().emit(record)
