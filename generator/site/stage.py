"""The render stage, top to bottom: the docs folder MkDocs builds, from computed figures.

Core pages come from :class:`generator.site.pages.Renderer`; each feature package adds its own
pages and agency sections (posting activity, complaint figures, the province view); the finder
index and the open-data manifest come last. The feature renderers import ``generator.site.pages``
and nothing imports this module but the build, so no module imports another in a circle.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.compute import SiteFigures, compute
from generator.build.worker import forked_result
from generator.complaints.render import (
    render_complaint_pages,
    render_complaint_sections,
    write_complaint_data,
)
from generator.feeds.render import render_activity
from generator.opendata import manifest as mf
from generator.province.render import add_members_to_index, render_province
from generator.registry.models import AccountStatus, Directory
from generator.safeinput.files import copy_tree
from generator.site import shards
from generator.site.pages import PageRef, Renderer, finder_index, finder_json, write_json

if TYPE_CHECKING:
    from generator.complaints.load import ComplaintData


# Top-level names the generator writes into the docs folder; content/ may not use them.
GENERATED_PATHS = (
    "index.md",
    "direktori",
    "cakupan",
    "instansi",
    "cek-akun",
    "pantauan",
    "aduan",
    "data",
    "provinsi",
)


def write_docs(
    directory: Directory,
    content: Path,
    docs: Path,
    figures: SiteFigures | None = None,
    complaints: ComplaintData | None = None,
) -> list[PageRef]:
    """Fill ``docs`` with the hand-written pages and every generated page and file.

    ``figures`` come from the compute stage (generator.build.compute); None computes the registry's
    own (no post history, no complaints: the golden test). ``complaints`` are the records the
    complaint figures were computed from (their pages and open data need both).
    """
    figures = figures or compute(directory)
    if content.is_dir():
        copy_tree(content, docs)  # never through a link: content/ could point at secrets
    renderer = Renderer(directory, docs)
    clash = [p for p in GENERATED_PATHS if (docs / p).exists()]
    if clash:
        raise RuntimeError(f"content/ must not contain generated paths: {', '.join(clash)}")
    f = figures.complaints if complaints is not None else None
    with contextlib.ExitStack() as stack:
        if f is not None:
            # The complaint open data (a province's is hundreds of megabytes) is written in a
            # worker on the second core while the pages are rendered here; only the two
            # complaint pages wait for it (they name its files).
            open_data = stack.enter_context(
                forked_result(lambda: write_complaint_data(renderer, f), "data terbuka aduan")
            )
        render_activity(renderer, directory, figures.activity)
        if f is not None:
            render_complaint_sections(renderer, complaints, f)
        if figures.members is not None:  # a province: its regencies' and cities' figures
            render_province(renderer, figures.members)
        renderer.render_all(figures.coverage)
        # One file for a regency; in shards (generator/shards.py) when a province outgrows it.
        index = finder_index(directory)
        if figures.members is not None:  # a province's finder answers for its members too
            add_members_to_index(index, figures.members)
        knowledge = finder_json(index, figures.thesaurus)  # before shards: rows are moved
        shards.write(index, docs / "assets" / "kanal" / "indeks.json")
        write_json(docs / "assets" / "kanal" / "finder.json", knowledge)
        if f is not None:
            render_complaint_pages(renderer, complaints, f, open_data())
    # Last: the manifest hashes every file already written under data/.
    site_manifest(directory, figures, docs / "data")
    return renderer.pages


def site_manifest(directory: Directory, figures: SiteFigures, data_dir: Path) -> Path:
    """Write ``data/kanal.json`` (generator.opendata.manifest) from the figures of this build."""
    counts = [
        mf.LevelCount(
            level=c.level.value,
            registered=c.registered,
            official=c.registry.official if c.registry else None,
            with_active_account=c.any_active.count,
            posting_30=c.posting_30.count if c.posting_30 is not None else None,
        )
        for c in figures.coverage
    ]
    summary = None
    activity = figures.activity
    if activity.has_history:
        monitored = [
            a
            for agency in activity.agencies.values()
            for a in agency.accounts
            if a.account.status is AccountStatus.ACTIVE and (a.account.feed or a.posts)
        ]
        summary = mf.ActivitySummary(
            accounts_monitored=len(monitored),
            accounts_posting_30=sum(1 for a in monitored if a.stats.posts_30),
        )
    manifest = mf.build_manifest(
        directory,
        counts,
        data_dir,
        complaints=(
            mf.complaint_summary(figures.complaints.overall)
            if figures.complaints is not None
            else None
        ),
        activity=summary,
    )
    return mf.write_manifest(manifest, data_dir)
