"""The import graph of ``src/factionmap``: layers only point down, no circles, no private names across modules.

Every ``import`` counts, also one inside a function: a lazy import hides a circle from Python, not from a
reader. Layers, lowest first; a module may import a lower layer, or its own layer's column:

0. foundations: names, dates, errors, lexicons, reading files
1. two columns that never import each other: extraction (the stages, the trained model's runtime, the
   pipeline and the engines that run it) and the store
2. what reads and writes the store: query, curation, export, ingest, cross-document resolution, evaluation,
   figures
3. the library API and the model's training
4. the command line and the web app, which reach the store and what reads it only through the API
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "factionmap"

LAYERS: dict[str, tuple[int, str]] = {
    **dict.fromkeys(("errors", "model", "edtf", "wording", "descent", "lexicon", "reader", "annotations"), (0, "base")),
    **dict.fromkeys(
        ("components", "learn", "learn.features", "learn.linear", "learn.examples", "pipeline", "engines"),
        (1, "extraction"),
    ),
    "store": (1, "store"),
    **dict.fromkeys(
        ("query", "curation", "export", "ingest", "evaluate", "figures", "crossdoc", "layout"), (2, "services")
    ),
    **dict.fromkeys(("factionmap", "api", "learn.train", "learn.validate", "learn.reviews"), (3, "api")),
    **dict.fromkeys(("cli", "cli_common", "cli_query", "cli_curate", "cli_train", "web"), (4, "interfaces")),
}

# Known arrows that break the rule, each with why it is still here. Remove an entry when its arrow goes.
ALLOWED: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    """``src/factionmap/store/__init__.py`` → ``store``; ``src/factionmap/export/gexf.py`` → ``export.gexf``."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "factionmap"


def modules() -> dict[str, ast.Module]:
    """Every module of the package, parsed."""
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(SRC.rglob("*.py"))}


def resolve(target: str, known: set[str]) -> str:
    """The module an import names: ``factionmap.store`` → ``store``, an imported function → its module,
    a name the package itself exports → ``factionmap``."""
    name = target.removeprefix("factionmap").lstrip(".")
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or "factionmap"


def imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The package's modules one module imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {resolve(a.name, known) for a in node.names if a.name.startswith("factionmap")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factionmap"):
            for a in node.names:  # "from factionmap import query" imports the module query
                found.add(resolve(f"{node.module}.{a.name}", known))
    return found


def graph() -> dict[str, set[str]]:
    """Module → the modules it imports (a package's ``__init__`` importing its own modules left out)."""
    trees = modules()
    known = set(trees)
    edges = {}
    for name, tree in trees.items():
        inside = "" if name == "factionmap" else f"{name}."
        edges[name] = {t for t in imports(tree, known) if t != name and not (inside and t.startswith(inside))}
    return edges


def layer(module: str) -> tuple[int, str]:
    """The layer and column of a module: its own entry, else its package's."""
    name = module
    while name not in LAYERS:
        assert "." in name, f"{module} has no layer: add it to LAYERS"
        name = name.rpartition(".")[0]
    return LAYERS[name]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_lazy_imports_and_imported_modules():
    edges = graph()
    assert "web.app" in edges["cli"]  # "from factionmap.web.app import run_server" inside a function
    assert {"query", "store"} <= edges["export.gexf"]
    assert "components.relations.document" in edges["components.relations.triggers"]


def test_no_import_circles():
    edges = graph()
    kept = {a: {b for b in bs if (a, b) not in ALLOWED} for a, bs in edges.items()}
    assert cycles(kept) == []


def pointing_down(a: str, b: str) -> bool:
    """True when ``a`` may import ``b``: a lower layer, or the same layer and column."""
    (rank_a, column_a), (rank_b, column_b) = layer(a), layer(b)
    return rank_b < rank_a or (rank_b == rank_a and column_b == column_a)


def test_layers_only_point_down():
    wrong = sorted((a, b) for a, bs in graph().items() for b in bs if not pointing_down(a, b) and (a, b) not in ALLOWED)
    assert wrong == []


def test_the_command_line_and_the_web_app_go_through_the_library_api():
    edges = graph()
    interfaces = [m for m in edges if layer(m)[1] == "interfaces"]
    assert {"cli", "cli_query", "cli_curate", "web.app"} <= set(interfaces)
    skipping = sorted((a, b) for a in interfaces for b in edges[a] if layer(b)[1] in ("services", "store"))
    assert skipping == []


def test_every_allowance_is_still_needed():
    edges = graph()
    assert [pair for pair in ALLOWED if pair[1] not in edges.get(pair[0], set())] == []


def defined_names(tree: ast.Module) -> set[str]:
    """Every name a module defines: functions, classes, variables and attributes it assigns."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names |= {
            t.id if isinstance(t, ast.Name) else t.attr for t in targets if isinstance(t, ast.Name | ast.Attribute)
        }
    return names


def private_crossings(trees: dict[str, ast.Module]) -> list[str]:
    """Private names one module takes from another: imported (``from m import _x``) or reached through an
    object (``query._facts``, ``store._retry``) when the module does not define that name itself."""
    crossing = []
    for name, tree in trees.items():
        own = defined_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factionmap"):
                crossing += [
                    f"{name}: from {node.module} import {a.name}" for a in node.names if a.name.startswith("_")
                ]
            elif (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.attr not in own
                and not (isinstance(node.value, ast.Name) and node.value.id == "self")
            ):
                crossing.append(f"{name}: {ast.unparse(node)}")
    return crossing


def test_no_private_names_across_modules():
    assert private_crossings(modules()) == []


def test_the_private_name_check_sees_both_kinds():
    tree = ast.parse(
        "from factionmap.query import _facts\nfrom factionmap import query\n\n"
        "def f(store):\n    store._retry(1)\n    query._place(2)\n    self._own = 3\n"
    )
    assert private_crossings({"m": tree}) == [
        "m: from factionmap.query import _facts",
        "m: store._retry",
        "m: query._place",
    ]


@pytest.mark.parametrize(
    "edges, expected",
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        (
            {"cli": {"cli_query"}, "cli_query": {"cli_common"}, "cli_common": {"cli"}},
            [["cli", "cli_common", "cli_query"]],
        ),
    ],
)
def test_the_circle_finder_finds_circles(edges, expected):
    assert cycles(edges) == expected
