"""``kanal import``: real exports into Kanal's complaint CSV, without personal data.

Two formats: an SP4N-LAPOR!-style CSV export (Indonesian column names, times as
``dd/mm/yyyy HH:MM`` in the region's zone) and Open311 GeoReport v2 JSON (a list of service
requests). Agency names map to ids through the directory (id, name, short name, ``aliases``);
names that map to nothing are errors. Personal fields are dropped and counted; the summary is
redacted (names, addresses, RT/RW, plates, accounts, NIK/KK, phones, e-mail addresses) and the
redactions are counted by kind. A category or kecamatan holding personal data is not kept
("lainnya" / empty) and is a located warning, so the office can review it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.complaints.check import (
    RecordChecker,
    agency_candidates,
    agency_key,
    category_key,
)
from generator.complaints.models import (
    CHANNEL_SYNONYMS,
    COLUMNS,
    STATUS_SYNONYMS,
    Channel,
    Status,
)
from generator.opendata.cells import unquote
from generator.registry.models import Directory
from generator.registry.settings import ComplaintsIn
from generator.safeinput.files import MB, atomic_write
from generator.safeinput.identifiers import identifier_findings
from generator.safeinput.invisible import cell_message
from generator.safeinput.privacy import Redactions, redact, redact_known
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.recordsheets import (
    column_letter,
    read_csv_text,
    read_xlsx,
    without_text_marker,
)
from generator.safeinput.words import (
    ZONE_SYNONYMS,
    column_hint,
    header_key,
    suggest,
    vocabulary,
    word_key,
)

IMPORT_MAX_BYTES = 200 * MB  # a national portal's export of a whole region and years
SUMMARY_MAX = 280


def _keyed(columns: dict[str, Any]) -> dict[str, Any]:
    return {header_key(name): value for name, value in columns.items()}


# Column names of portals' and clerks' exports -> Kanal field, in both formats (compared after
# header_key). None: a column read by nobody (the row number a spreadsheet adds).
COMMON_COLUMNS: dict[str, str | None] = _keyed(
    {
        **dict.fromkeys(
            (
                "nomor tiket",
                "no tiket",
                "nomor laporan",
                "no laporan",
                "id laporan",
                "kode laporan",
                "nomor aduan",
                "no aduan",
                "kode tiket",
                "tracking id",
            ),
            "id",
        ),
        **dict.fromkeys(
            (
                "tanggal laporan",
                "tgl laporan",
                "tanggal lapor",
                "tgl lapor",
                "tanggal masuk",
                "tanggal aduan",
                "tanggal diterima",
                "waktu laporan",
                "waktu lapor",
            ),
            "received",
        ),
        **dict.fromkeys(
            (
                "instansi terdisposisi",
                "instansi tujuan",
                "opd tujuan",
                "instansi",
                "opd",
                "unit kerja",
                "perangkat daerah",
                "dinas tujuan",
            ),
            "agency",
        ),
        **dict.fromkeys(
            (
                "tanggal tanggapan pertama",
                "tanggal tanggapan",
                "tgl tanggapan",
                "waktu tanggapan",
                "tanggal respon",
                "tanggal respons",
                "tanggal ditanggapi",
                "tanggapan pertama",
                "waktu tanggapan pertama",
                "waktu respon",
                "waktu respons",
            ),
            "first_response",
        ),
        **dict.fromkeys(
            ("tanggal selesai", "tgl selesai", "waktu selesai", "tanggal penyelesaian"),
            "resolved",
        ),
        **dict.fromkeys(("lokasi kecamatan", "kecamatan", "kec"), "kecamatan"),
        **dict.fromkeys(
            ("kategori", "jenis aduan", "kategori aduan", "kategori laporan", "topik"),
            "category",
        ),
        **dict.fromkeys(("status", "status laporan", "status aduan", "status tiket"), "status"),
        "no": None,
    }
)
# Columns holding personal data, in both formats: never read, only counted as dropped.
PERSONAL_COLUMNS: dict[str, str] = _keyed(
    {
        **dict.fromkeys(
            (
                "nama",
                "name",
                "nama pelapor",
                "pelapor",
                "nama lengkap",
                "nama pengadu",
            ),
            "nama",
        ),
        **dict.fromkeys(("nik", "no kk", "nomor kk", "kk", "no ktp", "nomor ktp"), "NIK"),
        **dict.fromkeys(
            (
                "telepon",
                "phone",
                "hp",
                "no hp",
                "nomor hp",
                "no telp",
                "no telepon",
                "nomor telepon",
                "telp",
                "wa",
                "no wa",
                "nomor wa",
                "whatsapp",
                "hp wa",
                "no hp wa",
            ),
            "nomor telepon",
        ),
        **dict.fromkeys(("email", "e-mail", "surel", "alamat email", "alamat surel"), "surel"),
        **dict.fromkeys(("alamat", "address", "alamat pelapor"), "alamat"),
        **dict.fromkeys(
            ("isi laporan", "isi aduan", "uraian", "uraian laporan", "uraian aduan"),
            "isi laporan lengkap",
        ),
    }
)
# SP4N-LAPOR!-style export: its "Judul" is the published summary.
# Its "Sumber" (web, SMS, app) is a way into SP4N-LAPOR!: every record's channel is "lapor".
LAPOR_COLUMNS: dict[str, str | None] = {
    **COMMON_COLUMNS,
    **_keyed(dict.fromkeys(("judul", "judul laporan", "judul aduan"), "summary")),
    "sumber": None,
}
LAPOR_STATUS = {
    "belum diverifikasi": "open",
    "belum terverifikasi": "open",
    "terverifikasi": "open",
    "didisposisi": "open",
    "diproses": "open",
    "dalam proses": "open",
    "ditindaklanjuti": "open",
    "selesai": "resolved",
    "ditolak": "rejected",
    "tidak dapat diproses": "rejected",
    "bukan kewenangan": "rejected",
    "diarsipkan": "rejected",
}
OPEN311_PERSONAL = {
    "first_name": "nama",
    "last_name": "nama",
    "name": "nama",
    "email": "surel",
    "phone": "nomor telepon",
    "address": "alamat",
    "address_id": "alamat",
    "lat": "lokasi",
    "long": "lokasi",
    "account_id": "akun",
    "device_id": "perangkat",
}


@dataclass
class ImportResult:
    rows: list[dict[str, str]] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # personal field label -> values dropped
    redactions: Redactions = field(default_factory=Redactions)
    problems: Problems = field(default_factory=Problems)
    # Where each row came from, for the record checks (:func:`check_rows`): the export's file,
    # each row's line (a worksheet's row), and each field's column (number, title as written).
    shown: str = ""
    sheet: str | None = None  # a workbook's sheet: a field is named as Excel names its cell
    lines: list[int] = field(default_factory=list)
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)


class _Mapper:
    def __init__(
        self,
        directory: Directory,
        shown: str,
        result: ImportResult,
        config: ComplaintsIn | None = None,
    ):
        self.directory = directory
        self.names = agency_candidates(directory)
        self.shown = shown
        self.result = result
        self.unmapped: dict[str, Location] = {}
        categories = (config or ComplaintsIn()).category_list()
        self.categories = {category_key(c): c for c in categories}
        self.statuses = vocabulary([s.value for s in Status], {**STATUS_SYNONYMS, **LAPOR_STATUS})
        self.channels = vocabulary([c.value for c in Channel], CHANNEL_SYNONYMS)

    def channel(self, text: str, where: Location, column: str) -> str:
        meant = self.channels.get(word_key(text))
        if meant is None:
            hints = suggest(text, self.channels)
            hint = f"maksud Anda {' atau '.join(repr(h) for h in hints)}? " if hints else ""
            self.result.problems.error(
                where,
                column,
                f"kanal '{text}' tidak dikenal; {hint}yang dikenal: {', '.join(c.value for c in Channel)}",
            )
            return ""
        return meant

    def agency(self, name: str, where: Location, column: str = "agency") -> str:
        ids = self.names.get(agency_key(name), [])
        if len(ids) == 1:
            return ids[0]
        if name not in self.unmapped:
            self.unmapped[name] = where
            if ids:
                listed = ", ".join(f"'{i}' ({self.directory.agencies[i].name})" for i in ids)
                message = f"'{name}' bisa berarti beberapa instansi: {listed}; tulis id instansinya"
            else:
                hints = suggest(name, {k: v[0] for k, v in self.names.items()})
                hint = f"maksud Anda {' atau '.join(repr(h) for h in hints)}? " if hints else ""
                message = (
                    f"nama instansi '{name}' tidak dikenal; {hint}tambahkan ke aliases di berkas "
                    "instansinya"
                )
            self.result.problems.error(where, column, message)
        return ""

    def category(self, text: str, where: Location, column: str) -> str:
        """A category of the region's list ("lainnya" when it held personal data)."""
        text = self.label(text, where, column, "lainnya")
        official = self.categories.get(category_key(text))
        if official is None:
            hints = suggest(text, self.categories)
            hint = f"maksud Anda {' atau '.join(repr(h) for h in hints)}? " if hints else ""
            self.result.problems.error(
                where,
                column,
                f"kategori '{text}' tidak ada di daftar kategori daerah; {hint}"
                "tambahkan ke complaints.categories di data/region.yml atau perbaiki di berkas",
            )
            return ""
        return official

    def status(self, text: str, where: Location, column: str) -> str:
        meant = self.statuses.get(word_key(text))
        if meant is None:
            hints = suggest(text, self.statuses)
            hint = f"maksud Anda {' atau '.join(repr(h) for h in hints)}? " if hints else ""
            self.result.problems.error(
                where,
                column,
                f"status '{text}' tidak dikenal; {hint}yang dikenal: {', '.join(sorted(self.statuses))}",
            )
            return ""
        return meant

    def ticket(self, text: str, where: Location, column: str) -> str:
        """A record id: published as is, so one holding a phone, NIK or e-mail is an error."""
        found = identifier_findings(text)
        if found.total:
            self.result.problems.error(
                where,
                column,
                f"nomor tiket berisi data pribadi ({found.describe()}); pakai nomor tiket tanpa data pelapor",
            )
            return ""
        return text

    def summary(
        self, text: str | None, where: Location, column: str, names: list[str] | None = None
    ) -> str:
        if not text:
            return ""
        # Redact before cutting, so a number cut in half cannot slip past the patterns. The
        # complainant's name from the row's own name column goes first, in any form.
        found = Redactions()
        text = redact(redact_known(" ".join(str(text).split()), names or [], found), found)
        if len(text) > SUMMARY_MAX:
            text = text[: SUMMARY_MAX - 1].rstrip() + "…"
        if found.total:
            self.result.redactions.add(found)
            self.result.problems.warning(
                where, column, f"berisi data pribadi ({found.describe()}); disamarkan"
            )
        return text

    def label(
        self, text: str, where: Location, column: str, fallback: str, names: list[str] | None = None
    ) -> str:
        """A category or kecamatan: kept as is, or ``fallback`` when it holds personal data."""
        found = Redactions()
        redact(redact_known(text, names or [], found), found, label=True)
        if not found.total:
            return text
        self.result.redactions.add(found)
        self.result.problems.warning(
            where,
            column,
            f"berisi data pribadi ({found.describe()}); diganti '{fallback}'"
            if fallback
            else f"berisi data pribadi ({found.describe()}); dikosongkan",
        )
        return fallback


# Months as Indonesian exports write them ("5 Nov 2026", "05 Agustus 2026", "5-Okt-2026").
MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"), 1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            (
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ),
            1,
        )
    },
    "agt": 8,
    "ags": 8,
    "may": 5,
    "aug": 8,
    "oct": 10,
    "dec": 12,
    "sept": 9,
}
# Day, month and year (month as a number or a name), then the clock with ":" or "." (the
# Indonesian locale writes 08.15), seconds optional; a day alone is at 00:00, as Excel's
# dates are.
_LOCAL_TIME = re.compile(
    r"(\d{1,2})[/\-. ]\s*(\d{1,2}|[a-z]{3,9})\.?[/\-. ]\s*(\d{4})"
    r"(?:[ ,]+(?:pukul |jam )?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?(?: ?(wib|wita|wit))?"
)
TIME_FORMS = "05/11/2026 08:15, 05-11-2026 08.15, 5 Nov 2026 08.15 atau 2026-11-05 08:15"


# A date cell Excel shows as a number (formatted "General", or saved to CSV that way): days
# since 1899-12-30 (Excel's 1900 date system, which also counts 29 February 1900; 1904-01-01
# in a workbook of Excel for Mac's 1904 system), the time of day as the fraction; only 2000
# to 2099, where no other form of time is a bare number.
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")  # a decimal comma in an Indonesian-locale CSV
SERIAL_EPOCH = dt.datetime(1899, 12, 30)


def _serial_time(text: str, epoch: dt.datetime = SERIAL_EPOCH) -> dt.datetime | None:
    if not _SERIAL.fullmatch(text):
        return None
    # To the second (a day's fraction is stored to ~15 digits), then the minute it falls in,
    # as Excel shows it: 23:59:59.1 stays on its day, and in its month.
    seconds = round(float(text.replace(",", ".")) * 86400)
    when = epoch + dt.timedelta(minutes=seconds // 60)
    return when if 2000 <= when.year <= 2099 else None


def _lapor_time(text: str, tz: dt.tzinfo, epoch: dt.datetime = SERIAL_EPOCH) -> str:
    """A time as exports write it, in the region's zone unless it says its own: ISO 8601,
    day, month and year as :data:`_LOCAL_TIME` reads them, or an Excel serial date
    (:func:`_serial_time`). ValueError when it is none of them."""
    text = text.strip()
    if not text:
        return ""
    serial = _serial_time(text, epoch)
    if serial is not None:
        return serial.replace(tzinfo=tz).isoformat(timespec="minutes")
    found = _LOCAL_TIME.fullmatch(text.casefold())
    if found:
        day, month, year, hour, minute, second, zone = found.groups()
        number = int(month) if month.isdigit() else MONTHS.get(month)
        if number is None:
            raise ValueError(text)
        value = dt.datetime(
            int(year), number, int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
        if zone:
            tz = zoneinfo.ZoneInfo(ZONE_SYNONYMS[zone])
        return value.replace(tzinfo=tz).isoformat(timespec="minutes")
    value = dt.datetime.fromisoformat(text)  # ISO 8601, "T" or a space before the clock
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.isoformat(timespec="minutes")


def read_rows(
    path: Path, shown: str, problems: Problems
) -> tuple[list[tuple[int, list[str]]], str | None, dt.datetime] | None:
    """A CSV (``,`` or ``;``, UTF-8) or ``.xlsx`` export: its non-empty rows as (line, cells),
    the column names among them (:func:`find_header`), a workbook's sheet name (None for
    a CSV), and the day its day numbers count from (:data:`SERIAL_EPOCH` for a CSV)."""
    if path.suffix.lower() == ".xlsx":
        sheet = read_xlsx(path, shown, problems, IMPORT_MAX_BYTES, header=False)
        return None if sheet is None else (sheet.rows, sheet.name, sheet.epoch)
    read = read_csv_text(path, shown, problems, IMPORT_MAX_BYTES)
    if read is None:
        return None
    text, delimiter = read
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:  # a cell over csv's field limit (128 KB), an unclosed quote...
        why = "satu sel lebih dari 131.072 karakter" if "field limit" in str(exc) else exc
        problems.error(Location(shown, reader.line_num, 1), "", f"CSV rusak: {why}")
        return None
    return rows, None, SERIAL_EPOCH


def find_header(
    rows: list[tuple[int, list[str]]], form: SheetFormat, shown: str, problems: Problems
) -> int | None:
    """Where the column names are: the first of the first rows that names every required
    field (a title, a date line or a blank row may sit above it). None, with one located
    error per missing field at the row that came closest, when no row does."""
    best: tuple[int, int, list[str]] | None = None  # (fields named, index, missing)
    for i, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        named = {form.columns.get(header_key(c)) for c in cells}
        missing = [f for f in form.required if f not in named]
        if not missing:
            return i
        if best is None or len(form.required) - len(missing) > best[0]:
            best = (len(form.required) - len(missing), i, missing)
    line = rows[best[1]][0] if best and best[0] else 1
    for name in best[2] if best else list(form.required):
        known = sorted(k for k, v in form.columns.items() if v == name)
        problems.error(
            Location(shown, line, 1),
            name,
            f"kolom {form.required[name]} tidak ditemukan di {HEADER_ROWS} baris pertama; beri "
            f"judul kolom salah satu dari: {', '.join(known)}",
        )
    return None


# A clerk's own spreadsheet (``--format kanal``): Kanal's columns, or their Indonesian names.
KANAL_COLUMNS: dict[str, str | None] = {
    **COMMON_COLUMNS,
    **_keyed({name: name for name in COLUMNS}),
    **_keyed(
        {
            "nomor": "id",
            "kanal": "channel",
            "saluran": "channel",
            "diterima": "received",
            "tanggal": "received",
            "ditanggapi": "first_response",
            "selesai": "resolved",
            "ringkasan": "summary",
            "judul": "summary",
            "zona waktu": "timezone",
        }
    ),
}
# What each required field is called in the messages, with the names an export may give it.
REQUIRED = {
    "id": "Nomor Tiket",
    "agency": "Instansi",
    "received": "Tanggal Laporan",
    "status": "Status",
}
HEADER_ROWS = 20  # a title, a date line and a blank row may sit above the column names


@dataclass(frozen=True)
class SheetFormat:
    """How an export names its columns (after :func:`header_key`; PERSONAL_COLUMNS too)."""

    columns: dict[str, str | None]
    channel: str | None  # every row's channel when the export has no column for it
    # The fields it must have a column for, as the messages call them: a LAPOR export's
    # channel is "lapor" and its category "lainnya" when it has none; a clerk's sheet has no
    # such default (``kanal check`` requires both).
    required: dict[str, str]


LAPOR = SheetFormat(LAPOR_COLUMNS, "lapor", REQUIRED)
KANAL = SheetFormat(KANAL_COLUMNS, None, {**REQUIRED, "channel": "Kanal", "category": "Kategori"})


def import_lapor(
    path: Path, directory: Directory, timezone: str, config: ComplaintsIn | None = None
) -> ImportResult:
    """An SP4N-LAPOR!-style export (CSV or .xlsx; see LAPOR_COLUMNS) into Kanal rows."""
    return import_sheet(path, directory, timezone, LAPOR, config)


def import_kanal(
    path: Path, directory: Directory, timezone: str, config: ComplaintsIn | None = None
) -> ImportResult:
    """A clerk's own spreadsheet in Kanal's columns (CSV or .xlsx) into Kanal rows: values in
    the clerk's words are written as Kanal's, and personal data is removed."""
    return import_sheet(path, directory, timezone, KANAL, config)


# A spreadsheet's totals row below the records: its first cell (the id column left empty).
TOTAL_WORDS = frozenset(
    ("jumlah", "total", "jumlah total", "grand total", "total aduan", "jumlah aduan", "subtotal")
)


def _columns_understood(
    header: list[str], cells: list[str], form: SheetFormat, where: Location, result: ImportResult
) -> bool:
    """Every column is read, dropped as personal, or named as left out: one warning lists the
    unknown columns (with the known name a column resembles: its values are not read, so a
    "Tgl. Tanggapan Awal" would leave every first response empty). Two columns for one field
    are an error."""
    fields = [name for name, f in form.columns.items() if f]
    seen: dict[str, str] = {}
    ignored = []
    ok = True
    for key, text in zip(header, cells, strict=False):
        if not key or key in PERSONAL_COLUMNS:
            continue
        if key not in form.columns:
            ignored.append(f"'{text}'{column_hint(key, fields)}")
            continue
        field_name = form.columns[key]
        if field_name is None:  # a column read by nobody ("No")
            continue
        if field_name in seen:
            result.problems.error(
                where,
                field_name,
                f"kolom '{seen[field_name]}' dan '{text}' sama-sama dibaca sebagai {field_name}; "
                "hapus atau ganti judul salah satunya",
            )
            ok = False
        else:
            seen[field_name] = text
    if ignored:
        result.problems.warning(
            where,
            "",
            f"kolom tidak dikenal, isinya tidak dibaca: {', '.join(ignored)}; ganti judul "
            "kolom yang dimaksud lalu impor ulang",
        )
    return ok


NOTHING = "-\u2013\u2014 "  # a cell of dashes only is an empty one ("-", "--", "–")


def _summary_cell(text: str) -> str:
    """A summary that starts with an apostrophe: free text may open a quote with one ('Jalan
    rusak' kata warga), kept while another apostrophe follows; the mark an export puts before
    a formula's first character ('-- sampah, as Kanal's own published CSV writes) and one that
    closes nothing are the spreadsheet's, dropped (a ticket, a time or a name never starts
    with one: :func:`without_text_marker` drops it there)."""
    return unquote(text) if "'" in text[1:] else without_text_marker(text)


def import_sheet(
    path: Path,
    directory: Directory,
    timezone: str,
    form: SheetFormat,
    config: ComplaintsIn | None = None,
) -> ImportResult:
    shown = display_path(path)
    result = ImportResult(shown=shown)
    mapper = _Mapper(directory, shown, result, config)
    read = read_rows(path, shown, result.problems)
    if read is None:
        return result
    rows, result.sheet, epoch = read
    at = find_header(rows, form, shown, result.problems)
    if at is None:
        return result
    header_line, cells = rows[at]
    header = [header_key(c) for c in cells]
    if not _columns_understood(header, cells, form, Location(shown, header_line), result):
        return result
    known = {name: form.columns[name] for name in header if name in form.columns}
    position = {name: i for i, name in enumerate(header)}
    result.columns = {
        target: (position[name] + 1, cells[position[name]].strip())
        for name, target in known.items()
        if target is not None
    }
    # The personal columns this export has (looked up once, not ~50 names a row).
    personal = [(c, PERSONAL_COLUMNS[c]) for c in dict.fromkeys(header) if c in PERSONAL_COLUMNS]
    ticket_column = next((c for c, f in known.items() if f == "id"), "")
    for line, row in rows[at + 1 :]:
        values = dict(zip(header, row, strict=False))
        first = next((c for c in row if c.strip()), "")
        word = header_key(first)
        if word in TOTAL_WORDS and header_key(values.get(ticket_column, "")) in ("", word):
            result.problems.warning(
                Location(shown, line, row.index(first) + 1),
                "",
                f"baris '{first}' dibaca sebagai baris jumlah, bukan aduan: dilewati",
            )
            continue
        for column, label in personal:
            if (values.get(column) or "").strip():
                result.dropped[label] += 1
        names = [
            without_text_marker(values[c].strip())
            for c, label in personal
            if label == "nama" and values.get(c)
        ]
        out = {name: "" for name in COLUMNS if name != "timezone"}
        out["channel"] = form.channel or ""
        zone = zoneinfo.ZoneInfo(timezone)
        zone_text = without_text_marker(
            next((values[c] for c, t in known.items() if t == "timezone" and values.get(c)), "")
        )
        if zone_text:
            try:
                zone = zoneinfo.ZoneInfo(ZONE_SYNONYMS.get(word_key(zone_text), zone_text.strip()))
            except (ValueError, zoneinfo.ZoneInfoNotFoundError):
                where = Location(shown, line, result.columns["timezone"][0])
                result.problems.error(
                    where,
                    "timezone",
                    f"zona waktu '{zone_text}' tidak dikenal; tulis WIB, WITA atau WIT",
                )
        for column, target in known.items():
            value = (values.get(column) or "").strip()
            if value[:1] == "'":  # the spreadsheet's mark for text: '00123, '05/11/2026
                value = _summary_cell(value) if target == "summary" else without_text_marker(value)
            if not value.strip(NOTHING):  # "-": how clerks' exports write "none (yet)"
                value = ""
            where = Location(shown, line, position.get(column, 0) + 1)
            if target is None or target == "timezone" or not value:
                continue
            # Named as the clerk's export titles it (and its cell, in a workbook), not by the
            # folded key it was matched by ('tanggal laporan' for "Tanggal Laporan").
            label = cell_label(result, cells[position[column]].strip(), position[column] + 1, line)
            if target == "id":
                value = mapper.ticket(value, where, label)
            elif target == "agency":
                value = mapper.agency(value, where, label)
            elif target == "channel":
                value = mapper.channel(value, where, label)
            elif target in ("received", "first_response", "resolved"):
                try:
                    value = _lapor_time(value, zone, epoch)
                except ValueError:
                    result.problems.error(
                        where,
                        label,
                        f"waktu '{value}' tidak dikenali; tulis tanggal dan jam, misalnya {TIME_FORMS}",
                    )
                    value = ""
            elif target == "status":
                value = mapper.status(value, where, label)
            elif target == "summary":
                value = mapper.summary(value, where, label, names)
            elif target == "category":
                value = mapper.category(value, where, label)
            elif target == "kecamatan":
                value = mapper.label(value, where, label, "", names)
            out[target] = value
        out["category"] = out["category"] or ("lainnya" if form is LAPOR else "")
        result.rows.append(out)
        result.lines.append(line)
    return result


def _open311_time(text: Any) -> str:
    if not text:
        return ""
    value = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(text)
    return value.isoformat(timespec="minutes")


def _json_text(value: Any) -> str:
    """A JSON value as a cell: trimmed (a sheet's cells are), a dash only is empty."""
    text = "" if value is None else str(value).strip()
    return text if text.strip(NOTHING) else ""


def import_open311(
    path: Path,
    directory: Directory,
    timezone: str,
    channel: str = "portal",
    config: ComplaintsIn | None = None,
) -> ImportResult:
    """Open311 GeoReport v2 service requests (a JSON list) into Kanal rows.

    ``closed`` becomes resolved at ``updated_datetime`` (which is then also the first
    response: the standard has no separate field); ``open`` stays open.
    """
    shown = display_path(path)
    result = ImportResult(shown=shown)
    mapper = _Mapper(directory, shown, result, config)
    tz = zoneinfo.ZoneInfo(timezone)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:  # thousands of nested brackets: json's scanner recurses
        result.problems.error(
            Location(shown),
            "",
            "JSON tidak valid: terlalu dalam bersarang (kurung di dalam kurung)",
        )
        return result
    if isinstance(items, dict):  # some servers wrap the list: {"service_requests": [...]}
        items = items.get("service_requests") or items.get("requests") or []
    if not isinstance(items, list):
        result.problems.error(
            Location(shown),
            "",
            "JSON harus berupa daftar permintaan layanan Open311 ([{...}, ...]) atau "
            '{"service_requests": [...]}',
        )
        return result
    for i, item in enumerate(items, 1):
        where = Location(shown, i, 0)  # the n-th request in the list
        if not isinstance(item, dict):
            result.problems.error(
                where, "", f"permintaan ke-{i} bukan objek JSON ({{...}}); tidak dibaca"
            )
            continue
        for key, label in OPEN311_PERSONAL.items():
            if item.get(key) not in (None, ""):
                result.dropped[label] += 1
        status = str(item.get("status") or "").lower()
        try:
            received = _open311_time(item.get("requested_datetime"))
            updated = _open311_time(item.get("updated_datetime"))
        except ValueError:
            result.problems.error(where, "requested_datetime", "waktu tanpa zona atau tidak valid")
            continue
        if status not in ("open", "closed"):
            result.problems.error(where, "status", f"status '{status}' bukan open atau closed")
            continue
        closed = status == "closed"
        received_local = dt.datetime.fromisoformat(received).astimezone(tz) if received else None
        updated_local = dt.datetime.fromisoformat(updated).astimezone(tz) if updated else None
        result.rows.append(
            {
                "id": mapper.ticket(
                    _json_text(item.get("service_request_id")), where, "service_request_id"
                ),
                "agency": mapper.agency(str(item.get("agency_responsible") or ""), where),
                "channel": channel,
                "category": mapper.category(
                    str(item.get("service_name") or item.get("service_code") or "lainnya"),
                    where,
                    "service_name",
                ),
                "received": received_local.isoformat(timespec="minutes") if received_local else "",
                "first_response": updated_local.isoformat(timespec="minutes")
                if closed and updated_local
                else "",
                "resolved": updated_local.isoformat(timespec="minutes")
                if closed and updated_local
                else "",
                "status": "resolved" if closed else "open",
                "kecamatan": "",
                "summary": mapper.summary(
                    _json_text(item.get("description")), where, "description"
                ),
            }
        )
        result.lines.append(i)
    return result


def cell_label(result: ImportResult, title: str, number: int, line: int) -> str:
    """A field as the clerk's export titles its column, with the cell as Excel names it when
    the export is a workbook ("Kategori (Aduan!D7)")."""
    if result.sheet is None or not number:
        return title
    return f"{title} ({result.sheet}!{column_letter(number)}{line})"


def check_rows(
    result: ImportResult,
    directory: Directory,
    config: ComplaintsIn | None,
    kecamatan: dict[str, str] | None = None,
) -> None:
    """Run on the converted rows the record checks ``kanal check`` runs on the file written
    from them (a resolved record without its time, a reply before the receipt, an id twice…),
    each problem located at the export's own row and column: the clerk corrects the workbook
    and imports again, instead of mapping CSV lines back to it. Only ids repeated across the
    region's other complaint files are left to ``kanal check``."""
    if not result.rows:
        return
    names = [c for c in COLUMNS if c != "timezone"]
    cols = {name: tuple(row[name] for row in result.rows) for name in names}

    def at(i: int, name: str) -> Location:
        column = result.columns.get(name)
        return Location(result.shown, result.lines[i], column[0] if column else 0)

    def label(i: int, name: str) -> str:
        number, title = result.columns.get(name, (0, ""))
        return cell_label(result, title or name, number, result.lines[i])

    # A character kanal check refuses in any cell (a NUL or DEL the export carried, which
    # the mapping of values keeps): refused here at its cell, not in the file written.
    for name in names:
        for i, cell in enumerate(cols[name]):
            message = cell_message(cell) if cell else None
            if message is not None:
                result.problems.error(at(i, name), label(i, name), message)
    checker = RecordChecker(directory, config or ComplaintsIn(), result.problems, kecamatan)
    checker.check(cols, len(result.rows), at, label)
    checker.finish()


def write_rows(rows: list[dict[str, str]], out: Path) -> None:
    """Write the complaint CSV atomically (:func:`generator.safeinput.files.atomic_write`): an
    interrupted or failed write leaves ``out`` as it was. Whether ``out`` may be replaced is
    the caller's decision."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, [c for c in COLUMNS if c != "timezone"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(out, text.getvalue().encode("utf-8"))


def describe_dropped(dropped: Counter) -> str:
    if not dropped:
        return "tidak ada"
    return ", ".join(f"{n} {label}" for label, n in sorted(dropped.items()))


def decode_position(exc: UnicodeDecodeError | json.JSONDecodeError) -> tuple[int, int]:
    return (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (0, 0)


def decode_message(exc: UnicodeDecodeError | json.JSONDecodeError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"JSON tidak valid: {exc.msg}"
    return f"berkas bukan teks UTF-8 (byte ke-{exc.start + 1})"
