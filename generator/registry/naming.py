"""How offices are named: ``generator/reference/naming.yml`` as data for the checker.

The file is shipped knowledge (level words, abbreviation variants per kind of agency, titles
of officials, old spellings, filler and topic words, free e-mail providers, link shorteners,
banks and e-wallets, platform words). :func:`table` returns it as plain JSON-able data; the
same table goes to the browser in the index (``names.naming``), so checker.js and the Python
reference (:mod:`generator.registry.lookalike`, :mod:`generator.registry.scan`) read one list.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

NAMING = Path(__file__).parent.parent / "reference" / "naming.yml"
_LISTS = (
    "fillers",
    "topics",
    "prefixes",
    "free_mail",
    "shorteners",
    "payment_words",
    "banks",
    "wallets",
    "kinds",
)
_GROUPS = ("levels", "agencies", "titles", "platform_words")


@functools.cache
def table() -> dict[str, Any]:
    """naming.yml, checked for shape (it ships with Kanal: a bad edit is a bug, not input)."""
    data = yaml.safe_load(NAMING.read_text("utf-8"))
    out: dict[str, Any] = {}
    for key in _GROUPS:
        groups = data[key]
        assert all(isinstance(v, list) and v for v in groups.values()), key
        out[key] = {str(k): [str(w) for w in v] for k, v in groups.items()}
    for key in _LISTS:
        out[key] = [str(w) for w in data[key]]
    out["old_spellings"] = [[str(a), str(b)] for a, b in data["old_spellings"].items()]
    return out


def level_ids() -> list[str]:
    return list(table()["levels"])
