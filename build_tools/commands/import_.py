"""fanzha import --from text FILE --bank ID --type T --out quizzes/ID.yml

Reads teachers' text (see exchange/text_import.py), prints every problem as
`FILE:LINE: level code message`, and writes the bank only when there is no error.
The bank it writes is first validated in memory together with the knowledge base's
own files (so ids taken and types and cases known count), its problems printed at
the teacher's line of the question they are in; it never overwrites an existing
file unless --force is given.
"""
from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from .. import core
from ..errors import UsageError
from ..exchange import bank_yaml, text_import
from ..exchange.files import FileExists, write_file
from ..load.content import mapping_files
from ..load.reader import ID_RE
from ..load.yamlpos import parse_yaml
from ..model import KnowledgeBase
from ..problem import Problem, printable
from ..scaffold import review_date
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


def _bank_path(root: Path, out: Path, bank: str, files: dict[str, str]) -> str:
    """Where the new bank stands among the knowledge base's files: --out itself when the loader reads
    it as a bank of this root, else a quizzes/ file no other bank uses."""
    if out.is_relative_to(root) and (rel := out.relative_to(root).as_posix()).startswith("quizzes/") \
            and mapping_files({rel: ""}) == [rel]:
        return rel
    rel, n = f"quizzes/{bank}.yml", 1
    while rel in files:
        rel, n = f"quizzes/{bank}-{n}.yml", n + 1
    return rel


def _self_check(base: core.Result, rel: str, text: str,
                empty_explanations: list[int]) -> list[tuple[Problem, int | None]]:
    """Errors the validator finds in the bank about to be written at `rel`, validated in memory with
    the knowledge base's files (another version of that file replaced), each with the index of the
    question it is in (None: the bank's own keys). The empty explanations of the questions at
    `empty_explanations` (allowed by --allow-missing-explanation) are expected."""
    files = {**base.loaded.texts, rel: text}
    result = core.validate(files, base.settings)
    bank = next((b for b in result.kb.banks.values() if b.path == rel), None)
    starts = [q.pos.line for q in bank.questions] if bank is not None else []
    doc, _ = parse_yaml(text, rel)  # where the validator puts each empty explanation
    places = [doc.pos("questions", i, "explanation") for i in empty_explanations] if doc is not None else []
    empty = {(pos.line, pos.col) for pos in places}
    out = []
    for p in result.errors:
        if p.path != rel or (p.code == "empty-text" and (p.line, p.col) in empty):
            continue
        index = bisect.bisect_right(starts, p.line) - 1
        out.append((p, index if index >= 0 else None))
    return out


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    out = Path(args.out).resolve()
    base = core.validate(root, programme=False)  # the programme is not part of a bank
    kb = base.kb
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
    problems = _self_check(base, _bank_path(root, out, args.bank, base.loaded.texts), text,
                           [i for i, q in enumerate(result.questions) if not q.explanation])
    if problems:
        lines = [q.line for q in result.questions]
        for p, index in problems:  # the teacher's line of the question (1: the bank's own keys)
            print(dataclasses.replace(p, line=1 if index is None else lines[index]).format(args.file))
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
