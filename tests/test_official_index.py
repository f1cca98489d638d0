"""The official channels, statements and known impostors in the checker index (format 2),
whole and in shards: every row reachable from the buckets of its own keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site import shards
from generator.site.pages import finder_index
from tests.conftest import ROOT, TODAY


def _demo_index() -> dict[str, Any]:
    directory = load_directory(ROOT / "data", TODAY, Problems())
    assert directory is not None
    return finder_index(directory)


def test_demo_index_states_every_vector():
    index = _demo_index()
    assert index["version"] == 2
    kinds = {row[0] for row in index["official"]}
    assert {"web_domain", "email_domain", "sms_sender", "app", "bank_account"} <= kinds
    assert {"virtual_account", "qris", "hotline"} <= kinds
    fields = index["official_fields"]
    region_rows = [r for r in index["official"] if r[fields.index("agency")] is None]
    assert ["web_domain", ["contohkab.go.id"], "active", None, "*.contohkab.go.id", True] in (
        region_rows
    )
    names = [row[0] for row in index["agencies"]]
    app = next(r for r in index["official"] if r[0] == "app")
    assert names[app[3]] == "Pemerintah Kabupaten Contoh"
    assert app[1] == ["play:id.go.contohkab.melayani", "appstore:6450012345"]
    imp = {r[0]: r for r in index["impostors"]}
    assert imp["whatsapp"][1] == "+6281390124471"
    assert imp["whatsapp"][3].startswith("https://diskominfo.contohkab.go.id/")
    assert names[imp["whatsapp"][4]] == "Pemerintah Kabupaten Contoh"
    # Statements: texts once, the region's, and each agency's in its row.
    assert index["never"]["texts"]["otp"].startswith("meminta kode OTP")
    assert "apk" in index["never"]["region"][0]
    never = index["agency_fields"].index("never")
    dukcapil = next(r for r in index["agencies"] if r[1] == "Disdukcapil" or "Kependudukan" in r[0])
    assert dukcapil[never][0] == ["otp", "apk", "free_service_fee"]


def test_sharded_index_finds_each_row_by_its_buckets(tmp_path: Path):
    index = _demo_index()
    whole = tmp_path / "indeks.json"
    assert shards.write(index, whole, budget=0) is True
    meta = json.loads(whole.read_text("utf-8"))
    assert "official" not in meta and "impostors" not in meta
    assert meta["never"] == index["never"]
    count = meta["sharded"]["keys"]
    folder = tmp_path / "indeks"
    for name, buckets in (
        ("official", shards.official_buckets),
        ("impostors", shards.impostor_buckets),
    ):
        for row in index[name]:
            part = shards.merge_keys(folder, {shards.fnv(b) % count for b in buckets(row)})
            assert row in part[name], row
    every = shards.merge_keys(folder, set(range(count)))
    assert every["official"] == index["official"]
    assert every["impostors"] == index["impostors"]


def test_a_subdomain_and_a_lookalike_host_land_where_their_registrable_domain_does():
    row = ["web_domain", ["contohkab.go.id"], "active", None, "*.contohkab.go.id", True]
    assert shards.official_buckets(row) == ["d:contohkab.go.id"]
    desa = ["domain", "banjarharjo.desa.contohkab.go.id"]
    assert shards.impostor_buckets(desa) == ["d:contohkab.go.id"]
    assert shards.impostor_buckets(["domain", "contohkab.go.id.evil.com"]) == ["d:evil.com"]
    assert shards.impostor_buckets(["email", "x@contohkab.go.id"]) == ["d:contohkab.go.id"]
