"""The pipeline's front half: load → validate → model. Imports nothing from MkDocs."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .checks.context import Context
from .checks.registry import run_checks
from .load.content import Loaded, load_root
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


def validate(root: Path, settings: Settings | None = None, today: dt.date | None = None,
             programme: bool = True) -> Result:
    """Load every source file under root and run every check.

    programme=False leaves the programme/ folder unread and unchecked (kb.programme is None), for
    commands that do not use it: a broken calendar does not stop `fanzha export`.

    Raises SettingsError (from settings.py) when mkdocs.yml is unusable.
    """
    root = Path(root).resolve()
    settings = settings if settings is not None else load_settings(root)
    with _gc_paused():
        loaded = load_root(root)
        if programme:
            loaded.kb.programme = read_programme(root, loaded.kb, settings)
        ctx = Context(loaded, settings, today or dt.date.today(), root)
        problems = run_checks(ctx)
    return Result(root, settings, loaded.kb, problems, loaded)


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
