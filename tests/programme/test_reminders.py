"""周提醒: season choice, coverage of every type, length, the CSV and the .ics (parsed back)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from build_tools import core
from build_tools.load import programme as sources
from build_tools.load.programme import plan as reminders
from build_tools.load.programme.calendar import load_calendar
from build_tools.model import FraudType
from build_tools.programme import ics

from ..conftest import REPO, fanzha
from .helpers import FIXTURE, assert_golden, fixture_copy, tree_files


def _plan(root: Path) -> tuple[core.Result, reminders.Plan]:
    result = core.validate(root)
    _, plan = sources.reminder_plan(sources.input_file(root, sources.CALENDAR), result.kb, result.settings)
    return result, plan


@pytest.fixture(scope="module")
def sample() -> tuple[core.Result, reminders.Plan]:
    """The repository's own calendar against the default taxonomy."""
    return _plan(REPO)


def test_every_semester_covers_every_type_of_the_taxonomy(sample: tuple[core.Result, reminders.Plan]) -> None:
    result, plan = sample
    semesters = {r.semester for r in plan.reminders}
    assert len(semesters) >= 2
    year: set[str] = set()
    for name in semesters:
        types = {r.type_id for r in plan.reminders if r.semester == name}
        weeks = len([r for r in plan.reminders if r.semester == name])
        if weeks >= len(result.kb.types):
            assert types == set(result.kb.types), f"{name} misses {set(result.kb.types) - types}"
        else:  # fewer weeks than types: a week each, the rest reminded first in the next semester
            assert set(plan.uncovered[name]) == set(result.kb.types) - types
        year |= types
    assert year == set(result.kb.types) and plan.never == []


def test_every_reminder_fits_150_characters_with_its_link(sample: tuple[core.Result, reminders.Plan]) -> None:
    _, plan = sample
    assert plan.reminders
    for r in plan.reminders:
        assert len(r.text) <= 150, r.text
        assert r.text.endswith(r.url) and r.url == f"https://fanzha.example.edu.cn/types/{r.type_id}/"
        assert f"第{r.week}周" in r.text and r.type_name in r.text


def test_seasons_pick_their_types(sample: tuple[core.Result, reminders.Plan]) -> None:
    _, plan = sample
    autumn = [r for r in plan.reminders if r.semester.endswith("第一学期")]
    spring = [r for r in plan.reminders if r.semester.endswith("第二学期")]
    assert [r.type_id for r in autumn[:2]] == ["maochong-laoshi", "zhuxuejin"]  # term start: fake fees, aid
    assert {r.type_id for r in autumn if r.date.month == 11 and r.season == "november"} == {"gouwu", "kefu"}
    assert any(r.type_id == "kaoshi" and r.season == "exams" for r in autumn)
    assert any(r.type_id == "shuadan" and r.season == "before-holiday" for r in autumn)
    assert {r.type_id for r in spring if r.season == "graduation"} >= {"daikuan", "liangka"}
    # the week before 国庆 (starts Thursday 2026-10-01) warns of part-time 刷单
    week = next(r for r in autumn if r.date == dt.date(2026, 9, 28))
    assert (week.type_id, week.season) == ("shuadan", "before-holiday") and "国庆节将至" in week.text


def test_fixture_reminders_golden(tmp_path: Path) -> None:
    """Seasons with missing types (no zhuxuejin, no daikuan) fall back quietly; outputs are byte-stable."""
    out = tmp_path / "out"
    proc = fanzha("reminders", "--root", str(FIXTURE), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 9
    assert_golden("reminders.csv", (out / "reminders.csv").read_bytes())
    assert_golden("reminders.ics", (out / "reminders.ics").read_bytes())
    again = tmp_path / "again"
    fanzha("reminders", "--root", str(FIXTURE), "--out", str(again), "--quiet")
    assert (again / "reminders.ics").read_bytes() == (out / "reminders.ics").read_bytes()


def test_ics_parses_back_with_every_reminder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert fanzha("reminders", "--root", str(REPO), "--out", str(out), "--quiet").returncode == 0
    data = (out / "reminders.ics").read_bytes()
    _, plan = _plan(REPO)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan.reminders) == 40
    assert len({str(e["UID"]) for e in events}) == 40
    for event, r in zip(events, plan.reminders):
        assert event.decoded("DTSTART") == r.date
        assert event.decoded("DTEND") == r.date + dt.timedelta(days=1)
        assert str(event["DESCRIPTION"]) == r.text
        assert str(event["URL"]) == r.url
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 9, 7, tzinfo=dt.UTC)
    _assert_rfc5545_lines(data)


def _assert_rfc5545_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character


def test_escaping_and_folding_round_trip() -> None:
    text = "逗号, 分号; 反斜杠\\ 换行\n第二行" + "很长的中文" * 30
    event = ics.Event(uid="x-1@test", day=dt.date(2026, 9, 7), summary="a,b;c", description=text)
    data = ics.render([event], "测试", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert b"DESCRIPTION:\xe9\x80\x97\xe5\x8f\xb7\\, \xe5\x88\x86\xe5\x8f\xb7\\; " in data
    _assert_rfc5545_lines(data)
    parsed = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(parsed["DESCRIPTION"]) == text and str(parsed["SUMMARY"]) == "a,b;c"


def test_fold_counts_octets_not_characters() -> None:
    line = "SUMMARY:" + "反" * 40   # 8 + 120 octets
    pieces = ics.fold(line).split("\r\n")
    assert [len(p.encode()) for p in pieces] == [74, 55]  # 8 + 22×3, then 1 + 18×3
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_long_summaries_are_cut_at_a_clause() -> None:
    ftype = FraudType(id="x", name="某类诈骗", group="other",
                      summary="第一句话说明手法，" + "第二句很长" * 20 + "，第三句。")
    week = reminders.Week("学期", 3, dt.date(2026, 9, 21), "regular", "", ())
    text = reminders.compose(week, ftype, "https://example.edu.cn/types/x/")
    assert text is not None and len(text) <= 150
    assert "第一句话说明手法。不轻信" in text and "第二句" not in text


def test_a_missing_taxonomy_type_in_defaults_is_skipped_but_a_written_one_is_an_error(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/calendar.yml": (
        "seasons:\n  exams: [kaoshi, zhuxuejin]\nsemesters:\n"
        "  - {name: 学期, start: 2026-10-26, weeks: 9}\n")})
    proc = fanzha("reminders", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert proc.stdout == ("programme/calendar.yml:2:19: error unknown-type seasons.exams[1]: "
                           "unknown type id 'zhuxuejin'; expected an id from taxonomy.yml\n")
    assert not (tmp_path / "out").exists()


BROKEN_CALENDAR = """\
term_start_weeks: 2
colour: red
semesters:
  - name: 秋季学期
    start: 2026-09-08
    weeks: 40
    holidays:
      - {name: 国庆节, from: 2026-10-07, to: 2026-10-01}
    exams:
      - {name: 期末, from: 2027-02-30}
  - start: 2027-02-22
    weeks: 20
messages:
  shuadan: 这是一条特别特别长的提醒正文，""" + "反复强调不要刷单" * 12 + """。
"""


def test_broken_calendar_every_error_at_its_line_nothing_written(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/calendar.yml": BROKEN_CALENDAR})
    out = tmp_path / "out"
    proc = fanzha("reminders", "--root", str(root), "--out", str(out))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "programme/calendar.yml:2:1: error unknown-key colour: unknown key; expected one of semesters, "
        "seasons, messages, term_start_weeks",
        "programme/calendar.yml:5:12: error bad-date semesters[0].start: expected the Monday of week 1, "
        "found 2026-09-08 (a Tuesday); weeks run Monday to Sunday",
        "programme/calendar.yml:6:12: error wrong-value semesters[0].weeks: expected a whole number from 1 "
        "to 30, found 40",
        "programme/calendar.yml:8:43: error bad-date semesters[0].holidays[0].to: expected a date on or "
        "after from (2026-10-07), found 2026-10-01",
        "programme/calendar.yml:10:26: error bad-date semesters[0].exams[0].from: '2027-02-30' is not a "
        "real date",
        "programme/calendar.yml:11:5: error missing-key semesters[1].name: missing; write a text value",
    ]
    assert "nothing was written" in proc.stderr
    assert tree_files(out) == []
    # the same file makes `fanzha validate` (and so every build) fail with the same lines
    check = fanzha("validate", "--root", str(root))
    assert check.returncode == 1 and check.stdout.splitlines() == proc.stdout.splitlines()


def test_a_custom_message_too_long_to_fit_is_an_error_at_its_line(tmp_path: Path) -> None:
    long = "不要刷单" * 30
    root = fixture_copy(tmp_path, {"programme/calendar.yml": (
        f"messages:\n  shuadan: {long}\nsemesters:\n  - {{name: 学期, start: 2026-10-26, weeks: 9}}\n")})
    proc = fanzha("reminders", "--root", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert proc.stdout == ("programme/calendar.yml:2:12: error too-long messages.shuadan: with the week "
                           "number and the link (42 characters) the reminder is over 150 characters; "
                           "shorten the text\n")


def test_too_few_weeks_warns_and_still_writes(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path, {"programme/calendar.yml": (
        "semesters:\n  - {name: 短学期, start: 2026-10-26, weeks: 4}\n")})
    proc = fanzha("reminders", "--root", str(root), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0
    assert "短学期 has fewer weeks than fraud types; not reminded that semester" in proc.stderr
    never = [line for line in proc.stderr.splitlines() if "no semester of the calendar reminds of" in line]
    assert never  # one semester only: what it could not fit is never reminded, and said so
    assert (tmp_path / "out" / "reminders.ics").is_file()


def test_assignment_covers_all_types_whenever_weeks_allow() -> None:
    """However the seasons fall, enough weeks means every type at least once."""
    cal_text = ("term_start_weeks: 3\nsemesters:\n  - name: 学期\n    start: 2026-09-07\n    weeks: 19\n"
                "    exams: [{name: 考试, from: 2026-09-28, to: 2027-01-17}]\n")
    result = core.validate(REPO)
    cal = load_calendar(cal_text, "calendar.yml", list(result.kb.types))
    weeks = reminders.semester_weeks(cal.semesters[0], cal)
    types = list(result.kb.types)[:19]  # as many types as weeks
    chosen = reminders.assign_types(weeks, types)
    assert set(chosen) == set(types)


def test_more_types_than_weeks_keep_the_seasons_and_the_next_semester_catches_up() -> None:
    cal_text = ("term_start_weeks: 3\nsemesters:\n  - name: 秋\n    start: 2026-09-07\n    weeks: 12\n"
                "  - name: 春\n    start: 2027-03-01\n    weeks: 19\n")
    result = core.validate(REPO)
    types = list(result.kb.types)
    assert len(types) > 12
    cal = load_calendar(cal_text, "calendar.yml", types)
    autumn = reminders.semester_weeks(cal.semesters[0], cal)
    first = reminders.assign_types(autumn, types)
    assert len(set(first)) >= 8  # season weeks may repeat their type; the others each take a new one
    missed = [t for t in types if t not in first]
    second = reminders.assign_types(reminders.semester_weeks(cal.semesters[1], cal), [*missed, *types], set(missed))
    assert set(missed) <= set(second)


@pytest.mark.parametrize("out", ["programme", "cases/x", "docs", "mkdocs.yml"])
def test_out_never_a_source_folder_or_a_file(tmp_path: Path, out: str) -> None:
    root = fixture_copy(tmp_path)
    before = tree_files(root)
    proc = fanzha("reminders", "--root", str(root), "--out", str(root / out), "--quiet")
    assert proc.returncode == 2, proc.stderr
    assert ("inside the source folder" in proc.stderr) or ("is a file" in proc.stderr)
    assert tree_files(root) == before
