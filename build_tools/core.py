"""The pipeline's front half: load → validate → model. Imports nothing from MkDocs."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .checks.context import Context
from .checks.registry import run_checks
from .load.content import Files, Loaded, load_root
from .load.programme import read_programme
from .model import KnowledgeBase
from .problem import Problem
from .settings import Settings, load_settings


@dataclass
class Result:
    """A validated knowledge base and every problem found on the way."""

    root: Path
    settings: Settings
    kb: KnowledgeBase
    problems: list[Problem]
    loaded: Loaded

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(root: Path | Files, settings: Settings | None = None, today: dt.date | None = None,
             programme: bool = True) -> Result:
    """Load every source file under root and run every check.

    root may instead be a mapping of files (relative path -> text) standing for a content root,
    validated in memory: nothing is read from disk, settings default to Settings(), and what lives
    outside the content files (programme/, docs/) is neither read nor checked; Result.root is then
    the current folder, Path().

    programme=False leaves the programme/ folder unread and unchecked (kb.programme is None), for
    commands that do not use it: a broken calendar does not stop `fanzha export`.

    Raises SettingsError (from settings.py) when mkdocs.yml is unusable.
    """
    folder = None if isinstance(root, Mapping) else Path(root).resolve()
    if settings is None:
        settings = load_settings(folder) if folder is not None else Settings()
    with _gc_paused():
        loaded = load_root(root if folder is None else folder)
        if programme and folder is not None:
            loaded.kb.programme = read_programme(folder, loaded.kb, settings)
        ctx = Context(loaded, settings, today or dt.date.today(), folder)
        problems = run_checks(ctx)
    return Result(folder or Path(), settings, loaded.kb, problems, loaded)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the model is built and checked.

    Loading creates hundreds of thousands of objects that all stay alive, and the
    checks allocate many short-lived ones: every automatic collection re-examines
    the whole model and frees next to nothing (a third of `validate` at 30,000
    questions; none of this makes reference cycles). It runs as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
