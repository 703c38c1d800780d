"""`fanzha serve`: a live preview that rebuilds only what an edit touches.

The first build is a whole `mkdocs build` with the fanzha plugin (validation, generated
pages, kits, share cards, search index). After that, saving a case, clip or bank:

1. reads again only the files whose size or modification time changed (`SourceCache`:
   every other file's reading is kept from before, and the model is put together in file
   order exactly as `load.content.load_root` does, so duplicates, shadowed items and
   positions are the same), then runs every check on the whole model (cross-references,
   duplicates and near-duplicates across banks need it; no warning is lost);
2. renders again only the generated pages the edit can change (the item's own page, its
   type's page, its section's index, the pages that list it) and, of those, hands MkDocs
   only the pages whose Markdown really changed: MkDocs renders them into the served site
   with the navigation and theme of the first build, the edited items' own pages first (the
   browser reloads then) and the pages listing them right after, in the background;
3. in the background, after the browser has reloaded: the near-duplicate checks (warnings
   only; their warnings for the edited files are printed then), the kit PDFs after a bank
   edit, and the search index.

Anything else (taxonomy.yml, a kit or scenario, docs/, mkdocs.yml, a file added or removed,
an id or type changed) rebuilds the whole site as `mkdocs serve` does. Content errors are
printed as `fanzha validate` prints them and leave the served site as it was.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import core
from .checks import similar
from .checks.context import Context
from .checks.registry import CHECKS, run_checks
from .load import content as _content
from .load.content import Loaded, source_files
from .load.programme import read_programme
from .load.text import UnreadableFile, read_text
from .model import KnowledgeBase, Pos
from .problem import error
from .site import Site
from .urls import FOLDERS, SiteUrls

log = logging.getLogger("mkdocs.plugins.fanzha.serve")

# model table -> the kind its ids are defined under (load.content._add)
_TABLES = {"types": "type", "cases": "case", "clips": "clip", "banks": "bank", "kits": "kit",
           "scenarios": "scenario"}
# source folders whose single files can be rebuilt alone; any other change rebuilds everything
INCREMENTAL_DIRS = ("cases", "clips", "quizzes")
KIND_OF_DIR = {"cases": "case", "clips": "clip", "quizzes": "bank"}  # the item kind each folder holds


@dataclass
class _Piece:
    """What reading one file added to a Loaded."""

    stamp: tuple[int, int]
    loaded: Loaded
    text: str | None


@dataclass
class SourceCache:
    """Every source file's reading, kept until the file changes."""

    root: Path
    pieces: dict[str, _Piece] = field(default_factory=dict)

    def load(self) -> tuple[Loaded, set[str]]:
        """The whole root's Loaded, as load_root makes it, and the files read again (added, changed
        or removed) since the previous call."""
        merged = Loaded(KnowledgeBase())
        if not (self.root / "taxonomy.yml").is_file():
            merged.problems.append(error(Pos("taxonomy.yml", 1, 1), "missing-file",
                "expected taxonomy.yml at the root, listing the fraud types; create it (see `fanzha init`)"))
        changed: set[str] = set()
        seen: dict[str, _Piece] = {}
        for rel, path in source_files(self.root):
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = (st.st_mtime_ns, st.st_size)
            piece = self.pieces.get(rel)
            if piece is None or piece.stamp != stamp:
                piece = _read(rel, path, stamp)
                changed.add(rel)
            seen[rel] = piece
            _merge(merged, rel, piece)
        changed |= set(self.pieces) - set(seen)
        self.pieces = seen
        return merged, changed


def _read(rel: str, path: Path, stamp: tuple[int, int]) -> _Piece:
    piece = Loaded(KnowledgeBase())
    try:
        text: str | None = read_text(path, rel)
    except UnreadableFile as exc:
        piece.problems.append(exc.problem)
        return _Piece(stamp, piece, None)
    assert text is not None
    _content._READERS[rel.split("/", 1)[0]](piece, rel, text)
    return _Piece(stamp, piece, text)


def _merge(merged: Loaded, rel: str, piece: _Piece) -> None:
    """Add one file's reading to merged, as if it had been read into merged itself."""
    part = piece.loaded
    merged.problems.extend(part.problems)
    if piece.text is not None:
        merged.texts[rel] = piece.text
    earlier = {key: bool(merged.definitions.get(key)) for key in part.definitions}
    for key, places in part.definitions.items():
        merged.definitions.setdefault(key, []).extend(places)
    for name, kind in _TABLES.items():
        table = getattr(merged.kb, name)
        for item_id, item in getattr(part.kb, name).items():
            if earlier.get((kind, item_id)):
                if kind != "type":  # load.content drops a repeated type id; other kinds are kept aside
                    merged.shadowed.append(item)
            else:
                table[item_id] = item
    merged.shadowed.extend(part.shadowed)


def check(loaded: Loaded, root: Path, settings: Any, today: dt.date | None = None,
          skip: tuple[Any, ...] = ()) -> core.Result:
    """core.validate's checks on a Loaded (from SourceCache.load); the checks in `skip` are left for
    `late_problems`."""
    with core._gc_paused():
        if loaded.kb.programme is None:  # read again on each edit, as core.validate reads it (a few small files)
            loaded.kb.programme = read_programme(root, loaded.kb, settings)
        ctx = Context(loaded, settings, today or dt.date.today(), root)
        if not skip:
            problems = run_checks(ctx)
        else:
            found = set(loaded.problems)
            for one in CHECKS:
                if not any(one is s for s in skip):
                    found.update(one(ctx))
            problems = sorted(found)
    return core.Result(root, settings, loaded.kb, problems, loaded)


def late_problems(result: core.Result, skip: tuple[Any, ...], today: dt.date | None = None) -> list[Any]:
    """What the checks `check` skipped find, and the result's problems with them."""
    with core._gc_paused():
        ctx = Context(result.loaded, result.settings, today or dt.date.today(), result.root)
        found: set[Any] = set()
        for one in skip:
            found.update(one(ctx))
    return sorted(found)


# Checks that only ever warn and take most of a validation at 10,000 questions (near-duplicate stems and
# questions across all banks): after an edit they run once the page is shown, and their warnings follow.
WARNINGS_LATER = (similar.check, similar.near_check)


# which generated pages an edit can change ---------------------------------

def touched_pages(old: KnowledgeBase, new: KnowledgeBase, changed: set[str]) -> set[str] | None:
    """src_uris of the generated pages that may differ after `changed` files were edited; None when
    the edit needs a whole rebuild (another kind of file, a file added or removed, an id or type changed)."""
    wanted = {"index.md", "types/index.md"}
    for rel in changed:
        if rel.split("/", 1)[0] not in INCREMENTAL_DIRS:
            return None
        before, after = _items_at(old, rel), _items_at(new, rel)
        if [(k, i.id, i.type) for k, i in before] != [(k, i.id, i.type) for k, i in after] or not after:
            return None
        for folder, item in after:
            kind = KIND_OF_DIR[folder]
            wanted |= {SiteUrls.src("type", item.type), SiteUrls.section(FOLDERS[kind]), SiteUrls.src(kind, item.id)}
            if kind == "case":
                wanted |= {SiteUrls.src("clip", c.id) for c in new.clips.values() if c.case == item.id}
            elif kind == "clip":
                wanted |= {SiteUrls.src("case", c.id) for c in new.cases.values()
                           if c.type == item.type or c.id == item.case}
            else:  # a bank: the case pages of its type list it and its questions
                wanted |= {SiteUrls.src("case", c.id) for c in new.cases.values() if c.type == item.type}
                wanted |= {SiteUrls.src("bank", b) for b in new.banks}  # a question may be shared or linked
    return wanted


def _items_at(kb: KnowledgeBase, rel: str) -> list[tuple[str, Any]]:
    out = []
    tables: dict[str, Mapping[str, Any]] = {"cases": kb.cases, "clips": kb.clips, "quizzes": kb.banks}
    for name in INCREMENTAL_DIRS:
        table = tables[name]
        for item in table.values():
            path = getattr(item, "path", None) or getattr(getattr(item, "pos", None), "file", None)
            if path == rel:
                out.append((name, item))
    return out


@contextlib.contextmanager
def only_pages(wanted: set[str], previous: dict[str, str]) -> Iterator[None]:
    """pages.generate renders only `wanted` pages (and new ones); the others keep their previous text."""
    from .pages.render import Renderer

    original = Renderer.page

    def page(self: Any, src_uri: str, template: str, title: str, **context: Any) -> str:
        if src_uri not in wanted and src_uri in previous:
            return previous[src_uri]
        return original(self, src_uri, template, title, **context)

    Renderer.page = page  # type: ignore[method-assign]
    try:
        yield
    finally:
        Renderer.page = original  # type: ignore[method-assign]


# the server ----------------------------------------------------------------

class _Capture:
    """A plugin added after fanzha's: keeps MkDocs' files, navigation and template environment."""

    def __init__(self) -> None:
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        self.env = env
        return env


class Preview:
    """The served site and what its next edit needs."""

    def __init__(self, root: Path, dev_addr: str, say: Callable[[str], None] | None = None) -> None:
        self.root = Path(root).resolve()
        self.dev_addr = dev_addr
        self.site_dir = Path(tempfile.mkdtemp(prefix="fanzha-serve-"))
        self.say = say or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.cache = SourceCache(self.root)
        self.result: core.Result | None = None
        self.pages: dict[str, str] = {}
        self.downloads: dict[str, Any] = {}  # each kit's files, from the whole build (kit pages list them)
        self.config: Any = None
        self.capture = _Capture()
        self.serve_url = ""
        self._background: threading.Thread | None = None
        self._pending: list[tuple[core.Result, set[str]]] = []
        self._bg_lock = threading.Lock()
        self._later: list[str] = []  # pages an edit changed that are rendered after its own page
        self._lock = threading.Lock()

    # whole builds
    def full_build(self) -> bool:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        from . import pages as pages_mod
        from . import pdf
        from .settings import SettingsError, load_settings

        t = time.perf_counter()
        self.wait_background()
        self._later = []
        try:
            settings = load_settings(self.root)
        except SettingsError as exc:
            self.say(f"fanzha: {exc}")
            return False
        self.cache = SourceCache(self.root)
        loaded, _ = self.cache.load()
        result = check(loaded, self.root, settings)
        self._print(result.problems)
        if result.errors:
            self.say(f"fanzha serve: {len(result.errors)} content error(s); the preview is unchanged")
            return False
        cfg = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        host, port = cfg.dev_addr if self.dev_addr is None else _addr(self.dev_addr)
        cfg.dev_addr = cfg.dev_addr._replace(host=host, port=port)
        self.serve_url = cfg.site_url = f"http://{host}:{port}/"
        plugin = cfg.plugins.get("fanzha")
        if plugin is None:
            self.say("fanzha: mkdocs.yml: the fanzha plugin is not enabled; add `plugins: [fanzha]`")
            return False
        plugin.use_validated(result)  # no second validation
        self.capture = _Capture()
        cfg.plugins["fanzha-serve-capture"] = self.capture  # type: ignore[assignment]
        captured: dict[str, dict[str, Any]] = {}  # "pages": src_uri -> Markdown, "downloads": kit -> files
        original, render_kits = pages_mod.generate, pdf.render_kits

        def generate(*a: Any, **kw: Any) -> dict[str, str]:
            captured["pages"] = original(*a, **kw)
            return captured["pages"]

        def kits(*a: Any, **kw: Any) -> Any:
            captured["downloads"] = render_kits(*a, **kw)
            return captured["downloads"]

        pages_mod.generate, pdf.render_kits = generate, kits
        try:
            cfg.plugins.on_startup(command="serve", dirty=False)
            build(cfg, serve_url=self.serve_url)
        except MkDocsException as exc:
            self.say(f"fanzha: {exc}")
            return False
        finally:
            pages_mod.generate, pdf.render_kits = original, render_kits
        self.config, self.result, self.pages = cfg, result, captured.get("pages", {})
        self.downloads = captured.get("downloads") or {}
        self.say(f"fanzha serve: whole site built in {time.perf_counter() - t:.1f} s")
        return True

    # edits
    def rebuild(self) -> None:
        """The LiveReloadServer's builder: the edit alone when it can, else the whole site."""
        t = time.perf_counter()
        with self._lock:  # the background's page rendering takes it too: MkDocs renders one page at a time
            try:
                done = self._edit()
            except Exception as exc:  # whatever the shortcut missed, a whole build shows
                self.say(f"fanzha serve: rebuilding the whole site ({type(exc).__name__}: {exc})")
                done = None
        if done is None:
            self.full_build()  # waits for the background first (it may hold the lock)
        elif done:
            self.say(f"fanzha serve: {done} page(s) rebuilt in {time.perf_counter() - t:.2f} s")

    def _edit(self) -> int | None:
        """Pages re-rendered (0: nothing to do or content errors), or None for a whole rebuild."""
        from . import pages as pages_mod

        if self.result is None or self.config is None or self.capture.files is None:
            return None
        old = self.result
        loaded, changed = self.cache.load()
        if not changed:
            return None  # docs/, mkdocs.yml or the theme: MkDocs' own files
        result = check(loaded, self.root, old.settings, skip=WARNINGS_LATER)
        self._print([p for p in result.problems if p.is_error or p.path in changed])
        if result.errors:
            self.say(f"fanzha serve: {len(result.errors)} content error(s); the preview is unchanged")
            return 0
        wanted = touched_pages(old.kb, result.kb, changed)
        if wanted is None:
            return None
        plugin = self.config.plugins.get("fanzha")
        downloads = self.downloads
        with only_pages(wanted, self.pages):
            site = Site.of(result, directory_urls=bool(self.config.use_directory_urls))
            fresh = pages_mod.generate(site, downloads)
        if set(fresh) != set(self.pages):
            return None
        plugin.result, plugin.site = result, site
        files = self.capture.files
        redo = [src for src, text in fresh.items() if text != self.pages[src]]
        if any(files.get_file_from_path(src) is None or files.get_file_from_path(src).page is None for src in redo):
            return None
        # the edited items' own pages first (the browser reloads when this returns); the pages that
        # list them (type page, index, related pages) right after, before the search index
        own = {SiteUrls.src(KIND_OF_DIR[folder], item.id) for rel in changed for folder, item in _items_at(result.kb, rel)}
        now = [src for src in redo if src in own] or redo
        for src in redo:
            files.get_file_from_path(src).content_string = fresh[src]
        self._render(now)
        self._later = [src for src in dict.fromkeys(self._later + redo) if src not in now]
        self.result, self.pages = result, fresh
        self._in_background(result, changed)
        return len(redo) or 0

    def _render(self, srcs: list[str]) -> None:
        """MkDocs renders these pages (their Markdown already set) with the first build's nav and theme."""
        from mkdocs.commands.build import _build_page, _populate_page

        files, cfg = self.capture.files, self.config
        for src in srcs:
            _populate_page(files.get_file_from_path(src).page, cfg, files)
        doc_files = files.documentation_pages()
        for src in srcs:
            _build_page(files.get_file_from_path(src).page, cfg, doc_files, self.capture.nav, self.capture.env)

    def _in_background(self, result: core.Result, changed: set[str]) -> None:
        """After an edit, while the browser already shows it: the warnings of WARNINGS_LATER for the
        edited files, then the kit PDFs (after a bank edit) and the search index."""
        from . import pdf, postbuild

        def work() -> None:
            while True:
                with self._bg_lock:
                    if not self._pending:
                        self._background = None
                        return
                    batch, self._pending[:] = list(self._pending), []
                latest = batch[-1][0]
                site = Site.of(latest, directory_urls=bool(self.config is None or self.config.use_directory_urls))
                edited = set().union(*(c for _, c in batch))
                try:
                    with self._lock:  # the pages listing the edited items, as MkDocs renders one page at a time
                        later, self._later = self._later, []
                        if later:
                            self._render(later)
                    for res, files in batch:
                        late = late_problems(res, WARNINGS_LATER)
                        res.problems = sorted(set(res.problems) | set(late))
                        self._print([p for p in late if p.path in files])
                    if any(r.startswith("quizzes/") for r in edited):
                        kits = Path(tempfile.mkdtemp(prefix="fanzha-serve-kits-"))
                        try:
                            pdf.render_kits(site, kits, warn=lambda msg: None)
                            shutil.copytree(kits, self.site_dir, dirs_exist_ok=True)
                        finally:
                            shutil.rmtree(kits, ignore_errors=True)
                    postbuild.run(site, self.site_dir)
                except Exception as exc:  # the preview stays up; say what failed
                    self.say(f"fanzha serve: search index not rebuilt: {exc}")

        with self._bg_lock:
            self._pending.append((result, changed))
            if self._background is None:
                self._background = threading.Thread(target=work, name="fanzha-search-index", daemon=True)
                self._background.start()

    def wait_background(self) -> None:
        thread = self._background
        if thread is not None:
            thread.join()

    def _print(self, problems: list[Any]) -> None:
        for p in problems:
            self.say(str(p))

    # serving
    def serve(self) -> int:
        from mkdocs.livereload import LiveReloadServer

        if not self.full_build():
            return 1
        host, port = self.config.dev_addr
        server = LiveReloadServer(builder=self.rebuild, host=host, port=port, root=str(self.site_dir),
                                  polling_interval=0.2)
        for name in ("mkdocs.yml", self.config.docs_dir):
            path = Path(name) if os.path.isabs(name) else self.root / name
            if path.exists():
                server.watch(str(path))
        # the content files the plugin watches (source folders, taxonomy.yml, search.yml...)
        self.config.plugins["fanzha"].on_serve(server, config=self.config, builder=self.rebuild)
        signal.signal(signal.SIGTERM, _interrupt)  # a terminated server removes its site folder too
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            self.wait_background()
            shutil.rmtree(self.site_dir, ignore_errors=True)
        return 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _addr(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)

