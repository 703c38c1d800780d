"""Drawing and arranging quiz questions: pure functions, seeded.

The same questions, quotas, seed and version name always give the same paper.
Every random choice comes from a `random.Random` seeded with a string that names
the seed and its purpose (never the global generator), and candidates are sorted
by id first, so reordering a bank file does not change a paper.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    available = dict.fromkeys(types, 0)
    for q in pool:
        if q.type in available:
            available[q.type] += 1
    share = dict.fromkeys(available, 0)
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
    """One version of a paper: questions grouped by kind, order and options shuffled.

    Option orders are balanced over the version (`balanced_orders`): the key letters of its
    single-choice questions are spread as evenly as their option counts allow, and so are the
    keyed letters of its multiple-choice questions. Judge questions keep 正确/错误 (√/×).
    """
    rng = random.Random(f"{seed}:{version}")
    by_kind: dict[str, list[Question]] = {k: [] for k in KIND_ORDER}
    for q in sorted(questions, key=lambda q: q.id):
        by_kind[q.kind].append(q)
    for group in by_kind.values():
        rng.shuffle(group)
    orders = balanced_orders([q for k in KIND_ORDER for q in by_kind[k]], random.Random(f"{seed}:{version}:options"))
    sections, number = [], 0
    for kind, group in by_kind.items():
        placed = []
        for q in group:
            number += 1
            placed.append(PaperQuestion(number, q, orders[q.id]))
        if placed:
            sections.append(Section(kind, tuple(placed)))
    return Version(version, tuple(sections))


# Balanced option orders ----------------------------------------------------------------
#
# A random shuffle per question leaves the key letters to chance: ten questions can put five
# keys on C, and a student who notices guesses better than one who reads. Instead the key
# positions are chosen for the whole version first, then the other options are shuffled
# into the places left:
# - single choice: questions with the fewest places are served first, each key goes to the
#   letter that holds the fewest keys so far among the letters it can use (ties: at random).
#   Option counts are nested (A–C ⊂ A–D), so this fills levels like water and no letter ends
#   with more keys than the option counts force; with equal option counts the largest and
#   smallest letter counts differ by at most 1.
# - multiple choice: the same for the letters that are keyed, k places for k correct options,
#   so that A (or any letter) is not in every key.
# Two kinds of option must not move, because their text depends on where they stand:
# - an option that starts with 以上 / 上述 ("all of the above") keeps its place;
# - when any option names another option by letter ("A和B都对"), the question keeps the
#   bank's order.
# Their keys are counted before the others are placed.

_PINNED = re.compile(r"^\s*(以上|上述)")
_NAMES_LETTER = re.compile(r"(?<![A-Za-z])(选项\s*[A-H]|[A-H]\s*[、，,和与及或]\s*[A-H]|[A-H]\s*项)(?![A-Za-z])")


def fixed_places(q: Question) -> tuple[int, ...]:
    """Options (0-based) that keep their place when the others are shuffled: every option when
    one names another by letter, else those that start with 以上 / 上述."""
    if any(_NAMES_LETTER.search(unicodedata.normalize("NFKC", o)) for o in q.options):
        return tuple(range(len(q.options)))
    return tuple(i for i, o in enumerate(q.options) if _PINNED.match(unicodedata.normalize("NFKC", o)))


def balanced_orders(questions: Sequence[Question], rng: random.Random) -> dict[str, tuple[int, ...]]:
    """Question id → option order (shown i is options[order[i]]), key letters balanced per kind."""
    orders: dict[str, tuple[int, ...]] = {}
    for kind in ("single", "multiple"):
        group = [q for q in questions if q.kind == kind]
        load = [0] * len(LETTERS)  # keys shown at each letter so far
        plans = []
        for q in group:
            fixed = set(fixed_places(q))
            assert isinstance(q.answer, tuple)
            free = [i for i in range(len(q.options)) if i not in fixed]
            keys_fixed = [i for i in q.answer if i in fixed]
            for i in keys_fixed:
                load[i] += 1
            plans.append((q, fixed, free, len(q.answer) - len(keys_fixed)))
        # fewest places first, ties at random (the draw of ties is the only randomness per version)
        plans.sort(key=lambda p: (len(p[2]), rng.random()))
        for q, fixed, free, keys in plans:
            ranked = sorted(free, key=lambda i: (load[i], rng.random()))
            key_places = set(ranked[:keys])
            for i in key_places:
                load[i] += 1
            orders[q.id] = _fill(q, fixed, sorted(free), key_places, rng)
    for q in questions:
        orders.setdefault(q.id, tuple(range(len(q.options))))  # judge: no options to order
    return orders


def _fill(q: Question, fixed: set[int], free: list[int], key_places: set[int],
          rng: random.Random) -> tuple[int, ...]:
    """An order with the free correct options at key_places and the free distractors in the rest."""
    assert isinstance(q.answer, tuple)
    correct = [i for i in q.answer if i not in fixed]
    wrong = [i for i in free if i not in q.answer]
    rng.shuffle(correct)
    rng.shuffle(wrong)
    order = list(range(len(q.options)))  # fixed places keep their own option
    for place in free:
        order[place] = correct.pop() if place in key_places else wrong.pop()
    return tuple(order)


def key_letter_counts(questions: Iterable[PaperQuestion], kind: str = "single") -> dict[str, int]:
    """How many shown keys of one kind use each letter (letters no question of the kind has: absent)."""
    counts: dict[str, int] = {}
    for pq in questions:
        if pq.question.kind != kind:
            continue
        for letter in LETTERS[: len(pq.order)]:
            counts.setdefault(letter, 0)
        for letter in pq.answer:
            counts[letter] += 1
    return counts
