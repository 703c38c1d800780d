"""Near-duplicate question stems (a warning naming both questions).

Stems are compared by character bigrams (Jaccard similarity). A pair is
reported when its similarity reaches the threshold and enough of the bigrams
they share are rare ones (a bigram shared by very many stems says nothing
about sameness); an identical stem is reported against its first occurrence.

Candidate pairs come from prefix filtering: with each stem's bigrams ordered
rarest first, two stems that share at least `need` bigrams share at least
`_SHARED` of the first `len - need + _SHARED` bigrams of each (the first few
shared bigrams can be preceded by at most `len - need` unshared ones). Only
stems sharing that many of their rarest bigrams are compared: a few pairs per
stem, so the work grows about linearly with the number of questions (the
earlier all-pairs count of shared bigrams took most of `fanzha validate` at
10,000 questions). The reported pairs are exactly the same.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from itertools import chain
from typing import Iterator

from ..model import Question
from ..problem import Problem, warning
from .context import Context

THRESHOLD = 0.85
_STRIP = re.compile(r"[\W_]+", re.UNICODE)
_COMMON = 400  # a bigram shared by more stems than this says nothing about sameness
_SHARED = 8  # compare only stems that share this many of their rarest bigrams (fastest at 10,000 questions)
_EPS = 1e-9  # float rounding must never make a filter drop a pair that is alike enough


def _grams(stem: str) -> frozenset[str]:
    text = _STRIP.sub("", unicodedata.normalize("NFKC", stem).lower())
    return frozenset(map(str.__add__, text, text[1:])) or frozenset([text])


def check(ctx: Context) -> Iterator[Problem]:
    questions = list(ctx.kb.questions(include_exam=True))
    grams = [_grams(q.stem) for q in questions]
    freq = Counter(chain.from_iterable(grams))
    rare = {gram for gram, n in freq.items() if n <= _COMMON}
    order = {gram: k for k, gram in enumerate(sorted(freq, key=lambda x: (freq[x], x)))}  # rarest first
    first: dict[frozenset[str], int] = {}
    seen: dict[str, list[int]] = {}  # bigram -> earlier stems that have it among their rarest
    for i, g in enumerate(grams):
        need = _ceil(THRESHOLD * len(g))  # bigrams two stems this alike share, at least
        prefix = sorted(g, key=order.__getitem__)[:len(g) - need + _SHARED]
        if g in first:  # identical stems, even when made only of common bigrams
            yield _report(questions[i], questions[first[g]], 1.0)
        else:
            first[g] = i
            counts = Counter(chain.from_iterable([seen.get(gram, ()) for gram in prefix]))
            least = min(_SHARED, need)
            for j in [j for j, n in counts.items() if n >= least]:
                score = _score(g, grams[j], rare)
                if score is not None:
                    yield _report(questions[i], questions[j], score)
        for gram in prefix:
            seen.setdefault(gram, []).append(i)


def _score(g: frozenset[str], other: frozenset[str], rare: set[str]) -> float | None:
    """The pair's similarity when it is reported (alike, and alike in rare bigrams), else None."""
    shared = g & other
    score = len(shared) / (len(g) + len(other) - len(shared))
    if score < THRESHOLD or other == g:
        return None
    return score if len(shared & rare) / max(len(g), 1) >= THRESHOLD * 0.5 else None


def _ceil(value: float) -> int:
    return math.ceil(value - _EPS)


def _report(q: Question, other: Question, score: float) -> Problem:
    return warning(q.at("stem"), "similar-stem",
        f"stem of question '{q.id}' is {score:.0%} like that of '{other.id}' ({other.pos}); "
        "reword one or remove the duplicate")
