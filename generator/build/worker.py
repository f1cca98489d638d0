"""One job run in a forked worker process, so that it uses the second core beside the caller.

The check stage reads the post history (and writes the post records) in a worker while it
reads the complaint records here (:func:`forked_result`: the worker's result comes back
pickled through a pipe). The render stage writes the open data in a worker beside the pages:
it reads the computed figures shared copy-on-write by fork, never pickled. Without a post
store the history is read here, and without complaint records the open data (the registry's
tables) is written here after the pages: a worker would copy the parent's pages for little.
The worker's failure comes back as an OSError with its message; a caller that stops early (an
error, Ctrl-C) kills and reaps the worker, and a worker whose parent is killed is killed too
(Linux), so no process is left behind."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import select
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

MESSAGE_BYTES = 4000
# What a caller waiting for a worker may do meanwhile: a little work, True while there is more.
Idle = Callable[[], bool]
PR_SET_PDEATHSIG = 1


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``) before forking.

    Loading and checking a province's records frees about a hundred megabytes that the C
    allocator keeps resident; every worker forked after would share those pages and the
    build's whole-tree memory would count them. Elsewhere (no glibc) nothing happens."""
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


def can_fork() -> bool:
    """Fork only where it is safe: Linux, and no other thread that could hold a lock."""
    return sys.platform == "linux" and threading.active_count() == 1


@contextlib.contextmanager
def _worker(
    child: Callable[[int, int], NoReturn],
) -> Iterator[Callable[[Idle | None], tuple[bytes, int]]]:
    """Fork; the worker runs ``child(pipe, parent pid)``. Yields ``finish``: what the worker
    wrote to the pipe and its exit code, once it has ended; until the worker writes (at its
    end), ``finish(idle)`` calls ``idle`` while it returns True (work of its own to do
    meanwhile). Leaving early kills and reaps it."""
    parent = os.getpid()
    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns when it counts other OS threads: numpy's OpenBLAS pool is one, and
        # it re-initializes itself in a forked child (pthread_atfork); Python threads, which
        # could hold a lock the child needs, are refused by can_fork.
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        os.close(read)
        child(write, parent)
    os.close(write)
    done = False

    def finish(idle: Idle | None = None) -> tuple[bytes, int]:
        nonlocal done
        if idle is not None:
            while not select.select([read], [], [], 0)[0] and idle():
                pass
        with os.fdopen(read, "rb") as pipe:  # EOF when the worker exits, however it ends
            body = pipe.read()  # all of it before reaping: a full pipe would block the worker
        _, status = os.waitpid(pid, 0)
        done = True
        return body, os.waitstatus_to_exitcode(status)

    try:
        yield finish
    finally:
        if not done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(read)


@contextlib.contextmanager
def forked(job: Callable[[], None], what: str) -> Iterator[Callable[[], None]]:
    """Start ``job`` in a forked process; yields ``wait``, which returns once it is done.

    ``wait`` raises OSError("``what`` gagal ditulis: ...") when the job failed. Where fork is
    not safe the job runs in this process, when ``wait`` is called.
    """
    if not can_fork():
        yield lambda: _run_here(job, what)
        return
    with _worker(lambda write, parent: _run_child(job, write, parent)) as finish:

        def wait() -> None:
            body, code = finish()
            if code != 0:
                message = body[:MESSAGE_BYTES].decode("utf-8", "replace").strip()
                reason = message or (
                    f"proses pekerja dihentikan sinyal {-code}"
                    if code < 0
                    else f"proses pekerja berhenti dengan kode {code}"
                )
                raise OSError(f"{what} gagal ditulis: {reason}")

        yield wait


def _run_here(job: Callable[[], None], what: str) -> None:
    try:
        job()
    except Exception as exc:  # the same error as from a worker (sqlite3.Error is no OSError)
        raise OSError(f"{what} gagal ditulis: {exc}") from exc


def _run_child(job: Callable[[], None], write: int, parent: int) -> NoReturn:
    """The worker: run ``job``, send any error to the parent, exit without Python's cleanup
    (the parent's buffers, atexit handlers and temporary folders belong to the parent)."""
    code = 1
    try:
        die_with_parent(parent)
        job()
        code = 0
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        with contextlib.suppress(OSError):
            os.write(write, str(exc).encode("utf-8", "replace")[:MESSAGE_BYTES])
    finally:
        os._exit(code)


def die_with_parent(parent: int) -> None:
    """Linux kills this process when ``parent`` ends (a worker is never left behind)."""
    # Nothing inherited from the parent is scanned by this process's collections: a scan
    # writes into each object's header and so copies every page it visits (copy-on-write).
    gc.freeze()
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


@contextlib.contextmanager
def forked_result(job: Callable[[], T], what: str, fork: bool = True) -> Iterator[Callable[[], T]]:
    """Start ``job`` in a forked process; yields ``wait``, which returns ``job()``'s value.

    The value travels pickled through a pipe (Kanal's own objects, between its own two
    processes). A failure in the worker raises OSError("``what``: ...") from ``wait`` (reported
    as a build error, like a failed write).
    Where fork is not safe, or ``fork`` is False (the job has too little to do for a worker
    to pay for the parent's pages it copies), the job runs in this process when ``wait`` is
    called, and fails with the same OSError.
    """
    if not fork or not can_fork():
        # ``wait(idle)`` as a worker's: nothing to do meanwhile, the job runs now.
        yield lambda idle=None: _result_here(job, what)
        return
    with forked_result_of(lambda write, parent: _send_result(job, write, parent), what) as wait:
        yield wait


@contextlib.contextmanager
def forked_result_of(
    child: Callable[[int, int], NoReturn], what: str
) -> Iterator[Callable[[], Any]]:
    """Fork; the worker runs ``child(pipe, parent pid)``, which ends in :func:`_send_result`.
    Yields ``wait``: the job's value, or OSError("``what``: ..."); ``wait(idle)`` calls
    ``idle`` until the worker is done or it returns False."""
    with _worker(child) as finish:

        def wait(idle: Idle | None = None) -> Any:
            body, code = finish(idle)
            if code != 0 or not body:
                reason = pickle.loads(body)[1] if body else f"proses pekerja berhenti (kode {code})"
                raise OSError(f"{what}: {reason}")
            ok, value = pickle.loads(body)
            if not ok:
                raise OSError(f"{what}: {value}")
            return value

        yield wait


def _result_here(job: Callable[[], T], what: str) -> T:
    """``job()`` in this process, failing as it would in a worker (OSError with its message)."""
    try:
        return job()
    except Exception as exc:
        raise OSError(f"{what}: {type(exc).__name__}: {exc}") from exc


def _send_result(job: Callable[[], object], write: int, parent: int) -> NoReturn:
    code = 1
    try:
        die_with_parent(parent)
        try:
            body = pickle.dumps((True, job()), protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            body = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(body)
    finally:
        os._exit(code)


@contextlib.contextmanager
def forked_feed(
    job: Callable[[Callable[[], Any]], T], what: str
) -> Iterator[tuple[Callable[[Any], None], Callable[[Idle | None], T]]]:
    """:func:`forked_result` for a job that needs one more input late: ``job(receive)`` starts
    now, and ``receive()`` returns what the parent passes to ``send`` (blocking until then).
    Yields ``(send, wait)``; ``wait(idle)`` as :func:`forked_result_of`'s.

    The value goes through an unlinked temporary file both processes hold, and one byte on a
    pipe says it is there: ``send`` never blocks on a worker still busy with the rest of its
    job (a pipe holds 64 KB). A parent that leaves without sending makes ``receive`` fail.
    Where fork is not safe, the job runs in this process when ``wait`` is called.
    """
    if not can_fork():
        sent: list[Any] = []
        yield sent.append, lambda idle=None: _result_here(lambda: job(lambda: sent[0]), what)
        return
    with tempfile.TemporaryFile(prefix="kanal-feed-") as box:
        ready, signal_write = os.pipe()

        def receive() -> Any:
            if os.read(ready, 1) != b"1":
                raise OSError("proses induk berhenti sebelum mengirim data")
            return pickle.loads(os.pread(box.fileno(), os.fstat(box.fileno()).st_size, 0))

        def child(write: int, parent: int) -> NoReturn:
            os.close(signal_write)
            _send_result(lambda: job(receive), write, parent)

        try:
            with forked_result_of(child, what) as wait:
                os.close(ready)
                ready = -1

                def send(value: Any) -> None:
                    os.pwrite(box.fileno(), pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 0)
                    with contextlib.suppress(BrokenPipeError):  # its failure shows in wait()
                        os.write(signal_write, b"1")

                yield send, wait
        finally:
            for fd in (ready, signal_write):
                if fd >= 0:
                    os.close(fd)
