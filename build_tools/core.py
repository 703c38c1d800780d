"""The pipeline's front half: load → validate → model. Imports nothing from MkDocs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .checks.context import Context
from .checks.registry import run_checks
from .load.content import Loaded, load_root
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


def validate(root: Path, settings: Settings | None = None, today: dt.date | None = None) -> Result:
    """Load every source file under root and run every check.

    Raises SettingsError (from settings.py) when mkdocs.yml is unusable.
    """
    root = Path(root).resolve()
    settings = settings if settings is not None else load_settings(root)
    loaded = load_root(root)
    ctx = Context(loaded, settings, today or dt.date.today(), root)
    return Result(root, settings, loaded.kb, run_checks(ctx), loaded)
