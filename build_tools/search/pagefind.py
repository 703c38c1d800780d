"""Running the Pagefind indexer (the npm package, pinned in package-lock.json).

Pagefind's npm package installs one platform binary, `@pagefind/<platform>-<arch>`,
whose `pagefind_extended` build segments Chinese at index time the same way its
WebAssembly segments the query in the browser. We run that binary directly: no
download, and no Node wrapper that could fall back to the non-extended build.
"""
from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import leftovers
from ..errors import BuildStepError

# Where the npm package keeps the binary, relative to node_modules.
_PLATFORMS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "freebsd": "freebsd"}
_ARCHES = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
NO_BODY_MESSAGE = "Did not find a data-pagefind-body element"
ENV_BINARY = "FANZHA_PAGEFIND"  # an explicit path wins (e.g. a packaged build machine)
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the repository that holds build_tools/

# Inside the marked content, what is not text to search: controls (projection and quiz
# buttons) and what shows only on paper (the page's address under a printed case).
# Pagefind already skips <nav>, <form>, <script> and [data-pagefind-ignore].
EXCLUDE_SELECTORS = ("button", ".fz-print-only")

# Files Pagefind writes for its own ready-made UIs; our search box uses only the JS API.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css")


class SearchIndexError(BuildStepError):
    """The search index could not be built; the message says how to fix it."""


@dataclass(frozen=True)
class IndexRun:
    """What one indexing run produced."""

    bundle_dir: Path
    pages: int
    log: str


def binary_name() -> str:
    """The npm sub-package path of the extended binary for this machine."""
    plat = _PLATFORMS.get(sys.platform.rstrip("0123456789"), sys.platform)
    arch = _ARCHES.get(platform.machine().lower(), platform.machine().lower())
    exe = "pagefind_extended.exe" if plat == "windows" else "pagefind_extended"
    return f"@pagefind/{plat}-{arch}/bin/{exe}"


def find_binary(root: Path) -> Path:
    """The extended Pagefind binary: $FANZHA_PAGEFIND, else node_modules of the content root
    or of this repository. Raises SearchIndexError saying how to install it."""
    explicit = os.environ.get(ENV_BINARY)
    if explicit:
        if not Path(explicit).is_file():
            raise SearchIndexError(f"{ENV_BINARY}={explicit}: no such file; unset it to use the Pagefind "
                                   f"that `npm ci` (or `./run build`) installs into node_modules")
        return Path(explicit)
    rel = binary_name()
    places = [root / "node_modules", PACKAGE_ROOT / "node_modules"]
    for folder in dict.fromkeys(places):  # same folder once
        if (folder / rel).is_file():
            return folder / rel
    raise SearchIndexError(
        f"the search indexer Pagefind is not installed (looked for node_modules/{rel} in "
        f"{', '.join(str(p.parent) for p in dict.fromkeys(places))}). Run `./run build`, which installs it, "
        f"or `npm ci` in the folder that holds package.json; it comes from the npm registry, pinned in "
        f"package-lock.json")


def run_pagefind(binary: Path, site_dir: Path, bundle: str = "pagefind", language: str = "zh") -> IndexRun:
    """Index every HTML page of site_dir into site_dir/<bundle>/."""
    cmd = [str(binary), "--site", str(site_dir), "--output-subdir", bundle,
           "--force-language", language, "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]
    try:
        # dies with the build, even a SIGKILLed one (it indexes a folder that is then removed)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                              preexec_fn=leftovers.die_with_parent if leftovers._LIBC is not None else None)
    except OSError as exc:
        raise SearchIndexError(f"cannot run {binary}: {exc}; reinstall it with `npm ci`") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"{binary.name} took more than 10 minutes; nothing was indexed") from None
    log = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise SearchIndexError(f"{binary.name} failed (exit {proc.returncode}):\n{log}")
    bundle_dir = site_dir / bundle
    if not (bundle_dir / "pagefind.js").is_file():
        raise SearchIndexError(f"{binary.name} wrote no {bundle}/pagefind.js:\n{log}")
    if NO_BODY_MESSAGE in log:
        # Our content partial marks every content page; without it menus and footers get indexed.
        raise SearchIndexError("no page carries data-pagefind-body: the theme override "
                               "partials/content.html was not used, so the index would hold menus and footers")
    return IndexRun(bundle_dir, _indexed_pages(log), log)


def drop_unused(bundle_dir: Path) -> None:
    """Remove Pagefind's ready-made UIs: nothing links them, and less output is less to audit."""
    for name in UNUSED_BUNDLE_FILES:
        (bundle_dir / name).unlink(missing_ok=True)


def _indexed_pages(log: str) -> int:
    match = re.search(r"Indexed (\d+) pages?", log)
    return int(match.group(1)) if match else 0
