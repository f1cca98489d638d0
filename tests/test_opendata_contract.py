"""The open data as a journalist recomputes it: exact column descriptions, packages Frictionless
accepts (also empty tables), keys the database and the package agree on, stable row keys,
sizes and hashes, kecamatan linked to their agencies, and the official counts coverage divides
by. Checked with plain csv/json/sqlite3/hashlib code, not Kanal's own readers."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import frictionless
import yaml
from bs4 import BeautifulSoup

from generator.build.pipeline import build
from generator.commands.init import run_init
from generator.complaints.figures import Z95
from generator.complaints.opendata import FIGURE_COLUMNS, FIGURE_DOCS
from tests.conftest import FIXTURES, TODAY
from tests.province_util import make_province, make_regency, run_province

SOCIAL = {"instagram", "facebook", "x", "youtube", "tiktok", "threads"}
LEVEL_OF_KIND = {"kecamatan": "kecamatan", "desa": "desa", "kelurahan": "desa"}


def _package(site: Path) -> dict:
    return json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _valid(site: Path) -> None:
    report = frictionless.validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_every_figure_column_is_described_by_its_own_definition(demo_site: Path):
    """``unanswered`` was described as "Sudah ditanggapi." (the text of ``answered``, found by
    a substring lookup) on the methodology page, in datapackage.json and in metadata.json."""
    assert sorted(FIGURE_DOCS) == sorted(FIGURE_COLUMNS)
    defined = {name: doc for name, (_, doc) in FIGURE_DOCS.items()}
    assert len(set(defined.values())) == len(defined), "two columns share one description"
    assert "belum" in defined["unanswered"].lower() and "sudah" in defined["answered"].lower()
    (resource,) = [r for r in _package(demo_site)["resources"] if r["name"] == "figures-csv"]
    assert {f["name"]: f["description"] for f in resource["schema"]["fields"]} == defined
    metadata = json.loads((demo_site / "data" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["databases"]["kanal"]["tables"]["figures"]["columns"] == defined
    page = BeautifulSoup(
        (demo_site / "aduan" / "metodologi" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    (table,) = [t for t in page.find_all("table") if "figures.csv" in t.caption.get_text()]
    shown = {
        tr.th.get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
        for tr in table.tbody.find_all("tr")
    }
    assert shown == defined


def test_wilson_z_is_documented_with_the_value_it_is_computed_with(demo_site: Path):
    exact = repr(Z95).replace(".", ",")
    text = (demo_site / "aduan" / "metodologi" / "index.html").read_text(encoding="utf-8")
    # The definition, the formula and the four interval columns of figures.csv.
    assert text.count(f"z = {exact}") == 6
    assert "z = 1,96:" not in text and "z = 1,96)" not in text
    assert exact in FIGURE_DOCS["first_response_within_low"][1]


def _without_channels(data: Path) -> None:
    for path in (data / "agencies").glob("*.yml"):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        for agency in loaded if isinstance(loaded, list) else [loaded]:
            agency.pop("channels", None)
        path.write_text(yaml.safe_dump(loaded, allow_unicode=True), encoding="utf-8")


def test_frictionless_accepts_the_demo_a_fresh_scaffold_and_empty_tables(
    demo_site: Path, build_site, tmp_path: Path
):
    """An empty JSON table was written as ``[]`` and declared a table, which Frictionless
    cannot read: ``accounts.json`` and ``channels.json`` of a fresh ``kanal init 33.72``."""
    _valid(demo_site)
    assert run_init("33.72", tmp_path / "solo") == 0
    scaffold = build_site(tmp_path / "solo" / "data")
    assert json.loads((scaffold / "data" / "accounts.json").read_text(encoding="utf-8")) == []
    assert json.loads((scaffold / "data" / "channels.json").read_text(encoding="utf-8")) == []
    _valid(scaffold)
    data = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", data)
    _without_channels(data)
    site = build_site(data)
    assert _rows(site, "accounts") and not _rows(site, "channels")
    _valid(site)
    by_name = {r["name"]: r for r in _package(site)["resources"]}
    assert by_name["channels-json"]["type"] == "file"
    assert by_name["accounts-json"]["type"] == "table"


def _sqlite_keys(db: sqlite3.Connection, table: str) -> tuple[list[str], set[tuple]]:
    info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
    pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
    fks = {(r[3], r[2], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
    return pk, fks


def test_datapackage_declares_the_keys_of_the_database(demo_site: Path):
    db = sqlite3.connect(demo_site / "data" / "kanal.sqlite")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    resources = {r["name"]: r for r in _package(demo_site)["resources"]}
    for table in tables:
        pk, fks = _sqlite_keys(db, table)
        assert pk, f"{table} has no primary key"
        schema = resources[f"{table}-csv"]["schema"]
        assert schema["primaryKey"] == pk, table
        declared = {
            (
                fk["fields"][0],
                fk["reference"]["resource"].removesuffix("-csv") or table,
                fk["reference"]["fields"][0],
            )
            for fk in schema.get("foreignKeys", [])
        }
        assert declared == fks, table
        keys = ", ".join(f'"{c}"' for c in pk)
        assert db.execute(
            f'SELECT COUNT(*) = COUNT(DISTINCT {keys.replace(", ", " || char(0) || ")}) FROM "{table}"'
        ).fetchone() == (1,), table
    assert {"accounts", "channels", "figures", "official_units", "complaints"} <= tables
    assert ("kecamatan_agency", "agencies", "id") in _sqlite_keys(db, "complaints")[1]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def _keyed(site: Path, table: str, key: str) -> dict[str, dict[str, str]]:
    rows = _rows(site, table)
    out = {r[key]: r for r in rows}
    assert len(out) == len(rows), table
    return out


def test_row_keys_stay_put_when_rows_are_added_before_them(build_site, tmp_path: Path):
    """Without primary keys Datasette addresses rows by rowid, which moves when a row is
    inserted before them; the keys are the url, the contact and the figure's dimensions."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    before = build_site(data)
    (data / "agencies" / "aaa-baru.yml").write_text(
        "id: aaa-baru\nname: Badan Arsip Baru\nkind: badan\naccounts:\n"
        "  - platform: instagram\n    url: https://www.instagram.com/aaa.baru/\n"
        "    status: active\n    reviewed: 2026-10-01\n"
        'channels:\n  - type: phone\n    value: "(0271) 700001"\n',
        encoding="utf-8",
    )
    after = build_site(data)
    resources = {r["name"]: r for r in _package(after)["resources"]}
    for table in ("accounts", "channels", "figures", "agencies"):
        (key,) = resources[f"{table}-csv"]["schema"]["primaryKey"]
        old, new = _keyed(before, table, key), _keyed(after, table, key)
        assert len(new) > len(old) or table == "figures", table
        for k, row in old.items():
            assert new[k] == row, (table, k)


def test_every_resource_has_a_title_a_description_its_hash_and_size(demo_site: Path):
    data = demo_site / "data"
    package = _package(demo_site)
    assert package["title"] and package["description"]
    for r in package["resources"]:
        assert r["title"] and r["description"], r["name"]
        body = (data / r["path"]).read_bytes()
        assert r["hash"] == "sha256:" + hashlib.sha256(body).hexdigest(), r["name"]
        # Frictionless counts no bytes of a JSON table; every other resource states its size.
        if not (r["format"] == "json" and r["type"] == "table"):
            assert r["bytes"] == len(body), r["name"]
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    sizes = {f["path"]: f["bytes"] for f in manifest["files"]}
    for r in package["resources"]:
        assert sizes[r["path"]] == (data / r["path"]).stat().st_size
    metadata = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    for name, table in metadata["databases"]["kanal"]["tables"].items():
        assert table["title"] and table["description"], name


def test_complaint_kecamatan_is_linked_to_its_code_and_agency(demo_site: Path):
    agencies = _keyed(demo_site, "agencies", "id")
    units = _keyed(demo_site, "official_units", "code")
    linked = 0
    for row in _rows(demo_site, "complaints"):
        if not row["kecamatan"]:
            assert row["kecamatan_code"] == row["kecamatan_agency"] == ""
            continue
        unit = units[row["kecamatan_code"]]
        assert unit["name"] == row["kecamatan"] and unit["level"] == "kecamatan"
        if row["kecamatan_agency"]:
            agency = agencies[row["kecamatan_agency"]]
            assert agency["kind"] == "kecamatan"
            assert agency["region_code"] == row["kecamatan_code"]
            linked += 1
    assert linked > 1000


def test_coverage_recomputes_from_the_official_counts_and_the_registry(demo_site: Path):
    counts = {r["level"]: int(r["official"]) for r in _rows(demo_site, "official_counts")}
    units = _rows(demo_site, "official_units")
    for level, n in counts.items():
        assert n == sum(1 for u in units if u["level"] == level)
    agencies = _rows(demo_site, "agencies")
    active = {
        a["agency"]
        for a in _rows(demo_site, "accounts")
        if a["status"] == "active" and a["platform"] in SOCIAL
    }
    manifest = json.loads((demo_site / "data" / "kanal.json").read_text(encoding="utf-8"))
    checked = 0
    for level in manifest["coverage"]:
        if level["official"] is None:
            continue
        assert counts[level["level"]] == level["official"]
        members = [a for a in agencies if LEVEL_OF_KIND.get(a["kind"]) == level["level"]]
        assert sum(1 for a in members if a["id"] in active) == level["with_active_account"]
        registered = sum(1 for u in units if u["level"] == level["level"] and u["agency"])
        assert registered == level["registered"]
        checked += 1
    assert checked == 2
    db = sqlite3.connect(demo_site / "data" / "kanal.sqlite")
    assert dict(db.execute("SELECT level, official FROM official_counts")) == counts
    db.close()


def test_frictionless_accepts_a_province_site(tmp_path: Path, project_copy, monkeypatch):
    """A province's own registry has no channels: its ``channels.json`` was ``[]``."""
    member = make_regency(tmp_path / "blora", "33.16", 1, 1, 1)
    member_site = tmp_path / "blora" / "site"
    build(member, member_site, project_copy, TODAY)
    data = make_province(
        tmp_path / "prov", f'members:\n  - code: "33.16"\n    path: {member_site}\n'
    )
    monkeypatch.chdir(tmp_path / "prov")
    out = tmp_path / "prov" / "site"
    assert run_province(data, out, project_copy.config) == 0
    assert json.loads((out / "data" / "channels.json").read_text(encoding="utf-8")) == []
    _valid(out)
    counts = _rows(out, "official_counts")
    assert [(r["level"], r["region_code"], r["official"]) for r in counts] == [
        ("daerah", "33", "35")
    ]


def _table(data: Path, resource: dict) -> list[dict]:
    """A tabular resource's rows as a reader loads them (CSV, gzip CSV or JSON)."""
    path = data / resource["path"]
    if path.name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_foreign_key_names_a_column_list_in_the_same_format_and_holds(demo_site: Path):
    """Each declared foreign key (Table Schema: ``fields`` lists) points at a resource of the
    package in the same format (a JSON table at the JSON agencies), and every value it names
    is found there: read independently of the writer, for every table, posts included."""
    data = demo_site / "data"
    resources = {r["name"]: r for r in _package(demo_site)["resources"]}
    checked = set()
    for name, res in resources.items():
        for fk in (res.get("schema") or {}).get("foreignKeys", []):
            ref = fk["reference"]
            assert isinstance(fk["fields"], list) and isinstance(ref["fields"], list), name
            target = resources[ref["resource"]] if ref["resource"] else res
            assert target["path"].endswith(".json") == res["path"].endswith(".json"), name
            keys = {tuple(str(r[f]) for f in ref["fields"]) for r in _table(data, target)}
            for row in _table(data, res):
                value = tuple(row[f] for f in fk["fields"])
                if all(v not in ("", None) for v in value):
                    assert tuple(map(str, value)) in keys, (name, fk["fields"], value)
            checked.add(name)
    assert {"feeds-csv", "feeds-json", "complaints-csv"} <= checked
    assert any(n.startswith("posts-") and n != "posts-sqlite" for n in checked)
