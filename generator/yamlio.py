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

from generator.problems import Location, Problems
from generator.yamlerrors import NOT_UTF8, not_utf8_position, syntax_message

try:  # libyaml is several times faster on a province's thousands of files
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_NULLS = {"", "~", "null", "Null", "NULL"}

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


# What one item of each list is called, to count positions as people do: "akun ke-1".
ITEM_NAMES = {
    "accounts": "akun",
    "channels": "kanal",
    "services": "layanan",
    "aliases": "alias",
    "themes": "tema",
    "keywords": "kata kunci",
    "local_holidays": "libur",
    "field_check_categories": "kategori",
    "complaints": "aduan",
}


def _dotted(path: PathKey) -> str:
    """A field as the editor reads it: ``accounts[0].handle`` -> ``akun ke-1 (accounts).handle``."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            name = parts.pop() if parts else ""
            item = ITEM_NAMES.get(name, "butir")
            parts.append(f"{item} ke-{part + 1}" + (f" ({name})" if name else ""))
        else:
            parts.append(part)
    return ".".join(parts)


dotted = _dotted


def read_yaml(file: Path, shown: str, problems: Problems) -> tuple[Any, LineMap] | None:
    """Parse one YAML file; on a syntax error record it with its line and return None."""
    lines = LineMap(shown)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line, col = not_utf8_position(exc)
        problems.error(Location(shown, line, col), "", NOT_UTF8)
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        line, col, message = syntax_message(exc, text)
        problems.error(Location(shown, line, col), "", message)
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
