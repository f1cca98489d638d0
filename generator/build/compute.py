"""The compute stage: every figure of a site as plain data, before any page exists.

``build()`` reads load → validate → **compute** → render → publish. Renderers take these
figures and compute none of their own, so the pages, the open data, the manifest
(``data/kanal.json``), ``kanal diff`` and the province view all read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.complaints.figures import Figures, compute_data
from generator.feeds import activity as act
from generator.registry import coverage as fig
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
    thesaurus: tuple[Concept, ...] = ()  # the region's own finder concepts (data/thesaurus.yml)


def compute(
    directory: Directory,
    history: act.History | None = None,
    complaints: ComplaintData | None = None,
    members: list[MemberResult] | None = None,
    thesaurus: tuple[Concept, ...] = (),
) -> SiteFigures:
    """Coverage, completeness, posting activity and complaint figures of one site."""
    history = history or act.History({}, {})
    activity = act.compute(directory, history.posts, history.status)
    posting = activity.posting_30() if activity.has_history else None
    return SiteFigures(
        coverage=fig.coverage(directory, posting),
        activity=activity,
        complaints=compute_data(complaints, directory.today) if complaints is not None else None,
        members=members,
        thesaurus=thesaurus,
    )
