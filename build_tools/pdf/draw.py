"""Drawing and arranging quiz questions: pure functions, seeded.

The same questions, quotas, seed and version name always give the same paper.
Every random choice comes from a `random.Random` seeded with a string that names
the seed and its purpose (never the global generator), and candidates are sorted
by id first, so reordering a bank file does not change a paper.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import LETTERS, Question

KIND_ORDER = ("single", "multiple", "judge")
KIND_TITLES = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题"}
JUDGE_MARKS = {True: "√", False: "×"}


class DrawError(ValueError):
    """A quota cannot be met from the questions available; the message says which."""


@dataclass(frozen=True)
class Quota:
    """`count` questions of fraud type `type`, of one `kind` or any kind (None)."""

    type: str
    count: int
    kind: str | None = None

    def __str__(self) -> str:
        return f"{self.type}{'.' + self.kind if self.kind else ''}={self.count}"


@dataclass(frozen=True)
class PaperQuestion:
    """A question as printed: its number and the order its options are shown in."""

    number: int
    question: Question
    order: tuple[int, ...]  # shown option i is question.options[order[i]]

    @property
    def options(self) -> list[str]:
        return [self.question.options[i] for i in self.order]

    @property
    def answer_indexes(self) -> tuple[int, ...]:
        """Correct options as shown (0-based); judge: () ."""
        if self.question.kind == "judge":
            return ()
        assert isinstance(self.question.answer, tuple)
        return tuple(sorted(self.order.index(i) for i in self.question.answer))

    @property
    def answer(self) -> str:
        """What a student writes: 'B', 'ACD', or √ / × for judge questions."""
        if self.question.kind == "judge":
            return JUDGE_MARKS[bool(self.question.answer)]
        return "".join(LETTERS[i] for i in self.answer_indexes)

    @property
    def lettered_options(self) -> list[tuple[str, str]]:
        return list(zip(LETTERS, self.options))


@dataclass(frozen=True)
class Section:
    kind: str
    questions: tuple[PaperQuestion, ...]

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]


@dataclass(frozen=True)
class Version:
    """One version (A, B…) of a paper: sections in KIND_ORDER, numbered from 1."""

    name: str
    sections: tuple[Section, ...]

    @property
    def questions(self) -> list[PaperQuestion]:
        return [pq for s in self.sections for pq in s.questions]


def even_quotas(pool: Iterable[Question], types: Sequence[str], count: int) -> list[Quota]:
    """Split `count` over `types` as evenly as the pool allows (earlier types take the remainder)."""
    available = {t: 0 for t in types}
    for q in pool:
        if q.type in available:
            available[q.type] += 1
    share = {t: 0 for t in available}
    left = count
    while left:
        progress = False
        for t in available:
            if left and share[t] < available[t]:
                share[t] += 1
                left -= 1
                progress = True
        if not progress:
            raise DrawError(f"asks for {count} questions of types {', '.join(types)}, "
                            f"but only {sum(available.values())} are available")
    return [Quota(t, n) for t, n in share.items() if n]


def draw(pool: Iterable[Question], quotas: Sequence[Quota], seed: int | str) -> list[Question]:
    """Questions meeting every quota, chosen by `seed`; no question is drawn twice.

    Quotas for one kind are served before "any kind" quotas so the latter cannot
    take the questions the former need.
    """
    rng = random.Random(f"{seed}:draw")
    candidates = sorted(pool, key=lambda q: q.id)
    taken: set[str] = set()
    chosen: list[Question] = []
    for quota in sorted(quotas, key=lambda qt: qt.kind is None):
        fits = [q for q in candidates if q.type == quota.type and q.id not in taken
                and (quota.kind is None or q.kind == quota.kind)]
        if len(fits) < quota.count:
            what = f"{KIND_TITLES[quota.kind]} " if quota.kind else ""
            raise DrawError(f"quota {quota}: asks for {quota.count} {what}questions of type "
                            f"{quota.type}, but only {len(fits)} are available")
        for q in rng.sample(fits, quota.count):
            taken.add(q.id)
            chosen.append(q)
    return chosen


def arrange(questions: Iterable[Question], seed: int | str, version: str) -> Version:
    """One version of a paper: questions grouped by kind, order and options shuffled."""
    rng = random.Random(f"{seed}:{version}")
    by_kind: dict[str, list[Question]] = {k: [] for k in KIND_ORDER}
    for q in sorted(questions, key=lambda q: q.id):
        by_kind[q.kind].append(q)
    sections, number = [], 0
    for kind, group in by_kind.items():
        rng.shuffle(group)
        placed = []
        for q in group:
            number += 1
            placed.append(PaperQuestion(number, q, _option_order(q, rng)))
        if placed:
            sections.append(Section(kind, tuple(placed)))
    return Version(version, tuple(sections))


def _option_order(q: Question, rng: random.Random) -> tuple[int, ...]:
    order = list(range(len(q.options)))
    if q.kind != "judge":
        rng.shuffle(order)
    return tuple(order)
