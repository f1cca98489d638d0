"""Checking complaint records a block of rows at a time, column by column.

A province's year is a million records. Checked one record at a time (a dict, a few closures,
three datetimes and an object per record) that took half a minute and a gigabyte; here each
column is checked in one pass, every distinct value (agency, channel, category, kecamatan,
time zone) is judged once, the time order rules run on numpy arrays, and an accepted record is
a row of columns, never an object. The messages, and which records are refused, are those of
the record-at-a-time rules: a record with any error is left out of the figures, warnings keep it.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

import numpy as np

from generator.complaints import isotime
from generator.complaints.models import (
    CHANNEL_SYNONYMS,
    REQUIRED,
    STATUS_SYNONYMS,
    Channel,
    Status,
)
from generator.complaints.table import EMPTY, MISSING, Table
from generator.registry.models import Directory, Level
from generator.registry.names import region_suffixes
from generator.registry.settings import ComplaintsIn
from generator.safeinput.formulas import formula_message, runs_as_formula
from generator.safeinput.identifiers import identifier_findings, identifier_rows
from generator.safeinput.privacy import Redactions, redact
from generator.safeinput.problems import Location, Problems
from generator.safeinput.sift import personal_candidates
from generator.safeinput.words import ZONE_SYNONYMS, suggest, unknown_message, vocabulary, word_key

# One block's values: column name -> one value per row, stripped; None or "" when empty.
Columns = dict[str, Sequence[Any]]
At = Callable[[int, str], Location]  # (row in block, column) -> where it is in its file
Label = Callable[[int, str], str]  # (row in block, column) -> the field as the file names it
# A column's distinct values judged: value -> what it stands for, and wrong value -> message.
# Asked not to explain, a judgement stops at the first wrong value and leaves its message
# empty (finding a suggestion is the costly part): enough to know a file is not clean
# (generator.complaints.fastload).
Judged = tuple[dict[Any, Any], dict[Any, str]]

_HAS_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_KEY = re.compile(r"\s+")
CATEGORY_MAX = 80
CLOSED = (Status.RESOLVED, Status.REJECTED)  # a closed record has its resolution time
CLOSED_WORD = {Status.RESOLVED: "selesai", Status.REJECTED: "ditolak (ditutup)"}
TIME_COLUMNS = ("received", "first_response", "resolved")
# Text written to the file as the clerk typed it: a formula there would run in Excel (agency,
# channel, status and times must be known values or times, or are refused anyway; a category
# is one of the region's list, which a clerk typed too).
FREE_TEXT = ("id", "category", "kecamatan", "summary")


# A clerk's short forms of a tier word at the start of a name ("Kec. Kertek", "Ds Lipursari").
_TIER_SHORT = re.compile(r"^(kec|kel|ds|kab)(?:\.\s*|\s+)")
_TIER_FULL = {"kec": "kecamatan ", "kel": "kelurahan ", "ds": "desa ", "kab": "kabupaten "}


def agency_key(name: str) -> str:
    """Agencies match whatever their case and spacing, and with a tier word written short:
    "Kec.  Kertek" is "kecamatan kertek"."""
    key = category_key(name)
    return _TIER_SHORT.sub(lambda m: _TIER_FULL[m.group(1)], key) if key[:1] in "kd" else key


def category_key(name: str) -> str:
    """Categories match whatever their case and spacing: "Jalan  Rusak" is "jalan rusak"."""
    return _KEY.sub(" ", name).strip().casefold()


def agency_names(directory: Directory) -> dict[str, str]:
    """Every name an export may use for an agency (id, name, short name, aliases) -> id;
    a name two agencies share is left out (see :func:`agency_candidates`)."""
    return {key: ids[0] for key, ids in agency_candidates(directory).items() if len(ids) == 1}


def agency_candidates(directory: Directory) -> dict[str, list[str]]:
    """Every name an agency goes by (id, name, short name, aliases) -> the ids that use it.
    An office's name also without the region's name at its end ("Dinas Kesehatan" for "Dinas
    Kesehatan Kabupaten Wonosobo", as clerks write it; not a kecamatan's or village's, whose
    own name may be the region's). In a partial directory (registry errors) the agencies that
    failed their own checks too, by the names they were given (:attr:`Directory.unchecked`):
    a record naming one is not reported (that agency's own errors are), and the hints are
    those the whole directory gives."""
    names: dict[str, list[str]] = {}
    suffixes = [" " + category_key(s) for s in region_suffixes(directory.region.name)]

    def add(key: str, aid: str) -> None:
        ids = names.setdefault(key, [])
        if aid not in ids:
            ids.append(aid)

    for agency in directory.agencies.values():
        for name in (agency.id, agency.name, agency.short_name, *agency.aliases):
            if not name:
                continue
            key = agency_key(name)
            add(key, agency.id)
            if agency.level is Level.OPD:
                for s in suffixes:
                    if key.endswith(s) and " " in key[: -len(s)]:
                        add(key[: -len(s)], agency.id)
    for name, aid in (directory.unchecked or {}).items():
        add(agency_key(name), aid)
    return names


# Messages about personal data in a cell: what to do, in the clerk's words.
PERSONAL_FIX = (
    "hapus dari berkas: repositori data bersifat publik, jadi nomor telepon, NIK/KK, surel "
    "dan nama warga tidak boleh disimpan (kanal import membuangnya otomatis)"
)


class _Block:
    """One block's rows while they are checked: errors mark a row as refused."""

    def __init__(self, n: int, at: At, label: Label, problems: Problems, group: bool = True):
        self.n, self.at, self.label, self.problems = n, at, label, problems
        self.group = group
        self.bad = np.zeros(n, bool)
        self._distinct: dict[int, dict[Any, None]] = {}

    def distinct(self, column: Sequence[Any]) -> dict[Any, None]:
        """The column's distinct values in order, found once a block (several checks ask)."""
        found = self._distinct.get(id(column))  # a column is one object for the whole block
        if found is None:
            found = self._distinct[id(column)] = dict.fromkeys(column)
        return found

    def err(self, i: int, name: str, message: str) -> None:
        self.problems.error(self.at(i, name), self.label(i, name), message)
        self.bad[i] = True

    def err_values(self, column: list[Any], name: str, messages: dict[Any, str]) -> None:
        """An error on every row whose value has a message (one message per distinct value);
        one error for the column when every filled row has the same one."""
        if messages:
            rows = [i for i, value in enumerate(column) if value in messages]
            same = len({messages[column[i]] for i in rows}) == 1
            if same and self.whole_column(column, rows, name, messages[column[rows[0]]]):
                return
            for i in rows:
                self.err(i, name, messages[column[i]])

    def mapped(self, values: list[Any], name: str, judged: Judged) -> list[Any]:
        """Each row's value through a column's judgement of its distinct values (mapping,
        messages), an error on each row whose value has a message."""
        mapping, messages = judged
        self.err_values(values, name, messages)
        return list(map(mapping.__getitem__, values))

    def whole_column(self, column: list[Any], rows: list[int], name: str, message: str) -> bool:
        """When ``rows`` are every filled row of ``column`` (two or more) and ``message`` is
        the same for each, one error at the first row says so: 50 rows with ``WIB`` are one
        mistake, not 50."""
        if not self.group or len(rows) < 2 or not message:
            return False
        if len(rows) != sum(1 for v in column if v):
            return False
        self.problems.error(
            self.at(rows[0], name),
            self.label(rows[0], name),
            f"{message} (sama di semua {len(rows)} baris kolom ini)",
        )
        self.bad[rows] = True
        return True


class RecordChecker:
    """Checks blocks of records and keeps the accepted ones as columns."""

    def __init__(
        self,
        directory: Directory,
        config: ComplaintsIn,
        problems: Problems,
        kecamatan: dict[str, str] | None = None,
        group: bool = True,
    ):
        self.directory = directory
        self.group = group  # one error for a whole column wrong in the same way
        self.kecamatan = kecamatan or {}
        self.config = config
        self.problems = problems
        self.tz = zoneinfo.ZoneInfo(directory.region.timezone)
        self.now = dt.datetime.combine(directory.today, dt.time.max, self.tz).timestamp()
        self.names = agency_candidates(directory)
        self.channel_words = vocabulary([c.value for c in Channel], CHANNEL_SYNONYMS)
        self.status_words = vocabulary([s.value for s in Status], STATUS_SYNONYMS)
        categories = config.category_list()
        self.category_list = {category_key(c): c for c in categories}
        # Exports repeat the same texts: redact each distinct text once.
        self.redacted: dict[tuple[str, bool], tuple[str, Redactions]] = {}
        self.zones: dict[str, zoneinfo.ZoneInfo | None] = {}
        self.personal: dict[str, str | None] = {}  # a value -> its personal-data message
        self.seen: set[str] = set()
        # Duplicate ids: reported once every file is read, with the first one's place.
        self.duplicates: list[tuple[str, Location, str]] = []
        self.blocks: list[tuple[list[Any], At]] = []  # each block's ids, to find a first id
        self.redactions = Redactions()
        self._out: dict[str, list[Any]] = {name: [] for name in _OUT}

    # -- one block ---------------------------------------------------------------------------

    def check(self, cols: Columns, n: int, at: At, label: Label) -> None:
        """Check ``n`` rows given as columns; ``at``/``label`` give a value's place and name."""
        if not n:
            return
        b = _Block(n, at, label, self.problems, self.group)
        none = [None] * n

        def column(name: str) -> list[Any]:
            return cols.get(name) or none

        for name in REQUIRED:
            values = column(name)
            if all(values):  # the usual column: one pass in C
                continue
            for i in [i for i, v in enumerate(values) if not v]:
                b.err(i, name, "wajib diisi")
        ids = column("id")
        self._ids(ids, b)
        for name in ("agency", "channel", "status", "timezone", "summary"):
            self._personal(column(name), name, b)
        for name in FREE_TEXT:
            self._formulas(column(name), name, b)
        agency = self._agencies(column("agency"), b)
        channel = self._enum(column("channel"), "channel", Channel, self.channel_words, b)
        status = self._enum(column("status"), "status", Status, self.status_words, b)
        zones = self._zones(column("timezone"), b)
        times = {name: self._times(column(name), zones, name, b) for name in TIME_COLUMNS}
        self._order(times, {name: column(name) for name in TIME_COLUMNS}, zones, b)
        self._status_rules(status, column("resolved"), b)
        category = self._categories(column("category"), b)
        kecamatan = self._kecamatan(column("kecamatan"), b)
        keep = np.flatnonzero(~b.bad).tolist()
        summary = self._summaries(column("summary"), keep, b)
        checked = {
            "ids": ids,
            "agency": agency,
            "channel": channel,
            "category": category,
            "status": status,
            "kecamatan": kecamatan,
        }
        self.accept(checked, times, summary, keep, n, at)

    def accept(
        self,
        checked: dict[str, Sequence[Any]],
        times: dict[str, np.ndarray],
        summary: list[Any],
        keep: list[int],
        n: int,
        at: At,
    ) -> None:
        """Keep rows ``keep`` of a checked block of ``n`` rows: ``checked`` holds its ids and
        its checked agency, channel, category, status and kecamatan values, ``times`` its
        epoch seconds (NaN where none), ``summary`` the kept rows' published summaries."""
        self.blocks.append((checked["ids"], at))
        received, first, resolved = (times[name] for name in TIME_COLUMNS)
        first = np.where(np.isnan(first), resolved, first)  # closing a case answers it
        out = self._out
        every = len(keep) == n
        for name, values in checked.items():
            # Every row kept (the usual block): the column as it is, no loop in Python.
            out[name].extend(values if every else [values[i] for i in keep])
        out["summary"].extend(summary)
        for name, values in (
            ("received", received),
            ("first_response", first),
            ("resolved", resolved),
        ):
            out[name].append(_seconds(values if every else values[keep]))

    def _ids(self, ids: Sequence[Any], b: _Block) -> None:
        seen = self.seen
        filled = [rid for rid in ids if rid] if None in ids or "" in ids else ids
        distinct = set(filled)
        if len(distinct) == len(filled) and seen.isdisjoint(distinct):
            seen |= distinct  # the usual block: no id twice
        else:
            for i, rid in enumerate(ids):
                if not rid:
                    continue
                if rid in seen:
                    self.duplicates.append((rid, b.at(i, "id"), b.label(i, "id")))
                    b.bad[i] = True
                else:
                    seen.add(rid)
        texts = ids if None not in ids else [rid or "" for rid in ids]
        for i in identifier_rows(texts):
            found = identifier_findings(ids[i])
            if found.total:
                b.err(
                    i,
                    "id",
                    f"id berisi data pribadi ({found.describe()}); id diterbitkan di data terbuka, "
                    "pakai nomor tiket tanpa data pelapor",
                )

    def _personal(self, values: list[Any], name: str, b: _Block) -> None:
        """Personal data in a cell is an error whatever is published: the file is public."""
        b.err_values(values, name, self.personal_messages(b.distinct(values), name))

    def _formulas(self, values: list[Any], name: str, b: _Block) -> None:
        """A cell a spreadsheet would run as a formula is an error: the file is public, and
        opened in Excel as it is (generator.safeinput.formulas)."""
        for i, value in enumerate(values):
            if value and runs_as_formula(value):
                b.err(i, name, formula_message(value))

    def personal_messages(self, distinct: Iterable[Any], name: str) -> dict[Any, str]:
        """The distinct values of column ``name`` that hold personal data -> their message."""
        distinct = [v for v in distinct if v]
        # The few values of a column like agency repeat in every block: judged once a load
        # (not summaries: a million distinct texts would stay in memory).
        known = self.personal if name != "summary" else {}
        fresh = [v for v in distinct if v not in known]
        for value, maybe in zip(fresh, personal_candidates(fresh), strict=True):
            found = self.redaction(value)[1] if maybe else None
            known[value] = (
                f"berisi data pribadi ({found.describe_stored()}); {PERSONAL_FIX}"
                if found is not None and found.stored
                else None
            )
        return {v: known[v] for v in distinct if known[v] is not None}

    def _agencies(self, values: list[Any], b: _Block) -> list[Any]:
        """Each agency as its id: an id, or a name, short name or alias only one agency has."""
        return b.mapped(values, "agency", self.agency_map(b.distinct(values)))

    def agency_map(self, distinct: Iterable[Any], explain: bool = True) -> Judged:
        """Each distinct agency value -> its id (None when none), and the wrong ones' messages
        (``explain=False``: see :data:`Judged`)."""
        known, mapped, messages = self.directory.agencies, {None: None}, {}
        for value in distinct:
            if not value or value in known:
                mapped[value] = value
                continue
            ids = self.names.get(agency_key(value), [])
            mapped[value] = ids[0] if len(ids) == 1 else None
            if len(ids) != 1 and not explain:
                return mapped, {value: ""}
            if len(ids) > 1:
                listed = ", ".join(
                    f"'{i}' ({known[i].name})" if i in known else f"'{i}'" for i in ids
                )
                messages[value] = (
                    f"'{value}' bisa berarti beberapa instansi: {listed}; tulis id instansinya"
                )
            elif not ids:
                hints = suggest(value, {k: v[0] for k, v in self.names.items()})
                hint = f"; maksud Anda {' atau '.join(repr(h) for h in hints)}?" if hints else ""
                messages[value] = (
                    f"instansi '{value}' tidak ada di direktori{hint} (tulis id, nama, singkatan "
                    "atau alias instansi; alias ditambahkan di berkas instansinya)"
                )
        return mapped, messages

    def _enum(
        self, values: list[Any], name: str, enum: type[StrEnum], words: dict[str, str], b: _Block
    ) -> list[Any]:
        return b.mapped(values, name, enum_map(b.distinct(values), enum, words))

    def _zones(self, values: list[Any], b: _Block) -> list[Any] | None:
        if not any(values):
            return None
        b.err_values(values, "timezone", self.zone_messages(b.distinct(values)))
        return [self.zones[v] if v else None for v in values]

    def zone_messages(self, distinct: Iterable[Any]) -> dict[Any, str]:
        """The distinct time zone values no zone is known by -> their message."""
        messages = {}
        for value in distinct:
            if value and value not in self.zones:
                name = ZONE_SYNONYMS.get(word_key(value), value.strip())
                try:
                    self.zones[value] = zoneinfo.ZoneInfo(name)
                except (ValueError, zoneinfo.ZoneInfoNotFoundError):
                    self.zones[value] = None
            if value and self.zones[value] is None:
                messages[value] = (
                    f"zona waktu '{value}' tidak dikenal; tulis WIB, WITA atau WIT "
                    "(Asia/Jakarta, Asia/Makassar, Asia/Jayapura)"
                )
        return messages

    def _times(self, values: list[Any], zones: list[Any] | None, name: str, b: _Block):
        """Epoch seconds (float, NaN when empty or wrong) of one time column."""
        out = isotime.epochs(values)  # the usual forms at once; the rest one by one below
        parse, clock = dt.datetime.fromisoformat, _HAS_CLOCK.match
        invalid, zoneless = [], []
        for i in np.flatnonzero(np.isnan(out)).tolist():
            text = values[i]
            if not text:
                continue
            try:
                if clock(text) is None:
                    raise ValueError
                value = parse(text)
            except ValueError:
                invalid.append(i)
                continue
            if value.tzinfo is None:
                zone = zones[i] if zones else None
                if zone is None:
                    zoneless.append(i)
                    continue
                value = value.replace(tzinfo=zone)
            out[i] = value.timestamp()
        example = "tulis tanggal, jam dan offset, misalnya 2026-01-05T09:15+07:00"
        if not b.whole_column(values, invalid, name, f"waktu tidak valid; {example}"):
            for i in invalid:
                b.err(i, name, f"waktu '{values[i]}' tidak valid; {example}")
        fix = "tulis offset (misalnya +07:00) atau isi kolom timezone (WIB, WITA atau WIT)"
        if not b.whole_column(values, zoneless, name, f"zona waktu tidak ada; {fix}"):
            for i in zoneless:
                b.err(i, name, f"zona waktu tidak ada pada '{values[i]}'; {fix}")
        for i in np.flatnonzero(out < EARLIEST).tolist():  # the figures' calendar starts later
            b.err(
                i, name, f"waktu '{values[i]}' terlalu lama (sebelum tahun 2000); periksa tahunnya"
            )
            out[i] = np.nan
        for i in np.flatnonzero(out > self.now).tolist():
            shown = self._shown(values[i], zones[i] if zones else None)
            b.err(
                i,
                name,
                f"waktu {shown} ada di masa depan (setelah {self.directory.today.isoformat()})",
            )
            out[i] = np.nan
        return out

    def _shown(self, text: str, zone: dt.tzinfo | None) -> str:
        """A time as the messages show it: in the region's zone, to the microsecond written."""
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(self.tz).isoformat()

    def _order(self, times: dict, texts: dict, zones: list[Any] | None, b: _Block) -> None:
        received, first, resolved = (times[name] for name in TIME_COLUMNS)

        def shown(name: str, i: int) -> str:
            return self._shown(texts[name][i], zones[i] if zones else None)

        for i in np.flatnonzero(first < received).tolist():
            b.err(
                i,
                "first_response",
                f"tanggapan pertama ({shown('first_response', i)}) lebih awal daripada waktu aduan diterima ({shown('received', i)})",
            )
        early = resolved < received
        for i in np.flatnonzero(early).tolist():
            b.err(
                i,
                "resolved",
                f"waktu selesai ({shown('resolved', i)}) lebih awal daripada waktu aduan diterima ({shown('received', i)})",
            )
        for i in np.flatnonzero(~early & (resolved < first)).tolist():
            b.err(
                i,
                "resolved",
                f"waktu selesai ({shown('resolved', i)}) lebih awal daripada tanggapan pertama ({shown('first_response', i)})",
            )

    def _status_rules(self, status: list[Any], resolved: list[Any], b: _Block) -> None:
        # Only the rows that break a rule are looked at one by one (in the usual file: none).
        is_open = np.fromiter(map(_IS_OPEN.__getitem__, status), bool, len(status))
        is_closed = np.fromiter(map(_IS_CLOSED.__getitem__, status), bool, len(status))
        has_time = np.fromiter(map(bool, resolved), bool, len(resolved))
        wrong = np.flatnonzero((is_closed & ~has_time) | (is_open & has_time)).tolist()
        for i in wrong:
            value, when = status[i], resolved[i]
            if value in CLOSED and not when:
                b.err(
                    i,
                    "resolved",
                    f"wajib diisi bila status '{value.value}': waktu aduan {CLOSED_WORD[value]} "
                    "(aduan tanpa waktu itu dihitung masih terbuka, atau terlambat)",
                )
            elif value is Status.OPEN and when:
                b.err(i, "resolved", "harus kosong bila status 'open'")

    def redaction(self, text: str, label: bool = False) -> tuple[str, Redactions]:
        known = self.redacted.get((text, label))
        if known is None:
            found = Redactions()
            known = self.redacted[text, label] = (redact(text, found, label=label), found)
        return known

    def _categories(self, values: list[Any], b: _Block) -> list[Any]:
        """Each category in the spelling of the region's list; a category not on the list, or
        holding personal data, is an error (a category is published as written)."""
        return b.mapped(values, "category", self.category_map(b.distinct(values)))

    def category_map(self, distinct: Iterable[Any], explain: bool = True) -> Judged:
        """Each distinct category value -> its spelling on the list, and the wrong ones'
        messages (``explain=False``: see :data:`Judged`)."""
        mapped: dict[Any, Any] = {None: ""}
        messages = {}
        for value in distinct:
            if not value:
                mapped[value] = ""
                continue
            if len(value) > CATEGORY_MAX:
                mapped[value] = value
                if not explain:
                    return mapped, {value: ""}
                messages[value] = (
                    f"kategori terlalu panjang ({len(value)} karakter, paling banyak {CATEGORY_MAX}); tulis topiknya saja"
                )
                continue
            _, found = self.redaction(value, label=True)
            if found.total:
                mapped[value] = value
                if not explain:
                    return mapped, {value: ""}
                messages[value] = (
                    f"kategori berisi data pribadi ({found.describe()}); kategori diterbitkan, tulis topiknya saja"
                )
                continue
            official = mapped[value] = self.category_list.get(category_key(value))
            if official is None:
                if not explain:
                    return mapped, {value: ""}
                messages[value] = self._unknown_category(value)
        return mapped, messages

    def _unknown_category(self, value: str) -> str:
        hints = suggest(value, self.category_list)
        if hints:
            hint = f"maksud Anda {' atau '.join(repr(h) for h in hints)}?"
        else:
            names = list(self.category_list.values())
            hint = (
                "pilih salah satu: " + ", ".join(names[:30]) + (" ..." if len(names) > 30 else "")
            )
        return (
            f"kategori '{value}' tidak ada di daftar kategori daerah; {hint} "
            "(daftar: complaints.categories di data/region.yml)"
        )

    def _kecamatan(self, values: list[Any], b: _Block) -> list[Any]:
        """A kecamatan of the region, in its official spelling; anything else is an error."""
        return b.mapped(values, "kecamatan", self.kecamatan_map(b.distinct(values)))

    def kecamatan_map(self, distinct: Iterable[Any], explain: bool = True) -> Judged:
        """Each distinct kecamatan value -> its official name, and the wrong ones' messages
        (``explain=False``: see :data:`Judged`)."""
        mapped: dict[Any, Any] = {None: None}
        messages = {}
        for value in distinct:
            if not value:
                mapped[value] = None
                continue
            _, found = self.redaction(value, label=True)
            if found.total:
                mapped[value] = None
                if not explain:
                    return mapped, {value: ""}
                messages[value] = (
                    f"kecamatan berisi data pribadi ({found.describe()}); isi nama kecamatan saja"
                )
                continue
            if not self.kecamatan:
                mapped[value] = value
                continue
            official = mapped[value] = self.kecamatan.get(category_key(value))
            if official is None:
                if not explain:
                    return mapped, {value: ""}
                names = sorted(self.kecamatan.values())
                shown = ", ".join(names[:12]) + (
                    f", ... ({len(names)} kecamatan)" if len(names) > 12 else ""
                )
                messages[value] = (
                    f"kecamatan '{value}' tidak ada di {self.directory.region.name}; yang dikenal: {shown}"
                )
        return mapped, messages

    def _summaries(self, values: list[Any], keep: list[int], b: _Block) -> list[Any]:
        """The published summaries of the accepted rows (none unless the region publishes them)."""
        if not self.config.publish_summaries:
            return [None] * len(keep)
        out = []
        for i in keep:
            text = values[i]
            if not text:
                out.append(None)
                continue
            summary, found = self.redaction(text)
            if found.total:
                self.redactions.add(found)
                self.problems.warning(
                    b.at(i, "summary"),
                    b.label(i, "summary"),
                    f"berisi data pribadi ({found.describe()}); disamarkan sebelum diterbitkan, hapus juga dari berkas sumber",
                )
            out.append(summary)
        return out

    # -- after every block ---------------------------------------------------------------------

    def finish(self) -> Table:
        """Report duplicate ids with their first place, and return the accepted records."""
        if self.duplicates:
            wanted = {rid for rid, _, _ in self.duplicates}
            first: dict[str, Location] = {}
            for ids, at in self.blocks:
                for i, rid in enumerate(ids):
                    if rid in wanted and rid not in first:
                        first[rid] = at(i, "id")
            for rid, where, label in self.duplicates:
                self.problems.error(where, label, f"id '{rid}' sudah dipakai di {first[rid]}")
        self.blocks = []
        out = self._out
        if not out["ids"]:
            return EMPTY
        return Table.from_columns(
            ids=out["ids"],
            agency=out["agency"],
            channel=list(map(_CHANNEL_VALUE.__getitem__, out["channel"])),
            category=out["category"],
            status=out["status"],
            received=np.concatenate(out["received"]),
            first_response=np.concatenate(out["first_response"]),
            resolved=np.concatenate(out["resolved"]),
            kecamatan=out["kecamatan"],
            summary=out["summary"],
        )


def enum_map(
    distinct: Iterable[Any], enum: type[StrEnum], words: dict[str, str], explain: bool = True
) -> Judged:
    """Each distinct value -> its member of ``enum`` by ``words`` (None when none), and the
    unknown ones' messages (``explain=False``: see :data:`Judged`)."""
    choices = [e.value for e in enum]
    mapped: dict[Any, Any] = {None: None}
    messages = {}
    for value in distinct:
        if not value:
            mapped[value] = None
            continue
        meant = words.get(word_key(value))
        mapped[value] = enum(meant) if meant else None
        if meant is None:
            if not explain:
                return mapped, {value: ""}
            messages[value] = unknown_message(value, words, choices)
    return mapped, messages


_IS_OPEN = {None: False, **{s: s is Status.OPEN for s in Status}}
_IS_CLOSED = {None: False, **{s: s in CLOSED for s in Status}}
_CHANNEL_VALUE = {c: c.value for c in Channel}  # a dict lookup; Enum.value is a descriptor call
_OUT = (
    "ids",
    "agency",
    "channel",
    "category",
    "status",
    "kecamatan",
    "summary",
    "received",
    "first_response",
    "resolved",
)


# No complaint record is older than the national complaint services (SP4N-LAPOR! began in
# 2011): a year like 0001 is a typing error, and the working-day calendar cannot reach it.
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC).timestamp()


def _seconds(values: np.ndarray) -> np.ndarray:
    """Whole epoch seconds (as ``int(datetime.timestamp())``), MISSING for NaN."""
    missing = np.isnan(values)
    return np.where(missing, MISSING, np.trunc(np.where(missing, 0, values))).astype(np.int64)


def columns(rows: Iterable[dict[str, Any]], names: Iterable[str]) -> tuple[Columns, int]:
    """Records given as dicts (a YAML file's) as columns, empty text as None."""
    rows = list(rows)
    return {name: [(r.get(name) or None) for r in rows] for name in names}, len(rows)
