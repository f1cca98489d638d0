"""The compute stage: every figure of a site as plain data, before any page exists.

``build()`` reads load → validate → **compute** → render → publish. Renderers take these
figures and compute none of their own, so the pages, the open data, the manifest
(``data/kanal.json``), ``kanal diff`` and the province view all read the same numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.complaints.figures import Figures, compute_data
from generator.feeds import activity as act
from generator.registry import coverage as fig
from generator.registry.history import WHY_NOT_YET, MonthCoverage, RegistryHistory
from generator.registry.models import Directory

if TYPE_CHECKING:
    from generator.complaints.load import ComplaintData
    from generator.finder.knowledge import Concept
    from generator.province.collect import MemberResult


@dataclass
class SiteFigures:
    """Everything a site shows, computed once."""

    coverage: list[fig.LevelCoverage]  # per level, against the official counts where known
    activity: act.Activity  # posting activity (an empty history gives an empty Activity)
    complaints: Figures | None  # None: the site has no complaint pages (golden test)
    members: list[MemberResult] | None = None  # a province: its members' verified figures
    history: RegistryHistory | None = None  # registry changes from git (None: not read)
    coverage_months: list[MonthCoverage] = field(default_factory=list)  # coverage over time
    thesaurus: tuple[Concept, ...] = ()  # the region's own finder concepts (data/thesaurus.yml)


def compute(
    directory: Directory,
    history: act.History | None = None,
    complaints: ComplaintData | None = None,
    members: list[MemberResult] | None = None,
    registry_history: RegistryHistory | None = None,
    thesaurus: tuple[Concept, ...] = (),
    complaint_figures: Figures | None = None,
    kept_activity: dict[str, Any] | None = None,
) -> SiteFigures:
    """Coverage, completeness, posting activity and complaint figures of one site.
    ``complaint_figures``: those of ``complaints`` when computed already (the build's check
    stage computes them while its worker reads the posts). ``kept_activity``: each agency's
    posting activity of the last call (``kanal serve``; generator.feeds.activity.compute)."""
    history = history or act.History({}, {})
    if complaint_figures is None and complaints is not None:
        complaint_figures = compute_data(complaints, directory.today)
    activity = act.compute(directory, history.posts, history.status, kept_activity)
    posting = activity.posting_30() if activity.has_history else None
    coverage = fig.coverage(directory, posting)
    registry_history = as_of(registry_history, directory.today)
    return SiteFigures(
        coverage=coverage,
        activity=activity,
        complaints=complaint_figures,
        members=members,
        history=registry_history,
        coverage_months=coverage_over_time(registry_history, coverage, directory.today),
        thesaurus=thesaurus,
    )


def as_of(history: RegistryHistory | None, today: dt.date) -> RegistryHistory | None:
    """The history up to the build's date: a build as of a past day lists no later commit."""
    if history is None or not history.available:
        return history
    times = [t for t in history.commit_times if t.date() <= today]
    if not times:
        return RegistryHistory(False, WHY_NOT_YET)
    now = f"{today.year:04d}-{today.month:02d}"
    return dataclasses.replace(
        history,
        changes=[c for c in history.changes if c.when.date() <= today],
        months=[m for m in history.months if m.month <= now],
        commits=len(times),
        since=times[0],
        commit_times=times,
    )


def coverage_over_time(
    history: RegistryHistory | None, coverage: list[fig.LevelCoverage], today: dt.date
) -> list[MonthCoverage]:
    """Monthly coverage against today's official Kepmendagri counts, for the levels that have
    one: each past month as its last commit left the registry, the current month as this
    build's own figures (so the chart ends where the coverage page stands)."""
    if history is None or not history.available:
        return []
    now = f"{today.year:04d}-{today.month:02d}"
    official = [c for c in coverage if c.registry is not None]
    rows = [
        MonthCoverage(m.month, c.level, min(m.with_account.get(c.level, 0), c.total), c.total)
        for m in history.months
        if m.month < now
        for c in official
    ]
    rows += [MonthCoverage(now, c.level, c.any_active.count, c.total) for c in official]
    return rows
