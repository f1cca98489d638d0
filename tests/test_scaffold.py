"""`kanal init`: a region repository for any real regency, city or province, valid as written."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build.project import ConfigError
from generator.cli import main
from generator.commands.init import run_init
from generator.registry import regions
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.safeinput.yamlio import read_yaml
from generator.scaffold.region import find_region, scaffold_files, timezone_for

TODAY = dt.date(2026, 11, 22)


def official(code: str) -> tuple[list[str], list[str]]:
    """Kecamatan and desa/kelurahan codes under a regency, from the bundled list."""
    under = [c for c in regions.reference_codes() if c.startswith(code + ".")]
    return (
        sorted(c for c in under if regions.depth(c) == 3),
        sorted(c for c in under if regions.depth(c) == 4),
    )


def init_into(tmp_path: Path, code: str) -> Path:
    target = tmp_path / code.replace(".", "-")
    assert run_init(code, target) == 0
    return target


@pytest.mark.parametrize(
    ("code", "name", "zone"),
    [
        ("33.16", "Kabupaten Blora", "Asia/Jakarta"),
        ("61.01", "Kabupaten Sambas", "Asia/Jakarta"),  # Kalimantan Barat: WIB
        ("73.01", "Kabupaten Kepulauan Selayar", "Asia/Makassar"),
        ("64.01", "Kabupaten Paser", "Asia/Makassar"),  # Kalimantan Timur: WITA
        ("94.01", "Kabupaten Nabire", "Asia/Jayapura"),
        ("81.01", "Kabupaten Maluku Tenggara Barat", "Asia/Jayapura"),
        ("33.72", "Kota Surakarta", "Asia/Jakarta"),
    ],
)
def test_init_regency_is_complete_and_valid(tmp_path, code, name, zone):
    if code == "81.01":  # names change; take the official one rather than hard-coding it
        name = regions.reference_codes()[code]
    repo = init_into(tmp_path, code)
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None and not problems.errors, [str(p) for p in problems]
    assert directory.region.name == name
    assert directory.region.timezone == zone
    districts, villages = official(code)
    by_code = {a.region_code: a for a in directory.agencies.values() if a.region_code}
    assert sorted(c for c in by_code if regions.depth(c) == 3) == districts
    assert sorted(c for c in by_code if regions.depth(c) == 4) == villages
    names = regions.reference_codes()
    for village in villages:
        agency = by_code[village]
        kind = "kelurahan" if regions.is_kelurahan_code(village) else "desa"
        assert agency.kind.value == kind
        assert agency.name == f"{kind.capitalize()} {names[village]}"
        assert agency.parent == by_code[regions.parent_code(village)].id
    assert len(list((repo / "data" / "agencies" / "kecamatan").glob("*.yml"))) == len(districts)
    opd = {a.short_name for a in directory.agencies.values() if a.level.value == "opd"}
    assert {"Setda", "Inspektorat", "Bappeda", "Diskominfo", "Disdukcapil", "Dinkes"} <= opd
    assert all(not a.accounts for a in directory.agencies.values())


def test_blora_counts_and_duplicate_village_names(tmp_path):
    repo = init_into(tmp_path, "33.16")
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None
    levels = [a.kind.value for a in directory.agencies.values()]
    assert levels.count("kecamatan") == 16
    assert levels.count("desa") + levels.count("kelurahan") == 295
    # Pelem and Sumberejo are desa in two kecamatan each: the kecamatan keeps their ids apart.
    pelem = sorted(a.id for a in directory.agencies.values() if a.name == "Desa Pelem")
    assert len(pelem) == 2 and len(set(pelem)) == 2
    assert all(i.startswith("desa-pelem-") for i in pelem)
    region_yml = (repo / "data" / "region.yml").read_text(encoding="utf-8")
    assert "timezone: Asia/Jakarta  # WIB" in region_yml
    assert (repo / ".gitignore").read_text().startswith("/site/\n/build/\n")
    assert "kanal check" in (repo / "README.md").read_text(encoding="utf-8")


def test_same_village_name_twice_in_one_kecamatan_gets_code_suffix():
    _, files = scaffold_files("71.02")  # 71.02.11 has two desa named Tounelet Satu
    ids: list[str] = []
    for rel, text in files.items():
        if rel.startswith("data/agencies/"):
            loaded = yaml.safe_load(text)
            ids += [item["id"] for item in (loaded if isinstance(loaded, list) else [loaded])]
    assert len(ids) == len(set(ids))
    twins = sorted(i for i in ids if i.startswith("desa-tounelet-satu-"))
    codes = sorted(
        c
        for c, n in regions.reference_codes().items()
        if n == "Tounelet Satu" and c[:8] == "71.02.11"
    )
    assert len(twins) == 2 and len(codes) == 2
    assert twins[1].endswith(codes[1].replace(".", "-"))


def test_init_province_scaffolds_its_regencies(tmp_path):
    repo = init_into(tmp_path, "33")
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None and not problems.errors, [str(p) for p in problems]
    assert directory.region.name == "Provinsi Jawa Tengah"
    regencies = {a.region_code: a for a in directory.agencies.values() if a.level.value == "daerah"}
    expected = [c for c in regions.reference_codes() if c.startswith("33.") and c.count(".") == 1]
    assert sorted(regencies) == sorted(expected) and len(expected) == 35
    assert regencies["33.72"].kind.value == "kota"
    assert regencies["33.16"].kind.value == "kabupaten"
    assert regencies["33.16"].parent == "pemerintah-provinsi-jawa-tengah"


def test_time_zone_of_every_province():
    provinces = [c for c in regions.reference_codes() if regions.depth(c) == 1]
    zones = {p: timezone_for(p) for p in provinces}
    assert len(provinces) == 38
    wib = {p for p, z in zones.items() if z == "Asia/Jakarta"}
    wita = {p for p, z in zones.items() if z == "Asia/Makassar"}
    wit = {p for p, z in zones.items() if z == "Asia/Jayapura"}
    assert {"61", "62", "31", "11", "36"} <= wib and not wib & {"51", "63", "64", "65"}
    assert wita == {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
    assert wit == {"81", "82", "91", "92", "93", "94", "95", "96"}
    for zone in zones.values():
        zoneinfo.ZoneInfo(zone)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "3316",
            "kode '3316' tidak ada dalam daftar Kepmendagri 2025; maksud Anda '33.16' "
            "(Kabupaten Blora)? Tulis kode provinsi (misalnya 33) atau kabupaten/kota "
            "(misalnya 33.16).",
        ),
        (
            "33.99",
            "kode '33.99' tidak ada dalam daftar Kepmendagri 2025. Tulis kode provinsi "
            "(misalnya 33) atau kabupaten/kota (misalnya 33.16).",
        ),
        (
            "33.16.05",
            "kode '33.16.05' adalah wilayah kecamatan (Cepu); kanal init butuh kode provinsi "
            "(misalnya 33) atau kabupaten/kota (misalnya 33.16)",
        ),
    ],
)
def test_init_refuses_codes_it_cannot_scaffold(code, message):
    with pytest.raises(ConfigError) as caught:
        find_region(code)
    assert str(caught.value) == message


def test_init_refuses_a_non_empty_folder(tmp_path, capsys):
    target = tmp_path / "blora"
    target.mkdir()
    (target / "catatan.txt").write_text("punya kantor")
    assert main(["init", "33.16", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"galat: folder '{target}' sudah ada dan tidak kosong; kanal init hanya menulis ke folder "
        "baru atau kosong. Pilih folder lain, misalnya: kanal init 33.16 kabupaten-blora-baru\n"
    )
    assert sorted(p.name for p in target.iterdir()) == ["catatan.txt"]


def test_scaffolded_files_parse_with_their_schema_comment(tmp_path):
    repo = init_into(tmp_path, "33.72")
    for path in (repo / "data").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.split("$schema=", 1)[1]
        assert (path.parent / schema).resolve().is_file(), path
        assert read_yaml(path, str(path), Problems()) is not None


def test_region_repository_builds_with_overrides(tmp_path, monkeypatch, capsys):
    """A city's repository, built from its own folder with Kanal's defaults plus its overrides."""
    repo = init_into(tmp_path, "33.72")
    (repo / "content").mkdir()
    (repo / "content" / "tentang.md").write_text("# Tentang\n\nHalaman milik Diskominfo Solo.\n")
    (repo / "content" / "layanan.md").write_text("# Layanan\n\nDaftar layanan kota.\n")
    (repo / "kanal.yml").write_text(
        "copyright: '<b>Pemkot</b> Surakarta'\nnav:\n  - Layanan kota: layanan.md\n"
    )
    monkeypatch.chdir(repo)
    assert main(["build", "--today", "2026-11-22"]) == 0
    site = repo / "site"
    about = (site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert "Halaman milik Diskominfo Solo." in about
    assert (site / "layanan" / "index.html").is_file()
    assert (site / "cara-melapor" / "index.html").is_file()  # Kanal's own page stays
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    menu = [a.get_text(strip=True) for a in home.select("nav.md-nav a[href='layanan/']")]
    assert "Layanan kota" in menu
    footer = home.find(class_="md-copyright")
    assert footer is not None and "<b>Pemkot</b> Surakarta" in footer.get_text()
    assert home.find("b", string="Pemkot") is None  # escaped, not markup
    assert not (Path(__file__).resolve().parent.parent / "build" / "docs" / "layanan.md").exists()


def test_kanal_yml_problems_are_located(tmp_path):
    repo = init_into(tmp_path, "33.72")
    (repo / "kanal.yml").write_text("copyright: ok\ntema: gelap\nnav:\n  - Rahasia: ../../etc.md\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-22"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "kanal.yml:2:7: error: tema: kunci tidak dikenal; yang boleh: copyright, nav",
        "kanal.yml:4:5: error: nav[0]: '../../etc.md' harus halaman .md di content/ (tanpa '..') atau tautan https://",
        "2 galat, 0 peringatan.",
        "Tidak ada yang dibangun; situs sebelumnya tetap utuh.",
    ]
    assert not (repo / "site").exists()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("index.md", "index.md"),
        # The index shards a build moves into the site past MkDocs (build.sitefiles).
        ("assets/kanal/indeks", "assets/kanal/indeks/a/0.json"),
    ],
)
def test_region_page_with_a_generated_name_is_refused_plainly(tmp_path, name, path):
    repo = init_into(tmp_path, "33.72")
    (repo / "content" / path).parent.mkdir(parents=True)
    (repo / "content" / path).write_text("# Beranda sendiri\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-22"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"galat: folder '{repo / 'content'}' memuat {name}: nama itu dibuat oleh Kanal sendiri; "
        "ganti nama berkas atau folder tersebut\nSitus sebelumnya tetap utuh.\n"
    )


@pytest.mark.parametrize(("code", "villages"), [("94.01", 81), ("64.01", 144)])
def test_wit_and_wita_regencies_build_with_official_denominators(
    tmp_path, monkeypatch, code, villages
):
    repo = init_into(tmp_path, code)
    assert len(official(code)[1]) == villages
    monkeypatch.chdir(repo)
    assert main(["build", "--today", "2026-11-22"]) == 0
    home = BeautifulSoup((repo / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Desa/kelurahan: 0 dari {villages}" in home.get_text(" ", strip=True)


def test_province_site_speaks_of_its_regencies_not_villages(tmp_path, monkeypatch):
    """A province has no kecamatan or desa of its own: its pages must not promise them."""
    repo = init_into(tmp_path, "33")
    monkeypatch.chdir(repo)
    assert main(["build", "--today", "2026-11-22"]) == 0
    home = BeautifulSoup((repo / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    lead = home.select_one(".k-lead")
    assert lead is not None
    assert lead.get_text(" ", strip=True) == (
        "Temukan akun media sosial resmi, nomor WhatsApp, telepon dan kanal pengaduan setiap "
        "perangkat daerah dan kabupaten/kota. Pastikan Anda menghubungi akun yang benar, "
        "bukan akun palsu."
    )
    label = home.select_one("label[for=k-q]")
    assert label is not None
    assert label.get_text(strip=True) == "Ketik masalah, layanan, atau nama kabupaten/kota"
    directory = (repo / "site" / "direktori" / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta name="description" content="Semua perangkat daerah dan kabupaten/kota di '
        'Provinsi Jawa Tengah beserta akun resminya.">'
    ) in directory


def test_office_readme_shows_an_account_and_a_channel_that_pass_check(tmp_path):
    """Every OPD file says "lihat README.md" for accounts and channels: its example must be valid."""
    repo = init_into(tmp_path, "33.16")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "```yaml\n" in readme
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    opd = repo / "data" / "agencies" / "opd" / "dinas-kominfo.yml"
    opd.write_text(opd.read_text(encoding="utf-8") + example, encoding="utf-8")
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None and not problems.errors, [str(p) for p in problems]
    agency = directory.agencies["dinas-kominfo"]
    assert [a.platform.value for a in agency.active_accounts] == ["instagram"]
    assert sorted(c.type.value for c in agency.channels) == ["phone", "whatsapp"]
