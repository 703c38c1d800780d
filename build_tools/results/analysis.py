"""Item analysis of one paper: per question, per paper, per class, and the flags.

Definitions (one attempt per student: the best by score, the first of equal ones):
- score: points per question kind from the answer map (`points`; a kind without points counts 1);
  a question is right only when exactly the keyed options are chosen (multiple choice is
  all-or-nothing: one missing or extra option and it counts wrong). Percent = score / maximum × 100;
  a student passes at percent ≥ pass_mark (the map's, else settings.pass_mark).
- difficulty p: the share of the question's students who got it right (blanks count as wrong).
- blank rate: the share who chose nothing.
- upper / lower group: the 27 % of students with the highest / lowest percent (at least one each;
  ties broken by file order). Discrimination D = p(upper) − p(lower).
- point-biserial r: Pearson correlation of right (1/0) with the REST score (the score without this
  question), so a question does not correlate with itself.
- option shares: the share of students who chose each bank option, overall and in each group
  (multiple choice: a student may choose several, so shares add up to more than 100 %).
- KR-20 = k/(k−1) · (1 − Σ p(1−p) / variance of the number right), population variance; per version,
  and for the paper when every student answered the same questions.

Flags, only for a question with at least `min_responses` students (default 30: fewer make
p and D too noisy to act on); one question may get several:
- too-easy: p > 95 % (nothing else is flagged then: D, r and dead distractors follow from it);
- too-hard: p < 30 %;
- wrong-key: D < 0, or r < 0, or the upper group chose a distractor more often than the key
  (multiple choice: than its least chosen keyed option) — "probably a wrong key";
- low-discrimination: 0 ≤ D < 0.2 (not also reported when wrong-key is);
- dead-distractor: a wrong option chosen by fewer than 2 % (not for judge questions, whose one
  wrong option is the other answer).
"""
from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress

from ..model import LETTERS, KnowledgeBase, Pos
from ..problem import Problem, warning
from ..programme.privacy import MINIMUM, Cell, protect
from .readers import Attempt, Item, Paper, Results

NO_CLASS = "（未填班级）"


@dataclass(frozen=True)
class Thresholds:
    easy: float = 0.95
    hard: float = 0.30
    discrimination: float = 0.2
    dead: float = 0.02
    min_responses: int = 30
    group: float = 0.27


@dataclass(frozen=True)
class Flag:
    code: str
    item: str
    message: str
    key: str = "id"  # which source key the warning is placed at


@dataclass
class ItemStats:
    item: Item
    number: int            # its number on the first version that has it
    n: int
    correct: int
    blank: int
    upper_correct: float | None
    lower_correct: float | None
    point_biserial: float | None
    shares: list[float]
    upper: list[float]
    lower: list[float]
    flags: list[Flag] = field(default_factory=list)

    @property
    def difficulty(self) -> float | None:
        return self.correct / self.n if self.n else None

    @property
    def discrimination(self) -> float | None:
        if self.upper_correct is None or self.lower_correct is None:
            return None
        return self.upper_correct - self.lower_correct

    @property
    def blank_rate(self) -> float | None:
        return self.blank / self.n if self.n else None


@dataclass(frozen=True)
class ClassLine:
    name: str
    tested: Cell
    passed: Cell
    failed: Cell

    @property
    def rate(self) -> str:
        if not (self.tested.visible and self.passed.visible and self.failed.visible):
            return "—"
        return f"{100 * self.passed.value / self.tested.value:.1f}%"

    @property
    def rate_value(self) -> float | None:
        return self.passed.value / self.tested.value if self.rate != "—" else None


@dataclass(frozen=True)
class VersionLine:
    name: str
    n: int
    items: int
    kr20: float | None


@dataclass
class Analysis:
    paper: Paper
    thresholds: Thresholds
    pass_mark: float
    rows: int                  # attempts read
    n: int                     # students (best attempt each)
    max_points: float
    mean: float | None
    sd: float | None
    mean_percent: float | None
    passed: int
    kr20: float | None
    items: list[ItemStats]
    versions: list[VersionLine]
    classes: list[ClassLine]
    class_total: tuple[str, str, str]
    files: list[str]
    layouts: list[str]
    percents: list[float]      # every student's percent (for the histogram; no one is named)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.n if self.n else None

    @property
    def flags(self) -> list[Flag]:
        return [f for s in self.items for f in s.flags]

    @property
    def shown(self) -> bool:
        """Item tables are printed only for at least MINIMUM students (fewer would show a person's answers)."""
        return self.n >= MINIMUM


def points_of(paper: Paper) -> list[float]:
    points = paper.map.points
    return [float(points.get(item.kind, 1.0)) for item in paper.items]


def best_attempts(attempts: list[Attempt], keys: list[int], points: list[float]) -> list[tuple[Attempt, float]]:
    """One (attempt, score) per student: the highest score, the first of equal ones."""
    best: dict[str, tuple[Attempt, float]] = {}
    get, eq = best.get, operator.eq
    for a in attempts:
        score = sum(compress(points, map(eq, a.masks, keys)))
        old = get(a.sid)
        if old is None or score > old[1]:
            best[a.sid] = (a, score)
    return list(best.values())


def analyse(results: Results, default_pass_mark: float | None, thresholds: Thresholds = Thresholds()) -> Analysis:
    """Every figure of the paper (see the module doc). Plain Python, built for 1,000,000 answers:
    per question, a Counter over its column of masks does the counting in C; the loops left in
    Python touch each answer once or twice."""
    paper = results.paper
    items = paper.items
    keys = [it.key for it in items]
    points = points_of(paper)
    # the map's pass_mark, else the one given (settings.pass_mark), else answermap's default
    mark = next(m for m in (paper.pass_mark, default_pass_mark, paper.map.pass_mark) if m is not None)
    best = best_attempts(results.attempts, keys, points)
    n = len(best)
    maxima = {name: sum(points[i] for i, _ in mapped.values()) for name, mapped in paper.by_version.items()}
    scores = [s for _, s in best]
    percents = [100 * s / maxima[a.version] if maxima[a.version] else 0.0 for a, s in best]
    passed = sum(1 for p in percents if p >= mark - 1e-9)
    mean = sum(scores) / n if n else None
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / n) if n and mean is not None else None
    order = sorted(range(n), key=lambda i: -percents[i])
    g = max(1, round(thresholds.group * n)) if n >= 2 else 0
    upper, lower = (order[:g], order[n - g:]) if g else ([], [])
    masks = [a.masks for a, _ in best]
    columns = [list(col) for col in zip(*masks)] if masks else [[] for _ in items]
    sums = (sum(scores), sum(s * s for s in scores))
    stats = [_item(items[j], columns[j], scores, sums, points[j], upper, lower, paper) for j in range(len(items))]
    for s in stats:
        s.flags = flags_of(s, thresholds)
    version_of = [a.version for a, _ in best]
    rights = [list(map(key.__eq__, col)) for col, key in zip(columns, keys)]
    totals = [sum(r) for r in zip(*rights)] if rights else []
    versions = [_version(name, mapped, version_of, rights, totals) for name, mapped in paper.by_version.items()]
    complete = all(s.n == n for s in stats)
    kr20 = _kr20([sum(r) for r in rights], totals) if complete else None
    classes, total = _classes(best, percents, mark) if results.has_class else ([], ("", "", ""))
    return Analysis(paper, thresholds, mark, len(results.attempts), n,
                    max(maxima.values(), default=0.0), mean, sd,
                    sum(percents) / n if n else None, passed, kr20, stats, versions, classes, total,
                    results.files, results.layouts, percents)


def _item(item: Item, column: list[int], scores: list[float], sums: tuple[float, float], weight: float,
          upper: list[int], lower: list[int], paper: Paper) -> ItemStats:
    key = item.key
    counts = Counter(column)
    absent = counts.pop(-1, 0)
    up = Counter(_pick(column, upper))
    low = Counter(_pick(column, lower))
    up.pop(-1, None)
    low.pop(-1, None)
    if absent:  # some students had another version without this question
        present = [s for m, s in zip(column, scores) if m >= 0]
        sum_s, sum_s2 = sum(present), sum(s * s for s in present)
    else:
        present = scores
        sum_s, sum_s2 = sums
    n = len(present)
    sum_right = sum(compress(scores, map(key.__eq__, column)))
    n_up, n_low = sum(up.values()), sum(low.values())
    correct = counts[key]
    options = len(item.options)
    number = next((num for v in paper.by_version for num in [item.numbers.get(v)] if num), 0)
    return ItemStats(item, number, n, correct, counts[0],
                     up[key] / n_up if n_up else None, low[key] / n_low if n_low else None,
                     _point_biserial(n, correct, sum_s, sum_s2, sum_right, weight),
                     _shares(counts, options, n), _shares(up, options, n_up), _shares(low, options, n_low))


def _shares(counts: Counter[int], options: int, n: int) -> list[float]:
    if not n:
        return [0.0] * options
    return [sum(c for m, c in counts.items() if m > 0 and m >> b & 1) / n for b in range(options)]


def _point_biserial(n: float, c: int, sum_s: float, sum_s2: float, sum_right: float, w: float) -> float | None:
    """Pearson r of right (0/1) with the rest score S − w·right, from sums over the question's students."""
    if n < 2:
        return None
    p = c / n
    sum_rest = sum_s - w * c
    sum_rest2 = sum_s2 - 2 * w * sum_right + w * w * c
    var_x = p * (1 - p)
    var_rest = sum_rest2 / n - (sum_rest / n) ** 2
    if var_x <= 1e-12 or var_rest <= 1e-12:
        return None
    cov = (sum_right - w * c) / n - p * (sum_rest / n)
    return cov / math.sqrt(var_x * var_rest)


def kr20(matrix: list[list[int]]) -> float | None:
    """KR-20 of a students × questions matrix of 1 (right) and 0 (wrong)."""
    if not matrix or len(matrix[0]) < 2:
        return None
    n, k = len(matrix), len(matrix[0])
    totals = [sum(row) for row in matrix]
    mean = sum(totals) / n
    var = sum((t - mean) ** 2 for t in totals) / n
    if var <= 1e-12:
        return None
    pq = sum((p := sum(row[j] for row in matrix) / n) * (1 - p) for j in range(k))
    return k / (k - 1) * (1 - pq / var)


def _pick(column: list[int], rows: list[int]) -> tuple[int, ...]:
    if not rows:
        return ()
    got = operator.itemgetter(*rows)(column)
    return got if isinstance(got, tuple) else (got,)


def _kr20(right_counts: list[int], totals: list[int]) -> float | None:
    """KR-20 from how many students got each question right and each student's number right."""
    n, k = len(totals), len(right_counts)
    if n < 2 or k < 2:
        return None
    pq = sum((c / n) * (1 - c / n) for c in right_counts)
    mean = sum(totals) / n
    var = sum((t - mean) ** 2 for t in totals) / n
    return k / (k - 1) * (1 - pq / var) if var > 1e-12 else None


def _version(name: str, mapped: dict, version_of: list[str], rights: list[list[bool]],
             totals: list[int]) -> VersionLine:
    """A version's students and KR-20 over its own questions (a student's total counts only those)."""
    rows = [i for i, v in enumerate(version_of) if v == name]
    idx = [i for i, _ in mapped.values()]
    if len(rows) < 2:
        return VersionLine(name, len(rows), len(idx), None)
    mine = [_pick(rights[j], rows) for j in idx]
    own_totals = [sum(r) for r in zip(*mine)] if len(idx) != len(rights) else list(_pick(totals, rows))
    return VersionLine(name, len(rows), len(idx), _kr20([sum(r) for r in mine], own_totals))


def _classes(best: list[tuple[Attempt, float]], percents: list[float], mark: float) -> tuple[list[ClassLine], tuple[str, str, str]]:
    tested: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for (a, _), pct in zip(best, percents):
        name = a.klass or NO_CLASS
        tested[name] += 1
        if pct >= mark - 1e-9:
            passed[name] += 1
    names = sorted(tested)
    t = protect([tested[c] for c in names])
    p = protect([passed[c] for c in names])
    f = protect([tested[c] - passed[c] for c in names])
    lines = [ClassLine(c, t.cells[i], p.cells[i], f.cells[i]) for i, c in enumerate(names)]
    return lines, (t.total_shown, p.total_shown, f.total_shown)


# --- flags -----------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def letter(i: int) -> str:
    return LETTERS[i] if i < len(LETTERS) else str(i + 1)


def flags_of(s: ItemStats, t: Thresholds) -> list[Flag]:
    """The flags of one question (see the module doc)."""
    p, d, r = s.difficulty, s.discrimination, s.point_biserial
    if p is None or s.n < t.min_responses:
        return []
    qid, out = s.item.id, []
    if p > t.easy:
        return [Flag("results-too-easy", qid, f"too easy: {_pct(p)} of {s.n} students got it right "
                     f"(> {_pct(t.easy)}); it tells nobody apart", "id")]
    if p < t.hard:
        out.append(Flag("results-too-hard", qid, f"too hard: only {_pct(p)} of {s.n} students got it right "
                        f"(< {_pct(t.hard)})", "id"))
    key_bits = [b for b in range(len(s.item.options)) if s.item.key >> b & 1]
    wrong_bits = [b for b in range(len(s.item.options)) if not s.item.key >> b & 1]
    key_upper = min((s.upper[b] for b in key_bits), default=0.0)
    rival = max(wrong_bits, key=lambda b: s.upper[b], default=None)
    reasons = []
    if d is not None and d < 0:
        reasons.append(f"discrimination {d:.2f}")
    if r is not None and r < 0:
        reasons.append(f"point-biserial {r:.2f}")
    if rival is not None and s.upper[rival] > key_upper:
        reasons.append(f"the upper group chose {_name(s.item, rival)} ({_pct(s.upper[rival])}) more than the key "
                       f"{_key_name(s.item)} ({_pct(key_upper)})")
    if reasons:
        out.append(Flag("results-wrong-key", qid, "probably a wrong key: " + "; ".join(reasons), "answer"))
    elif d is not None and d < t.discrimination:
        out.append(Flag("results-low-discrimination", qid, f"low discrimination {d:.2f} (< {t.discrimination}): "
                        f"upper group {_pct(s.upper_correct)} right, lower group {_pct(s.lower_correct)}", "id"))
    if s.item.kind != "judge":
        dead = [b for b in wrong_bits if s.shares[b] < t.dead]
        if dead:
            names = ", ".join(f"{_name(s.item, b)} ({_pct(s.shares[b])})" for b in dead)
            out.append(Flag("results-dead-distractor", qid, f"distractor chosen by fewer than {_pct(t.dead)}: "
                            f"{names}; it does no work", "options"))
    return out


def _name(item: Item, bit: int) -> str:
    """An option named as in the bank file: its letter in bank order."""
    if item.kind == "judge":
        return "正确" if bit == 0 else "错误"
    return f"option {letter(bit)}"


def _key_name(item: Item) -> str:
    if item.kind == "judge":
        return "正确" if item.key & 1 else "错误"
    return "".join(letter(b) for b in range(len(item.options)) if item.key >> b & 1)


def flag_problems(analysis: Analysis, kb: KnowledgeBase, results_rel: str) -> list[Problem]:
    """The flags as warnings at the questions' source lines (the results file when the id is gone)."""
    where = {q.id: q for q in kb.questions(include_exam=True)}
    out = []
    for f in analysis.flags:
        q = where.get(f.item)
        suffix = f" [{analysis.paper.map.title or analysis.paper.map_rel}, results {results_rel}]"
        if q is None:
            out.append(warning(Pos(results_rel, 1, 1), f.code, f"{f.item}: {f.message} (question {f.item} is "
                               f"no longer in the knowledge base){suffix}"))
        else:
            out.append(warning(q.at(f.key), f.code, f"{f.item}: {f.message}{suffix}"))
    return out


def bank_letters(item: Item) -> str:
    """The key in bank letters ('B', 'ACD'; judge 正确/错误)."""
    return _key_name(item)
