"""Post records and feed status as open data, so every posting figure can be recomputed.

What is published is what the feeds showed publicly, no more: per post the agency, platform,
account (its profile URL, as in ``accounts.csv``), the time in the region's zone, the link
(empty when it is not on the account's own platform or site, :mod:`generator.feeds.postlinks`)
and the title (cleaned, at most 200 characters). Summaries and guids are never published. Only
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
import json
import shutil
from pathlib import Path
from typing import Any

from generator.feeds.activity import Activity, History, Status
from generator.feeds.history import local_days
from generator.feeds.postlinks import link_rule, withhold
from generator.feeds.postrecords import (
    FEED_FIELDS,
    FEEDS_TABLE,
    POST_FIELDS,
    POSTS_DB,
    POSTS_PREFIX,
    PostRecords,
    open_db,
)
from generator.feeds.store import Store, clean_titles
from generator.opendata.cells import spreadsheet_text
from generator.opendata.gz import gzip_file
from generator.opendata.resources import resource
from generator.registry.models import SOCIAL_PLATFORMS, Directory
from generator.safeinput.problems import Problems

DB_GZIP_OVER = 100_000_000  # as kanal.sqlite: above this the database is published gzipped

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
            account, own = a.account, a.current_feed
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
                    own.get("ok"),
                    own.get("err_at"),
                    own.get("err"),
                    int(own.get("fails", 0)) if own else None,
                ]
            )
    return rows


def records_from_store(directory: Directory, store: Store, out: Path) -> None:
    """The post records read from the store (``kanal serve``, whose check keeps each
    account's history from the previous round instead of reading every post again)."""
    records = PostRecords(out, directory.region.timezone, directory.today)
    problems = Problems()  # the check has read (and checked) the store already
    try:
        for agency in directory.agencies.values():
            for account in agency.active_accounts:
                batch = store.columns(account.key, problems)
                # As the check's pass (generator.feeds.historyread), which warned of them.
                rule = link_rule(account.platform.value, account.url)
                for i in rule.foreign(batch.column("u")):
                    batch.recs[i] = withhold(batch.recs[i])
                times = batch.times()
                days = local_days(times, records.zone)
                records.add(agency.id, account, batch, clean_titles(batch.titles), times, days)
    finally:
        records.close()
    if problems.errors:
        raise ValueError(str(problems.errors[0]))


def write_post_data(
    directory: Directory, activity: Activity, history: History, out: Path
) -> list[dict[str, Any]]:
    """Write the post records and the feed status into ``out``; returns their Data Package
    resources (``generator.opendata.resources``). The records come from the folder the check
    stage wrote them into (``history.records``), else from the store."""
    out.mkdir(parents=True, exist_ok=True)
    feed_names = [n for n, _, _ in FEED_FIELDS]
    feed_text = [k == "string" for _, k, _ in FEED_FIELDS]
    db_path = out / POSTS_DB
    for old in [db_path, db_path.with_name(POSTS_DB + ".gz"), *out.glob(f"{POSTS_PREFIX}*")]:
        old.unlink(missing_ok=True)
    if history.records is not None:
        for path in sorted(history.records.iterdir()):  # the build folder: a rename each
            shutil.move(path, out / path.name)
    else:
        assert history.root is not None
        records_from_store(directory, Store(history.root), out)
    years = sorted(int(p.name[len(POSTS_PREFIX) : -7]) for p in out.glob(f"{POSTS_PREFIX}*.csv.gz"))
    feeds = feed_rows(activity)
    db = open_db(db_path)
    try:
        db.executemany(
            f'INSERT INTO "{FEEDS_TABLE}" VALUES ({", ".join("?" * len(feed_names))})', feeds
        )
        db.execute('CREATE INDEX "posts_agency_date" ON "posts" ("agency", "date")')
        db.execute('CREATE INDEX "feeds_agency" ON "feeds" ("agency")')
        db.commit()
    finally:
        db.close()
    with (out / f"{FEEDS_TABLE}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(feed_names)
        writer.writerows([_cell(v, t) for v, t in zip(r, feed_text, strict=True)] for r in feeds)
    # One object per line, as the complaint tables' JSON (generator.complaints.opendata):
    # json's C encoder, where indent= runs its pure-Python one (2 s for a province's feeds).
    lines = ",\n".join(
        json.dumps(dict(zip(feed_names, r, strict=True)), ensure_ascii=False) for r in feeds
    )
    (out / f"{FEEDS_TABLE}.json").write_text(f"[{lines}]\n", encoding="utf-8")
    if db_path.stat().st_size > DB_GZIP_OVER:
        gz = db_path.with_name(db_path.name + ".gz")
        gzip_file(db_path, gz)
        db_path.unlink()
        db_path = gz
    return _resources(out, years, db_path)


def _links(ext: str) -> list[dict[str, Any]]:
    """A post's and a feed's agency and account, in the registry's tables of format ``ext``
    (each is an account of the directory: posts of others are neither stored nor published)."""
    return [
        {"fields": [column], "reference": {"resource": f"{table}-{ext}", "fields": [key]}}
        for column, table, key in (("agency", "agencies", "id"), ("account", "accounts", "url"))
    ]


def _resources(out: Path, years: list[int], db: Path) -> list[dict[str, Any]]:
    # No primary key: an account may post twice in one minute, and a withheld link is empty.
    post_schema = {"fields": _fields(POST_FIELDS), "foreignKeys": _links("csv")}
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
                {
                    "fields": _fields(FEED_FIELDS),
                    "primaryKey": ["account"],
                    "foreignKeys": _links(ext),
                },
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
