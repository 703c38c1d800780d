"""An imported bank as YAML a person can read and edit: the layout of content-spec.md.

Block style, Chinese as it is (allow_unicode), keys in the spec's order (bank, title,
type, review_by, questions; in a question id, kind, stem, options, answer, explanation,
exam_only, then case and difficulty when the text's 【案例】/【难度】 lines gave them), text with line
breaks as literal `|` blocks. Question ids are <bank>-001….
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import yaml

from ..model import LETTERS
from .text_import import ImportedQuestion


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key and writes multi-line text as `|`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def question_id(bank: str, number: int) -> str:
    return f"{bank}-{number:03d}"


def question_entry(bank: str, number: int, q: ImportedQuestion, exam_only: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": question_id(bank, number), "kind": q.kind, "stem": q.stem}
    if q.kind != "judge":
        entry["options"] = list(q.options)
        assert isinstance(q.answer, tuple)
        entry["answer"] = "".join(LETTERS[i] for i in q.answer)
    else:
        entry["answer"] = q.answer
    entry["explanation"] = q.explanation
    entry["exam_only"] = exam_only or q.exam_only
    if q.case:
        entry["case"] = q.case
    if q.difficulty:
        entry["difficulty"] = q.difficulty
    return entry


def bank_document(bank: str, title: str, type_id: str, questions: Iterable[ImportedQuestion],
                  review_by: dt.date | None, exam_only: bool = False) -> dict[str, Any]:
    doc: dict[str, Any] = {"bank": bank, "title": title, "type": type_id}
    if review_by is not None:
        doc["review_by"] = review_by
    doc["questions"] = [question_entry(bank, n, q, exam_only) for n, q in enumerate(questions, start=1)]
    return doc


def dump(doc: dict[str, Any], source: str = "") -> str:
    """The YAML text, with a comment line naming where it was imported from."""
    head = f"# 由 fanzha import 从 {source} 导入；请检查后再发布。\n" if source else ""
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10_000, indent=2)
    return head + body
