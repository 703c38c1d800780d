"""fanzha results: item analysis of a test from the platforms' result downloads (see build_tools/results/)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..load.programme.inputs import InputErrors
from ..outputs import content_place, shown_place
from ..programme.output import is_inside
from ._common import add_results_options as add_common
from ._common import root_of
from ._programme import site_dir

NAME = "results"
HELP = ("试题分析：读入问卷星、Moodle 或答题卡成绩，输出难度、区分度、信度与需处理的题 / item analysis "
        "of test results (问卷星, Moodle, paper answer grid)")
ORDER = 47
DEFAULT_OUT = Path("build") / "results"
REPORT = "report.html"  # a folder holding one is an earlier report, which a new one replaces
EPILOG = """examples:
  fanzha results 期末测试/问卷星下载.xlsx --out 分析
  fanzha results 一班.csv 二班.csv --map 期末测试/answers.json
Each results file needs the answer map written with its paper or export (NAME.answers.json
beside it, or answers.json in its folder, or --map). The report holds aggregates only."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = EPILOG
    p.add_argument("files", nargs="+", metavar="FILE", help="成绩文件（CSV 或 .xlsx）/ results files")
    add_common(p)
    p.add_argument("--out", metavar="DIR", help=f"输出目录 / output folder (default: ROOT/{DEFAULT_OUT.as_posix()})")


def output_folder(root: Path, given: str | None) -> Path:
    """--out, or ROOT/build/results; never the site or a source folder."""
    if not given:
        return root / DEFAULT_OUT
    out = Path(given).resolve()
    if out == root.resolve() or out in root.resolve().parents:
        raise UsageError(f"--out {given}: holds the content root, and the report replaces its whole folder; "
                         "choose a folder of its own")
    inside = content_place(root, out)  # the rule every output follows (outputs.py), and the site
    where = shown_place(root, inside) if inside is not None else "the site" if is_inside(out, site_dir(root)) else ""
    if where:
        raise UsageError(f"--out {given}: is inside {where}, which "
                         "this command never writes into; choose another folder "
                         f"(default: {DEFAULT_OUT.as_posix()})")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {given}: is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / REPORT).is_file():
        raise UsageError(f"--out {given}: holds other files, and the report replaces the whole folder; "
                         "choose a new or empty folder (or one with an earlier report)")
    return out


def thresholds(n: int):
    from ..results.analysis import Thresholds
    if n < 1:
        raise UsageError(f"--min-responses {n}: expected a whole number ≥ 1")
    return Thresholds(min_responses=n)


def run(args: argparse.Namespace) -> int:
    from ..results import analysis, load, report

    root = root_of(args)
    out = output_folder(root, args.out)
    limits = thresholds(args.min_responses)
    files = [Path(f) for f in args.files]
    try:
        loaded = load.load_all(files, Path(args.map) if args.map else None, root, args.version)
    except InputErrors as exc:
        for problem in exc.problems:
            print(problem)
        print(f"fanzha: {sum(p.is_error for p in exc.problems)} error(s); nothing was written", file=sys.stderr)
        return 1
    if len(loaded) > 1:
        raise UsageError("these results files belong to " f"{len(loaded)} different answer maps ("
                         + ", ".join(r.paper.map_rel for r in loaded) + "); run fanzha results once per paper")
    res = loaded[0]
    result = core.validate(root)  # for the questions' file:line (after the results: their errors come first)
    a = analysis.analyse(res, result.settings.pass_mark, limits)
    for problem in analysis.flag_problems(a, result.kb, res.files[0]):
        print(problem)
    def shown(x: float | None, digits: int) -> str:
        return "—" if x is None else f"{x:.{digits}f}"
    print(f"{a.paper.map.title or a.paper.map_rel}\t学生 {a.n}\t平均得分率 {shown(a.mean_percent, 1)}\t"
          f"KR-20 {shown(a.kr20, 3)}\t及格 {report._pct(a.pass_rate) or '—'}\t标记 {len(a.flags)}")
    contents = report.files(a, result.kb, result.settings.college_name)
    try:
        written = report.write_folder(out, contents)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write there: {exc.strerror or exc}") from None
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
