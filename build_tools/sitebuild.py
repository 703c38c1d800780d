"""Building the site through MkDocs, atomically.

The site is built into a temporary folder beside the output and swapped in
only when everything succeeded, so a failed build leaves the previous output
exactly as it was.

The swap is one atomic step on Linux (renameat2 RENAME_EXCHANGE): a build killed at
any moment, even with SIGKILL, leaves either the whole previous site or the whole
new one. Elsewhere it is two renames; a build killed between them leaves the
previous site at `.<out>.old-<pid>-*`, which the next build puts back first.
Leftovers of killed builds are removed when the next build starts (`leftovers`).

For tests only: FANZHA_TEST_PAUSE_AT_SWAP=DIR makes the build create
DIR/<stage>.reached and wait for DIR/<stage>.go, at the stages "before-swap" and
"after-swap" (new site in place, old one not yet removed).
"""
from __future__ import annotations

import ctypes
import errno
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from . import core, leftovers
from .errors import UsageError
from .outputs import content_place
from .settings import SettingsError


class BuildFailed(Exception):
    """MkDocs (or a step after it) failed; the output folder was not touched."""


def build_site(result: core.Result, out: Path, strict: bool = False) -> None:
    """Build the whole site for a validated result into `out`, atomically."""
    out = out.resolve()
    recover(out)
    check_output(result.root, out, result.settings.docs_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = leftovers.make_dir(_building(out), out.parent)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create a folder beside it ({exc.strerror or exc})") from None
    with leftovers.on_signals():
        _build_into(result, tmp, strict)
        _pause("before-swap")
        with leftovers.signals_held():
            old = _swap(tmp, out)
        _pause("after-swap")
        if old is not None:
            leftovers.release(old)


def _build_into(result: core.Result, tmp: Path, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _CountingHandler()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = load_config(config_file=str(result.root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        plugin = cfg.plugins.get("fanzha")
        if plugin is None:  # MkDocs would build the hand-written pages alone and call it a success
            raise SettingsError("mkdocs.yml: the fanzha plugin is not enabled, so the site would have no "
                                "types, cases, clips, quizzes or kits; add `plugins: [fanzha]`")
        plugin.use_validated(result)  # no second validation
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        if strict and handler.warnings:
            raise BuildFailed(f"{handler.warnings} warning(s) in strict mode")
    except (MkDocsException, BuildFailed, OSError, UnicodeDecodeError) as exc:  # MkDocs logged which file
        leftovers.release(tmp)
        raise BuildFailed(str(exc) or type(exc).__name__) from None
    except BaseException:
        leftovers.release(tmp)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _building(out: Path) -> str:
    return f".{out.name}.building-"


def _old(out: Path) -> str:
    return f".{out.name}.old-"


def recover(out: Path) -> None:
    """Undo what killed builds left beside `out`: put a previous site back when `out` is
    missing, remove their half-made sites and old copies, and their kit folders."""
    if not out.exists():
        olds = leftovers.stale(out.parent, _old(out))
        if olds:  # killed between the two renames of a swap: the previous site is whole
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.replace(newest, out)
            print(f"fanzha: {out} restored from the previous build, which a killed build had moved aside",
                  file=sys.stderr)
    leftovers.sweep(out.parent, _old(out))
    leftovers.sweep(out.parent, _building(out))
    leftovers.sweep(Path(tempfile.gettempdir()), leftovers.KITS_PREFIX)


def _pause(stage: str) -> None:
    folder = os.environ.get("FANZHA_TEST_PAUSE_AT_SWAP")
    if not folder:
        return
    Path(folder, f"{stage}.reached").touch()
    while not Path(folder, f"{stage}.go").exists():
        time.sleep(0.02)


# A folder holding any of these is taken for an earlier build, which a new build may replace.
_SITE_MARKERS = ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz")


def check_output(root: Path, out: Path, docs_dir: str = "docs") -> None:
    """Refuse an output folder whose replacement would destroy something (UsageError).

    The build replaces `out` as a whole, so `out` must not be the content root or a folder
    holding it, a source folder or anything in one, a file, or a folder with other things in it.
    """
    root, out = root.resolve(), out.resolve()
    if out == root or out in root.parents:
        raise UsageError(f"--out {out}: holds the content ({root}); the build replaces its output folder "
                         "as a whole, so give a folder of its own, such as site/")
    source = content_place(root, out, docs_dir)  # the rule every output follows (outputs.py)
    if source is not None:
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


def _swap(new: Path, out: Path) -> Path | None:
    """Put `new` at `out`; returns where the previous site now is (for the caller to remove)."""
    os.chmod(new, 0o755)
    if not out.exists():
        os.replace(new, out)
        leftovers.forget(new)
        return None
    if _exchange(new, out):  # one step: the previous site is now at `new` (still ours to remove)
        return new
    old = leftovers.make_dir(_old(out), out.parent)
    old.rmdir()
    os.replace(out, old)
    os.replace(new, out)
    leftovers.forget(new)
    return old


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc = leftovers._LIBC
    fn = getattr(libc, "renameat2", None) if libc is not None else None
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # an old kernel or a file system without it: two renames
    raise OSError(err, os.strerror(err), str(b))


class _CountingHandler(logging.StreamHandler):
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
