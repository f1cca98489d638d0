"""Open data under ``data/``: CSV, JSON, a SQLite database and a Frictionless Data Package.

Every table is published as CSV and in ``kanal.sqlite``; the small ones also as JSON. The
complaint records (a million rows in a province) and the figures (a row per agency and month)
are CSV and SQLite only: as JSON they were the largest files of a province site (664 MB and
100 MB at a million records) and said nothing the CSV does not.

Every aggregate in ``figures.csv`` can be recomputed from ``complaints.csv`` (which carries the
working days of each record) and ``calendar.csv`` (which says which dates were working days).
Rows are written in chunks so a million records need little memory.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gzip
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.build.worker import forked
from generator.complaints.columns import (
    COLUMN_KINDS,
    FORMULA_START,
    complaint_chunks,
    csv_column,
    csv_lines,
    csv_text,
    json_column,
    kind_of,
    typed_rows,
)
from generator.complaints.figures import FIGURE_FIELDS, Figures
from generator.opendata.manifest import sha256_file
from generator.registry.models import Channel, Directory

__all__ = ["FORMULA_START", "complaint_rows", "csv_text", "write_open_data"]

# Tables too large to repeat as JSON: CSV and SQLite only.
CSV_ONLY = frozenset({"complaints", "figures"})
# Above this size kanal.sqlite is published gzip-compressed as kanal.sqlite.gz (about a quarter):
# with a province's million records it was 300+ MB of a site GitHub Pages caps at 1 GB.
SQLITE_GZIP_OVER = 100_000_000

# name, Frictionless type, description (Indonesian: the site's readers)
COMPLAINT_FIELDS: list[tuple[str, str, str]] = [
    ("id", "string", "Nomor aduan dari sumbernya (unik)."),
    ("agency", "string", "id instansi yang menangani (lihat agencies.csv)."),
    (
        "channel",
        "string",
        "Kanal masuk: instagram, x, facebook, whatsapp, lapor, portal, walk-in, ...",
    ),
    ("category", "string", "Kategori aduan."),
    ("kecamatan", "string", "Kecamatan lokasi masalah, bila ada."),
    (
        "status",
        "string",
        "open (masih terbuka), resolved (selesai), rejected (ditolak/di luar kewenangan).",
    ),
    ("received", "datetime", "Waktu aduan diterima, ISO 8601 dengan offset zona waktu daerah."),
    (
        "first_response",
        "datetime",
        "Waktu tanggapan pertama; bila kosong di sumber tetapi aduan ditutup, sama dengan waktu selesai.",
    ),
    ("resolved", "datetime", "Waktu aduan selesai atau ditolak."),
    (
        "summary",
        "string",
        "Ringkasan publik, hanya bila daerah memilih menerbitkannya (bawaan: kosong); nama, alamat, RT/RW, NIK/KK, nomor telepon, rekening, kendaraan dan surel sudah disamarkan.",
    ),
    ("month", "string", "Bulan diterima (TTTT-BB, waktu setempat)."),
    ("in_period", "boolean", "true bila tanggal diterima berada dalam periode laporan."),
    (
        "first_response_workdays",
        "integer",
        "Hari kerja dari hari diterima (tidak dihitung) sampai hari tanggapan pertama (dihitung).",
    ),
    (
        "first_response_workminutes",
        "integer",
        "Menit jam kerja kantor dari diterima sampai tanggapan pertama.",
    ),
    ("resolution_workdays", "integer", "Hari kerja sampai selesai; hanya untuk status resolved."),
    (
        "resolution_workminutes",
        "integer",
        "Menit jam kerja sampai selesai; hanya untuk status resolved.",
    ),
    (
        "age_workdays",
        "integer",
        "Hari kerja dari diterima sampai tanggal acuan; hanya untuk status open.",
    ),
    (
        "first_response_target_days",
        "integer",
        "Target tanggapan pertama kategori ini (hari kerja).",
    ),
    ("resolution_target_days", "integer", "Target selesai kategori ini (hari kerja)."),
    (
        "first_response_within_target",
        "boolean",
        "Ditanggapi dalam target? Kosong bila belum ditanggapi dan target belum lewat.",
    ),
    (
        "resolution_within_target",
        "boolean",
        "Selesai dalam target? Kosong untuk aduan ditolak, dan aduan terbuka yang targetnya belum lewat.",
    ),
    ("overdue", "boolean", "Masih terbuka dan sudah melewati target selesai pada tanggal acuan."),
    (
        "speed_band",
        "string",
        "Kecepatan tanggapan pertama: fast (0-3 hari kerja), medium (4-6), slow (>6).",
    ),
]

FIGURE_TYPES = {
    "dimension": ("string", "overall, agency, channel, category, month, atau agency_month."),
    "agency": ("string", "id instansi (untuk dimension agency dan agency_month)."),
    "channel": ("string", "Kanal (untuk dimension channel)."),
    "category": ("string", "Kategori (untuk dimension category)."),
    "month": ("string", "Bulan TTTT-BB (untuk dimension month dan agency_month)."),
    "period_start": ("date", "Hari pertama periode laporan."),
    "period_end": ("date", "Hari terakhir periode laporan."),
    "reference_date": ("date", "Tanggal acuan untuk aduan yang masih terbuka (tanggal data)."),
    "ranked": ("boolean", "Instansi masuk peringkat (jumlah aduan >= minimum)."),
    "rank": ("integer", "Peringkat; kosong bila data belum cukup."),
}
FIGURE_DOCS = {
    "records": "Aduan diterima dalam periode (n).",
    "resolved": "Berstatus selesai.",
    "rejected": "Ditolak atau di luar kewenangan.",
    "open": "Masih terbuka.",
    "overdue": "Masih terbuka dan melewati target selesai.",
    "answered": "Sudah ditanggapi.",
    "unanswered": "Belum ditanggapi.",
    "eligible": "Penyebut persentase dalam target.",
    "within_target": "Pembilang: dalam target.",
    "within_share": "Persentase dalam target (0-1).",
    "within_low": "Batas bawah interval Wilson 95%.",
    "within_high": "Batas atas interval Wilson 95%.",
    "median": "Median (peringkat terdekat: nilai ke-ceil(n/2) dari yang terkecil).",
    "p90": "Persentil 90 (peringkat terdekat: nilai ke-ceil(0,9n)).",
    "band": "Jumlah tanggapan pertama dalam pita kecepatan ini.",
}


def _figure_field(name: str) -> dict[str, Any]:
    if name in FIGURE_TYPES:
        kind, doc = FIGURE_TYPES[name]
    else:
        doc = next((v for k, v in FIGURE_DOCS.items() if k in name), FIGURE_DOCS.get(name, ""))
        kind = "number" if name.endswith(("_share", "_low", "_high")) else "integer"
        unit = (
            " (hari kerja)"
            if "workdays" in name
            else " (menit jam kerja)"
            if "minutes" in name
            else ""
        )
        doc = f"{doc}{unit}"
    return {"name": name, "type": kind, "description": doc}


def complaint_rows(f: Figures) -> Iterator[list[list[Any]]]:
    """The public records with their per-record figures, in chunks of rows (typed values)."""
    for columns in complaint_chunks(f):
        yield typed_rows(columns)


# Keys declared in kanal.sqlite, so Datasette and SQL tools link the tables (agencies <- accounts,
# channels, complaints, figures) and look rows up by key. SQLite does not enforce them unless a
# reader asks (PRAGMA foreign_keys); a test runs PRAGMA foreign_key_check on every build.
SQL_CONSTRAINTS = {
    "agencies": ['PRIMARY KEY ("id")', 'FOREIGN KEY ("parent") REFERENCES "agencies" ("id")'],
    "accounts": ['FOREIGN KEY ("agency") REFERENCES "agencies" ("id")'],
    "channels": ['FOREIGN KEY ("agency") REFERENCES "agencies" ("id")'],
    "complaints": ['PRIMARY KEY ("id")', 'FOREIGN KEY ("agency") REFERENCES "agencies" ("id")'],
    "figures": ['FOREIGN KEY ("agency") REFERENCES "agencies" ("id")'],
    "calendar": ['PRIMARY KEY ("date")'],
}
SQL_INDEXES = [
    ("agencies", ("parent",)),
    ("agencies", ("kind",)),
    ("accounts", ("agency",)),
    ("accounts", ("platform", "handle")),
    ("channels", ("agency",)),
    ("complaints", ("agency",)),
    ("complaints", ("month",)),
    ("complaints", ("category",)),
    ("figures", ("dimension", "agency")),
]


def _null(value: None) -> None:
    return None


@contextlib.contextmanager
def _fast_nulls() -> Iterator[None]:
    """While the tables are written, None is bound through a registered adapter.

    Without one, the sqlite3 module looks for ``__adapt__`` and ``__conform__`` on every None it
    binds (two failed attribute lookups): a quarter of the time of inserting a million records.
    The adapter returns None, which is bound as NULL as before; the registry is restored after.
    """
    adapters = getattr(sqlite3, "adapters", None)
    if adapters is None:  # not in this Python: only slower
        yield
        return
    key = (type(None), sqlite3.PrepareProtocol)
    before = adapters.get(key)
    sqlite3.register_adapter(type(None), _null)
    try:
        yield
    finally:
        if before is None:
            adapters.pop(key, None)
        else:
            adapters[key] = before


class _Writers:
    """One table written as CSV and JSON (array of objects, unless CSV_ONLY) when ``files``, and
    into the SQLite database ``db`` when there is one."""

    def __init__(
        self, out: Path, db: sqlite3.Connection | None, name: str, fields: list[dict], files: bool
    ):
        self.names = [f["name"] for f in fields]
        self.text = [f["type"] == "string" for f in fields]
        self.csv_file = self.csv = self.json_file = None
        if files:
            self.csv_file = (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self.csv = csv.writer(self.csv_file, lineterminator="\n")
            self.csv.writerow(self.names)
            if name not in CSV_ONLY:
                self.json_file = (out / f"{name}.json").open("w", encoding="utf-8")
                self.json_file.write("[")
        self.first = True
        self.db, self.table = db, name
        if db is None:
            return
        sql_types = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
        cols = [f'"{f["name"]}" {sql_types.get(f["type"], "TEXT")}' for f in fields]
        db.execute(f'CREATE TABLE "{name}" ({", ".join(cols + SQL_CONSTRAINTS.get(name, []))})')
        self.insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(fields))})'

    def write(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        if self.db is not None:
            self.db.executemany(self.insert, rows)
        if self.csv is None:
            return
        # Column-wise conversion: a million rows in seconds, not a function call per cell.
        columns = [list(c) for c in zip(*rows, strict=True)]
        as_csv = [csv_column(c, text) for c, text in zip(columns, self.text, strict=True)]
        self.csv.writerows(zip(*as_csv, strict=True))
        if self.json_file is None:
            return
        template = "{" + ",".join(f"{json.dumps(n)}:%s" for n in self.names) + "}"
        as_json = [json_column(c) for c in columns]
        parts = [template % values for values in zip(*as_json, strict=True)]
        self.json_file.write(("" if self.first else ",\n") + ",\n".join(parts))
        self.first = False

    def write_columns(self, columns: list[list[Any]], kinds: list[str]) -> None:
        """Rows given as typed columns (a CSV_ONLY table): CSV built column-wise, and SQLite
        fed tuples straight from the columns, never a list per row."""
        assert self.json_file is None, self.table
        if self.csv_file is not None:
            self.csv_file.write(csv_lines(columns, kinds))
        if self.db is not None:
            self.db.executemany(self.insert, zip(*columns, strict=True))

    def close(self) -> None:
        if self.csv_file is not None:
            self.csv_file.close()
        if self.json_file is not None:
            self.json_file.write("]\n")
            self.json_file.close()


def _directory_tables(directory: Directory | None, f: Figures) -> dict[str, tuple[list, list]]:
    """agencies, accounts and channels (the official contacts), as fields and rows."""
    s = lambda name, doc, kind="string": {"name": name, "type": kind, "description": doc}  # noqa: E731
    agencies_fields = [
        s("id", "id instansi."),
        s("name", "Nama resmi."),
        s("short_name", "Singkatan."),
        s("kind", "Jenis instansi."),
        s("parent", "id instansi induk."),
        s("region_code", "Kode wilayah Kepmendagri."),
    ]
    account_fields = [
        s("agency", "id instansi."),
        s("platform", "Platform media sosial."),
        s("handle", "Nama akun."),
        s("url", "Alamat profil."),
        s("status", "active, inactive, archived."),
        s("since", "Resmi sejak.", "date"),
        s("reviewed", "Terakhir diperiksa.", "date"),
    ]
    channel_fields = [
        s("agency", "id instansi."),
        s("type", "whatsapp, phone, sms, email, website, complaint_portal."),
        s(
            "value",
            "Nomor sebagai URI tel: (RFC 3966, mis. tel:+6281234567890; nomor layanan singkat "
            "apa adanya, mis. tel:112), alamat surel atau URL resmi instansi.",
        ),
        s("label", "Keterangan."),
    ]
    if directory is None:
        agencies = [[a, a, None, None, None, None] for a in f.table.agencies]
        return {
            "agencies": (agencies_fields, agencies),
            "accounts": (account_fields, []),
            "channels": (channel_fields, []),
        }
    listed = list(directory.agencies.values())
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "agencies": (
            agencies_fields,
            [[a.id, a.name, a.short_name, a.kind.value, a.parent, a.region_code] for a in listed],
        ),
        "accounts": (
            account_fields,
            [
                [
                    a.id,
                    x.platform.value,
                    x.handle,
                    x.url,
                    x.status.value,
                    iso(x.since),
                    iso(x.reviewed),
                ]
                for a in listed
                for x in a.accounts
            ],
        ),
        "channels": (
            channel_fields,
            [[a.id, c.type.value, _channel_value(c), c.label] for a in listed for c in a.channels],
        ),
    }


def _channel_value(channel: Channel) -> str:
    """A number as an RFC 3966 ``tel:`` URI, anything else as it is.

    A spreadsheet opening the CSV turns a bare "+6281234567890" into the number 6,28E+12 (the
    plus and any leading digits lost); "tel:+6281234567890" stays text, in every format alike.
    """
    if channel.type.value in ("whatsapp", "phone", "sms"):
        return f"tel:{channel.value}"
    return channel.value


def write_open_data(
    f: Figures, out: Path, agencies: Directory | None, title: str = "Kinerja layanan aduan"
) -> list[str]:
    """Write every open-data file into ``out``; returns the file names.

    kanal.sqlite is written by a forked worker while this process writes the CSV and JSON
    files (worker.forked): both are a few seconds of CPU for a million records.
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in ("kanal.sqlite", "kanal.sqlite.gz"):
        (out / name).unlink(missing_ok=True)
    with forked(lambda: _write_sqlite(f, out, agencies), "basis data kanal.sqlite") as wait:
        tables = _write_tables(f, out, agencies, None, files=True)
        wait()
    db_path = out / "kanal.sqlite.gz"
    if not db_path.exists():
        db_path = out / "kanal.sqlite"
    _datapackage(f, out, tables, title, db_path)
    _datasette_metadata(f, out, tables, title)
    return [
        *(f"{n}.{ext}" for n in tables for ext in _formats(n)),
        db_path.name,
        "datapackage.json",
        "metadata.json",
    ]


def _write_sqlite(f: Figures, out: Path, agencies: Directory | None) -> None:
    """kanal.sqlite with every table, its keys and indexes; gzip-compressed when large."""
    db_path = out / "kanal.sqlite"
    db = sqlite3.connect(db_path)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA locking_mode=EXCLUSIVE")  # no lock calls per page written
        with _fast_nulls():
            _write_tables(f, out, agencies, db, files=False)
        for table_name, columns in SQL_INDEXES:
            cols = ", ".join(f'"{c}"' for c in columns)
            db.execute(
                f'CREATE INDEX "{table_name}_{"_".join(columns)}" ON "{table_name}" ({cols})'
            )
        db.commit()
    finally:
        db.close()
    if db_path.stat().st_size > SQLITE_GZIP_OVER:
        _gzip(db_path, db_path.with_name(db_path.name + ".gz"))
        db_path.unlink()


def _write_tables(
    f: Figures, out: Path, agencies: Directory | None, db: sqlite3.Connection | None, files: bool
) -> dict[str, list[dict]]:
    """Every table into ``db`` (when given) and as CSV/JSON files (when ``files``); returns
    each table's fields."""
    tables: dict[str, list[dict]] = {}

    def table(name: str, fields: list[dict], chunks) -> None:
        writer = _Writers(out, db, name, fields, files)
        for rows in chunks:
            writer.write(rows)
        writer.close()
        tables[name] = fields

    for name, (fields, rows) in _directory_tables(agencies, f).items():
        table(name, fields, [rows])
    complaint_fields = [
        {"name": n, "type": k, "description": doc} for n, k, doc in COMPLAINT_FIELDS
    ]
    for field in complaint_fields:
        if field["type"] == "datetime":
            field["format"] = "any"
    writer = _Writers(out, db, "complaints", complaint_fields, files)
    for columns in complaint_chunks(f):
        writer.write_columns(columns, COLUMN_KINDS)
    writer.close()
    tables["complaints"] = complaint_fields
    figure_fields = [_figure_field(n) for n in FIGURE_FIELDS]
    writer = _Writers(out, db, "figures", figure_fields, files)
    writer.write_columns(
        [[r[n] for r in f.rows] for n in FIGURE_FIELDS],
        [kind_of(fd["type"]) for fd in figure_fields],
    )
    writer.close()
    tables["figures"] = figure_fields
    cal = f.settings.calendar
    days = [cal.start + dt.timedelta(days=i) for i in range(len(cal.workday))]
    table(
        "calendar",
        [
            {"name": "date", "type": "date", "description": "Tanggal."},
            {"name": "workday", "type": "boolean", "description": "true bila hari kerja."},
            {
                "name": "holiday",
                "type": "string",
                "description": "Nama libur nasional, cuti bersama atau libur daerah.",
            },
        ],
        [
            [
                [d.isoformat(), bool(w), cal.holidays.get(d)]
                for d, w in zip(days, cal.workday.tolist(), strict=True)
            ]
        ],
    )
    return tables


def _gzip(src: Path, dst: Path) -> None:
    """``src`` gzip-compressed into ``dst``, byte for byte the same on every build.

    Level 1: for a province's 308 MB database, 2.4 s of CPU and 73.5 MB, against 6.7 s and
    64.1 MB at level 6 (3: 3.3 s, 70.8 MB). Nine more megabytes to download once are worth
    four seconds on every build."""
    # No file name and time in the header: deterministic output.
    with (
        src.open("rb") as fin,
        dst.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=1, mtime=0) as out,
    ):
        shutil.copyfileobj(fin, out, 1 << 20)


def _formats(table: str) -> tuple[str, ...]:
    return ("csv",) if table in CSV_ONLY else ("csv", "json")


TABLE_DOCS = {
    "agencies": "Instansi dalam registri: perangkat daerah, kecamatan, desa/kelurahan.",
    "accounts": "Akun media sosial resmi setiap instansi (active, inactive, archived).",
    "channels": "Kontak resmi setiap instansi: WhatsApp, telepon, SMS, surel, situs, kanal pengaduan.",
    "complaints": "Aduan publik, satu baris per aduan, dengan hari kerja yang dihitung per aduan. Tanpa data pribadi.",
    "figures": "Semua angka agregat kinerja layanan aduan yang diterbitkan di situs.",
    "calendar": "Kalender hari kerja: libur nasional, cuti bersama dan libur daerah.",
}


def _datasette_metadata(f: Figures, out: Path, tables: dict[str, list[dict]], title: str) -> None:
    """``metadata.json`` for Datasette (``datasette kanal.sqlite -m metadata.json``)."""
    licence = f.settings.config.licence
    metadata = {
        "title": title,
        "description": (
            "Data terbuka Kanal: registri akun resmi dan kinerja layanan aduan, periode "
            f"{f.settings.period_start.isoformat()} s.d. {f.settings.period_end.isoformat()}, "
            f"tanggal acuan {f.settings.reference.isoformat()}. Cara menghitung ulang setiap angka: "
            "halaman Metodologi di situs."
        ),
        "license": licence,
        "license_url": f"https://spdx.org/licenses/{licence}.html",
        "source": "Registri dan catatan aduan pemerintah daerah, diterbitkan dengan Kanal",
        "databases": {
            "kanal": {
                "tables": {
                    name: {
                        "description": TABLE_DOCS.get(name, ""),
                        "columns": {fd["name"]: fd.get("description", "") for fd in fields},
                    }
                    for name, fields in tables.items()
                }
            }
        },
    }
    (out / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _datapackage(
    f: Figures, out: Path, tables: dict[str, list[dict]], title: str, db: Path
) -> None:
    licence = f.settings.config.licence
    keys = {"agencies": ["id"], "complaints": ["id"], "calendar": ["date"]}
    resources = []
    for name, fields in tables.items():
        schema: dict[str, Any] = {"fields": fields}
        if name in keys:
            schema["primaryKey"] = keys[name]
        for ext in _formats(name):
            media = {"csv": "text/csv", "json": "application/json"}[ext]
            resources.append(
                {
                    "name": f"{name}-{ext}",
                    "path": f"{name}.{ext}",
                    "type": "table",
                    "format": ext,
                    "mediatype": media,
                    "encoding": "utf-8",
                    "schema": schema,
                }
            )
    about = "Basis data SQLite berisi tabel yang sama (agencies, accounts, channels, complaints, figures, calendar), siap untuk Datasette atau alat SQL lain."
    if db.suffix == ".gz":
        about += " Dikompresi gzip karena besar: buka dulu dengan gunzip, 7-Zip atau alat sejenis."
    resources.append(
        {
            "name": "kanal-sqlite",
            "path": db.name,
            "type": "file",
            "format": "gz" if db.suffix == ".gz" else "sqlite",
            "mediatype": "application/gzip" if db.suffix == ".gz" else "application/vnd.sqlite3",
            "description": about,
            "bytes": db.stat().st_size,
            "hash": f"sha256:{sha256_file(db)}",
        }
    )
    package = {
        "name": "kanal-aduan",
        "title": title,
        "description": f"Aduan publik dan angka kinerja layanan aduan, periode {f.settings.period_start.isoformat()} s.d. {f.settings.period_end.isoformat()}, tanggal acuan {f.settings.reference.isoformat()}.",
        "licenses": [
            {"name": licence, "path": f"https://spdx.org/licenses/{licence}.html", "title": licence}
        ],
        "created": dt.datetime.combine(f.settings.reference, dt.time(0), dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
