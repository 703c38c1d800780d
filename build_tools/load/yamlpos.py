"""YAML with source positions.

`parse_yaml` turns a YAML text into plain Python values plus a map from each
value's path (``("questions", 3, "answer")``) to where it starts in the file.
Checks use the map to point at the exact line and column of a mistake.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import Pos
from ..problem import Problem, error

try:  # libyaml's composer is several times faster; marks are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]
_STR = "tag:yaml.org,2002:str"


@dataclass
class Doc:
    """A parsed YAML document: its data and the position of every value."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def pos(self, *keys: Any) -> Pos:
        """Position of the value at `keys`, or of its nearest parent that has one."""
        k = tuple(keys)
        while k not in self.marks and k:
            k = k[:-1]
        line, col = self.marks.get(k, (0, 0))
        return Pos(self.path, line + 1 + self.line_offset, col + 1)

    def key_pos(self, *keys: Any) -> Pos:
        """Position of the mapping key itself (for unknown or duplicate keys)."""
        k = tuple(keys)
        if k in self.key_marks:
            line, col = self.key_marks[k]
            return Pos(self.path, line + 1 + self.line_offset, col + 1)
        return self.pos(*keys)


class _Builder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.constructor = yaml.SafeLoader("")  # used only to construct scalars
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.doc.marks[path] = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR:  # most values: what the constructor returns, without its bookkeeping
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            # e.g. a timestamp-looking value that is not a real date: keep the text
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            kpos = (key_node.start_mark.line, key_node.start_mark.column)
            if key in out:
                first = self.doc.key_marks[path + (key,)]
                self.problems.append(error(
                    Pos(self.doc.path, kpos[0] + 1 + self.doc.line_offset, kpos[1] + 1), "duplicate-key",
                    f"key '{key}' appears twice in one mapping (first at line {first[0] + 1 + self.doc.line_offset}); "
                    "keep one"))
                continue
            self.doc.key_marks[path + (key,)] = kpos
            out[key] = self.build(value_node, path + (key,))
        return out


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Doc | None, list[Problem]]:
    """Parse one YAML document. On a syntax error, (None, [problem at its position])."""
    doc = Doc(rel, None, line_offset=line_offset)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        what = (exc.problem or "syntax error").strip()
        ctx = ""
        if exc.context:
            cm = exc.context_mark
            where = f" that starts at line {cm.line + 1 + line_offset}, column {cm.column + 1}" if cm else ""
            ctx = f" ({exc.context.strip()}{where})"
        return None, [error(Pos(rel, line + 1 + line_offset, col + 1), "yaml-syntax",
                            f"YAML syntax error: {what}{ctx}")]
    except yaml.YAMLError as exc:
        return None, [error(Pos(rel, 1 + line_offset, 1), "yaml-syntax", f"YAML error: {exc}")]
    if node is None:
        doc.data = None
        return doc, []
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    return doc, builder.problems
