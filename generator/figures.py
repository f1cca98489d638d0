"""Figures computed from the directory: coverage of official accounts per level and platform."""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import Agency, Directory, Level, Platform

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


@dataclass(frozen=True)
class LevelCoverage:
    level: Level
    total: int
    any_active: Share
    per_platform: dict[Platform, Share]
    without: list[Agency]  # agencies with no active official social-media account
    posting_30: Share | None = None  # agencies with a post in the last 30 days (post history)


def level_coverage(
    directory: Directory, level: Level, posting_30: set[str] | None = None
) -> LevelCoverage:
    """Share of the level's agencies with at least one active social-media account, overall
    and per platform (websites get their own row but do not count as social media)."""
    members = directory.by_level(level)
    total = len(members)
    per_platform = {p: 0 for p in Platform}
    without: list[Agency] = []
    for agency in members:
        if not agency.active_social:
            without.append(agency)
        for p in {a.platform for a in agency.active_accounts}:
            per_platform[p] += 1
    shown = [p for p in Platform if p in SOCIAL or per_platform[p]]
    return LevelCoverage(
        level=level,
        total=total,
        any_active=Share(total - len(without), total),
        per_platform={p: Share(per_platform[p], total) for p in shown},
        without=without,
        posting_30=(
            Share(sum(1 for a in members if a.id in posting_30), total)
            if posting_30 is not None
            else None
        ),
    )


def coverage(directory: Directory, posting_30: set[str] | None = None) -> list[LevelCoverage]:
    """Coverage for every level that has at least one agency, from the top tier down.
    ``posting_30``: ids of agencies that posted in the last 30 days, when a history exists."""
    return [c for level in Level if (c := level_coverage(directory, level, posting_30)).total]


def official_counts(directory: Directory) -> dict[Level, int]:
    """How many units the official list has per level (placeholder until completeness lands)."""
    return {}
