"""Semester test papers: drawn from every bank, exam_only questions included.

A paper is described by a spec (a YAML file, command-line options, or both):

    title: 2026—2027学年第一学期反诈知识测试
    versions: [A, B]
    seed: 20261201          # same seed, same paper
    minutes: 30
    quotas:                 # per fraud type: how many questions
      shuadan: 3
      gongjianfa: 2
      touzi: {single: 2, judge: 1}    # or per kind
    points: {single: 2, multiple: 4, judge: 2}   # optional; without it the pass line counts questions
    banks: [shuadan, touzi]  # optional: only these banks

For each version it writes paper-<V>.pdf (the paper with its answer grid),
sheet-<V>.pdf (the answer grid alone, for papers that are collected and reused)
and key-<V>.pdf, plus paper-spec.yml: the spec as used, seed included, to make
the same paper again; answers.json, the answer map (every version's question numbers →
question ids, option orders and keys as printed; `build_tools.exchange.answermap`), which
`fanzha results` reads; and answer-grid.csv, an empty grid (学号, 班级, 试卷版本, one column
per question number; UTF-8 with BOM, so Excel opens it) that teachers type the students'
answers into. The output holds exam_only questions: never publish it.
"""
from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..exchange.files import write_file
from ..load.yamlpos import Doc, parse_yaml
from ..model import KnowledgeBase
from ..site import Site
from . import glyphs
from .draw import KIND_ORDER, DrawError, Quota, arrange, draw
from .errors import PdfBuildError
from .glyphs import Source
from .kit import Doc as PdfDoc
from .kit import question_sources, settings_sources
from .parallel import Job, render_all
from .quizset import QuizSet
from .typeset import render_html

SPEC_FILE = "paper-spec.yml"
MAP_FILE = "answers.json"
GRID_FILE = "answer-grid.csv"
GRID_HEAD = ("学号", "班级", "试卷版本")
_KEYS = ("title", "versions", "seed", "minutes", "quotas", "points", "banks")


class SpecError(Exception):
    """A paper spec that cannot be used; the message names the place (path:line:col)."""


@dataclass(frozen=True)
class PaperSpec:
    """What to draw and how the paper looks."""

    title: str = "反诈知识测试"
    quotas: tuple[Quota, ...] = ()
    versions: tuple[str, ...] = ("A",)
    seed: int | str | None = None  # None: the caller picks one (fanzha paper: today's date)
    minutes: int | None = None
    points: dict[str, float] = field(default_factory=dict)
    banks: tuple[str, ...] = ()
    where: dict[str, str] = field(default_factory=dict, compare=False)  # "quotas.x" → "path:line:col"

    def place(self, key: str) -> str:
        """Where a key came from in the spec file, or 'command line'."""
        return self.where.get(key, "command line")

    def with_quotas(self, quotas: list[Quota]) -> PaperSpec:
        """These quotas added; one for the same type and kind replaces the spec's."""
        keep = [q for q in self.quotas if (q.type, q.kind) not in {(n.type, n.kind) for n in quotas}]
        return replace(self, quotas=tuple(keep + quotas))

    def as_yaml(self) -> str:
        quotas: dict[str, Any] = {}
        for q in self.quotas:
            if q.kind is None:
                quotas[q.type] = q.count
            else:
                quotas.setdefault(q.type, {})[q.kind] = q.count
        data: dict[str, Any] = {"title": self.title, "versions": list(self.versions), "seed": self.seed}
        if self.minutes:
            data["minutes"] = self.minutes
        data["quotas"] = quotas
        if self.points:
            data["points"] = dict(self.points)
        if self.banks:
            data["banks"] = list(self.banks)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# reading specs -------------------------------------------------------------------------

def parse_quota(text: str) -> Quota:
    """'shuadan=3' or 'shuadan.judge=1' → Quota; ValueError says what is wrong."""
    name, sep, count = text.partition("=")
    type_id, _, kind = name.strip().partition(".")
    if not sep or not type_id or not count.strip().isdigit() or int(count) <= 0:
        raise ValueError(f"--quota {text}: expected TYPE=N or TYPE.KIND=N with N ≥ 1, "
                         "e.g. shuadan=3 or shuadan.judge=1")
    if kind and kind not in KIND_ORDER:
        raise ValueError(f"--quota {text}: unknown kind '{kind}'; kinds: {', '.join(KIND_ORDER)}")
    return Quota(type_id, int(count), kind or None)


def parse_points(text: str) -> dict[str, float]:
    """'single=2,multiple=4,judge=2' → points per kind."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, _, value = part.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = -1
        if kind not in KIND_ORDER or number <= 0:
            raise ValueError(f"--points {text}: expected KIND=N,… with kinds {', '.join(KIND_ORDER)} "
                             "and N > 0, e.g. single=2,multiple=4,judge=2")
        out[kind] = number
    return out


def read_spec(path: Path, shown: str | None = None) -> PaperSpec:
    """A PaperSpec from a YAML file; SpecError names the line of the first problem."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"{shown}: cannot be read: {exc}") from None
    doc, problems = parse_yaml(text, shown)
    if problems or doc is None:
        raise SpecError("\n".join(str(p) for p in problems) or f"{shown}: empty paper spec")
    if not isinstance(doc.data, dict):
        raise SpecError(f"{doc.pos()}: expected a mapping with keys {', '.join(_KEYS)}")
    return _spec_from(doc)


def _spec_from(doc: Doc) -> PaperSpec:
    data = doc.data
    for key in data:
        if key not in _KEYS:
            raise SpecError(f"{doc.key_pos(key)}: unknown key '{key}'; keys: {', '.join(_KEYS)}")
    spec = PaperSpec()
    if "title" in data:
        spec = replace(spec, title=_text(doc, "title"))
    if "versions" in data:
        spec = replace(spec, versions=tuple(_texts(doc, "versions")))
    if "seed" in data:
        spec = replace(spec, seed=_scalar(doc, "seed"))
    if "minutes" in data:
        spec = replace(spec, minutes=_positive(doc, data["minutes"], ("minutes",)))
    if "banks" in data:
        spec = replace(spec, banks=tuple(_texts(doc, "banks")))
    if "points" in data:
        spec = replace(spec, points=_points(doc))
    quotas = tuple(_quotas(doc))
    where = {f"quotas.{q.type}": str(doc.key_pos("quotas", q.type)) for q in quotas}
    where.update({f"banks.{b}": str(doc.pos("banks", i)) for i, b in enumerate(spec.banks)})
    where["versions"] = str(doc.pos("versions"))
    return replace(spec, quotas=quotas, where=where)


def _text(doc: Doc, key: str) -> str:
    value = doc.data[key]
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
        raise SpecError(f"{doc.pos(key)}: {key}: expected text, found {value!r}")
    return str(value).strip()


def _scalar(doc: Doc, key: str) -> int | str:
    value = doc.data[key]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SpecError(f"{doc.pos(key)}: {key}: expected a number or a word, found {value!r}")
    return value


def _texts(doc: Doc, key: str) -> list[str]:
    value = doc.data[key]
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in items):
        raise SpecError(f"{doc.pos(key)}: {key}: expected a list such as [A, B], found {value!r}")
    return [str(v) for v in items]


def _positive(doc: Doc, value: Any, path: tuple[Any, ...]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SpecError(f"{doc.pos(*path)}: {'.'.join(map(str, path))}: expected a whole number ≥ 1, "
                        f"found {value!r}")
    return value


def _points(doc: Doc) -> dict[str, float]:
    value = doc.data["points"]
    if not isinstance(value, dict):
        raise SpecError(f"{doc.pos('points')}: points: expected a mapping such as "
                        "{single: 2, multiple: 4, judge: 2}")
    out = {}
    for kind, number in value.items():
        if kind not in KIND_ORDER:
            raise SpecError(f"{doc.key_pos('points', kind)}: points.{kind}: unknown kind; "
                            f"kinds: {', '.join(KIND_ORDER)}")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number <= 0:
            raise SpecError(f"{doc.pos('points', kind)}: points.{kind}: expected a number > 0, found {number!r}")
        out[kind] = float(number)
    return out


def _quotas(doc: Doc) -> Iterator[Quota]:
    value = doc.data.get("quotas", {})
    if not isinstance(value, dict):
        raise SpecError(f"{doc.pos('quotas')}: quotas: expected a mapping of fraud type to a number, "
                        "e.g. {shuadan: 3, touzi: {single: 2, judge: 1}}")
    for type_id, count in value.items():
        if isinstance(count, dict):
            for kind, n in count.items():
                if kind not in KIND_ORDER:
                    raise SpecError(f"{doc.key_pos('quotas', type_id, kind)}: quotas.{type_id}.{kind}: "
                                    f"unknown kind; kinds: {', '.join(KIND_ORDER)}")
                yield Quota(str(type_id), _positive(doc, n, ("quotas", type_id, kind)), kind)
        else:
            yield Quota(str(type_id), _positive(doc, count, ("quotas", type_id)))


# checking and building -----------------------------------------------------------------

def spec_problems(spec: PaperSpec, kb: KnowledgeBase) -> list[str]:
    """What makes a spec unusable against this knowledge base (unknown ids, no quotas)."""
    out = []
    if not spec.quotas:
        out.append("no quotas: give --quota TYPE=N (e.g. --quota shuadan=3) or quotas: in the spec")
    for q in spec.quotas:
        if q.type not in kb.types:
            out.append(f"{spec.place('quotas.' + q.type)}: quotas.{q.type}: unknown fraud type "
                       f"'{q.type}'; types: {', '.join(kb.types)}")
    for bank in spec.banks:
        if bank not in kb.banks:
            out.append(f"{spec.place('banks.' + bank)}: banks: unknown bank '{bank}'; "
                       f"banks: {', '.join(kb.banks)}")
    if len(set(spec.versions)) != len(spec.versions) or not spec.versions:
        out.append(f"{spec.place('versions')}: versions: expected distinct names such as [A, B], "
                   f"found {', '.join(spec.versions)}")
    return out


@dataclass
class PaperReport:
    """What a paper build wrote."""

    files: list[Path] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


def paper_set(site: Site, spec: PaperSpec) -> QuizSet:
    """The drawn paper in its versions (raises PdfBuildError when a quota cannot be met)."""
    if spec.seed is None:
        raise PdfBuildError("paper: no seed; give one so the same paper can be made again")
    pool = [q for q in site.kb.questions(include_exam=True) if not spec.banks or q.bank in spec.banks]
    try:
        questions = draw(pool, spec.quotas, spec.seed)
    except DrawError as exc:
        raise PdfBuildError(f"paper: {exc}; lower the quota or add questions") from None
    versions = tuple(arrange(questions, spec.seed, v) for v in spec.versions)
    return QuizSet(spec.title, "试卷", versions, spec.seed, site.settings.pass_mark,
                   minutes=spec.minutes, points=dict(spec.points))


def build_paper(site: Site, spec: PaperSpec, out: Path,
                warn: Callable[[str], None] | None = None) -> PaperReport:
    """Render the paper, answer sheet and key of every version into `out`."""
    start = time.perf_counter()
    quiz = paper_set(site, spec)
    sources = [Source("(paper title)", "paper title", spec.title), *settings_sources(site)]
    sources += [s for pq in quiz.questions for s in question_sources(pq.question)]
    glyphs.check(sources, site.settings.college)
    docs = _docs(site, quiz, spec)
    outcomes = render_all([Job(d.html, d.where) for d in docs])
    out.mkdir(parents=True, exist_ok=True)
    report = PaperReport()
    for doc, outcome in zip(docs, outcomes):
        (out / doc.name).write_bytes(outcome.rendered.data)
        report.files.append(out / doc.name)
        report.pages += outcome.rendered.pages
    (out / SPEC_FILE).write_text(spec.as_yaml(), encoding="utf-8")
    report.files.append(out / SPEC_FILE)
    for name, data in ((MAP_FILE, quiz.answer_map("paper").to_json()), (GRID_FILE, answer_grid(quiz))):
        write_file(out / name, data, overwrite=True)
        report.files.append(out / name)
    report.seconds = time.perf_counter() - start
    return report


def answer_grid(quiz: QuizSet) -> bytes:
    """The header row of the grid teachers type answers into: 学号,班级,试卷版本,1,…,N (UTF-8 with BOM, CRLF)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([*GRID_HEAD, *(str(pq.number) for pq in quiz.questions)])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _docs(site: Site, quiz: QuizSet, spec: PaperSpec) -> list[PdfDoc]:
    base = {"settings": site.settings, "header_title": spec.title, "quiz": quiz,
            "seed_note": f"抽题种子 {spec.seed}：用本目录的 {SPEC_FILE} 运行 fanzha paper --spec 可生成同一试卷。"}
    docs = []
    for role, label, template in (("paper", "试卷", "quiz.html"), ("sheet", "答题卡", "sheet.html"),
                                  ("key", "答案", "key.html")):
        for v in quiz.versions:
            name = quiz.file(v, role)
            html = render_html(template, **base, doc_label=f"{label}（{v.name} 卷）", version=v)
            docs.append(PdfDoc(name, f"{label}（{v.name} 卷）", html, f"paper: {name}"))
    return docs
