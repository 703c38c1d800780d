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
from collections.abc import Iterator
from itertools import chain

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


def _stems(ctx: Context) -> tuple[list[Question], list[frozenset[str]], Counter[str]]:
    """Every question, its stem's bigrams and how many stems have each bigram: worked out once per
    validation for both checks here."""
    cached = ctx.cache.get("similar_stems")
    if cached is None:
        questions = list(ctx.kb.questions(include_exam=True))
        grams = [_grams(q.stem) for q in questions]
        cached = (questions, grams, Counter(chain.from_iterable(grams)))
        ctx.cache["similar_stems"] = cached
    return cached


def check(ctx: Context) -> Iterator[Problem]:
    questions, grams, freq = _stems(ctx)
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


# Near-duplicate questions ---------------------------------------------------
#
# Two questions that test the same point, however differently worded: on one paper, one gives the other
# away. A question's "fact" is the bigrams of its stem and its keyed options (a judge question: its
# statement), each weighted by its rarity, log(N / df) over all stems and options. Only specific
# bigrams count as shared: those fewer than SPECIFIC texts use, not two Latin letters (nor a text of
# one character, such as an option 甲); words every
# question uses (下列, 哪些, 报警…) say nothing about sameness. Two questions are near-duplicates when
#   - both are judge questions and their facts are SAME_STATEMENT alike (weighted Dice), or
#   - their facts are SAME_FACT alike, or
#   - both are choice questions with parallel options: the keys pair with each other and at least
#     PARALLEL_MIN options pair off one to one (each pair OPTION_ALIKE alike), the pairs' likeness
#     summing to PARALLEL_SHARE per option, and their facts are at least RELATED alike.
# Only pairs sharing a bigram that fewer than CANDIDATE texts use are compared, so the work grows
# about linearly with the number of questions. Pairs already reported as similar-stem are left to
# that warning.

SPECIFIC = 64
CANDIDATE = 8
SAME_STATEMENT = 0.33
SAME_FACT = 0.45
RELATED = 0.17
OPTION_ALIKE = 0.15
PARALLEL_MIN = 2
PARALLEL_SHARE = 0.15


def _keys(q: Question) -> list[int]:
    if q.kind == "judge" or not isinstance(q.answer, tuple):
        return []
    return [i for i in q.answer if i < len(q.options)]


def _quick_grams(text: str) -> frozenset[str]:
    """_grams with punctuation dropped first: what is left is mostly NFKC already (full-width
    punctuation is what usually is not), so normalising is seldom needed."""
    text = _STRIP.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _STRIP.sub("", unicodedata.normalize("NFKC", text))
    text = text.lower()
    return frozenset(map(str.__add__, text, text[1:])) or frozenset([text])


def near_check(ctx: Context) -> Iterator[Problem]:
    questions, stems, stem_freq = _stems(ctx)
    texts = Counter(o for q in questions for o in q.options)
    option_grams = {text: _quick_grams(text) for text in texts}
    df = stem_freq.copy()
    df.update(chain.from_iterable(option_grams[t] for t, k in texts.items() if k == 1))
    for text, k in texts.items():
        if k > 1:  # the same option in many questions (立即报警…)
            for g in option_grams[text]:
                df[g] += k
    n = len(questions) + texts.total() or 1
    idf = {g: math.log(n / k) for g, k in df.items()}
    # pairs of Latin letters (APP, QQ, a marker pasted into several items) say little about a Chinese
    # question's point: they count in a question's whole weight, never as shared
    specific = {g: w for g, w in idf.items()
                if df[g] < SPECIFIC and len(g) == 2 and not (g.isascii() and g.isalpha())}  # not a 1-letter text
    seeding = frozenset(g for g in specific if df[g] < CANDIDATE)
    whole = [s.union(*[option_grams[q.options[k]] for k in keys]) if (keys := _keys(q)) else s
             for q, s in zip(questions, stems)]
    totals: dict[int, float] = {}

    def total(i: int) -> float:
        if i not in totals:
            totals[i] = sum(map(idf.__getitem__, whole[i]))
        return totals[i]

    rare_stem = {gram for gram, k in stem_freq.items() if k <= _COMMON}
    postings: dict[str, list[int]] = {}
    for i, fact in enumerate(whole):
        seeds = fact & seeding
        for j in sorted(set().union(*[postings.get(g, ()) for g in seeds])):
            both = total(i) + total(j)
            alike = 2 * sum(specific.get(g, 0.0) for g in fact & whole[j]) / both if both else 0.0
            if alike + _EPS < RELATED:
                continue
            a, b = questions[i], questions[j]
            if _alike(a, b, alike, [option_grams[o] for o in a.options], [option_grams[o] for o in b.options],
                      specific) and not \
                    _similar_stems(stems[i], stems[j], rare_stem):
                yield _near(a, b)
                yield _near(b, a)
        for g in seeds:
            postings.setdefault(g, []).append(i)


def _alike(a: Question, b: Question, fact: float, opts_a: list[frozenset[str]], opts_b: list[frozenset[str]],
           weight: dict[str, float]) -> bool:
    if a.kind == "judge" and b.kind == "judge":
        return fact + _EPS >= SAME_STATEMENT
    if fact + _EPS >= SAME_FACT:
        return True
    if not _keys(a) or not _keys(b):
        return False
    return _parallel(set(_keys(a)), set(_keys(b)), opts_a, opts_b, weight)


def _parallel(keys_a: set[int], keys_b: set[int], opts_a: list[frozenset[str]], opts_b: list[frozenset[str]],
              weight: dict[str, float]) -> bool:
    """Options pair off one to one, most alike first; the keys must pair with each other."""
    def total(g: frozenset[str]) -> float:
        return sum(weight.get(x, 0.0) for x in g)
    w_a, w_b = [total(o) for o in opts_a], [total(o) for o in opts_b]
    pairs = sorted(((2 * total(x & y) / (w_a[p] + w_b[r]), p, r) for p, x in enumerate(opts_a)
                    for r, y in enumerate(opts_b) if w_a[p] + w_b[r] and x & y), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    score, matched, keys_match = 0.0, 0, False
    for alike, p, r in pairs:
        if alike + _EPS < OPTION_ALIKE:
            break
        if p in used_a or r in used_b:
            continue
        used_a.add(p)
        used_b.add(r)
        score += alike
        matched += 1
        keys_match = keys_match or (p in keys_a and r in keys_b)
    return keys_match and matched >= PARALLEL_MIN and score + _EPS >= PARALLEL_SHARE * max(len(opts_a), len(opts_b))


def _similar_stems(g: frozenset[str], other: frozenset[str], rare: set[str]) -> bool:
    """Reported as similar-stem already (identical, or alike enough by that check's rule)."""
    return g == other or _score(g, other, rare) is not None or _score(other, g, rare) is not None


def _near(q: Question, other: Question) -> Problem:
    return warning(q.pos, "near-duplicate",
        f"question '{q.id}' tests the same point as '{other.id}' ({other.pos}); a paper may draw both "
        "and one gives the other away: make them ask different things, or keep one")
