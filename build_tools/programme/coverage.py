"""年考核: did every class hold its 反诈主题班会 and did every student take the test?

Inputs (CSV, a header line naming the columns, any order):
- classes.csv — the roster: 学院, 班级, 人数 (one line per class; 班级 unique in the college);
- meetings.csv — class-meeting records: 学院, 班级, 日期, 应到, 实到;
- results.csv — test results: 学号, 班级, 分数 (a student who retook the test may
  appear more than once: the best score counts); or, instead, the result files the test
  platforms give (问卷星, Moodle, the paper answer grid: see build_tools/results/), read
  directly with their answer maps: each student's best attempt, scored from the answers as a
  percentage of the paper's points (`report(..., scores=…)`).

Per college: classes that held a meeting out of all classes, attendance (实到 /
应到 over all its meetings), test participation (students with a result / 人数),
pass rate (best score ≥ settings.pass_mark, out of those tested) and the
classes still missing a meeting or any test result.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..load.programme import CLASS_COLUMNS
from ..load.programme.inputs import BadValue, Row, Table, parse_count, parse_date, parse_score, raise_if, read_table
from ..model import Pos
from ..problem import Problem, error

MEETING_COLUMNS = ("学院", "班级", "日期", "应到", "实到")
RESULT_COLUMNS = ("学号", "班级", "分数")
T = TypeVar("T")


@dataclass
class ClassRecord:
    college: str
    name: str
    size: int
    pos: Pos
    meetings: int = 0
    expected: int = 0
    present: int = 0
    best: dict[str, float] = field(default_factory=dict)  # 学号 → best score


@dataclass(frozen=True)
class CollegeLine:
    college: str
    classes: int
    held: int
    expected: int
    present: int
    students: int
    tested: int
    passed: int
    missing_meeting: list[str]
    missing_test: list[str]

    @property
    def held_rate(self) -> str:
        return percent(self.held, self.classes)

    @property
    def attendance(self) -> str:
        return percent(self.present, self.expected)

    @property
    def participation(self) -> str:
        return percent(self.tested, self.students)

    @property
    def pass_rate(self) -> str:
        return percent(self.passed, self.tested)


@dataclass(frozen=True)
class Report:
    lines: list[CollegeLine]
    total: CollegeLine
    pass_mark: float
    first: dt.date | None
    last: dt.date | None

    @property
    def period(self) -> str:
        if not self.first or not self.last:
            return "（无班会记录）"
        return f"{self.first:%Y年%-m月%-d日}至{self.last:%Y年%-m月%-d日}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


@dataclass(frozen=True)
class Score:
    """One attempt read from a platform's results file: who, which class, percent of the paper's points."""

    sid: str
    klass: str
    score: float
    pos: Pos   # the attempt's row
    class_pos: Pos


def is_score_table(text: str) -> bool:
    """Whether a CSV's header is the hand-made results.csv (学号, 班级, 分数) rather than a platform's file."""
    first = next((line for line in text.split("\n") if line.strip(",; \t")), "")
    names = {cell.strip().strip('"').replace("\ufeff", "") for cell in first.split(",")}
    return "分数" in names and not any(n.isdigit() for n in names)


def report(classes_text: tuple[str, str], meetings_text: tuple[str, str], results_text: tuple[str, str] | None,
           pass_mark: float, scores: list[Score] | None = None) -> Report:
    """The coverage report from the three files' (text, relative path), or from `scores` read from
    the platforms' result files in place of results.csv; InputErrors lists every bad line."""
    tables = [read_table(*classes_text, CLASS_COLUMNS), read_table(*meetings_text, MEETING_COLUMNS)]
    if scores is None:
        assert results_text is not None
        tables.append(read_table(*results_text, RESULT_COLUMNS))
    problems: list[Problem] = [p for t in tables for p in t.problems]
    roster = _roster(tables[0], problems)
    raise_if(problems)  # without a sound roster every other line would be "unknown class"
    dates = _meetings(tables[1], roster, problems)
    if scores is None:
        _results(tables[2], roster, problems)
    else:
        _scores(scores, roster, problems)
    for record in roster.values():
        if len(record.best) > record.size:
            problems.append(error(record.pos, "too-many", f"人数: {record.size} students in {record.name}, but "
                                  f"{'results.csv has' if scores is None else 'the results files have'} {len(record.best)} "
                                  "students of this class; correct 人数"))
    raise_if(problems)
    return _summarise(list(roster.values()), pass_mark, dates)


def _roster(table: Table, problems: list[Problem]) -> dict[str, ClassRecord]:
    out: dict[str, ClassRecord] = {}
    for row in table.rows:
        size = _value(row, "人数", lambda v: parse_count(v, 1), problems)
        if not _filled(row, ("学院", "班级"), problems) or size is None:
            continue
        if row["班级"] in out:
            problems.append(error(row.pos("班级"), "duplicate-id", f"班级: '{row['班级']}' is listed twice "
                                  f"(first at line {out[row['班级']].pos.line}); class names must be unique"))
            continue
        out[row["班级"]] = ClassRecord(row["学院"], row["班级"], size, row.pos("人数"))
    return out


def _meetings(table: Table, roster: dict[str, ClassRecord], problems: list[Problem]) -> list[dt.date]:
    dates = []
    for row in table.rows:
        record = _class_of(row, roster, problems)
        day = _value(row, "日期", parse_date, problems)
        expected = _value(row, "应到", lambda v: parse_count(v, 1), problems)
        present = _value(row, "实到", parse_count, problems)
        if expected is not None and present is not None and present > expected:
            problems.append(error(row.pos("实到"), "bad-count",
                                  f"实到: {present} present is more than 应到 {expected}"))
            continue
        if record and row["学院"] != record.college:
            problems.append(error(row.pos("学院"), "wrong-college", f"学院: {record.name} belongs to "
                                  f"{record.college} in classes.csv, found '{row['学院']}'"))
            continue
        if record and day and expected is not None and present is not None:
            record.meetings += 1
            record.expected += expected
            record.present += present
            dates.append(day)
    return dates


def _results(table: Table, roster: dict[str, ClassRecord], problems: list[Problem]) -> None:
    seen: dict[str, tuple[str, int]] = {}  # 学号 → (班级, line)
    for row in table.rows:
        record = _class_of(row, roster, problems)
        score = _value(row, "分数", parse_score, problems)
        if not _filled(row, ("学号",), problems) or record is None or score is None:
            continue
        sid = row["学号"]
        if sid in seen and seen[sid][0] != record.name:
            problems.append(error(row.pos("班级"), "wrong-class", f"班级: student {sid} is in "
                                  f"{seen[sid][0]} at line {seen[sid][1]}, found '{record.name}'"))
            continue
        seen.setdefault(sid, (record.name, row.line))
        record.best[sid] = max(score, record.best.get(sid, 0.0))


def _scores(scores: list[Score], roster: dict[str, ClassRecord], problems: list[Problem]) -> None:
    """As _results, for attempts read from the platforms' files (best attempt per student counts)."""
    seen: dict[str, tuple[str, Pos]] = {}
    for s in scores:
        if s.klass not in roster:
            problems.append(error(s.class_pos, "unknown-class",
                f"班级: '{s.klass}' is not in classes.csv; add the class there or correct the name"
                if s.klass else "班级: expected the class name, found nothing"))
            continue
        if s.sid in seen and seen[s.sid][0] != s.klass:
            first = seen[s.sid][1]
            problems.append(error(s.class_pos, "wrong-class", f"班级: student {s.sid} is in {seen[s.sid][0]} at "
                                  f"{first.path}:{first.line}, found '{s.klass}'"))
            continue
        seen.setdefault(s.sid, (s.klass, s.pos))
        record = roster[s.klass]
        record.best[s.sid] = max(s.score, record.best.get(s.sid, 0.0))


def _class_of(row: Row, roster: dict[str, ClassRecord], problems: list[Problem]) -> ClassRecord | None:
    name = row["班级"]
    if name not in roster:
        problems.append(error(row.pos("班级"), "unknown-class",
            f"班级: '{name}' is not in classes.csv; add the class there or correct the name"
            if name else "班级: expected the class name, found nothing"))
        return None
    return roster[name]


def _filled(row: Row, columns: Sequence[str], problems: list[Problem]) -> bool:
    ok = True
    for column in columns:
        if not row[column]:
            problems.append(error(row.pos(column), "missing-value", f"{column}: expected a value, found nothing"))
            ok = False
    return ok


def _value(row: Row, column: str, parse: Callable[[str], T], problems: list[Problem]) -> T | None:
    """The field read by `parse`, or None with a problem at the field."""
    try:
        return parse(row[column])
    except BadValue as exc:
        code = "bad-date" if column == "日期" else "bad-number"
        problems.append(error(row.pos(column), code, f"{column}: {exc}"))
        return None


def _summarise(records: list[ClassRecord], pass_mark: float, dates: list[dt.date]) -> Report:
    colleges = list(dict.fromkeys(r.college for r in records))
    lines = [_line(c, [r for r in records if r.college == c], pass_mark) for c in colleges]
    total = _line("合计", records, pass_mark)
    return Report(lines, total, pass_mark, min(dates, default=None), max(dates, default=None))


def _line(name: str, records: list[ClassRecord], pass_mark: float) -> CollegeLine:
    return CollegeLine(
        name, len(records), sum(1 for r in records if r.meetings),
        sum(r.expected for r in records), sum(r.present for r in records),
        sum(r.size for r in records), sum(len(r.best) for r in records),
        sum(1 for r in records for s in r.best.values() if s >= pass_mark),
        [r.name for r in records if not r.meetings], [r.name for r in records if not r.best])


# --- files ------------------------------------------------------------------------------------

SUMMARY_COLUMNS = ("学院", "班级数", "已开班会班级数", "班会覆盖率", "应到人次", "实到人次", "出勤率",
                   "学生数", "参测人数", "参测率", "及格人数", "及格率", "未开班会班级")


def summary_rows(rep: Report) -> list[tuple[object, ...]]:
    """coverage.csv: one line per college and a 合计 line."""
    return [SUMMARY_COLUMNS] + [
        (c.college, c.classes, c.held, c.held_rate, c.expected, c.present, c.attendance, c.students,
         c.tested, c.participation, c.passed, c.pass_rate, "、".join(c.missing_meeting))
        for c in [*rep.lines, rep.total]]


def missing_rows(rep: Report) -> list[tuple[object, ...]]:
    """coverage-missing.csv: every class still missing its meeting or any test result."""
    rows: list[tuple[object, ...]] = [("学院", "班级", "缺少")]
    for c in rep.lines:
        for name in dict.fromkeys([*c.missing_meeting, *c.missing_test]):
            what = [w for w, names in (("班会", c.missing_meeting), ("测试", c.missing_test)) if name in names]
            rows.append((c.college, name, "、".join(what)))
    return rows
