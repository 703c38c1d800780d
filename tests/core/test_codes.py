"""The registry of problem codes (build_tools/codes.py): every code the source emits is in it, every
code in it is emitted and has a golden case, its examples look like what fanzha prints, the docs'
table of codes agrees with it, and `fanzha validate --explain` reads it."""
from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from build_tools import codes
from build_tools.cli import main
from build_tools.codes import CODES
from build_tools.model import Pos
from build_tools.problem import error, warning

from ..conftest import REPO

SOURCE = REPO / "build_tools"
TESTS = REPO / "tests"
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# a problem line as fanzha prints it: path:line[:col]: level code message
LINE = re.compile(r"^\S.*?:\d+(?::\d+)?: (?P<level>error|warning) (?P<code>[a-z][a-z0-9-]*) \S")
# functions that take a code among their first three arguments
EMITTERS = {"error", "warning", "Problem", "ImportProblem", "problem", "report", "fail", "_bad", "_key_error",
            "Flag", "_ShapeError"}


# Not codes: exchange/answermap.py's AnswerMapError texts ("PATH:LINE: error not an answer map …", "… error
# answer map: …") look like problem lines; results/load.py turns them into `answer-map` problems.
NOT_CODES = {"not", "answer"}


def _constants(node: ast.AST) -> list[str]:
    """The code-like string constants `node` can evaluate to (a constant, or either side of `a if c else b`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def _printed(node: ast.JoinedStr) -> list[str]:
    """The code of an f-string that prints a problem line itself (`f"{path}:1: error no-questions …"`)."""
    text = "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
    m = re.search(r"(?::\d+(?::\d+)?|X): (?:error|warning) ([a-z][a-z0-9-]*) ", text)
    return [m.group(1)] if m and m.group(1) not in NOT_CODES else []


@functools.cache
def emitted_codes() -> dict[str, list[str]]:
    """Code -> places ('file:line') where the source passes or prints it as a problem's code."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "codes.py" and path.parent == SOURCE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            hits: list[str] = []
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in EMITTERS:
                    hits += [c for a in node.args[:3] for c in _constants(a)]
                hits += [c for k in node.keywords if k.arg == "code" for c in _constants(k.value)]
            elif isinstance(node, ast.Assign):
                names = [t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
                         for t in node.targets]
                if any(n in ("code", "CODE") for n in names):
                    hits += _constants(node.value)
                if any(n.endswith("CODES") for n in names) and isinstance(node.value, ast.Dict):
                    hits += [c for v in node.value.values if v is not None for c in _constants(v)]
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                positional = node.args.args[len(node.args.args) - len(node.args.defaults):]
                hits += [c for a, d in zip(positional, node.args.defaults) if a.arg == "code" for c in _constants(d)]
            elif isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
                hits += [c for e in node.value.elts for c in _constants(e) if "-" in c]  # (offset, code, url)
            elif isinstance(node, ast.JoinedStr):
                hits += _printed(node)
            for c in hits:
                found.setdefault(c, []).append(f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}")
    return found


@functools.cache
def golden_lines() -> dict[str, dict[str, set[str]]]:
    """Code -> {expected line -> files under tests/ with a broken input whose expected output has it}:
    golden fixtures (an `expected` list of lines), .expected files, and the exact problem lines test
    modules assert (in an f-string, each {…} written X)."""
    found: dict[str, dict[str, set[str]]] = {}

    def take(line: object, where: Path) -> None:
        if isinstance(line, str) and (m := LINE.match(line)):
            line = line.removeprefix("{root}/").rstrip("\n")
            found.setdefault(m["code"], {}).setdefault(line, set()).add(str(where.relative_to(REPO)))

    for path in sorted(TESTS.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix == ".yml" and any(part.startswith("golden") for part in path.parts):
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
            for line in (spec.get("expected") or []) if isinstance(spec, dict) else []:
                take(line, path)
        elif path.name.endswith(".expected"):
            for line in path.read_text(encoding="utf-8").splitlines():
                take(line, path)
        elif path.suffix == ".py" and path.name.startswith("test_"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant):
                    take(node.value, path)
                elif isinstance(node, ast.JoinedStr):
                    take("".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values), path)
    return found


def test_every_code_the_source_emits_is_registered() -> None:
    emitted = emitted_codes()
    unknown = {c: places for c, places in emitted.items() if c not in CODES}
    assert not unknown, f"codes emitted but not in build_tools/codes.py: {unknown}"
    # and the scan finds codes in every package that has them (it would pass on an empty scan otherwise)
    assert {"wrong-value", "duplicate-id", "yaml-alias", "external-image", "results-too-easy", "stray-text",
            "no-questions", "unfinished-setting", "missing-glyph"} <= set(emitted)


def test_every_registered_code_is_emitted_somewhere() -> None:
    emitted = emitted_codes()
    assert [c for c in CODES if c not in emitted] == []


def test_every_registered_code_has_a_golden_case() -> None:
    cases = golden_lines()
    assert [c for c in CODES if c not in cases] == [], "add a golden case (tests/core/golden*/) for each"


def test_each_example_is_a_line_a_golden_case_expects() -> None:
    """`--explain` shows real output: each example is verbatim one of its code's golden lines (an f-string
    in a test counts with its {…} parts as X, so codes only asserted that way are compared up to those)."""
    for c in CODES.values():
        lines = golden_lines()[c.id]
        assert c.example in lines or any(
            "X" in line and re.fullmatch(".*?".join(map(re.escape, line.split("X"))) + ".*", c.example)
            for line in lines), (c.id, c.example, sorted(lines)[:3])


def test_entries_are_well_formed_and_their_examples_print_their_code() -> None:
    for c in CODES.values():
        assert CODE.match(c.id) and c.level in codes.LEVELS, c
        assert (SOURCE / c.owner).exists() or (SOURCE / f"{c.owner}.py").exists(), c
        assert c.help and "\n" not in c.help and len(c.help) <= 160, c
        m = LINE.match(c.example)
        assert m and m["code"] == c.id and m["level"] in c.levels, c


def test_error_and_warning_refuse_an_unregistered_code_or_level() -> None:
    at = Pos("quizzes/x.yml", 3, 5)
    assert str(error(at, "wrong-value", "m")) == "quizzes/x.yml:3:5: error wrong-value m"
    assert warning(at, "unknown-key", "m").level == "warning" and error(at, "unknown-key", "m").is_error
    with pytest.raises(AssertionError, match=r"'wrong-valu' is not in build_tools/codes\.py"):
        error(at, "wrong-valu", "m")
    with pytest.raises(AssertionError, match="'stale' is declared as warning, emitted as error"):
        error(at, "stale", "m")


def test_outside_tests_an_unregistered_code_is_reported_once_and_the_problem_kept(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    monkeypatch.setattr(codes, "_reported", set())
    made = [error(Pos("a.yml", 1, 1), "no-such-code", "m") for _ in range(2)]
    assert [str(p) for p in made] == ["a.yml:1:1: error no-such-code m"] * 2
    assert capsys.readouterr().err.count("internal: problem code 'no-such-code' is not in") == 1


def docs_table() -> dict[str, str]:
    """Code -> level word (错误, 警告, or both) of the table of codes in docs/authoring.md."""
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = text[text.index("## 校验：`fanzha validate`"):]
    section = section[: section.index("\n## ", 1)]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            names = re.findall(r"`([^`]+)`", cells[0])
            levels = [w.strip() for w in cells[1].split("/")]
            for i, name in enumerate(names):
                rows[name] = levels[min(i, len(levels) - 1)] if len(levels) == len(names) else cells[1]
    return rows


def test_the_docs_table_of_codes_agrees_with_the_registry() -> None:
    rows = docs_table()
    assert len(rows) > 20
    words = {"error": "错误", "warning": "警告", "error|warning": "警告 / 错误"}
    for name, level in rows.items():
        assert name in CODES, f"docs/authoring.md lists '{name}', which is not a problem code"
        assert level == words[CODES[name].level] or (CODES[name].level == "error|warning" and "错误" in level
                                                     and "警告" in level), \
            f"docs/authoring.md gives {name} as {level}; the registry says {CODES[name].level}"


def explain(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--explain", *argv])
    return code, out.getvalue(), err.getvalue()


def test_explain_a_code() -> None:
    code, out, _ = explain("kit-minutes")
    c = CODES["kit-minutes"]
    assert code == 0
    assert out.splitlines()[:3] == ["kit-minutes", "  level:   error (validate exits 1)", "  package: build_tools/checks"]
    assert f"  means:   {c.help}" in out and f"    {c.example}" in out


def test_explain_an_unknown_code_names_the_closest() -> None:
    code, out, err = explain("duplicate")
    assert code == 2 and out == ""
    assert err.startswith("fanzha: error: --explain: unknown problem code 'duplicate'; did you mean duplicate-id,")


def test_explain_without_a_code_lists_them_all() -> None:
    code, out, _ = explain()
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(CODES)
    assert "wrong-value" in out and CODES["stale"].help in out


def test_explain_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--explain", "stale", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"code": "stale", "level": "warning", "owner": "checks",
                                                    "help": CODES["stale"].help, "example": CODES["stale"].example}]
