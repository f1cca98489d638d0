"""The registry history as open-data tables: every change, and coverage month by month.

``registry_changes`` has one row per change (its commit, so anyone can check it with
``git show``); ``coverage_monthly`` the figures of the chart on *Riwayat perubahan*. Both are
plain fields and rows, written beside the other tables (CSV, JSON, SQLite, datapackage); their
titles and keys are in ``generator.opendata.tables``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.registry.history import MonthCoverage, RegistryChange, RegistryHistory

Table = tuple[str, list[dict[str, Any]], list[list[Any]]]


def _field(name: str, kind: str, doc: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": kind, "description": doc}
    if kind == "datetime":
        out["format"] = "any"
    return out


CHANGE_FIELDS = [
    _field("time", "datetime", "Waktu commit yang memuat perubahan (ISO 8601, zona waktu daerah)."),
    _field("commit", "string", "id commit git (40 karakter); periksa dengan git show."),
    _field("seq", "integer", "Urutan perubahan di dalam commit itu (mulai 1)."),
    _field(
        "kind",
        "string",
        "Jenis perubahan: agency_added, agency_removed, agency_renamed, account_added, "
        "account_removed, account_archived, account_reactivated, account_status, "
        "account_url_changed, account_changed, channel_added, channel_removed, channel_changed, "
        "channel_label, publisher_changed (definisi: halaman Riwayat perubahan).",
    ),
    _field("agency", "string", "id instansi (kosong untuk kontak pengelola di region.yml)."),
    _field("agency_name", "string", "Nama instansi menurut berkas pada commit itu."),
    _field("before", "string", "Nilai sebelum (alamat akun, status, nomor atau alamat kanal)."),
    _field("after", "string", "Nilai sesudah."),
    _field(
        "sensitive",
        "boolean",
        "true bila alamat akun resmi atau nomor layanan berubah (cara akun dibajak).",
    ),
    _field("description", "string", "Perubahan dalam kalimat (bahasa Indonesia)."),
]

COVERAGE_FIELDS = [
    _field("month", "string", "Bulan (TTTT-BB); keadaan registri pada commit terakhir bulan itu."),
    _field("level", "string", "Tingkat: kecamatan, desa (desa/kelurahan) atau daerah."),
    _field(
        "with_account",
        "integer",
        "Unit resmi dengan setidaknya satu akun media sosial resmi aktif.",
    ),
    _field("official", "integer", "Jumlah unit resmi menurut Kepmendagri (penyebut)."),
    _field("share", "number", "with_account / official (0-1)."),
]


def sequence(changes: list[RegistryChange]) -> list[int]:
    """Each change's position inside its commit, from 1: with the commit, a stable key."""
    seen: Counter[str] = Counter()
    out = []
    for c in changes:
        seen[c.commit] += 1
        out.append(seen[c.commit])
    return out


def change_rows(changes: list[RegistryChange]) -> list[list[Any]]:
    return [
        [
            c.when.isoformat(),
            c.commit,
            n,
            c.kind,
            c.agency,
            c.agency_name,
            c.before,
            c.after,
            c.sensitive,
            c.text,
        ]
        for c, n in zip(changes, sequence(changes), strict=True)
    ]


def coverage_rows(months: list[MonthCoverage]) -> list[list[Any]]:
    return [
        [m.month, m.level.value, m.count, m.total, m.count / m.total if m.total else None]
        for m in months
    ]


def history_tables(history: RegistryHistory | None, months: list[MonthCoverage]) -> list[Table]:
    """The tables to publish; none without a history (the site shows the current state only),
    and no empty table (a JSON file of no rows is not a valid tabular resource)."""
    if history is None or not history.available:
        return []
    tables: list[Table] = []
    if history.changes:
        tables.append(("registry_changes", CHANGE_FIELDS, change_rows(history.changes)))
    if months:
        tables.append(("coverage_monthly", COVERAGE_FIELDS, coverage_rows(months)))
    return tables
