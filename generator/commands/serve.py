"""``kanal serve``: a live preview that redoes only what an edit changed.

MkDocs' live-reload server serves the site folder and reloads the browser; it watches
``data/``, ``content/``, ``theme/`` and ``mkdocs.yml`` (inotify, writes only) and calls one
incremental rebuild (:mod:`generator.build.incremental`). Invalid data is reported with its
file and line and the last good site stays. Every rebuild prints one line, and a second one
when the open data, written after the pages, is in the site too; nothing ends in a
traceback. ``.well-known/`` is served as it is published.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

from generator.build.docslock import docs_folder
from generator.build.incremental import Outcome, Session
from generator.build.inputcache import InputCache
from generator.build.pipeline import BuildError, Inputs, Project, check, check_project
from generator.build.project import ConfigError, find_project, require_data
from generator.safeinput.problems import InvalidData, Problems, report

DEFAULT_ADDR = ("127.0.0.1", 8000)
PORT_TRIES = 20


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _say(outcome: Outcome) -> None:
    stream = sys.stdout if outcome.ok else sys.stderr
    print(f"[{_clock()}] {'' if outcome.ok else 'galat: '}{outcome.line}", file=stream, flush=True)


class _Rebuild:
    """The preview server's builder: one incremental rebuild, never an exception (a builder
    that raises leaves the server waiting for a site that never comes)."""

    def __init__(self, session: Session, shown: Problems) -> None:
        self.session = session
        self.shown = [str(p) for p in shown.sorted()]

    def report(self, problems: Problems) -> None:
        """Problems as ``kanal check`` prints them, unless the same warnings were just shown."""
        lines = [str(p) for p in problems.sorted()]
        if problems.errors or lines != self.shown:
            report(problems)
        self.shown = lines

    def __call__(self) -> None:
        try:
            _say(self.session.update(self.report))
        except Exception as exc:  # a preview must report, not die with a traceback
            _say(Outcome(False, f"{exc}; pratinjau menampilkan versi terakhir yang valid."))


class _WriteObserver(Observer):
    """inotify, told only of writes: reading the data (every rebuild opens every file it has
    not cached) is no change, and polling a province's 9,174 files twice a second is work."""

    def schedule(self, event_handler: Any, path: str, recursive: bool = False, **kw: Any) -> Any:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=WRITES)


WRITES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def pick_address(addr: str | None) -> tuple[str, int]:
    """The address to serve on. The default port moves on when taken; a chosen one does not."""
    if addr is None:
        host, port = DEFAULT_ADDR
        for candidate in range(port, port + PORT_TRIES):
            if _port_free(host, candidate):
                if candidate != port:
                    print(f"Port {port} sedang dipakai program lain; memakai port {candidate}.")
                return host, candidate
        raise ConfigError(
            f"port {port}-{port + PORT_TRIES - 1} sedang dipakai semua; pilih sendiri: "
            "kanal serve --addr 127.0.0.1:PORT"
        )
    host, _, port_text = addr.rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"alamat '{addr}' tidak valid; tulis HOST:PORT, misalnya 127.0.0.1:8000")
    host = host.strip("[]")
    try:
        free = _port_free(host, int(port_text))
    except OSError as exc:
        raise ConfigError(f"alamat '{addr}' tidak bisa dipakai: {exc.strerror}") from None
    if not free:
        raise ConfigError(
            f"port {port_text} di {host} sedang dipakai program lain; pilih port lain, misalnya "
            f"kanal serve --addr {host}:{int(port_text) + 1}"
        )
    return host, int(port_text)


def serve(
    data: Path, config: Path | None, addr: str | None, today: dt.date | None, strict: bool
) -> int:
    require_data(data)
    settings_problems = Problems()
    project = find_project(config, Path.cwd(), settings_problems)
    if settings_problems.errors:
        raise InvalidData(settings_problems)
    cache = InputCache()
    inputs, problems = check(data, today, strict, cache=cache)
    check_project(project, problems)  # links in content/ or theme/
    if inputs is None or problems.errors:
        raise InvalidData(problems)
    report(problems)
    host, port = pick_address(addr)
    with _stopped_cleanly(), docs_folder(project) as own:
        return _serve(inputs, problems, cache, own, data, host, port, today, strict)


@contextlib.contextmanager
def _stopped_cleanly() -> Iterator[None]:
    """SIGTERM (``kill``, a service manager) and SIGHUP (the terminal closed) stop the preview
    as Ctrl+C does, so MkDocs and Kanal remove their temporary folders (a full copy of the
    site in ``mkdocs_*`` each time, before)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(
    inputs: Inputs,
    problems: Problems,
    cache: InputCache,
    project: Project,
    data: Path,
    host: str,
    port: int,
    today: dt.date | None,
    strict: bool,
) -> int:
    from mkdocs.livereload import LiveReloadServer

    # The prefix MkDocs' own preview used: a leftover is recognisable as the preview's.
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        session = Session(data, project, site, today, strict, cache, later=_say)
        try:
            first = session.first(inputs)
        except (BuildError, OSError) as exc:
            print(f"galat: {exc}", file=sys.stderr)
            return 1
        mount = urlsplit(inputs.directory.region.site_url or "/").path
        server = LiveReloadServer(
            _Rebuild(session, problems), host, port, str(site), mount_path=mount
        )
        server.observer = _WriteObserver()

        def error_page(code: int) -> bytes | None:
            page = site / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_page
        theme = project.config.parent / "theme"
        for watched in (data, *project.content_dirs, theme, project.config):
            if watched.exists():
                server.watch(str(watched))
        shown = f"[{host}]" if ":" in host else host
        _say(first)
        print(f"Pratinjau di http://{shown}:{port}{mount} (hentikan dengan Ctrl+C)", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            session.close()  # the open data being written: into a folder still there
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return 0


def run(args: argparse.Namespace) -> int:
    return serve(args.data, args.config, args.addr, args.today, args.strict)
