"""Indented JSON text through json's C encoder: the bytes ``json.dumps(indent=...)`` writes.

``json.dumps`` with ``indent=`` runs the pure-Python encoder, a generator per container: a
national directory's ``kanal-official.json`` (127,652 accounts, 91,561 agencies) took ~1.5 s
of CPU there. The C encoder takes any item separator, so a container whose values are all
scalars is written by it with ``",\\n" + indent`` between its items; only the containers
holding containers are walked here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

_SCALARS = (str, int, float, bool, type(None))
_scalar = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=64)
def _flat(between: str) -> Any:
    """An encoder writing ``between`` (a comma, a newline and the indentation) between items."""
    return json.JSONEncoder(ensure_ascii=False, separators=(between, ": ")).encode


def dumps_indented(value: Any, indent: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, the same text."""
    if not isinstance(indent, int) or isinstance(indent, bool) or indent < 0:
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return _encode(value, indent, 0)


def _encode(value: Any, indent: int, level: int) -> str:
    if isinstance(value, dict):
        items = value.items()
        if not value:
            return "{}"
        if not all(type(k) is str for k in value):  # noqa: E721 - exact: keys json converts
            return _fallback(value, indent, level)
        inner = "\n" + " " * (indent * (level + 1))
        if all(isinstance(v, _SCALARS) for v in value.values()):
            body = _flat("," + inner)(value)[1:-1]
        else:
            body = ("," + inner).join(
                _scalar(k) + ": " + _encode(v, indent, level + 1) for k, v in items
            )
        return "{" + inner + body + "\n" + " " * (indent * level) + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + " " * (indent * (level + 1))
        if all(isinstance(v, _SCALARS) for v in value):
            body = _flat("," + inner)(list(value))[1:-1]
        else:
            body = ("," + inner).join(_encode(v, indent, level + 1) for v in value)
        return "[" + inner + body + "\n" + " " * (indent * level) + "]"
    return _scalar(value)


def _fallback(value: Any, indent: int, level: int) -> str:
    """What the pure-Python encoder writes for ``value`` at ``level`` (keys it converts)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.replace("\n", "\n" + " " * (indent * level))
