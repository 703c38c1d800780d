"""Reading a content root into the model.

Each reader turns one file into model objects (or problems); nothing here
decides whether content is *right* beyond its shape — that is `checks/`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path
from typing import Any

from .. import schema
from ..model import (
    LETTERS,
    AgendaItem,
    Bank,
    Case,
    Clip,
    Discussion,
    FraudType,
    Kit,
    KnowledgeBase,
    Pos,
    Question,
    QuizDraw,
)
from ..problem import Problem, error, warning
from ..schema import with_defaults
from .answers import read_judge, read_letters
from .frontmatter import MarkdownDoc, split_front_matter
from .reader import ItemReader, label, looks_like_exam_only
from .scenarios import read_scenario
from .text import UnreadableFile, decode_text, read_text
from .yamlpos import Doc, parse_yaml

SOURCE_DIRS = ("cases", "clips", "quizzes", "kits", "scenarios")
#: the files load_root reads in each folder (a name starting with '.' or '_' is left out)
_PATTERNS = {"cases": "*.md", "clips": "*.md", "quizzes": "*.y*ml", "kits": "*.y*ml", "scenarios": "*.y*ml"}
#: a content root held in memory: relative path (posix) -> the file's text (or bytes)
Files = Mapping[str, str | bytes]


@dataclass
class Loaded:
    """The model plus what was found while reading it."""

    kb: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # rel path -> text, for text-wide checks
    # every definition of an id, for duplicate reporting: (kind, id) -> [Pos]
    definitions: dict[tuple[str, str], list[Pos]] = field(default_factory=dict)
    # items whose id was already taken: not in the model, but still checked
    shadowed: list[Any] = field(default_factory=list)


def source_files(root: Path) -> list[tuple[str, Path]]:
    """(relative path, path) of every content file, in a stable order."""
    out = []
    if (root / "taxonomy.yml").is_file():
        out.append(("taxonomy.yml", root / "taxonomy.yml"))
    for folder, pattern in _PATTERNS.items():
        base = root / folder
        if base.is_dir():
            for p in sorted(base.rglob(pattern)):
                if p.is_file() and not p.name.startswith((".", "_")):
                    out.append((p.relative_to(root).as_posix(), p))
    return out


def mapping_files(files: Files) -> list[str]:
    """The relative paths of `files` that load_root reads, in the order `source_files` gives on disk."""
    out = ["taxonomy.yml"] if "taxonomy.yml" in files else []
    for folder, pattern in _PATTERNS.items():
        names = [(rel.split("/"), rel) for rel in files if rel.startswith(f"{folder}/")]
        out.extend(rel for parts, rel in sorted(names)
                   if fnmatchcase(parts[-1], pattern) and not parts[-1].startswith((".", "_")))
    return out


def load_root(root: Path | Files) -> Loaded:
    """Read every content file of `root` into one KnowledgeBase: a folder, or a mapping of files
    standing for one (relative path -> text), read in memory."""
    loaded = Loaded(KnowledgeBase())
    if isinstance(root, Mapping):
        has_taxonomy = "taxonomy.yml" in root
        files = [(rel, partial(decode_text, root[rel], rel)) for rel in mapping_files(root)]
    else:
        has_taxonomy = (root / "taxonomy.yml").is_file()
        files = [(rel, partial(read_text, path, rel)) for rel, path in source_files(root)]
    if not has_taxonomy:
        loaded.problems.append(error(Pos("taxonomy.yml", 1, 1), "missing-file",
            "expected taxonomy.yml at the root, listing the fraud types; create it (see `fanzha init`)"))
    for rel, read in files:
        try:
            text = read()
        except UnreadableFile as exc:
            loaded.problems.append(exc.problem)
            continue
        loaded.texts[rel] = text
        _READERS[rel.split("/", 1)[0]](loaded, rel, text)
    return loaded


def _where(doc: Doc, path: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Pos]:
    """Positions of every key read for an item (for checks to point at the exact value)."""
    return {k: doc.pos(*path, k) for k in values}


def _add(loaded: Loaded, kind: str, table: dict[str, Any], item: Any) -> None:
    """Put an item in the model under its id, or keep it aside if the id is taken."""
    if _define(loaded, kind, item.id, item.pos):
        table[item.id] = item
    else:
        loaded.shadowed.append(item)


def _define(loaded: Loaded, kind: str, item_id: str, pos: Pos) -> bool:
    """Record a definition; True if it is the first of that id."""
    places = loaded.definitions.setdefault((kind, item_id), [])
    places.append(pos)
    return len(places) == 1


def _read_taxonomy(loaded: Loaded, rel: str, text: str) -> None:
    doc = _yaml(loaded, rel, text)
    if doc is None:
        return
    reader = ItemReader(doc, loaded.problems)
    top = reader.read((), {"types": schema.Field(schema.ANY_LIST, True, "fraud types")})
    for i, _ in enumerate((top or {}).get("types", [])):
        v = reader.read(("types", i), schema.TAXONOMY_TYPE)
        if v and {"id", "name", "group", "summary"} <= v.keys():
            pos = doc.pos("types", i, "id")
            if _define(loaded, "type", v["id"], pos):
                fraud_type = FraudType(**with_defaults(v, schema.TAXONOMY_TYPE), pos=pos,
                                       where=_where(doc, ("types", i), v))
                loaded.kb.types[v["id"]] = fraud_type
                fraud_type.where.update(  # search words are checked in checks/searchwords.py
                    {f"search[{j}]": doc.pos("types", i, "search", j) for j in range(len(fraud_type.search))})


def _read_markdown_item(loaded: Loaded, rel: str, text: str, what: str,
                        spec: dict[str, schema.Field]) -> tuple[dict[str, Any], MarkdownDoc, Doc] | None:
    """Front matter values, the Markdown and its Doc; None when there is no usable id.

    Items missing other keys are kept, so their other checks still run in the same pass.
    """
    md, problems = split_front_matter(text, rel)
    loaded.problems.extend(problems)
    doc = _mapping_doc(loaded, md.meta, rel, f"{what} front matter")
    if doc is None:
        return None
    v = ItemReader(doc, loaded.problems).read((), spec)
    return (v, md, doc) if v is not None and "id" in v else None


def _read_case(loaded: Loaded, rel: str, text: str) -> None:
    if (read := _read_markdown_item(loaded, rel, text, "case", schema.CASE)) is None:
        return
    v, md, doc = read
    _add(loaded, "case", loaded.kb.cases, Case(
        **with_defaults(v, schema.CASE), body=md.body, path=rel, body_line=md.body_line,
        pos=doc.pos("id"), where=_where(doc, (), v)))
    if not isinstance(doc.data, dict) or doc.data.get("provenance") is None:  # a wrong value is an error already
        loaded.problems.append(warning(Pos(rel, 1, 1), "case-provenance",
            "missing key 'provenance': say what this case is, one of " + ", ".join(schema.PROVENANCES)
            + " (the case page tells readers)"))


def _read_clip(loaded: Loaded, rel: str, text: str) -> None:
    if (read := _read_markdown_item(loaded, rel, text, "clip", schema.CLIP)) is None:
        return
    v, md, doc = read
    _add(loaded, "clip", loaded.kb.clips, Clip(
        **with_defaults(v, schema.CLIP), body=md.body, path=rel, body_line=md.body_line,
        pos=doc.pos("id"), where=_where(doc, (), v)))


def _read_bank(loaded: Loaded, rel: str, text: str) -> None:
    doc = _mapping_doc(loaded, _yaml(loaded, rel, text), rel, "question bank")
    if doc is None:
        return
    reader = ItemReader(doc, loaded.problems)
    v = reader.read((), schema.BANK)
    if v is None or not {"bank", "type"} <= v.keys():
        return
    if v.get("questions") == []:
        loaded.problems.append(error(doc.pos("questions"), "empty-bank",
            "questions: expected at least one question, found an empty list"))
    f = with_defaults(v, schema.BANK)
    bank = Bank(f["bank"], f["title"] or f["bank"], f["type"], [], rel, f["review_by"], pos=doc.pos("bank"),
                where=_where(doc, (), v), sources=f["sources"])  # no title: the bank's id
    # a bank-level key that looks like exam_only (reported as an error) withholds every question
    bank_exam = any(looks_like_exam_only(k) for k in doc.data)
    for i, _ in enumerate(f["questions"]):
        q = _read_question(loaded, reader, ("questions", i), bank, bank_exam)
        if q is not None:  # duplicates stay in so their own mistakes are reported too
            _define(loaded, "question", q.id, q.pos)
            bank.questions.append(q)
    _add(loaded, "bank", loaded.kb.banks, bank)


def exam_only_of(raw: Any) -> bool:
    """Whether a question (its raw mapping) must be kept off the site. Fails closed: only a question
    with no exam_only-like key, or with `exam_only: false` exactly, is public; `exam_only: yes`,
    `exam_only: 是`, `exam_only: 1`, an empty `exam_only:` or a misspelt key (examOnly, exam_ony…) all
    withhold it (and are reported as errors)."""
    if not isinstance(raw, dict):
        return True
    for key, value in raw.items():
        if key == "exam_only":
            if value is not False:
                return True
        elif looks_like_exam_only(key):
            return True
    return False


def _read_question(loaded: Loaded, reader: ItemReader, path: tuple[Any, ...], bank: Bank,
                   bank_exam: bool = False) -> Question | None:
    """A question, read leniently: with an id and a valid kind it is kept even when other keys
    are wrong, so one run still checks its options, answer and id (missing keys are already reported).
    Unknown keys in a question are errors."""
    v = reader.read(path, schema.QUESTION, strict=True)
    if v is None or "id" not in v or "kind" not in v:
        return None
    doc = reader.doc
    if "exam_only" in reader.raw(path) and reader.raw(path)["exam_only"] is None:
        loaded.problems.append(error(doc.pos(*path, "exam_only"), "wrong-type",
            f"{label(path + ('exam_only',))}: expected true or false, found nothing "
            "(the question is treated as exam-only until it says)"))
    kind = v["kind"]
    f = with_defaults(v, schema.QUESTION)
    options = [_option_text(o) for o in f["options"]]
    answer = _read_answer(loaded, doc, path, kind, v)
    where = _where(doc, path, v)
    where.update({f"options[{j}]": doc.pos(*path, "options", j) for j in range(len(options))})
    return Question(
        id=f["id"], kind=kind, stem=f["stem"], options=options, answer=answer,
        explanation=f["explanation"], bank=bank.id, type=f["type"] or bank.type, case=f["case"],
        exam_only=bank_exam or exam_only_of(reader.raw(path)), difficulty=f["difficulty"], pos=doc.pos(*path, "id"),
        where=where)  # no type: the bank's


def _read_answer(loaded: Loaded, doc: Doc, path: tuple[Any, ...], kind: str,
                 v: dict[str, Any]) -> tuple[int, ...] | bool:
    """The normalised answer; () when missing or unreadable (reported here or as a missing key)."""
    if "answer" not in v:
        return ()
    if kind == "judge":
        judged = read_judge(v["answer"])
        if judged is not None:
            return judged
    else:
        letters = read_letters(v["answer"])
        if letters:
            return tuple(sorted({LETTERS.index(ch) for ch in letters}))
    want = "true/false (对/错, 正确/错误, √/×)" if kind == "judge" else "option letters such as B or ACD"
    loaded.problems.append(error(doc.pos(*path, "answer"), "answer-unreadable",
        f"{label(path + ('answer',))}: expected {want}, found {_quote(v['answer'])}"))
    return ()


def _read_kit(loaded: Loaded, rel: str, text: str) -> None:
    doc = _mapping_doc(loaded, _yaml(loaded, rel, text), rel, "kit")
    if doc is None:
        return
    reader = ItemReader(doc, loaded.problems)
    v = reader.read((), schema.KIT)
    if v is None or "id" not in v:
        return
    f = with_defaults(v, schema.KIT)
    agenda = [a for i, _ in enumerate(f["agenda"]) if (a := _read_agenda_item(reader, ("agenda", i)))]
    pos = doc.pos("id")
    if "minutes" not in v:  # no (readable) total: the agenda's
        f["minutes"] = sum(a.minutes for a in agenda)
    kit = Kit(**{**f, "agenda": agenda}, path=rel, pos=pos, where=_where(doc, (), v))
    _add(loaded, "kit", loaded.kb.kits, kit)


def _read_agenda_item(reader: ItemReader, path: tuple[Any, ...]) -> AgendaItem | None:
    v = reader.read(path, schema.AGENDA_ITEM)
    if v is None or not _has_required(v, schema.AGENDA_ITEM):
        return None
    f = with_defaults(v, schema.AGENDA_ITEM)
    discuss = []
    for i, d in enumerate(f["discuss"]):
        if isinstance(d, str):
            discuss.append(Discussion(d.strip()))
        elif (dv := reader.read(path + ("discuss", i), schema.DISCUSSION)) and "question" in dv:
            discuss.append(Discussion(**with_defaults(dv, schema.DISCUSSION)))
    quiz = None
    where = _where(reader.doc, path, v)
    if "quiz" in v and (qv := reader.read(path + ("quiz",), schema.QUIZ_DRAW)) and _has_required(qv, schema.QUIZ_DRAW):
        quiz = QuizDraw(**with_defaults(qv, schema.QUIZ_DRAW))
        where.update({f"quiz.{k}": p for k, p in _where(reader.doc, path + ("quiz",), qv).items()})
    return AgendaItem(**{**f, "discuss": discuss, "quiz": quiz},
                      pos=reader.doc.pos(*path), where=where)


# helpers -------------------------------------------------------------------

def _yaml(loaded: Loaded, rel: str, text: str) -> Doc | None:
    doc, problems = parse_yaml(text, rel)
    loaded.problems.extend(problems)
    return doc


def _mapping_doc(loaded: Loaded, doc: Doc | None, rel: str, what: str) -> Doc | None:
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        loaded.problems.append(error(doc.pos(), "wrong-type",
            f"expected the {what} to be a mapping of keys, found {type(doc.data).__name__ if doc.data is not None else 'nothing'}"))
        return None
    return doc


def _has_required(values: dict[str, Any], spec: dict[str, schema.Field]) -> bool:
    return all(k in values for k, f in spec.items() if f.required)


def _option_text(value: Any) -> str:
    if value is None or isinstance(value, (list, dict)):
        return ""
    if isinstance(value, bool):
        return "正确" if value else "错误"
    return str(value).strip()


def _quote(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def _read_scenario(loaded: Loaded, rel: str, text: str) -> None:
    doc = _mapping_doc(loaded, _yaml(loaded, rel, text), rel, "scenario")
    if doc is not None and (scenario := read_scenario(doc, rel, loaded.problems)) is not None:
        _add(loaded, "scenario", loaded.kb.scenarios, scenario)


_READERS: dict[str, Callable[[Loaded, str, str], None]] = {
    "taxonomy.yml": _read_taxonomy, "cases": _read_case, "clips": _read_clip,
    "quizzes": _read_bank, "kits": _read_kit, "scenarios": _read_scenario,
}
