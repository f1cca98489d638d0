"""Indented JSON text through json's C encoder: the bytes ``json.dumps(indent=...)`` writes.

``json.dumps`` with ``indent=`` runs the pure-Python encoder, a generator per container: a
national directory's ``kanal-official.json`` (127,652 accounts, 91,561 agencies) took ~0.7 s
of CPU there, half of that here. The C encoder takes any item separator, so a container whose
values are all scalars is written by it with ``",\n" + indent`` between its items, and a
table of such objects in one call; only the containers holding containers are walked here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import chain
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_SCALARS = (str, int, float, bool, type(None))
_EXACT_SCALARS = set(_SCALARS)
_scalar = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=64)
def _flat(between: str) -> Any:
    """A container of scalars as JSON, ``between`` (a comma, a newline and the indentation)
    between its items. The C encoder itself, made once: ``JSONEncoder.encode`` makes one per
    call, which cost as much as the pure-Python encoder for 200,000 small objects."""
    if c_make_encoder is None:  # pragma: no cover - CPython has it
        return json.JSONEncoder(ensure_ascii=False, separators=(between, ": ")).encode
    encoder = c_make_encoder(
        None, _no_default, encode_basestring, None, ": ", between, False, False, True
    )
    return lambda value: "".join(encoder(value, 0))


def _no_default(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def dumps_indented(value: Any, indent: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, the same text."""
    if not isinstance(indent, int) or isinstance(indent, bool) or indent < 0:
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return _encode(value, indent, 0)


def _encode(value: Any, indent: int, level: int) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(type(k) is str for k in value):  # noqa: E721 - exact: keys json converts
            return _fallback(value, indent, level)
        inner = "\n" + " " * (indent * (level + 1))
        values = list(value.values())
        if all(isinstance(v, _SCALARS) for v in values):
            body = _flat("," + inner)(value)[1:-1]
        elif _flat_dicts(values):  # a table by key (a national directory's 91,561 agencies)
            keys = map(_scalar, value)
            close = inner + "}"
            body = ("," + inner).join(
                k + ": {" + b + close
                for k, b in zip(keys, _bodies(values, indent, level + 1), strict=True)
            )
        else:
            body = ("," + inner).join(
                _scalar(k) + ": " + _encode(v, indent, level + 1) for k, v in value.items()
            )
        return "{" + inner + body + "\n" + " " * (indent * level) + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = "\n" + " " * (indent * (level + 1))
        if all(isinstance(v, _SCALARS) for v in value):
            body = _flat("," + inner)(list(value))[1:-1]
        elif _flat_dicts(value):  # rows (a national directory's 127,652 accounts)
            close = inner + "}"
            body = ("," + inner).join(
                "{" + b + close for b in _bodies(list(value), indent, level + 1)
            )
        else:
            body = ("," + inner).join(_encode(v, indent, level + 1) for v in value)
        return "[" + inner + body + "\n" + " " * (indent * level) + "]"
    return _scalar(value)


def _flat_dicts(values: Any) -> bool:
    """Whether every item is a non-empty dict of str keys and scalar values (exact types:
    C-level passes, no Python step per item)."""
    if not all(values) or set(map(type, values)) != {dict}:
        return False
    dicts = values if isinstance(values, list) else list(values)
    return (
        set(map(type, chain.from_iterable(dicts))) == {str}
        and set(map(type, chain.from_iterable(map(dict.values, dicts)))) <= _EXACT_SCALARS
    )


def _bodies(dicts: list[dict[str, Any]], indent: int, level: int) -> list[str]:
    """Each dict at ``level`` as its text between the braces, newline-indented before each
    item, from one call of the C encoder: the separator has a raw newline, which no encoded
    string holds, and within a dict of scalars no value ends in ``}``, so ``},<sep>{`` is
    only ever the seam between two dicts."""
    inner = "\n" + " " * (indent * (level + 1))
    text = _flat("," + inner)(dicts)
    return [inner + b for b in text[2:-2].split("}," + inner + "{")]


def _fallback(value: Any, indent: int, level: int) -> str:
    """What the pure-Python encoder writes for ``value`` at ``level`` (keys it converts)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.replace("\n", "\n" + " " * (indent * level))
