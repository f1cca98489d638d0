"""The post history: every post ever seen, kept under ``data/posts/`` and committed with the data.

Layout::

    data/posts/<platform>/<name>/<year>.jsonl   one post per line, one file per account and year
    data/posts/_status.json                     per-feed state: ETag, Last-Modified, last
                                                success, last error, consecutive failures

``<name>`` is the account's key without its platform (``instagram:dinkes.contoh`` ->
``instagram/dinkes.contoh``); when the key has characters unsafe in a file name or capital
letters (YouTube channel ids, which differ only in case on case-insensitive disks) a short
hash of the key is added (``youtube/UCabc~1a2b3c4d``). The year is the post's local year.

A line is compact JSON with sorted keys and short field names::

    {"g":"yt:video:abc","n":"Judul","s":"Ringkasan","t":"2026-11-20T10:15+07:00","u":"https://..."}

``t`` local time with offset (minutes), ``n`` title (plain text), ``u`` link (http/https;
absent when the feed gave none), ``g`` guid (only when it differs from the link), ``s`` a short
summary (only when it adds to the title), ``e`` 1 when ``t`` is the time first seen.
A post's identity is ``g`` when present, else ``u``.

Append-only and atomic: existing lines are never changed, removed or reordered; new posts of
a fetch are added at the end of their year file (sorted by time among themselves). A file is
updated by writing the whole new content to a temporary file in the same folder, fsync, then
``os.replace`` and an fsync of the folder: a reader (or a ``kanal fetch`` killed at any moment)
sees either the old or the new file, never a half-written one. Post files are written before
the status file, so the status (ETags) can lag behind the posts but never run ahead: after a
kill the next run fetches those feeds again and de-duplicates. Growth: about 110-200 bytes
per post (``scripts/make_demo_posts.py`` prints the figure for the demo history).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.feeds.parse import SUMMARY_MAX, TITLE_MAX, Post, all_clean, clean_text, web_link
from generator.feeds.storebatch import (
    FIELDS,
    SURROGATE_ESCAPE,
    Batch,
    check_text,
    from_pairs,
)
from generator.safeinput.files import (
    LINK_MESSAGE,
    MB,
    atomic_write,
    input_files,
    linked_part,
    read_bytes,
    read_text,
)
from generator.safeinput.problems import Location, Problems, display_path

STATUS_FILE = "_status.json"
_SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# One account's year is well under a megabyte even when it posts hourly.
POST_FILE_MAX_BYTES = 20 * MB


def account_parts(key: str) -> tuple[str, str]:
    """The platform folder and the account folder of a key (``platform:handle``)."""
    platform, _, name = key.partition(":")
    if not _SAFE.match(name) or ".." in name:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        name = re.sub(r"[^A-Za-z0-9._-]+|\.{2,}", "_", name).strip("._")[:60] + "~" + digest
    return platform, name


def account_dir(root: Path, key: str) -> Path:
    """The folder of an account's history, from its key (``platform:handle``)."""
    platform, name = account_parts(key)
    return root / platform / name


def post_record(post: Post) -> dict[str, Any]:
    rec: dict[str, Any] = {"t": post.time.isoformat(timespec="minutes"), "n": post.title}
    if post.link:
        rec["u"] = post.link
    if post.ident != post.link:
        rec["g"] = post.ident
    if post.summary:
        rec["s"] = post.summary
    if post.estimated:
        rec["e"] = 1
    return rec


def encode(post: Post) -> str:
    return json.dumps(post_record(post), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_SCAN = json.JSONDecoder().scan_once  # json.loads' own scanner, without its wrapper's cost


def _load_object(line: str) -> Any:
    """``json.loads(line)``; a line that is exactly one object skips the wrapper (about 4x
    faster per post); anything else goes through json.loads for its exact error message."""
    if line[:1] == "{":
        try:
            value, end = _SCAN(line, 0)
        except (StopIteration, json.JSONDecodeError):
            end = -1
        if end == len(line):
            return value
    return json.loads(line)


def check_texts(texts: list[str]) -> tuple[Batch, list[int]] | None:
    """:func:`generator.feeds.storebatch.check_text` of many files at once (a province's
    26,000 small year files cost more per call than per post): their posts in file order and
    each file's number of posts; None when any line of any file is not a good post (the
    caller then checks each file alone, which locates the bad lines). A file's lines are the
    same in the joined text, as each one ends with a line break there."""
    sizes = [text.count("\n") + (text[-1:] != "\n") if text else 0 for text in texts]
    batch = check_text("".join(t if t[-1:] == "\n" or not t else t + "\n" for t in texts))
    if batch is None or len(batch) != sum(sizes):
        return None
    return batch, sizes


def check_line(line: str) -> tuple[dt.datetime, dict[str, Any]]:
    """A stored line's time and record, every field checked; ValueError (in Indonesian) when
    it is not a post. The text is not cleaned yet (:func:`record_post` does that)."""
    try:
        rec = _load_object(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"bukan JSON yang valid ({exc.msg}, kolom {exc.colno})") from None
    except RecursionError:  # json's scanner recurses once a nested array or object
        raise ValueError("bukan JSON yang valid (terlalu banyak tingkat bersarang)") from None
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        raise ValueError("bukan JSON yang valid (angka terlalu panjang)") from None
    if not isinstance(rec, dict):
        raise ValueError("bukan objek JSON")
    if not rec.keys() <= FIELDS:
        raise ValueError(f"medan tidak dikenal: {', '.join(sorted(set(rec) - FIELDS))}")
    try:
        when = dt.datetime.fromisoformat(rec["t"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("medan 't' (waktu) hilang atau tidak valid") from None
    if when.tzinfo is None:
        raise ValueError("medan 't' harus memuat zona waktu, misalnya +07:00")
    title, link, guid, summary = rec.get("n"), rec.get("u"), rec.get("g"), rec.get("s", "")
    if not isinstance(title, str) or not isinstance(summary, str):
        raise ValueError("medan 'n' (judul) dan 's' harus teks")
    if link is not None and web_link(link) != link:
        raise ValueError("medan 'u' harus alamat http:// atau https://")
    if guid is not None and (not isinstance(guid, str) or not guid):
        raise ValueError("medan 'g' harus teks")
    if not (guid or link):
        raise ValueError("unggahan tanpa 'g' maupun 'u'")
    if SURROGATE_ESCAPE.search(line) and _lone_surrogate(rec):
        raise ValueError("teks memuat karakter tidak valid (surrogate tunggal, misalnya \\ud800)")
    return when, rec


def _lone_surrogate(rec: dict[str, Any]) -> bool:
    for value in rec.values():
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def record_title(rec: dict[str, Any]) -> str:
    """A checked record's title, cleaned (see :func:`record_post`)."""
    return clean_text(rec["n"], TITLE_MAX)


def clean_titles(titles: list[str]) -> list[str]:
    """:func:`record_title` of each record's stored title (``Batch.titles``): all at once
    when every one is clean already, the common case."""
    if all_clean(titles, TITLE_MAX):
        return titles
    return [clean_text(t, TITLE_MAX) for t in titles]


def record_post(when: dt.datetime, rec: dict[str, Any], title: str | None = None) -> Post:
    """A checked record (from :func:`check_line`) as a Post, its title and summary cleaned;
    ``title``: its clean title, when known already (:func:`clean_titles`).

    A history is a committed file anyone can edit: its text gets the same cleaning as a
    fetched feed's (no bidi overrides or terminal escapes on the pages, bounded length).
    """
    if title is None:
        title = record_title(rec)
    summary = clean_text(rec.get("s", ""), SUMMARY_MAX)
    link = rec.get("u")
    return Post(rec.get("g") or link, link, when, title, summary, bool(rec.get("e")))


def decode(line: str) -> Post:
    """A stored line back to a Post; ValueError (in Indonesian) when it is not one."""
    return record_post(*check_line(line))


def _raise_first(own: Problems, problems: Problems | None) -> None:
    """Without a problem list to report to (``kanal fetch``), a refused file stops the account."""
    if problems is None and own.errors:
        raise ValueError(str(own.errors[0]))


@dataclass
class History:
    """One account's stored posts."""

    posts: list[Post] = field(default_factory=list)

    @property
    def identities(self) -> set[str]:
        return {p.ident for p in self.posts}


class Store:
    """The history store under ``root`` (usually ``data/posts``)."""

    def __init__(self, root: Path):
        self.root = root
        self._links_reported: set[Path] = set()
        self._root_shown: str | None = None  # display_path of the root's resolved form
        self._real_folders: set[str] = set()  # the root and platform folders: no link

    def _shown(self, path: Path) -> str:
        """``display_path(path)`` for a file that files() returned, resolving only the root
        once: files() refuses a link anywhere from the root down, so the rest is as named."""
        if self._root_shown is None:
            try:
                self._root_shown = str(self.root.resolve().relative_to(Path.cwd().resolve()))
            except ValueError:
                self._root_shown = ""
        if not self._root_shown:
            return str(path)
        return str(Path(self._root_shown) / path.relative_to(self.root))

    def files(self, key: str, problems: Problems | None = None) -> list[Path]:
        """An account's year files; links and odd entries are reported, never followed."""
        own = Problems() if problems is None else problems
        folder = account_dir(self.root, key)
        link = linked_part(self.root, folder)
        if link is not None:
            # One report for a linked folder, not one per account under it.
            if link not in self._links_reported:
                self._links_reported.add(link)
                own.error(Location(display_path(link)), "", LINK_MESSAGE)
            found: list[Path] = []
        else:
            found = input_files(folder, (".jsonl",), own, recursive=False)
        _raise_first(own, problems)
        return found

    def _year_files(self, key: str, problems: Problems | None) -> list[tuple[str, str]]:
        """:meth:`files` as (path, shown path) strings, for the common case of a real folder
        of regular files: a province's 13,000 accounts spent more time in pathlib than in
        the system calls. Anything else (a link, another kind of entry, an error) is left to
        :meth:`files`, which reports it."""
        root = str(self.root)
        platform, name = account_parts(key)
        middle = f"{root}/{platform}"  # plain names (account_parts): no join needed
        folder = f"{middle}/{name}"
        try:
            # As linked_part: the root and each folder down to the account's, none a link
            # (the root and the platform folders looked at once for the whole pass).
            for part in (root, middle, folder):
                if part in self._real_folders:
                    continue
                mode = os.lstat(part).st_mode
                if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
                    return self._slow_files(key, problems)
                if part is not folder:
                    self._real_folders.add(part)
            with os.scandir(folder) as listing:
                entries = list(listing)
        except FileNotFoundError:
            return []  # no history (yet): no files and no error, as input_files
        except OSError:
            return self._slow_files(key, problems)
        names = []
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):  # a link, a folder, a FIFO, ...
                return self._slow_files(key, problems)
            if entry.name.endswith(".jsonl"):
                names.append(entry.name)
        shown = self._shown_folder(platform, name)
        return [(f"{folder}/{n}", f"{shown}/{n}") for n in sorted(names)]

    def _slow_files(self, key: str, problems: Problems | None) -> list[tuple[str, str]]:
        return [(str(path), self._shown(path)) for path in self.files(key, problems)]

    def _shown_folder(self, platform: str, name: str) -> str:
        """``_shown`` of an account's folder, as strings (its parts are plain names)."""
        if self._root_shown is None:
            self._shown(self.root)
        base = self._root_shown or str(self.root)
        return f"{platform}/{name}" if base == "." else f"{base}/{platform}/{name}"

    def batches(self, key: str, problems: Problems | None = None) -> Iterator[Batch]:
        """Every stored post of an account, checked, as one :class:`Batch` per file in file
        order; a bad line is reported (with file:line) and skipped. A file is checked whole
        first (:func:`generator.feeds.storebatch.check_text`), line by line only when that
        fails. Text is not cleaned here: the build cleans only the posts it shows
        (:func:`record_post`)."""
        own = Problems() if problems is None else problems
        for path, shown in self._year_files(key, problems):
            text = read_text(path, shown, own, POST_FILE_MAX_BYTES)
            _raise_first(own, problems)
            yield self.file_batch(path, shown, text or "", problems)

    def texts(self, key: str, problems: Problems) -> list[tuple[str, str, str]]:
        """An account's year files as (path, shown path, text), read but not checked yet
        (:func:`check_texts`, :meth:`file_batch`); a file that cannot be read is reported and
        read as empty, as :meth:`batches` reads it."""
        return [
            (path, shown, read_text(path, shown, problems, POST_FILE_MAX_BYTES) or "")
            for path, shown in self._year_files(key, problems)
        ]

    def file_batch(self, path: str, shown: str, text: str, problems: Problems | None) -> Batch:
        """A file's posts, checked whole, or line by line when that fails (see :meth:`batches`)."""
        batch = check_text(text)
        if batch is None:
            batch = from_pairs(list(self._check_each(text.splitlines(), path, shown, problems)))
        return batch

    @staticmethod
    def _check_each(
        lines: list[str], path: str, shown: str, problems: Problems | None
    ) -> Iterator[tuple[dt.datetime, dict[str, Any]]]:
        """The good lines of a file checked one by one; each bad one reported."""
        for number, line in enumerate(lines, 1):
            try:
                yield check_line(line)
            except ValueError as exc:
                if not line.strip():
                    continue
                if problems is None:
                    raise ValueError(f"{path}:{number}: {exc}") from None
                problems.error(Location(shown, number), "", f"baris riwayat unggahan rusak: {exc}")

    def columns(self, key: str, problems: Problems | None = None) -> Batch:
        """Every stored post of an account (:meth:`batches`) as one batch."""
        whole = Batch()
        for batch in self.batches(key, problems):
            whole.extend(batch)
        return whole

    def scan(
        self, key: str, problems: Problems | None = None
    ) -> Iterator[tuple[dt.datetime, dict[str, Any]]]:
        """Every stored post of an account as (time, checked record), in file and line order;
        a bad line is reported (with file:line) and skipped (:meth:`batches`)."""
        for batch in self.batches(key, problems):
            yield from zip(batch.whens, batch.recs, strict=True)

    def read(self, key: str, problems: Problems | None = None) -> History:
        """Every stored post of an account; a bad line is reported (with file:line) and skipped."""
        return History([record_post(when, rec) for when, rec in self.scan(key, problems)])

    def add(self, key: str, posts: Iterable[Post], known: set[str] | None = None) -> int:
        """Append the posts not stored yet (by identity); returns how many were new."""
        if known is None:
            known = self.read(key).identities
        fresh: dict[int, list[Post]] = {}
        for post in posts:
            if post.ident in known:
                continue
            known.add(post.ident)
            fresh.setdefault(post.time.year, []).append(post)
        folder = account_dir(self.root, key)
        for year, items in sorted(fresh.items()):
            path = folder / f"{year}.jsonl"
            old = b""
            if os.path.lexists(path):  # never read (and copy) what a link points to
                own = Problems()
                old = read_bytes(path, display_path(path), own, POST_FILE_MAX_BYTES) or b""
                _raise_first(own, None)
            if old and not old.endswith(b"\n"):
                old += b"\n"  # a hand-edited file without a final newline
            lines = "".join(
                encode(p) + "\n" for p in sorted(items, key=lambda p: (p.time, p.ident))
            )
            atomic_write(path, old + lines.encode("utf-8"))
        return sum(len(items) for items in fresh.values())

    def remove_leftovers(self) -> int:
        """Delete temporary files a killed run left behind (never part of the store)."""
        count = 0
        if self.root.is_dir():
            for tmp in self.root.rglob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                count += 1
        return count

    # -- per-feed status -------------------------------------------------------------------

    @property
    def status_path(self) -> Path:
        return self.root / STATUS_FILE

    def read_status(self, problems: Problems | None = None) -> dict[str, dict[str, Any]]:
        path = self.status_path
        if not os.path.lexists(path):
            return {}
        own = Problems()
        text = read_text(path, display_path(path), own, POST_FILE_MAX_BYTES)  # no link, no FIFO
        if text is None:
            _raise_first(own, problems)
            assert problems is not None
            problems.extend(own)
            return {}
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise ValueError("harus objek JSON berisi satu objek per akun")
        except (ValueError, OSError) as exc:
            if problems is None:
                raise
            problems.error(
                Location(display_path(path)), "", f"status feed tidak bisa dibaca: {exc}"
            )
            return {}
        return data

    def write_status(self, status: dict[str, dict[str, Any]]) -> None:
        """One feed per line, sorted: small diffs when the office commits it every day."""
        lines = [
            json.dumps(k, ensure_ascii=False)
            + ":"
            + json.dumps(status[k], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            for k in sorted(status)
        ]
        text = "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
        atomic_write(self.status_path, text.encode("utf-8"))
