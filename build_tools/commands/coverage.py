"""fanzha coverage: the yearly coverage report — meetings, attendance, tests (年考核)."""
from __future__ import annotations

import argparse

from ..programme import coverage, render, sources
from ..programme.output import csv_bytes
from ._common import root_of
from ._programme import add_out, knowledge_base, out_dir, run_safely

NAME = "coverage"
HELP = "年考核：各学院班会覆盖、出勤、参测与及格情况（PDF、CSV）/ yearly coverage report"
ORDER = 64


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--classes", metavar="FILE", help="班级名单 / roster (default: ROOT/programme/classes.csv)")
    p.add_argument("--meetings", metavar="FILE", help="班会记录 / meetings (default: ROOT/programme/meetings.csv)")
    p.add_argument("--results", metavar="FILE", help="测试成绩 / results (default: ROOT/programme/results.csv)")
    add_out(p, "coverage")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    settings = knowledge_base(root).settings
    files = [sources.input_file(root, name, given) for name, given in (
        (sources.CLASSES, args.classes), (sources.MEETINGS, args.meetings), (sources.RESULTS, args.results))]

    def make() -> dict[str, bytes]:
        texts = [(f.text(), f.rel) for f in files]
        rep = coverage.report(texts[0], texts[1], texts[2], settings.pass_mark)
        for line in [*rep.lines, rep.total]:
            print(f"{line.college}\t班会 {line.held}/{line.classes}\t出勤 {line.attendance}\t"
                  f"参测 {line.participation}\t及格 {line.pass_rate}")
        html = render.render("coverage.html", r=rep, settings=settings)
        return {"coverage.pdf": render.pdf(html, "coverage.pdf").data,
                "coverage.csv": csv_bytes(coverage.summary_rows(rep)),
                "coverage-missing.csv": csv_bytes(coverage.missing_rows(rep))}

    return run_safely(make, out_dir(root, args, "coverage"))
