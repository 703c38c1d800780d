"""fanzha paper: a semester test drawn from the banks (exam_only questions included)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..outputs import content_place
from ..pdf import PdfBuildError
from ..pdf.paper import (
    GRID_FILE,
    MAP_FILE,
    PaperSpec,
    SpecError,
    build_paper,
    parse_points,
    parse_quota,
    read_spec,
    spec_problems,
)
from ..settings import Settings
from ..site import Site
from ._common import root_of, stop_on_errors

NAME = "paper"
HELP = ("生成学期反诈测试卷（含仅考试用题）、答题卡与答案 / a semester test paper with answer "
        "sheets and keys, drawn from every bank including exam_only questions")
ORDER = 45
EPILOG = """examples:
  fanzha paper --quota shuadan=3 --quota gongjianfa=2 --versions A,B --seed 2026 --out 期末测试
  fanzha paper --spec paper.yml --out 期末测试
  fanzha paper --spec paper.yml --quota touzi.judge=2 --title "2026 秋季反诈测试"

A spec file (YAML) holds the same settings:
  title: 2026—2027学年第一学期反诈知识测试
  versions: [A, B]
  seed: 20261201
  minutes: 30
  quotas: {shuadan: 3, gongjianfa: 2, touzi: {single: 2, judge: 1}}
  points: {single: 2, multiple: 4, judge: 2}     # optional
Options given on the command line override the file. Besides the PDFs the folder gets
paper-spec.yml (to make the same paper again), answers.json (the answer map: question
number → question id, option order and key per version, read by fanzha results) and
answer-grid.csv (an empty grid 学号,班级,试卷版本,1,2,… to type students' answers into).
The output holds questions that are never published: keep it off the website."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("--spec", metavar="FILE", help="试卷设置（YAML）/ paper spec file")
    p.add_argument("--quota", action="append", default=[], metavar="TYPE[.KIND]=N",
                   help="某类型抽几题（可重复）/ questions of a fraud type, optionally of one kind "
                        "(single, multiple, judge); repeatable")
    p.add_argument("--title", help="试卷标题 / the paper's title")
    p.add_argument("--versions", metavar="A,B", help="卷别 / version names (default: A)")
    p.add_argument("--seed", help="随机种子，同一种子得到同一试卷 / seed: the same seed gives the same paper "
                   "(default: today's date, printed)")
    p.add_argument("--minutes", type=int, help="考试时长（分钟）/ time allowed")
    p.add_argument("--points", metavar="KIND=N,…", help="每题分值 / points per question kind, "
                   "e.g. single=2,multiple=4,judge=2")
    p.add_argument("--out", metavar="DIR", default="papers", help="输出目录 / output folder (default: ./papers)")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    result = core.validate(root, programme=False)  # the programme files play no part here
    try:
        spec = read_spec(Path(args.spec)) if args.spec else PaperSpec()
    except SpecError as exc:
        print(f"fanzha: {exc}", file=sys.stderr)
        return 1
    spec = _apply_options(spec, args, set(result.kb.types))
    out = _output_folder(root, Path(args.out), result.settings)
    if not spec.quotas:
        raise UsageError("no quotas: give --quota TYPE=N (e.g. --quota shuadan=3) or a --spec file with quotas:")
    problems = spec_problems(spec, result.kb)
    for problem in problems:  # options were checked already: these come from the spec file
        print(f"fanzha: error: {problem}", file=sys.stderr)
    if stop_on_errors(result, "no paper was made") or problems:
        return 1
    if spec.seed is None:
        spec = replace(spec, seed=int(dt.date.today().strftime("%Y%m%d")))
        print(f"fanzha: no seed given; using {spec.seed} (pass --seed {spec.seed} to make this paper again)",
              file=sys.stderr)
    try:
        report = build_paper(Site.of(result), spec, out)
    except PdfBuildError as exc:
        print(f"fanzha: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(report.files)} files ({report.pages} pages, seed {spec.seed}) into {out}; "
          "they hold exam-only questions: do not publish them", file=sys.stderr)
    print(f"  {MAP_FILE}: the answer map (question number → question id, option order and key per version) "
          "for fanzha results", file=sys.stderr)
    print(f"  {GRID_FILE}: an empty answer grid (学号,班级,试卷版本,1,2,…) to type students' answers into",
          file=sys.stderr)
    return 0


def _apply_options(spec: PaperSpec, args: argparse.Namespace, types: set[str]) -> PaperSpec:
    """The spec with command-line options on top; UsageError for a bad option."""
    try:
        quotas = [parse_quota(q) for q in args.quota]
        points = parse_points(args.points) if args.points else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for q in quotas:
        if q.type not in types:
            raise UsageError(f"--quota {q}: unknown fraud type '{q.type}'; types: {', '.join(sorted(types))}")
    spec = spec.with_quotas(quotas)
    if args.title:
        spec = replace(spec, title=args.title)
    if args.versions:
        names = [v.strip() for v in args.versions.split(",") if v.strip()]
        if not names or len(set(names)) != len(names):
            raise UsageError(f"--versions {args.versions}: expected distinct names such as A,B")
        spec = replace(spec, versions=tuple(names))
    if args.minutes is not None:
        if args.minutes <= 0:
            raise UsageError(f"--minutes {args.minutes}: expected a whole number ≥ 1")
        spec = replace(spec, minutes=args.minutes)
    if points is not None:
        spec = replace(spec, points=points)
    if args.seed is not None:
        spec = replace(spec, seed=int(args.seed) if args.seed.isdigit() else args.seed)
    return spec


def _output_folder(root: Path, out: Path, settings: Settings) -> Path:
    """The output folder, refused inside the site or a source folder (papers hold exam-only questions)."""
    out = out.resolve()
    site = (root / settings.site_dir).resolve()  # the public site: never for exam-only questions
    guarded = content_place(root, out, settings.docs_dir) or (site if out == site or site in out.parents else None)
    if guarded is not None:
        raise UsageError(f"--out {out}: inside {guarded}; papers hold exam-only questions that must "
                         "never be published or mixed with content: choose another folder")
    return out
