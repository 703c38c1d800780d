"""Markdown nested too deep to render: lists inside lists hundreds of levels down, emphasis marks by the thousand.

Python-Markdown renders nested lists and emphasis by recursion; text nested far deeper than
any page needs (a paste gone wrong, a generated file) would exhaust the recursion limit and stop
the build with an internal error. `fanzha validate` reports it at the line where it starts.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Case, Clip, Kit, Pos
from ..problem import Problem, error
from .context import Context, offset_pos

# A real page nests lists three or four levels; the renderer fails somewhere past two hundred.
MAX_LIST_DEPTH = 40
# Emphasis marks (* and _) in one paragraph: a page has a handful, the renderer fails past a thousand or so.
MAX_EMPHASIS_MARKS = 400

_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")


def deep_spots(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) of the first place `text` nests lists, and of the first paragraph whose
    emphasis marks, go past the limits."""
    offset = 0
    list_reported = emphasis_reported = False
    para_start, marks = 0, 0
    for line in text.split("\n"):
        if not line.strip():
            para_start, marks = offset + len(line) + 1, 0
        else:
            rest = line
            while m := _QUOTE.match(rest):  # a list inside a quote nests as deep as one outside
                rest = rest[m.end():]
            rest = rest.expandtabs(4)
            indent = len(rest) - len(rest.lstrip(" "))
            rest = rest[indent:]
            markers = 0
            while m := _MARKER.match(rest):
                markers += 1
                rest = rest[m.end():]
            depth = indent // 4 + markers
            if depth > MAX_LIST_DEPTH and not list_reported:
                list_reported = True
                yield offset, (f"a list nested about {depth} levels deep (by indentation and list markers); "
                               f"at most {MAX_LIST_DEPTH} can be rendered; flatten it")
            if not emphasis_reported:
                marks += rest.count("*") + rest.count("_")
                if marks > MAX_EMPHASIS_MARKS:
                    emphasis_reported = True
                    yield para_start, (f"this paragraph has more than {MAX_EMPHASIS_MARKS} emphasis marks (* or _); "
                                       "so many cannot be rendered; remove them or put the text in a code block")
        offset += len(line) + 1


def check(ctx: Context) -> Iterator[Problem]:
    items: list[Case | Clip] = [*ctx.every(Case), *ctx.every(Clip)]
    for item in items:
        for offset, message in deep_spots(item.body):
            yield error(offset_pos(item.path, item.body, offset, item.body_line), "markdown-depth", message)
    for kit in ctx.every(Kit):
        if kit.pledge:
            yield from _field(kit.at("pledge"), "pledge", kit.pledge)
        for i, agenda in enumerate(kit.agenda):
            yield from _field(agenda.at("host"), f"agenda[{i}].host", agenda.host)
            for j, d in enumerate(agenda.discuss):
                yield from _field(agenda.at("discuss"), f"agenda[{i}].discuss[{j}]", d.question + "\n\n" + d.points)


def _field(pos: Pos, where: str, text: str) -> Iterator[Problem]:
    for _, message in deep_spots(text or ""):
        yield error(pos, "markdown-depth", f"{where}: {message}")
