"""The packages of build_tools import each other one way only (no package-level import cycle).

A "unit" is a subpackage (`build_tools/checks/`) or a top-level module (`build_tools/core.py`).
Every import of build_tools counts, at module level and inside functions (a lazy import is still a
dependency). The test fails naming each strongly connected component of more than one unit and,
for each edge inside it, the file and line that makes it.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"

Edges = dict[str, dict[str, list[str]]]  # unit -> unit it imports -> ["path:line", ...]


def module_name(path: Path) -> tuple[str, bool]:
    """`build_tools/a/b.py` -> ("build_tools.a.b", False); an `__init__.py` names its package (True)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def unit_of(module: str) -> str | None:
    """The unit a build_tools module belongs to; None for the package root itself."""
    parts = module.split(".")
    if parts[0] != PACKAGE.name or len(parts) < 2:
        return None
    return parts[1]


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """Every build_tools module named by an import in the tree, with its line."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                if node.level > 1:
                    base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from build_tools import checks` imports the unit `checks`; `from .x import y` imports x
            found.append((target, node.lineno))
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.split(".")[0] == PACKAGE.name]


def import_graph() -> Edges:
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()}
    edges: Edges = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        module, is_package = module_name(path)
        source = unit_of(module)
        if source is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where_from = path.relative_to(PACKAGE.parent).as_posix()
        for target, line in imported_modules(tree, module, is_package):
            unit = unit_of(target)
            place = f"{where_from}:{line}"
            if unit is not None and unit in units and unit != source and place not in edges[source][unit]:
                edges[source][unit].append(place)
    return edges


def strongly_connected(edges: Edges) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one unit, each sorted."""
    nodes = sorted(set(edges) | {b for targets in edges.values() for b in targets})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, {}))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def describe(component: list[str], edges: Edges) -> str:
    lines = [" <-> ".join(component)]
    members = set(component)
    for a in component:
        for b in sorted(edges.get(a, {})):
            if b in members:
                places = edges[a][b]
                more = f" (+{len(places) - 3} more)" if len(places) > 3 else ""
                lines.append(f"    {a} -> {b}: {', '.join(places[:3])}{more}")
    return "\n".join(lines)


def test_the_cycle_finder_finds_a_cycle_and_only_cycles() -> None:
    edges: Edges = {"a": {"b": ["x:1"]}, "b": {"c": ["x:2"]}, "c": {"a": ["x:3"]}, "d": {"a": ["x:4"]}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b": ["x:1"]}, "b": {}}) == []


def test_relative_and_lazy_imports_are_seen() -> None:
    tree = ast.parse("from ..load import content\ndef f():\n    from build_tools import core\n")
    names = {name for name, _ in imported_modules(tree, "build_tools.checks.items", False)}
    assert {"build_tools.load", "build_tools.load.content", "build_tools.core"} <= names


def test_no_import_cycle_between_packages() -> None:
    edges = import_graph()
    cycles = strongly_connected(edges)
    assert not cycles, "import cycles between build_tools packages/modules:\n" + "\n".join(
        describe(component, edges) for component in cycles)


# The layers of docs/architecture.md, lowest first: a unit may import units of its own layer or lower.
LAYERS = [
    "model problem codes errors kinds spoken schema",
    "settings urls unfinished placeholders safe_markdown templating",
    "load outputs",
    "checks",
    "core site",
    "pages search pdf exchange programme results cards scenarios downloads postbuild jsonschema_export scaffold"
    " leftovers",
    "plugin sitebuild incremental offline bench",
    "commands cli",
]
LAYER_OF = {unit: i for i, names in enumerate(LAYERS) for unit in names.split()}


def test_every_unit_has_a_layer() -> None:
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()}
    assert sorted(units - set(LAYER_OF)) == [], "place new modules in LAYERS and docs/architecture.md"
    assert sorted(set(LAYER_OF) - units) == [], "LAYERS names a unit that no longer exists"


def upward_imports(edges: Edges) -> list[str]:
    return [f"{a} (layer {LAYER_OF[a]}) -> {b} (layer {LAYER_OF[b]}): {', '.join(places[:3])}"
            for a, targets in sorted(edges.items()) for b, places in sorted(targets.items())
            if a in LAYER_OF and b in LAYER_OF and LAYER_OF[a] < LAYER_OF[b]]


def test_no_import_goes_up_a_layer() -> None:
    assert upward_imports(import_graph()) == []


def test_an_upward_import_is_named() -> None:
    planted = {"load": {"checks": ["build_tools/load/content.py:9"]}, "checks": {"load": ["x.py:1"]}}
    assert upward_imports(planted) == ["load (layer 2) -> checks (layer 3): build_tools/load/content.py:9"]
