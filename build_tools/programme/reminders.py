"""周提醒 as files: the weekly reminders (planned in load/programme/plan.py) as CSV for Excel and
as calendar events (.ics), for `fanzha reminders` and the site's reminders page."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from ..load.programme.calendar import Calendar
from ..load.programme.plan import Reminder
from ..settings import Settings
from . import ics
from .output import csv_bytes

CSV_COLUMNS = ("学期", "周次", "日期", "主题", "类型", "提醒内容", "字数", "链接")


def to_csv(reminders: list[Reminder]) -> bytes:
    """The reminders as CSV for Excel (UTF-8 with BOM, CRLF)."""
    rows = [CSV_COLUMNS] + [(r.semester, str(r.week), r.date.isoformat(), r.season_label, r.type_name,
                             r.text, str(r.length), r.url) for r in reminders]
    return csv_bytes(rows)


def to_ics(reminders: list[Reminder], cal: Calendar, settings: Settings) -> bytes:
    """The reminders as all-day events on each week's Monday (RFC 5545)."""
    starts = {s.name: s.start for s in cal.semesters}
    host = urlsplit(settings.site_url).hostname or "fanzha-kb.invalid"
    events = [ics.Event(uid=f"reminder-{starts[r.semester]:%Y%m%d}-w{r.week:02d}@{host}", day=r.date,
                        summary=f"反诈周提醒 第{r.week}周：{r.type_name}", description=r.text, url=r.url,
                        categories=r.season_label) for r in reminders]
    first = min(starts.values(), default=dt.date(2000, 1, 1))
    stamp = dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.UTC)
    return ics.render(events, f"{settings.college_name}反诈周提醒", stamp)

