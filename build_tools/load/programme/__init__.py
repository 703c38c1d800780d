"""The programme's input files (the college's `programme/` folder), read once with the content.

`read_programme` reads the files the site is made from — calendar.yml, campaign.yml and, when
settings.publish_bulletin is true, incidents.csv and the colleges of classes.csv — into a
`Programme` on the knowledge base (`kb.programme`): what each file holds, and every problem found
while reading it at its line and column. `fanzha validate` reports those problems through the
check registry (checks/programme.py), the site's programme pages render from the same object
(pages/programme.py), and commands that do not use the programme (`fanzha export`, `kits`,
`paper`…) do not read it (`core.validate(root, programme=False)`).

The programme commands (`fanzha reminders --calendar FILE`, `bulletin`, `campaign`…) read the
file named on their command line through the same readers (`input_file` and the `read_*`
functions, which raise InputErrors listing every problem).

Formats: docs/programme.md. Modules: inputs.py (encodings, CSV tables with positions, field
values), yamlinput.py (YAML mappings with positions), calendar.py, campaign.py, incidents.py (one
file each), plan.py (the weekly reminders derived from the calendar and the taxonomy).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...model import KnowledgeBase
from ...problem import Problem
from ...settings import Settings
from . import plan as _plan
from .calendar import Calendar, load_calendar
from .campaign import Campaign, load_campaign
from .incidents import Incident, load_incidents
from .inputs import InputErrors, raise_if, read_input, read_table
from .plan import Plan

PROGRAMME_DIR = "programme"  # the folder under the root holding the input files
CALENDAR = "calendar.yml"
CAMPAIGN = "campaign.yml"
INCIDENTS = "incidents.csv"
CLASSES = "classes.csv"
MEETINGS = "meetings.csv"
RESULTS = "results.csv"
INSERT = "insert.yml"
# classes.csv: one line per class (the bulletin reads its colleges, `fanzha coverage` all of it)
CLASS_COLUMNS = ("学院", "班级", "人数")


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


def read_calendar(inp: Input, kb: KnowledgeBase) -> Calendar:
    return load_calendar(inp.text(), inp.rel, list(kb.types))


def reminder_plan(inp: Input, kb: KnowledgeBase, settings: Settings,
                  dir_urls: bool = True) -> tuple[Calendar, Plan]:
    """The calendar and its reminders; InputErrors for a bad calendar or a message that cannot fit."""
    cal = read_calendar(inp, kb)
    return cal, checked_plan(cal, kb, settings, dir_urls)


def checked_plan(cal: Calendar, kb: KnowledgeBase, settings: Settings, dir_urls: bool = True) -> Plan:
    """The calendar's reminders; InputErrors for a message that cannot fit."""
    reminders, problems = _plan.plan(cal, kb.types, settings, dir_urls)
    raise_if(problems)
    return reminders


def campaign(inp: Input) -> Campaign:
    return load_campaign(inp.text(), inp.rel)


def incidents(inp: Input, kb: KnowledgeBase) -> list[Incident]:
    return load_incidents(inp.text(), inp.rel, kb.types)


def roster_colleges(inp: Input) -> list[str]:
    """Colleges named in the class roster (none when there is no roster)."""
    return colleges_of(inp.text(), inp.rel) if inp.exists else []


def colleges_of(text: str, rel: str) -> list[str]:
    """Colleges named in the text of a class roster, in order of first mention."""
    table = read_table(text, rel, CLASS_COLUMNS)
    raise_if(table.problems)
    return list(dict.fromkeys(row["学院"] for row in table.rows if row["学院"]))


@dataclass
class Programme:
    """What the programme files under one root hold, read once.

    A missing file is fine (its field stays empty and its page says how to add one); a broken one
    leaves its field empty and its problems in `problems` (the build stops on them)."""

    calendar: Calendar | None = None
    campaign: Campaign | None = None
    incidents: list[Incident] = field(default_factory=list)  # only when settings.publish_bulletin
    colleges: list[str] = field(default_factory=list)  # of classes.csv, for the bulletins
    # rel path → decoded text of calendar.yml and campaign.yml (the personal-data scan reads them)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def rel(self, name: str) -> str:
        """How problems and pages name one of the files (`programme/calendar.yml`)."""
        return f"{PROGRAMME_DIR}/{name}"


def read_programme(root: Path, kb: KnowledgeBase, settings: Settings) -> Programme:
    """Every programme file the site is made from, under `root`; a file's problems go to `problems`."""
    out = Programme()
    names = [CALENDAR, CAMPAIGN] + ([INCIDENTS, CLASSES] if settings.publish_bulletin else [])
    for name in names:
        inp = input_file(root, name)
        if not inp.exists:
            continue
        try:
            text = inp.text()
            if name == CALENDAR:
                out.texts[inp.rel] = text
                out.calendar = load_calendar(text, inp.rel, list(kb.types))
            elif name == CAMPAIGN:
                out.texts[inp.rel] = text
                out.campaign = load_campaign(text, inp.rel)
            elif name == INCIDENTS:
                out.incidents = load_incidents(text, inp.rel, kb.types)
            else:
                out.colleges = colleges_of(text, inp.rel)
        except InputErrors as exc:
            out.problems.extend(exc.problems)
    return out


__all__ = [
    "CALENDAR",
    "CAMPAIGN",
    "CLASSES",
    "CLASS_COLUMNS",
    "INCIDENTS",
    "INSERT",
    "MEETINGS",
    "PROGRAMME_DIR",
    "RESULTS",
    "Input",
    "InputErrors",
    "Programme",
    "campaign",
    "checked_plan",
    "colleges_of",
    "incidents",
    "input_file",
    "read_calendar",
    "read_programme",
    "reminder_plan",
    "roster_colleges",
]
