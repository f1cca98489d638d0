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
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.complaints.check import agency_candidates, agency_key, category_key
from generator.complaints.models import (
    CHANNEL_SYNONYMS,
    COLUMNS,
    STATUS_SYNONYMS,
    Channel,
    Status,
)
from generator.registry.models import Directory
from generator.registry.settings import ComplaintsIn
from generator.safeinput.files import MB, atomic_write
from generator.safeinput.identifiers import identifier_findings
from generator.safeinput.privacy import Redactions, redact, redact_known
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.recordsheets import read_csv_text, read_xlsx
from generator.safeinput.words import ZONE_SYNONYMS, suggest, vocabulary, word_key

IMPORT_MAX_BYTES = 200 * MB  # a national portal's export of a whole region and years
SUMMARY_MAX = 280

# SP4N-LAPOR!-style export: column -> Kanal field (None: dropped, personal data).
LAPOR_COLUMNS: dict[str, str | None] = {
    "nomor tiket": "id",
    "tanggal laporan": "received",
    "judul": "summary",
    "kategori": "category",
    "instansi terdisposisi": "agency",
    "status": "status",
    "tanggal tanggapan pertama": "first_response",
    "tanggal selesai": "resolved",
    "lokasi kecamatan": "kecamatan",
}
LAPOR_PERSONAL = {
    "nama pelapor": "nama",
    "nik": "NIK",
    "nomor telepon": "nomor telepon",
    "email": "surel",
    "alamat": "alamat",
    "isi laporan": "isi laporan lengkap",
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

    def agency(self, name: str, where: Location) -> str:
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
            self.result.problems.error(where, "agency", message)
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


def _lapor_time(text: str, tz: dt.tzinfo) -> str:
    text = text.strip()
    if not text:
        return ""
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            value = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return value.replace(tzinfo=tz).isoformat(timespec="minutes")
    value = dt.datetime.fromisoformat(text)  # ISO 8601 with offset
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.isoformat(timespec="minutes")


def read_rows(
    path: Path, shown: str, problems: Problems
) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """A CSV (``,`` or ``;``, UTF-8) or ``.xlsx`` export: lower-case header and (line, cells)."""
    if path.suffix.lower() == ".xlsx":
        sheet = read_xlsx(path, shown, problems, IMPORT_MAX_BYTES)
        if sheet is None:
            return None
        return [h.strip().lower() for h in sheet.header], sheet.rows
    read = read_csv_text(path, shown, problems, IMPORT_MAX_BYTES)
    if read is None:
        return None
    text, delimiter = read
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    rows = []
    for row in reader:
        rows.append((reader.line_num, row))
    return header, rows


# A clerk's own spreadsheet (``--format kanal``): Kanal's columns, or their Indonesian names.
KANAL_COLUMNS: dict[str, str | None] = {
    **{name: name for name in COLUMNS},
    "nomor tiket": "id",
    "no tiket": "id",
    "nomor": "id",
    "instansi": "agency",
    "opd": "agency",
    "kanal": "channel",
    "saluran": "channel",
    "kategori": "category",
    "diterima": "received",
    "tanggal": "received",
    "tanggal diterima": "received",
    "tanggapan pertama": "first_response",
    "ditanggapi": "first_response",
    "selesai": "resolved",
    "tanggal selesai": "resolved",
    "ringkasan": "summary",
    "zona waktu": "timezone",
}
KANAL_PERSONAL = {
    **{name: "nama" for name in ("nama", "name", "nama pelapor", "nama_pelapor", "pelapor")},
    **{name: "NIK" for name in ("nik", "no kk", "nomor kk", "kk")},
    **{
        name: "nomor telepon"
        for name in ("telepon", "phone", "hp", "no hp", "no_telepon", "nomor telepon", "wa")
    },
    **{name: "surel" for name in ("email", "e-mail", "surel")},
    **{name: "alamat" for name in ("alamat", "address")},
    "isi laporan": "isi laporan lengkap",
}


@dataclass(frozen=True)
class SheetFormat:
    """How an export names its columns, which are personal, and which must be there."""

    columns: dict[str, str | None]
    personal: dict[str, str]
    required: tuple[str, ...]
    channel: str | None  # every row's channel when the export has no column for it


LAPOR = SheetFormat(
    LAPOR_COLUMNS,
    LAPOR_PERSONAL,
    ("nomor tiket", "tanggal laporan", "instansi terdisposisi", "status"),
    "lapor",
)
KANAL = SheetFormat(KANAL_COLUMNS, KANAL_PERSONAL, (), None)


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


def import_sheet(
    path: Path,
    directory: Directory,
    timezone: str,
    form: SheetFormat,
    config: ComplaintsIn | None = None,
) -> ImportResult:
    result = ImportResult()
    shown = display_path(path)
    mapper = _Mapper(directory, shown, result, config)
    read = read_rows(path, shown, result.problems)
    if read is None:
        return result
    header, rows = read
    known = {name: form.columns[name] for name in header if name in form.columns}
    missing = [c for c in form.required if c not in header]
    missing += [
        c
        for c in ("id", "agency", "received", "status")
        if not form.required and c not in known.values()
    ]
    for name in missing:
        result.problems.error(Location(shown, 1, 1), name, f"kolom '{name}' tidak ada di ekspor")
    if missing:
        return result
    position = {name: i for i, name in enumerate(header)}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(header, row, strict=False))
        for column, label in form.personal.items():
            if (values.get(column) or "").strip():
                result.dropped[label] += 1
        names = [
            values[c] for c, label in form.personal.items() if label == "nama" and values.get(c)
        ]
        out = {name: "" for name in COLUMNS if name != "timezone"}
        out["channel"] = form.channel or ""
        zone = zoneinfo.ZoneInfo(timezone)
        zone_text = next(
            (values[c] for c, t in known.items() if t == "timezone" and values.get(c)), ""
        )
        if zone_text:
            try:
                zone = zoneinfo.ZoneInfo(ZONE_SYNONYMS.get(word_key(zone_text), zone_text.strip()))
            except (ValueError, zoneinfo.ZoneInfoNotFoundError):
                where = (
                    Location(shown, line, position["timezone"] + 1)
                    if "timezone" in position
                    else Location(shown, line)
                )
                result.problems.error(
                    where,
                    "timezone",
                    f"zona waktu '{zone_text}' tidak dikenal; tulis WIB, WITA atau WIT",
                )
        for column, target in known.items():
            value = (values.get(column) or "").strip()
            where = Location(shown, line, position.get(column, 0) + 1)
            if target is None or target == "timezone" or not value:
                continue
            if target == "id":
                value = mapper.ticket(value, where, column)
            elif target == "agency":
                value = mapper.agency(value, where)
            elif target == "channel":
                value = mapper.channel(value, where, column)
            elif target in ("received", "first_response", "resolved"):
                try:
                    value = _lapor_time(value, zone)
                except ValueError:
                    result.problems.error(where, column, f"waktu '{value}' tidak dikenali")
                    value = ""
            elif target == "status":
                value = mapper.status(value, where, column)
            elif target == "summary":
                value = mapper.summary(value, where, column, names)
            elif target == "category":
                value = mapper.category(value, where, column)
            elif target == "kecamatan":
                value = mapper.label(value, where, column, "", names)
            out[target] = value
        out["category"] = out["category"] or ("lainnya" if form is LAPOR else "")
        result.rows.append(out)
    return result


def _open311_time(text: Any) -> str:
    if not text:
        return ""
    value = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(text)
    return value.isoformat(timespec="minutes")


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
    result = ImportResult()
    shown = display_path(path)
    mapper = _Mapper(directory, shown, result, config)
    tz = zoneinfo.ZoneInfo(timezone)
    items = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(items, dict):  # some servers wrap the list: {"service_requests": [...]}
        items = items.get("service_requests") or items.get("requests") or []
    for i, item in enumerate(items, 1):
        where = Location(shown, i, 0)  # the n-th request in the list
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
                "id": str(item.get("service_request_id") or ""),
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
                "summary": mapper.summary(item.get("description"), where, "description"),
            }
        )
    return result


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
