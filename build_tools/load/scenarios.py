"""Reading scenarios/<id>.yml into model.Scenario (shape only: checks/scenarios.py judges the story).

A scenario is read leniently: a step, choice or ending with a wrong key is kept when it has what
it needs to be placed in the story graph, so one `fanzha validate` run reports every mistake.
"""
from __future__ import annotations

from typing import Any

from .. import schema
from ..model import CastMember, Choice, Ending, Message, Pos, Scenario, ScenarioStep
from ..problem import Problem
from ..schema import with_defaults
from .reader import ItemReader
from .yamlpos import Doc


def read_scenario(doc: Doc, rel: str, problems: list[Problem]) -> Scenario | None:
    """The scenario in `doc` (a mapping read from file `rel`); None when it has no usable id.
    Problems found while reading go to `problems`."""
    reader = ItemReader(doc, problems)
    v = reader.read((), schema.SCENARIO)
    if v is None or "id" not in v:
        return None
    f = with_defaults(v, schema.SCENARIO)
    cast = [m for i, _ in enumerate(f["cast"]) if (m := _member(reader, ("cast", i)))]
    steps = [s for i, _ in enumerate(f["steps"]) if (s := _step(reader, ("steps", i)))]
    endings = [e for i, _ in enumerate(f["endings"]) if (e := _ending(reader, ("endings", i)))]
    return Scenario(**{**f, "cast": cast, "steps": steps, "endings": endings},
                    path=rel, pos=doc.pos("id"), where=_where(reader, (), v))


def _where(reader: ItemReader, path: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Pos]:
    return {k: reader.doc.pos(*path, k) for k in values}
def _member(reader: ItemReader, path: tuple[Any, ...]) -> CastMember | None:
    v = reader.read(path, schema.CAST_MEMBER)
    if not v or "id" not in v:
        return None
    f = with_defaults(v, schema.CAST_MEMBER)
    return CastMember(f["id"], f["name"] or f["id"], f["role"], path[-1], pos=reader.doc.pos(*path, "id"),
                      where=_where(reader, path, v))  # no name: the id


def _step(reader: ItemReader, path: tuple[Any, ...]) -> ScenarioStep | None:
    v = reader.read(path, schema.SCENARIO_STEP)
    if not v or "id" not in v:
        return None
    f = with_defaults(v, schema.SCENARIO_STEP)
    messages = []
    for j, _ in enumerate(f["messages"]):
        mv = reader.read(path + ("messages", j), schema.MESSAGE)
        if mv and "text" in mv:
            m = with_defaults(mv, schema.MESSAGE)
            messages.append(Message(m["kind"], m["from"], str(m["text"]).strip(), m["title"], j,
                                    pos=reader.doc.pos(*path, "messages", j),
                                    where=_where(reader, path + ("messages", j), mv)))
    choices = []
    for j, _ in enumerate(f["choices"]):
        cv = reader.read(path + ("choices", j), schema.CHOICE)
        if cv and "next" in cv:
            c = with_defaults(cv, schema.CHOICE)
            choices.append(Choice(c["text"], c["next"], c["say"], j,
                                  pos=reader.doc.pos(*path, "choices", j), where=_where(reader, path + ("choices", j), cv)))
    where = _where(reader, path, v)
    if "next" in v:  # a step without a decision: one "继续" choice
        choices.append(Choice("继续", v["next"], index=len(choices), pos=where["next"], where={"next": where["next"]}))
    return ScenarioStep(v["id"], messages, choices, path[-1], pos=reader.doc.pos(*path, "id"), where=where)


def _ending(reader: ItemReader, path: tuple[Any, ...]) -> Ending | None:
    v = reader.read(path, schema.ENDING)
    if not v or "id" not in v:
        return None
    f = with_defaults(v, schema.ENDING)
    return Ending(**{**f, "text": str(f["text"]).strip(), "lesson": str(f["lesson"]).strip()}, index=path[-1],
                  pos=reader.doc.pos(*path, "id"), where=_where(reader, path, v))
