"""``kanal serve``: MkDocs' live preview, with Kanal regenerating pages when inputs change.

MkDocs watches the build folder and theme; a watchdog observer regenerates the build folder
when ``data/`` or ``content/`` change. Invalid data is reported and the last good pages stay.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import (
    Project,
    _base_extra,
    check,
    check_project,
    generate,
    mkdocs_overrides,
)
from generator.cli import report
from generator.problems import InvalidData


class _Regenerate(FileSystemEventHandler):
    def __init__(self, data: Path, project: Project, today: dt.date, strict: bool):
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
        directory, problems = check(self.data, self.today, self.strict)
        report(problems)
        if directory is None:
            print(
                "Data tidak valid; pratinjau menampilkan versi terakhir yang valid.",
                file=sys.stderr,
            )
            return False
        generate(directory, self.project)
        return True


def serve(data: Path, config: Path, addr: str, today: dt.date, strict: bool) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    project = Project(config)
    inputs, problems = check(data, today, strict)
    check_project(project, problems)  # links in content/ or theme/
    if inputs is None or problems.errors:
        raise InvalidData(problems)
    report(problems)
    generate(inputs, project)
    handler = _Regenerate(data, project, today, strict)
    observer = Observer()
    for folder in (data, project.content):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        overrides = mkdocs_overrides(inputs.directory, project, _base_extra(project))
        mkdocs_serve(str(config), livereload=True, watch_theme=True, dev_addr=addr, **overrides)
    finally:
        observer.stop()
        observer.join()
    return 0
