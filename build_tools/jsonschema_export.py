"""JSON Schemas for editors, generated from schema.py (the one declaration of every key).

VS Code's YAML extension reads them through .vscode/settings.json and flags
mistakes while the content team types.
"""
from __future__ import annotations

import json
from typing import Any

from . import schema
from .schema import Field

_BASE = "https://fanzha-kb.invalid/schemas/"
_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _field(f: Field) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        schema.STR: {"type": ["string", "number"]},
        schema.TEXT: {"type": ["string", "number"]},
        schema.INT: {"type": "integer"},
        schema.BOOL: {"type": "boolean"},
        schema.ID: {"type": "string", "pattern": _ID_PATTERN},
        schema.STR_LIST: {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "number"]}}]},
        schema.MONTH: {"type": "string", "pattern": r"^\d{4}-(0?[1-9]|1[0-2])$"},
        schema.DATE: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        schema.ANSWER: {"anyOf": [{"type": "string"}, {"type": "boolean"}, {"type": "array", "items": {"type": "string"}}]},
        schema.ANY_LIST: {"type": "array"},
        schema.MAPPING: {"type": "object"},
    }
    out = kinds[f.kind].copy()
    if f.enum:
        out = {"enum": list(f.enum)}
    if f.minimum is not None:
        out["minimum"] = f.minimum
    if f.maximum is not None:
        out["maximum"] = f.maximum
    if f.description:
        out["description"] = f.description
    if f.declared_default and not f.required:
        out["default"] = f.fresh()
    return out


def _object(fields: dict[str, Field], **overrides: dict[str, Any]) -> dict[str, Any]:
    props = {name: _field(f) for name, f in fields.items()}
    props.update(overrides)
    return {"type": "object", "properties": props,
            "required": [n for n, f in fields.items() if f.required], "additionalProperties": False}


def _doc(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": _BASE + name, "title": title, **body}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema document."""
    question = _object(schema.QUESTION, options={"type": "array", "minItems": 2, "maxItems": 8,
                                                 "items": {"type": ["string", "number"]}, "description": "选项"})
    agenda = _object(schema.AGENDA_ITEM, quiz=_object(schema.QUIZ_DRAW),
                     discuss={"type": "array", "items": {"anyOf": [{"type": "string"}, _object(schema.DISCUSSION)]}})
    return {
        "bank.schema.json": _doc("bank.schema.json", "fanzha-kb 题库 (quizzes/*.yml)",
                                 _object(schema.BANK, questions={"type": "array", "minItems": 1, "items": question})),
        "kit.schema.json": _doc("kit.schema.json", "fanzha-kb 材料包 (kits/*.yml)",
                                _object(schema.KIT, agenda={"type": "array", "minItems": 1, "items": agenda})),
        "case.schema.json": _doc("case.schema.json", "fanzha-kb 案例 front matter (cases/*.md)", _object(schema.CASE)),
        "clip.schema.json": _doc("clip.schema.json", "fanzha-kb 短片 front matter (clips/*.md)", _object(schema.CLIP)),
        "scenario.schema.json": _doc("scenario.schema.json", "fanzha-kb 情景演练 (scenarios/*.yml)", _scenario()),
        "taxonomy.schema.json": _doc("taxonomy.schema.json", "fanzha-kb 诈骗类型 (taxonomy.yml)", {
            "type": "object", "required": ["types"], "additionalProperties": False,
            "properties": {"types": {"type": "array", "items": _object(schema.TAXONOMY_TYPE)}}}),
    }


def _scenario() -> dict[str, Any]:
    """A scenario: cast, steps (messages, then choices or next) and endings."""
    step = _object(schema.SCENARIO_STEP,
                   messages={"type": "array", "minItems": 1, "items": _object(schema.MESSAGE), "description": "消息"},
                   choices={"type": "array", "minItems": 1, "items": _object(schema.CHOICE), "description": "选择"})
    return _object(schema.SCENARIO,
                   cast={"type": "array", "minItems": 1, "items": _object(schema.CAST_MEMBER), "description": "角色"},
                   steps={"type": "array", "minItems": 1, "items": step, "description": "步骤"},
                   endings={"type": "array", "minItems": 1, "items": _object(schema.ENDING), "description": "结局"})


def render() -> dict[str, str]:
    """File name -> file text (stable formatting, so the committed copies can be compared)."""
    return {name: json.dumps(doc, ensure_ascii=False, indent=2) + "\n" for name, doc in schemas().items()}


VSCODE_SETTINGS = {
    "yaml.schemas": {
        "./schemas/bank.schema.json": "quizzes/*.yml",
        "./schemas/kit.schema.json": "kits/*.yml",
        "./schemas/scenario.schema.json": "scenarios/*.yml",
        "./schemas/taxonomy.schema.json": "taxonomy.yml",
    },
}
