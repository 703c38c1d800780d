"""反诈宣传月: the campaign plan (programme/campaign.yml) → a month calendar and a list.

```yaml
title: 2026年反诈宣传月
month: 2026-11
intro: 全校一起……          # optional
activities:
  - date: 2026-11-02
    end: 2026-11-06          # optional: last day of a multi-day activity
    time: "14:30-16:00"      # optional
    title: 启动仪式
    place: 学术报告厅
    owner: 保卫处
    note: 各学院组织收看     # optional
```
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field

from ...model import Pos
from ...problem import Problem
from .inputs import BadValue, parse_month, raise_if
from .yamlinput import Fields, load_doc

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
_TOP_KEYS = ("title", "month", "intro", "activities")
_ACTIVITY_KEYS = ("date", "end", "time", "title", "place", "owner", "note")


@dataclass(frozen=True)
class Activity:
    start: dt.date
    end: dt.date
    title: str
    place: str
    owner: str
    time: str = ""
    note: str = ""
    pos: Pos = field(default=Pos(""), compare=False)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    activities: tuple[Activity, ...]

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@dataclass
class Campaign:
    title: str
    year: int
    month: int
    activities: list[Activity]
    intro: str = ""

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    def weeks(self) -> list[list[Day]]:
        """The month as Monday-first weeks of Days (days of the next/previous month marked)."""
        grid = _cal.Calendar(firstweekday=0).monthdatescalendar(self.year, self.month)
        return [[self._day(d) for d in week] for week in grid]

    def _day(self, d: dt.date) -> Day:
        inside = d.month == self.month
        return Day(d, inside, tuple(a for a in self.activities if a.on(d)) if inside else ())


def load_campaign(text: str, rel: str) -> Campaign:
    """Read and check campaign.yml; InputErrors lists every problem with its position."""
    doc = load_doc(text, rel)
    problems: list[Problem] = []
    top = Fields(doc, (), problems, _TOP_KEYS)
    title = top.text("title")
    year_month = _month(top)
    activities = [a for i in top.items("activities", required=True)
                  if (a := _activity(top.child("activities", i, known=_ACTIVITY_KEYS), year_month))]
    raise_if(problems)
    assert year_month is not None
    activities.sort(key=lambda a: (a.start, a.time, a.title))
    return Campaign(title, *year_month, activities, intro=top.text("intro", required=False))


def _month(top: Fields) -> tuple[int, int] | None:
    raw = top.data.get("month")
    if raw is None:
        top.fail(("month",), "missing; write the campaign month like 2026-11", "missing-key")
        return None
    try:
        return parse_month(str(raw))
    except BadValue as exc:
        top.fail(("month",), str(exc), "bad-date")
        return None


def _activity(f: Fields, year_month: tuple[int, int] | None) -> Activity | None:
    start, end = f.date("date"), f.date("end", required=False)
    title, place, owner = f.text("title"), f.text("place"), f.text("owner")
    time = _time(f)
    end = end or start
    if start is None or end is None:
        return None
    if end < start:
        f.fail(("end",), f"expected a date on or after date ({start}), found {end}", "bad-date")
        return None
    if year_month and not _within(start, end, year_month, f):
        return None
    if not (title and place and owner):
        return None
    return Activity(start, end, title, place, owner, time, f.text("note", required=False), f.pos())


def _within(start: dt.date, end: dt.date, year_month: tuple[int, int], f: Fields) -> bool:
    ok = True
    for key, day in (("date", start), ("end", end)):
        if (day.year, day.month) != year_month and f.has(key):
            f.fail((key,), f"expected a day in {year_month[0]}-{year_month[1]:02d} (the campaign month), "
                           f"found {day}", "bad-date")
            ok = False
    return ok


def _time(f: Fields) -> str:
    value = f.data.get("time")
    # YAML 1.1 reads an unquoted 14:30 as the number 870 (base 60); give the time back.
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60}:{value % 60:02d}"
    return f.text("time", required=False)
