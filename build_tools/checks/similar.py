"""Near-duplicate question stems (a warning naming both questions).

Stems are compared by character bigrams (Jaccard similarity). An inverted
index keeps this close to linear: only stems sharing rare bigrams are compared.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterator

from ..model import Question
from ..problem import Problem, warning
from .context import Context

THRESHOLD = 0.85
_STRIP = re.compile(r"[\W_]+", re.UNICODE)
_COMMON = 400  # a bigram shared by more stems than this says nothing about sameness


def _grams(stem: str) -> frozenset[str]:
    text = _STRIP.sub("", unicodedata.normalize("NFKC", stem).lower())
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) or frozenset([text])


def check(ctx: Context) -> Iterator[Problem]:
    questions = list(ctx.kb.questions(include_exam=True))
    grams = [_grams(q.stem) for q in questions]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for gram in g:
            postings[gram].append(i)
    exact: dict[frozenset[str], int] = {}
    for i, g in enumerate(grams):
        if g in exact:  # identical stems, even when made only of common bigrams
            yield _report(questions[i], questions[exact[g]], 1.0)
            continue
        exact[g] = i
        shared: Counter[int] = Counter()
        for gram in g:
            plist = postings[gram]
            if len(plist) <= _COMMON:
                shared.update(j for j in plist if j < i)
        for j, n in shared.items():
            if n / max(len(g), 1) < THRESHOLD * 0.5:
                continue
            score = len(g & grams[j]) / len(g | grams[j])
            if score >= THRESHOLD and grams[j] != g:
                yield _report(questions[i], questions[j], score)


def _report(q: Question, other: Question, score: float) -> Problem:
    return warning(q.at("stem"), "similar-stem",
        f"stem of question '{q.id}' is {score:.0%} like that of '{other.id}' ({other.pos}); "
        "reword one or remove the duplicate")
