"""Which questions an export holds, and what every exporter returns."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..kinds import KIND_NAMES as KIND_NAMES  # for exporters still importing it from here
from ..model import Bank, KnowledgeBase, Question

DIFFICULTY_NAMES = {1: "简单", 2: "中等", 3: "困难"}


class SelectionError(Exception):
    """--banks or --types name something that is not there, or nothing is left to export."""


@dataclass(frozen=True)
class Part:
    """One bank and the questions of it that were selected, in bank order."""

    bank: Bank
    questions: tuple[Question, ...]


@dataclass
class Selection:
    """The questions to export, grouped by bank (banks in the knowledge base's order)."""

    parts: list[Part]
    type_names: dict[str, str] = field(default_factory=dict)  # fraud type id -> 刷单返利
    site_name: str = "反诈知识库"

    @property
    def questions(self) -> list[Question]:
        return [q for part in self.parts for q in part.questions]

    def type_name(self, type_id: str) -> str:
        return self.type_names.get(type_id, type_id)


@dataclass
class Exported:
    """An export's bytes, plus warnings for the person who ran it (printed to stderr).

    `numbered` holds the questions in the order the target platform numbers them once the
    file is imported (question 1 first): what the answer map beside the export records.
    """

    data: bytes
    warnings: list[str] = field(default_factory=list)
    numbered: list[Question] = field(default_factory=list)


def select(kb: KnowledgeBase, banks: Iterable[str] | None = None, types: Iterable[str] | None = None,
           include_exam: bool = False, site_name: str = "反诈知识库") -> Selection:
    """Questions of the named banks and fraud types (all when not named).

    exam_only questions are kept only with include_exam.
    """
    bank_ids = _known("--banks", list(banks or []), kb.banks)
    type_ids = _known("--types", list(types or []), kb.types)
    parts = []
    for bank in kb.banks.values():
        if bank_ids and bank.id not in bank_ids:
            continue
        chosen = tuple(q for q in bank.questions
                       if (include_exam or not q.exam_only) and (not type_ids or q.type in type_ids))
        if chosen:
            parts.append(Part(bank, chosen))
    if not parts:
        raise SelectionError("no questions selected: check --banks/--types"
                             + ("" if include_exam else " (exam_only questions need --include-exam)"))
    return Selection(parts, {t.id: t.name for t in kb.types.values()}, site_name)


def _known(flag: str, wanted: list[str], known: Mapping[str, object]) -> set[str]:
    missing = [w for w in wanted if w not in known]
    if missing:
        raise SelectionError(f"{flag}: no such id: {', '.join(missing)} (known: {', '.join(known) or 'none'})")
    return set(wanted)
