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

import csv
import datetime as dt
import gzip
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from generator.complaints.figures import (
    BANDS,
    FIGURE_FIELDS,
    MISSING,
    STATUSES,
    Figures,
)
from generator.manifest import sha256_file
from generator.models import Channel, Directory

CHUNK = 100_000
# Tables too large to repeat as JSON: CSV and SQLite only.
CSV_ONLY = frozenset({"complaints", "figures"})
# Above this size kanal.sqlite is published gzip-compressed as kanal.sqlite.gz (about a fifth):
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


def _times(seconds: np.ndarray, offset: int) -> list[str | None]:
    suffix = (
        f"{'+' if offset >= 0 else '-'}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"
    )
    text = np.datetime_as_string((seconds + offset).astype("datetime64[s]"), unit="s")
    return [
        t + suffix if s != MISSING else None for t, s in zip(text.tolist(), seconds, strict=True)
    ]


def _ints(values: np.ndarray, valid: np.ndarray) -> list[int | None]:
    return [v if ok else None for v, ok in zip(values.tolist(), valid.tolist(), strict=True)]


def _bools(values: np.ndarray, valid: np.ndarray | None = None) -> list[bool | None]:
    if valid is None:
        return values.tolist()
    return [v if ok else None for v, ok in zip(values.tolist(), valid.tolist(), strict=True)]


def complaint_rows(f: Figures) -> Iterator[list[list[Any]]]:
    """The public records with their per-record figures, in chunks of rows (typed values)."""
    t, d, s = f.table, f.derived, f.settings
    local = t.received + s.offset
    all_months = np.datetime_as_string(
        local.astype("datetime64[s]").astype("datetime64[M]"), unit="M"
    )
    is_open = t.status == 0  # STATUSES[0] is open
    for lo in range(0, len(t), CHUNK):
        sl = slice(lo, min(lo + CHUNK, len(t)))
        status = [STATUSES[i].value for i in t.status[sl].tolist()]
        band = [BANDS[b] if b >= 0 else None for b in d.band[sl].tolist()]
        columns = [
            t.ids[sl],
            [t.agencies[i] for i in t.agency[sl].tolist()],
            [t.channels[i] for i in t.channel[sl].tolist()],
            [t.categories[i] for i in t.category[sl].tolist()],
            t.kecamatan[sl],
            status,
            _times(t.received[sl], s.offset),
            _times(t.first_response[sl], s.offset),
            _times(t.resolved[sl], s.offset),
            t.summary[sl],
            all_months[sl].tolist(),
            d.in_period[sl].tolist(),
            _ints(d.fr_days[sl], d.answered[sl]),
            _ints(d.fr_minutes[sl], d.answered[sl]),
            _ints(d.res_days[sl], d.res_days[sl] >= 0),
            _ints(d.res_minutes[sl], d.res_days[sl] >= 0),
            _ints(d.age_days[sl], is_open[sl]),
            d.fr_target[sl].tolist(),
            d.res_target[sl].tolist(),
            _bools(d.fr_within[sl], d.fr_eligible[sl]),
            _bools(d.res_within[sl], d.res_eligible[sl]),
            d.overdue[sl].tolist(),
            band,
        ]
        yield [list(row) for row in zip(*columns, strict=True)]


_CSV_BOOL = {True: "true", False: "false", None: ""}
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_START = frozenset("=+-@\t\r")


def csv_text(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text: a leading ' when it could run."""
    return "'" + value if value[:1] in FORMULA_START else value


def _csv_column(values: list[Any], text: bool = True) -> list[Any]:
    """The csv module writes None as empty; booleans are spelled true/false; in a ``text``
    column, a value a spreadsheet would run as a formula gets a leading '. Numbers, times and
    dates are not text columns: -3 stays -3."""
    if any(v is True or v is False for v in values):
        return [_CSV_BOOL[v] for v in values]
    start = FORMULA_START
    if text and any(type(v) is str and v[:1] in start for v in values):
        return ["'" + v if type(v) is str and v[:1] in start else v for v in values]
    return values


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json_column(values: list[Any]) -> list[str]:
    """Each value as JSON text; repeated strings are encoded once, integers by str()."""
    cache: dict[Any, str] = {None: "null", True: "true", False: "false"}
    out = []
    append = out.append
    for v in values:
        kind = type(v)
        if kind is int:
            append(str(v))
        elif kind is float:
            append(_encode(v))
        else:
            text = cache.get(v)
            if text is None:
                text = cache[v] = _encode(v)
            append(text)
    return out


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


class _Writers:
    """One table written at once as CSV, JSON (array of objects, unless CSV_ONLY) and SQLite."""

    def __init__(self, out: Path, db: sqlite3.Connection, name: str, fields: list[dict]):
        self.names = [f["name"] for f in fields]
        self.text = [f["type"] == "string" for f in fields]
        self.csv_file = (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.csv_file, lineterminator="\n")
        self.csv.writerow(self.names)
        self.json_file = None
        if name not in CSV_ONLY:
            self.json_file = (out / f"{name}.json").open("w", encoding="utf-8")
            self.json_file.write("[")
        self.first = True
        self.db, self.table = db, name
        sql_types = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
        cols = [f'"{f["name"]}" {sql_types.get(f["type"], "TEXT")}' for f in fields]
        db.execute(f'CREATE TABLE "{name}" ({", ".join(cols + SQL_CONSTRAINTS.get(name, []))})')
        self.insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(fields))})'

    def write(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        # Column-wise conversion: a million rows in seconds, not a function call per cell.
        columns = [list(c) for c in zip(*rows, strict=True)]
        as_csv = [_csv_column(c, text) for c, text in zip(columns, self.text, strict=True)]
        self.csv.writerows(zip(*as_csv, strict=True))
        self.db.executemany(self.insert, rows)
        if self.json_file is None:
            return
        template = "{" + ",".join(f"{json.dumps(n)}:%s" for n in self.names) + "}"
        as_json = [_json_column(c) for c in columns]
        parts = [template % values for values in zip(*as_json, strict=True)]
        self.json_file.write(("" if self.first else ",\n") + ",\n".join(parts))
        self.first = False

    def close(self) -> None:
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
    """Write every open-data file into ``out``; returns the file names."""
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "kanal.sqlite"
    if db_path.exists():
        db_path.unlink()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    tables: dict[str, list[dict]] = {}

    def table(name: str, fields: list[dict], chunks) -> None:
        writer = _Writers(out, db, name, fields)
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
    table("complaints", complaint_fields, complaint_rows(f))
    table(
        "figures",
        [_figure_field(n) for n in FIGURE_FIELDS],
        [[[r[n] for n in FIGURE_FIELDS] for r in f.rows]],
    )
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
    for table_name, columns in SQL_INDEXES:
        cols = ", ".join(f'"{c}"' for c in columns)
        db.execute(f'CREATE INDEX "{table_name}_{"_".join(columns)}" ON "{table_name}" ({cols})')
    db.commit()
    db.close()
    gz = db_path.with_name(db_path.name + ".gz")
    if gz.exists():
        gz.unlink()
    if db_path.stat().st_size > SQLITE_GZIP_OVER:
        _gzip(db_path, gz)
        db_path.unlink()
        db_path = gz
    _datapackage(f, out, tables, title, db_path)
    _datasette_metadata(f, out, tables, title)
    return [
        *(f"{n}.{ext}" for n in tables for ext in _formats(n)),
        db_path.name,
        "datapackage.json",
        "metadata.json",
    ]


def _gzip(src: Path, dst: Path) -> None:
    """``src`` gzip-compressed into ``dst``, byte for byte the same on every build."""
    # No file name and time in the header: deterministic output.
    with (
        src.open("rb") as fin,
        dst.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as out,
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
