"""Kepmendagri codes found by name: "pacitan", "Kab. Pacitan", "desa tobo", one typo allowed.

Names are compared as ``kanal check`` compares them (``registry.names.name_key``: case,
spacing, punctuation, tier words, old spellings). A leading tier word ("Kabupaten", "Kota",
"Kec.", "Desa") narrows the level; without an exact match, names one edit away (a letter
missing, added, changed, or two swapped) are offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.registry import regions
from generator.registry.names import name_key

LEVELS = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
_TIER = {
    "provinsi": (1, None),
    "prov": (1, None),
    "kabupaten": (2, "kabupaten"),
    "kab": (2, "kabupaten"),
    "kota": (2, "kota"),
    "kecamatan": (3, None),
    "kec": (3, None),
    "distrik": (3, None),
    "desa": (4, "desa"),
    "ds": (4, "desa"),
    "kelurahan": (4, "kelurahan"),
    "kel": (4, "kelurahan"),
}


@dataclass(frozen=True)
class Place:
    code: str
    name: str  # official: "Kabupaten Pacitan", "Donorojo"
    level: str  # "kecamatan"

    @property
    def label(self) -> str:
        """'Desa Tobo', 'Kecamatan Jati', 'Kabupaten Blora', 'Provinsi Jawa Tengah'."""
        depth = regions.depth(self.code)
        if depth == 1:
            return f"Provinsi {self.name}"
        if depth == 3:
            return f"Kecamatan {self.name}"
        if depth == 4:
            return f"{'Kelurahan' if regions.is_kelurahan_code(self.code) else 'Desa'} {self.name}"
        return self.name


def place(code: str) -> Place:
    return Place(code, regions.reference_codes()[code], LEVELS[regions.depth(code)])


def parents(code: str) -> list[Place]:
    """The places above ``code``, nearest first."""
    out = []
    while "." in code:
        code = regions.parent_code(code)
        out.append(place(code))
    return out


def path_text(code: str) -> str:
    """'Desa Tobo, Kecamatan Jati, Kabupaten Blora, Provinsi Jawa Tengah'."""
    return ", ".join(p.label for p in [place(code), *parents(code)])


@lru_cache(maxsize=1)
def _keys() -> tuple[tuple[str, str], ...]:
    return tuple((code, name_key(name)) for code, name in regions.reference_codes().items())


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one edit (Damerau: a swap of neighbours counts one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def _wanted(query: str) -> tuple[int | None, str | None]:
    words = re.sub(r"[^a-z0-9]+", " ", query.casefold()).split()
    if len(words) > 1 and words[0] in _TIER:
        return _TIER[words[0]]
    return None, None


def _fits(code: str, depth: int | None, kind: str | None, max_depth: int) -> bool:
    level = regions.depth(code)
    if level > max_depth or (depth is not None and level != depth):
        return False
    if kind is None:
        return True
    name = regions.reference_codes()[code]
    if level == 2:
        return regions.region_kind(code, name) == kind
    return (kind == "kelurahan") == regions.is_kelurahan_code(code)


def search(query: str, max_depth: int = 4, within: str | None = None) -> tuple[list[Place], bool]:
    """Places named ``query`` (exact key), else those one edit away; and whether exact.

    ``within`` limits the search to one code's subtree ("33.16")."""
    key = name_key(query)
    if not key:
        return [], True
    depth, kind = _wanted(query)
    pool = [
        (code, k)
        for code, k in _keys()
        if (within is None or code == within or code.startswith(within + "."))
        and _fits(code, depth, kind, max_depth)
    ]
    exact = [code for code, k in pool if k == key]
    if exact:
        return [place(c) for c in exact], True
    if len(key) < 4:  # "a" is one edit from hundreds of names
        return [], False
    near = [code for code, k in pool if _one_edit(k, key)]
    return [place(c) for c in near], False
