"""Each key matches its paper: found from the printed text alone, against the banks."""
from __future__ import annotations

import re
from pathlib import Path

from build_tools.model import KnowledgeBase

from . import pdftools
from .conftest import Built


def check_key(paper: Path, key: Path, kb: KnowledgeBase) -> int:
    """Assert the key's letters are the paper's right answers; returns the questions checked."""
    printed = pdftools.read_paper(paper, kb)
    table = pdftools.read_key_table(key)
    assert sorted(table) == [p.number for p in printed] == list(range(1, len(printed) + 1)), (paper, table)
    for p in printed:
        q = p.question
        if q.kind == "judge":
            assert table[p.number] == ("√" if q.answer else "×"), (paper, p.number, q.id)
        else:
            right = "".join(sorted(letter for letter, i in p.letters.items() if i in q.answer))  # type: ignore[operator]
            assert table[p.number] == right, (paper, p.number, q.id, p.letters)
    # the explanations repeat each answer after the question's number
    explained = dict(re.findall(r"(?ms)^(\d+)\. .*?^答案：([^（\s]+)", pdftools.text(key)))
    assert {int(n): a for n, a in explained.items()} == table, key
    return len(printed)


def test_every_kit_key_matches_its_paper(built: Built) -> None:
    checked = 0
    for paper in sorted(built.kits.glob("*/quiz*.pdf")):
        key = paper.with_name(paper.name.replace("quiz", "key", 1))
        checked += check_key(paper, key, built.result.kb)
    assert checked >= 8


def test_versions_are_shuffled_differently(mini: Built) -> None:
    kb = mini.result.kb
    a = pdftools.read_paper(mini.kits / "meeting" / "quiz-A.pdf", kb)
    b = pdftools.read_paper(mini.kits / "meeting" / "quiz-B.pdf", kb)
    assert sorted(p.question.id for p in a) == sorted(p.question.id for p in b)
    assert [(p.question.id, p.letters) for p in a] != [(p.question.id, p.letters) for p in b]
