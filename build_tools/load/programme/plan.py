"""周提醒's plan: one reminder a week, chosen by season and rotating through every fraud type.

Derived from the calendar (calendar.py) and the taxonomy when the programme is read, so
`fanzha validate` reports a reminder that cannot fit (checks/programme.py) and the site page and
`fanzha reminders` (build_tools/programme/reminders.py: CSV and .ics) render the same plan.

How a week's type is chosen (documented for counsellors in docs/programme.md):

1. Each week gets a season, first match wins: 开学季 (the first `term_start_weeks`
   weeks), 毕业季 (overlaps `graduation`), 考试周 (overlaps an exam), 假期前 (a
   holiday starts in the 7 days after the week's Monday), “双十一” (Monday in
   November); otherwise 日常轮换. A season prefers its list of types.
2. Every type of the taxonomy must come up at least once a semester. Season
   types are first matched to season weeks (a maximum bipartite matching, so
   as many different season types as possible land in their season); the
   other types go to the ordinary weeks in taxonomy order. When there are more
   types than ordinary weeks, the extra ones take season weeks whose season
   already had its turn, starting with the season that has most weeks.
3. Weeks left over repeat a type: season weeks their least-used season type,
   ordinary weeks the least-used type overall (never the previous week's).

A reminder is at most MAX_CHARS characters including its link, so it can be
pasted into a class WeChat group as it is.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ...model import FraudType, Pos
from ...problem import Problem, error
from ...settings import Settings
from ...urls import SiteUrls
from .calendar import SEASON_LABELS, Calendar, Semester

MAX_CHARS = 150
TAIL = "不轻信、不转账，拿不准就打96110咨询。"
_CLAUSE = re.compile(r"[^，；。！？]*[，；。！？]|[^，；。！？]+$")


@dataclass(frozen=True)
class Week:
    semester: str
    number: int
    monday: dt.date
    season: str          # a key of SEASON_LABELS
    occasion: str        # the holiday or exam it is about ('' for other seasons)
    prefs: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    """One week's reminder, ready to paste."""

    semester: str
    week: int
    date: dt.date
    season: str
    type_id: str
    type_name: str
    text: str
    url: str

    @property
    def season_label(self) -> str:
        return SEASON_LABELS[self.season]

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass
class Plan:
    """Every semester's reminders, and the types a semester could not fit in."""

    reminders: list[Reminder]
    uncovered: dict[str, list[str]]  # semester name → type ids with no week

    @property
    def never(self) -> list[str]:
        """Types no semester reminds of (a calendar too short for the taxonomy)."""
        reminded = {r.type_id for r in self.reminders}
        return sorted({t for missing in self.uncovered.values() for t in missing} - reminded)


def page_url(site_url: str, type_id: str, directory_urls: bool = True) -> str:
    """The type's page on the site: absolute when site_url is set, else from the site root."""
    return SiteUrls(directory_urls, site_url).from_root("type", type_id)


def plan(cal: Calendar, types: dict[str, FraudType], settings: Settings,
         directory_urls: bool = True) -> tuple[Plan, list[Problem]]:
    """The reminders for every semester, and problems (a custom message too long to fit)."""
    reminders: list[Reminder] = []
    uncovered: dict[str, list[str]] = {}
    problems: list[Problem] = []
    missed: list[str] = []  # types the previous semester had no week for: this one reminds them first
    for sem in cal.semesters:
        weeks = semester_weeks(sem, cal)
        chosen = assign_types(weeks, [*missed, *(t for t in types if t not in missed)], set(missed))
        missing = [t for t in types if t not in chosen]
        if missing:
            uncovered[sem.name] = missing
        missed = missing
        for week, type_id in zip(weeks, chosen):
            url = page_url(settings.site_url, type_id, directory_urls)
            text = compose(week, types[type_id], url, cal.messages.get(type_id))
            if text is None:
                problems.append(_too_long(cal, type_id, url))
                continue
            season = week.season if type_id in week.prefs else "regular"
            reminders.append(Reminder(sem.name, week.number, week.monday, season, type_id,
                                      types[type_id].name, text, url))
    return Plan(reminders, uncovered), sorted(set(problems))


def _too_long(cal: Calendar, type_id: str, url: str) -> Problem:
    if type_id in cal.message_pos:
        return error(cal.message_pos[type_id], "too-long",
                     f"messages.{type_id}: with the week number and the link ({len(url)} characters) the "
                     f"reminder is over {MAX_CHARS} characters; shorten the text")
    return error(Pos(cal.rel, 1, 1), "too-long", f"the link {url} leaves no room for a reminder of at most "
                 f"{MAX_CHARS} characters; use a shorter site_url")


# --- seasons --------------------------------------------------------------------------------

def semester_weeks(sem: Semester, cal: Calendar) -> list[Week]:
    """Each week of the semester with its season and preferred types."""
    weeks = []
    for n in range(1, sem.weeks + 1):
        season, occasion = week_season(sem, n, cal.term_start_weeks)
        prefs = cal.seasons.get(season, ()) if season != "regular" else ()
        weeks.append(Week(sem.name, n, sem.monday(n), season if prefs else "regular", occasion, prefs))
    return weeks


def week_season(sem: Semester, n: int, term_start_weeks: int) -> tuple[str, str]:
    """(season, occasion) of week n; first match in SEASON_PRIORITY order."""
    monday = sem.monday(n)
    sunday = monday + dt.timedelta(days=6)
    if n <= term_start_weeks:
        return "term-start", ""
    if sem.graduation and sem.graduation.overlaps(monday, sunday):
        return "graduation", ""
    for exam in sem.exams:
        if exam.overlaps(monday, sunday):
            return "exams", exam.name
    for holiday in sorted(sem.holidays, key=lambda h: h.start):
        if monday < holiday.start <= monday + dt.timedelta(days=7):
            return "before-holiday", holiday.name
    if monday.month == 11:
        return "november", ""
    return "regular", ""


# --- choosing a type for each week ------------------------------------------------------------

def assign_types(weeks: list[Week], types: list[str], required: set[str] | None = None) -> list[str]:
    """A type id for each week: season-first, every type at least once when there are enough weeks.

    With more types than weeks, season weeks keep their season and the types left over wait for
    the next semester, which passes them as `required`: those take season weeks if they must.
    Types are placed in the order given (required ones first)."""
    if not types:
        return []
    chosen: dict[int, str] = _match_seasons(weeks)
    rest = [t for t in types if t not in chosen.values()]
    ordinary = [i for i, w in enumerate(weeks) if not w.prefs]
    spare = [i for i, w in enumerate(weeks) if w.prefs and i not in chosen]
    season_size = Counter(w.season for w in weeks)
    # Season weeks that lose their season: from the season with most weeks, latest first.
    spare.sort(key=lambda i: (-season_size[weeks[i].season], -i))
    must = rest if len(types) <= len(weeks) else [t for t in rest if required and t in required]
    give_up = spare[: max(0, len(must) - len(ordinary))]
    for i, type_id in zip(sorted(ordinary + give_up), rest):
        chosen[i] = type_id
    _fill_repeats(weeks, types, chosen)
    return [chosen[i] for i in range(len(weeks))]


def _match_seasons(weeks: list[Week]) -> dict[int, str]:
    """Maximum matching of season types to season weeks (Kuhn), trying preferred weeks first."""
    order: list[str] = list(dict.fromkeys(t for w in weeks for t in w.prefs))
    options = {t: sorted((i for i, w in enumerate(weeks) if t in w.prefs),
                         key=lambda i: (weeks[i].prefs.index(t), i)) for t in order}
    at: dict[int, str] = {}  # week index → type

    def augment(t: str, seen: set[int]) -> bool:
        for i in options[t]:
            if i not in seen:
                seen.add(i)
                if i not in at or augment(at[i], seen):
                    at[i] = t
                    return True
        return False

    for t in order:
        free = next((i for i in options[t] if i not in at), None)
        if free is not None:
            at[free] = t
        else:
            augment(t, set())
    return at


def _fill_repeats(weeks: list[Week], types: list[str], chosen: dict[int, str]) -> None:
    used = Counter(chosen.values())
    for i, week in enumerate(weeks):
        if i in chosen:
            continue
        previous = chosen.get(i - 1)
        pool = [t for t in (week.prefs or types) if t != previous] or list(week.prefs or types)
        pick = min(pool, key=lambda t: (used[t], pool.index(t)))
        chosen[i] = pick
        used[pick] += 1


# --- the text ---------------------------------------------------------------------------------

def lead(week: Week, type_id: str) -> str:
    """The opening words for the week's season ('开学季，谨防')."""
    season = week.season if type_id in week.prefs else "regular"
    return {"term-start": "开学季，谨防", "graduation": "毕业季，谨防", "november": "“双十一”购物季，谨防",
            "exams": f"{week.occasion or '考试'}临近，谨防", "before-holiday": f"{week.occasion or '假期'}将至，谨防",
            }.get(season, "本周提醒：谨防")


def compose(week: Week, ftype: FraudType, url: str, message: str | None = None) -> str | None:
    """The reminder text (≤ MAX_CHARS), or None when even the shortest form does not fit.

    Always: week, season lead, type name and link. Then the 96110 tail if it fits,
    then as much of the type's summary as fits, cut at a clause. A college's own
    message is never cut: without room for it, None.
    """
    head = f"【反诈周提醒·第{week.number}周】{lead(week, ftype.id)}{ftype.name}："
    link = f"详见：{url}"
    fixed = len(head) + len(link)
    if message is not None:
        for tail in (TAIL, ""):
            if fixed + len(message) + len(tail) <= MAX_CHARS:
                return head + message + tail + link
        return None
    tail = TAIL if fixed + len(TAIL) <= MAX_CHARS else ""
    if fixed + len(tail) > MAX_CHARS:
        return None
    return head + fit_clauses(ftype.summary, MAX_CHARS - fixed - len(tail)) + tail + link


def fit_clauses(text: str, room: int) -> str:
    """As many whole clauses of `text` as fit in `room` characters, ending with 。 ('' if none fits)."""
    best = so_far = ""
    for clause in _CLAUSE.findall(" ".join(text.split())):
        so_far += clause
        if len(_full_stop(so_far)) > room:
            break
        if _balanced(so_far):
            best = so_far
    return _full_stop(best) if best else ""


def _full_stop(text: str) -> str:
    return text if text.endswith(("。", "！", "？")) else text.rstrip("，；") + "。"


def _balanced(text: str) -> bool:
    # never cut inside quotation marks or brackets
    return (text.count('"') % 2 == 0 and text.count("“") == text.count("”")
            and text.count("（") == text.count("）") and text.count("《") == text.count("》"))
