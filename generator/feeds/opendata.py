"""Post records and feed status as open data, so every posting figure can be recomputed.

What is published is what the feeds showed publicly, no more: per post the agency, platform,
account (its profile URL, as in ``accounts.csv``), the time in the region's zone, the link and
the title (cleaned, at most 200 characters). Summaries and guids are never published. Only
accounts *active* in the directory (those the figures count), and only posts up to the build's
reference date (the figures ignore later ones).

Files, under the site's ``data/``:

- ``posts-YYYY.csv.gz``: one gzip-compressed CSV per local year of the posts. A province's
  million posts a year are ~180 MB as plain CSV; compressed and split by year they stay a
  small part of the site-size budget, and one year is one download.
- ``feeds.csv`` / ``feeds.json``: per active account, its feed, its monitoring status and the
  feed's last success, last error and consecutive failures (from ``data/posts/_status.json``).
- ``posts.sqlite`` (``posts.sqlite.gz`` above 100 MB): both tables.

The posts are streamed account by account from the store (``Store.scan``); no list of every
post is held. Every file is written deterministically (gzip without name or time).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.feeds.activity import Activity, Status
from generator.feeds.store import Store, record_title
from generator.opendata.cells import spreadsheet_text
from generator.opendata.resources import resource
from generator.registry.models import SOCIAL_PLATFORMS, Directory
from generator.safeinput.problems import Problems

POSTS_PREFIX = "posts-"
FEEDS_TABLE = "feeds"
POSTS_DB = "posts.sqlite"
DB_GZIP_OVER = 100_000_000  # as kanal.sqlite: above this the database is published gzipped

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
    ("link", "string", "Tautan unggahan yang diberikan feed (http/https), bila ada."),
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
TABLE_DOCS = {
    "posts": "Unggahan akun resmi aktif seperti tampil di feed publiknya: akun, waktu setempat, "
    "tautan dan judul. Tanpa ringkasan. Satu berkas per tahun, dikompresi gzip.",
    FEEDS_TABLE: "Status feed setiap akun resmi aktif: status pemantauan, keberhasilan dan "
    "kegagalan terakhir membaca feed.",
}


def _fields(spec: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    out = []
    for name, kind, doc in spec:
        field: dict[str, Any] = {"name": name, "type": kind, "description": doc}
        if kind == "datetime":
            field["format"] = "any"
        out.append(field)
    return out


def _cell(value: Any, text: bool) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    return spreadsheet_text(value) if text and isinstance(value, str) else value


def feed_rows(activity: Activity) -> list[list[Any]]:
    """One row per active account (FEED_FIELDS order)."""
    rows = []
    for agency in activity.agencies.values():
        for a in agency.accounts:
            feed, account = a.feed, a.account
            # A status recorded for another feed address says nothing about this one.
            same = bool(account.feed) and feed.get("url") == account.feed
            rows.append(
                [
                    agency.agency.id,
                    account.platform.value,
                    account.url,
                    account.platform in SOCIAL_PLATFORMS,
                    account.feed,
                    Status(a.stats.status).value,
                    a.posts,
                    a.stats.last_post.isoformat() if a.stats.last_post else None,
                    feed.get("ok") if same else None,
                    feed.get("err_at") if same else None,
                    feed.get("err") if same else None,
                    int(feed.get("fails", 0)) if same else None,
                ]
            )
    return rows


def post_rows(directory: Directory, store: Store) -> Iterator[tuple[int, list[list[Any]]]]:
    """Per active account, its posts up to today as (local year, rows), oldest first."""
    zone = ZoneInfo(directory.region.timezone)
    today = directory.today
    problems = Problems()  # the build has read (and checked) the store already
    for agency in directory.agencies.values():
        for account in agency.active_accounts:
            posts = []
            for when, rec in store.scan(account.key, problems):
                local = when.astimezone(zone)
                day = local.date()
                if day > today:
                    continue
                title = record_title(rec)
                posts.append(
                    (
                        local,
                        [
                            agency.id,
                            account.platform.value,
                            account.url,
                            local.isoformat(timespec="minutes"),
                            day.isoformat(),
                            bool(rec.get("e")),
                            rec.get("u"),
                            title,
                        ],
                    )
                )
            posts.sort(key=lambda p: p[0])
            by_year: dict[int, list[list[Any]]] = {}
            for local, row in posts:
                by_year.setdefault(local.year, []).append(row)
            yield from sorted(by_year.items())
    if problems.errors:
        raise ValueError(str(problems.errors[0]))


class _GzipCsv:
    """A deterministic gzip-compressed CSV file (no name, no time in the header)."""

    def __init__(self, path: Path, header: list[str]):
        self.raw = path.open("wb")
        self.gz = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, compresslevel=6, mtime=0)
        self.text = io.TextIOWrapper(self.gz, encoding="utf-8", newline="")
        self.writer = csv.writer(self.text, lineterminator="\n")
        self.writer.writerow(header)

    def close(self) -> None:
        self.text.close()
        self.raw.close()


def write_post_data(
    directory: Directory, activity: Activity, posts_root: Path, out: Path
) -> list[dict[str, Any]]:
    """Write the post records and the feed status into ``out``; returns their Data Package
    resources (``generator.opendata.resources``)."""
    out.mkdir(parents=True, exist_ok=True)
    post_names = [n for n, _, _ in POST_FIELDS]
    post_text = [k == "string" for _, k, _ in POST_FIELDS]
    feed_names = [n for n, _, _ in FEED_FIELDS]
    feed_text = [k == "string" for _, k, _ in FEED_FIELDS]
    db_path = out / POSTS_DB
    for name in (POSTS_DB, POSTS_DB + ".gz"):
        (out / name).unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    years: dict[int, _GzipCsv] = {}
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        sql = {"integer": "INTEGER", "boolean": "INTEGER"}
        for table, spec in ((FEEDS_TABLE, FEED_FIELDS), ("posts", POST_FIELDS)):
            cols = ", ".join(f'"{n}" {sql.get(k, "TEXT")}' for n, k, _ in spec)
            db.execute(f'CREATE TABLE "{table}" ({cols})')
        feeds = feed_rows(activity)
        db.executemany(
            f'INSERT INTO "{FEEDS_TABLE}" VALUES ({", ".join("?" * len(feed_names))})', feeds
        )
        insert = f'INSERT INTO "posts" VALUES ({", ".join("?" * len(post_names))})'
        for year, rows in post_rows(directory, Store(posts_root)):
            if year not in years:
                years[year] = _GzipCsv(out / f"{POSTS_PREFIX}{year}.csv.gz", post_names)
            years[year].writer.writerows(
                [_cell(v, t) for v, t in zip(r, post_text, strict=True)] for r in rows
            )
            db.executemany(insert, rows)
        db.execute('CREATE INDEX "posts_agency_date" ON "posts" ("agency", "date")')
        db.execute('CREATE INDEX "feeds_agency" ON "feeds" ("agency")')
        db.commit()
    finally:
        for writer in years.values():
            writer.close()
        db.close()
    with (out / f"{FEEDS_TABLE}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(feed_names)
        writer.writerows([_cell(v, t) for v, t in zip(r, feed_text, strict=True)] for r in feeds)
    records = [dict(zip(feed_names, r, strict=True)) for r in feeds]
    (out / f"{FEEDS_TABLE}.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if db_path.stat().st_size > DB_GZIP_OVER:
        gz = db_path.with_name(db_path.name + ".gz")
        with (
            db_path.open("rb") as fin,
            gz.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=1, mtime=0) as zout,
        ):
            shutil.copyfileobj(fin, zout, 1 << 20)
        db_path.unlink()
        db_path = gz
    return _resources(out, sorted(years), db_path)


def _resources(out: Path, years: list[int], db: Path) -> list[dict[str, Any]]:
    post_schema = {"fields": _fields(POST_FIELDS)}
    feed_schema = {
        "fields": _fields(FEED_FIELDS),
        "primaryKey": ["account"],
        "foreignKeys": [
            {"fields": "agency", "reference": {"resource": "agencies-csv", "fields": "id"}}
        ],
    }
    resources = [
        resource(
            out,
            f"posts-{year}",
            f"{POSTS_PREFIX}{year}.csv.gz",
            post_schema,
            TABLE_DOCS["posts"],
            f"Unggahan akun resmi {year} (CSV gzip)",
        )
        for year in years
    ]
    for ext in ("csv", "json"):
        resources.append(
            resource(
                out,
                f"{FEEDS_TABLE}-{ext}",
                f"{FEEDS_TABLE}.{ext}",
                feed_schema,
                TABLE_DOCS[FEEDS_TABLE],
                f"Status feed akun resmi ({ext.upper()})",
            )
        )
    about = "Basis data SQLite berisi tabel posts dan feeds."
    if db.suffix == ".gz":
        about += " Dikompresi gzip karena besar: buka dulu dengan gunzip."
    resources.append(
        resource(out, "posts-sqlite", db.name, None, about, "Basis data unggahan (SQLite)")
    )
    return resources
