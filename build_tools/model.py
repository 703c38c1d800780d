"""Typed objects for the knowledge base: the output of load + validate.

The keys an item's file may have are declared once, in `schema.py`: a field read from a file
takes its default from there (`schema.KIT["signin_rows"].default`), never a literal of its own.

Every object keeps the source position it came from so later stages (PDF
rendering, exports) can name the item when something goes wrong.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import schema

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Pos:
    """A place in a source file: path relative to the root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(kw_only=True)
class Located:
    """Where an item came from: its own position and that of each key read."""

    pos: Pos = field(default_factory=lambda: Pos(""))
    where: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False)

    def at(self, key: str) -> Pos:
        """Source position of one key's value (falls back to the item's position)."""
        return self.where.get(key, self.pos)


@dataclass
class FraudType(Located):
    id: str
    name: str
    group: str
    summary: str
    list_year: int | None = schema.TAXONOMY_TYPE["list_year"].default
    # search words (build_tools/search/words.py)
    search: list[str] = field(default_factory=schema.TAXONOMY_TYPE["search"].fresh)


@dataclass
class Case(Located):
    id: str
    title: str
    type: str
    audience: list[str]
    date: str  # YYYY-MM
    body: str  # Markdown, front matter removed
    path: str
    loss: int | None = schema.CASE["loss"].default
    tags: list[str] = field(default_factory=schema.CASE["tags"].fresh)
    sources: list[str] = field(default_factory=schema.CASE["sources"].fresh)
    summary: str = schema.CASE["summary"].default
    review_by: _dt.date | None = schema.CASE["review_by"].default
    body_line: int = 1  # line of the body's first line in the file
    # 通报原文 | 根据公开通报改编 | 编写示例 (schema.PROVENANCES); "" when not given
    provenance: str = schema.CASE["provenance"].default


@dataclass
class Clip(Located):
    id: str
    title: str
    type: str
    seconds: int
    body: str
    path: str
    case: str | None = schema.CLIP["case"].default
    review_by: _dt.date | None = schema.CLIP["review_by"].default
    body_line: int = 1
    sources: list[str] = field(default_factory=schema.CLIP["sources"].fresh)

    @property
    def pages(self) -> list[str]:
        """The script split into projector pages: one paragraph a page."""
        return [p.strip() for p in self.body.strip().split("\n\n") if p.strip()]


@dataclass
class Question(Located):
    id: str
    kind: str  # single | multiple | judge
    stem: str
    options: list[str]
    answer: tuple[int, ...] | bool  # option indexes (0-based, sorted) or judge truth
    explanation: str
    bank: str
    type: str
    case: str | None = schema.QUESTION["case"].default
    exam_only: bool = schema.QUESTION["exam_only"].default
    difficulty: int | None = schema.QUESTION["difficulty"].default

    @property
    def answer_letters(self) -> str:
        """'B', 'ACD' for choice questions; '正确' / '错误' for judge."""
        if self.kind == "judge":
            return "正确" if self.answer else "错误"
        assert isinstance(self.answer, tuple)
        return "".join(LETTERS[i] for i in self.answer)

    @property
    def correct_indexes(self) -> tuple[int, ...]:
        """For judge questions, index 0 is 正确 and 1 is 错误."""
        if self.kind == "judge":
            return (0,) if self.answer else (1,)
        assert isinstance(self.answer, tuple)
        return self.answer

    @property
    def shown_options(self) -> list[str]:
        """Options as a student sees them (judge: 正确 / 错误)."""
        return ["正确", "错误"] if self.kind == "judge" else list(self.options)


@dataclass
class Bank(Located):
    id: str
    title: str
    type: str
    questions: list[Question]
    path: str
    review_by: _dt.date | None = schema.BANK["review_by"].default
    sources: list[str] = field(default_factory=schema.BANK["sources"].fresh)

    @property
    def public_questions(self) -> list[Question]:
        """Questions that may be published: only those unambiguously not exam_only (False exactly)."""
        return [q for q in self.questions if q.exam_only is False]


@dataclass
class QuizDraw:
    types: list[str]
    count: int
    versions: list[str] = field(default_factory=schema.QUIZ_DRAW["versions"].fresh)
    seed: int = schema.QUIZ_DRAW["seed"].default
    banks: list[str] = field(default_factory=schema.QUIZ_DRAW["banks"].fresh)


@dataclass
class Discussion:
    question: str
    points: str = schema.DISCUSSION["points"].default


@dataclass
class AgendaItem(Located):
    title: str
    minutes: int
    clip: str | None = schema.AGENDA_ITEM["clip"].default
    case: str | None = schema.AGENDA_ITEM["case"].default
    host: str = schema.AGENDA_ITEM["host"].default
    discuss: list[Discussion] = field(default_factory=schema.AGENDA_ITEM["discuss"].fresh)
    quiz: QuizDraw | None = schema.AGENDA_ITEM["quiz"].default
    # a scenario id: role-play cards and a facilitator sheet in the kit
    scenario: str | None = schema.AGENDA_ITEM["scenario"].default


@dataclass
class Kit(Located):
    id: str
    title: str
    audience: str
    minutes: int
    agenda: list[AgendaItem]
    path: str
    goals: list[str] = field(default_factory=schema.KIT["goals"].fresh)
    prepare: list[str] = field(default_factory=schema.KIT["prepare"].fresh)
    signin_rows: int = schema.KIT["signin_rows"].default
    pledge: str = schema.KIT["pledge"].default
    review_by: _dt.date | None = schema.KIT["review_by"].default

    @property
    def quiz(self) -> QuizDraw | None:
        """The kit's first quiz draw, if its agenda has one."""
        return next((a.quiz for a in self.agenda if a.quiz), None)


@dataclass
class CastMember(Located):
    """Someone in a scenario: the student who chooses, a "客服", a "辅导员"…"""

    id: str
    name: str
    role: str = schema.CAST_MEMBER["role"].default
    index: int = 0  # place in the file's list, for messages (cast[2])


@dataclass
class Message(Located):
    """One thing the student sees: a chat bubble, an SMS, a line of a call, or a card
    (a payment page, a fake notice) with a title."""

    kind: str  # chat | sms | call | card
    sender: str  # a cast id
    text: str
    title: str = schema.MESSAGE["title"].default
    index: int = 0


@dataclass
class Choice(Located):
    text: str
    next: str  # a step or ending id of the same scenario
    # what the student says when choosing it (shown as the student's bubble)
    say: str = schema.CHOICE["say"].default
    index: int = 0


@dataclass
class ScenarioStep(Located):
    id: str
    messages: list[Message]
    choices: list[Choice]
    index: int = 0


@dataclass
class Ending(Located):
    id: str
    kind: str  # loss | stopped | reported
    title: str
    text: str
    lesson: str
    case: str | None = schema.ENDING["case"].default
    clip: str | None = schema.ENDING["clip"].default
    bank: str | None = schema.ENDING["bank"].default
    index: int = 0


@dataclass
class Scenario(Located):
    """A branching scam story the student plays on a phone, or a class acts out."""

    id: str
    title: str
    type: str
    audience: list[str]
    player: str  # the cast id of the student who makes the choices
    start: str
    cast: list[CastMember]
    steps: list[ScenarioStep]
    endings: list[Ending]
    path: str
    summary: str = schema.SCENARIO["summary"].default
    sources: list[str] = field(default_factory=schema.SCENARIO["sources"].fresh)
    review_by: _dt.date | None = schema.SCENARIO["review_by"].default

    def node(self, node_id: str) -> ScenarioStep | Ending | None:
        """The step or ending with that id."""
        nodes: list[ScenarioStep | Ending] = [*self.steps, *self.endings]
        return next((n for n in nodes if n.id == node_id), None)

    def member(self, cast_id: str) -> CastMember | None:
        return next((c for c in self.cast if c.id == cast_id), None)

    @property
    def cases(self) -> list[str]:
        """Case ids its endings link to, in order, once each."""
        return list(dict.fromkeys(e.case for e in self.endings if e.case))


@dataclass
class KnowledgeBase:
    """Everything loaded from one root, ids resolved."""

    types: dict[str, FraudType] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    clips: dict[str, Clip] = field(default_factory=dict)
    banks: dict[str, Bank] = field(default_factory=dict)
    kits: dict[str, Kit] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    # the programme/ folder's files (a load.programme.Programme, read with the content by core.validate;
    # None when not read: commands that do not use the programme)
    programme: Any = None

    def questions(self, include_exam: bool = False) -> Iterator[Question]:
        """All questions in bank order; exam_only ones only when asked for."""
        for bank in self.banks.values():
            for q in bank.questions:
                if include_exam or q.exam_only is False:
                    yield q

    def cases_of(self, type_id: str) -> list[Case]:
        return [c for c in self.cases.values() if c.type == type_id]

    def clips_of(self, type_id: str) -> list[Clip]:
        return [c for c in self.clips.values() if c.type == type_id]

    def scenarios_of(self, type_id: str) -> list[Scenario]:
        return [s for s in self.scenarios.values() if s.type == type_id]

    def banks_of(self, type_id: str) -> list[Bank]:
        return [b for b in self.banks.values() if b.type == type_id]

    def questions_of_case(self, case_id: str) -> list[Question]:
        return [q for q in self.questions() if q.case == case_id]
