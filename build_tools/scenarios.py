"""Acting a scenario out in class: the role cards and labels a kit prints.

Reading scenarios/<id>.yml is the loader's (`load/scenarios.py`); checks/scenarios.py judges the story.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import CastMember, Scenario

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

