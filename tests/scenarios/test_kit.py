"""Kits: an agenda item naming a scenario adds role-play cards (one per role, with its lines) and a
facilitator sheet with the branches, checked as PDF text; `scenario:` is part of the kit format."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools import core
from build_tools.pdf.kit import kit_docs, quiz_sets
from build_tools.pdf.typeset import render_pdf
from build_tools.scenarios import labels
from build_tools.site import Site

from ..pdf.pdftools import text
from .conftest import SCENARIO


def _flat(s: str) -> str:
    """Text with every space and line break removed (the PDF wraps lines where it likes)."""
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def rendered(kit_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[core.Result, dict[str, Path]]:
    result = core.validate(kit_root)
    assert result.ok, [str(p) for p in result.errors]
    kit = result.kb.kits["yanlian"]
    docs = {d.name: d for d in kit_docs(Site.of(result), kit, quiz_sets(Site.of(result), kit))}
    out = tmp_path_factory.mktemp("roleplay")
    files = {}
    (out / "host-plan.html").write_text(docs["host-plan.pdf"].html, encoding="utf-8")
    files["host-plan.html"] = out / "host-plan.html"
    for name in ("roleplay.pdf", "roleplay-guide.pdf"):
        files[name] = out / name
        files[name].write_bytes(render_pdf(docs[name].html, docs[name].where).data)
    return result, files


def test_role_cards_hold_each_roles_lines(rendered: tuple[core.Result, dict[str, Path]]) -> None:
    result, files = rendered
    sc = result.kb.scenarios[SCENARIO]
    pdf = _flat(text(files["roleplay.pdf"]))
    cards = [pdf.index(_flat(f"角色：{m.name}")) for m in sc.cast]
    assert cards == sorted(cards), "one card per role, in cast order"
    bounds = cards + [len(pdf)]
    for n, member in enumerate(sc.cast):
        card = pdf[bounds[n]:bounds[n + 1]]
        own = [m.text for step in sc.steps for m in step.messages if m.sender == member.id]
        others = [m.text for step in sc.steps for m in step.messages if m.sender != member.id]
        for line in own:
            assert _flat(line) in card, f"{member.name}'s card lacks: {line}"
        assert not any(_flat(t) in card for t in others if t not in own), f"{member.name}'s card holds others' lines"
    player = pdf[bounds[0]:bounds[1]]
    for step in sc.steps:
        for c in step.choices:
            assert _flat(c.say or c.text) in player, "the player's card lists every choice"


def test_facilitator_sheet_has_every_branch(rendered: tuple[core.Result, dict[str, Path]]) -> None:
    result, files = rendered
    sc = result.kb.scenarios[SCENARIO]
    names = labels(sc)
    pdf = _flat(text(files["roleplay-guide.pdf"]))
    for step in sc.steps:
        for i, c in enumerate(step.choices):
            assert _flat(f"{'ABCD'[i]}.{c.text}→{names[c.next]}") in pdf, (step.id, c.text)
    for end in sc.endings:
        assert _flat(end.title) in pdf and _flat(end.lesson) in pdf
    host = _flat(files["host-plan.html"].read_text(encoding="utf-8"))  # its materials and printing list
    assert _flat(f"情景演练《{sc.title}》") in host and "roleplay.pdf" in host


def test_kits_without_a_scenario_get_no_cards(rendered: tuple[core.Result, dict[str, Path]]) -> None:
    result, _ = rendered
    kit = result.kb.kits["yanlian"]
    kit.agenda = [a for a in kit.agenda if not a.scenario]
    names = [d.name for d in kit_docs(Site.of(result), kit, quiz_sets(Site.of(result), kit))]
    assert "host-plan.pdf" in names and not any(n.startswith("roleplay") for n in names)


def test_cards_and_sheet_keep_chinese_line_breaking_rules(rendered: tuple[core.Result, dict[str, Path]]) -> None:
    from ..pdf.test_print_layout import kinsoku_faults

    _, files = rendered
    assert [f for name in ("roleplay.pdf", "roleplay-guide.pdf") for f in kinsoku_faults(files[name])] == []
