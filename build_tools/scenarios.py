"""Reading scenarios/<id>.yml into model.Scenario (shape only: checks/scenarios.py judges the story).

A scenario is read leniently: a step, choice or ending with a wrong key is kept when it has what
it needs to be placed in the story graph, so one `fanzha validate` run reports every mistake.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from . import schema
from .checks.structure import ItemReader
from .model import CastMember, Choice, Ending, Message, Pos, Scenario, ScenarioStep


def read_scenario(loaded: Any, rel: str, text: str) -> None:
    """Add the scenario in `text` (file `rel`) to loaded.kb.scenarios, or its problems to loaded."""
    from .load import content as c  # the loader imports this module lazily: no import cycle

    doc = c._mapping_doc(loaded, c._yaml(loaded, rel, text), rel, "scenario")
    if doc is None:
        return
    reader = ItemReader(doc, loaded.problems)
    v = reader.read((), schema.SCENARIO)
    if v is None or "id" not in v:
        return
    cast = [m for i, _ in enumerate(v.get("cast", [])) if (m := _member(reader, ("cast", i)))]
    steps = [s for i, _ in enumerate(v.get("steps", [])) if (s := _step(reader, ("steps", i)))]
    endings = [e for i, _ in enumerate(v.get("endings", [])) if (e := _ending(reader, ("endings", i)))]
    scenario = Scenario(
        id=v["id"], title=v.get("title", ""), type=v.get("type", ""), audience=v.get("audience", []),
        player=v.get("player", ""), start=v.get("start", ""), cast=cast, steps=steps, endings=endings,
        path=rel, summary=v.get("summary", ""), sources=v.get("sources", []), review_by=v.get("review_by"),
        pos=doc.pos("id"), where=c._where(doc, (), v))
    c._add(loaded, "scenario", loaded.kb.scenarios, scenario)


def _where(reader: ItemReader, path: tuple[Any, ...], values: dict[str, Any]) -> dict[str, Pos]:
    return {k: reader.doc.pos(*path, k) for k in values}


def _member(reader: ItemReader, path: tuple[Any, ...]) -> CastMember | None:
    v = reader.read(path, schema.CAST_MEMBER)
    if not v or "id" not in v:
        return None
    return CastMember(v["id"], v.get("name", v["id"]), v.get("role", ""), path[-1], pos=reader.doc.pos(*path, "id"),
                      where=_where(reader, path, v))


def _step(reader: ItemReader, path: tuple[Any, ...]) -> ScenarioStep | None:
    v = reader.read(path, schema.SCENARIO_STEP)
    if not v or "id" not in v:
        return None
    messages = []
    for j, _ in enumerate(v.get("messages", [])):
        mv = reader.read(path + ("messages", j), schema.MESSAGE)
        if mv and "text" in mv:
            messages.append(Message(mv.get("kind", "chat"), mv.get("from", ""), str(mv["text"]).strip(),
                                    mv.get("title", ""), j, pos=reader.doc.pos(*path, "messages", j),
                                    where=_where(reader, path + ("messages", j), mv)))
    choices = []
    for j, _ in enumerate(v.get("choices", [])):
        cv = reader.read(path + ("choices", j), schema.CHOICE)
        if cv and "next" in cv:
            choices.append(Choice(cv.get("text", ""), cv["next"], cv.get("say", ""), j,
                                  pos=reader.doc.pos(*path, "choices", j), where=_where(reader, path + ("choices", j), cv)))
    where = _where(reader, path, v)
    if "next" in v:  # a step without a decision: one "继续" choice
        choices.append(Choice("继续", v["next"], index=len(choices), pos=where["next"], where={"next": where["next"]}))
    return ScenarioStep(v["id"], messages, choices, path[-1], pos=reader.doc.pos(*path, "id"), where=where)


def _ending(reader: ItemReader, path: tuple[Any, ...]) -> Ending | None:
    v = reader.read(path, schema.ENDING)
    if not v or "id" not in v:
        return None
    return Ending(v["id"], v.get("kind", "loss"), v.get("title", ""), str(v.get("text", "")).strip(),
                  str(v.get("lesson", "")).strip(), v.get("case"), v.get("clip"), v.get("bank"), path[-1],
                  pos=reader.doc.pos(*path, "id"), where=_where(reader, path, v))


# Acting a scenario out in class: what the kit's role-play cards and facilitator sheet print ------

@dataclass
class Line:
    """One line on a role card: where in the story, how it is delivered, what is said."""

    step: str  # 第 N 步
    kind: str  # 聊天 / 短信 / 通话 / 页面
    text: str
    title: str = ""


@dataclass
class RoleCard:
    member: CastMember
    is_player: bool
    lines: list[Line] = field(default_factory=list)
    choices: list[tuple[str, list[str]]] = field(default_factory=list)  # (第 N 步, choice texts) for the player


KIND_WORDS = {"chat": "聊天", "sms": "短信", "call": "通话", "card": "页面"}
ENDING_WORDS = {"loss": "被骗了", "stopped": "及时止损", "reported": "报警求助"}


def labels(sc: Scenario) -> dict[str, str]:
    """第 1 步… for steps and 结局 A… for endings, in file order."""
    out = {s.id: f"第 {i + 1} 步" for i, s in enumerate(sc.steps)}
    out.update({e.id: f"结局 {chr(ord('A') + i)}" for i, e in enumerate(sc.endings)})
    return out


def role_cards(sc: Scenario) -> list[RoleCard]:
    """One card per cast member, in cast order, with the lines that member says (the player's
    card also lists the choices, which the class votes on)."""
    names = labels(sc)
    cards = [RoleCard(m, m.id == sc.player) for m in sc.cast]
    by_id = {c.member.id: c for c in reversed(cards)}
    for step in sc.steps:
        for m in step.messages:
            if m.sender in by_id:
                by_id[m.sender].lines.append(Line(names[step.id], KIND_WORDS.get(m.kind, m.kind), m.text, m.title))
        player = by_id.get(sc.player)
        if player is not None and step.choices:
            player.choices.append((names[step.id], [c.say or c.text for c in step.choices]))
    return cards


def scenario_sources(sc: Scenario) -> Iterator[Any]:
    """Every text of a scenario a kit prints, with its position (for the PDF glyph check)."""
    from .pdf.glyphs import Source

    name = f"scenario {sc.id}"
    yield Source(str(sc.at("title")), f"{name} (title)", sc.title)
    yield Source(str(sc.at("summary")), f"{name} (summary)", sc.summary)
    for m in sc.cast:
        yield Source(str(m.pos), f"{name} (cast)", m.name + m.role)
    for step in sc.steps:
        for msg in step.messages:
            yield Source(str(msg.pos), f"{name} (steps)", msg.title + msg.text)
        for ch in step.choices:
            yield Source(str(ch.pos), f"{name} (choices)", ch.text + ch.say)
    for end in sc.endings:
        yield Source(str(end.pos), f"{name} (endings)", end.title + end.text + end.lesson)
