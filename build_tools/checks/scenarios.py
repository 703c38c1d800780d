"""Scenarios (scenarios/*.yml) must make a playable story.

Every step is reachable from the start, every choice leads to a step or an ending of the same
scenario, every step offers a way on, no loop traps the player (some path from every step ends),
ids are unique within the scenario, speakers are in the cast, references resolve, and every text
fits a phone screen. Kits' `scenario:` agenda items must name a scenario.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import TypeVar

from ..model import Ending, Kit, Pos, Scenario, ScenarioStep
from ..problem import Problem, error, warning
from .context import Context

T = TypeVar("T")

# What a 375-px phone shows without the student scrolling through one bubble or button (characters).
MAX_MESSAGE = 160
MAX_CARD = 240
MAX_CHOICE = 32
MAX_CHOICES = 4
MAX_MESSAGES = 6
MAX_TITLE = 24
MAX_NAME = 12
MAX_LESSON = 240


def _missing(pos: Pos, what: str, field: str, value: str, known: Iterable[str]) -> Problem:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return error(pos, "unresolved-ref", f"{field}: no {what} with id '{value}'{hint}")


def every(ctx: Context) -> list[Scenario]:
    """The model's scenarios plus those shadowed by a duplicate id (checked all the same)."""
    return [*ctx.kb.scenarios.values(), *(x for x in ctx.loaded.shadowed if isinstance(x, Scenario))]


def check(ctx: Context) -> Iterator[Problem]:
    for sc in every(ctx):
        yield from _refs(ctx, sc)
        yield from _lengths(sc)
        yield from _graph(sc)
        stem = PurePosixPath(sc.path).stem
        if stem != sc.id:
            yield warning(sc.pos, "id-filename", f"id '{sc.id}' differs from the file name '{stem}'; "
                          f"name the file {sc.id}{PurePosixPath(sc.path).suffix}")
    for kit in [*ctx.kb.kits.values(), *(x for x in ctx.loaded.shadowed if isinstance(x, Kit))]:
        for i, item in enumerate(kit.agenda):
            if item.scenario and item.scenario not in ctx.kb.scenarios:
                yield _missing(item.at("scenario"), "scenario", f"agenda[{i}].scenario", item.scenario,
                               ctx.kb.scenarios)


def _refs(ctx: Context, sc: Scenario) -> Iterator[Problem]:
    kb = ctx.kb
    if sc.type and sc.type not in kb.types:
        yield _missing(sc.at("type"), "fraud type in taxonomy.yml", "type", sc.type, kb.types)
    cast = [m.id for m in sc.cast]
    seen: dict[str, Pos] = {}
    for m in sc.cast:
        if m.id in seen:
            yield error(m.pos, "duplicate-id", f"cast: duplicate id '{m.id}': already used at {seen[m.id]}")
        seen.setdefault(m.id, m.pos)
    if "player" in sc.where and sc.player not in cast:
        yield _missing(sc.at("player"), "cast member", "player", sc.player, cast)
    for i, step in _indexed(sc.steps):
        for j, msg in _indexed(step.messages):
            if msg.sender and msg.sender not in cast:
                yield _missing(msg.at("from"), "cast member", f"steps[{i}].messages[{j}].from", msg.sender, cast)
            if msg.kind == "card" and not msg.title:
                yield error(msg.pos, "missing-key", f"steps[{i}].messages[{j}]: a card needs a 'title' "
                            "(what the screen is: 付款页面, 通知…)")
    for i, end in _indexed(sc.endings):
        for key, what, table in (("case", "case", kb.cases), ("clip", "clip", kb.clips),
                                 ("bank", "question bank", kb.banks)):
            value = getattr(end, key)
            if value and value not in table:
                yield _missing(end.at(key), what, f"endings[{i}].{key}", value, table)


def _too_long(pos: Pos, field: str, text: str, limit: int, what: str) -> Iterator[Problem]:
    if len(text) > limit:
        yield error(pos, "scenario-length", f"{field}: {len(text)} characters; a phone shows {what} of at most "
                    f"{limit}: shorten it or split it")


def _lengths(sc: Scenario) -> Iterator[Problem]:
    yield from _too_long(sc.at("title"), "title", sc.title, MAX_TITLE, "a title")
    for i, m in _indexed(sc.cast):
        yield from _too_long(m.at("name"), f"cast[{i}].name", m.name, MAX_NAME, "a name")
    for i, step in _indexed(sc.steps):
        if len(step.messages) > MAX_MESSAGES:
            yield error(step.at("messages"), "scenario-length", f"steps[{i}].messages: {len(step.messages)} "
                        f"messages; at most {MAX_MESSAGES} a step, so the choice stays on the screen: split the step")
        if len(step.choices) > MAX_CHOICES:
            yield error(step.at("choices"), "scenario-length", f"steps[{i}].choices: {len(step.choices)} choices; "
                        f"at most {MAX_CHOICES} buttons fit a phone (and a class vote)")
        for j, msg in _indexed(step.messages):
            limit, what = (MAX_CARD, "a card") if msg.kind == "card" else (MAX_MESSAGE, "a message")
            yield from _too_long(msg.at("text"), f"steps[{i}].messages[{j}].text", msg.text, limit, what)
            yield from _too_long(msg.at("title"), f"steps[{i}].messages[{j}].title", msg.title, MAX_TITLE, "a title")
        for j, ch in _indexed(step.choices):
            if "text" in ch.where:
                yield from _too_long(ch.at("text"), f"steps[{i}].choices[{j}].text", ch.text, MAX_CHOICE, "a button")
            yield from _too_long(ch.at("say"), f"steps[{i}].choices[{j}].say", ch.say, MAX_MESSAGE, "a message")
    for i, end in _indexed(sc.endings):
        yield from _too_long(end.at("title"), f"endings[{i}].title", end.title, MAX_TITLE, "a title")
        yield from _too_long(end.at("text"), f"endings[{i}].text", end.text, MAX_CARD, "an ending")
        yield from _too_long(end.at("lesson"), f"endings[{i}].lesson", end.lesson, MAX_LESSON, "a lesson")


def _graph(sc: Scenario) -> Iterator[Problem]:
    """Ids, where choices lead, reachability, and loops with no way out."""
    nodes: dict[str, Pos] = {}
    graph: list[ScenarioStep | Ending] = [*sc.steps, *sc.endings]
    for node in graph:
        kind = "steps" if isinstance(node, ScenarioStep) else "endings"
        if node.id in nodes:
            yield error(node.pos, "duplicate-id", f"{kind}: duplicate id '{node.id}' in this scenario: already used "
                        f"at {nodes[node.id]} (steps and endings share one set of ids)")
        nodes.setdefault(node.id, node.pos)
    steps = {s.id: s for s in reversed(sc.steps)}  # the first of a duplicated id wins
    endings = {e.id for e in sc.endings}
    for key, items in (("steps", sc.steps), ("endings", sc.endings)):
        if key in sc.where and not items:
            yield error(sc.at(key), "scenario-empty", f"{key}: expected at least one, found none")
    if not sc.steps or not sc.endings:
        return
    start_ok = sc.start in steps
    if "start" in sc.where and not start_ok:
        if sc.start in endings:
            yield error(sc.at("start"), "scenario-start", f"start: '{sc.start}' is an ending; start with a step")
        else:
            yield _missing(sc.at("start"), "step", "start", sc.start, steps)
    edges: dict[str, list[str]] = {}
    for i, step in _indexed(sc.steps):
        if "choices" in step.where and "next" in step.where:
            yield error(step.at("next"), "scenario-step", f"steps[{i}]: has both 'choices' and 'next'; "
                        "keep one (next: for a step the student only reads)")
        if not step.choices:
            yield error(step.pos, "scenario-dead-end", f"steps[{i}] '{step.id}': no choice and no 'next', so the "
                        "story stops here without an ending; add choices or next:")
        outs = edges.setdefault(step.id, [])
        for j, ch in _indexed(step.choices):
            if ch.next in steps or ch.next in endings:
                outs.append(ch.next)
                if ch.next == step.id:
                    yield error(ch.at("next"), "scenario-loop", f"steps[{i}].choices[{j}].next: leads back to "
                                "the same step; lead it on to another step or an ending")
            else:
                field = f"steps[{i}].next" if "next" in step.where and "text" not in ch.where else \
                    f"steps[{i}].choices[{j}].next"
                close = difflib.get_close_matches(ch.next, [*steps, *endings], n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                yield error(ch.at("next"), "scenario-dangling", f"{field}: leads nowhere: no step or ending "
                            f"'{ch.next}' in this scenario{hint}")
    if not start_ok:
        return
    reached = _reach({sc.start}, edges)
    for i, step in _indexed(sc.steps):
        if step.id not in reached and steps.get(step.id) is step:
            yield error(step.pos, "scenario-unreachable", f"steps[{i}] '{step.id}': no choice leads here from the "
                        f"start '{sc.start}'; link it from a choice or remove it")
    for i, end in _indexed(sc.endings):
        if end.id not in reached:
            yield error(end.pos, "scenario-unreachable", f"endings[{i}] '{end.id}': no path from the start "
                        f"'{sc.start}' reaches this ending; link it from a choice or remove it")
    back: dict[str, set[str]] = {}
    for a, outs in edges.items():
        for b in outs:
            back.setdefault(b, set()).add(a)
    can_end = _reach(endings, {k: list(v) for k, v in back.items()})
    trapped = [s for s in sc.steps if s.id in reached and s.id not in can_end and steps.get(s.id) is s]
    reported: set[str] = set()
    inner = {s.id: [n for n in edges.get(s.id, []) if n not in can_end] for s in trapped}
    for step in trapped:
        if step.id in reported or step.id not in _reach(set(inner[step.id]), inner):
            continue  # reported already, or not on a loop (it leads into a dead end, reported there)
        loop = [s.id for s in trapped if s.id in _reach({step.id}, inner) and step.id in _reach({s.id}, inner)]
        reported.update(loop)
        yield error(step.pos, "scenario-loop", f"steps[{step.index}] '{step.id}': every choice from here "
                    f"loops back ({' → '.join(loop + [loop[0]])}) and no path reaches an ending; "
                    "give one of these steps a choice that leads to an ending")


def _indexed(items: list[T]) -> list[tuple[int, T]]:
    """(place in the file's list, item): items that could not be read leave gaps in the model's lists."""
    return [(item.index, item) for item in items]  # type: ignore[attr-defined]


def _reach(start: set[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    todo = list(start)
    while todo:
        for n in edges.get(todo.pop(), []):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen
