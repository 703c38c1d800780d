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
from .errors import UsageError
from .load.content import SOURCE_DIRS
from .settings import SettingsError, read_mkdocs_yml


class BuildFailed(Exception):
    """MkDocs (or a step after it) failed; the output folder was not touched."""


def build_site(result: core.Result, out: Path, strict: bool = False) -> None:
    """Build the whole site for a validated result into `out`, atomically."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    check_output(result.root, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create a folder beside it ({exc.strerror or exc})") from None
    handler = _CountingHandler()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = load_config(config_file=str(result.root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        plugin = cfg.plugins.get("fanzha")
        if plugin is None:  # MkDocs would build the hand-written pages alone and call it a success
            raise SettingsError("mkdocs.yml: the fanzha plugin is not enabled, so the site would have no "
                                "types, cases, clips, quizzes or kits; add `plugins: [fanzha]`")
        plugin.preloaded = result  # type: ignore[attr-defined]
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        if strict and handler.warnings:
            raise BuildFailed(f"{handler.warnings} warning(s) in strict mode")
    except (MkDocsException, BuildFailed, OSError, UnicodeDecodeError) as exc:  # MkDocs logged which file
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    _swap(tmp, out)


# A folder holding any of these is taken for an earlier build, which a new build may replace.
_SITE_MARKERS = ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz")
# What a content root holds besides docs_dir: never an output folder.
_SOURCES = ("mkdocs.yml", "taxonomy.yml", *SOURCE_DIRS, "programme")


def check_output(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement would destroy something (UsageError).

    The build replaces `out` as a whole, so `out` must not be the content root or a folder
    holding it, a source folder or anything in one, a file, or a folder with other things in it.
    """
    root, out = root.resolve(), out.resolve()
    if out == root or out in root.parents:
        raise UsageError(f"--out {out}: holds the content ({root}); the build replaces its output folder "
                         "as a whole, so give a folder of its own, such as site/")
    sources = [root / name for name in _SOURCES] + [root / _docs_dir(root)]
    for source in sources:
        if out == source or source in out.parents:
            raise UsageError(f"--out {out}: is inside the content ({source.relative_to(root)}); "
                             "give a folder of its own, such as site/")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder; give a folder (it is replaced by the site)")
    if out.is_dir() and not any((out / m).exists() for m in _SITE_MARKERS) and _looks_like_other_things(out):
        raise UsageError(f"--out {out}: holds folders or a repository, not a built site; the build would "
                         "replace them all: give an empty or new folder, or the folder of an earlier build")


def _looks_like_other_things(folder: Path) -> bool:
    """A folder with subfolders, a repository or a content root in it (loose files alone may be a
    half-made site: those are replaced, as before)."""
    return any(p.is_dir() or p.name in ("mkdocs.yml", "taxonomy.yml") for p in folder.iterdir())


def _docs_dir(root: Path) -> str:
    try:
        docs = read_mkdocs_yml(root).get("docs_dir") or "docs"
    except SettingsError:
        docs = "docs"
    return str(docs)


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
