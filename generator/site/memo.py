"""Pages of the previous build, reused while their inputs are the same (``kanal serve``).

A page is a function of what its template is given, of the Renderer's globals and of the
agencies its template looked up by id (``agencies[...]``: a village's kecamatan, a ranked
agency). The key of a page hashes the first two (pickled: the whole object graph, so an edited
agency reached from the context changes it); the agencies looked up are recorded while the page
renders and compared next time. A page whose key and looked-up agencies are the same is left as it
is in the previous docs folder (:attr:`RenderMemo.kept`) instead of being rendered again; anything that cannot be pickled
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

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecode(BytecodeCache):
    """Compiled templates kept in memory for the process: every build makes a new template
    environment (Kanal's and MkDocs'), and compiling the same templates again was a third of
    a preview's rebuild. Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecode()


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

    def __init__(
        self,
        previous: Path,
        locate: Callable[[str], str] = lambda src: src,
        files: Path | None = None,
    ) -> None:
        self.previous = previous  # the docs folder the last build left
        self.locate = locate  # where a page written as ``src`` ended up in it
        self.files = files  # the folder of files past MkDocs (posters) the last build left
        self.entries: dict[str, _Entry] = {}
        self.pending: dict[str, _Entry] = {}
        self.base = b""
        self.watched = WatchedAgencies({})
        self._digests: dict[str, bytes] = {}  # this build's agencies, pickled and hashed
        # This build's context values by identity: one object (a site's posting activity)
        # given to many pages is pickled once. Nothing changes them while pages are written.
        self._values: dict[int, tuple[Any, bytes]] = {}
        self.rendered = self.reused = 0
        self.kept: set[str] = set()  # pages left as they are in the previous docs folder
        self.kept_files: set[str] = set()  # the same in the previous files folder
        self._derived: list[tuple[Any, Any]] = []

    def start(self, base: tuple, agencies: Mapping[str, Any]) -> WatchedAgencies:
        """A new build with these globals; returns the agencies its templates must look up."""
        self.pending = {}
        self._digests = {}
        self._values = {}
        self.kept, self.kept_files = set(), set()
        self.rendered = self.reused = 0
        try:
            self.base = _hash(pickle.dumps(base, protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.base = os.urandom(20)  # nothing of the previous build can be trusted
        self.watched = WatchedAgencies(agencies)
        if self._derived:
            whole = _hash(b"".join(self._digest(i) for i in agencies))
            for value, token in self._derived:
                self._values[id(value)] = (value, _hash(pickle.dumps(token) + whole))
            self._derived = []
        return self.watched

    def derive(self, value: Any, token: Any) -> None:
        """For the next build: ``value`` (a site's posting activity: megabytes to pickle) is a
        function of the directory and of what ``token`` names; it is keyed by those."""
        self._derived.append((value, token))

    def commit(self) -> None:
        """The build's pages are now the previous docs folder's."""
        self.entries, self.pending = self.pending, {}

    def _key(self, parts: tuple) -> bytes:
        """The base, the plain parts, and each value of a context (a dict) by its own hash."""
        h = hashlib.blake2b(self.base, digest_size=20)
        for part in parts:
            if not isinstance(part, dict):
                h.update(_hash(pickle.dumps(part, protocol=5)))
                continue
            for name, value in part.items():
                known = self._values.get(id(value))
                if known is None or known[0] is not value:
                    known = self._values[id(value)] = (
                        value,
                        _hash(pickle.dumps(value, protocol=5)),
                    )
                h.update(name.encode() + b"\0" + known[1])
        return h.digest()

    def _seen(self, reads: frozenset[str]) -> bytes:
        return _hash(b"".join(self._digest(i) for i in sorted(reads)))

    def agency_token(self, agency_id: str) -> bytes:
        """The hash of one agency of this build, as it is (for keys made of agencies)."""
        return self._digest(agency_id)

    def _digest(self, agency_id: str) -> bytes:
        found = self._digests.get(agency_id)
        if found is None:
            agency = self.watched.agencies.get(agency_id)
            found = self._digests[agency_id] = _hash(pickle.dumps((agency_id, agency), protocol=5))
        return found

    def write(
        self,
        src: str,
        target: Path,
        parts: tuple,
        render: Callable[[], str],
        past_mkdocs: bool = False,
    ) -> None:
        """Write the page ``src`` to ``target``, or keep the previous one when unchanged.
        ``past_mkdocs``: a file of the files folder (a poster), not of the docs folder."""
        try:
            key = self._key(parts)
        except (pickle.PicklingError, TypeError, AttributeError):
            key = None
        memo_src = "files:" + src if past_mkdocs else src  # the two folders may share a path
        known = self.entries.get(memo_src)
        if key is not None and known is not None and known.key == key:
            kept, previous, kept_set = self.locate(src), self.previous, self.kept
            if past_mkdocs:
                kept, previous, kept_set = src, self.files, self.kept_files
            if (
                previous is not None
                and self._seen(known.reads) == known.seen
                and (previous / kept).is_file()
            ):
                self.pending[memo_src] = known
                kept_set.add(kept)
                self.reused += 1
                return
        self.watched.reads, self.watched.everything = set(), False
        try:
            text = render()
            reads = frozenset(self.watched.reads)
        finally:
            everything, self.watched.reads = self.watched.everything, None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.rendered += 1
        if key is not None and not everything:
            self.pending[memo_src] = _Entry(key, reads, self._seen(reads))
