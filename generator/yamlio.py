"""YAML reading that keeps every value a string and remembers where each value stands.

PyYAML's implicit typing turns ``0215551234`` into an octal integer and ``no`` into
``False``; Kanal reads every scalar as the text the editor typed and lets the schema
convert it. Positions of every value are kept so that problems name file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.inputfiles import MB, read_text
from generator.invisible import first_invisible, invisible_message
from generator.problems import Location, Problems

try:  # libyaml is several times faster on a province's thousands of files
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_NULLS = {"", "~", "null", "Null", "NULL"}

# Kanal's files are a few levels deep; the bound stops libyaml's composer, which recurses in C
# (100,000 nested brackets crash the interpreter) and slows down quadratically with depth.
MAX_DEPTH = 50
YAML_MAX_BYTES = 5 * MB  # an agency file is a few kilobytes; region.yml too
ALIAS_MESSAGE = "alias/anchor YAML (&, *) tidak didukung; tulis nilainya langsung"

PathKey = tuple[str | int, ...]


@dataclass
class LineMap:
    """Maps a value's path inside a document (keys and list indexes) to its position."""

    file: str
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey) -> Location:
        """The position of ``path``, or of its nearest enclosing value that has one."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        line, col = self.positions.get(path, (0, 0))
        return Location(self.file, line, col)


def _to_python(node: yaml.Node, path: PathKey, lines: LineMap, problems: Problems) -> Any:
    lines.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:  # plain style: None in PyYAML, "" in libyaml
            return None
        _check_visible(node, path, lines, problems)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), lines, problems) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = Location(lines.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.error(where, _dotted(path), "kunci harus berupa teks biasa")
            continue
        key = key_node.value
        if key in result:
            problems.error(
                where,
                _dotted((*path, key)),
                f"kunci '{key}' ditulis dua kali dalam satu bagian; hapus salah satunya",
            )
            continue
        result[key] = _to_python(value_node, (*path, key), lines, problems)
    return result


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def _check_visible(
    node: yaml.ScalarNode, path: PathKey, lines: LineMap, problems: Problems
) -> None:
    """Every text an editor writes may reach the site: refuse invisible characters in it."""
    found = first_invisible(node.value)
    if found is None:
        return
    index, char = found
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if not node.style and "\n" not in node.value[:index]:
        col += index  # a plain one-line value: point at the character itself
    problems.error(Location(lines.file, line, col), _dotted(path), invisible_message(char))


def _check_events(text: str, shown: str, problems: Problems) -> bool:
    """Refuse aliases, anchors and deep nesting before anything is composed or expanded.

    Looks at parser events only, so a "billion laughs" document or a self-referencing alias
    costs a few events, and stops at the first offence. Syntax errors propagate unchanged.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        where = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            problems.error(Location(shown, where.line + 1, where.column + 1), "", ALIAS_MESSAGE)
            return False
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.error(
                    Location(shown, where.line + 1, where.column + 1),
                    "",
                    f"bertingkat terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                )
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


def read_yaml(
    file: Path, shown: str, problems: Problems, max_bytes: int = YAML_MAX_BYTES
) -> tuple[Any, LineMap] | None:
    """Parse one YAML file; on a syntax error record it with its line and return None."""
    lines = LineMap(shown)
    text = read_text(file, shown, problems, max_bytes)
    if text is None:
        return None
    try:
        if not _check_events(text, shown, problems):
            return None
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = exc.problem or exc.context or "sintaks tidak valid"
        problems.error(Location(shown, line, col), "", f"sintaks YAML tidak valid: {reason}")
        return None
    except yaml.YAMLError as exc:
        problems.error(Location(shown), "", f"sintaks YAML tidak valid: {exc}")
        return None
    if not nodes:
        problems.error(Location(shown, 1, 1), "", "berkas kosong")
        return None
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        problems.error(
            Location(shown, mark.line + 1, 1),
            "",
            "satu berkas hanya boleh berisi satu dokumen YAML",
        )
        return None
    return _to_python(nodes[0], (), lines, problems), lines
