"""The similar-stem check, made fast for 10,000 questions, reports exactly what the definition says.

The definition, compared pair by pair: a later stem is reported against an earlier one when their
bigram Jaccard similarity is at least THRESHOLD and at least THRESHOLD/2 of the later stem's bigrams
are shared rare ones (in at most _COMMON stems); an identical stem only against its first occurrence.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from build_tools.checks import similar
from build_tools.checks.context import Context
from build_tools.load.content import Loaded
from build_tools.model import Bank, KnowledgeBase, Pos, Question
from build_tools.settings import Settings

ALPHABET = "刷单返利兼职垫付佣金骗局转账核实警方安全账户客服退款理赔征信贷款游戏账号abcAB12３，。？ "


def definition(questions: list[Question]) -> set[tuple[str, str, str]]:
    """(question, other, score) for every reported pair, by comparing every pair."""
    grams = [similar._grams(q.stem) for q in questions]
    freq = Counter(g for gs in grams for g in gs)
    out, first = set(), {}
    for i, g in enumerate(grams):
        if g in first:
            out.add((questions[i].id, questions[first[g]].id, "100%"))
            continue
        first[g] = i
        for j in range(i):
            shared = g & grams[j]
            rare = sum(1 for x in shared if freq[x] <= similar._COMMON)
            score = len(shared) / len(g | grams[j])
            if rare / max(len(g), 1) >= similar.THRESHOLD * 0.5 and score >= similar.THRESHOLD and grams[j] != g:
                out.add((questions[i].id, questions[j].id, f"{score:.0%}"))
    return out


def reported(questions: list[Question]) -> set[tuple[str, str, str]]:
    bank = Bank("b", "b", "t", questions, "quizzes/b.yml")
    ctx = Context(Loaded(KnowledgeBase(banks={"b": bank})), Settings())
    out = set()
    for p in similar.check(ctx):
        words = p.message.split("'")
        out.add((words[1], words[3], p.message.split(" is ")[1].split(" ")[0]))
    return out


def stems(rng: random.Random) -> list[str]:
    """Near-duplicates of a few base stems: insertions, deletions, tiny and empty stems."""
    base = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 45))) for _ in range(rng.randint(5, 40))]
    out = []
    for _ in range(rng.randint(20, 400)):
        s = list(rng.choice(base))
        for _ in range(rng.randint(0, 3)):
            if s and rng.random() < 0.5:
                s.pop(rng.randrange(len(s)))
            else:
                s.insert(rng.randint(0, len(s)), rng.choice(ALPHABET))
        out.append("".join(s))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_fast_check_reports_what_the_definition_says(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    monkeypatch.setattr(similar, "_COMMON", rng.choice([2, 5, 20, 400]))  # rare-bigram rule matters too
    questions = [Question(id=f"q{k}", kind="judge", stem=s, options=[], answer=True, explanation="x", bank="b",
                          type="t", pos=Pos("quizzes/b.yml", k + 1, 1)) for k, s in enumerate(stems(rng))]
    expected = definition(questions)
    assert reported(questions) == expected
    if seed == 0:
        assert expected  # the data do contain near-duplicates
