"""The answer map written beside every paper and export: question number → question id and option order.

A results file from a platform or a typed answer grid says "question 7, answer C"; only the
map says which question that was on that version and which source option C showed. One JSON
file per paper or export (`NAME.answers.json`), written with the paper, read by `fanzha results`.

    {"format": "fanzha-answer-map", "version": 1, "made_by": "paper", "title": "…",
     "seed": 2026, "pass_mark": 80, "points": {"single": 2},
     "versions": [{"name": "A", "questions": [
        {"number": 1, "id": "kefu-001", "kind": "single", "order": [2, 0, 3, 1], "key": "A",
         "options": ["…", "…", "…", "…"]}]}]}

`order[i]` is the source option (0-based, as in the bank file) shown at letter i; `key` is the
correct answer as shown: letters ("A", "BD") for choice questions, "T" or "F" for judge questions
(whose `order` is [0, 1]: 正确, 错误). `options` are the shown option texts, so a platform's
"by option text" layout maps back to letters even after the bank is edited.
"""
from __future__ import annotations

import json
import json.scanner
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import LETTERS, Question

FORMAT = "fanzha-answer-map"
VERSION = 1
SUFFIX = ".answers.json"
JUDGE_KEYS = ("T", "F")


class AnswerMapError(ValueError):
    """A map file that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class MappedQuestion:
    number: int
    id: str
    kind: str  # single | multiple | judge
    order: tuple[int, ...]
    key: str  # shown letters, or T / F
    options: tuple[str, ...] = ()

    @property
    def letters(self) -> str:
        """Letters a student may answer with ('ABCD'; judge: 'TF')."""
        return "TF" if self.kind == "judge" else LETTERS[: len(self.order)]

    def source_index(self, shown_letter: str) -> int:
        """The bank's option index for a shown letter (judge: T → 0, F → 1)."""
        return self.order[self.letters.index(shown_letter)]


@dataclass(frozen=True)
class MappedVersion:
    name: str
    questions: tuple[MappedQuestion, ...]

    def by_number(self) -> dict[int, MappedQuestion]:
        return {q.number: q for q in self.questions}


@dataclass(frozen=True)
class AnswerMap:
    made_by: str  # paper | kit | export-wjx | export-moodle | …
    title: str
    versions: tuple[MappedVersion, ...]
    seed: int | str | None = None
    pass_mark: float = 80
    points: dict[str, float] = field(default_factory=dict)

    def version(self, name: str) -> MappedVersion | None:
        return next((v for v in self.versions if v.name == name), None)

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT, "version": VERSION, "made_by": self.made_by, "title": self.title,
            "seed": self.seed, "pass_mark": self.pass_mark, "points": self.points,
            "versions": [{"name": v.name, "questions": [
                {"number": q.number, "id": q.id, "kind": q.kind, "order": list(q.order), "key": q.key,
                 "options": list(q.options)} for q in v.questions]} for v in self.versions],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def mapped(number: int, question: Question, order: tuple[int, ...] | None = None) -> MappedQuestion:
    """A bank question as shown at `number`, its options in `order` (default: the bank's order)."""
    if question.kind == "judge":
        return MappedQuestion(number, question.id, "judge", (0, 1), "T" if question.answer else "F",
                              ("正确", "错误"))
    order = tuple(range(len(question.options))) if order is None else tuple(order)
    if sorted(order) != list(range(len(question.options))):
        raise ValueError(f"{question.id}: option order {order} is not a permutation of its options")
    assert isinstance(question.answer, tuple)
    key = "".join(sorted(LETTERS[order.index(i)] for i in question.answer))
    return MappedQuestion(number, question.id, question.kind, order, key,
                          tuple(question.options[i] for i in order))


def in_order(made_by: str, title: str, questions: Iterable[Question], pass_mark: float = 80,
             points: dict[str, float] | None = None, version: str = "A") -> AnswerMap:
    """A one-version map of questions numbered 1… in the given order, options as in the bank
    (what an export holds: the platform numbers the questions in file order)."""
    mq = tuple(mapped(n, q) for n, q in enumerate(questions, start=1))
    return AnswerMap(made_by, title, (MappedVersion(version, mq),), None, pass_mark, dict(points or {}))


def map_path(output: Path) -> Path:
    """The map's file beside an output: paper/ → paper/answers.json is the caller's choice;
    an export file x.xlsx → x.answers.json."""
    return output.with_name(output.stem + SUFFIX) if output.suffix else output / ("map" + SUFFIX)


def read(path: Path) -> AnswerMap:
    """The map in `path`; AnswerMapError naming the file (and the line of the entry at fault:
    `path:line: error …`) for anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise AnswerMapError(f"{path}: cannot read the answer map ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise AnswerMapError(f"{path}:{line}: error not an answer map (invalid JSON: {exc})") from None
    try:
        return _parse(path, data)
    except AnswerMapError:  # parse again, slowly, to learn where each entry starts
        positioned, starts = _positions(text)
        _parse(path, positioned, lambda obj: text.count("\n", 0, starts.get(id(obj), 0)) + 1)
        raise


def _positions(text: str) -> tuple[Any, dict[int, int]]:
    """The JSON data, and the offset of every object in it (by id() of the dict made)."""
    starts: dict[int, int] = {}
    decoder = json.JSONDecoder()
    # parse_object and scan_once are the pure-Python decoder's hooks; typeshed leaves them out
    plain = decoder.parse_object  # type: ignore[attr-defined]

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[Any, int]:
        value, end = plain(s_and_end, *args, **kwargs)
        starts[id(value)] = s_and_end[1] - 1  # the offset of its "{"
        return value, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    # the pure-Python scanner calls parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text), starts


def _parse(path: Path, data: Any, line_of: Callable[[Any], int] | None = None) -> AnswerMap:
    def bad(what: str, at: Any = None) -> AnswerMapError:
        line = line_of(at) if line_of is not None and at is not None else 1
        return AnswerMapError(f"{path}:{line}: error answer map: {what}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f"not a {FORMAT} file")
    if data.get("version") != VERSION:
        raise bad(f"version {data.get('version')!r} is not supported (expected {VERSION})")
    versions = []
    for v in data.get("versions") or []:
        if not isinstance(v, dict) or not isinstance(v.get("name"), str):
            raise bad("a version without a name", v)
        questions = []
        seen: set[int] = set()
        for q in v.get("questions") or []:
            try:
                mq = MappedQuestion(int(q["number"]), str(q["id"]), str(q["kind"]),
                                    tuple(int(i) for i in q["order"]), str(q["key"]),
                                    tuple(str(o) for o in q.get("options") or ()))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise bad(f"version {v['name']}: a question entry without number, id, kind, order and key",
                          q) from None
            if mq.kind not in ("single", "multiple", "judge"):
                raise bad(f"version {v['name']} question {mq.number}: unknown kind {mq.kind!r}", q)
            if sorted(mq.order) != list(range(len(mq.order))) or (mq.options and len(mq.options) != len(mq.order)) \
                    or (mq.kind == "judge" and mq.order != (0, 1)) or len(mq.order) > len(LETTERS):
                raise bad(f"version {v['name']} question {mq.number}: order {list(mq.order)} is not an order of "
                          f"its {len(mq.options) or len(mq.order)} options", q)
            if any(ch not in mq.letters for ch in mq.key) or not mq.key:
                raise bad(f"version {v['name']} question {mq.number}: key {mq.key!r} is not among {mq.letters}", q)
            if mq.number in seen:
                raise bad(f"version {v['name']}: question number {mq.number} appears twice", q)
            seen.add(mq.number)
            questions.append(mq)
        versions.append(MappedVersion(v["name"], tuple(questions)))
    if not versions:
        raise bad("no versions")
    points = data.get("points") or {}
    try:
        return AnswerMap(str(data.get("made_by") or ""), str(data.get("title") or ""), tuple(versions),
                         data.get("seed"), float(data.get("pass_mark") or 80),
                         {str(k): float(p) for k, p in points.items()} if isinstance(points, dict) else {})
    except (TypeError, ValueError):
        raise bad("pass_mark and points must be numbers") from None
