"""The architecture as rules: which part of ``generator/`` may import which.

The map (README, "Development"), lowest layer first; a module may import its own package and
the layers below it, never above:

    safeinput   input files, YAML reading and its messages, invisible characters, addresses,
                problems                                   imports nothing else of Kanal
    registry    region, agencies, accounts, channels, codes, look-alikes, coverage
    finder      urusan kinds, thesaurus, stemmer, ranking (beside the registry; imports
                safe input only)
    opendata    the published-data contract (manifest, tables, package, catalog)
    site        the toolkit: pages, charts, structured data, shards, schemas, MkDocs plugin
    complaints, feeds                                      features; not each other
    province    a province from its members                may use complaints and feeds
    build.compute                                          every figure, before any page
    site.stage  the render stage                           the only reader of all renderers
    build       pipeline, dates, project
    scaffold    what kanal init writes
    commands    one module per command
    cli         argument parsing only

``build.worker`` (a job in a forked process) and ``build.stop`` (a thread's work stopped by
another) are leaves any layer may use. Imports inside
functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

# Longest prefix wins. Numbers are layers: higher may import lower.
LAYERS = {
    "generator.safeinput": 0,
    "generator.registry": 1,
    # The finder's knowledge, stemmer, index terms and ranking: reads only safe input, so the
    # site (finder.json), the scaffold (usual services) and benchmarks can all use it.
    "generator.finder": 1,
    "generator.opendata": 2,
    "generator.site": 3,
    "generator.complaints": 4,
    "generator.feeds": 4,
    "generator.province": 5,
    "generator.build.compute": 6,
    "generator.site.stage": 7,
    "generator.build": 8,
    "generator.scaffold": 9,
    "generator.commands": 10,
    "generator.cli": 11,
    "generator.__main__": 12,
    "generator": 0,  # the package itself: __version__ only
}
LEAVES = {"generator.build.worker", "generator.build.stop"}  # import no Kanal module; any layer
# Same layer, yet independent: a feature never imports another feature.
INDEPENDENT = {"generator.complaints", "generator.feeds"}
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "cli.py"}


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
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write the absolute module name")
        for name in names:
            if name in modules:
                found.add(name)
    return found


def dynamic_imports(path: Path) -> set[str]:
    """Module names given to importlib.import_module as string constants (cli's table)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("generator.")
        and " " not in node.value
    }


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    edges = {}
    for name, path in files.items():
        found = imports_of(path, modules) | (dynamic_imports(path) & modules)
        # A package's __init__ is imported with any of its modules: ignore edges to it.
        edges[name] = {m for m in found if m != name and not name.startswith(m + ".")}
    return edges


def _owner(module: str, table) -> str:
    best = ""
    for prefix in table:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return best


def layer(module: str) -> int:
    return LAYERS[_owner(module, LAYERS)]


def package(module: str) -> str:
    return ".".join(module.split(".")[:2])


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


def violations(edges: dict[str, set[str]]) -> list[str]:
    """Every import that points up the layers, or across independent packages."""
    found = []
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            if target in LEAVES or target == "generator":
                continue
            if layer(target) > layer(module):
                found.append(
                    f"{module} -> {target} (layer {layer(module)} imports {layer(target)})"
                )
            elif (
                package(module) != package(target)
                and package(module) in INDEPENDENT
                and package(target) in INDEPENDENT
                and layer(module) == layer(target)
            ):
                found.append(f"{module} -> {target} (independent packages)")
    return found


def test_no_module_imports_another_in_a_circle():
    assert cycles(graph()) == []


def test_every_import_points_down_the_layers():
    assert violations(graph()) == []


def test_leaves_import_nothing_of_kanal():
    edges = graph()
    for leaf in LEAVES:
        assert edges[leaf] == set(), leaf


def test_every_module_has_a_layer_and_the_top_level_stays_small():
    for path in PACKAGE.rglob("*.py"):
        assert _owner(module_name(path), LAYERS), path
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top == TOP_LEVEL_MODULES, top - TOP_LEVEL_MODULES
    for init in PACKAGE.glob("*/__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init
    # A folder of modules without __init__.py is a namespace package: the wheel leaves it out.
    for folder in {p.parent for p in PACKAGE.rglob("*.py")}:
        assert (folder / "__init__.py").is_file(), folder


def test_the_rules_catch_what_they_forbid():
    # Each kind of violation, added to the real graph, is found: the rules are not vacuous.
    cases = {
        "generator.registry.models": "generator.complaints.models",  # registry -> feature
        "generator.site.pages": "generator.commands.build",  # site -> command
        "generator.complaints.figures": "generator.feeds.activity",  # feature -> feature
        "generator.safeinput.yamlio": "generator.registry.models",  # safe input -> registry
        "generator.site.charts": "generator.site.stage",  # toolkit -> render stage
        "generator.feeds.render": "generator.build.compute",  # feature -> compute
    }
    for source, target in cases.items():
        edges = graph()
        edges[source] = edges[source] | {target}
        assert any(v.startswith(f"{source} -> {target}") for v in violations(edges)), source
    edges = graph()
    edges["generator.registry.regions"] = edges["generator.registry.regions"] | {
        "generator.registry.validate"
    }
    assert cycles(edges)


def test_deferred_imports_count(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from generator.commands import build\n", encoding="utf-8")
    assert imports_of(source, {"generator.commands", "generator.commands.build"}) == {
        "generator.commands",
        "generator.commands.build",
    }


def test_cli_only_parses_and_every_command_has_its_module():
    from generator import cli

    edges = graph()
    assert set(cli.COMMANDS.values()) <= edges["generator.cli"]
    for module in cli.COMMANDS.values():
        assert callable(__import__(module, fromlist=["run"]).run), module
    # No command logic in cli.py: it defines only the parser, the entry points (main in
    # process, console for the process, both through _run; _flushed its output) and
    # argparse's words.
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    allowed = {
        "_translate",
        "_date",
        "data_option",
        "_parser",
        "main",
        "console",
        "_run",
        "_flushed",
    }
    assert functions <= allowed, functions


def test_renderers_take_figures_and_the_render_stage_is_on_top():
    edges = graph()
    for feature in (
        "generator.complaints.render",
        "generator.feeds.render",
        "generator.province.render",
    ):
        assert "generator.site.pages" in edges[feature]
        assert "generator.site.stage" not in edges[feature]
    assert "generator.site.stage" not in edges["generator.site.pages"]
    assert {"generator.build.compute", "generator.site.stage"} <= edges["generator.build.pipeline"]
    readers = {m for m, targets in edges.items() if "generator.site.stage" in targets}
    # The pipeline, and the edit loop for the open data it puts after the pages (LaterData).
    assert readers == {"generator.build.pipeline", "generator.build.incremental"}
