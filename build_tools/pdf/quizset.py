"""A drawn quiz in its versions, and how it is marked: what quiz, sheet and key templates show."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..exchange import answermap
from .draw import KIND_ORDER, KIND_TITLES, Section, Version

_SAFE_NAME = re.compile(r"^[A-Za-z0-9]+$")


@dataclass(frozen=True)
class QuizSet:
    """The versions of one quiz (a kit's agenda quiz or a semester paper).

    `points` gives points per question kind; without it the pass line counts questions.
    """

    title: str
    paper_name: str  # 测验卷 / 试卷
    versions: tuple[Version, ...]
    seed: int | str
    pass_mark: float  # percent
    minutes: int | None = None
    points: dict[str, float] = field(default_factory=dict)
    file_prefix: str = ""  # "" or e.g. "2" when a kit has a second quiz

    @property
    def questions(self) -> list:
        return self.versions[0].questions if self.versions else []

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(kind, number of questions) in paper order, kinds present only."""
        kinds = [pq.question.kind for pq in self.questions]
        return [(k, kinds.count(k)) for k in KIND_ORDER if k in kinds]

    @property
    def kind_summary(self) -> str:
        return "、".join(f"{KIND_TITLES[k]} {n} 题" for k, n in self.counts)

    @property
    def has_multiple(self) -> bool:
        return any(k == "multiple" for k, _ in self.counts)

    @property
    def has_judge(self) -> bool:
        return any(k == "judge" for k, _ in self.counts)

    @property
    def total_points(self) -> float:
        return sum(self.points.get(k, 0) * n for k, n in self.counts)

    @property
    def pass_count(self) -> int:
        """Questions right needed to pass (pass_mark percent, rounded up)."""
        return math.ceil(self.count * self.pass_mark / 100 - 1e-9)

    @property
    def pass_rule(self) -> str:
        if self.points:
            need = self.total_points * self.pass_mark / 100
            return f"满分 {points_text(self.total_points)} 分，{points_text(need)} 分及以上为合格。"
        return f"共 {self.count} 题，答对 {self.pass_count} 题及以上为合格。"

    def section_points(self, section: Section) -> str:
        """'，每题 2 分，共 10 分' for a section heading, or '' without points."""
        if not self.points:
            return ""
        each = self.points.get(section.kind, 0)
        return f"，每题 {points_text(each)} 分，共 {points_text(each * len(section.questions))} 分"

    def answer_map(self, made_by: str) -> answermap.AnswerMap:
        """Every version's numbers, question ids, option orders and shown keys (answers.json)."""
        versions = tuple(answermap.MappedVersion(v.name, tuple(
            answermap.mapped(pq.number, pq.question, pq.order if pq.question.kind != "judge" else None)
            for pq in v.questions)) for v in self.versions)
        return answermap.AnswerMap(made_by, self.title, versions, self.seed, self.pass_mark, dict(self.points))

    def map_file(self) -> str:
        """The answer map's file name beside a kit's quiz PDFs: quiz.answers.json, quiz2.answers.json…"""
        return f"quiz{self.file_prefix}{answermap.SUFFIX}"

    def file(self, version: Version, role: str) -> str:
        """ASCII file name of one version's document: quiz-A.pdf, key-B.pdf, paper2-A.pdf…"""
        return f"{role}{self.file_prefix}-{version_slug(self, version)}.pdf"


def version_slug(quiz: QuizSet, version: Version) -> str:
    """The version's name if it is plain ASCII letters/digits, else its position (v1, v2…)."""
    if _SAFE_NAME.match(version.name):
        return version.name
    return f"v{quiz.versions.index(version) + 1}"


def points_text(value: float) -> str:
    """2.0 → '2', 2.5 → '2.5'."""
    return f"{value:g}"
