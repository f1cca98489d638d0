"""The pipeline's shape: no module of the generator imports another in a circle.

``build()`` reads load → validate → compute → render → publish; feature renderers import the
core renderer, the render stage (generator.site) imports them, and nothing imports back.
Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Generator modules imported anywhere in ``path`` (from x import y: x, or x.y if a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if name in modules:
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    edges = {}
    for name, path in files.items():
        # A package's __init__ is imported with any of its modules: ignore edges to it.
        edges[name] = {
            m for m in imports_of(path, modules) if m != name and not name.startswith(m + ".")
        }
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_another_in_a_circle():
    assert cycles(graph()) == []


def test_renderers_take_figures_and_the_render_stage_is_on_top():
    edges = graph()
    assert "generator.complaints.figures" not in edges["generator.complaints.render"] or (
        "compute_data" not in (PACKAGE / "complaints" / "render.py").read_text(encoding="utf-8")
    )
    for feature in (
        "generator.complaints.render",
        "generator.feeds.render",
        "generator.province.render",
    ):
        assert "generator.render" in edges[feature]
        assert "generator.site" not in edges[feature]
    assert "generator.site" not in edges["generator.render"]
    assert {"generator.compute", "generator.site"} <= edges["generator.build"]
