"""Rules for single, multiple and judge questions.

Each rule is written once and serves two readers: `fanzha validate`, whose messages name the
question as the bank's YAML does (`questions[3].options[1]`), and `fanzha import`, which runs the
same rules on the questions it reads from teachers' text and names them as the teacher numbered
them, in the words of that text (单选题, 多选题, 判断题): `check_question(..., number=...)`.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from ..kinds import KIND_NAMES
from ..model import LETTERS, Bank, Question
from ..problem import Problem, error
from .context import Context

#: each rule's message: (about a bank's YAML, about a teacher's numbered question in `fanzha import`)
_SAY = {
    "judge-options": (
        "{where}.options: a judge question has no options (it is answered 正确/错误); remove 'options'",
        "question {n} is a 判断题 but has options A. B. …; remove them (a judge question is answered 正确/错误) "
        "or move it under a 单选题 heading"),
    "answer-range": (
        "{where}.answer: expected letters A–{last} for {count} options, found {found}",
        "question {n}: expected letters A–{last} for {count} options, found {found}"),
    "answer-count-single": (
        "{where}.answer: a single-choice question has exactly one correct letter, found {found}; "
        "use kind: multiple if several are correct",
        "question {n} is a 单选题 but its answer is {found}; a 单选题 has one correct letter"),
    "answer-count-multiple": (
        "{where}.answer: a multiple-choice question has at least two distinct correct letters, found {found}; "
        "use kind: single if only one is correct",
        "question {n} is a 多选题 but its answer is {found}; a 多选题 has at least two correct letters"),
    "options-count": (
        "{where}.options: a {kind} question has {lo}–{hi} options, found {count}",
        "question {n}: a {name} has {lo}–{hi} options, found {count}"),
    "empty-stem": ("{where}.stem: expected text, found an empty value", "question {n} has no stem"),
    "empty-explanation": ("{where}.explanation: expected text, found an empty value",
                          "question {n}: its 解析 is empty"),
    "empty-option": ("{where}.options[{j}]: expected option text, found an empty value",
                     "question {n}: option {letter} has no text"),
    "duplicate-option": ("{where}.options[{j}]: option {letter} repeats option {first} ('{text}')",
                         "question {n}: option {letter} repeats option {first}"),
}
_Say = Callable[..., str]  # a rule -> its message, worded for the reader


def check(ctx: Context) -> Iterator[Problem]:
    for bank in ctx.every(Bank):
        for i, q in enumerate(bank.questions):
            yield from check_question(f"questions[{i}]", q)


def check_question(where: str, q: Question, number: str | None = None) -> Iterator[Problem]:
    """The problems of one question. `where` names it in a bank (`questions[3]`); with `number`,
    the question as a teacher numbered it in text, the messages are `fanzha import`'s."""
    def say(rule: str, **fields: object) -> str:
        return _SAY[rule][number is not None].format(where=where, n=number, name=KIND_NAMES.get(q.kind, q.kind),
                                                     kind=q.kind, **fields)

    yield from _texts(q, say)
    if q.kind == "judge":  # whatever its answer says
        if q.options:
            yield error(q.at("options"), "judge-options", say("judge-options"))
        return
    yield from _options(q, say)
    if q.answer == ():  # missing or unreadable: already reported
        return
    assert isinstance(q.answer, tuple)
    n = len(q.options)
    out_of_range = [LETTERS[i] for i in q.answer if i >= n]
    if out_of_range and n:
        yield error(q.at("answer"), "answer-range",
                    say("answer-range", last=LETTERS[n - 1], count=n, found="".join(out_of_range)))
    found = "".join(LETTERS[i] for i in q.answer)
    if q.kind == "single" and len(q.answer) != 1:
        yield error(q.at("answer"), "answer-count", say("answer-count-single", found=found))
    if q.kind == "multiple" and len(q.answer) < 2:
        yield error(q.at("answer"), "answer-count", say("answer-count-multiple", found=found))


def _texts(q: Question, say: _Say) -> Iterator[Problem]:
    for key, value in (("stem", q.stem), ("explanation", q.explanation)):
        if key in q.where and not value.strip():
            yield error(q.at(key), "empty-text", say(f"empty-{key}"))


def _options(q: Question, say: _Say) -> Iterator[Problem]:
    lo, hi = (2, 8) if q.kind == "single" else (3, 8)
    if not lo <= len(q.options) <= hi:
        yield error(q.at("options"), "options-count", say("options-count", lo=lo, hi=hi, count=len(q.options)))
    seen: dict[str, int] = {}
    for j, opt in enumerate(q.options):
        if not opt:
            yield error(q.at(f"options[{j}]"), "empty-text", say("empty-option", j=j, letter=_letter(j)))
            continue
        key = unicodedata.normalize("NFKC", opt).strip().lower()
        if key in seen:
            yield error(q.at(f"options[{j}]"), "duplicate-option",
                        say("duplicate-option", j=j, letter=_letter(j), first=_letter(seen[key]), text=opt))
        else:
            seen[key] = j


def _letter(j: int) -> str:
    """The letter of option j, or its number past H (a ninth option is already an error)."""
    return LETTERS[j] if j < len(LETTERS) else f"no. {j + 1}"
