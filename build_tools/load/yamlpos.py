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


# Values a file may add through aliases (`*name`) beyond those it spells out: enough for any
# sensible reuse, and it stops a "billion laughs" file long before it exhausts memory.
MAX_ALIAS_VALUES = 10_000
# Lists and mappings nested deeper than this are refused (content needs a handful of levels;
# far deeper would exhaust Python's recursion limit).
MAX_DEPTH = 100


class _ShapeError(Exception):
    """An alias that recurses or expands too far, or nesting too deep; carries the node and a code."""

    def __init__(self, node: yaml.Node, code: str, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.code = code


class _Builder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.constructor = yaml.SafeLoader("")  # used only to construct scalars
        self.constructor.dispose()  # its parser is never used; this breaks the loader's reference cycle
        self.problems: list[Problem] = []
        self.built: set[int] = set()    # collection nodes built once (a second time means an alias)
        self.active: set[int] = set()   # collection nodes being built (an alias to one recurses)
        self.repeats = 0                # collections built again through aliases

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.doc.marks[path] = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self._collection(node, path)
        return self._scalar(node)

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        key = id(node)
        if key in self.active:
            raise _ShapeError(node, "yaml-alias", "an alias refers to the collection that contains it (it would never end); "
                              "write the values out")
        if key in self.built:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_VALUES:
                raise _ShapeError(node, "yaml-alias", f"aliases (*name) expand to more than {MAX_ALIAS_VALUES:,} collections; "
                                  "write the values out instead of nesting aliases")
        if len(self.active) >= MAX_DEPTH:
            raise _ShapeError(node, "yaml-depth", f"lists and mappings are nested more than {MAX_DEPTH} levels deep "
                              "here; content needs only a few")
        self.built.add(key)
        self.active.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        finally:
            self.active.discard(key)

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR:  # most values: what the constructor returns, without its bookkeeping
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception:  # any value its tag cannot make (2025-02-30, !!bool maybe): keep the text
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        merges = [v for k, v in node.value if k.tag == "tag:yaml.org,2002:merge"]
        out: dict[Any, Any] = self._merged(merges, path) if merges else {}
        explicit: set[Any] = set()
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else _key_text(key_node)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            kpos = (key_node.start_mark.line, key_node.start_mark.column)
            if key in explicit:
                first = self.doc.key_marks[path + (key,)]
                self.problems.append(error(
                    Pos(self.doc.path, kpos[0] + 1 + self.doc.line_offset, kpos[1] + 1), "duplicate-key",
                    f"key '{key}' appears twice in one mapping (first at line {first[0] + 1 + self.doc.line_offset}); "
                    "keep one"))
                continue
            explicit.add(key)
            self.doc.key_marks[path + (key,)] = kpos
            out[key] = self.build(value_node, path + (key,))
        return out

    def _merged(self, merges: list[yaml.Node], path: Path_) -> dict[Any, Any]:
        """Keys brought in by `<<: *name` (or a list of them; earlier ones win), as YAML 1.1 merges them.

        Their positions are where the merged values are written; the mapping's own keys override them."""
        own = self.doc.marks[path]
        sources = [s for m in merges for s in (m.value if isinstance(m, yaml.SequenceNode) else [m])]
        out: dict[Any, Any] = {}
        for source in reversed(sources):  # built last, the first source's values and positions win
            if not isinstance(source, yaml.MappingNode):
                line, col = source.start_mark.line, source.start_mark.column
                self.problems.append(error(Pos(self.doc.path, line + 1 + self.doc.line_offset, col + 1),
                    "yaml-syntax", "'<<' merges a mapping (or a list of mappings) into this one; "
                    "found something else"))
                continue
            out.update(self.build(source, path))
        self.doc.marks[path] = own
        return out


def _key_text(node: yaml.Node) -> str:
    """A list or mapping used as a key, shown briefly (`[a, b]`, `{…}`)."""
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(c.value if isinstance(c, yaml.ScalarNode) else "…" for c in node.value) + "]"
    return "{…}"


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
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        return None, [_reader_problem(exc, text, rel, line_offset)]
    except yaml.YAMLError as exc:
        return None, [error(Pos(rel, 1 + line_offset, 1), "yaml-syntax", f"YAML error: {' '.join(str(exc).split())}")]
    if node is None:
        doc.data = None
        return doc, []
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except _ShapeError as exc:
        mark = exc.node.start_mark
        return None, [error(Pos(rel, mark.line + 1 + line_offset, mark.column + 1), exc.code, str(exc))]
    return doc, builder.problems


def _reader_problem(exc: yaml.reader.ReaderError, text: str, rel: str, line_offset: int) -> Problem:
    """A control character (or other character YAML refuses), at its line and column."""
    ch = exc.character
    if isinstance(ch, int):
        index = text.find(chr(ch))  # the reader stops at the first such character
        what = f"character U+{ch:04X}" + (" (a control character)" if ch < 0x20 or 0x7F <= ch < 0xA0 else "")
    else:
        index, what = -1, "a character"
    if index < 0:  # libyaml counts bytes of the UTF-8 text
        index = len(text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", "ignore"))
    line = text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1)
    return error(Pos(rel, line + 1 + line_offset, col + 1), "yaml-syntax",
                 f"YAML does not allow {what} in a file; remove it")
