"""fanzha export --format F --out PATH: question banks in other platforms' formats.

Beside the export goes its answer map, PATH's stem + `.answers.json` (bank.xlsx →
bank.answers.json): one version "A", the questions numbered as the platform numbers them
after import, options in bank order. `fanzha results` reads it to map a platform's answers
back to question ids. Both files are written together or not at all. Moodle (XML, GIFT)
and QTI show each student the options in an order of their own (shuffleanswers / shuffle),
so their letters mean nothing there: their results map back by option text, which the map
holds too.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..exchange import EXPORTERS, answermap
from ..exchange.files import write_files
from ..exchange.selection import Selection, SelectionError, select
from ..outputs import CONTENT_FILES, content_place, shown_place
from ._common import root_of

NAME = "export"
HELP = ("导出题库：问卷星、文本、Excel、Moodle XML、GIFT、QTI 2.1 / export question banks "
        "(wjx, wjx-jsonl, text, xlsx, xlsx-chaoxing, moodle, gift, qti)")
ORDER = 60


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", required=True, choices=list(EXPORTERS),
                   help="wjx 问卷星考试批量添加 | wjx-jsonl 问卷星考试 JSONL（含答案、解析；wjx survey create-by-json --type 6）| "
                        "text 答案：/解析：文本 | xlsx Excel | xlsx-chaoxing 学习通（超星）题库导入模板 | moodle Moodle XML | "
                        "gift GIFT | qti QTI 2.1 包 (zip)")
    p.add_argument("--banks", nargs="+", metavar="BANK", help="只导出这些题库 / only these banks (default: all)")
    p.add_argument("--types", nargs="+", metavar="TYPE",
                   help="只导出这些诈骗类型的题目 / only questions of these fraud types")
    p.add_argument("--include-exam", action="store_true",
                   help="包含仅限考试（exam_only）的题目 / include exam_only questions "
                        "(never give the file to students)")
    p.add_argument("--out", required=True, metavar="PATH", help="输出文件（旁边另写答案对照表 NAME.answers.json）/ "
                   "the file to write; its answer map for fanzha results goes beside it as NAME.answers.json")


def _ids(values: list[str] | None) -> list[str]:
    """'a b' and 'a,b' both name two ids."""
    return [v for value in values or [] for v in value.replace("，", ",").split(",") if v]


def _target(root: Path, out: str, include_exam: bool = False) -> Path:
    path = Path(out).resolve()
    inside = content_place(root, path)  # docs/: the settings are read after
    if inside is not None and inside.name in CONTENT_FILES:
        raise UsageError(f"--out {out}: is the content's {path.name}; write exports elsewhere")
    if inside is not None and inside != root:
        raise UsageError(f"--out {out}: inside the content folder {shown_place(root, inside)}; write exports elsewhere")
    if include_exam and path.is_relative_to(root / "site"):
        raise UsageError(f"--out {out}: inside the public site/ folder, and --include-exam puts exam_only "
                         "questions in the file; write it elsewhere")
    if path.is_dir():
        raise UsageError(f"--out {out}: is a folder; give a file name")
    if path.name.endswith(answermap.SUFFIX):
        raise UsageError(f"--out {out}: names an answer map ({answermap.SUFFIX}); give the export's own file name")
    if map_file(path).is_dir():
        raise UsageError(f"--out {out}: its answer map {map_file(path).name} would replace a folder; "
                         "give another file name")
    return path


def map_file(out: Path) -> Path:
    """The answer map beside an export: bank.xlsx → bank.answers.json (a name without suffix: bank.answers.json)."""
    return answermap.map_path(out) if out.suffix else out.with_name(out.name + answermap.SUFFIX)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    out = _target(root, args.out, args.include_exam)
    result = core.validate(root, programme=False)  # the programme files play no part here
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"fanzha: {len(result.errors)} content error(s); nothing was exported", file=sys.stderr)
        return 1
    try:
        selection = select(result.kb, _ids(args.banks), _ids(args.types), args.include_exam,
                           result.settings.site_name)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None
    exam = sum(q.exam_only for q in selection.questions)
    if args.include_exam:
        print(f"fanzha: warning: --include-exam: {exam} exam_only question(s) are in this export; "
              "keep the file for the test and away from students and the site", file=sys.stderr)
    exported = EXPORTERS[args.format].export(selection)
    for warning in exported.warnings:
        print(f"fanzha: warning: {warning}", file=sys.stderr)
    amap = answermap.in_order(f"export-{args.format}", _title(selection), exported.numbered or selection.questions,
                              result.settings.pass_mark)
    beside = map_file(out)
    try:
        write_files([(out, exported.data), (beside, amap.to_json())])
    except OSError as exc:
        raise UsageError(f"--out {args.out}: cannot write there ({exc.strerror or exc})") from None
    print(f"exported {len(selection.questions)} question(s) from {len(selection.parts)} bank(s) to {args.out}",
          file=sys.stderr)
    print(f"answer map (question number → question id, key) for fanzha results: {beside}", file=sys.stderr)
    return 0


def _title(selection: Selection) -> str:
    """The map's title: the site's name and the banks exported."""
    return f"{selection.site_name}：" + "、".join(part.bank.title for part in selection.parts)
