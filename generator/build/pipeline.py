"""The whole build, top to bottom: load, validate, compute, render, MkDocs, publish.

Nothing is written until every input is loaded and valid, and the previous site is only
replaced once the new one is complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from generator.build.dates import pinned_epoch
from generator.build.docslock import PRIVATE_PREFIX, docs_folder
from generator.build.inputcache import InputCache
from generator.build.project import Project
from generator.build.swap import (
    BuildError,
    clean_leftovers,
    publish,
    replace_docs,
    sync_tree,
)
from generator.build.worker import forked_result, release_free_memory
from generator.complaints.load import ComplaintData, load_complaints
from generator.feeds.activity import POSTS_DIR, History, load_history
from generator.feeds.csvposts import check_csv_posts
from generator.finder.knowledge import Concept, load_region
from generator.registry.history import RegistryHistory, read_history
from generator.registry.models import CHANNEL_LABELS, Directory, Publisher
from generator.registry.validate import load_directory
from generator.safeinput.files import check_tree, copy_tree
from generator.safeinput.problems import InvalidData, Location, Problems, display_path

if TYPE_CHECKING:
    # The site, the figures and the province are imported where a build uses them: `kanal
    # check` (every pull request) needs none of them (0.3 s of CPU to import).
    from generator.build.compute import SiteFigures
    from generator.complaints.figures import Figures
    from generator.complaints.opendatajob import OpenDataJob
    from generator.province.collect import MemberResult
    from generator.site.memo import RenderMemo
    from generator.site.pages import PageRef
    from generator.site.stage import Later, LaterData


@dataclass
class BuildResult:
    directory: Directory
    pages: list[PageRef]
    warnings: list
    seconds: float
    notes: list[str] = field(default_factory=list)  # one line each, e.g. no git history


@dataclass
class Inputs:
    """Everything a build reads from ``data/``, validated. Feature data joins the directory here."""

    directory: Directory
    history: History | None = None  # the stored post history (data/posts/)
    complaints: ComplaintData | None = None  # complaint records (data/complaints/)
    # A province: its regencies' and cities' published data, read by `kanal province`.
    members: list[MemberResult] | None = None
    registry_history: RegistryHistory | None = None  # changes from the data's git history
    thesaurus: tuple[Concept, ...] = ()  # data/thesaurus.yml: the region's finder concepts
    # The complaint figures, when the check computed them already (a build: see check()).
    complaint_figures: Figures | None = None


def check(
    data: Path,
    today: dt.date | None,
    strict: bool = False,
    registry_history: bool = False,
    cache: InputCache | None = None,
    records: Path | None = None,
    open_data: OpenDataJob | None = None,
    directory_ready: Callable[[Directory, tuple[Concept, ...]], None] | None = None,
) -> tuple[Inputs | None, Problems]:
    """Load and validate every input; nothing is published. None when anything failed.
    ``registry_history``: also read the registry's changes from git (a build; not a check).
    ``cache``: what was read and checked by the previous call and is unchanged (``kanal serve``).
    ``records``: a private folder where the post records are written as the posts are read
    (a build; the caller removes it). ``open_data``: started once the complaint records are
    valid (a build; generator.complaints.opendatajob), the caller closes it.
    ``directory_ready``: called with the directory and the region's thesaurus once both are
    valid, before the records are read (a build starts its posters there)."""
    problems = Problems()
    complaint_figures = None
    directory = load_directory(data, today, problems, cache.registry if cache else None, True)
    # The region's thesaurus needs no registry: its problems show with the registry's.
    thesaurus = load_region(data, problems)
    if directory is None:
        return None, problems
    if problems.failed(strict):
        # The records are checked all the same, against the agencies that are well formed (a
        # partial directory when the registry has errors): one run reports every file's
        # problems, not the records' only once the registry is fixed.
        load_complaints(data, directory, problems)
        check_csv_posts(data, directory, problems)
        return None, problems
    if directory_ready is not None:
        directory_ready(directory, thesaurus)
    if cache is not None:
        history = cache.load_history(data, directory, problems)
        complaints = cache.complaints.get(
            cache.complaints_key(data, directory),
            lambda found: load_complaints(data, directory, found),
            problems,
        )
        check_csv_posts(data, directory, problems)  # kanal fetch imports them; errors show now
        changes = _history(data, directory, registry_history)[2] if registry_history else None
    else:
        # The stored history (offline) is read in a worker on the second core while the
        # complaint records are read here; its problems join the others. Without a stored
        # history there is nothing to read beside them: a worker would only copy the
        # parent's pages (a national directory's held 756 MB).
        with forked_result(
            lambda: _history(data, directory, registry_history, records),
            "riwayat unggahan",
            fork=(data / POSTS_DIR).is_dir(),
        ) as history_read:
            complaints = load_complaints(data, directory, problems)
            check_csv_posts(data, directory, problems)  # kanal fetch imports them; errors show now
            # The complaint figures need only the records: computed here while the worker
            # still reads the posts (a province's: 2.4 s of the compute stage, off the path).
            if complaints is not None and not problems.errors:
                from generator.complaints.figures import compute_data

                complaint_figures = compute_data(complaints, directory.today)
                if open_data is not None and len(complaints) > 0 and not problems.failed(strict):
                    # Beside the post worker, on the core this process leaves idle waiting
                    # for it, and through the compute stage (one core).
                    open_data.start(directory, complaint_figures)
            history, history_problems, changes = history_read()
        problems.extend(history_problems)
    if problems.failed(strict):
        return None, problems
    inputs = Inputs(
        directory,
        history=history,
        complaints=complaints,
        registry_history=changes,
        thesaurus=thesaurus,
        complaint_figures=complaint_figures,
    )
    return inputs, problems


def publishing_warnings(data: Path, directory: Directory, problems: Problems) -> None:
    """What ``kanal check`` adds once the data is valid: a real region (not the demo, which is
    served from anywhere) without ``site_url`` prints posters whose QR code has no host."""
    if not directory.region.site_url and not directory.region.demo:
        problems.warning(
            Location(display_path(data / "region.yml")),
            "site_url",
            "belum diisi: kode QR pada poster hanya memuat alamat relatif "
            "(instansi/...) dan security.txt tanpa Canonical; isi alamat publik situs ini",
        )


def _history(
    data: Path, directory: Directory, registry: bool, records: Path | None = None
) -> tuple[History, Problems, RegistryHistory | None]:
    """The post history (and its post records into ``records``), then the registry's history
    from git (local, never the network)."""
    problems = Problems()
    posts = load_history(data, directory, problems, records=records)
    if not registry:
        return posts, problems, None
    region = directory.region
    return posts, problems, read_history(data, region.timezone, region.publisher.name)


def compute_figures(inputs: Inputs, kept_activity: dict[str, Any] | None = None) -> SiteFigures:
    """The compute stage: every figure of the site, before any page is written.
    ``kept_activity``: the posting activity of the last round (``kanal serve``)."""
    from generator.build.compute import compute

    return compute(
        inputs.directory,
        inputs.history,
        inputs.complaints,
        inputs.members,
        registry_history=inputs.registry_history,
        thesaurus=inputs.thesaurus,
        complaint_figures=inputs.complaint_figures,
        kept_activity=kept_activity,
    )


def check_project(project: Project, problems: Problems) -> None:
    """Links and odd entries in content/ and theme/: they would be copied into the site."""
    for folder in (*project.content_dirs, project.config.parent / "theme"):
        check_tree(folder, problems)


def _check_overrides(folder: Path) -> None:
    """A region's own pages may not take a name the generator writes (index.md, direktori/...)."""
    from generator.site.stage import GENERATED_PATHS

    clash = [name for name in GENERATED_PATHS if (folder / name).exists()]
    if clash:
        raise BuildError(
            f"folder '{folder}' memuat {', '.join(clash)}: nama itu dibuat oleh Kanal sendiri; "
            "ganti nama berkas atau folder tersebut"
        )


def generate(
    inputs: Inputs,
    project: Project,
    figures: SiteFigures | None = None,
    memo: RenderMemo | None = None,
    files: Path | None = None,
    later: Later | None = None,
    open_data: OpenDataJob | None = None,
    later_data: LaterData | None = None,
) -> list[PageRef]:
    """Write the MkDocs sources (hand-written and generated) into the build folder: whole
    (``kanal build``: :func:`generator.build.swap.replace_docs`), or with a ``memo`` only the
    files that changed (their time tells MkDocs' dirty build what to redo).
    ``memo`` (``kanal serve``): pages whose inputs are unchanged are not rendered again.
    ``files``: where the files past MkDocs (posters, generator.build.sitefiles) are written;
    None keeps them in ``project.files`` as the docs folder is kept. ``later``: the posters may
    still be written when this returns (generator.site.stage.Later; only with ``files``).
    ``open_data``: the complaint open data, when check() started it. ``later_data`` (with a
    ``memo``): the open data may be put off until after the pages (generator.site.stage.LaterData);
    when it is, ``data/`` stays as the last round left it."""
    from generator.site.schemas import write_schemas
    from generator.site.stage import write_docs

    figures = figures or compute_figures(inputs)
    project.docs.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-", dir=project.docs.parent) as tmp:
        content = project.content
        if len(project.content_dirs) > 1:
            _check_overrides(project.content_dirs[-1])
            # Symlinks are copied as links so that the content checks still see them as links.
            content = Path(tmp) / "content"
            for folder in project.content_dirs:
                shutil.copytree(folder, content, symlinks=True, dirs_exist_ok=True)
        docs = Path(tmp) / "docs"
        docs.mkdir()
        staged = files if files is not None else Path(tmp) / "files"
        staged.mkdir(exist_ok=True)
        pages = write_docs(
            inputs.directory,
            content,
            docs,
            figures,
            complaints=inputs.complaints,
            posts=inputs.history,
            memo=memo,
            files=staged,
            later=later if files is not None else None,
            open_data=open_data if open_data is not None and open_data.started else None,
            later_data=later_data,
        )
        write_schemas(docs / "schema")
        folder_pages(docs)
        if memo is None:
            replace_docs(docs, project.docs)
        else:
            keep: Collection[str] = memo.kept
            if later_data is not None and later_data.write is not None:
                keep = memo.kept | data_files(project.docs)  # written after the pages
            memo.tree = sync_tree(docs, project.docs, keep, memo.tree)
        if files is None:
            sync_tree(staged, project.files, memo.kept_files if memo is not None else ())
        if memo is not None:
            memo.commit()
    return pages


def data_files(docs: Path) -> set[str]:
    """The open data's files in a docs folder, as paths relative to it: ``data/`` and the
    catalogue harvesters look for at the root (``data.json``)."""
    from generator.opendata.catalog import DATA_JSON

    found = {
        os.path.relpath(os.path.join(where, name), docs)
        for where, _, names in os.walk(docs / "data")
        for name in names
    }
    return found | ({DATA_JSON} if (docs / DATA_JSON).is_file() else set())


PROVINCE_NAV = {"Perbandingan kabupaten/kota": "provinsi/index.md"}


def province_nav(nav: list[Any]) -> list[Any]:
    """The base navigation with the province comparison page after the coverage page."""
    out = list(nav)
    after = next(
        (i for i, e in enumerate(out) if isinstance(e, dict) and "cakupan/index.md" in e.values()),
        len(out) - 1,
    )
    out.insert(after + 1, PROVINCE_NAV)
    return out


def publisher_extra(publisher: Publisher) -> dict[str, Any]:
    """The publisher's validated channels for the theme (footer, contact block); the theme
    escapes every value, so these are plain text."""
    from generator.site.pages import ICON_FILES

    return {
        "name": publisher.name,
        "channels": [
            {
                "type": c.type.value,
                "label": CHANNEL_LABELS[c.type],
                "display": c.display,
                "href": c.href,
                "icon": ICON_FILES[c.type.value],
            }
            for c in publisher.channels
        ],
    }


# Bulk pages out of the nav, whose raw-HTML links Kanal writes for their URL (instansi/<id>/).
FOLDER_PAGE_DIRS = ("instansi", "pantauan", "aduan/desa")


def folded(src: str) -> str:
    """Where :func:`folder_pages` puts a generated page's source (``instansi/x.md`` →
    ``instansi/x/index.md``); other pages stay where they are."""
    folder, _, name = src.rpartition("/")
    if folder in FOLDER_PAGE_DIRS and name.endswith(".md") and name != "index.md":
        return f"{folder}/{name[:-3]}/index.md"
    return src


def folder_pages(docs: Path) -> None:
    """Move ``instansi/<id>.md`` to ``instansi/<id>/index.md`` (same URL in MkDocs). Zensical
    resolves relative links in raw HTML from the source file's folder, MkDocs leaves them
    alone: with the source in the page's own folder both builders agree."""
    for name in FOLDER_PAGE_DIRS:
        for page in sorted((docs / name).glob("*.md")):
            if page.name == "index.md":
                continue
            target = page.with_suffix("") / "index.md"
            target.parent.mkdir(exist_ok=True)
            page.rename(target)


def mkdocs_overrides(
    directory: Directory, project: Project, base_extra: dict[str, Any], nav: list[Any] | None = None
) -> dict[str, Any]:
    region = directory.region
    overrides: dict[str, Any] = {
        "docs_dir": str(project.docs),
        # MkDocs renders themes without autoescape: Material prints site_name raw into <title>,
        # the header, the nav and aria-label, and through "| e" into the logo's title=. Kept
        # as Markup (already escaped, once), the raw uses get escaped text and "| e" leaves it
        # as it is; a plain escaped str would be escaped twice there ("&lt;" in the tooltip).
        "site_name": escape(f"Kanal {region.name}"),
        "extra": {
            **base_extra,
            "kanal": {
                "demo": region.demo,
                "region": region.name,
                "publisher": publisher_extra(region.publisher),
                "updated": directory.today.isoformat(),
                **_dataset_jsonld(project.docs),
            },
        },
    }
    if region.site_url:
        overrides["site_url"] = region.site_url
    settings = dict(project.settings)
    if nav is not None or "nav" in settings:  # kanal.yml adds menu entries after Kanal's own
        from generator.build.project import base_nav

        full = nav if nav is not None else base_nav(project.config)
        settings["nav"] = full + settings.get("nav", [])
    overrides.update(settings)
    return overrides


def _dataset_jsonld(docs: Path) -> dict[str, str]:
    """The schema.org Dataset the open data wrote (opendata.catalog), script-safe, for the
    theme to embed on pages asking for it (``kanal_dataset: true``: *Tentang data*)."""
    from generator.opendata.catalog import SCHEMA_ORG
    from generator.site.structured import script_json

    path = docs / "data" / SCHEMA_ORG
    if not path.is_file():
        return {}
    return {"dataset_jsonld": str(script_json(json.loads(path.read_text(encoding="utf-8"))))}


def _base_extra(project: Project) -> dict[str, Any]:
    from mkdocs.config import load_config

    # docs_dir is checked on load: point it at the build folder, which exists by now.
    config = load_config(str(project.config), docs_dir=str(project.docs))
    return dict(config.get("extra") or {})


def run_mkdocs(
    directory: Directory,
    project: Project,
    site_dir: Path,
    province: bool = False,
    generated: Collection[str] = (),
    later: Collection[str] = (),
) -> None:
    """MkDocs over the build folder; the ``generated`` pages (paths under it) skip Markdown;
    the ``later`` files join the site after MkDocs (generator.build.sitefiles.PastMkDocs)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.build import sitefiles
    from generator.build.project import base_nav
    from generator.site import navmemo, rawhtml

    nav = province_nav(base_nav(project.config)) if province else None
    overrides = mkdocs_overrides(directory, project, _base_extra(project), nav)
    try:
        with pinned_epoch(directory.today):
            config = load_config(
                str(project.config), site_dir=str(site_dir), strict=True, **overrides
            )
            rawhtml.install(config, generated, lazy=True)
            navmemo.install(config)
            sitefiles.install(config, later)
            mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs gagal: {exc}") from None


def copy_dot_folders(docs: Path, site: Path) -> None:
    """Copy the docs folder's top-level dot-folders (``.well-known/``) into the site: MkDocs
    leaves out every path starting with a dot (its default ``exclude_docs``)."""
    for folder in sorted(docs.iterdir()):
        if folder.name.startswith(".") and folder.is_dir() and not folder.is_symlink():
            copy_tree(folder, site / folder.name)


@contextlib.contextmanager
def loaded_once() -> Iterator[None]:
    """Keep Python's cyclic garbage collector off the millions of objects a build loads once.

    Loading allocates records and posts by the million and frees few: each collection would
    scan them all again (21 s of a 141 s province build). The collector is paused while
    loading; afterwards what was loaded is frozen (still freed by reference counting, only not
    rescanned) and unfrozen when the build ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


@contextlib.contextmanager
def one_full_collection() -> Iterator[None]:
    """Python's full garbage collections deferred to the end of the block: one there instead
    of many inside; the young generations are still collected as usual.

    After ``gc.freeze()`` the collector counts no long-lived objects, so it runs a full
    collection each time those made since grew by a quarter: a national directory's compute
    and page stages ran 22 of them (8.2 s, one build), walking figures and index rows that
    stay alive to the end and finding almost nothing to free (a few thousand objects). The one
    at the end frees what cycles died old before MkDocs runs.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if gc.isenabled():
            gc.collect()


def build(
    data: Path,
    out: Path,
    project: Project,
    today: dt.date | None,
    strict: bool = False,
    members: Callable[[Inputs, Problems], list[MemberResult]] | None = None,
    keep_umask: bool = False,
) -> BuildResult:
    """Validate ``data``, generate the pages and build the site into ``out``.

    ``members`` (a province, `kanal province`) reads the regencies' and cities' published data
    once the province's own data is valid; its problems join the others."""
    start = time.perf_counter()
    # The post records are written while the check stage reads the posts (one pass over a
    # province's million posts, not two), into a private folder beside build/docs that the
    # next build removes if this one is killed (docslock.clean_private).
    build_folder = project.docs.parent
    build_folder.mkdir(parents=True, exist_ok=True)
    records = Path(
        tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-posts-", dir=build_folder)
    )
    # The complaint open data is written from the check stage on, likewise into a private
    # folder (generator.complaints.opendatajob).
    from generator.complaints.opendatajob import OpenDataJob

    open_data = OpenDataJob(
        Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-data-", dir=build_folder))
    )
    later = Staged(out, finder=members is None and second_core_free(data))
    try:
        with loaded_once():  # a failure kills the posters' process (later.close)
            inputs, problems = check(
                data,
                today,
                strict,
                registry_history=True,
                records=records,
                open_data=open_data,
                directory_ready=later.start,
            )
        if inputs is not None:  # what kanal check says of this data, the build says too
            publishing_warnings(data, inputs.directory, problems)
        check_project(project, problems)
        if inputs is None or problems.failed(strict):
            raise InvalidData(problems)
        with docs_folder(project) as own:  # a preview or another build may be running
            return _build_checked(
                inputs, problems, own, strict, members, keep_umask, start, open_data, later
            )
    finally:
        later.close()
        open_data.close()
        gc.unfreeze()
        shutil.rmtree(records, ignore_errors=True)
        shutil.rmtree(open_data.folder, ignore_errors=True)


def usable_cores() -> float:
    """How many cores this process may use: its CPU affinity, within its cgroup's CPU quota
    (a container given ``--cpus=1`` on a larger host). 0 where they cannot be counted (not
    Linux: nothing is handed to another process there)."""
    if sys.platform != "linux" or not hasattr(os, "sched_getaffinity"):
        return 0
    cores: float = len(os.sched_getaffinity(0))
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text(encoding="ascii").split()[:2]
        if quota != "max":
            cores = min(cores, int(quota) / int(period))
    except (OSError, ValueError):
        pass  # cgroup v1, or no quota
    return cores


def second_core_free(data: Path) -> bool:
    """Whether a build of ``data`` leaves the second core to its posters' process: no
    complaint records and no post store, whose workers take it otherwise (a province with
    records is bound by its CPU on both cores). Only then does that process make the finder's
    files too: a job the build cannot take back once the process has begun it would make the
    build wait for it at the end (a province's build, 18.7 -> 20.0 s)."""
    from generator.complaints.load import COMPLAINT_DIR

    if usable_cores() < 2:
        return False  # one core: the job would only wait for the build's own work
    records = data / COMPLAINT_DIR
    return not (data / POSTS_DIR).is_dir() and not (records.is_dir() and any(records.iterdir()))


class Staged:
    """Where a build's site is staged beside ``out``, and its posters' process.

    The posters need only the directory: their process starts as soon as it is valid
    (:meth:`start`, from the check stage), at the idle scheduling class (generator.site.posters),
    and so takes the CPU the build leaves (the second core while the records' figures are
    computed, this one while it waits for a worker) through check, compute, the pages and
    MkDocs. They are written beside the site being staged and join it in one rename after
    MkDocs (generator.build.sitefiles); a killed build's folder is a leftover like the site's.
    """

    def __init__(self, out: Path, finder: bool = True) -> None:
        from generator.site.stage import Later

        self.out = out.resolve()
        self.posters = Later()
        self.files: Path | None = None
        self.finder = finder  # the finder's files too (not a province's, which adds members)

    def folder(self) -> Path:
        """A new staging folder beside the site (the first one: after the killed builds'
        leftovers are removed)."""
        if self.files is None:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            clean_leftovers(self.out)
        name = tempfile.mkdtemp(prefix=f".{self.out.name}.new-{os.getpid()}-", dir=self.out.parent)
        return Path(name)

    def start(self, directory: Directory, thesaurus: tuple[Concept, ...]) -> None:
        self.files = self.folder()
        self.posters.start_posters(directory, self.files, thesaurus if self.finder else None)

    def close(self) -> None:
        """Kill the posters' process if it still runs; remove the posters' folder."""
        self.posters.stack.close()
        if self.files is not None and self.files.exists():
            # The posters' child may still write as it is killed: what it leaves, the next
            # build removes with the other leftovers (swap.clean_leftovers).
            shutil.rmtree(self.files, ignore_errors=True)


def _build_checked(
    inputs: Inputs,
    problems: Problems,
    project: Project,
    strict: bool,
    members: Callable[[Inputs, Problems], list[MemberResult]] | None,
    keep_umask: bool,
    start: float,
    open_data: OpenDataJob,
    later: Staged,
) -> BuildResult:
    from generator.build.sitefiles import FINDER_FILES, FilesClash, move_into

    if members is not None:
        inputs.members = members(inputs, problems)
        if problems.failed(strict):
            raise InvalidData(problems)
    files = later.files
    assert files is not None  # the posters were started in the check stage
    staging = None
    try:
        with later.posters.stack:
            with one_full_collection():
                figures = compute_figures(inputs)
                # What compute and generate make (figures, the page list, the renderer's
                # templates) lives until the build ends: frozen, so that no full collection
                # rescans it, in this process or (copying its pages copy-on-write) in a forked
                # worker; MkDocs' own collections do not walk it again (a national
                # directory's full passes took 10.7 s, collecting nothing). build()
                # unfreezes when it ends.
                gc.freeze()
                release_free_memory()  # what check and compute freed: not shared with workers
                pages = generate(
                    inputs, project, figures, files=files, later=later.posters, open_data=open_data
                )
            gc.freeze()
            # The finder's job in the posters' process (~450 MB at a national directory's
            # peak) is over before MkDocs' own peak begins.
            later.posters.finder_written()
            staging = later.folder()
            run_mkdocs(
                inputs.directory,
                project,
                staging,
                province=inputs.members is not None,
                generated=[folded(p.src) for p in pages],
                later=FINDER_FILES if later.posters.finder else (),
            )
            later.posters.wait()
        copy_dot_folders(project.docs, staging)
        try:
            move_into(files, staging)
        except FilesClash as exc:
            raise BuildError(f"MkDocs membuat {exc}, yang juga dibuat Kanal sendiri") from None
        publish(staging, later.out, keep_umask)
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging)
    notes = history_notes(inputs.registry_history)
    return BuildResult(
        inputs.directory, pages, problems.warnings, time.perf_counter() - start, notes
    )


def history_notes(history: RegistryHistory | None) -> list[str]:
    """What the build says about the registry history: why there is none, or where it was cut."""
    if history is None:
        return []
    if not history.available:
        return [history.reason]
    if history.cut and history.since is not None:
        return [
            f"riwayat perubahan dimuat sejak {history.since.date().isoformat()} "
            f"({history.commits} commit terbaru); riwayat yang lebih lama tidak dimuat"
        ]
    return []
