"""The college calendar (programme/calendar.yml): semesters, holidays, exam weeks, seasons.

Format (docs/programme.md has the Chinese version):

```yaml
term_start_weeks: 2              # optional: how many weeks count as 开学季 (default 2)
seasons:                         # optional: season → type ids, first preferred (defaults below)
  november: [gouwu, kefu]
messages:                        # optional: your own text for a type's reminder
  shuadan: 刷单就是诈骗，…
semesters:
  - name: 2026—2027学年第一学期
    start: 2026-09-07            # Monday of week 1
    weeks: 20
    holidays: [{name: 国庆节, from: 2026-10-01, to: 2026-10-07}]
    exams: [{name: 期末考试, from: 2027-01-11, to: 2027-01-22}]
    graduation: {from: 2027-05-17, to: 2027-06-30}   # optional: 毕业季
```
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ...model import Pos
from ...problem import Problem, error
from .inputs import InputErrors, raise_if
from .yamlinput import Fields, load_doc

SEASON_PRIORITY = ("term-start", "graduation", "exams", "before-holiday", "november")
SEASON_LABELS = {"term-start": "开学季", "graduation": "毕业季", "exams": "考试周",
                 "before-holiday": "假期前", "november": "“双十一”购物季", "regular": "日常轮换"}
# What each season warns about; ids missing from a college's taxonomy are skipped.
DEFAULT_SEASON_TYPES: dict[str, tuple[str, ...]] = {
    "term-start": ("maochong-laoshi", "zhuxuejin"),   # fake fees, fake teachers, fake aid
    "november": ("gouwu", "kefu"),                      # 双十一 shopping and "customer service"
    "before-holiday": ("shuadan",),                     # part-time jobs in the holidays
    "exams": ("kaoshi",),                               # selling answers, 包过, fake score pages
    "graduation": ("daikuan", "shuadan", "liangka"),    # 培训贷, job and renting scams, selling cards
}
_TOP_KEYS = ("semesters", "seasons", "messages", "term_start_weeks")
_SEMESTER_KEYS = ("name", "start", "weeks", "holidays", "exams", "graduation")
_PERIOD_KEYS = ("name", "from", "to")


@dataclass(frozen=True)
class Period:
    """A named stretch of days, both ends included."""

    name: str
    start: dt.date
    end: dt.date

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and first <= self.end


@dataclass
class Semester:
    name: str
    start: dt.date
    weeks: int
    holidays: list[Period] = field(default_factory=list)
    exams: list[Period] = field(default_factory=list)
    graduation: Period | None = None
    pos: Pos = field(default_factory=lambda: Pos(""))

    def monday(self, week: int) -> dt.date:
        """First day of week `week` (1-based)."""
        return self.start + dt.timedelta(weeks=week - 1)

    @property
    def end(self) -> dt.date:
        return self.monday(self.weeks) + dt.timedelta(days=6)


@dataclass
class Calendar:
    rel: str
    semesters: list[Semester]
    seasons: dict[str, tuple[str, ...]]
    messages: dict[str, str] = field(default_factory=dict)
    message_pos: dict[str, Pos] = field(default_factory=dict)
    term_start_weeks: int = 2


def load_calendar(text: str, rel: str, type_ids: list[str]) -> Calendar:
    """Read and check calendar.yml; InputErrors lists every problem with its position."""
    doc = load_doc(text, rel)
    problems: list[Problem] = []
    top = Fields(doc, (), problems, _TOP_KEYS)
    term_weeks = top.integer("term_start_weeks", 0, 8, default=2)
    semesters = [_semester(top.child("semesters", i, known=_SEMESTER_KEYS))
                 for i in top.items("semesters", required=True)]
    if top.has("semesters") and not semesters and isinstance(top.data["semesters"], list):
        top.fail(("semesters",), "expected at least one semester", "missing-key")
    problems += _overlaps([s for s in semesters if s is not None], rel)
    cal = Calendar(rel, [s for s in semesters if s is not None], _seasons(top, type_ids),
                   term_start_weeks=term_weeks or 0)
    _messages(top, type_ids, cal)
    raise_if(problems)
    return cal


def _semester(f: Fields) -> Semester | None:
    name, start = f.text("name"), f.date("start")
    weeks = f.integer("weeks", 1, 30)
    if start is not None and start.weekday() != 0:
        f.fail(("start",), f"expected the Monday of week 1, found {start} (a {start.strftime('%A')}); "
                           "weeks run Monday to Sunday", "bad-date")
        start = None
    holidays = [p for i in f.items("holidays") if (p := _period(f.child("holidays", i, known=_PERIOD_KEYS)))]
    exams = [p for i in f.items("exams") if (p := _period(f.child("exams", i, known=_PERIOD_KEYS)))]
    graduation = None
    if f.has("graduation"):
        graduation = _period(f.child("graduation", known=_PERIOD_KEYS), default_name="毕业季")
    if not name or start is None or weeks is None:
        return None
    return Semester(name, start, weeks, holidays, exams, graduation, f.pos())


def _period(f: Fields, default_name: str = "") -> Period | None:
    name = f.text("name", required=not default_name, default=default_name)
    start = f.date("from")
    end = f.date("to", required=False) or start
    if start is None or end is None:
        return None
    if end < start:
        f.fail(("to",), f"expected a date on or after from ({start}), found {end}", "bad-date")
        return None
    return Period(name, start, end)


def _overlaps(semesters: list[Semester], rel: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Pos] = {}  # semester name → where it is first defined
    ordered = sorted(semesters, key=lambda s: s.start)
    for a, b in itertools.pairwise(ordered):
        if b.start <= a.end:
            problems.append(error(b.pos, "bad-date", f"semester '{b.name}' starts on {b.start}, before "
                                  f"'{a.name}' ends ({a.end}); semesters must not overlap"))
    for s in semesters:
        if s.name in seen:
            problems.append(error(s.pos, "duplicate-id", f"semester name '{s.name}' is used twice "
                                  f"(first at line {seen[s.name].line}); names must differ"))
        seen.setdefault(s.name, s.pos)
    return problems


def _seasons(top: Fields, type_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """Season → existing type ids: the file's lists over the defaults; unknown ids in the file are errors."""
    given = top.mapping("seasons")
    out = {s: tuple(t for t in ids if t in type_ids) for s, ids in DEFAULT_SEASON_TYPES.items()}
    for season, ids in given.items():
        if season not in DEFAULT_SEASON_TYPES:
            top.problems.append(_key_error(top, ("seasons", season), f"seasons.{season}: unknown season; "
                                           f"expected one of {', '.join(SEASON_PRIORITY)}"))
            continue
        ids = [ids] if isinstance(ids, str) else ids
        if not isinstance(ids, list):
            top.fail(("seasons", season), f"expected a list of type ids, found {ids!r}")
            continue
        for i, tid in enumerate(ids):
            if tid not in type_ids:
                top.fail(("seasons", season, i), f"unknown type id '{tid}'; expected an id from taxonomy.yml",
                         "unknown-type")
        out[season] = tuple(t for t in ids if t in type_ids)
    return out


def _messages(top: Fields, type_ids: list[str], cal: Calendar) -> None:
    for tid, text in top.mapping("messages").items():
        if tid not in type_ids:
            top.problems.append(_key_error(top, ("messages", tid), f"messages.{tid}: unknown type id; "
                                           "expected an id from taxonomy.yml", "unknown-type"))
        elif not isinstance(text, str) or not text.strip():
            top.fail(("messages", tid), f"expected the reminder text, found {text!r}")
        else:
            cal.messages[tid] = " ".join(text.split())
            cal.message_pos[tid] = top.pos("messages", tid)


def _key_error(top: Fields, keys: tuple[str, ...], message: str, code: str = "unknown-key") -> Problem:
    return error(top.doc.key_pos(*keys), code, message)


__all__ = [
    "DEFAULT_SEASON_TYPES",
    "SEASON_LABELS",
    "SEASON_PRIORITY",
    "Calendar",
    "InputErrors",
    "Period",
    "Semester",
    "load_calendar",
]
