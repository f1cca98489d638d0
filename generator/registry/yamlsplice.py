"""Add accounts and channels to an agency YAML file by inserting lines, never re-dumping it.

ruamel.yaml's round-trip parser says where each agency, key and list item starts; the new
items are written as text at the end of the agency's ``accounts:``/``channels:`` list (or as
new keys at the end of the agency), in the file's own indentation. Every other byte of the
file, comments, quotes, blank lines and key order included, stays as the clerk wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_EMPTY_FLOW = re.compile(r":\s*\[\s*\]")


class SpliceError(ValueError):
    """The file's shape leaves no safe place to add lines (a flow-style list, say)."""


@dataclass(frozen=True)
class Item:
    """One list item to add: its fields in order, values already validated."""

    fields: tuple[tuple[str, str], ...]  # (key, YAML text of the value)


def quoted(value: str) -> str:
    """A double-quoted YAML scalar (URLs may hold '#' or ': ')."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def account_item(platform: str, url: str, status: str, reviewed: dt.date) -> Item:
    return Item(
        (
            ("platform", platform),
            ("url", quoted(url)),
            ("status", status),
            ("reviewed", reviewed.isoformat()),
        )
    )


def channel_item(kind: str, value: str) -> Item:
    return Item((("type", kind), ("value", quoted(value))))


def _item_text(item: Item, dash_col: int) -> list[str]:
    pad = " " * dash_col
    lines = []
    for i, (key, value) in enumerate(item.fields):
        lines.append(f"{pad}- {key}: {value}" if i == 0 else f"{pad}  {key}: {value}")
    return lines


def _is_filler(line: str, max_indent: int) -> bool:
    stripped = line.strip()
    indent = len(line) - len(line.lstrip(" "))
    return not stripped or (stripped.startswith("#") and indent <= max_indent)


def _back_up(lines: list[str], end: int, floor: int, max_indent: int) -> int:
    """Before the blank lines and comments that close a block (they introduce what follows)."""
    while end > floor + 1 and _is_filler(lines[end - 1], max_indent):
        end -= 1
    return end


def _agency_node(doc: Any, prefix: tuple[int, ...]) -> tuple[CommentedMap, int, int]:
    """The agency mapping, the line it starts on and the line after its last (0-based)."""
    if prefix:
        seq: CommentedSeq = doc
        (i,) = prefix
        node = seq[i]
        start = seq.lc.item(i)[0]
        end = seq.lc.item(i + 1)[0] if i + 1 < len(seq) else None
        return node, start, end if end is not None else -1
    return doc, 0, -1


def splice(text: str, edits: dict[tuple[int, ...], dict[str, list[Item]]]) -> str:
    """``text`` with the items added: ``edits[prefix][key]`` lists the items for the list
    ``key`` ("accounts" or "channels") of the agency at ``prefix`` (() or (i,))."""
    if "\r\n" in text:  # a file saved on Windows keeps its line ends, added lines too
        return splice(text.replace("\r\n", "\n"), edits).replace("\n", "\r\n")
    doc = YAML(typ="rt").load(text)
    lines = text.split("\n")
    tail = lines[-1] == ""  # the file ended with a newline
    if tail:
        lines.pop()
    inserts: list[tuple[int, int, list[str]]] = []  # (line index, order, lines)
    replace: dict[int, str] = {}
    for prefix, by_key in edits.items():
        node, start, end = _agency_node(doc, prefix)
        if not isinstance(node, CommentedMap) or not node:
            raise SpliceError("instansi bukan bagian 'kunci: nilai'")
        keys = list(node)
        key_col = node.lc.key(keys[0])[1]
        end = _back_up(lines, len(lines) if end < 0 else end, start, key_col)
        order = 0
        for key, items in by_key.items():
            if not items:
                continue
            order += 1
            current = node.get(key)
            if (
                key not in node
                or current is None
                or (isinstance(current, CommentedSeq) and not current)
            ):
                if key in node:  # "accounts:" or "accounts: []": fill that key in place
                    at = node.lc.key(key)[0]
                    replace[at] = _EMPTY_FLOW.sub(":", lines[at], count=1)
                    body = [ln for item in items for ln in _item_text(item, key_col + 2)]
                    inserts.append((at + 1, order, body))
                else:
                    body = [" " * key_col + f"{key}:"]
                    body += [ln for item in items for ln in _item_text(item, key_col + 2)]
                    inserts.append((end, order, body))
                continue
            if not isinstance(current, CommentedSeq) or current.lc.item(0) is None:
                raise SpliceError(
                    f"'{key}' harus berupa daftar biasa (setiap butir diawali '- ') agar bisa ditambah"
                )
            first_line = current.lc.item(0)[0]
            dash_col = len(lines[first_line]) - len(lines[first_line].lstrip(" "))
            if not lines[first_line].lstrip(" ").startswith("-"):
                raise SpliceError(f"butir '{key}' tidak diawali '- '")
            following = keys[keys.index(key) + 1 :]
            stop = node.lc.key(following[0])[0] if following else end
            stop = _back_up(lines, stop, first_line, dash_col)
            body = [ln for item in items for ln in _item_text(item, dash_col)]
            inserts.append((stop, 0 if following else order, body))
    for at, text_line in replace.items():
        lines[at] = text_line
    for at, _order, body in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
        lines[at:at] = body
    return "\n".join(lines) + ("\n" if tail else "")
