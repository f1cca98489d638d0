"""Long lists of agencies split by place, so that Cakupan and Direktori stop growing with them.

A regency's list of units without an account (tens of names) stays on its page. A longer one
is grouped by the place the units lie in: by regency/city on a province's site (the first two
parts of the Kepmendagri code), else by kecamatan (the unit's parent). The page shows one line
per group, and each group's names are on a page of their own (``cakupan/<level>/<group>/``),
fetched only when a reader opens it. On Jawa Tengah the flat list of 2,508 villages was 421 KB
of HTML on ``cakupan/``; at 91,000 agencies 4 MB.

A national site has 514 regencies and cities: one more step, by province (``by_province``),
keeps the page at 38 lines whatever the number of agencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.registry import coverage as fig
from generator.registry.models import Agency, Directory, Level

INLINE_LIMIT = 60  # a list this short stays on the page itself


@dataclass(frozen=True)
class PlaceGroup:
    """Agencies of one place (province, regency/city or kecamatan), by name."""

    key: str  # URL-safe: a code with dashes ("33-01") or the kecamatan's agency id
    name: str
    agencies: tuple[Agency, ...]

    @property
    def count(self) -> int:
        return len(self.agencies)


@dataclass(frozen=True)
class ProvinceGroup:
    """The place groups (regencies/cities) of one province, on a national site."""

    key: str  # the province's code ("33"), or "lainnya"
    name: str
    places: tuple[PlaceGroup, ...]

    @property
    def count(self) -> int:
        return sum(p.count for p in self.places)


def _code_prefix(agency: Agency, parts: int) -> str | None:
    """The first ``parts`` parts of the agency's code (1: its province, 2: its regency)."""
    code = agency.region_code or ""
    split = code.split(".")
    return ".".join(split[:parts]) if code and len(split) >= parts else None


def _place_name(directory: Directory, code: str) -> str:
    return directory.region_names.get(code) or directory.official.get(code, code)


def group_by_place(
    directory: Directory, agencies: list[Agency], parts: int | None = None
) -> list[PlaceGroup]:
    """``agencies`` grouped by regency/city (a province's or the nation's site) or by kecamatan
    (a regency's), groups by name; agencies with no such place go into one group "Lainnya" at
    the end. ``parts`` 1 or 2 groups by province or regency/city whatever the site."""
    if parts is None and "." not in directory.region.code:
        parts = 2
    groups: dict[str, list[Agency]] = {}
    names: dict[str, str] = {}
    for agency in agencies:
        key = name = None
        if parts:
            code = _code_prefix(agency, parts)
            if code:
                key, name = code.replace(".", "-"), _place_name(directory, code)
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


def _province_name(directory: Directory, key: str) -> str:
    return "Lainnya" if key == "lainnya" else _place_name(directory, key)


def by_province(directory: Directory, places: list[PlaceGroup]) -> list[ProvinceGroup]:
    """Regency/city groups (keys "33-01") by their province, provinces by name; "Lainnya" last."""
    groups: dict[str, list[PlaceGroup]] = {}
    for place in places:
        code = place.key.split("-")[0]
        groups.setdefault(code if code.isdigit() else "lainnya", []).append(place)
    names = {k: _province_name(directory, k) for k in groups}
    ordered = sorted(groups, key=lambda k: (k == "lainnya", names[k].casefold(), k))
    return [ProvinceGroup(k, names[k], tuple(groups[k])) for k in ordered]


@dataclass(frozen=True)
class GroupPage:
    """One bulk page of a group, for the renderer to write (``url`` "direktori/33-01/")."""

    url: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)


def villages(directory: Directory, agency: Agency) -> list[Agency]:
    """An agency's villages by name (only districts have any)."""
    found = [directory.agencies[c] for c in agency.children]
    return sorted((a for a in found if a.level is Level.DESA), key=lambda a: a.name.casefold())


def by_parent(
    directory: Directory, agencies: list[Agency]
) -> list[tuple[Agency | None, list[Agency]]]:
    """Villages by their kecamatan (by name), for a group page of Cakupan."""
    found: dict[str, list[Agency]] = {}
    for a in agencies:
        found.setdefault(a.parent or "", []).append(a)
    parents = sorted(
        found,
        key=lambda p: (
            directory.agencies[p].name.casefold() if p in directory.agencies else "~",
            p,
        ),
    )
    return [(directory.agencies.get(p), found[p]) for p in parents]


def directory_places(
    directory: Directory, districts: list[Agency], regencies: list[Agency]
) -> tuple[dict[str, Any], list[GroupPage]]:
    """The Direktori's kecamatan (and on a national site its regencies and cities): the main
    page's context and the group pages. A regency's kecamatan stay on the page; past
    INLINE_LIMIT one page per regency/city (``direktori/33-01/``); on a national site also one
    page per province (``direktori/33/``) with its regencies and cities, listed on the page."""
    national = directory.region.national
    if len(districts) <= INLINE_LIMIT and not national:
        ordered = sorted(districts, key=lambda a: a.name.casefold())
        context = {
            "districts": ordered,
            "villages_of": {k.id: villages(directory, k) for k in ordered},
            "district_groups": [],
            "provinces": [],
        }
        return context, []
    places = group_by_place(directory, districts, parts=2 if national else None)
    pages = [
        GroupPage(
            f"direktori/{g.key}/",
            "directory_group.html.j2",
            f"Kecamatan di {g.name}",
            f"Kecamatan di {g.name} dan desa/kelurahannya beserta akun resminya.",
            {"group": g, "villages_of": {k.id: villages(directory, k) for k in g.agencies}},
        )
        for g in places
    ]
    provinces: list[tuple[ProvinceGroup, tuple[Agency, ...]]] = []
    if national:
        # One page per province: its regencies and cities, and the places of its kecamatan.
        own = {p.key: p.agencies for p in group_by_place(directory, regencies, parts=1)}
        kecamatan = {p.key: p for p in by_province(directory, places)}
        for key in set(own) | set(kecamatan):
            group = kecamatan.get(key) or ProvinceGroup(key, _province_name(directory, key), ())
            provinces.append((group, own.get(key, ())))
        provinces.sort(key=lambda p: (p[0].key == "lainnya", p[0].name.casefold(), p[0].key))
        pages += [
            GroupPage(
                f"direktori/{p.key}/",
                "directory_province.html.j2",
                p.name,
                f"Kabupaten/kota dan kecamatan di {p.name} beserta akun resminya.",
                {"province": p, "regencies": regencies_of},
            )
            for p, regencies_of in provinces
        ]
    context = {
        "districts": districts,
        "villages_of": {},
        "district_groups": [] if national else places,
        "provinces": provinces,
    }
    return context, pages


def coverage_places(
    directory: Directory, coverage: list[fig.LevelCoverage]
) -> tuple[dict[Level, list[PlaceGroup] | list[ProvinceGroup]], list[GroupPage]]:
    """Each level's units without an account, by place, when too many to list on
    ``cakupan/``: one page per group ``cakupan/<level>/<group>/``; on a national site the
    groups are provinces (``cakupan/<level>/33/``), each listing its regencies' pages."""
    national = directory.region.national
    found: dict[Level, list[PlaceGroup] | list[ProvinceGroup]] = {}
    pages: list[GroupPage] = []
    for c in coverage:
        if len(c.without) <= INLINE_LIMIT:
            continue
        noun = fig.LEVEL_NOUNS[c.level]
        # A national site's regencies and cities are listed by province directly.
        parts = 1 if national and c.level is Level.DAERAH else 2 if national else None
        places = group_by_place(directory, list(c.without), parts=parts)
        for g in places:
            pages.append(
                GroupPage(
                    f"cakupan/{c.level.value}/{g.key}/",
                    "coverage_group.html.j2",
                    f"Belum punya akun: {noun} di {g.name}",
                    f"{noun.capitalize()} di {g.name} yang belum memiliki akun media sosial resmi aktif.",
                    {
                        "level": c.level,
                        "group": g,
                        "subgroups": (
                            by_parent(directory, list(g.agencies))
                            if c.level is Level.DESA
                            else [(None, list(g.agencies))]
                        ),
                    },
                )
            )
        if not national or parts == 1:
            found[c.level] = places
            continue
        provinces = by_province(directory, places)
        found[c.level] = provinces
        for p in provinces:
            pages.append(
                GroupPage(
                    f"cakupan/{c.level.value}/{p.key}/",
                    "coverage_province.html.j2",
                    f"Belum punya akun: {noun} di {p.name}",
                    f"{noun.capitalize()} di {p.name} yang belum memiliki akun media sosial resmi aktif, per kabupaten/kota.",
                    {"level": c.level, "province": p},
                )
            )
    return found, pages
