"""``kanal serve``: MkDocs' live preview, with Kanal regenerating pages when inputs change.

MkDocs watches the build folder and theme; a watchdog observer regenerates the build folder
when ``data/`` or ``content/`` change. Invalid data is reported and the last good pages stay.
Every rebuild prints one line; nothing ends in a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build.docslock import docs_folder
from generator.build.pipeline import (
    BuildError,
    Inputs,
    Project,
    _base_extra,
    check,
    check_project,
    generate,
    mkdocs_overrides,
)
from generator.build.project import ConfigError, find_project, require_data
from generator.safeinput.problems import InvalidData, Problems, report

DEFAULT_ADDR = ("127.0.0.1", 8000)
PORT_TRIES = 20


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


class _Regenerate(FileSystemEventHandler):
    def __init__(self, data: Path, project: Project, today: dt.date | None, strict: bool):
        self.data, self.project, self.today, self.strict = data, project, today, strict
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self._lock:  # editors write several events per save: wait for them to settle
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(0.3, self.run)
            self._timer.start()

    def run(self) -> bool:
        try:
            inputs, problems = check(self.data, self.today, self.strict)
            report(problems)
            if inputs is None:
                print(
                    f"[{_clock()}] galat: data tidak valid; pratinjau menampilkan versi terakhir "
                    "yang valid.",
                    file=sys.stderr,
                    flush=True,
                )
                return False
            pages = generate(inputs, self.project)
        except Exception as exc:  # a preview thread must report, not die with a traceback
            print(f"[{_clock()}] galat: {exc}", file=sys.stderr, flush=True)
            return False
        print(f"[{_clock()}] dibangun ulang: {len(pages)} halaman", flush=True)
        return True


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
    inputs, problems = check(data, today, strict)
    check_project(project, problems)  # links in content/ or theme/
    if inputs is None or problems.errors:
        raise InvalidData(problems)
    report(problems)
    host, port = pick_address(addr)
    with _stopped_cleanly(), docs_folder(project) as own:
        return _serve(inputs, own, data, host, port, today, strict)


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
    project: Project,
    data: Path,
    host: str,
    port: int,
    today: dt.date | None,
    strict: bool,
) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    observer = Observer()
    try:
        generate(inputs, project)
        handler = _Regenerate(data, project, today, strict)
        for folder in (data, *project.content_dirs):
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        observer.start()
        overrides = mkdocs_overrides(inputs.directory, project, _base_extra(project))
        shown = f"[{host}]" if ":" in host else host
        print(f"Pratinjau di http://{shown}:{port}/ (hentikan dengan Ctrl+C)", flush=True)
        mkdocs_serve(
            str(project.config),
            livereload=True,
            watch_theme=True,
            dev_addr=f"{host}:{port}",
            **overrides,
        )
    except (BuildError, MkDocsException, OSError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    finally:
        if observer.is_alive():
            observer.stop()
            observer.join()
    return 0


def run(args: argparse.Namespace) -> int:
    return serve(args.data, args.config, args.addr, args.today, args.strict)
