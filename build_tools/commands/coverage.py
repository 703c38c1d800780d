"""fanzha coverage: the yearly coverage report — meetings, attendance, tests (年考核)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..load import programme as sources
from ..programme import coverage, render
from ..programme.output import csv_bytes
from ._common import root_of
from ._programme import add_out, knowledge_base, out_dir, run_safely

NAME = "coverage"
HELP = "年考核：各学院班会覆盖、出勤、参测与及格情况（PDF、CSV）/ yearly coverage report"
ORDER = 64


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--classes", metavar="FILE", help="班级名单 / roster (default: ROOT/programme/classes.csv)")
    p.add_argument("--meetings", metavar="FILE", help="班会记录 / meetings (default: ROOT/programme/meetings.csv)")
    p.add_argument("--results", metavar="FILE", nargs="+", help="测试成绩：results.csv（学号, 班级, 分数），或问卷星、"
                   "Moodle、答题卡成绩文件（可多个）/ results: results.csv, or the platforms' result files, read with "
                   "their answer maps (default: ROOT/programme/results.csv)")
    p.add_argument("--map", metavar="MAP", help="平台成绩文件的答案对照表 / the answer map of the platforms' result "
                   "files (default: <stem>.answers.json or answers.json beside each)")
    add_out(p, "coverage")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    settings = knowledge_base(root).settings
    given = args.results or []
    files = [sources.input_file(root, name, given) for name, given in (
        (sources.CLASSES, args.classes), (sources.MEETINGS, args.meetings),
        (sources.RESULTS, given[0] if len(given) == 1 else None))]

    def make() -> dict[str, bytes]:
        texts = [(f.text(), f.rel) for f in files[:2]]
        if len(given) <= 1 and (not given or files[2].path.suffix.lower() == ".csv") \
                and coverage.is_score_table(results_text := files[2].text()):
            rep = coverage.report(texts[0], texts[1], (results_text, files[2].rel), settings.pass_mark)
        else:  # the platforms' own files, scored from the answers
            from ..results.load import coverage_scores
            scores = coverage_scores([Path(g) for g in given] or [files[2].path], Path(args.map) if args.map else None, root)
            rep = coverage.report(texts[0], texts[1], None, settings.pass_mark, scores)
        for line in [*rep.lines, rep.total]:
            print(f"{line.college}\t班会 {line.held}/{line.classes}\t出勤 {line.attendance}\t"
                  f"参测 {line.participation}\t及格 {line.pass_rate}")
        html = render.render("coverage.html", r=rep, settings=settings)
        return {"coverage.pdf": render.pdf(html, "coverage.pdf").data,
                "coverage.csv": csv_bytes(coverage.summary_rows(rep)),
                "coverage-missing.csv": csv_bytes(coverage.missing_rows(rep))}

    return run_safely(make, out_dir(root, args, "coverage"))
