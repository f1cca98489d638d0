"""Long work in a thread that another thread may stop, at the points the work chooses.

``kanal serve`` writes a round's open data in a thread after its pages
(generator.build.incremental); a new edit makes that work useless, so the next round stops
it instead of waiting for a province's 16 s of it. The writers of the open data call
:func:`checkpoint` between pieces (a chunk of rows, an account's posts): in the thread
running inside :func:`stoppable`, it raises :class:`Stopped` once asked to; anywhere else (a
build, a forked worker) it does nothing. Nothing is stopped halfway through a piece, and the
work writes into a folder of its own, which is dropped: what was published stays as it was.

A leaf any layer may import: it imports nothing of Kanal.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_LOCAL = threading.local()


class Stopped(Exception):
    """The work was asked to stop (:func:`stoppable`)."""


@contextlib.contextmanager
def stoppable(event: threading.Event) -> Iterator[None]:
    """Within, :func:`checkpoint` in this thread raises :class:`Stopped` once ``event`` is set."""
    _LOCAL.event = event
    try:
        yield
    finally:
        _LOCAL.event = None


def checkpoint() -> None:
    """A point where long work may stop: raises :class:`Stopped` when asked to."""
    event = getattr(_LOCAL, "event", None)
    if event is not None and event.is_set():
        raise Stopped
