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
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from operator import attrgetter
from pathlib import Path
from typing import Any

from generator.build.stop import checkpoint
from generator.complaints.columns import (
    CHUNK,
    COLUMN_KINDS,
    FORMULA_START,
    SQL_NULL,
    complaint_chunks,
    csv_column,
    csv_lines,
    csv_text,
    json_column,
    kind_of,
    typed_rows,
)
from generator.complaints.figures import BAND_LIMITS, FIGURE_FIELDS, Z95, FigureRow, Figures
from generator.opendata.catalog import CatalogInfo, write_catalogs
from generator.opendata.changes import Table
from generator.opendata.gz import gzip_file
from generator.opendata.package import (
    PackageInfo,
    PublishedTable,
    file_resource,
    table_resources,
    write_datapackage,
    write_datasette_metadata,
)
from generator.opendata.tables import kecamatan_links, registry_tables, sql_constraints
from generator.registry.models import Directory

__all__ = ["FORMULA_START", "complaint_rows", "csv_text", "write_open_data"]

# Tables too large to repeat as JSON: CSV and SQLite only.
CSV_ONLY = frozenset({"complaints", "figures"})
# Parameters of one INSERT statement: a statement inserts as many rows as fit (25 records),
# so the sqlite3 module resets and steps it, and hands the GIL back and forth, once per 25
# rows, not per row. 999 is the smallest limit SQLite was ever built with.
SQL_VARIABLES = 999
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
    ("kecamatan", "string", "Kecamatan lokasi masalah, bila ada (nama resmi Kepmendagri)."),
    (
        "kecamatan_code",
        "string",
        "Kode Kepmendagri kecamatan itu; kosong bila namanya tidak tunggal di daerah ini.",
    ),
    (
        "kecamatan_agency",
        "string",
        "id instansi kecamatan itu di registri (lihat agencies.csv); kosong bila belum terdaftar.",
    ),
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

_STAGES = {"first_response": "tanggapan pertama", "resolution": "penyelesaian"}
_UNITS = {"workdays": "hari kerja", "workminutes": "menit jam kerja"}
# Z as published: the exact value the intervals are computed with, in Indonesian notation.
Z_TEXT = repr(Z95).replace(".", ",")


def _figure_docs() -> dict[str, tuple[str, str]]:
    """Every column of figures.csv: name -> (Frictionless type, description), one entry per exact
    name. (A substring lookup once gave ``unanswered`` the text of ``answered``.)"""
    docs = {
        "id": (
            "string",
            "Kunci tetap baris: dimensi lalu nilainya, dipisah titik dua (overall, "
            "agency:dinas-pupr, month:2026-03, agency_month:dinas-pupr:2026-03).",
        ),
        "dimension": ("string", "overall, agency, channel, category, month, atau agency_month."),
        "agency": ("string", "id instansi (untuk dimension agency dan agency_month)."),
        "channel": ("string", "Kanal (untuk dimension channel)."),
        "category": ("string", "Kategori (untuk dimension category)."),
        "month": ("string", "Bulan TTTT-BB (untuk dimension month dan agency_month)."),
        "period_start": ("date", "Hari pertama periode laporan."),
        "period_end": ("date", "Hari terakhir periode laporan."),
        "reference_date": ("date", "Tanggal acuan untuk aduan yang masih terbuka (tanggal data)."),
        "records": ("integer", "Aduan diterima dalam periode (n)."),
        "resolved": ("integer", "Aduan berstatus selesai (resolved)."),
        "rejected": ("integer", "Aduan ditolak atau di luar kewenangan (rejected)."),
        "open": ("integer", "Aduan masih terbuka (open)."),
        "overdue": ("integer", "Aduan masih terbuka dan sudah melewati target selesai."),
        "answered": ("integer", "Aduan yang sudah ditanggapi (ada waktu tanggapan pertama)."),
        "unanswered": ("integer", "Aduan yang belum ditanggapi (tanpa tanggapan pertama)."),
    }
    for stage, what in _STAGES.items():
        for unit, unit_text in _UNITS.items():
            docs[f"{stage}_median_{unit}"] = (
                "integer",
                f"Median waktu {what} ({unit_text}); peringkat terdekat: nilai ke-ceil(n/2) "
                "dari yang terkecil.",
            )
            docs[f"{stage}_p90_{unit}"] = (
                "integer",
                f"Persentil 90 waktu {what} ({unit_text}); peringkat terdekat: nilai "
                "ke-ceil(0,9n) dari yang terkecil.",
            )
        docs[f"{stage}_eligible"] = (
            "integer",
            f"Penyebut persentase {what} dalam target (aduan yang targetnya sudah bisa dinilai).",
        )
        docs[f"{stage}_within_target"] = (
            "integer",
            f"Pembilang: aduan dengan {what} dalam target.",
        )
        docs[f"{stage}_within_share"] = (
            "number",
            f"Persentase {what} dalam target, sebagai pecahan 0-1 (within_target/eligible).",
        )
        docs[f"{stage}_within_low"] = (
            "number",
            f"Batas bawah interval skor Wilson 95% (z = {Z_TEXT}) persentase {what} dalam target.",
        )
        docs[f"{stage}_within_high"] = (
            "number",
            f"Batas atas interval skor Wilson 95% (z = {Z_TEXT}) persentase {what} dalam target.",
        )
    low, high = BAND_LIMITS
    docs["band_fast"] = ("integer", f"Tanggapan pertama dalam 0-{low} hari kerja (pita fast).")
    docs["band_medium"] = (
        "integer",
        f"Tanggapan pertama dalam {low + 1}-{high} hari kerja (pita medium).",
    )
    docs["band_slow"] = ("integer", f"Tanggapan pertama lebih dari {high} hari kerja (pita slow).")
    docs["ranked"] = ("boolean", "Instansi masuk peringkat (jumlah aduan >= minimum).")
    docs["rank"] = ("integer", "Peringkat; kosong bila data belum cukup.")
    return docs


FIGURE_DOCS = _figure_docs()
# The published columns of figures.csv: a stable key first, then the computed figures.
FIGURE_COLUMNS = ["id", *FIGURE_FIELDS]


def _figure_field(name: str) -> dict[str, Any]:
    """The Table Schema field of one figures.csv column (exact name; KeyError otherwise)."""
    kind, doc = FIGURE_DOCS[name]
    return {"name": name, "type": kind, "description": doc}


def figure_id(row: FigureRow) -> str:
    """The stable key of a figures row: its dimension, then the values that define it."""
    keys = (row.agency, row.channel, row.category, row.month)
    return ":".join([row.dimension, *(k for k in keys if k not in (None, ""))])


def complaint_rows(f: Figures) -> Iterator[list[list[Any]]]:
    """The public records with their per-record figures, in chunks of rows (typed values)."""
    for columns in complaint_chunks(f):
        yield typed_rows(columns)


# Keys are declared in kanal.sqlite (generator.opendata.tables, the same as in datapackage.json),
# so Datasette and SQL tools link the tables and look rows up by key. SQLite does not enforce
# them unless a reader asks (PRAGMA foreign_keys); a test runs PRAGMA foreign_key_check.
# Indexes serve lookups by key and by month (measured on a province's million records: an
# agency's records in 1 ms against 84 ms; a month's totals 0.19 s against 0.30 s). None on
# category: the first rows SQLite reads by it lie all over the file, so ``GROUP BY category``
# with any other column took 0.85 s with the index against 0.45 s without; it cost the build
# 0.49 s and the file 22 MB.
SQL_INDEXES = [
    ("agencies", ("parent",)),
    ("agencies", ("kind",)),
    ("accounts", ("agency",)),
    ("accounts", ("platform", "handle")),
    ("channels", ("agency",)),
    ("complaints", ("agency",)),
    ("complaints", ("month",)),
    ("complaints", ("kecamatan_agency",)),
    ("official_units", ("agency",)),
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
        self.rows = 0
        self.db, self.table = db, name
        if db is None:
            return
        sql_types = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
        cols = [f'"{f["name"]}" {sql_types.get(f["type"], "TEXT")}' for f in fields]
        db.execute(f'CREATE TABLE "{name}" ({", ".join(cols + sql_constraints(name))})')
        row = f"({', '.join('?' * len(fields))})"
        self.insert = f'INSERT INTO "{name}" VALUES {row}'
        self.batch = max(1, SQL_VARIABLES // len(fields))
        self.insert_batch = f'INSERT INTO "{name}" VALUES {", ".join([row] * self.batch)}'

    def write(self, rows: list[list[Any]]) -> None:
        checkpoint()  # kanal serve: a new edit stops the open data of the last one
        if not rows:
            return
        self.rows += len(rows)
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
        fed ``batch`` rows per statement straight from the columns, never a list per row."""
        assert self.json_file is None, self.table
        checkpoint()
        count = len(columns[0]) if columns else 0
        self.rows += count
        if self.csv_file is not None:
            self.csv_file.write(csv_lines(columns, kinds))
        if self.db is None or not count:
            return
        rows = zip(*columns, strict=True)
        whole = count - count % self.batch
        if whole:
            # The cells of ``batch`` rows in row order, one tuple per statement (the grouper
            # idiom: the same iterator zipped with itself).
            cells = iter(chain.from_iterable(islice(rows, whole)))
            self.db.executemany(
                self.insert_batch, zip(*[cells] * (self.batch * len(columns)), strict=True)
            )
        self.db.executemany(self.insert, rows)  # the rest, one row at a time

    def close(self) -> None:
        if self.csv_file is not None:
            self.csv_file.close()
        if self.json_file is not None:
            self.json_file.write("]\n")
            self.json_file.close()


def write_open_data(
    f: Figures,
    out: Path,
    agencies: Directory | None,
    title: str = "Kinerja layanan aduan",
    extra_tables: Sequence[Table] | Callable[[], Sequence[Table]] = (),
) -> list[str]:
    """Write every open-data file into ``out``; returns the file names. ``extra_tables`` come
    last; a callable is asked for them only then (they may not be known yet when the
    complaint records are written: generator.complaints.opendatajob).

    One pass writes each table as CSV (and JSON) and into kanal.sqlite: a chunk of complaint
    records is turned into columns once for both. (A second worker for the database computed
    every column, and the ISO times of a million records, again, and copied the records it
    read from the parent: 340 MB more of the build's memory.)
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in ("kanal.sqlite", "kanal.sqlite.gz"):
        (out / name).unlink(missing_ok=True)
    try:
        tables = _write_files_and_sqlite(f, out, agencies, extra_tables)
    except sqlite3.Error as exc:  # a full disk, say: reported as a failed write
        raise OSError(f"basis data kanal.sqlite gagal ditulis: {exc}") from exc
    db_path = out / "kanal.sqlite.gz"
    if not db_path.exists():
        db_path = out / "kanal.sqlite"
    s = f.settings
    region = f" {agencies.region.name}" if agencies is not None else ""
    info = PackageInfo(
        title=title,
        description=(
            f"Data terbuka Kanal{region}: registri instansi, akun dan kontak resmi, jumlah "
            "wilayah resmi Kepmendagri (penyebut cakupan), aduan publik dan angka kinerja "
            f"layanan aduan, periode {s.period_start.isoformat()} s.d. "
            f"{s.period_end.isoformat()}, tanggal acuan {s.reference.isoformat()}."
        ),
        licence=s.config.licence,
        created=s.reference,
    )
    about = (
        "Basis data SQLite berisi tabel yang sama ("
        + ", ".join(t.name for t in tables)
        + ") dengan kunci primer dan kunci asingnya, siap untuk Datasette atau alat SQL lain."
    )
    gz = db_path.suffix == ".gz"
    if gz:
        about += " Dikompresi gzip karena besar: buka dulu dengan gunzip, 7-Zip atau alat sejenis."
    resources = table_resources(out, tables)
    resources.append(
        file_resource(
            db_path,
            "kanal-sqlite",
            "Basis data SQLite (semua tabel)",
            about,
            "gz" if gz else "sqlite",
            "application/gzip" if gz else "application/vnd.sqlite3",
        )
    )
    package = write_datapackage(out, info, resources)
    write_datasette_metadata(out, info, tables)
    catalogs: list[str] = []
    if agencies is not None:  # data.json, DCAT-AP and schema.org need the region
        period = (s.period_start, s.period_end)
        catalog = CatalogInfo(agencies.region, s.config.licence, agencies.today, period)
        catalogs = write_catalogs(package, catalog, out)
    return [
        *(f"{t.name}.{ext}" for t in tables for ext in t.formats),
        db_path.name,
        "datapackage.json",
        "metadata.json",
        *catalogs,
    ]


def _write_files_and_sqlite(
    f: Figures,
    out: Path,
    agencies: Directory | None,
    extra_tables: Sequence[Table] | Callable[[], Sequence[Table]] = (),
) -> list[PublishedTable]:
    """Every table as CSV/JSON and into kanal.sqlite with its keys and indexes; the database
    gzip-compressed when large."""
    db_path = out / "kanal.sqlite"
    db = sqlite3.connect(db_path)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA locking_mode=EXCLUSIVE")  # no lock calls per page written
        with _fast_nulls():
            tables = _write_tables(f, out, agencies, db, files=True, extra_tables=extra_tables)
        for table_name, columns in SQL_INDEXES:
            cols = ", ".join(f'"{c}"' for c in columns)
            db.execute(
                f'CREATE INDEX "{table_name}_{"_".join(columns)}" ON "{table_name}" ({cols})'
            )
        db.commit()
    finally:
        db.close()
    if db_path.stat().st_size > SQLITE_GZIP_OVER:
        gzip_file(db_path, db_path.with_name(db_path.name + ".gz"))
        db_path.unlink()
    return tables


def _write_tables(
    f: Figures,
    out: Path,
    agencies: Directory | None,
    db: sqlite3.Connection | None,
    files: bool,
    extra_tables: Sequence[Table] | Callable[[], Sequence[Table]] = (),
) -> list[PublishedTable]:
    """Every table into ``db`` (when given) and as CSV/JSON files (when ``files``); returns
    each table's fields and row count."""
    tables: list[PublishedTable] = []

    def done(writer: _Writers, name: str, fields: list[dict]) -> None:
        writer.close()
        tables.append(PublishedTable(name, fields, writer.rows, _formats(name)))

    def table(name: str, fields: list[dict], chunks) -> None:
        writer = _Writers(out, db, name, fields, files)
        for rows in chunks:
            writer.write(rows)
        done(writer, name, fields)

    for name, (fields, rows) in registry_tables(agencies, f.table.agencies).items():
        table(name, fields, [rows])
    complaint_fields = [
        {"name": n, "type": k, "description": doc} for n, k, doc in COMPLAINT_FIELDS
    ]
    for field in complaint_fields:
        if field["type"] == "datetime":
            field["format"] = "any"
    writer = _Writers(out, db, "complaints", complaint_fields, files)
    for columns in complaint_chunks(f, kecamatan_links(agencies), SQL_NULL):
        writer.write_columns(columns, COLUMN_KINDS)
    done(writer, "complaints", complaint_fields)
    figure_fields = [_figure_field(n) for n in FIGURE_COLUMNS]
    writer = _Writers(out, db, "figures", figure_fields, files)
    kinds = [kind_of(fd["type"]) for fd in figure_fields]
    for lo in range(0, len(f.rows), CHUNK):  # a province: 105,000 rows of 39 cells
        rows = f.rows[lo : lo + CHUNK]
        writer.write_columns(
            [
                [figure_id(r) for r in rows],
                *(list(map(attrgetter(n), rows)) for n in FIGURE_FIELDS),
            ],
            kinds,
        )
    done(writer, "figures", figure_fields)
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
    if callable(extra_tables):
        extra_tables = extra_tables()
    for name, fields, rows in extra_tables:  # e.g. the registry history (opendata.changes)
        table(name, fields, [rows])
    return tables


def _formats(table: str) -> tuple[str, ...]:
    return ("csv",) if table in CSV_ONLY else ("csv", "json")
