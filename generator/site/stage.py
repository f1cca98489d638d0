"""The render stage, top to bottom: the docs folder MkDocs builds, from computed figures.

Core pages come from :class:`generator.site.pages.Renderer`; each feature package adds its own
pages and agency sections (posting activity, complaint figures, the province view); the finder
index and the open-data manifest come last. The feature renderers import ``generator.site.pages``
and nothing imports this module but the build, so no module imports another in a circle.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.build.compute import SiteFigures, compute
from generator.build.worker import forked_result
from generator.complaints.render import (
    DATA_DIR,
    render_complaint_pages,
    render_complaint_sections,
    write_complaint_data,
)
from generator.feeds.opendata import write_post_data
from generator.feeds.render import render_activity
from generator.opendata import manifest as mf
from generator.opendata.catalog import CatalogInfo, rewrite_catalogs
from generator.opendata.changes import history_tables
from generator.opendata.resources import add_resources
from generator.province.render import (
    add_members_to_index,
    publish_province_tables,
    render_province,
)
from generator.registry.models import SOCIAL_PLATFORMS, AccountStatus, Directory
from generator.safeinput.files import copy_tree
from generator.site import shards
from generator.site.history import render_history
from generator.site.memo import RenderMemo
from generator.site.pages import (
    FINDER_FILE,
    PageRef,
    Renderer,
    finder_index,
    write_finder_files,
)
from generator.site.posters import FinderJob, PosterRun, render_posters, spawned_posters
from generator.site.wellknown import (
    official_document,
    render_factcheck_page,
    write_well_known,
)

if TYPE_CHECKING:
    from generator.complaints.figures import Figures
    from generator.complaints.load import ComplaintData
    from generator.complaints.opendatajob import OpenDataJob
    from generator.feeds.activity import History
    from generator.finder.knowledge import Concept


@dataclass
class Later:
    """What a build lets run on past the pages: the posters' process, whose files reach the site
    past MkDocs (generator.build.sitefiles). Started in the check stage (pipeline.Staged) at
    the idle scheduling class, it takes the CPU the build leaves until MkDocs ends, when the
    build waits for it. Where the build would wait before (for the complaint open data), it
    renders posters itself (:meth:`help`). Closing ``stack`` before :meth:`wait` (a build
    that failed) kills the process."""

    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    runs: list[PosterRun] = field(default_factory=list)
    finder: bool = False  # the finder's files are the process's too (start_posters)

    def start_posters(
        self, directory: Directory, folder: Path, concepts: tuple[Concept, ...] | None = None
    ) -> None:
        """Write every poster into ``folder`` in a process of its own, from now on; with
        ``concepts`` (the region's thesaurus), the finder's files too (its index, whole or in
        shards, and finder.json: a national directory's 6.7 s of CPU, off the build's path):
        the directory's own rows, so not for a province whose finder adds its members'."""
        job = None
        if concepts is not None:
            job = FinderJob(finder_index(directory), concepts, shards.WHOLE_BUDGET)
        self.runs.append(self.stack.enter_context(spawned_posters(directory, folder, job)))
        self.finder = job is not None

    def finder_written(self) -> None:
        """Return once the finder's files are written (:meth:`PosterRun.finder`)."""
        for run in self.runs:
            run.finder()

    def help(self) -> bool:
        """Do a little of what runs on (a block of posters); False when nothing is left."""
        return any(run.help() for run in self.runs)

    def wait(self) -> None:
        for run in self.runs:
            run.wait()
        self.runs.clear()


@dataclass
class LaterData:
    """``kanal serve``: the open data written after the pages, so that an edited page shows
    in the preview before a province's hundreds of megabytes of records are written again
    (they are a function of the whole directory: any edit changes ``kanal.sqlite``).

    The first build writes everything and notes the complaint open data's file names, which
    its pages name; a later round renders the pages with those names and leaves ``data/`` as
    it was. :attr:`write` is then set: called with a new, empty folder, it writes this round's
    ``data/`` there (the files in :attr:`own`, which the pages wrote under ``data/``, copied
    into it first) and returns the file names. generator.build.incremental runs it after the
    pages and replaces ``data/`` with the result; if the names differ, it builds again."""

    names: list[str] | None = None  # the complaint open data's file names, as last written
    write: Callable[[Path], list[str]] | None = None  # this round's data/, when put off
    own: list[str] = field(default_factory=list)  # files under data/ the pages wrote


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
    "data.json",  # the DCAT-US catalogue harvesters look for at the site root
    "provinsi",
    "riwayat",
    "poster",
    "pemeriksa-fakta",
    ".well-known",
    # The finder's files; a build moves them into the site after MkDocs (build.sitefiles).
    shards.INDEX_FILE,
    shards.SHARD_FOLDER,
    FINDER_FILE,
)


def write_docs(
    directory: Directory,
    content: Path,
    docs: Path,
    figures: SiteFigures | None = None,
    complaints: ComplaintData | None = None,
    posts: History | None = None,
    memo: RenderMemo | None = None,
    files: Path | None = None,
    later: Later | None = None,
    open_data: OpenDataJob | None = None,
    later_data: LaterData | None = None,
) -> list[PageRef]:
    """Fill ``docs`` with the hand-written pages and every generated page and file.

    ``figures`` come from the compute stage (generator.build.compute); None computes the registry's
    own (no post history, no complaints: the golden test). ``complaints`` are the records the
    complaint figures were computed from (their pages and open data need both). ``posts``
    is the post history whose records are published (generator.feeds.opendata).
    ``memo`` (``kanal serve``) links the pages whose inputs did not change from the previous
    docs folder instead of rendering them again. ``files`` is where the files that reach the
    site as they are go (posters: 91,561 in a national directory, which MkDocs would list and
    copy one by one); None puts them into ``docs``. ``later``: the caller started the posters
    (:meth:`Later.start_posters`) and waits for them; None writes them here. A build (``later``
    without ``memo``) moves ``files`` into its site after MkDocs, so the finder's index shards
    go there too (a national directory's 5,276, which MkDocs had listed and copied one by one).
    ``open_data``: the complaint open data, started by the check stage (a build); it is sent
    the registry history's tables and its files join ``data/``. ``later_data`` (``kanal
    serve``): the open data may be put off until after the pages (:class:`LaterData`).
    """
    figures = figures or compute(directory)
    if content.is_dir():
        copy_tree(content, docs)  # never through a link: content/ could point at secrets
    renderer = Renderer(directory, docs, memo)
    clash = [p for p in GENERATED_PATHS if (docs / p).exists()]
    if clash:
        raise RuntimeError(f"content/ must not contain generated paths: {', '.join(clash)}")
    poster_root = docs if files is None else files
    built = memo is None and later is not None  # kanal build: ``files`` join the site as they are
    f = figures.complaints if complaints is not None else None
    put_off = later_data is not None and later_data.names is not None
    put_off = put_off and (f is not None or posts is not None)
    if later_data is not None:
        later_data.write = None
    with contextlib.ExitStack() as stack:
        if put_off:
            assert later_data is not None and later_data.names is not None
            last_names = list(later_data.names)
            open_data_files = lambda: last_names  # noqa: E731
        elif f is not None and open_data is not None:
            open_data.send(history_tables(figures.history, figures.coverage_months))
            # Waiting for it, a build renders posters instead (Later.help).
            idle = later.help if built and later is not None else None
            open_data_files = lambda: open_data.finish(renderer.docs / DATA_DIR, idle)  # noqa: E731
        elif f is not None:
            # The complaint open data (a province's is hundreds of megabytes) is written in a
            # worker on the second core while the pages are rendered here; only the two
            # complaint pages wait for it (they name its files). Without records it holds only
            # the registry's tables: written here, after the pages, a worker copying the
            # parent's pages for them is the largest part of a national directory's memory.
            open_data_files = stack.enter_context(
                forked_result(
                    lambda: write_complaint_data(
                        directory,
                        renderer.docs / DATA_DIR,
                        f,
                        history_tables(figures.history, figures.coverage_months),
                    ),
                    "data terbuka aduan",
                    fork=len(complaints) > 0,
                )
            )
        # A national directory's 91,561 posters (a QR code each) take ~50 s of CPU: in a
        # process of their own on the second core, beside the pages; they are files of their
        # own, read by no page (generator.site.posters.spawned_posters).
        # With a memo (kanal serve) most posters are kept, not made: here, so the memo
        # learns what each was made from.
        if built:  # started by the build (check stage)
            posters = lambda: 0  # noqa: E731
        elif memo is None:
            posters = stack.enter_context(spawned_posters(directory, poster_root)).wait
        else:
            posters = lambda: render_posters(renderer, poster_root)  # noqa: E731
        render_activity(renderer, directory, figures.activity, figures.coverage)
        if f is not None:
            render_complaint_sections(renderer, complaints, f)
        if figures.members is not None:  # a province: its regencies' and cities' figures
            render_province(renderer, figures.members)
        renderer.render_all(figures.coverage)
        # Riwayat perubahan: the registry's changes from git, its feed, coverage over time.
        render_history(renderer, figures.history, figures.coverage_months, f is not None)
        official = official_document(directory)
        render_factcheck_page(renderer, official)
        write_well_known(directory, docs, official)
        # One file for a regency; in shards (generator/shards.py) when a province outgrows it.
        # A build handed them to the posters' process with the directory (Later.start_posters).
        if not (built and later is not None and later.finder):
            index = finder_index(directory)
            if figures.members is not None:  # a province's finder answers for its members too
                add_members_to_index(index, figures.members)
            save = shards.save_bytes
            if memo is not None:  # kanal serve: files whose bytes are unchanged are kept

                def save(path: Path, data: bytes) -> None:
                    memo.write_bytes(path.relative_to(docs).as_posix(), path, data)

            shard_folder = files / shards.SHARD_FOLDER if built and files is not None else None
            write_finder_files(index, figures.thesaurus, docs, save, shard_folder)
        # The post records were written by the check stage (generator.feeds.postrecords):
        # what is left (moving them, the feed table) is ~2 s of CPU for a province, done
        # here while the complaint worker still runs. A worker of its own would only copy
        # the parent's pages (115 MB more at the build's peak) for no earlier end.
        post_resources = (
            write_post_data(directory, figures.activity, posts, docs / "data")
            if posts is not None and not put_off
            else []
        )
        names = []
        if f is not None:
            names = open_data_files()
            render_complaint_pages(renderer, complaints, f, names)
        posters()
    if later_data is not None and put_off:
        data = docs / "data"
        later_data.own = sorted(
            p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()
        )
        later_data.write = lambda out: write_data(directory, figures, complaints, posts, out)
        return renderer.pages
    if later_data is not None:
        later_data.names = names
    finish_data(directory, figures, f, post_resources, docs / "data")
    return renderer.pages


def write_data(
    directory: Directory,
    figures: SiteFigures,
    complaints: ComplaintData | None,
    posts: History | None,
    out: Path,
) -> list[str]:
    """The whole ``data/`` of a build into ``out``, after its pages (:class:`LaterData`), in
    the order :func:`write_docs` writes it; returns the complaint open data's file names."""
    f = figures.complaints if complaints is not None else None
    names = []
    if f is not None:
        extra = history_tables(figures.history, figures.coverage_months)
        names = write_complaint_data(directory, out, f, extra)
    post_resources = (
        write_post_data(directory, figures.activity, posts, out) if posts is not None else []
    )
    finish_data(directory, figures, f, post_resources, out)
    return names


def finish_data(
    directory: Directory,
    figures: SiteFigures,
    f: Figures | None,
    post_resources: list[dict[str, Any]],
    data: Path,
) -> None:
    """What ``data/`` gets once the complaint open data and the post records are written:
    the post records and the province's table in its package and database, the catalogues
    listing them, and last the manifest, which hashes every file already there."""
    if post_resources:  # after the complaint open data: its datapackage.json gains them
        add_resources(data, post_resources, f"Data terbuka Kanal {directory.region.name}")
    if figures.members is not None:  # after the complaint open data: its database and package
        publish_province_tables(data)
    if f is not None and (post_resources or figures.members is not None):
        # data.json and DCAT-AP were written with the complaint open data: list the rest too.
        s = f.settings
        period = (s.period_start, s.period_end)
        info = CatalogInfo(directory.region, s.config.licence, directory.today, period)
        rewrite_catalogs(info, data)
    site_manifest(directory, figures, data)


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
        # One unit, the agency by its social-media accounts (Activity.posting_30).
        monitored = [
            agency
            for agency in activity.agencies.values()
            if any(
                a.account.status is AccountStatus.ACTIVE
                and a.account.platform in SOCIAL_PLATFORMS
                and (a.account.feed or a.posts)
                for a in agency.accounts
            )
        ]
        summary = mf.ActivitySummary(
            agencies_monitored=len(monitored),
            agencies_posting_30=sum(
                c.posting_30.count for c in figures.coverage if c.posting_30 is not None
            ),
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
