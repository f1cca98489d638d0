"""Posting activity is checkable: the post records and feed status are published, and every
"aktif mengunggah" figure recomputes from them with plain csv/gzip/sqlite3 code (no Kanal)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
import sqlite3
from pathlib import Path

import frictionless
from bs4 import BeautifulSoup

from tests.conftest import ROOT, TODAY

LEVEL_OF = {"kecamatan": "kecamatan", "desa": "desa", "kelurahan": "desa"}


def _csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _recomputed(data: Path) -> dict[str, int]:
    """Per level, agencies with a post in the 30 days up to the reference date on an active
    social-media account: from agencies.csv, accounts.csv and posts-*.csv.gz alone."""
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    ref = dt.date.fromisoformat(manifest["reference_date"])
    first = (ref - dt.timedelta(days=29)).isoformat()
    active_social = {
        r["url"]
        for r in _csv(data / "accounts.csv")
        if r["status"] == "active" and r["platform"] != "website"
    }
    posting = set()
    for path in sorted(data.glob("posts-*.csv.gz")):
        for r in _csv(path):
            if r["account"] in active_social and first <= r["date"] <= ref.isoformat():
                posting.add(r["agency"])
    counts: dict[str, int] = {}
    for r in _csv(data / "agencies.csv"):
        level = LEVEL_OF.get(r["kind"], "opd")
        counts[level] = counts.get(level, 0) + (r["id"] in posting)
    return counts


def test_posting_figures_recompute_from_the_published_post_records(demo_site):
    data = demo_site / "data"
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    want = _recomputed(data)
    got = {c["level"]: c["posting_30"] for c in manifest["coverage"]}
    assert got == want and sum(want.values()) > 0
    assert manifest["activity"]["agencies_posting_30"] == sum(want.values())
    # The same with SQL over posts.sqlite and the agencies of kanal.sqlite.
    ref = manifest["reference_date"]
    db = sqlite3.connect(data / "posts.sqlite")
    db.execute("ATTACH DATABASE ? AS k", (str(data / "kanal.sqlite"),))
    rows = db.execute(
        """SELECT CASE WHEN a.kind = 'kecamatan' THEN 'kecamatan'
                       WHEN a.kind IN ('desa', 'kelurahan') THEN 'desa' ELSE 'opd' END AS level,
                  COUNT(DISTINCT p.agency)
           FROM posts p JOIN k.agencies a ON a.id = p.agency
           JOIN k.accounts x ON x.url = p.account AND x.status = 'active'
           WHERE p.platform != 'website' AND p.date BETWEEN date(?, '-29 days') AND ?
           GROUP BY level""",
        (ref, ref),
    ).fetchall()
    assert {level: n for level, n in rows if n} == {k: v for k, v in want.items() if v}
    # The coverage page says the same numbers, with its unit.
    page = BeautifulSoup(
        (demo_site / "cakupan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = " ".join(page.get_text(" ").split())
    assert "aktif mengunggah" in text and "akun media sosial resmi" in text
    for level in manifest["coverage"]:
        official = level["official"] or level["registered"]
        assert f"{level['posting_30']} dari {official:,}".replace(",", ".") in text


def test_post_records_hold_what_the_feed_showed_and_nothing_more(demo_site):
    data = demo_site / "data"
    rows = [r for p in sorted(data.glob("posts-*.csv.gz")) for r in _csv(p)]
    assert set(rows[0]) == {
        "agency",
        "platform",
        "account",
        "time",
        "date",
        "estimated",
        "link",
        "title",
    }
    assert all(len(r["title"]) <= 200 and r["time"][:10] == r["date"] for r in rows)
    assert all(r["time"].endswith("+07:00") and r["date"] <= TODAY.isoformat() for r in rows)


def test_a_summary_in_the_history_is_never_published(tmp_path, build_site):
    """The history keeps a feed's summary (for themes); the open data never carries it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    folder = next(p for p in (data / "posts" / "instagram").iterdir() if any(p.glob("*.jsonl")))
    year = sorted(folder.glob("*.jsonl"))[-1]
    line = json.loads(year.read_text(encoding="utf-8").splitlines()[-1])
    line.update(u=line["u"] + "x", s="RINGKASAN-RAHASIA hanya di feed", n="=HYPERLINK(1)")
    with year.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n")
    site = build_site(data) / "data"
    published = "".join(
        gzip.decompress(p.read_bytes()).decode() if p.suffix == ".gz" else p.read_text()
        for p in site.iterdir()
        if p.name.startswith(("posts-", "feeds."))
    )
    published += "".join(
        str(r) for r in sqlite3.connect(site / "posts.sqlite").execute("SELECT * FROM posts")
    )
    assert "=HYPERLINK(1)" in published  # the post is there (raw in SQLite) ...
    assert "RINGKASAN-RAHASIA" not in published  # ... without its summary
    rows = [r for p in sorted(site.glob("posts-*.csv.gz")) for r in _csv(p)]
    assert "'=HYPERLINK(1)" in {r["title"] for r in rows}  # and CSV-safe for spreadsheets


def test_feed_status_is_published_per_account(demo_site):
    data = demo_site / "data"
    status = json.loads((ROOT / "data" / "posts" / "_status.json").read_text(encoding="utf-8"))
    feeds = _csv(data / "feeds.csv")
    accounts = {r["url"]: r for r in _csv(data / "accounts.csv")}
    assert len(feeds) == sum(1 for a in accounts.values() if a["status"] == "active")
    failing = [r for r in feeds if r["consecutive_failures"] not in ("", "0")]
    assert failing, "the demo has failing feeds"
    for r in failing:
        st = next(v for v in status.values() if v.get("url") == r["feed"])
        assert int(r["consecutive_failures"]) == st["fails"] and r["last_error"] == st["err"]
    as_json = json.loads((data / "feeds.json").read_text(encoding="utf-8"))
    assert [str(x["posts"]) for x in as_json] == [r["posts"] for r in feeds]


def test_post_records_are_in_the_datapackage_and_it_validates(demo_site):
    data = demo_site / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["path"]: r for r in package["resources"]}
    for path in [p.name for p in data.glob("posts-*.csv.gz")] + ["feeds.csv", "posts.sqlite"]:
        assert names[path]["bytes"] == (data / path).stat().st_size
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]


def test_post_records_are_deterministic_gzip(demo_site):
    raw = next(demo_site.joinpath("data").glob("posts-*.csv.gz")).read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # no modification time in the header
    assert io.BytesIO(gzip.decompress(raw)).read(6) == b"agency"


def test_a_region_without_accounts_publishes_an_empty_feed_table_frictionless_accepts(
    tmp_path, build_site
):
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(
        'name: "Kabupaten Blora"\ncode: "33.16"\ntimezone: Asia/Jakarta\n'
        "publisher:\n  name: Diskominfo Uji\n  url: https://diskominfo.example.go.id\n",
        encoding="utf-8",
    )
    (data / "agencies" / "dinkes.yml").write_text(
        "id: dinas-kesehatan\nname: Dinas Kesehatan\nkind: dinas\n", encoding="utf-8"
    )
    site = build_site(data) / "data"
    assert json.loads((site / "feeds.json").read_text(encoding="utf-8")) == []
    assert _csv(site / "feeds.csv") == [] and not list(site.glob("posts-*.csv.gz"))
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    feeds = next(r for r in package["resources"] if r["path"] == "feeds.json")
    assert feeds["type"] == "file" and "schema" not in feeds
    report = frictionless.validate(str(site / "datapackage.json"))
    errors = report.flatten(["type", "note"])
    # Only the complaint open data's own empty tables ("[]", issue 20 point 5) may remain.
    mine = [e for e in errors if not any(t in e[1] for t in ("accounts.json", "channels.json"))]
    assert not mine, mine
