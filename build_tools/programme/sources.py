"""Where the programme's input files are, and reading each into its model.

The commands, the site pages (pages/programme.py) and `fanzha validate`
(check.py) all read the inputs through here, so they agree on paths and errors.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import KnowledgeBase
from ..settings import Settings, SettingsError, read_mkdocs_yml
from . import PROGRAMME_DIR, reminders
from .calendar import Calendar, load_calendar
from .campaign import Campaign, load_campaign
from .coverage import CLASS_COLUMNS
from .incidents import Incident, load_incidents
from .inputs import InputErrors, raise_if, read_input, read_table

CALENDAR = "calendar.yml"
CAMPAIGN = "campaign.yml"
INCIDENTS = "incidents.csv"
CLASSES = "classes.csv"
MEETINGS = "meetings.csv"
RESULTS = "results.csv"
INSERT = "insert.yml"


@dataclass(frozen=True)
class Input:
    """An input file and the name errors give it (relative to the root, or as typed)."""

    path: Path
    rel: str

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def text(self) -> str:
        return read_input(self.path, self.rel)


def input_file(root: Path, name: str, given: str | None = None) -> Input:
    """The file named on the command line, else programme/<name> under the root."""
    if given:
        return Input(Path(given).resolve(), given)
    return Input(root / PROGRAMME_DIR / name, f"{PROGRAMME_DIR}/{name}")


def directory_urls(root: Path) -> bool:
    """MkDocs' use_directory_urls for this root (pages at x/ rather than x.html)."""
    try:
        return bool(read_mkdocs_yml(root).get("use_directory_urls", True))
    except SettingsError:
        return True


def reminder_plan(inp: Input, kb: KnowledgeBase, settings: Settings,
                  dir_urls: bool = True) -> tuple[Calendar, reminders.Plan]:
    """The calendar and its reminders; InputErrors for a bad calendar or a message that cannot fit."""
    cal = load_calendar(inp.text(), inp.rel, list(kb.types))
    plan, problems = reminders.plan(cal, kb.types, settings, dir_urls)
    raise_if(problems)
    return cal, plan


def campaign(inp: Input) -> Campaign:
    return load_campaign(inp.text(), inp.rel)


def incidents(inp: Input, kb: KnowledgeBase) -> list[Incident]:
    return load_incidents(inp.text(), inp.rel, kb.types)


def roster_colleges(inp: Input) -> list[str]:
    """Colleges named in the class roster (none when there is no roster)."""
    if not inp.exists:
        return []
    table = read_table(inp.text(), inp.rel, CLASS_COLUMNS)
    raise_if(table.problems)
    return list(dict.fromkeys(row["学院"] for row in table.rows if row["学院"]))


__all__ = ["CALENDAR", "CAMPAIGN", "CLASSES", "INCIDENTS", "INSERT", "Input", "InputErrors", "MEETINGS",
           "RESULTS", "campaign", "directory_urls", "incidents", "input_file", "reminder_plan", "roster_colleges"]
