"""The open-data contract: data/kanal.json lists every data file with its hash, states the
headline figures with their denominators, and its format cannot change without a version bump."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest

from generator.opendata import manifest as mf

# The JSON Schema fingerprint of every released manifest version. Changing the models in
# generator/manifest.py changes the fingerprint: bump MANIFEST_VERSION (and teach readers the
# new version), then add its fingerprint here. Never edit a released line.
KNOWN_FINGERPRINTS = {
    1: "a1cba9be6d1f4f0fac0ae56fb54846cde086b0377673a746eb8b7aa2007bfa34",
    # 2: posting counted in agencies (one unit everywhere), post records published.
    2: "8ca281100a17cbdfe860ac79c8c121c56eba57aa90d4289d51f0af763bf9f9c7",
    # 3: region kind "nasional" (a national directory, code ""); readers accept 2 and 3.
    3: "72373c10b6c553804f1a507e14fe22f12eed842707823684a91ff35c0de86a19",
}
# Versions readers no longer accept: version 1 published no post records, so its posting
# figures cannot be recomputed.
RETIRED = {1}


def test_format_change_bumps_the_version():
    assert mf.MANIFEST_VERSION in KNOWN_FINGERPRINTS, "new version: record its fingerprint"
    assert mf.schema_fingerprint() == KNOWN_FINGERPRINTS[mf.MANIFEST_VERSION], (
        "the manifest format changed: bump MANIFEST_VERSION"
    )
    assert set(KNOWN_FINGERPRINTS) - RETIRED == mf.SUPPORTED_VERSIONS


@pytest.fixture(scope="module")
def demo_manifest(demo_site: Path) -> tuple[Path, mf.Manifest]:
    data = demo_site / "data"
    return data, mf.read_manifest((data / mf.MANIFEST_NAME).read_bytes())


def test_every_data_file_is_listed_with_its_hash(demo_manifest):
    data, manifest = demo_manifest
    listed = {f.path: f for f in manifest.files}
    on_disk = {
        p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and p.name != mf.MANIFEST_NAME
    }
    assert set(listed) == on_disk
    assert {"complaints.csv", "kanal.sqlite", "datapackage.json"} <= on_disk
    for path, entry in listed.items():
        body = (data / path).read_bytes()
        assert entry.bytes == len(body)
        assert entry.sha256 == hashlib.sha256(body).hexdigest()


def test_headline_figures_recompute_from_the_published_tables(demo_manifest):
    """What an aggregator reads in the manifest is what the CSV files say."""
    data, manifest = demo_manifest
    assert manifest.region.code == "99.01"
    assert manifest.region.kind == "kabupaten"
    assert manifest.region.demo is True
    assert manifest.reference_date.isoformat() == "2026-11-22"
    with (data / "agencies.csv").open(encoding="utf-8") as fh:
        kinds = {r["id"]: r["kind"] for r in csv.DictReader(fh)}
    social = {"instagram", "x", "facebook", "youtube", "tiktok", "threads"}
    with (data / "accounts.csv").open(encoding="utf-8") as fh:
        active = {
            r["agency"]
            for r in csv.DictReader(fh)
            if r["status"] == "active" and r["platform"] in social
        }
    level_of = {"kecamatan": "kecamatan", "desa": "desa", "kelurahan": "desa"}
    for count in manifest.coverage:
        members = [a for a, k in kinds.items() if level_of.get(k, "opd") == count.level]
        assert count.registered == len(members), count.level
        assert count.with_active_account == sum(1 for a in members if a in active), count.level
    with (data / "figures.csv").open(encoding="utf-8") as fh:
        overall = next(r for r in csv.DictReader(fh) if r["dimension"] == "overall")
    summary = manifest.complaints
    assert summary is not None
    assert summary.records == int(overall["records"])
    assert summary.first_response_within_target == int(overall["first_response_within_target"])
    assert summary.first_response_within_share == pytest.approx(
        float(overall["first_response_within_share"])
    )
    assert manifest.activity is not None
    assert 0 < manifest.activity.agencies_posting_30 <= manifest.activity.agencies_monitored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "kanal.json bukan JSON yang valid"),
        ('{"format": "lain", "version": 1}', "kanal.json bukan manifes situs Kanal"),
        ('{"format": "kanal-site", "version": 99}', "versi manifes 99 tidak dikenal"),
        ('{"format": "kanal-site", "version": 1}', "versi manifes 1 tidak dikenal"),
        ('{"format": "kanal-site", "version": 2}', "kanal.json tidak sesuai format"),
        # true == 1 and 2.0 == 2 in Python: neither is a version number.
        ('{"format": "kanal-site", "version": true}', "versi manifes True tidak dikenal"),
        ('{"format": "kanal-site", "version": 2.0}', "versi manifes 2.0 tidak dikenal"),
    ],
)
def test_unreadable_manifests_are_refused(text, message):
    with pytest.raises(mf.ManifestError) as caught:
        mf.read_manifest(text)
    assert str(caught.value).startswith(message)


def test_sqlite_declares_keys_and_indexes(demo_site: Path):
    db = sqlite3.connect(demo_site / "data" / "kanal.sqlite")
    try:

        def fks(table: str) -> set[tuple[str, str, str]]:
            return {(r[3], r[2], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}

        def pk(table: str) -> list[str]:
            rows = db.execute(f'PRAGMA table_info("{table}")').fetchall()
            return [r[1] for r in sorted(rows, key=lambda r: r[5]) if r[5]]

        assert pk("agencies") == ["id"]
        assert pk("complaints") == ["id"]
        assert pk("calendar") == ["date"]
        for table in ("accounts", "channels", "complaints", "figures"):
            assert ("agency", "agencies", "id") in fks(table), table
        assert ("parent", "agencies", "id") in fks("agencies")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        indexed = {
            (r[0], r[1])
            for r in db.execute("SELECT tbl_name, name FROM sqlite_master WHERE type='index'")
        }
        for table in ("accounts", "channels", "complaints"):
            assert (table, f"{table}_agency") in indexed
        plan = " ".join(
            str(r)
            for r in db.execute("EXPLAIN QUERY PLAN SELECT * FROM accounts WHERE agency = 'x'")
        )
        assert "accounts_agency" in plan
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        db.close()
    metadata = json.loads((demo_site / "data" / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["kanal"]["tables"]
    assert set(described) == tables
    assert metadata["license"] and metadata["source"]
    assert all(t["description"] for t in described.values())
    assert described["complaints"]["columns"]["received"]


def test_the_pages_and_readme_name_the_version_kanal_writes():
    """A journalist reads the format's version on Tentang data before reading the file."""
    root = Path(__file__).resolve().parent.parent
    page = (root / "content" / "tentang-data.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"format `kanal-site`, versi (\d+)", page) == [str(mf.MANIFEST_VERSION)]
    assert re.findall(r"format `kanal-site`, version (\d+)", readme) == [str(mf.MANIFEST_VERSION)]
