"""What every page renderer needs: the knowledge base, settings, kit downloads, a renderer."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..downloads import Download
from ..model import Bank, KnowledgeBase, Question
from ..settings import Settings
from .render import Renderer

GROUP_LABELS = {"mps": "公安部公布的高发类型", "campus": "校园常见类型", "other": "其他类型"}


@dataclass
class SiteContext:
    """One build's inputs to the page renderers."""

    kb: KnowledgeBase
    settings: Settings
    renderer: Renderer
    downloads: dict[str, list[Download]] = field(default_factory=dict)

    def practice_banks(self, type_id: str) -> list[tuple[Bank, int]]:
        """The type's banks that have publishable questions, with how many."""
        return [(b, len(b.public_questions)) for b in self.kb.banks_of(type_id) if b.public_questions]

    def questions_of_case(self, case_id: str) -> list[Question]:
        """Publishable questions linked to a case, in bank order (kb.questions_of_case, from an index:
        asking the model once per case scans every question for every case)."""
        return self._questions_by_case.get(case_id, [])

    @cached_property
    def _questions_by_case(self) -> dict[str, list[Question]]:
        index: dict[str, list[Question]] = {}
        for q in self.kb.questions():
            if q.case:
                index.setdefault(q.case, []).append(q)
        return index

    def group_label(self, group: str) -> str:
        return GROUP_LABELS.get(group, GROUP_LABELS["other"])
