"""The complaint open data, started as soon as the records are checked (a build).

The open data of a province's million records (``kanal.sqlite``, ``complaints.csv``, the
figures; ~10 s of CPU) is the render stage's longest path. It needs only the directory and
the complaint figures, both known in the check stage, where the parent then waits seconds
for the post-history worker: started there, in a forked worker, it uses that idle core and
the single-core compute stage. The registry history's tables (the last ones written, from
git and the coverage over time) are known only after compute: the worker is sent them then
(:func:`generator.build.worker.forked_feed`). It writes into a private folder of the build,
whose files join the docs folder's ``data/`` when the render stage asks for them: the same
files, byte for byte, in the same order, as the render stage's own worker writes.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.build.worker import Idle, forked_feed, release_free_memory
from generator.complaints.figures import Figures
from generator.complaints.opendata import write_open_data
from generator.opendata.changes import Table
from generator.opendata.manifest import known_hashes, remember_hashes
from generator.registry.models import Directory

WHAT = "data terbuka aduan"  # as the render stage's worker names it in its errors


class OpenDataJob:
    """The complaint open data written by a worker started early (:meth:`start`) into
    ``folder``, a private folder of the build that the caller removes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stack = contextlib.ExitStack()
        self._send: Callable[[Any], None] | None = None
        self._wait: Callable[[Idle | None], tuple[list[str], dict]] | None = None

    @property
    def started(self) -> bool:
        return self._wait is not None

    def start(self, directory: Directory, f: Figures) -> None:
        """Fork the worker: every table but the late ones (:meth:`send`) is written now."""
        title = f"Kinerja layanan aduan {directory.region.name}"
        # What loading freed stays out of the worker's pages (see release_free_memory).
        release_free_memory()

        def job(late: Callable[[], Sequence[Table]]) -> tuple[list[str], dict]:
            # The check stage pauses the collector while loading (pipeline.loaded_once); the
            # worker collects as the render stage's own worker did (what it inherits is frozen).
            gc.enable()
            names = write_open_data(f, self.folder, directory, title, late)
            return names, known_hashes()  # kanal.json hashes the same files again

        self._send, self._wait = self.stack.enter_context(forked_feed(job, WHAT))

    def send(self, extra_tables: Sequence[Table]) -> None:
        """The tables that come last (the registry history: generator.opendata.changes)."""
        assert self._send is not None
        self._send(list(extra_tables))

    def finish(self, data_dir: Path, idle: Idle | None = None) -> list[str]:
        """Wait for the worker (calling ``idle`` meanwhile while it returns True: other work
        of the build); move its files into ``data_dir``; returns their names."""
        assert self._wait is not None
        names, hashes = self._wait(idle)
        remember_hashes(hashes)
        data_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(os.listdir(self.folder)):
            os.replace(self.folder / name, data_dir / name)
        return names

    def close(self) -> None:
        """Stop a worker still running (a build that failed) and reap it."""
        self.stack.close()
