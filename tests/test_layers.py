"""The package is laid out by layer (kg/__init__.py): every module imports only its own layer and the
layers below it, and no import cycle exists. Every import of a kg module counts, also those inside a
function or under ``if TYPE_CHECKING:``."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "kg"
FOUNDATION = {"kg", "kg.model", "kg.errors", "kg.workers"}
DRIVERS = {"kg.cli", "kg.__main__", "kg.build", "kg.read", "kg.evaluation", "kg.realeval"}
LAYERS = ("lexicon", "extract", "rdf", "store", "view")  # the subpackages kg.<layer>
MAY_IMPORT = {
    "foundation": {"foundation"},
    "lexicon": {"foundation", "lexicon"},
    "extract": {"foundation", "lexicon", "extract"},
    "rdf": {"foundation", "lexicon", "rdf"},  # beside extract, not above it: records come via kg.model
    "store": {"foundation", "lexicon", "rdf", "store"},
    "view": {"foundation", "lexicon", "rdf", "store", "view"},
    "driver": {"foundation", "lexicon", "extract", "rdf", "store", "view", "driver"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def layer(name: str) -> str:
    if name in FOUNDATION:
        return "foundation"
    if name in DRIVERS:
        return "driver"
    parts = name.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS:
        return parts[1]
    raise AssertionError(f"{name}: in no layer; place it in a kg/<layer>/ folder or list it here")


def imports(source: str, known: set[str]) -> set[str]:
    """The kg modules a module's source imports (``from kg.a import b`` is kg.a.b when that is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name == "kg" or a.name.startswith("kg."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module != "kg" and not node.module.startswith("kg."):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError("relative imports are not used in kg/")
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {
        name: imports(path.read_text(encoding="utf-8"), set(found)) - {name} for name, path in found.items()
    }


def cycles(deps: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(deps.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    names = modules()
    assert len(names) > 30
    for name in names:
        layer(name)


def test_imports_go_only_down():
    upward = [
        f"{name} ({layer(name)}) imports {dep} ({layer(dep)})"
        for name, deps in sorted(graph().items())
        for dep in sorted(deps)
        if layer(dep) not in MAY_IMPORT[layer(name)]
    ]
    assert upward == []


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_checks_can_fail():
    """The helpers see an upward import and a cycle when there is one."""
    known = {"kg.store.queries", "kg.extract.events", "kg.rdf.graph"}
    assert imports("def f():\n    from kg.store import queries\n", known) == {"kg.store.queries"}
    assert imports("import kg.rdf.graph\nfrom kg.extract.events import x\n", known) == {
        "kg.rdf.graph",
        "kg.extract.events",
    }
    assert layer("kg.store.queries") not in MAY_IMPORT[layer("kg.rdf.graph")]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
