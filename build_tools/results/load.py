"""Results files and their answer maps: which map goes with which file, read together.

A file's map is `--map MAP` when given, else `<stem>.answers.json` beside the file (the name
`fanzha export` gives it: 期末.xlsx → 期末.answers.json), else `answers.json` in the same folder
(what `fanzha paper` writes into its output folder). Files of the same map are one paper.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..exchange import answermap
from ..load.programme.inputs import InputErrors
from ..model import Pos
from ..problem import Problem, error
from .readers import Paper, Results, read_results

if TYPE_CHECKING:
    from ..model import KnowledgeBase
    from ..programme.coverage import Score

PAPER_MAP = "answers.json"


def display(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the root when inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def candidates(results_file: Path) -> list[Path]:
    return [results_file.with_name(results_file.stem + answermap.SUFFIX), results_file.with_name(PAPER_MAP)]


def find_map(results_file: Path, given: Path | None, root: Path) -> Path:
    if given is not None:
        return given
    for path in candidates(results_file):
        if path.is_file():
            return path
    looked = " and ".join(display(p, root) for p in candidates(results_file))
    raise InputErrors([error(Pos(display(results_file, root), 1, 1), "no-answer-map",
        f"no answer map found for this results file (looked for {looked}); give --map MAP.answers.json, "
        "the map `fanzha paper` or `fanzha export` wrote with the paper")])


def read_map(path: Path, root: Path) -> answermap.AnswerMap:
    try:
        return answermap.read(path)
    except answermap.AnswerMapError as exc:
        text = str(exc)
        m = re.match(r"^(.*?):(\d+): error (.*)$", text, re.S)
        if m:
            raise InputErrors([error(Pos(display(path, root), int(m.group(2)), 1), "answer-map", m.group(3))]) from None
        raise InputErrors([error(Pos(display(path, root), 1, 1), "answer-map",
                                 text.split(": ", 1)[-1])]) from None


@dataclass
class Group:
    map_path: Path
    files: list[Path]


def groups(files: list[Path], given: Path | None, root: Path) -> list[Group]:
    """The files grouped by their map, in the order first named; InputErrors for every file without one."""
    out: dict[Path, Group] = {}
    problems: list[Problem] = []
    for f in files:
        if not f.is_file():
            problems.append(error(Pos(display(f, root), 1, 1), "missing-file", "no such results file"))
            continue
        try:
            m = find_map(f, given, root).resolve()
        except InputErrors as exc:
            problems += exc.problems
            continue
        out.setdefault(m, Group(m, [])).files.append(f)
    if problems:
        raise InputErrors(problems)
    return list(out.values())


def _names_pass_mark(path: Path) -> bool:
    """Whether the map file sets pass_mark itself (answermap.read gives 80 when it does not)."""
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("pass_mark") is not None
    except (OSError, ValueError, AttributeError):
        return True


def load_group(group: Group, root: Path, version: str | None = None) -> Results:
    amap = read_map(group.map_path, root)
    paper = Paper.of(amap, display(group.map_path, root))
    if not _names_pass_mark(group.map_path):
        paper.pass_mark = None
    return read_results([(f, display(f, root)) for f in group.files], paper, version)


def load_all(files: list[Path], given: Path | None, root: Path, version: str | None = None) -> list[Results]:
    """Every group read; InputErrors with every problem of every file when any has one."""
    found = groups(files, given, root)
    out, problems = [], []
    for g in found:
        try:
            out.append(load_group(g, root, version))
        except InputErrors as exc:
            problems += exc.problems
    if problems:
        raise InputErrors(problems)
    return out


def result_problems(files: list[Path], given: Path | None, root: Path, kb: KnowledgeBase, pass_mark: float | None,
                    version: str | None = None, min_responses: int = 30) -> list[Problem]:
    """For `fanzha validate --results`: every paper's flags as warnings at the questions' lines, or
    the files' errors (then no flags)."""
    from .analysis import Thresholds, analyse, flag_problems
    try:
        loaded = load_all(files, given, root, version)
    except InputErrors as exc:
        return list(exc.problems)
    out: list[Problem] = []
    for res in loaded:
        out += flag_problems(analyse(res, pass_mark, Thresholds(min_responses=min_responses)), kb, res.files[0])
    return out


def coverage_scores(files: list[Path], given: Path | None, root: Path) -> list[Score]:
    """For `fanzha coverage`: every attempt of every file as (学号, 班级, percent of the paper's points)."""
    from ..programme.coverage import Score
    from .analysis import points_of
    loaded = load_all(files, given, root)
    problems = [error(Pos(rel, line, 1), "missing-column", "no 班级 column: the coverage report counts "
                      "students per class (add a 班级 question or column)") for r in loaded for rel, line in r.no_class]
    if problems:
        raise InputErrors(problems)
    out = []
    for res in loaded:
        paper = res.paper
        keys, points = [it.key for it in paper.items], points_of(paper)
        maxima = {name: sum(points[i] for i, _ in mapped.values()) for name, mapped in paper.by_version.items()}
        for a in res.attempts:
            got = sum(p for m, k, p in zip(a.masks, keys, points) if m == k)
            pct = 100 * got / maxima[a.version] if maxima[a.version] else 0.0
            out.append(Score(a.sid, a.klass, pct, a.pos, Pos(a.pos.path, a.pos.line, a.class_col)))
    return out
