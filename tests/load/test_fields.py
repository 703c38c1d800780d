"""Each content key is declared once, in build_tools/schema.py: the loader, the model's defaults and
the JSON Schemas all take its default from there."""
from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest

from build_tools import model, schema
from build_tools.jsonschema_export import render
from build_tools.load.content import load_root

# model class -> the table declaring its keys (a key the model renames is left out of the comparison)
TABLES = {
    model.FraudType: schema.TAXONOMY_TYPE, model.Case: schema.CASE, model.Clip: schema.CLIP,
    model.Question: schema.QUESTION, model.Bank: schema.BANK, model.QuizDraw: schema.QUIZ_DRAW,
    model.Discussion: schema.DISCUSSION, model.AgendaItem: schema.AGENDA_ITEM, model.Kit: schema.KIT,
    model.CastMember: schema.CAST_MEMBER, model.Message: schema.MESSAGE, model.Choice: schema.CHOICE,
    model.Ending: schema.ENDING, model.Scenario: schema.SCENARIO,
}

KIT = """\
id: demo
title: 演示
audience: 全体学生
minutes: 10
agenda:
  - {title: 测验, minutes: 10, quiz: {types: [shuadan], count: 1}}
"""


def _default(f: dataclasses.Field) -> object:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def test_model_defaults_are_the_declared_ones() -> None:
    checked = 0
    for cls, table in TABLES.items():
        for f in dataclasses.fields(cls):
            if f.name not in table or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING):
                continue
            assert _default(f) == table[f.name].default, f"{cls.__name__}.{f.name}"
            checked += 1
    assert checked >= 35


def test_model_writes_no_default_of_its_own_for_a_declared_key() -> None:
    """In model.py, a field that is a key of its class's table takes its default from the table."""
    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    names = {cls.__name__: table for cls, table in TABLES.items()}
    offenders = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name not in names:
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None \
                    and stmt.target.id in names[node.name]:
                uses_table = any(isinstance(n, ast.Name) and n.id == "schema" for n in ast.walk(stmt.value))
                if not uses_table:
                    offenders.append(f"{node.name}.{stmt.target.id} (line {stmt.lineno})")
    assert offenders == []


def test_loader_fills_defaults_from_the_declaration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kits").mkdir()
    (tmp_path / "kits" / "demo.yml").write_text(KIT, encoding="utf-8")
    kit = load_root(tmp_path).kb.kits["demo"]
    assert kit.signin_rows == 40 and kit.agenda[0].quiz is not None and kit.agenda[0].quiz.versions == ["A"]

    monkeypatch.setitem(schema.KIT, "signin_rows", dataclasses.replace(schema.KIT["signin_rows"], default=55))
    monkeypatch.setitem(schema.QUIZ_DRAW, "versions", dataclasses.replace(schema.QUIZ_DRAW["versions"], default=["X"]))
    monkeypatch.setitem(schema.KIT, "pledge", dataclasses.replace(schema.KIT["pledge"], default="我承诺"))
    kit = load_root(tmp_path).kb.kits["demo"]
    assert kit.signin_rows == 55
    assert kit.pledge == "我承诺"
    assert kit.agenda[0].quiz is not None and kit.agenda[0].quiz.versions == ["X"]


def test_defaulted_lists_are_never_shared(tmp_path: Path) -> None:
    (tmp_path / "kits").mkdir()
    (tmp_path / "kits" / "a.yml").write_text(KIT.replace("id: demo", "id: a"), encoding="utf-8")
    (tmp_path / "kits" / "b.yml").write_text(KIT.replace("id: demo", "id: b"), encoding="utf-8")
    kits = load_root(tmp_path).kb.kits
    kits["a"].goals.append("x")
    kits["a"].agenda[0].quiz.versions.append("B")  # type: ignore[union-attr]
    assert kits["b"].goals == [] and kits["b"].agenda[0].quiz.versions == ["A"]  # type: ignore[union-attr]
    assert schema.KIT["goals"].default == [] and schema.QUIZ_DRAW["versions"].default == ["A"]
    assert model.Kit("k", "t", "a", 1, [], "p").goals is not model.Kit("k", "t", "a", 1, [], "p").goals


def _defaults(node: object, path: str = "") -> dict[str, object]:
    """'properties.x.default' paths of every default in a JSON Schema document."""
    out: dict[str, object] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "default":
                out[path] = value
            else:
                out.update(_defaults(value, f"{path}.{key}" if path else key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.update(_defaults(value, f"{path}[{i}]"))
    return out


def test_json_schema_defaults_are_the_declared_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    kit = json.loads(render()["kit.schema.json"])
    found = _defaults(kit)
    assert found["properties.signin_rows"] == 40
    assert found["properties.agenda.items.properties.quiz.properties.versions"] == ["A"]
    assert "properties.minutes" not in found  # required keys carry no default
    scenario = _defaults(json.loads(render()["scenario.schema.json"]))
    assert list(scenario.values()) == ["chat"]  # messages' kind; an ending's kind is required

    monkeypatch.setitem(schema.KIT, "signin_rows", dataclasses.replace(schema.KIT["signin_rows"], default=60))
    assert _defaults(json.loads(render()["kit.schema.json"]))["properties.signin_rows"] == 60


def _key_tables(text: str) -> list[dict[str, tuple[str, str]]]:
    """The authoring guide's key tables (| 键 | 必填 | 说明 |): key -> (required column, description)."""
    tables: list[dict[str, tuple[str, str]]] = []
    current: dict[str, tuple[str, str]] | None = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if cells[:2] == ["键", "必填"]:
            current = {}
            tables.append(current)
        elif current is not None and len(cells) == 3 and cells[0].startswith("`"):
            for key in cells[0].replace("`", "").split("、"):
                current[key.strip()] = (cells[1], cells[2])
        elif not line.startswith("|"):
            current = None
    return tables


def test_authoring_guide_describes_the_declared_keys() -> None:
    """The guide's key tables (cases, questions, kits) list exactly the declared keys, mark the
    required ones 是, and name the declared default where they name one."""
    guide = (Path(model.__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    tables = _key_tables(guide)
    by_keys = {frozenset(t): t for t in tables}
    checked = 0
    for table in (schema.CASE, schema.QUESTION, schema.KIT):
        documented = by_keys.get(frozenset(table))
        assert documented is not None, f"no key table in docs/authoring.md lists {sorted(table)}"
        for key, spec in table.items():
            required, description = documented[key]
            assert (required == "是") == spec.required, key
            if "默认" in description and spec.declared_default:
                assert f"默认 {spec.default}" in description, key
                checked += 1
    assert checked >= 1  # signin_rows: 默认 40


BOUNDED = [("case.schema.json", schema.CASE, "loss"), ("clip.schema.json", schema.CLIP, "seconds"),
           ("kit.schema.json", schema.KIT, "signin_rows")]


@pytest.mark.parametrize(("name", "table", "key"), BOUNDED, ids=[k for _, _, k in BOUNDED])
def test_json_schema_bounds_are_the_declared_ones(name: str, table: dict[str, schema.Field], key: str) -> None:
    prop = json.loads(render()[name])["properties"][key]
    assert (prop.get("minimum"), prop.get("maximum")) == (table[key].minimum, table[key].maximum)
    assert table[key].minimum is not None


def test_checks_enforce_the_declared_bounds(tmp_path: Path) -> None:
    """The checks' limits are the declaration's: its last allowed value passes, one more fails."""
    from build_tools import core

    from ..conftest import REPO
    most, least = schema.KIT["signin_rows"].most(), schema.QUESTION["difficulty"].least()
    files = {
        "taxonomy.yml": (REPO / "taxonomy.yml").read_text(encoding="utf-8"),
        "kits/ok.yml": KIT.replace("id: demo", "id: ok") + f"signin_rows: {most}\n",
        "kits/big.yml": KIT.replace("id: demo", "id: big") + f"signin_rows: {most + 1}\n",
        "quizzes/b.yml": ("bank: b\ntype: shuadan\ntitle: 题库\nquestions:\n"
                          f"  - {{id: q-1, kind: judge, stem: 题干一, answer: true, explanation: 解析, difficulty: {least}}}\n"
                          f"  - {{id: q-2, kind: judge, stem: 题干二, answer: false, explanation: 解析, difficulty: {least - 1}}}\n"),
    }
    result = core.validate(files)
    wrong = sorted((p.path, p.line) for p in result.problems
                   if p.code == "wrong-value" and p.message.startswith(("signin_rows", "difficulty")))
    assert wrong == [("kits/big.yml", 7), ("quizzes/b.yml", 6)], [str(p) for p in result.problems]
