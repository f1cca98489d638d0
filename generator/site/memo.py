"""Pages of the previous build, reused while their inputs are the same (``kanal serve``).

A page is a function of what its template is given, of the Renderer's globals and of the
agencies its template looked up by id (``agencies[...]``: a village's kecamatan, a ranked
agency). The key of a page hashes the first two (pickled: the whole object graph, so an edited
agency reached from the context changes it); the agencies looked up are recorded while the page
renders and compared next time. A page whose key and looked-up agencies are the same is linked
from the previous docs folder instead of being rendered again; anything that cannot be pickled
is rendered every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class WatchedAgencies(Mapping[str, Any]):
    """The directory's agencies by id, noting which ones a page's template looks up."""

    def __init__(self, agencies: Mapping[str, Any]) -> None:
        self.agencies = agencies
        self.reads: set[str] | None = None  # None: not rendering a page
        self.everything = False  # a template walked all of them

    def __getitem__(self, key: str) -> Any:
        if self.reads is not None:
            self.reads.add(key)
        return self.agencies[key]

    def __contains__(self, key: object) -> bool:
        if self.reads is not None and isinstance(key, str):
            self.reads.add(key)
        return key in self.agencies

    def __iter__(self) -> Iterator[str]:
        self.everything = self.reads is not None
        return iter(self.agencies)

    def __len__(self) -> int:
        self.everything = self.reads is not None
        return len(self.agencies)


@dataclass(frozen=True)
class _Entry:
    key: bytes
    reads: frozenset[str]
    seen: bytes  # hash of the agencies looked up, as they were


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


class RenderMemo:
    """What each page of the last complete build was made from (see the module's doc)."""

    def __init__(self, previous: Path, locate: Callable[[str], str] = lambda src: src) -> None:
        self.previous = previous  # the docs folder the last build left
        self.locate = locate  # where a page written as ``src`` ended up in it
        self.entries: dict[str, _Entry] = {}
        self.pending: dict[str, _Entry] = {}
        self.base = b""
        self.watched = WatchedAgencies({})
        self.rendered = self.reused = 0

    def start(self, base: tuple, agencies: Mapping[str, Any]) -> WatchedAgencies:
        """A new build with these globals; returns the agencies its templates must look up."""
        self.pending = {}
        self.rendered = self.reused = 0
        try:
            self.base = _hash(pickle.dumps(base, protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.base = os.urandom(20)  # nothing of the previous build can be trusted
        self.watched = WatchedAgencies(agencies)
        return self.watched

    def commit(self) -> None:
        """The build's pages are now the previous docs folder's."""
        self.entries, self.pending = self.pending, {}

    def _seen(self, reads: frozenset[str]) -> bytes:
        found = [(i, self.watched.agencies.get(i)) for i in sorted(reads)]
        return _hash(pickle.dumps(found, protocol=5))

    def write(self, src: str, target: Path, parts: tuple, render: Callable[[], str]) -> None:
        """Write the page ``src`` to ``target``: linked when unchanged, else ``render()``."""
        try:
            key = _hash(self.base + pickle.dumps(parts, protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError):
            key = None
        known = self.entries.get(src)
        if key is not None and known is not None and known.key == key:
            seen = self._seen(known.reads)
            if seen == known.seen and self._link(src, target):
                self.pending[src] = known
                self.reused += 1
                return
        self.watched.reads, self.watched.everything = set(), False
        try:
            text = render()
            reads = frozenset(self.watched.reads)
        finally:
            everything, self.watched.reads = self.watched.everything, None
        target.write_text(text, encoding="utf-8")
        self.rendered += 1
        if key is not None and not everything:
            self.pending[src] = _Entry(key, reads, self._seen(reads))

    def _link(self, src: str, target: Path) -> bool:
        try:
            os.link(self.previous / self.locate(src), target)
        except OSError:
            return False
        return True
