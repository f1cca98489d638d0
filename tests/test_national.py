"""A national directory (issue 21 point 5): ``level: nasional`` in region.yml, checked with
located messages, and a site whose Direktori and Cakupan list provinces, not agencies."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from benchmarks.province import unit_identity
from generator.build.pipeline import build
from generator.registry import regions
from generator.registry.models import Level
from generator.site.groups import PlaceGroup, by_province
from tests.conftest import TODAY
from tests.test_validate import DINKES, run

NATIONAL = """\
name: Indonesia
level: nasional
timezone: Asia/Jakarta
publisher:
  name: Direktori Nasional
  email: direktori@nasional.go.id
"""


def _unit(code: str, parent_ids: dict[str, str]) -> tuple[str, str]:
    """An agency file for a real Kepmendagri unit below a province: (id, YAML)."""
    aid, label, kind, parent = unit_identity(code, regions.reference_codes()[code], parent_ids)
    text = f'id: {aid}\nname: "{label}"\nkind: {kind}\nregion_code: "{code}"\n'
    return aid, text + (f"parent: {parent}\n" if parent else "")


def test_a_national_region_takes_units_of_every_province(tmp_path, monkeypatch):
    files = {}
    ids: dict[str, str] = {}
    for code in ("11.01", "11.01.01", "33.01"):
        aid, text = _unit(code, ids)
        ids[code] = aid
        files[f"{aid}.yml"] = text
    lines, directory = run(tmp_path, monkeypatch, files, region=NATIONAL, completeness=True)
    assert directory is not None and directory.region.national
    assert directory.region.code == ""
    # Coverage counts the 514 regencies and cities, as a province counts its own; the missing
    # ones are told per province at the level line.
    assert len(directory.official) == 514
    missing = [line for line in lines if "belum terdaftar" in line]
    assert len(missing) == 38  # one line per province
    assert all(line.startswith("data/region.yml:2:8: warning: code: ") for line in missing)
    assert any(
        "dari 514 kabupaten/kota belum terdaftar di Jawa Tengah:" in line for line in missing
    )
    # The province names are known for the pages that group by province.
    assert directory.region_names["33"] == "Jawa Tengah"


def test_a_national_region_has_no_code(tmp_path, monkeypatch):
    region = NATIONAL.replace("level: nasional\n", 'level: nasional\ncode: "33"\n')
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert directory is None
    assert lines == [
        "data/region.yml:3:7: error: code: situs nasional (level: nasional) mencakup seluruh "
        "Indonesia dan tidak memakai kode wilayah; hapus baris code, atau ganti level"
    ]


def test_a_region_without_code_or_level_is_told_what_to_write(tmp_path, monkeypatch):
    region = NATIONAL.replace("level: nasional\n", "")
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert directory is None
    assert lines == [
        "data/region.yml:1:1: error: code: wajib diisi: kode wilayah Kepmendagri daerah ini "
        "(misalnya '33.72'), atau tulis level: nasional untuk seluruh Indonesia"
    ]


@pytest.mark.parametrize(
    ("level", "message"),
    [
        (
            "provinsi",
            "level 'provinsi' tidak cocok dengan kode '33.72' (Kota Surakarta), yaitu kota",
        ),
        ("nasionel", "nasionel"),
    ],
)
def test_a_level_must_match_the_code(tmp_path, monkeypatch, level, message):
    region = NATIONAL.replace("level: nasional\n", f'code: "33.72"\nlevel: {level}\n')
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert directory is None
    assert len(lines) == 1 and lines[0].startswith("data/region.yml:3:8: error: level: ")
    assert message in lines[0]


def test_a_matching_level_is_accepted(tmp_path, monkeypatch):
    region = NATIONAL.replace("level: nasional\n", 'code: "33.72"\nlevel: kota\n')
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert lines == [] and directory is not None and not directory.region.national


def test_regencies_are_grouped_by_province_each_once() -> None:
    places = [PlaceGroup(k, k, ()) for k in ("33-01", "11-02", "33-71", "lainnya", "11-01")]
    directory = type("D", (), {"region_names": {"11": "Aceh", "33": "Jawa Tengah"}, "official": {}})
    provinces = by_province(directory, places)  # type: ignore[arg-type]
    assert [(p.key, [g.key for g in p.places]) for p in provinces] == [
        ("11", ["11-02", "11-01"]),
        ("33", ["33-01", "33-71"]),
        ("lainnya", ["lainnya"]),
    ]


def _write_national(data: Path, prefixes: tuple[str, ...]) -> int:
    """Every unit of the regencies ``prefixes``; villages have no account (Cakupan's lists)."""
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(NATIONAL, encoding="utf-8")
    ids: dict[str, str] = {}
    codes = regions.reference_codes()
    chosen = sorted(
        (c for c in codes if any(c == p or c.startswith(p + ".") for p in prefixes)),
        key=lambda c: (regions.depth(c), c),
    )
    for code in chosen:
        aid, text = _unit(code, ids)
        ids[code] = aid
        if regions.depth(code) < 4:  # regencies and kecamatan have an account
            handle = f"akun{code.replace('.', '')}"
            text += (
                "accounts:\n  - platform: instagram\n"
                f"    url: https://www.instagram.com/{handle}/\n"
                "    status: active\n    reviewed: 2026-10-01\n"
            )
        (data / "agencies" / f"{aid}.yml").write_text(text, encoding="utf-8")
    return len(chosen)


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _links(soup: BeautifulSoup, page: str) -> set[str]:
    """The article's links as paths from the site's root."""
    base = f"http://kanal.invalid/{page}/"
    return {urlsplit(urljoin(base, a["href"])).path[1:] for a in soup.select("article a[href]")}


def test_a_national_site_lists_provinces_then_regencies(tmp_path, project_copy):
    data = tmp_path / "data"
    count = _write_national(data, ("11.01", "33.71"))  # Aceh Selatan, Kota Magelang
    out = tmp_path / "site"
    result = build(data, out, project_copy, TODAY)
    assert len(result.directory.agencies) == count
    manifest = json.loads((out / "data" / "kanal.json").read_text(encoding="utf-8"))
    assert manifest["region"]["kind"] == "nasional" and manifest["region"]["code"] == ""

    # Direktori: two provinces, no regency, kecamatan or village named on the page itself.
    directory = _soup(out, "direktori")
    assert {"direktori/11/", "direktori/33/"} <= _links(directory, "direktori")
    text = directory.get_text(" ")
    assert "Provinsi (2)" in text and "Aceh" in text and "Jawa Tengah" in text
    assert "Kabupaten Aceh Selatan" not in text and "Kota Magelang" not in text
    province = _soup(out, "direktori/11")
    assert "Kabupaten Aceh Selatan" in province.get_text(" ")
    assert "direktori/11-01/" in _links(province, "direktori/11")
    assert "Kecamatan " in _soup(out, "direktori/11-01").get_text(" ")

    # Cakupan: villages without an account per province, then per regency, then by kecamatan.
    coverage = _soup(out, "cakupan")
    desa = [c for c in result.pages if c.url.startswith(f"cakupan/{Level.DESA.value}/")]
    assert {p.url for p in desa} >= {"cakupan/desa/11/", "cakupan/desa/11-01/"}
    assert "cakupan/desa/11/" in _links(coverage, "cakupan")
    assert "per provinsi" in coverage.get_text(" ")
    assert "cakupan/desa/11-01/" in _links(_soup(out, "cakupan/desa/11"), "cakupan/desa/11")
    villages = _soup(out, "cakupan/desa/11-01").get_text(" ")
    assert "Desa " in villages and "Kecamatan " in villages
    assert "Desa " not in coverage.get_text(" ")
