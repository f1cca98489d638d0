"""Pages of the previous build, reused while their inputs are the same (``kanal serve``).

A page is a function of what its template is given, of the Renderer's globals and of the
agencies its template looked up by id (``agencies[...]``: a village's kecamatan, a ranked
agency). The key of a page hashes the first two (pickled: the whole object graph, so an edited
agency reached from the context changes it); the agencies looked up are recorded while the page
renders and compared next time. A page whose key and looked-up agencies are the same is left as it
is in the previous docs folder (:attr:`RenderMemo.kept`) instead of being rendered again; anything that cannot be pickled
is rendered every time.

Hashing is what a rebuild mostly costs, so it is kept small: an agency is pickled once per
build and only when one of its fields is another object than last time (a kept agency's fields
are the very objects of the previous build, see :class:`generator.registry.cache.AgencyMemo`);
a context names the directory's agencies it holds by their hash instead of pickling them again
(:class:`_Pickler`). Other generated files (the checker index's shards) are compared by their
bytes' hash and left in place when the same (:meth:`RenderMemo.write_bytes`).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from generator.registry.models import Agency


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


def _agency_ref(digest: bytes) -> bytes:
    """Stands for an agency in a pickled context (never called: the pickle is only hashed)."""
    return digest


class _Pickler(pickle.Pickler):
    """Pickles a context with each of the build's agencies replaced by its hash."""

    def __init__(self, file: io.BytesIO, digest: Callable[[Agency], bytes | None]) -> None:
        super().__init__(file, protocol=5)
        self.digest = digest

    def reducer_override(self, obj: Any) -> Any:
        # Called for class instances only (not for str, int, list, dict...): cheap enough.
        if type(obj) is Agency:
            found = self.digest(obj)
            if found is not None:
                return _agency_ref, (found,)
        return NotImplemented


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
        self.files_folder = files  # the folder of files past MkDocs (posters) the last build left
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
        self.written_files: set[str] = set()
        self._derived: list[tuple[Any, Any, bool]] = []
        # Each agency's fields (the objects themselves) and hash, kept across builds.
        self._agency_hashes: dict[str, tuple[tuple[Any, ...], bytes]] = {}
        self.files: dict[str, bytes] = {}  # other files of the last build: path -> hash
        self.tree: set[str] | None = None  # every path in the docs folder, when known
        self._files: dict[str, bytes] = {}

    def start(self, base: tuple, agencies: Mapping[str, Any]) -> WatchedAgencies:
        """A new build with these globals; returns the agencies its templates must look up."""
        self.pending = {}
        self._digests = {}
        self._values = {}
        self._files = {}
        self.kept, self.kept_files = set(), set()
        self.written_files: set[str] = set()  # files past MkDocs written by this build
        self.rendered = self.reused = 0
        try:
            self.base = _hash(pickle.dumps(base, protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.base = os.urandom(20)  # nothing of the previous build can be trusted
        self.watched = WatchedAgencies(agencies)
        if self._derived:
            whole = b""
            if any(not alone for _, _, alone in self._derived):
                whole = _hash(b"".join(self._digest(i) for i in agencies))
            for value, token, alone in self._derived:
                self._values[id(value)] = (
                    value,
                    _hash(pickle.dumps(token) + (b"" if alone else whole)),
                )
            self._derived = []
        return self.watched

    def derive(self, value: Any, token: Any, alone: bool = False) -> None:
        """For the next build: ``value`` (a site's posting activity: megabytes to pickle) is a
        function of the directory and of what ``token`` names; it is keyed by those. ``alone``:
        of what ``token`` names only (the complaint figures: of the records, kept while their
        files and the agencies' names are the same)."""
        self._derived.append((value, token, alone))

    def name_after(self, value: Any, source: Any, token: Any) -> None:
        """``value`` (a week of a province's posting activity: 9,174 rows to pickle) is a
        function of ``source`` (a value :meth:`derive` named for this build) and of ``token``:
        keyed by those instead of pickled. Nothing happens when ``source`` is not named."""
        known = self._values.get(id(source))
        if known is not None and known[0] is source:
            self._values[id(value)] = (value, _hash(known[1] + pickle.dumps(token)))

    def commit(self) -> None:
        """The build's pages are now the previous docs folder's."""
        self.entries, self.pending = self.pending, {}
        self.files, self._files = self._files, {}
        alive = self.watched.agencies
        for gone in [i for i in self._agency_hashes if i not in alive]:
            del self._agency_hashes[gone]

    def forget(self) -> None:
        """The build folder may be half replaced: trust none of it."""
        self.entries.clear()
        self.files.clear()
        self.tree = None

    def write_bytes(self, path: str, target: Path, data: bytes) -> None:
        """Write a generated file (``path`` under the docs folder) to ``target``, or keep the
        previous build's when its bytes are the same."""
        digest = _hash(data)
        self._files[path] = digest
        if self.files.get(path) == digest and (self.previous / path).is_file():
            self.kept.add(path)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def _pickled(self, value: Any) -> bytes:
        """The hash of ``value`` pickled, the build's agencies in it by their own hash."""
        out = io.BytesIO()
        _Pickler(out, self._own_digest).dump(value)
        return _hash(out.getbuffer())

    def _own_digest(self, agency: Agency) -> bytes | None:
        """The hash of ``agency`` when it is the build's agency of its id (else None)."""
        if self.watched.agencies.get(agency.id) is not agency:
            return None
        return self._digest(agency.id)

    def _key(self, parts: tuple) -> bytes:
        """The base, the plain parts, and each value of a context (a dict) by its own hash."""
        h = hashlib.blake2b(self.base, digest_size=20)
        for part in parts:
            if type(part) is bytes:  # an agency's token (posters): hashed already
                h.update(b"b" + _hash(part))
                continue
            if not isinstance(part, dict):
                h.update(self._pickled(part))
                continue
            for name, value in part.items():
                known = self._values.get(id(value))
                if known is None or known[0] is not value:
                    known = self._values[id(value)] = (value, self._pickled(value))
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
            found = self._digests[agency_id] = self._agency_hash(agency_id)
        return found

    def _agency_hash(self, agency_id: str) -> bytes:
        """The hash of one agency pickled, or of last build's when each of its fields is the
        same object as then (the list of children: equal). Nothing changes a validated
        agency's fields in place; an agency checked again is made of new objects."""
        agency = self.watched.agencies.get(agency_id)
        if agency is None:
            return _hash(pickle.dumps((agency_id, None), protocol=5))
        fields = tuple(vars(agency).values())
        known = self._agency_hashes.get(agency_id)
        if known is not None and _same_fields(known[0], fields, agency.children):
            return known[1]
        digest = _hash(pickle.dumps((agency_id, agency), protocol=5))
        self._agency_hashes[agency_id] = (fields, digest)
        return digest

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
                kept, previous, kept_set = src, self.files_folder, self.kept_files
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
        if past_mkdocs:
            self.written_files.add(src)
        if key is not None and not everything:
            self.pending[memo_src] = _Entry(key, reads, self._seen(reads))


def _same_fields(old: tuple[Any, ...], new: tuple[Any, ...], children: list[str]) -> bool:
    return len(old) == len(new) and all(
        a is b or (b is children and a == b) for a, b in zip(old, new, strict=True)
    )
