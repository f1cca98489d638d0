"""The province trusts nobody: every figure it shows is recomputed from a member's published
records (complaints.csv with its calendar and targets, posts-*.csv.gz), and a member whose
records do not give its own published figures is "tidak konsisten", even with matching hashes."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import build
from generator.province.collect import read_folder
from tests.conftest import TODAY
from tests.province_util import make_province, make_regency, rehash, run_province

BLORA, REMBANG, PATI = "33.16", "33.17", "33.18"
Z = 1.959963984540054  # the 95% normal quantile, as a journalist would take it


def _add_post(data: Path, handle: str, day: dt.date) -> None:
    """A stored post of the Instagram account ``handle`` on ``day`` (its feed listed)."""
    folder = data / "posts" / "instagram" / handle
    folder.mkdir(parents=True, exist_ok=True)
    line = {"t": f"{day}T09:00+07:00", "n": "Kabar", "u": f"https://www.instagram.com/p/{handle}/"}
    with (folder / f"{day.year}.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory, project_copy) -> dict[str, Path]:
    """Blora (40 complaints, no post history), Rembang (30 complaints and a post history),
    Pati (8 complaints: under the minimum sample)."""
    root = tmp_path_factory.mktemp("trust")
    out = {}
    for code, complaints, answered in ((BLORA, 40, 3), (REMBANG, 30, 2), (PATI, 8, 2)):
        data = make_regency(root / code, code, 2, 2, 2, complaints, answered)
        if code == REMBANG:
            _add_post(data, "dinkes3317", TODAY - dt.timedelta(days=2))
            _add_post(data, "dinkes3317", TODAY - dt.timedelta(days=40))
        build(data, root / code / "site", project_copy, TODAY)
        out[code] = root / code / "site"
    return out


def _wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def _doctor_figures(site: Path, tmp_path: Path, within: int, median: int) -> Path:
    """figures.csv and kanal.json claim ``within`` answered within target and ``median``;
    every share consistent with the claim, every hash updated."""
    copy = tmp_path / "doctored"
    shutil.copytree(site, copy)
    data = copy / "data"
    text = (data / "figures.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    overall = rows[0]
    eligible = int(overall["first_response_eligible"])
    low, high = _wilson(within, eligible)
    overall.update(
        first_response_within_target=str(within),
        first_response_within_share=f"{within / eligible:.6f}",
        first_response_within_low=f"{low:.6f}",
        first_response_within_high=f"{high:.6f}",
        first_response_median_workdays=str(median),
    )
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(overall), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data / "figures.csv").write_text(buf.getvalue(), encoding="utf-8")
    doc = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    doc["complaints"].update(
        first_response_within_target=within,
        first_response_within_share=round(within / eligible, 6),
        first_response_within_low=round(low, 6),
        first_response_within_high=round(high, 6),
        first_response_median_workdays=median,
    )
    (data / "kanal.json").write_text(json.dumps(doc), encoding="utf-8")
    rehash(data)
    return copy


def _recompute_complaints(data: Path) -> tuple[int, int, int, int]:
    """n, eligible, within target and median first response, from complaints.csv and
    calendar.csv alone, by the definitions on the methodology page (plain Python)."""
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    c = manifest["complaints"]
    start, end = c["period_start"], c["period_end"]
    ref = manifest["reference_date"]
    with (data / "calendar.csv").open(encoding="utf-8") as fh:
        workday = {r["date"]: r["workday"] == "true" for r in csv.DictReader(fh)}
    dates = sorted(workday)

    def between(a: str, b: str) -> int:
        return sum(1 for d in dates if a < d <= b and workday[d])

    n = eligible = within = 0
    days = []
    with (data / "complaints.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            received = r["received"][:10]
            if not start <= received <= end:
                continue
            n += 1
            target = int(r["first_response_target_days"])
            if r["first_response"]:
                d = between(received, r["first_response"][:10])
                days.append(d)
                eligible += 1
                within += d <= target
            elif between(received, ref) > target:
                eligible += 1
    days.sort()
    return n, eligible, within, days[(len(days) + 1) // 2 - 1]


def test_untouched_members_are_recomputed_from_their_records(sites):
    for code in (BLORA, REMBANG):
        result = read_folder(sites[code], code, code, TODAY)
        assert (result.status, result.reason) == ("ok", None)
        c = result.complaints
        got = (c.records, c.eligible, c.within, c.median_days)
        assert got == _recompute_complaints(sites[code] / "data")
    rembang = read_folder(sites[REMBANG], REMBANG, REMBANG, TODAY)
    assert rembang.posting is not None and rembang.posting.agencies == 1  # the post 2 days ago
    assert read_folder(sites[BLORA], BLORA, BLORA, TODAY).posting is None  # no history


def test_doctored_figures_with_matching_hashes_are_tidak_konsisten(sites, tmp_path):
    data = sites[BLORA] / "data"
    n, eligible, within, median = _recompute_complaints(data)
    assert within < eligible - 2 and median > 1, "the member's own figures are modest"
    doctored = _doctor_figures(sites[BLORA], tmp_path, eligible - 2, 1)
    result = read_folder(doctored, BLORA, "Kabupaten Blora", TODAY)
    assert result.status == "inconsistent"
    assert result.reason == (
        f"figures.csv menyatakan {eligible - 2} dari {eligible} aduan ditanggapi dalam target "
        f"(n = {n}, median 1 hari kerja), tetapi catatan complaints.csv memberi {within} dari "
        f"{eligible} (n = {n}, median {median} hari kerja)"
    )
    assert result.complaints is None and not result.shown


def test_posting_claims_without_post_records_are_tidak_konsisten(sites, tmp_path):
    copy = tmp_path / "blora"
    shutil.copytree(sites[BLORA], copy)
    data = copy / "data"
    doc = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    doc["activity"] = {"agencies_monitored": 9, "agencies_posting_30": 9}
    (data / "kanal.json").write_text(json.dumps(doc), encoding="utf-8")
    rehash(data)
    result = read_folder(copy, BLORA, "Kabupaten Blora", TODAY)
    assert (result.status, result.reason) == (
        "inconsistent",
        "kanal.json menyatakan 9 instansi aktif mengunggah, tetapi catatan unggahan "
        "posts-*.csv.gz memberi 0",
    )
    # Per level too, and for a member that has post records.
    copy = tmp_path / "rembang"
    shutil.copytree(sites[REMBANG], copy)
    data = copy / "data"
    doc = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    for level in doc["coverage"]:
        level["posting_30"] = level["registered"]
    (data / "kanal.json").write_text(json.dumps(doc), encoding="utf-8")
    rehash(data)
    result = read_folder(copy, REMBANG, "Kabupaten Rembang", TODAY)
    assert result.status == "inconsistent" and "posts-*.csv.gz memberi" in (result.reason or "")


def test_doctored_post_records_are_recounted(sites, tmp_path):
    """Records are the truth: a post moved into the window (re-hashed) changes the count the
    province recomputes, and the member's manifest no longer agrees with it."""
    copy = tmp_path / "rembang"
    shutil.copytree(sites[REMBANG], copy)
    data = copy / "data"
    path = data / f"posts-{TODAY.year}.csv.gz"
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())))
    with (data / "accounts.csv").open(encoding="utf-8") as fh:
        kec = next(r for r in csv.DictReader(fh) if r["agency"].startswith("kecamatan-"))
    rows.append({**rows[-1], "agency": kec["agency"], "account": kec["url"]})  # 2 days ago
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buf.getvalue().encode()))
    rehash(data)
    result = read_folder(copy, REMBANG, "Kabupaten Rembang", TODAY)
    assert result.status == "inconsistent" and "memberi 1" in (result.reason or "")


@pytest.fixture(scope="module")
def province(sites, tmp_path_factory, project_copy) -> Path:
    root = tmp_path_factory.mktemp("trust-prov")
    with (sites[BLORA] / "data" / "figures.csv").open(encoding="utf-8") as fh:
        eligible = int(next(csv.DictReader(fh))["first_response_eligible"])
    doctored = _doctor_figures(sites[BLORA], root, eligible - 2, 1)
    members = (
        f'members:\n  - code: "{BLORA}"\n    path: {doctored}\n'
        f'  - code: "{REMBANG}"\n    path: {sites[REMBANG]}\n'
        f'  - code: "{PATI}"\n    path: {sites[PATI]}\n'
    )
    data = make_province(root / "prov", members)
    cwd = os.getcwd()
    os.chdir(root / "prov")
    try:
        assert run_province(data, root / "prov" / "site", project_copy.config) == 0
    finally:
        os.chdir(cwd)
    return root / "prov" / "site"


def test_province_page_and_open_data_say_tidak_konsisten_and_data_belum_cukup(province, sites):
    with (province / "data" / "provinsi.csv").open(encoding="utf-8") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    assert rows[BLORA]["status"] == "inconsistent"
    assert rows[BLORA]["first_response_within_share"] == ""  # no figure of a doctored member
    assert rows[PATI]["status"] == "ok" and rows[PATI]["complaints_enough"] == "false"
    assert rows[PATI]["complaints_records"] == "8"
    assert rows[REMBANG]["complaints_enough"] == "true"
    # The province's own figures recompute from the member's records, with plain Python.
    n, eligible, within, median = _recompute_complaints(sites[REMBANG] / "data")
    r = rows[REMBANG]
    assert (r["complaints_records"], r["first_response_eligible"]) == (str(n), str(eligible))
    assert r["first_response_within_target"] == str(within)
    assert r["first_response_median_workdays"] == str(median)
    assert float(r["first_response_within_low"]) == pytest.approx(_wilson(within, eligible)[0])
    assert (r["posting_30_agencies"], r["posting_30_of"]) == ("1", r["posting_30_of"])
    of = int(r["kecamatan_official"]) + int(r["desa_official"]) + int(r["opd_registered"])
    assert int(r["posting_30_of"]) == of
    page = BeautifulSoup((province / "provinsi" / "index.html").read_text(), "html.parser")
    table = {
        row.find("th").get_text(" ", strip=True): row.get_text(" ", strip=True)
        for row in page.select("#tabel-provinsi tbody tr")
    }
    blora = next(v for k, v in table.items() if BLORA in k)
    pati = next(v for k, v in table.items() if PATI in k)
    assert "Tidak konsisten" in blora and "95,0" not in blora
    assert "Data belum cukup" in pati and "n = 8 aduan" in pati
    text = page.get_text(" ")
    assert "menghitung instansi (bukan akun)" in text


def test_province_table_is_in_its_datapackage_and_database(province):
    """provinsi.csv/.json are described in datapackage.json (which validates) and the same
    rows are a table of kanal.sqlite."""
    import sqlite3

    import frictionless

    data = province / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"]: r for r in package["resources"]}
    assert {"provinsi-csv", "provinsi-json"} <= set(names)
    assert names["provinsi-csv"]["bytes"] == (data / "provinsi.csv").stat().st_size
    report = frictionless.validate(str(data / "datapackage.json"))
    errors = report.flatten(["name", "type", "note"])
    # channels.json of a province without channels is "[]", which frictionless refuses: a known
    # fault of the complaint open data (issue 20, point 5), fixed apart from this branch.
    mine = [e for e in errors if "channels.json" not in e[2]]
    assert not mine, mine[:5]
    with (data / "provinsi.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    db = sqlite3.connect(data / "kanal.sqlite")
    got = db.execute(
        "SELECT code, status, complaints_records FROM provinsi ORDER BY code"
    ).fetchall()
    want = sorted((r["code"], r["status"], int(r["complaints_records"] or 0) or None) for r in rows)
    assert got == want
    metadata = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    assert "posting_30_share" in metadata["databases"]["kanal"]["tables"]["provinsi"]["columns"]
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert {"provinsi.csv", "provinsi.json", "kanal.sqlite"} <= listed
