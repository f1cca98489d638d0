"""The post records (``posts-YYYY.csv.gz`` and the ``posts`` table of ``posts.sqlite``),
written account by account from the posts as they are read.

A build reads and checks every stored post once, in the check stage
(:func:`generator.feeds.activity.load_history`, in a worker beside the complaint records);
the same pass hands each account's checked posts here, so the published records are written
without reading and checking the million stored posts of a province a second time. The
files wait in a private folder until the open data is written
(:func:`generator.feeds.opendata.write_post_data` adds the feed table and the indexes and moves
them into the site); a build that stops before removes the folder.

Per account, in the directory's order, its posts up to the reference date sorted by time
(stored order among equal times), by local year: the order the records always had. The
columns are made with numpy for many accounts at once (local time and date from epoch
microseconds, as :mod:`generator.feeds.history` computes the dates), not per post with
``astimezone``.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np

from generator.build.stop import checkpoint
from generator.feeds.history import FIXED_FROM_US, FIXED_UNTIL_US, fixed_offset
from generator.feeds.storebatch import Batch
from generator.opendata.cells import FORMULA_START, spreadsheet_text
from generator.opendata.gz import BLOCK, blocks, gzip_writer
from generator.registry.models import Account

POSTS_PREFIX = "posts-"
POSTS_DB = "posts.sqlite"
POSTS_TABLE = "posts"
FEEDS_TABLE = "feeds"
# name, Frictionless type, description (Indonesian: the site's readers)
POST_FIELDS: list[tuple[str, str, str]] = [
    ("agency", "string", "id instansi pemilik akun (lihat agencies.csv)."),
    (
        "platform",
        "string",
        "Platform akun: instagram, x, facebook, youtube, tiktok, threads, website.",
    ),
    ("account", "string", "Alamat profil akun, sama dengan kolom url di accounts.csv."),
    (
        "time",
        "datetime",
        "Waktu unggahan menurut feed, ISO 8601 dalam zona waktu daerah (dengan offset).",
    ),
    (
        "date",
        "date",
        "Tanggal setempat unggahan (10 karakter pertama 'time'); dasar angka 'aktif mengunggah'.",
    ),
    (
        "estimated",
        "boolean",
        "true bila feed tidak memberi waktu dan 'time' adalah saat unggahan pertama terlihat.",
    ),
    (
        "link",
        "string",
        "Tautan unggahan yang diberikan feed (http/https), bila ada; kosong bila tautan tidak "
        "di platform atau situs akun itu sendiri (tidak diterbitkan).",
    ),
    (
        "title",
        "string",
        "Judul unggahan seperti tampil di feed (teks polos, paling panjang 200 karakter).",
    ),
]
FEED_FIELDS: list[tuple[str, str, str]] = [
    ("agency", "string", "id instansi pemilik akun."),
    ("platform", "string", "Platform akun."),
    ("account", "string", "Alamat profil akun (kolom url di accounts.csv)."),
    (
        "social",
        "boolean",
        "true bila akun media sosial (dihitung untuk 'aktif mengunggah'); false untuk situs web.",
    ),
    ("feed", "string", "Alamat feed yang dibaca kanal fetch; kosong bila akun tanpa feed."),
    (
        "status",
        "string",
        "active (unggahan dalam 14 hari), quiet (14-29 hari), dormant (30 hari atau lebih), "
        "failing (feed gagal dibaca), no_feed (tanpa feed dan tanpa riwayat).",
    ),
    ("posts", "integer", "Unggahan tersimpan sampai tanggal acuan."),
    ("last_post", "date", "Tanggal setempat unggahan terakhir."),
    ("last_success", "string", "Waktu terakhir feed berhasil dibaca (ISO 8601)."),
    ("last_error_at", "string", "Waktu kegagalan terakhir (ISO 8601)."),
    ("last_error", "string", "Pesan kegagalan terakhir."),
    ("consecutive_failures", "integer", "Kegagalan berturut-turut sejak keberhasilan terakhir."),
]
POST_NAMES = [n for n, _, _ in POST_FIELDS]
_SQL = {"integer": "INTEGER", "boolean": "INTEGER"}  # the rest TEXT
_EPOCH_DAY = np.datetime64("1970-01-01", "D")
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


class _Compressor:
    """Compresses the year files on a thread of its own: ISA-L (generator.opendata.gz) lets go
    of the GIL while it compresses, so the gzip of a province's records runs beside the
    reading of the posts. Chunks are handed over a megabyte at a time (few switches between
    the threads); at most ``QUEUED`` wait."""

    QUEUED = 8

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[gzip.GzipFile, list[bytes]] | None] = queue.Queue(self.QUEUED)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kanal-gzip", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.error is None:
                try:
                    for chunk in item[1]:
                        item[0].write(chunk)
                except BaseException as exc:  # noqa: BLE001 - raised again by write/close
                    self.error = exc

    def write(self, gz: gzip.GzipFile, chunks: list[bytes]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((gz, chunks))

    def close(self) -> None:
        """Wait until everything handed over is compressed; raise what failed."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


class _Handover(io.BufferedIOBase):
    """Where a year file's text goes: gathered and handed to the compressor in whole BLOCKs
    (generator.opendata.gz: the bytes depend only on the text, not on how it was written)."""

    def __init__(self, gz: gzip.GzipFile, compressor: _Compressor):
        super().__init__()
        self.gz, self.compressor = gz, compressor
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.size += len(chunk)
        if self.size >= BLOCK:
            self.hand_over(final=False)
        return len(chunk)

    def hand_over(self, final: bool) -> None:
        cut, rest = blocks(self.parts, final)
        if cut:
            self.compressor.write(self.gz, cut)
        self.parts, self.size = ([rest] if rest else []), len(rest)


class _GzipCsv:
    """A deterministic gzip-compressed CSV file (no name, no time in the header)."""

    def __init__(self, path: Path, header: list[str], compressor: _Compressor):
        self.raw = path.open("wb")
        self.gz = gzip_writer(self.raw)
        self.handover = _Handover(self.gz, compressor)
        self.text = io.TextIOWrapper(self.handover, encoding="utf-8", newline="")
        csv.writer(self.text, lineterminator="\n").writerow(header)

    def flush(self) -> None:
        """Hand what is left to the compressor (the file's last block)."""
        self.text.flush()
        self.handover.hand_over(final=True)

    def close(self) -> None:
        """After the compressor has finished: the trailer, then the file."""
        self.gz.close()
        self.raw.close()


_QUOTED = re.compile(r'[,"\r\n]')
_FORMULA = re.compile("\0[" + re.escape("".join(sorted(FORMULA_START))) + "]")
_LINE_END = re.compile(r"[\r\n]")


def csv_field(value: str) -> str:
    """``value`` as csv.writer writes a field (the excel dialect, minimal quoting): a comma or
    a quote is quoted, quotes doubled; a line break (which cleaned titles and checked links
    never hold) as csv.writer itself writes it, whose rule for it differs between versions."""
    if not _QUOTED.search(value):
        return value
    if _LINE_END.search(value):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([value, ""])
        return out.getvalue()[:-2]
    return '"' + value.replace('"', '""') + '"'


def csv_prefix(*cells: str) -> str:
    """The first fields of a line, as csv.writer writes them, with the comma after them."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*map(spreadsheet_text, cells), ""])
    return out.getvalue()[:-1]


def open_db(path: Path) -> sqlite3.Connection:
    """``posts.sqlite``, written once: no journal, no sync (a failed build discards it)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


def create_tables(db: sqlite3.Connection) -> None:
    """Both tables of ``posts.sqlite``, the feed table first."""
    for table, spec in ((FEEDS_TABLE, FEED_FIELDS), (POSTS_TABLE, POST_FIELDS)):
        cols = ", ".join(f'"{n}" {_SQL.get(k, "TEXT")}' for n, k, _ in spec)
        db.execute(f'CREATE TABLE "{table}" ({cols})')


_FALSE = np.array([ord(c) for c in "false,"], dtype=np.uint32)
_TRUE = np.array([*(ord(c) for c in "true,"), 0], dtype=np.uint32)


class _Local(NamedTuple):
    """Local times of rows: ISO stamps, dates, years, the stamps' character codes (None when
    the zone has no fixed offset) and the rows converted one by one (outside it)."""

    stamps: list[str]
    dates: list[str]
    years: np.ndarray
    codes: np.ndarray | None
    odd: Sequence[int]


@dataclass
class _Waiting:
    """One account's rows, waiting to be written with the accounts after it."""

    prefix: str  # its CSV lines' first fields: agency, platform, account, and a comma
    heads: tuple[str, str, str]  # the same three values, for the database
    times: np.ndarray  # epoch microseconds of its posts up to the reference date, in time order
    days: np.ndarray  # their local dates (ordinals)
    whens: Sequence[dt.datetime]  # the account's times in stored order ...
    order: np.ndarray  # ... and the stored index of each row (only read for odd times)
    estimated: list[int]
    links: list[str | None]
    titles: list[str]


class PostRecords:
    """Writes the post records of one build into ``folder``, account after account.

    Rows are converted and written ``CHUNK`` at a time rather than per account: numpy's cost
    per call, spread over the few dozen posts of an account, had cost more than the work."""

    CHUNK = 16_384
    ROWS = 128  # rows of the database inserted by one statement (x 8 values: SQLite allows 32,766)

    def __init__(self, folder: Path, zone: str, today: dt.date):
        self.folder = folder
        self.zone = zone
        self.tz = ZoneInfo(zone)
        self.today = today.toordinal()
        self.offset = fixed_offset(zone)
        self.suffix = ""
        if self.offset is not None:  # "+07:00", as isoformat writes the zone's offset
            fixed = dt.timezone(dt.timedelta(microseconds=self.offset))
            self.suffix = dt.datetime(2000, 1, 1, tzinfo=fixed).isoformat(timespec="minutes")[16:]
        folder.mkdir(parents=True, exist_ok=True)
        self.db = open_db(folder / POSTS_DB)
        create_tables(self.db)
        row = f"({', '.join('?' * len(POST_NAMES))})"
        self.insert = f'INSERT INTO "{POSTS_TABLE}" VALUES {row}'
        self.insert_many = f'INSERT INTO "{POSTS_TABLE}" VALUES {", ".join([row] * self.ROWS)}'
        self.years: dict[int, _GzipCsv] = {}
        self.compressor = _Compressor()
        self.waiting: list[_Waiting] = []
        self.rows = 0

    def add(
        self,
        agency: str,
        account: Account,
        batch: Batch,
        titles: list[str],
        times: np.ndarray,
        days: np.ndarray,
    ) -> None:
        """One account's checked posts (in stored order), with their clean titles
        (:func:`generator.feeds.store.clean_titles`), epoch microseconds and local dates
        (ordinals) as :mod:`generator.feeds.history` made them."""
        checkpoint()  # kanal serve: a new edit stops the open data of the last one
        kept = np.flatnonzero(days <= self.today)
        n = len(kept)
        if not n:
            return
        estimated, links = batch.column("e"), batch.column("u")
        if n == len(times) and bool((times[1:] >= times[:-1]).all()):
            # Stored in time order (as kanal fetch appends): the sort would change nothing.
            order = np.arange(n)
        else:
            order = kept[np.argsort(times[kept], kind="stable")]
            times, days = times[order], days[order]
            pick = itemgetter(*order.tolist()) if n > 1 else lambda c: (c[int(order[0])],)
            estimated, links, titles = list(pick(estimated)), list(pick(links)), list(pick(titles))
        # 0 and 1 rather than False and True: SQLite stores the same integers, and the
        # sqlite3 module binds an int without looking for an adapter (a bool it does not).
        estimated = [1 if e else 0 for e in estimated] if "e" in batch.keys else [0] * n
        heads = (agency, account.platform.value, account.url)
        self.waiting.append(
            _Waiting(
                csv_prefix(*heads), heads, times, days, batch.whens, order, estimated, links, titles
            )
        )
        self.rows += n
        if self.rows >= self.CHUNK:
            self._write()

    def add_group(
        self,
        owners: Sequence[tuple[str, Account]],
        sizes: Sequence[int],
        batch: Batch,
        titles: list[str],
        times: np.ndarray,
        days: np.ndarray,
    ) -> None:
        """:meth:`add` of consecutive accounts at once (``owners``: each one's agency id and
        account; ``sizes``: its number of posts in ``batch``, after the accounts before it),
        with one sort for all of them: the same rows, written at the same points."""
        owner = np.repeat(np.arange(len(sizes)), sizes)
        kept = np.flatnonzero(days <= self.today)
        kept_owner = owner[kept]
        per_account = np.bincount(kept_owner, minlength=len(sizes)).tolist()
        # Per account by time, equal times in the stored order (lexsort is stable).
        order = kept[np.lexsort((times[kept], kept_owner))]
        n = len(order)
        estimated, links = batch.column("e"), batch.column("u")
        if n != len(times) or not bool((order == np.arange(n)).all()):
            times, days = times[order], days[order]
            pick = itemgetter(*order.tolist()) if n > 1 else lambda c: tuple(c[i] for i in order)
            estimated, links, titles = list(pick(estimated)), list(pick(links)), list(pick(titles))
        estimated = [1 if e else 0 for e in estimated] if "e" in batch.keys else [0] * n
        at = 0
        for (agency, account), rows in zip(owners, per_account, strict=True):
            if not rows:
                continue
            end = at + rows
            heads = (agency, account.platform.value, account.url)
            self.waiting.append(
                _Waiting(
                    csv_prefix(*heads),
                    heads,
                    times[at:end],
                    days[at:end],
                    batch.whens,
                    order[at:end],
                    estimated[at:end],
                    links[at:end],
                    titles[at:end],
                )
            )
            at = end
            self.rows += rows
            if self.rows >= self.CHUNK:
                self._write()

    def _write(self) -> None:
        """Write the waiting accounts' rows: to the database, then to each year's file."""
        waiting, self.waiting, self.rows = self.waiting, [], 0
        if not waiting:
            return
        sizes = [len(w.titles) for w in waiting]
        starts = np.cumsum([0, *sizes[:-1]])

        def when_of(row: int) -> dt.datetime:
            k = int(np.searchsorted(starts, row, side="right")) - 1
            return waiting[k].whens[int(waiting[k].order[row - int(starts[k])])]

        times = np.concatenate([w.times for w in waiting])
        days = np.concatenate([w.days for w in waiting])
        local = self._local(times, days, when_of)
        stamps, dates, years = local.stamps, local.dates, local.years
        estimated = list(chain.from_iterable(w.estimated for w in waiting))
        links = list(chain.from_iterable(w.links for w in waiting))
        titles = list(chain.from_iterable(w.titles for w in waiting))
        heads = [
            list(chain.from_iterable(repeat(w.heads[c], len(w.titles)) for w in waiting))
            for c in range(3)
        ]
        # ROWS rows a statement (one statement a row cost a fifth more in the sqlite3
        # module), the rest one by one: the same rows in the same order, the same file.
        flat = list(
            chain.from_iterable(zip(*heads, stamps, dates, estimated, links, titles, strict=True))
        )
        width, rows = len(POST_NAMES), self.ROWS
        full = len(titles) - len(titles) % rows
        for start in range(0, full * width, rows * width):
            self.db.execute(self.insert_many, flat[start : start + rows * width])
        rest = flat[full * width :]
        self.db.executemany(self.insert, zip(*[iter(rest)] * width, strict=True))
        # CSV cells (opendata.cells): booleans as words, no link as empty, a title a
        # spreadsheet would run as a formula with a leading apostrophe; lines are joined here
        # rather than by csv.writer (3.6 s of a province's 1,040,000 rows), quoted as
        # csv.writer quotes (csv_field), each rule tested over all the cells at once first.
        quoted = _QUOTED.search
        # A link is http(s) (store.check_line): never a formula, at most quoted.
        link_cells = links
        if None in links or quoted("".join(links)):
            link_cells = [(csv_field(u) if quoted(u) else u) if u else "" for u in links]
        # Clean titles hold no NUL: joined by NULs, one search finds a formula's start.
        title_cells = titles
        joined = "\0".join(titles)
        if _FORMULA.search("\0" + joined):
            title_cells = [t if t[:1] not in FORMULA_START else "'" + t for t in titles]
        if quoted(joined):
            # A clean title holds no line break (clean_text): a comma or a quote is quoted,
            # quotes doubled, as csv_field does, without a call per title.
            title_cells = [
                '"' + t.replace('"', '""') + '"' if "," in t or '"' in t else t for t in title_cells
            ]
        fixed = self._time_cells(local, estimated)
        # One write per account and year, in row order (accounts in the directory's order,
        # each sorted by time): the order of the lines in each year's file.
        cuts = np.flatnonzero(np.diff(years)).tolist()
        bounds = sorted({*starts.tolist()[1:], *(c + 1 for c in cuts)})
        k = 0
        for start, end in zip([0, *bounds], [*bounds, len(titles)], strict=True):
            while k + 1 < len(starts) and starts[k + 1] <= start:
                k += 1
            year = int(years[start])
            if year not in self.years:
                path = self.folder / f"{POSTS_PREFIX}{year}.csv.gz"
                self.years[year] = _GzipCsv(path, POST_NAMES, self.compressor)
            self.years[year].text.write(
                "".join(
                    chain.from_iterable(
                        zip(
                            repeat(waiting[k].prefix),
                            fixed[start:end],
                            link_cells[start:end],
                            repeat(","),
                            title_cells[start:end],
                            repeat("\n"),
                        )
                    )
                )
            )

    def _local(
        self, times: np.ndarray, days: np.ndarray, when_of: Callable[[int], dt.datetime]
    ) -> _Local:
        """Local time (ISO, minutes, with offset), local date and local year of each post;
        ``when_of(i)``: the aware time of row ``i`` (for a time outside the zone's fixed
        offset, converted as it always was)."""
        day64 = days.astype(np.int64) - _EPOCH_ORDINAL + _EPOCH_DAY
        years = day64.astype("datetime64[Y]").astype(np.int64) + 1970
        codes = None
        if self.offset is not None:
            odd: Sequence[int] = np.flatnonzero(
                (times < FIXED_FROM_US) | (times >= FIXED_UNTIL_US)
            ).tolist()
            codes = stamp_codes(times + self.offset, self.suffix)
            stamps = codes.view(f"<U{codes.shape[1]}").ravel().tolist()
            dates = np.ascontiguousarray(codes[:, :10]).view("<U10").ravel().tolist()
        else:
            odd = range(len(times))
            stamps, dates = [""] * len(times), [""] * len(times)
        for i in odd:  # outside the zone's fixed offset (a hand-edited year 1900): as before
            when = when_of(i)
            try:
                local = when.astimezone(self.tz)
            except OverflowError:  # year 1 or 9999 pushed past the calendar: its own offset
                local = when
            stamps[i] = local.isoformat(timespec="minutes")
            dates[i] = local.date().isoformat()
            years[i] = local.year
        return _Local(stamps, dates, years, codes, odd)

    @staticmethod
    def _time_cells(local: _Local, estimated: list[int]) -> list[str]:
        """The middle of each CSV line: ``time,date,estimated,``."""
        if local.codes is None:
            return [
                f"{t},{d},{'true' if e else 'false'},"
                for t, d, e in zip(local.stamps, local.dates, estimated, strict=True)
            ]
        n, width = local.codes.shape
        cells = np.empty((n, width + 18), dtype=np.uint32)
        cells[:, :width] = local.codes
        cells[:, width] = ord(",")
        cells[:, width + 1 : width + 11] = local.codes[:, :10]
        cells[:, width + 11] = ord(",")
        cells[:, width + 12 :] = _FALSE
        if any(estimated):
            cells[np.array(estimated, dtype=bool), width + 12 :] = _TRUE
        # A unicode array drops the NULs at the end of a cell: "true," is one shorter.
        fixed = cells.view(f"<U{width + 18}").ravel().tolist()
        for i in local.odd:
            fixed[i] = f"{local.stamps[i]},{local.dates[i]},{'true' if estimated[i] else 'false'},"
        return fixed

    def close(self) -> list[int]:
        """Finish the files; returns the years written."""
        try:
            self._write()
            for writer in self.years.values():
                writer.flush()
        finally:
            self.compressor.close()
            for writer in self.years.values():
                writer.close()
            self.db.commit()
            self.db.close()
        return sorted(self.years)


_DIGITS = np.array([10**k for k in (3, 2, 1, 0)], dtype=np.int64)


def stamp_codes(wall: np.ndarray, suffix: str) -> np.ndarray:
    """``YYYY-MM-DDTHH:MM`` and ``suffix`` of local wall times (epoch microseconds plus the
    offset) of years 1970-2099, as ``isoformat`` writes them, as character codes (one row
    each, a unicode array's layout): made in numpy (``datetime_as_string`` took 0.3 µs a
    post). Other years get a value to be replaced (the caller converts those one by one)."""
    n = len(wall)
    minutes = wall // 60_000_000
    day = (minutes // 1440).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    count = month.astype(np.int64)  # months since 1970-01
    of_day = minutes % 1440
    fields = (
        (count // 12 + 1970, 4),
        (count % 12 + 1, 2),
        ((day - month.astype("datetime64[D]")).astype(np.int64) + 1, 2),
        (of_day // 60, 2),
        (of_day % 60, 2),
    )
    codes = np.empty((n, 16 + len(suffix)), dtype=np.uint32)
    at = 0
    for (value, width), sep in zip(fields, "--T:" + "\0", strict=True):
        value = np.clip(value, 0, 10**width - 1)  # years outside 0-9999: replaced by the caller
        codes[:, at : at + width] = value[:, None] // _DIGITS[4 - width :] % 10 + ord("0")
        at += width
        if sep != "\0":
            codes[:, at] = ord(sep)
            at += 1
    codes[:, 16:] = [ord(c) for c in suffix]
    return codes
