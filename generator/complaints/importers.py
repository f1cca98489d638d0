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
import json
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.complaints.check import agency_key, agency_names
from generator.complaints.models import COLUMNS
from generator.registry.models import Directory
from generator.safeinput.files import MB
from generator.safeinput.privacy import Redactions, redact
from generator.safeinput.problems import Location, Problems, display_path

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
    def __init__(self, directory: Directory, shown: str, result: ImportResult):
        self.names = agency_names(directory)
        self.shown = shown
        self.result = result
        self.unmapped: dict[str, Location] = {}

    def agency(self, name: str, where: Location) -> str:
        found = self.names.get(agency_key(name))
        if found:
            return found
        if name not in self.unmapped:
            self.unmapped[name] = where
            self.result.problems.error(
                where,
                "agency",
                f"nama instansi '{name}' tidak dikenal; tambahkan ke aliases di berkas instansinya",
            )
        return ""

    def summary(self, text: str | None, where: Location, column: str) -> str:
        if not text:
            return ""
        # Redact before cutting, so a number cut in half cannot slip past the patterns.
        found = Redactions()
        text = redact(" ".join(str(text).split()), found)
        if len(text) > SUMMARY_MAX:
            text = text[: SUMMARY_MAX - 1].rstrip() + "…"
        if found.total:
            self.result.redactions.add(found)
            self.result.problems.warning(
                where, column, f"berisi data pribadi ({found.describe()}); disamarkan"
            )
        return text

    def label(self, text: str, where: Location, column: str, fallback: str) -> str:
        """A category or kecamatan: kept as is, or ``fallback`` when it holds personal data."""
        found = Redactions()
        redact(text, found, label=True)
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


def _lapor_time(text: str, tz: zoneinfo.ZoneInfo) -> str:
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


def import_lapor(path: Path, directory: Directory, timezone: str) -> ImportResult:
    """An SP4N-LAPOR!-style CSV export (see LAPOR_COLUMNS) into Kanal rows."""
    result = ImportResult()
    shown = display_path(path)
    mapper = _Mapper(directory, shown, result)
    tz = zoneinfo.ZoneInfo(timezone)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [
            c
            for c in ("nomor tiket", "tanggal laporan", "instansi terdisposisi", "status")
            if c not in header
        ]
        for name in missing:
            result.problems.error(
                Location(shown, 1, 1), name, f"kolom '{name}' tidak ada di ekspor"
            )
        if missing:
            return result
        position = {name: i for i, name in enumerate(header)}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values = dict(zip(header, row, strict=False))
            for column, label in LAPOR_PERSONAL.items():
                if (values.get(column) or "").strip():
                    result.dropped[label] += 1
            out = {name: "" for name in COLUMNS if name != "timezone"}
            out["channel"] = "lapor"
            for column, target in LAPOR_COLUMNS.items():
                value = (values.get(column) or "").strip()
                where = Location(shown, line, position.get(column, 0) + 1)
                if target == "agency":
                    value = mapper.agency(value, where) if value else ""
                elif target in ("received", "first_response", "resolved"):
                    try:
                        value = _lapor_time(value, tz)
                    except ValueError:
                        result.problems.error(where, column, f"waktu '{value}' tidak dikenali")
                        value = ""
                elif target == "status":
                    status = LAPOR_STATUS.get(value.lower())
                    if status is None:
                        result.problems.error(
                            where,
                            column,
                            f"status '{value}' tidak dikenal; yang dikenal: {', '.join(LAPOR_STATUS)}",
                        )
                    value = status or ""
                elif target == "summary":
                    value = mapper.summary(value, where, column)
                elif target == "category" and value:
                    value = mapper.label(value, where, column, "lainnya")
                elif target == "kecamatan" and value:
                    value = mapper.label(value, where, column, "")
                out[target] = value
            out["category"] = out["category"] or "lainnya"
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
    path: Path, directory: Directory, timezone: str, channel: str = "portal"
) -> ImportResult:
    """Open311 GeoReport v2 service requests (a JSON list) into Kanal rows.

    ``closed`` becomes resolved at ``updated_datetime`` (which is then also the first
    response: the standard has no separate field); ``open`` stays open.
    """
    result = ImportResult()
    shown = display_path(path)
    mapper = _Mapper(directory, shown, result)
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
                "category": mapper.label(
                    str(item.get("service_name") or item.get("service_code") or "lainnya"),
                    where,
                    "service_name",
                    "lainnya",
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
    out.parent.mkdir(parents=True, exist_ok=True)
    fields = [c for c in COLUMNS if c != "timezone"]
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(out)


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
