"""Rules for single, multiple and judge questions."""
from __future__ import annotations

import unicodedata
from typing import Iterator

from ..model import LETTERS, Bank, Question
from ..problem import Problem, error
from .context import Context


def check(ctx: Context) -> Iterator[Problem]:
    for bank in ctx.every(Bank):
        for i, q in enumerate(bank.questions):
            yield from _check_question(f"questions[{i}]", q)


def _check_question(where: str, q: Question) -> Iterator[Problem]:
    yield from _texts(where, q)
    if q.answer == ():  # missing or unreadable: already reported
        if q.kind != "judge":
            yield from _options(where, q)
        return
    if q.kind == "judge":
        if q.options:
            yield error(q.at("options"), "judge-options",
                f"{where}.options: a judge question has no options (it is answered 正确/错误); remove 'options'")
        return
    yield from _options(where, q)
    assert isinstance(q.answer, tuple)
    n = len(q.options)
    out_of_range = [LETTERS[i] for i in q.answer if i >= n]
    if out_of_range and n:
        yield error(q.at("answer"), "answer-range",
            f"{where}.answer: expected letters A–{LETTERS[n - 1]} for {n} options, found {''.join(out_of_range)}")
    if q.kind == "single" and len(q.answer) != 1:
        yield error(q.at("answer"), "answer-count",
            f"{where}.answer: a single-choice question has exactly one correct letter, found "
            f"{''.join(LETTERS[i] for i in q.answer)}; use kind: multiple if several are correct")
    if q.kind == "multiple" and len(q.answer) < 2:
        yield error(q.at("answer"), "answer-count",
            f"{where}.answer: a multiple-choice question has at least two distinct correct letters, found "
            f"{''.join(LETTERS[i] for i in q.answer)}; use kind: single if only one is correct")


def _texts(where: str, q: Question) -> Iterator[Problem]:
    for key, value in (("stem", q.stem), ("explanation", q.explanation)):
        if key in q.where and not value.strip():
            yield error(q.at(key), "empty-text", f"{where}.{key}: expected text, found an empty value")


def _options(where: str, q: Question) -> Iterator[Problem]:
    lo, hi = (2, 8) if q.kind == "single" else (3, 8)
    if not lo <= len(q.options) <= hi:
        yield error(q.at("options"), "options-count",
            f"{where}.options: a {q.kind} question has {lo}–{hi} options, found {len(q.options)}")
    seen: dict[str, int] = {}
    for j, opt in enumerate(q.options):
        if not opt:
            yield error(q.at(f"options[{j}]"), "empty-text", f"{where}.options[{j}]: expected option text, found an empty value")
            continue
        key = unicodedata.normalize("NFKC", opt).strip().lower()
        if key in seen:
            yield error(q.at(f"options[{j}]"), "duplicate-option",
                f"{where}.options[{j}]: option {_letter(j)} repeats option {_letter(seen[key])} ('{opt}')")
        else:
            seen[key] = j


def _letter(j: int) -> str:
    """The letter of option j, or its number past H (a ninth option is already an error)."""
    return LETTERS[j] if j < len(LETTERS) else f"no. {j + 1}"
