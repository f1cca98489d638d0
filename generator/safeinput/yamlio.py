"""YAML reading that keeps every value a string and remembers where each value stands.

PyYAML's implicit typing turns ``0215551234`` into an octal integer and ``no`` into
``False``; Kanal reads every scalar as the text the editor typed and lets the schema
convert it. Positions of every value are kept so that problems name file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.safeinput.files import MB, read_text
from generator.safeinput.invisible import first_invisible, invisible_message
from generator.safeinput.problems import Location, Problems
from generator.safeinput.yamldepth import too_deep
from generator.safeinput.yamlerrors import syntax_message

try:  # libyaml is several times faster on a province's thousands of files
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None  # type: ignore[assignment,misc]

_NULLS = {"", "~", "null", "Null", "NULL"}

# Kanal's files are a few levels deep. The bound is Kanal's own, checked on the text before
# libyaml reads it (``yamldepth``: its scanner reads all brackets ahead and has its own limits,
# which differ between versions) and again on the parser's events.
MAX_DEPTH = 50
DEPTH_MESSAGE = f"bertingkat terlalu dalam (lebih dari {MAX_DEPTH} tingkat)"
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


class _Refused(Exception):
    """An alias, an anchor, too deep a nesting or a second document; already recorded."""


_EMPTY: Any = object()  # a file without any document (empty, or comments only)


@dataclass(slots=True)
class _Frame:
    """A collection being built: where it is, and for a mapping, the key awaiting its value."""

    path: PathKey
    value: list[Any] | dict[str, Any]
    skip: bool  # inside a value that is not kept (after a duplicate or non-text key)
    is_map: bool
    key: str | None = None
    expect_key: bool = True
    skip_value: bool = False


# Event classes compared by identity: a province's files make hundreds of thousands of events.
_SCALAR = yaml.ScalarEvent
_MAPPING = yaml.MappingStartEvent
_SEQUENCE = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _compose(text: str, lines: LineMap, problems: Problems) -> Any:
    """The document's values as strings, lists and dicts, built straight from parser events.

    One pass, no node tree: aliases, anchors and nesting deeper than ``MAX_DEPTH`` are refused
    as their events arrive, before anything is expanded, so a "billion laughs" file or a
    self-referencing alias costs a few events (libyaml's own composer recurses in C and
    crashed on 100,000 nested brackets). Syntax errors propagate as ``yaml.YAMLError``.
    """
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0
    positions = lines.positions
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is not _SCALAR and kind is not _MAPPING and kind is not _SEQUENCE:
            if kind in _ENDS:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.error(
                        Location(lines.file, event.start_mark.line + 1, 1),
                        "",
                        "satu berkas hanya boleh berisi satu dokumen YAML",
                    )
                    raise _Refused
            elif kind is yaml.AliasEvent:
                problems.error(_where(lines, event), "", ALIAS_MESSAGE)
                raise _Refused
            continue  # stream and document boundaries
        if event.anchor is not None:
            problems.error(_where(lines, event), "", ALIAS_MESSAGE)
            raise _Refused
        frame = stack[-1] if stack else None
        if frame is None:
            path, skip = (), False
        elif frame.is_map:
            if frame.expect_key:
                if kind is _SCALAR and not frame.skip and event.value not in frame.value:
                    frame.key = event.value  # the common case of _take_key, inline
                    frame.expect_key = frame.skip_value = False
                    continue
                _take_key(frame, event, _where(lines, event), problems)
                if kind is _SCALAR:
                    continue
                path, skip = frame.path, True  # a list or mapping as a key: its content is dropped
            else:
                skip = frame.skip or frame.skip_value
                path = frame.path if frame.key is None else (*frame.path, frame.key)
                frame.expect_key = True
        else:
            path, skip = (*frame.path, len(frame.value)), frame.skip
        if kind is _SCALAR:
            value = event.value
            if not event.style and value in _NULLS:  # plain style: None in PyYAML, "" in libyaml
                value = None
            elif not skip and not (value.isascii() and value.isprintable()):
                _check_visible(event, path, lines, problems)
        else:
            if len(stack) >= MAX_DEPTH:
                problems.error(_where(lines, event), "", DEPTH_MESSAGE)
                raise _Refused
            value = {} if kind is _MAPPING else []
            stack.append(_Frame(path, value, skip, kind is _MAPPING))
        if skip:
            continue
        mark = event.start_mark
        positions[path] = (mark.line + 1, mark.column + 1)
        if frame is None:
            root.append(value)
        elif frame.is_map:
            assert frame.key is not None  # a value is kept only after a valid text key
            frame.value[frame.key] = value  # type: ignore[call-overload]
        else:
            frame.value.append(value)  # type: ignore[union-attr]
    return root[0] if root else _EMPTY


class _Careful(Exception):
    """Something the event path must judge (and may explain): see :func:`_composed`."""


_CAREFUL: Any = object()  # _composed's answer when the event path must read the file
# Where an anchor (&) or alias (*) may start: a node's properties come first in the node,
# after a blank, a line break, a byte-order mark or an indicator ([ { , : and, in flow, a ?
# right before it: "{?&a x}"). After a letter, a digit, _ or = (a feed URL's query:
# "?a=1&b=2") one would be inside a plain scalar: only there is the fast path taken.
_PROPERTY = re.compile(r"(?:^|[^\w=])[&*]")
_ANY = "tag:yaml.org,2002:str"  # every value is read as text: one tag for all

if _CParser is not None:

    class _NodeLoader(_CParser):  # type: ignore[misc,valid-type]
        """libyaml's own composer, without PyYAML's resolver: no implicit typing to run."""

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return _ANY

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


_SCALAR_NODE = yaml.ScalarNode
_MAPPING_NODE = yaml.MappingNode


def _composed(text: str, lines: LineMap) -> Any:
    """The document as :func:`_compose` builds it from a clean file, from libyaml's own node
    tree (composed in C: 30 % less time over a national directory's 91,561 agency files);
    ``_CAREFUL`` for any file ``_compose`` might refuse or explain (an anchor or alias may
    stand in it, a syntax error, no document or two, a duplicate or non-text key, nesting
    too deep, an invisible character), which it then reads itself.

    An anchor leaves no trace in libyaml's node tree (an alias is the same node again), so a
    text with an ``&`` or ``*`` where one could start goes the careful way. libyaml's composer
    recurses once per level: :func:`parse_yaml_text` calls this only after ``too_deep`` found
    the text within ``MAX_DEPTH`` levels. ``tests/test_yaml_nodes.py`` checks that both ways
    give the same document and positions whenever this one gives a document."""
    if _CParser is None or (("&" in text or "*" in text) and _PROPERTY.search(text)):
        return _CAREFUL
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return _CAREFUL
    finally:
        loader.dispose()
    if node is None:
        return _CAREFUL
    try:
        return _node_value(node, (), lines.positions, 1)
    except _Careful:
        lines.positions.clear()
        return _CAREFUL


def _node_value(node: yaml.Node, path: PathKey, positions: dict, depth: int) -> Any:
    mark = node.start_mark
    positions[path] = (mark.line + 1, mark.column + 1)
    kind = type(node)
    if kind is _SCALAR_NODE:
        value = node.value
        if not node.style and value in _NULLS:
            return None
        if not (value.isascii() and value.isprintable()) and first_invisible(value) is not None:
            raise _Careful
        return value
    if depth > MAX_DEPTH:
        raise _Careful
    if kind is _MAPPING_NODE:
        mapping: dict[str, Any] = {}
        for key, item in node.value:
            if type(key) is not _SCALAR_NODE or key.value in mapping:
                raise _Careful
            name = key.value
            mapping[name] = _node_value(item, (*path, name), positions, depth + 1)
        return mapping
    return [
        _node_value(item, (*path, i), positions, depth + 1) for i, item in enumerate(node.value)
    ]


def _where(lines: LineMap, event: yaml.Event) -> Location:
    mark = event.start_mark
    return Location(lines.file, mark.line + 1, mark.column + 1)


def _take_key(frame: _Frame, event: yaml.NodeEvent, where: Location, problems: Problems) -> None:
    """Record a mapping key; a duplicate or non-text key makes its value skipped."""
    frame.expect_key = False
    frame.skip_value = True
    frame.key = None
    if not isinstance(event, yaml.ScalarEvent):
        if not frame.skip:
            problems.error(where, _dotted(frame.path), "kunci harus berupa teks biasa")
        return
    frame.key = event.value
    if frame.skip:
        return
    if event.value in frame.value:
        problems.error(
            where,
            _dotted((*frame.path, event.value)),
            f"kunci '{event.value}' ditulis dua kali dalam satu bagian; hapus salah satunya",
        )
        return
    frame.skip_value = False


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
    "web_domains": "domain",
    "email_domains": "domain surel",
    "sms_senders": "pengirim SMS",
    "apps": "aplikasi",
    "bank_accounts": "rekening",
    "virtual_accounts": "virtual account",
    "qris": "QRIS",
    "hotlines": "hotline",
    "never": "pernyataan",
    "never_text": "pernyataan",
    "impostors": "peniru",
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


def _check_visible(
    node: yaml.ScalarEvent, path: PathKey, lines: LineMap, problems: Problems
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


def read_yaml(
    file: Path, shown: str, problems: Problems, max_bytes: int = YAML_MAX_BYTES
) -> tuple[Any, LineMap] | None:
    """Parse one YAML file; on a syntax error record it with its line and return None."""
    text = read_text(file, shown, problems, max_bytes)
    if text is None:
        return None
    return parse_yaml_text(text, shown, problems)


def parse_yaml_text(text: str, shown: str, problems: Problems) -> tuple[Any, LineMap] | None:
    """Parse YAML already read (a file, or a blob from git history) with the same bounds."""
    lines = LineMap(shown)
    deep = too_deep(text, MAX_DEPTH)
    if deep is not None:
        problems.error(Location(shown, *deep), "", DEPTH_MESSAGE)
        return None
    document = _composed(text, lines)
    if document is not _CAREFUL:
        return document, lines
    found = Problems()  # kept only when the syntax is valid, as when composing first
    try:
        document = _compose(text, lines, found)
    except _Refused:
        problems.extend(found)
        return None
    except yaml.YAMLError as exc:
        line, col, message = syntax_message(exc, text)
        problems.error(Location(shown, line, col), "", message)
        return None
    problems.extend(found)
    if document is _EMPTY:
        problems.error(Location(shown, 1, 1), "", "berkas kosong")
        return None
    return document, lines
