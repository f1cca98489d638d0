"""One ``build/docs`` per repository at a time: a second build or preview gets its own folder.

``kanal serve`` and ``kanal build`` (or two shells) used to write and read the same
``build/docs`` at once, and one failed with "Error reading page ...: No such file or
directory". The first process takes an advisory lock (``fcntl.flock``, released by the kernel
when the process ends, however it ends) and uses ``build/docs``; a process that finds the lock
taken generates into ``build/.docs-PID-XXXX`` instead, removed when it ends. Folders left by a
killed process are removed by the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.build.project import Project

LOCK_NAME = ".docs.lock"
PRIVATE_PREFIX = ".docs-"

try:
    import fcntl
except ImportError:  # Windows: no flock; every process works in its own folder
    fcntl = None  # type: ignore[assignment]


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (as another user's too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_private(build: Path) -> None:
    """Remove the private docs folders of processes that no longer run."""
    for path in build.glob(f"{PRIVATE_PREFIX}*"):
        pid = path.name[len(PRIVATE_PREFIX) :].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def docs_folder(project: Project, quiet: bool = False) -> Iterator[Project]:
    """``project`` itself when this process may use ``build/docs``, else a copy whose docs
    folder is private to this process (and removed at the end)."""
    build = project.docs.parent
    build.mkdir(parents=True, exist_ok=True)
    clean_private(build)
    handle = None
    if fcntl is not None:
        handle = open(build / LOCK_NAME, "a+")  # noqa: SIM115 (held for the whole block)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            handle = None
        else:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
    if handle is not None:
        try:
            yield project
        finally:
            handle.close()  # releases the lock
        return
    private = Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-", dir=build))
    if not quiet:
        print(
            f"Proses Kanal lain sedang memakai {build / 'docs'}; yang ini memakai folder "
            f"sementaranya sendiri ({private.name}).",
            file=sys.stderr,
        )
    own = dataclasses.replace(project, private_docs=private)
    try:
        yield own
    finally:
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(own.files, ignore_errors=True)
