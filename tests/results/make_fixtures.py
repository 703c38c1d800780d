"""Writes the synthetic results fixtures of tests/results/fixtures/ (run: python -m tests.results.make_fixtures).

Sixty made-up students (学号 S260101000…S260101059, no names), ability a = i / 59, answer the
eight questions of fixtures/root/quizzes/ceshi.yml by rules with known outcomes:

  ceshi-001  everyone right                                  → too easy
  ceshi-002  the able half chooses A, not the key C          → probably a wrong key
  ceshi-003  wrong answers are A or B, never D               → dead distractor D
  ceshi-004  multiple AC: right when a > 0.3                 → no flag
  ceshi-005  judge (true): right when a > 0.2                → no flag
  ceshi-006  right when a > 0.6; two students leave it blank → no flag (blank rate 2/60)
  ceshi-007  right only when a > 0.8                         → too hard
  ceshi-008  right when a > 0.5                              → no flag

Students 10, 30 and 50 are in 三班 (three students: its pass rate is withheld), the other even
ones in 一班, the odd ones in 二班. Student 5 first handed in a blank attempt, then a real one
(best attempt counts). The same answers are written as the paper answer grid (versions A and B,
B with questions in reverse order and options rotated), as 问卷星 downloads (按选项文本 .xlsx,
按选项序号 CSV in GB18030) and as a Moodle responses report (UTF-8 with BOM).
"""
from __future__ import annotations

import csv
import functools
import io
from pathlib import Path
from typing import Any

from build_tools import core
from build_tools.exchange.answermap import AnswerMap, MappedQuestion, MappedVersion, mapped

HERE = Path(__file__).resolve().parent / "fixtures"
ROOT = HERE / "root"
N = 60
POINTS = {"single": 2.0, "multiple": 4.0, "judge": 2.0}
THREE = (10, 30, 50)


def klass(i: int) -> str:
    return "三班" if i in THREE else "一班" if i % 2 == 0 else "二班"


def sid(i: int) -> str:
    return f"S2601010{i:02d}"


def answers(i: int) -> list[str]:
    """Bank letters (judge: T/F, '' blank) of student i for ceshi-001 … ceshi-008."""
    a = i / (N - 1)
    return ["A",
            "A" if a > 0.5 else "CCCCBD"[i % 6],
            "C" if a > 0.4 else "AB"[i % 2],
            "AC" if a > 0.3 else ("A", "AB", "CD")[i % 3],
            "T" if a > 0.2 else "F",
            "" if i in (0, 1) else "D" if a > 0.6 else "ABC"[i % 3],
            "A" if a > 0.8 else "BCD"[i % 3],
            "B" if a > 0.5 else "ACD"[i % 3]]


def attempts() -> list[tuple[int, list[str]]]:
    """(student, bank answers) in file order: student 5's blank first attempt comes first."""
    return [(5, [""] * 8)] + [(i, answers(i)) for i in range(N)]


@functools.lru_cache(maxsize=1)
def _questions():  # type: ignore[no-untyped-def]
    return tuple(core.validate(ROOT).kb.questions(include_exam=True))


def questions():  # type: ignore[no-untyped-def]
    """The fixture bank's questions (validated once per process)."""
    return list(_questions())


def rotate(n: int) -> tuple[int, ...]:
    return tuple((k + 1) % n for k in range(n))


def shown(q: MappedQuestion, bank_letters: str) -> str:
    """Bank letters → the letters this version shows."""
    if q.kind == "judge" or not bank_letters:
        return bank_letters
    return "".join(sorted(q.letters[q.order.index("ABCDEFGH".index(ch))] for ch in bank_letters))


def paper_map() -> AnswerMap:
    qs = questions()
    a = tuple(mapped(n, q) for n, q in enumerate(qs, start=1))
    b = tuple(mapped(n, q, None if q.kind == "judge" else rotate(len(q.options)))
              for n, q in enumerate(reversed(qs), start=1))
    return AnswerMap("paper", "2026 秋季反诈测试（试题分析样例）", (MappedVersion("A", a), MappedVersion("B", b)),
                     seed=2026, pass_mark=60, points=dict(POINTS))


def export_map(made_by: str) -> AnswerMap:
    qs = questions()
    return AnswerMap(made_by, "2026 秋季反诈测试（试题分析样例）",
                     (MappedVersion("A", tuple(mapped(n, q) for n, q in enumerate(qs, start=1))),),
                     seed=None, pass_mark=60, points=dict(POINTS))


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def grid_rows(amap: AnswerMap) -> list[list[str]]:
    count = len(amap.versions[0].questions)
    rows = [["学号", "班级", "试卷版本", *(str(n) for n in range(1, count + 1))]]
    ids = [q.id for q in questions()]
    for i, ans in attempts():
        version = amap.versions[i % 2]
        by_id = {q.id: q for q in version.questions}
        qs = sorted(version.questions, key=lambda q: q.number)
        cells = [shown(by_id[q.id], ans[ids.index(q.id)]) for q in qs]
        rows.append([sid(i), klass(i), version.name, *cells])
    return rows


def _score(ans: list[str], qs) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for q, x in zip(qs, ans):
        key = ("T" if q.answer else "F") if q.kind == "judge" else q.answer_letters
        total += POINTS[q.kind] if x == key else 0
    return total


def _answer_texts(qs: list[Any], ans: list[str], skipped: str, true: str, false: str, sep: str) -> list[str]:
    """Each answer as the platform writes it: judge answers as words, choices as option texts."""
    cells = []
    for q, x in zip(qs, ans):
        if not x:
            cells.append(skipped)
        elif q.kind == "judge":
            cells.append(true if x == "T" else false)
        else:
            cells.append(sep.join(q.options["ABCD".index(ch)] for ch in x))
    return cells


WJX_PRE = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "总分"]


def wjx_text_rows() -> list[list[str]]:
    qs = questions()
    header = WJX_PRE + ["1、学号", "2、班级"] + [f"{n}、{q.stem}" for n, q in enumerate(qs, start=3)]
    rows = [header]
    for k, (i, ans) in enumerate(attempts(), start=1):
        cells = _answer_texts(qs, ans, skipped="(跳过)", true="对", false="错", sep="┋")
        rows.append([str(k), f"2026/12/01 10:{k:02d}:00", f"{300 + k}秒", "手机提交", "直接访问",
                     f"10.0.{k}.1(内网)", f"{_score(ans, qs):g}", sid(i), klass(i), *cells])
    return rows


def wjx_index_rows() -> list[list[str]]:
    qs = questions()
    header = WJX_PRE + ["1、学号", "2、班级"]
    for n, q in enumerate(qs, start=3):
        if q.kind == "multiple":
            header += [f"第{n}题({opt})" for opt in q.options]
        else:
            header.append(f"{n}、{q.stem}")
    rows = [header]
    for k, (i, ans) in enumerate(attempts(), start=1):
        cells = []
        for q, x in zip(qs, ans):
            if q.kind == "multiple":
                cells += (["-3"] * len(q.options) if not x else
                          ["1" if "ABCD"[j] in x else "0" for j in range(len(q.options))])
            elif not x:
                cells.append("-3")
            elif q.kind == "judge":
                cells.append("1" if x == "T" else "2")
            else:
                cells.append(str("ABCD".index(x) + 1))
        rows.append([str(k), f"2026/12/01 10:{k:02d}:00", f"{300 + k}秒", "微信", "N/A", f"10.0.{k}.1(内网)",
                     f"{_score(ans, qs):g}", sid(i), klass(i), *cells])
    return rows


def moodle_rows() -> list[list[str]]:
    qs = questions()
    header = ["Surname", "First name", "ID number", "Department", "State", "Started on", "Completed",
              "Time taken", "Grade/18.00", *(f"Response {n}" for n in range(1, len(qs) + 1))]
    rows = [header]
    for i, ans in attempts():
        cells = _answer_texts(qs, ans, skipped="-", true="True", false="False", sep="; ")
        rows.append(["测试", f"学生{i:02d}", sid(i), klass(i), "Finished", "1 December 2026  10:00 AM",
                     "1 December 2026  10:05 AM", "5 mins", f"{_score(ans, qs):.2f}", *cells])
        if i == 7:  # an attempt still open is not counted
            rows.append(["测试", "学生07", sid(7), klass(7), "In progress", "2 December 2026  9:00 AM", "-", "-",
                         "-", *(["-"] * len(qs))])
    rows.append(["Overall average", "", "", "", "", "", "", "", "", *([""] * len(qs))])
    return rows


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append([int(c) if c.isdigit() and len(c) < 6 else c for c in r])
    book.save(path)


def files() -> dict[str, bytes]:
    """Every fixture's bytes (the .xlsx is written separately: its bytes hold a timestamp)."""
    return {"paper/answers.json": paper_map().to_json(),
            "paper/answer-grid.csv": _csv(grid_rows(paper_map())).encode("utf-8"),
            "wjx/answers.json": export_map("export-wjx").to_json(),
            "wjx/按选项序号.csv": _csv(wjx_index_rows()).encode("gb18030"),
            "moodle/answers.json": export_map("export-moodle").to_json(),
            "moodle/responses.csv": ("\ufeff" + _csv(moodle_rows())).encode("utf-8")}


def main() -> None:
    for name, data in files().items():
        (HERE / name).parent.mkdir(parents=True, exist_ok=True)
        (HERE / name).write_bytes(data)
    write_xlsx(HERE / "wjx/按选项文本.xlsx", wjx_text_rows())


if __name__ == "__main__":
    main()
