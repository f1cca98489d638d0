"""Figures computed from the directory: coverage of official accounts per level and platform,
measured against the official Kepmendagri list of the region's units, and the registry's
completeness (which official units are not registered yet)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from generator.registry import regions
from generator.registry.models import Agency, Directory, Level, Platform

SOCIAL = [
    Platform.INSTAGRAM,
    Platform.FACEBOOK,
    Platform.X,
    Platform.YOUTUBE,
    Platform.TIKTOK,
    Platform.THREADS,
]


@dataclass(frozen=True)
class Share:
    """``count`` of ``total`` agencies; the percentage is derived, never stored."""

    count: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0


# Which depth of Kepmendagri code each level counts, by the depth of the region's own code:
# a province counts its regencies and cities, a regency or city its kecamatan and villages.
# A national site (depth 0) counts the 514 regencies and cities, as a province counts its own:
# what is missing stays a list of tens of names, not of 83,762 villages.
OFFICIAL_LEVELS = {
    0: {2: Level.DAERAH},
    1: {2: Level.DAERAH},
    2: {3: Level.KECAMATAN, 4: Level.DESA},
}
LEVEL_NOUNS = {
    Level.DAERAH: "kabupaten/kota",
    Level.KECAMATAN: "kecamatan",
    Level.DESA: "desa/kelurahan",
    Level.OPD: "perangkat daerah",
}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # official Kepmendagri name


@dataclass(frozen=True)
class MissingGroup:
    """Official units under one parent (a kecamatan, or the region itself) not registered."""

    parent: Unit
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class LevelCompleteness:
    level: Level
    registered: int
    official: int
    missing: tuple[MissingGroup, ...]

    @property
    def complete(self) -> bool:
        return self.registered == self.official


def official_units(codes: dict[str, str], region_code: str) -> dict[str, str]:
    """The region's own units that coverage counts, code -> official name."""
    depths = OFFICIAL_LEVELS.get(regions.depth(region_code), {})
    return {
        c: n
        for c, n in codes.items()
        if c != region_code and regions.within(c, region_code) and regions.depth(c) in depths
    }


def region_units(region_code: str, extra: dict[str, str]) -> dict[str, str]:
    """:func:`official_units` over the Kepmendagri list and region.yml's extra codes; a copy
    the caller may keep."""
    return dict(_region_units(region_code, tuple(sorted(extra.items()))))


# A scan of all 91,561 Kepmendagri codes, twice a check: kept for ``kanal serve``'s next one.
@lru_cache(maxsize=4)
def _region_units(region_code: str, extra: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return official_units({**regions.reference_codes(), **dict(extra)}, region_code)


def completeness(
    region_code: str, official: dict[str, str], names: dict[str, str], registered: Iterable[str]
) -> list[LevelCompleteness]:
    """Per counted level, how many official units are registered and which are missing,
    grouped by parent. ``names`` gives the names of parents (the region, kecamatan)."""
    depths = OFFICIAL_LEVELS.get(regions.depth(region_code), {})
    have = set(registered)
    out = []
    for depth, level in depths.items():
        codes = sorted(c for c in official if regions.depth(c) == depth)
        groups: dict[str, list[Unit]] = {}
        for code in codes:
            if code not in have:
                groups.setdefault(regions.parent_code(code), []).append(Unit(code, official[code]))
        missing = tuple(
            MissingGroup(Unit(p, names.get(p) or official.get(p, p)), tuple(units))
            for p, units in groups.items()
        )
        out.append(
            LevelCompleteness(level, sum(1 for c in codes if c in have), len(codes), missing)
        )
    return out


def directory_completeness(directory: Directory) -> list[LevelCompleteness]:
    registered = [a.region_code for a in directory.agencies.values() if a.region_code]
    names = {**directory.official, **directory.region_names}
    return completeness(directory.region.code, directory.official, names, registered)


@dataclass(frozen=True)
class LevelCoverage:
    level: Level
    total: int
    any_active: Share
    per_platform: dict[Platform, Share]
    without: list[Agency]  # agencies with no active official social-media account
    posting_30: Share | None = None  # agencies with a post in the last 30 days (post history)
    # Set when ``total`` is the official Kepmendagri count rather than the registered agencies.
    registry: LevelCompleteness | None = None

    @property
    def registered(self) -> int:
        return self.registry.registered if self.registry else self.total


def level_coverage(
    directory: Directory,
    level: Level,
    posting_30: set[str] | None = None,
    registry: LevelCompleteness | None = None,
) -> LevelCoverage:
    """Share of the level's agencies with at least one active social-media account, overall
    and per platform (websites get their own row but do not count as social media).
    With ``registry`` the denominator is the official count: an unregistered unit counts as
    one without an account."""
    members = directory.by_level(level)
    total = registry.official if registry else len(members)
    per_platform = {p: 0 for p in Platform}
    without: list[Agency] = []
    for agency in members:
        if not agency.active_social:
            without.append(agency)
        for p in {a.platform for a in agency.active_accounts}:
            per_platform[p] += 1
    # A website row too when no agency of the level has one ("0 dari n" says so).
    shown = [p for p in Platform if p in SOCIAL or p is Platform.WEBSITE or per_platform[p]]
    return LevelCoverage(
        level=level,
        total=total,
        any_active=Share(len(members) - len(without), total),
        per_platform={p: Share(per_platform[p], total) for p in shown},
        without=without,
        posting_30=(
            Share(sum(1 for a in members if a.id in posting_30), total)
            if posting_30 is not None
            else None
        ),
        registry=registry,
    )


def coverage(directory: Directory, posting_30: set[str] | None = None) -> list[LevelCoverage]:
    """Coverage for every level that has at least one agency, from the top tier down.
    ``posting_30``: ids of agencies that posted in the last 30 days, when a history exists."""
    registry = {c.level: c for c in directory_completeness(directory)}
    return [
        c
        for level in Level
        if (c := level_coverage(directory, level, posting_30, registry.get(level))).total
    ]


def incomplete(coverage_list: list[LevelCoverage]) -> list[LevelCoverage]:
    """The levels whose registry lacks official units, for the 'registry incomplete' note."""
    return [c for c in coverage_list if c.registry and not c.registry.complete]
