"""The built site: pages, open data that validates, and aggregates recomputed independently."""

from __future__ import annotations

import csv
import json
import math
import sqlite3
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.complaints.figures import FIGURE_FIELDS, wilson
from tests.complaints_util import HEADER, SETTINGS, make_data


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_pages_exist_with_period_sample_and_update_date(demo_site):
    page = parse(demo_site / "aduan" / "index.html")
    text = " ".join(page.get_text(" ").split())
    assert "Periode: 1 November 2025 – 31 Oktober 2026" in text
    assert "Data terakhir diperbarui:" in text
    table = page.find("table", id="tabel-peringkat")
    ranks = [tr.find("td").get_text(strip=True) for tr in table.tbody.find_all("tr")]
    numbered = [int(r) for r in ranks if r.isdigit()]
    assert numbered == sorted(numbered) and numbered[0] == 1
    assert ranks[-1] == "data belum cukup"
    for svg in page.select("svg.k-chart"):
        assert svg.find("title").get_text() and svg.find("desc").get_text()
        assert svg.find_parent("figure").find_next_sibling(["div", "figure"]) is not None
    method = parse(demo_site / "aduan" / "metodologi" / "index.html").get_text(" ")
    assert "Cuti Bersama Hari Raya Idul Fitri" in method
    assert "Hari Jadi Kabupaten Contoh" in method
    assert "Permen" in method or "PANRB" in method


def test_agencies_without_complaints_are_counted_and_said_absent(demo_site):
    """An agency no record names is in no table: the index page says how many, out of how
    many registered, from the published records (not from the site's own figures)."""
    import re

    with sqlite3.connect(demo_site / "data" / "kanal.sqlite") as db:
        registered = db.execute("SELECT COUNT(*) FROM agencies").fetchone()[0]
        named = db.execute(
            "SELECT COUNT(DISTINCT agency) FROM complaints WHERE in_period"
        ).fetchone()[0]
    text = " ".join(parse(demo_site / "aduan" / "index.html").get_text(" ").split())
    found = re.search(r"([\d.]+) dari ([\d.]+) instansi terdaftar tidak tercantum", text)
    assert found is not None, text[:400]
    assert [int(g.replace(".", "")) for g in found.groups()] == [registered - named, registered]
    assert registered - named > 0


def test_agency_pages_carry_their_figures(demo_site):
    page = parse(demo_site / "instansi" / "dinas-pupr" / "index.html")
    section = page.find("section", class_="k-aduan")
    assert section is not None and "Peringkat" in section.get_text()
    small = parse(demo_site / "instansi" / "dinas-perpustakaan-kearsipan" / "index.html")
    assert "Data belum cukup untuk peringkat" in small.find("section", class_="k-aduan").get_text()


def test_datapackage_passes_frictionless(demo_site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(demo_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_records_and_figures_are_csv_and_sqlite_only_small_tables_also_json(demo_site):
    data = demo_site / "data"
    names = {p.name for p in data.iterdir()}
    assert {"complaints.csv", "figures.csv"} <= names
    assert not {"complaints.json", "figures.json"} & names
    small = ("agencies", "accounts", "channels", "calendar", "official_counts", "official_units")
    assert {f"{t}.{ext}" for t in small for ext in ("csv", "json")} <= names
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    # The post records and feed status (generator.feeds.opendata) have their own test.
    feeds = ("posts-", "posts.sqlite", "feeds.")
    paths = sorted(r["path"] for r in package["resources"] if not r["path"].startswith(feeds))
    assert paths == sorted(
        ["complaints.csv", "figures.csv", "kanal.sqlite"]
        + [f"{t}.{e}" for t in small for e in ("csv", "json")]
    )
    page = (demo_site / "aduan" / "index.html").read_text(encoding="utf-8")
    assert "complaints.csv" in page and "figures.csv" in page
    assert "complaints.json" not in page and "figures.json" not in page


def _median(db, where: str, args: list, column: str, percent: int):
    n = db.execute(f"SELECT COUNT({column}) FROM complaints WHERE {where}", args).fetchone()[0]
    if not n:
        return None
    return db.execute(
        f"SELECT {column} FROM complaints WHERE {where} AND {column} IS NOT NULL "
        f"ORDER BY {column} LIMIT 1 OFFSET ?",
        [*args, (n * percent + 99) // 100 - 1],
    ).fetchone()[0]


def recompute(db: sqlite3.Connection, row: dict) -> dict:
    """Every figure of one published row, from the records alone, in SQL."""
    where, args = ["in_period = 1"], []
    for key in ("agency", "channel", "category", "month"):
        if row[key] not in (None, ""):
            where.append(f"{key} = ?")
            args.append(row[key])
    w = " AND ".join(where)
    q = db.execute(
        f"""SELECT COUNT(*), SUM(status='resolved'), SUM(status='rejected'), SUM(status='open'),
        SUM(overdue), COUNT(first_response), COUNT(*) - COUNT(first_response),
        COUNT(first_response_within_target), SUM(first_response_within_target),
        COUNT(resolution_within_target), SUM(resolution_within_target),
        SUM(speed_band='fast'), SUM(speed_band='medium'), SUM(speed_band='slow')
        FROM complaints WHERE {w}""",
        args,
    ).fetchone()
    q = [v or 0 for v in q]
    out = dict(
        zip(
            [
                "records",
                "resolved",
                "rejected",
                "open",
                "overdue",
                "answered",
                "unanswered",
                "first_response_eligible",
                "first_response_within_target",
                "resolution_eligible",
                "resolution_within_target",
                "band_fast",
                "band_medium",
                "band_slow",
            ],
            q,
            strict=True,
        )
    )
    for prefix in ("first_response", "resolution"):
        for unit in ("workdays", "workminutes"):
            column = f"{prefix}_{unit}"
            out[f"{prefix}_median_{unit}"] = _median(db, w, args, column, 50)
            out[f"{prefix}_p90_{unit}"] = _median(db, w, args, column, 90)
        x, n = out[f"{prefix}_within_target"], out[f"{prefix}_eligible"]
        low, high = wilson(x, n)
        out[f"{prefix}_within_share"] = x / n if n else None
        out[f"{prefix}_within_low"] = low if n else None
        out[f"{prefix}_within_high"] = high if n else None
    return out


def _typed(value: str, name: str):
    if value == "":
        return None
    if name.endswith(("_share", "_low", "_high")):
        return float(value)
    if name in (
        "id",
        "dimension",
        "agency",
        "channel",
        "category",
        "month",
        "ranked",
    ) or name.startswith(("period", "reference")):
        return value
    return int(value)


def test_published_aggregates_recompute_exactly_from_published_records(demo_site):
    data = demo_site / "data"
    with (data / "figures.csv").open(encoding="utf-8") as fh:
        published = [{k: _typed(v, k) for k, v in row.items()} for row in csv.DictReader(fh)]
    db = sqlite3.connect(data / "kanal.sqlite")
    cursor = db.execute("SELECT * FROM figures ORDER BY rowid")
    assert [d[0] for d in cursor.description] == ["id", *FIGURE_FIELDS]
    in_sql = [dict(zip(["id", *FIGURE_FIELDS], r, strict=True)) for r in cursor]
    assert len(in_sql) == len(published) > 100
    checked = 0
    for row, jrow in zip(published, in_sql, strict=True):
        again = recompute(db, row)
        for name, value in again.items():
            for shown in (row[name], jrow[name]):
                if isinstance(value, float):
                    assert math.isclose(shown, value, abs_tol=1e-6), (row, name)
                else:
                    assert shown == value, (row["dimension"], row["agency"], row["month"], name)
            checked += 1
    assert checked > 5_000
    # The SQL table and the CSV hold the same records.
    with (data / "complaints.csv").open(encoding="utf-8") as fh:
        assert (
            sum(1 for _ in csv.DictReader(fh))
            == db.execute("SELECT COUNT(*) FROM complaints").fetchone()[0]
        )


def test_record_working_days_recompute_from_the_calendar(demo_site):
    db = sqlite3.connect(demo_site / "data" / "kanal.sqlite")
    rows = db.execute(
        """SELECT c.id, c.first_response_workdays,
        (SELECT COUNT(*) FROM calendar WHERE workday = 1 AND date > substr(c.received, 1, 10)
           AND date <= substr(c.first_response, 1, 10)),
        c.resolution_workdays,
        (SELECT COUNT(*) FROM calendar WHERE workday = 1 AND date > substr(c.received, 1, 10)
           AND date <= substr(c.resolved, 1, 10))
        FROM complaints c WHERE c.first_response IS NOT NULL"""
    ).fetchall()
    assert len(rows) > 4000
    for rid, fr, fr_again, res, res_again in rows:
        assert fr == fr_again, rid
        assert res is None or res == res_again, rid
    # Lebaran: a complaint received just before cuti bersama waits in calendar days, not in
    # working days.
    lebaran = db.execute(
        "SELECT COUNT(*) FROM complaints WHERE received >= '2026-03-19' AND received < '2026-03-20' "
        "AND first_response >= '2026-03-25' AND first_response_workdays <= 2"
    ).fetchone()[0]
    assert lebaran > 0


def test_region_without_complaints_still_has_the_pages(tiny_site):
    page = parse(tiny_site / "aduan" / "index.html")
    assert "Belum ada data aduan" in page.get_text()
    assert (tiny_site / "aduan" / "metodologi" / "index.html").is_file()
    assert (tiny_site / "data" / "datapackage.json").is_file()


HOSTILE = '<script>alert("x")</script>'


def test_hostile_categories_and_summaries_stay_text(tmp_path, build_site):
    rows = "".join(
        f'H-{i},bappeda,lapor,"<img src=x onerror=alert(1)>",2026-02-0{i}T09:00+07:00,,,open,,"{HOSTILE.replace(chr(34), chr(34) * 2)}"\n'
        for i in range(1, 6)
    )
    # The region's own list is text a clerk typed too.
    settings = (
        "\ncomplaints:\n  publish_summaries: true\n"
        "  categories: ['<img src=x onerror=alert(1)>', lainnya]\n"
    )
    data = make_data(tmp_path, {"h.csv": HEADER + rows}, settings)
    site = build_site(data)
    for path in (
        site / "aduan" / "index.html",
        site / "aduan" / "metodologi" / "index.html",
        site / "instansi" / "bappeda" / "index.html",
    ):
        doc = parse(path)
        assert not doc.find("img", src="x")
        assert not [s for s in doc.find_all("script") if "alert" in s.get_text()]
        assert not doc.find(attrs={"onerror": True})
    page = parse(site / "aduan" / "index.html")
    cells = [th.get_text() for th in page.select("#kategori ~ div table tbody th")]
    assert "<img src=x onerror=alert(1)>" in cells
    with (site / "data" / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.DictReader(fh))["summary"] == HOSTILE


def test_a_summary_of_records_none_yet_judged_reads_whole(tmp_path, build_site):
    """Twelve open records received at the end of the period, none past its (long) target:
    no share, no interval, and the summary says how many are not yet judged."""
    rows = "".join(
        f"Y-{i},bappeda,lapor,lainnya,2026-10-30T09:00+07:00,,,open,,\n" for i in range(12)
    )
    settings = (
        SETTINGS + "  targets:\n    lainnya: {first_response_days: 30, resolution_days: 60}\n"
    )
    site = build_site(make_data(tmp_path, {"y.csv": HEADER + rows}, settings))
    cards = [
        " ".join(li.get_text(" ").split())
        for li in parse(site / "aduan" / "index.html").select("ul.k-cards li")
    ]
    assert "– ditanggapi dalam target (0 dari 0; 12 belum dinilai)" in cards, cards
    assert "– diselesaikan dalam target (0 dari 0; 12 belum dinilai)" in cards, cards
