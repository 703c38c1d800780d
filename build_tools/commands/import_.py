"""fanzha import --from text FILE --bank ID --type T --out quizzes/ID.yml

Reads teachers' text (see exchange/text_import.py), prints every problem as
`FILE:LINE: level code message`, and writes the bank only when there is no error.
The bank it writes is checked with the validator first; it never overwrites an
existing file unless --force is given.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import sys
import tempfile
from pathlib import Path

from .. import core
from ..cli import UsageError
from ..exchange import bank_yaml, text_import
from ..exchange.files import FileExists, write_file
from ..load.reader import ID_RE
from ..model import KnowledgeBase
from ..problem import Problem, printable
from ..scaffold import review_date
from ..settings import Settings
from ._common import root_of

NAME = "import"
HELP = "从教师的文本题库导入 / import a question bank from teachers' text (答案：/解析： layout)"
ORDER = 61


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="source_format", required=True, choices=["text"],
                   help="输入格式 / input format: text (Word 另存为的 .txt，UTF-8 或 GB18030)")
    p.add_argument("file", metavar="FILE", help="题目文本文件 / the text file")
    p.add_argument("--bank", required=True, help="新题库 id / the new bank's id")
    p.add_argument("--type", required=True, help="诈骗类型 id（taxonomy.yml）/ fraud type id")
    p.add_argument("--out", required=True, metavar="PATH", help="要写的题库文件，如 quizzes/ID.yml / the bank file")
    p.add_argument("--title", help="题库名称 / bank title (default: the fraud type's name)")
    p.add_argument("--exam-only", action="store_true",
                   help="所有题目标记为仅限考试 / mark every question exam_only")
    p.add_argument("--allow-missing-explanation", action="store_true",
                   help="缺少解析时写入空解析（validate 会报错直到补写）/ write an empty explanation "
                        "where 解析 is missing; `fanzha validate` reports it until written")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite an existing --out file")


def _check_arguments(args: argparse.Namespace, kb: KnowledgeBase, root: Path, out: Path) -> None:
    if not ID_RE.match(args.bank):
        raise UsageError(f"--bank {args.bank}: use lowercase letters, digits and '-' only")
    if args.type not in kb.types:
        raise UsageError(f"--type {args.type}: not in taxonomy.yml (known: {', '.join(kb.types)})")
    if out.exists() and not args.force:
        raise UsageError(f"--out {args.out}: exists; give another file or --force to overwrite it")
    if out.is_dir():
        raise UsageError(f"--out {args.out}: is a folder; give a file name such as quizzes/{args.bank}.yml")
    other = kb.banks.get(args.bank)
    if other is not None and (root / other.path).resolve() != out:
        raise UsageError(f"--bank {args.bank}: already the id of the bank in {other.path}; choose another id")
    if not Path(args.file).is_file():
        raise UsageError(f"{args.file}: no such file")


def _taken_ids(kb: KnowledgeBase, root: Path, out: Path) -> set[str]:
    """Question ids used by banks in other files (an imported bank must not reuse them)."""
    return {q.id for bank in kb.banks.values() if (root / bank.path).resolve() != out for q in bank.questions}


def _self_check(text: str, bank: str, taxonomy: Path, allow_empty_explanation: bool,
                cases: frozenset[str] = frozenset()) -> list[Problem]:
    """Errors the validator finds in the bank we are about to write (expected ones left out: the
    bank is checked alone, so a link to one of `cases`, the knowledge base's own, is fine)."""
    with tempfile.TemporaryDirectory(prefix="fanzha-import-") as tmp:
        root = Path(tmp)
        (root / "taxonomy.yml").write_bytes(taxonomy.read_bytes())
        (root / "quizzes").mkdir()
        (root / "quizzes" / f"{bank}.yml").write_text(text, encoding="utf-8")
        result = core.validate(root, Settings())
    return [p for p in result.errors
            if not (allow_empty_explanation and p.code == "empty-text" and p.message.endswith(
                ".explanation: expected text, found an empty value"))
            and not (p.code == "unresolved-ref" and any(p.message.endswith(f".case: no case with id '{c}'")
                                                        for c in cases))]


def _source_line(problem: Problem, yaml_text: str, source_lines: list[int]) -> int:
    """The line of the teacher's file holding the question a YAML problem is about."""
    starts = [n for n, line in enumerate(yaml_text.splitlines(), start=1) if line.startswith("  - id: ")]
    index = bisect.bisect_right(starts, problem.line) - 1
    return source_lines[index] if index >= 0 else 1


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    out = Path(args.out).resolve()
    kb = core.validate(root).kb
    _check_arguments(args, kb, root, out)
    result = text_import.parse_bytes(Path(args.file).read_bytes(), args.allow_missing_explanation)
    for problem in result.problems:
        print(problem.format(args.file))
    if result.errors:
        print(f"fanzha: {len(result.errors)} error(s) in {args.file}; nothing was written", file=sys.stderr)
        return 1
    for q in result.questions:  # a 【案例】 line naming a case this knowledge base does not have
        if q.case is not None and q.case not in kb.cases:
            print(f"{printable(args.file)}:{q.line}: warning unknown-case 【案例】{printable(q.case)} is not a case "
                  "in cases/ here; the question is imported without the link")
            q.case = None
    if not result.questions:
        print(f"{args.file}:1: error no-questions expected numbered questions such as '1. 题干', found none")
        print("fanzha: nothing was written", file=sys.stderr)
        return 1
    doc = bank_yaml.bank_document(args.bank, args.title or kb.types[args.type].name, args.type,
                                  result.questions, review_date(dt.date.today()), args.exam_only)
    taken = sorted(_taken_ids(kb, root, out) & {q["id"] for q in doc["questions"]})
    if taken:
        raise UsageError(f"--bank {args.bank}: question ids {', '.join(taken)} are used by another bank; "
                         "choose another bank id")
    text = bank_yaml.dump(doc, Path(args.file).name)
    linked = frozenset(q.case for q in result.questions if q.case)
    problems = _self_check(text, args.bank, root / "taxonomy.yml", args.allow_missing_explanation, linked)
    if problems:
        lines = [q.line for q in result.questions]
        for p in problems:
            print(f"{printable(args.file)}:{_source_line(p, text, lines)}: error {p.code} {printable(p.message)}")
        print("fanzha: the bank would not pass `fanzha validate`; nothing was written", file=sys.stderr)
        return 1
    try:
        write_file(out, text.encode("utf-8"), overwrite=args.force)
    except FileExists:
        raise UsageError(f"--out {args.out}: exists; give another file or --force to overwrite it") from None
    except OSError as exc:
        raise UsageError(f"--out {args.out}: cannot write there ({exc.strerror or exc})") from None
    print(f"imported {len(result.questions)} question(s) ({result.encoding}) into {args.out}", file=sys.stderr)
    return 0
