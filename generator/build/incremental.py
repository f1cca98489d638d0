"""The edit loop of ``kanal serve``: after an edit, redo only what depends on it.

1. Check: unchanged agency files are neither read nor checked again, the post history and the
   complaint records are kept while their files are unchanged (:class:`InputCache`).
2. Render: pages whose inputs are unchanged are not rendered; they stay as they are in the
   build folder (:class:`generator.site.memo.RenderMemo`), and only files whose bytes changed
   are replaced there (:func:`generator.build.swap.sync_tree`), so their time is newer than
   their page in the site.
3. MkDocs: ``build(config, dirty=True)`` renders only pages whose source is newer than their
   output (``File.is_modified``). Three things a dirty build gets wrong are put right here
   (:class:`DirtyBuild`): the search index would hold only the rebuilt pages, pages whose source
   was removed would stay, and a change to the settings of every page (region name,
   publisher, theme, mkdocs.yml) would reach only some pages: then the build is a clean one.

4. Open data: after the first build, a round renders the pages with the open data's file
   names of the last round and leaves ``data/`` as it is, so the edited page is served first;
   then a thread writes the new ``data/`` (generator.site.stage.LaterData) and a second dirty
   MkDocs build copies what changed. Any edit changes the open data (``kanal.sqlite`` holds the
   registry beside a province's million records: 16 s of a 24 s round), so it cannot be
   skipped, only put after the page. A new edit stops it between two chunks of rows
   (generator.build.stop) and its round writes the open data again; an edit that leaves the
   data invalid lets the stopped one start again, so ``data/`` always ends as the last good
   round's.

The site is then the same, file for file, as a full build of the same data
(``tests/test_serve_incremental.py`` proves it over random sequences of edits).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import logging
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from generator.build.dates import pinned_epoch
from generator.build.inputcache import POSTS, InputCache, tree_stamp
from generator.build.pipeline import (
    BuildError,
    Inputs,
    _base_extra,
    check,
    compute_figures,
    copy_dot_folders,
    data_files,
    folded,
    generate,
    mkdocs_overrides,
)
from generator.build.project import Project
from generator.build.sitefiles import SERVED_PAST_MKDOCS, link_changed, link_into
from generator.build.stop import Stopped, stoppable
from generator.build.swap import replace_changed, sync_tree
from generator.complaints.figures import compute_data
from generator.opendata.catalog import DATA_JSON
from generator.safeinput.problems import Problems
from generator.site.memo import TEMPLATES, RenderMemo
from generator.site.rawhtml import SEARCH_PLUGINS
from generator.site.stage import LaterData

NAME = "kanal-dirty-build"


class DirtyBuild(BasePlugin):
    """Kept across MkDocs builds of one preview: each page's search entries and each source's
    output, so that a dirty build ends with the same site as a clean one."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, list[dict[str, Any]]] = {}  # page source -> its search entries
        self.order: list[str] = []  # pages in the order a full build indexes them
        self.outputs: set[str] = set()  # what the sources of the last build became
        self.stale: set[str] = set()  # outputs of sources that are gone
        self._index: Any = None
        self._mark = 0

    @event_priority(-100)  # last: the files as every other plugin left them
    def on_files(self, files: Any, config: Any) -> Any:
        included = [f for f in files if f.inclusion.is_included()]
        self.order = [f.src_uri for f in files.documentation_pages()]
        outputs = {f.dest_uri for f in included}
        self.stale = self.outputs - outputs
        self.outputs = outputs
        search = next((config.plugins[n] for n in SEARCH_PLUGINS if n in config.plugins), None)
        self._index = getattr(search, "search_index", None)
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        env.bytecode_cache = TEMPLATES  # the theme's templates, compiled once per preview
        return env

    @event_priority(2)  # before search (0) and the raw-HTML plugin's copy (1)
    def _before_search(self, context: Any, page: Any, **kwargs: Any) -> Any:
        self._mark = len(self._index.entries) if self._index is not None else 0
        return context

    @event_priority(-2)  # after both
    def _after_search(self, context: Any, page: Any, **kwargs: Any) -> Any:
        if self._index is not None:
            self.entries[page.file.src_uri] = self._index.entries[self._mark :]
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    @event_priority(50)  # before search writes its index (0)
    def on_post_build(self, config: Any) -> None:
        if self._index is not None:
            wanted = set(self.order)
            self.entries = {k: v for k, v in self.entries.items() if k in wanted}
            self._index.entries = [e for src in self.order for e in self.entries.get(src, [])]
        site = Path(config.site_dir)
        for dest in sorted(self.stale):
            path = site / dest
            if path.is_file() or path.is_symlink():
                path.unlink()
            for parent in path.parents:  # folders left empty go too, as in a clean build
                if parent == site or not parent.is_dir() or any(parent.iterdir()):
                    break
                parent.rmdir()
        self.stale = set()


@dataclass
class _Young:
    """What :func:`_young_only` left to collect: everything a round made."""

    enabled: bool  # the collector was on before the round
    handed_over: bool = False  # the round's open-data thread collects it

    def collect(self) -> None:
        gc.collect(0)  # with the collector off, everything made since is in generation 0
        gc.freeze()
        if self.enabled:
            gc.enable()


@contextlib.contextmanager
def _young_only() -> Iterator[_Young]:
    """A rebuild never walks the preview's kept objects (a province's agencies, files and pages,
    millions of them) for cycles: the collector is off while it runs, then only what the
    rebuild made is collected and what survives is frozen with the rest. A round whose open
    data follows hands that over to its thread (``handed_over``), which collects once the
    page is served (0.1-0.2 s of a province's round); the collector stays off until then."""
    young = _Young(gc.isenabled())
    gc.disable()
    try:
        yield young
    finally:
        if not young.handed_over:
            young.collect()


class _Expected(logging.Filter):
    """Drops MkDocs' warning that a dirty build is one: strict mode would count it, and this
    module makes up for what it warns of."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _theme_digest(theme: Path) -> str:
    """The theme's overrides by content (a few small files): any edit means a clean build."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(theme.rglob("*")) if theme.is_dir() else []:
        if path.is_file():
            h.update(str(path.relative_to(theme)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class _StoreChanged(Exception):
    """The post store is no longer as the round checked it."""


def _digest(value: Any) -> str:
    return hashlib.blake2b(
        json.dumps(value, sort_keys=True, default=str).encode(), digest_size=20
    ).hexdigest()


@dataclass
class Outcome:
    """One rebuild: whether the site changed, and the line that says so."""

    ok: bool
    line: str


class Session:
    """One preview: its caches, its build folder and the site folder MkDocs builds into."""

    def __init__(
        self,
        data: Path,
        project: Project,
        site: Path,
        today: dt.date | None,
        strict: bool,
        cache: InputCache | None = None,
        later: Callable[[Outcome], None] = lambda outcome: None,
    ) -> None:
        """``later`` is told how the open data written after the pages went (step 4)."""
        self.data, self.project, self.site = data, project, site
        self.today, self.strict = today, strict
        self.cache = cache or InputCache()
        self.memo = RenderMemo(project.docs, folded, project.files)
        self.plugin = DirtyBuild()
        self.settings: str | None = None  # what every page depends on, at the last build
        self.dataset: str | None = None  # the schema.org Dataset of the last build
        self._extra: tuple[Any, dict[str, Any]] | None = None
        self._cpu = 0.0  # process CPU time when the rebuild began
        self._linked: set[str] | None = None  # the posters in the site, when known
        self.later_data = LaterData()
        self._later = later
        self._writing: threading.Thread | None = None  # the open data after the pages
        self._stop = threading.Event()  # set: the thread writing it stops
        self._served = threading.Event()  # set: the round that started it has returned
        self._young: _Young | None = None  # what the round left the thread to collect
        self._stopped: tuple[Any, ...] | None = None  # its arguments, when it was stopped
        self._figures: tuple[Any, dt.date, Any] | None = None  # records, day, their figures
        self._activity: dict[str, Any] = {}  # each agency's posting activity, last round

    def update(self, report: Callable[[Problems], None] = lambda p: None) -> Outcome:
        """Check, render and build what changed; invalid data leaves the site as it was.
        Returns once the pages are served; the open data follows (:meth:`settle`)."""
        self.stop_writing()
        try:
            with _young_only() as young:
                outcome = self._update(report)
                if self._writing is not None:
                    self._young, young.handed_over = young, True
            if not outcome.ok and self._stopped is not None:  # the last good round's, again
                self._start_writing(*self._stopped)
        except Exception:
            if self._stopped is not None:  # a round that failed otherwise (unreadable data)
                self._start_writing(*self._stopped)
            raise
        finally:
            self._served.set()  # the thread may begin: this round's page is about to be served
        return outcome

    def settle(self) -> None:
        """Wait until the open data of the last round is written and in the site."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None

    def stop_writing(self) -> None:
        """Stop the open data of the last round, if it is still being written: this round
        writes its own (or, if this round fails, it starts again)."""
        if self._writing is not None:
            self._stop.set()
            self.settle()

    def close(self) -> None:
        """The preview ends: the open data being written is stopped, without a word."""
        self._later = lambda outcome: None
        self.stop_writing()

    def _start_writing(self, *args: Any) -> None:
        self._stop, self._served = threading.Event(), threading.Event()
        self._young = None
        self._stopped = None
        writing = threading.Thread(
            target=self._write_data,
            args=(*args, self._stop, self._served),
            name="kanal-data",
            daemon=True,
        )
        writing.start()
        self._writing = writing

    def _update(self, report: Callable[[Problems], None]) -> Outcome:
        start = time.perf_counter()
        self._cpu = time.process_time()
        inputs, problems = check(self.data, self.today, self.strict, cache=self.cache)
        report(problems)
        if inputs is None:
            return Outcome(
                False, "data tidak valid; pratinjau menampilkan versi terakhir yang valid."
            )
        return self.build(inputs, start)

    def first(self, inputs: Inputs) -> Outcome:
        """The first build, from inputs already checked."""
        self.stop_writing()
        with _young_only():
            return self.build(inputs)

    def build(self, inputs: Inputs, start: float | None = None, data_done: bool = False) -> Outcome:
        """Render and build from checked inputs. ``data_done``: the open data of these inputs
        is in the build folder already (the data thread's rebuild): none is written after."""
        if start is None:
            start, self._cpu = time.perf_counter(), time.process_time()
        try:
            inputs = self._kept_figures(inputs)
            figures = compute_figures(inputs, self._activity)
            # The activity comes from the directory and the post history (kept by the cache
            # while unchanged): named by them instead of pickled for every page given it.
            self.memo.derive(figures.activity, ("activity", self.cache.history.generation))
            if inputs.complaints is not None and figures.complaints is not None:
                # The complaint records and their figures: of the records alone, which the
                # cache keeps while their files and the agencies' names are the same.
                named = ("complaints", self.cache.complaints.generation, inputs.directory.today)
                self.memo.derive(inputs.complaints, named, alone=True)
                self.memo.derive(figures.complaints, (*named, "figures"), alone=True)
            pages = generate(inputs, self.project, figures, self.memo, later_data=self.later_data)
        except Exception:
            self._distrust()
            raise
        generated = [folded(p.src) for p in pages]
        try:
            clean = self._mkdocs(inputs, generated)
        except Exception:
            self._distrust()
            raise
        seconds, cpu = time.perf_counter() - start, time.process_time() - self._cpu
        how = "semua halaman" if clean else f"{self.memo.rendered} halaman dirender ulang"
        self._stopped = None  # this round's open data replaces any stopped one
        write, self.later_data.write = self.later_data.write, None
        if write is not None and not data_done:
            # The post store as this round's check found it.
            checked = self.cache.posts_stamp
            self._start_writing(inputs, generated, write, self.later_data.names, checked)
            how += "; data terbuka menyusul"
        return Outcome(True, f"dibangun ulang ({how}) dalam {seconds:.1f} s (CPU {cpu:.1f} s)")

    def _kept_figures(self, inputs: Inputs) -> Inputs:
        """``inputs`` with the complaint figures of the last round when they are of the same
        records (the very object the cache kept) and day: a province's take 1.3 s to compute,
        and a registry edit does not change them."""
        records, today = inputs.complaints, inputs.directory.today
        if records is None or inputs.complaint_figures is not None:
            return inputs
        kept = self._figures
        if kept is None or kept[0] is not records or kept[1] != today:
            kept = self._figures = (records, today, compute_data(records, today))
        return dataclasses.replace(inputs, complaint_figures=kept[2])

    def _distrust(self) -> None:
        """The build folder or the site may be half replaced: the next round builds all of it
        and writes all the open data."""
        self.memo.forget()
        self.settings = None
        self.later_data.names = None
        self._stopped = None
        self._activity.clear()

    def _write_data(
        self,
        inputs: Inputs,
        generated: list[str],
        write: Callable[[Path], list[str]],
        names: list[str] | None,
        checked: tuple | None,
        stop: threading.Event,
        served: threading.Event,
    ) -> None:
        """Step 4, in a thread: this round's ``data/`` into a new folder (where ``stop`` may
        stop it), then into the build folder in place of the last (only files that changed),
        then MkDocs' dirty build.

        The post records are read from the store now, not when the round checked it: they
        are published only if the store is still as the round's check found it (``checked``,
        its stamp). A store that changed (``kanal fetch``, an edit) holds posts the round's
        pages do not count, or a broken line: the open data waits for the round that change
        brings (a change seen by the live-reload server)."""
        # Nothing here before the round has returned: its page is served first.
        served.wait()
        young, self._young = self._young, None
        if young is not None:
            young.collect()
        start, cpu = time.perf_counter(), time.thread_time()
        docs = self.project.docs
        store = self.data / POSTS
        try:
            with tempfile.TemporaryDirectory(prefix="data-", dir=docs.parent) as tmp:
                out = Path(tmp) / "data"
                out.mkdir()
                for name in self.later_data.own:  # written by the pages (a province's table)
                    (out / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(docs / "data" / name, out / name)
                try:
                    if tree_stamp(store, racy=True) != checked:
                        raise _StoreChanged
                    with stoppable(stop):
                        written = write(out)
                except Stopped:
                    self._stopped = (inputs, generated, write, names, checked)
                    seconds = time.perf_counter() - start
                    self._later(
                        Outcome(
                            True,
                            f"data terbuka dihentikan setelah {seconds:.1f} s: ada suntingan baru.",
                        )
                    )
                    return
                except Exception:
                    if tree_stamp(store, racy=True) == checked:
                        raise
                    written = None  # read from a store that changed meanwhile: see below
                if written is None or tree_stamp(store, racy=True) != checked:
                    self._later(
                        Outcome(
                            True,
                            "data terbuka ditunda: riwayat unggahan (data/posts) berubah sejak "
                            "diperiksa; diperbarui pada putaran berikutnya yang valid.",
                        )
                    )
                    return
                old = data_files(docs)
                sync_tree(out, docs / "data")
                catalogue = Path(tmp) / DATA_JSON  # beside data/, at the site's root
                if catalogue.is_file():
                    replace_changed(catalogue, docs / DATA_JSON)
                else:
                    (docs / DATA_JSON).unlink(missing_ok=True)
            if self.memo.tree is not None:
                self.memo.tree = (self.memo.tree - old) | data_files(docs) | {"data"}
            if written != names:  # the pages name other files (a database now compressed)
                # Built again with those names, ``data/`` as it now is (checked above): the
                # store is not read again.
                self.later_data.names = written
                with _young_only():
                    self.build(inputs, data_done=True)
            else:
                self._mkdocs(inputs, generated)
        except Exception as exc:  # noqa: BLE001 - a preview reports, it does not die
            self._distrust()
            self._later(
                Outcome(False, f"data terbuka gagal ditulis: {exc}; dibangun ulang semua nanti.")
            )
            return
        seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
        self._later(
            Outcome(True, f"data terbuka diperbarui dalam {seconds:.1f} s (CPU {cpu:.1f} s)")
        )

    def _base_extra(self) -> dict[str, Any]:
        stamp = os.stat(self.project.config).st_mtime_ns
        if self._extra is None or self._extra[0] != stamp:
            self._extra = (stamp, _base_extra(self.project))
        return self._extra[1]

    def _touch_dataset_pages(self) -> None:
        """Make the pages that embed the Dataset (``kanal_dataset: true``) newer than their
        output, so the dirty build redoes them."""
        for folder in self.project.content_dirs:
            for page in folder.rglob("*.md"):
                head = page.read_text(encoding="utf-8")[:2000]
                target = self.project.docs / page.relative_to(folder)
                if "kanal_dataset: true" in head and target.is_file():
                    os.utime(target)

    def _mkdocs(self, inputs: Inputs, generated: list[str]) -> bool:
        """MkDocs into the site folder; True when it had to be a clean build."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        from generator.site import navmemo, rawhtml

        directory = inputs.directory
        overrides = mkdocs_overrides(directory, self.project, self._base_extra())
        # The open data's schema.org Dataset changes with the data but is embedded only in the
        # pages asking for it: those are rebuilt, not every page.
        kanal = overrides.get("extra", {}).get("kanal", {})
        dataset = kanal.get("dataset_jsonld")
        common = {
            **overrides,
            "extra": {**overrides["extra"], "kanal": {**kanal, "dataset_jsonld": None}},
        }
        settings = _digest(
            [
                common,
                _theme_digest(self.project.config.parent / "theme"),
                self.project.config.read_text(encoding="utf-8"),
                directory.today,
            ]
        )
        if dataset != self.dataset:
            self._touch_dataset_pages()
        self.dataset = dataset
        clean = settings != self.settings
        self.settings = None
        linked, self._linked = self._linked, None  # unknown until this build has finished
        try:
            with pinned_epoch(directory.today):
                config = load_config(
                    str(self.project.config), site_dir=str(self.site), strict=True, **overrides
                )
                rawhtml.install(config, generated)
                navmemo.install(config)
                if clean:
                    self.plugin = DirtyBuild()
                config.plugins[NAME] = self.plugin
                quiet = _Expected()
                logger = logging.getLogger("mkdocs.commands.build")
                logger.addFilter(quiet)
                try:
                    with atomic_site_writes():
                        mkdocs_build(config, dirty=not clean)
                finally:
                    logger.removeFilter(quiet)
        except MkDocsException as exc:
            raise BuildError(f"MkDocs gagal: {exc}") from None
        # MkDocs leaves dot-folders alone (its clean build too): they are copied anew.
        for old in self.site.glob(".*"):
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old)
        copy_dot_folders(self.project.docs, self.site)
        # The posters, past MkDocs: after an edit only those written again, unless MkDocs
        # cleaned the site or a poster went (then every one is compared).
        files = self.memo.kept_files | self.memo.written_files
        if clean or linked is None or not linked <= files:
            link_into(self.project.files, self.site, SERVED_PAST_MKDOCS)
        else:
            link_changed(self.project.files, self.site, self.memo.written_files)
        self._linked = files
        self.settings = settings
        return clean


@contextlib.contextmanager
def atomic_site_writes() -> Iterator[None]:
    """MkDocs writes the files of its site in place (open, truncate, write). The preview serves
    that site while it builds: a download under way when its file was written again (the open
    data after an edit) came out cut short (``IncompleteRead``). Within this block each file
    MkDocs writes or copies is written beside its target and renamed over it, so a reader
    gets the old file or the new one, whole. Not :func:`generator.safeinput.files.atomic_write`:
    its two fsyncs per file would slow every round of a preview nobody needs to survive a
    power cut."""
    from mkdocs import utils

    copy_file, write_file = utils.copy_file, utils.write_file

    def replaced(output_path: str, fill: Callable[[str], None]) -> None:
        folder = os.path.dirname(output_path)
        os.makedirs(folder, exist_ok=True)
        # A name no other file has; created by ``fill`` as open() creates a file (0666 less
        # the umask, not mkstemp's 0600), in the one open and write MkDocs' own would make.
        tmp = os.path.join(folder, f".kanal-{os.getpid()}-{secrets.token_hex(8)}")
        try:
            fill(tmp)
            os.replace(tmp, output_path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def atomic_copy(source_path: str, output_path: str) -> None:
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        replaced(output_path, lambda tmp: shutil.copyfile(source_path, tmp))

    def atomic_write(content: bytes, output_path: str) -> None:
        def fill(tmp: str) -> None:
            with open(tmp, "xb") as out:
                out.write(content)

        replaced(output_path, fill)

    utils.copy_file, utils.write_file = atomic_copy, atomic_write
    try:
        yield
    finally:
        utils.copy_file, utils.write_file = copy_file, write_file
