"""Long lists of agencies split by place, so that Cakupan and Direktori stop growing with them.

A regency's list of units without an account (tens of names) stays on its page. A longer one
is grouped by the place the units lie in: by regency/city on a province's site (the first two
parts of the Kepmendagri code), else by kecamatan (the unit's parent). The page shows one line
per group, and each group's names are on a page of their own (``cakupan/<level>/<group>/``),
fetched only when a reader opens it. On Jawa Tengah the flat list of 2,508 villages was 421 KB
of HTML on ``cakupan/``; at 91,000 agencies 4 MB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.registry.models import Agency, Directory

INLINE_LIMIT = 60  # a list this short stays on the page itself


@dataclass(frozen=True)
class PlaceGroup:
    """Agencies of one place (regency/city or kecamatan), by name."""

    key: str  # URL-safe: a code with dashes ("33-01") or the kecamatan's agency id
    name: str
    agencies: tuple[Agency, ...]


def _regency_code(agency: Agency) -> str | None:
    code = agency.region_code or ""
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def group_by_place(directory: Directory, agencies: list[Agency]) -> list[PlaceGroup]:
    """``agencies`` grouped by regency/city (a province's site) or by kecamatan (a regency's),
    groups by name; agencies with no such place go into one group "Lainnya" at the end."""
    province = "." not in directory.region.code
    groups: dict[str, list[Agency]] = {}
    names: dict[str, str] = {}
    for agency in agencies:
        key = name = None
        if province:
            code = _regency_code(agency)
            if code:
                key, name = (
                    code.replace(".", "-"),
                    directory.region_names.get(code) or directory.official.get(code, code),
                )
        elif agency.parent in directory.agencies:
            key, name = agency.parent, directory.agencies[agency.parent].name
        if key is None or not re.fullmatch(r"[a-z0-9-]+", key):
            key, name = "lainnya", "Lainnya"
        groups.setdefault(key, []).append(agency)
        names[key] = name or key
    ordered = sorted(groups, key=lambda k: (k == "lainnya", names[k].casefold(), k))
    return [
        PlaceGroup(k, names[k], tuple(sorted(groups[k], key=lambda a: a.name.casefold())))
        for k in ordered
    ]
