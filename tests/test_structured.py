"""schema.org JSON-LD of agency pages (generator/structured.py)."""

from __future__ import annotations

import json

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site.structured import agency_jsonld, script_json
from tests.conftest import FIXTURES, TODAY


def test_script_json_cannot_end_its_script_element() -> None:
    value = {"name": "</script><script>alert(1)</script> & \u2028\u2029 ü"}
    text = str(script_json(value))
    assert "</" not in text and "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert "ü" in text  # readable, not \\u-escaped needlessly
    assert json.loads(text) == value


def test_same_as_lists_only_active_accounts() -> None:
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert directory is not None
    dinkes = directory.agencies["dinas-kesehatan"]
    data = agency_jsonld(dinkes, "https://kanal.example.go.id/instansi/dinas-kesehatan/", None)
    assert data["sameAs"] == ["https://www.instagram.com/Dinkes.Uji/", "https://x.com/dinkesuji"]
    assert any(a.status.value == "archived" for a in dinkes.accounts)  # and it was left out
    assert data["url"] == "https://kanal.example.go.id/instansi/dinas-kesehatan/"
    assert {
        "@type": "ContactPoint",
        "contactType": "Layanan pengaduan",
        "telephone": "+6281234567890",
    } in data["contactPoint"]
    assert {
        "@type": "ContactPoint",
        "contactType": "Surel",
        "email": "Dinkes@example.go.id",
    } in data["contactPoint"]
    assert "parentOrganization" not in data
    pajang = directory.agencies["kelurahan-pajang"]
    laweyan = directory.agencies["kecamatan-laweyan"]
    assert agency_jsonld(pajang, "./", laweyan)["parentOrganization"]["name"] == "Kecamatan Laweyan"
