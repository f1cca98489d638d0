"""Finding one's own code (issue 17.7): ``kanal wilayah NAMA`` and ``kanal init NAMA``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.registry import regions
from generator.registry.lookup import _one_edit, search
from generator.scaffold.region import find_region


def test_init_accepts_a_regency_name_in_any_case_and_spacing(tmp_path, capsys):
    assert find_region("Kabupaten Pacitan").code == "35.01"
    assert find_region("  kab.   PACITAN ").code == "35.01"
    assert find_region("Kota Blitar").code == "35.72"
    target = tmp_path / "pacitan"
    assert main(["init", "pacitan", str(target)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Repositori Kabupaten Pacitan (35.01, WIB) dibuat di {target}: 12 kecamatan"
    )
    assert 'code: "35.01"' in (target / "data/region.yml").read_text("utf-8")


def test_init_lists_the_kota_and_kabupaten_of_one_name(tmp_path, capsys):
    assert main(["init", "blitar", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == (
        "galat: nama 'blitar' cocok dengan beberapa daerah; pilih dan tulis kodenya:\n"
        "  kanal init 35.05   # Kabupaten Blitar, Provinsi Jawa Timur\n"
        "  kanal init 35.72   # Kota Blitar, Provinsi Jawa Timur\n"
    )
    assert not (tmp_path / "x").exists()


def test_init_with_a_typo_offers_the_name_and_writes_nothing(tmp_path, capsys):
    assert main(["init", "Surakrta", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == (
        "galat: nama 'Surakrta' tidak ada; yang mirip; pilih dan tulis kodenya:\n"
        "  kanal init 33.72   # Kota Surakarta, Provinsi Jawa Tengah\n"
    )


def test_init_with_a_kecamatan_name_says_what_it_is(tmp_path, capsys):
    assert main(["init", "jepon", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == (
        "galat: 'jepon' bukan nama provinsi atau kabupaten/kota, tetapi ada kecamatan/desa "
        "bernama itu:\n"
        "  33.16.08  Kecamatan Jepon, Kabupaten Blora, Provinsi Jawa Tengah\n"
        "  33.16.08.1013  Kelurahan Jepon, Kecamatan Jepon, Kabupaten Blora, Provinsi Jawa Tengah\n"
        "kanal init butuh kode provinsi atau kabupaten/kota (dua bagian pertama kode di atas).\n"
    )


def test_wilayah_prints_code_level_and_parent_path(capsys):
    assert main(["wilayah", "desa", "tobo"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "33.16.01.2011  desa/kelurahan  Desa Tobo, Kecamatan Jati, Kabupaten Blora, Provinsi Jawa Tengah",
        "35.23.13.2002  desa/kelurahan  Desa Tobo, Kecamatan Merakurak, Kabupaten Tuban, Provinsi Jawa Timur",
        "81.05.03.2018  desa/kelurahan  Desa Tobo, Kecamatan Werinama, Kabupaten Seram Bagian Timur, Provinsi Maluku",
    ]
    assert main(["wilayah", "tobo", "--di", "33.16"]) == 0
    assert capsys.readouterr().out.startswith(
        "33.16.01.2011  desa/kelurahan  Desa Tobo, Kecamatan Jati"
    )


def test_wilayah_tolerates_one_typo_and_says_so(capsys):
    assert main(["wilayah", "KECAMATAN", "kedung", "tubn"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "Tidak ada yang bernama persis 'KECAMATAN kedung tubn'; yang mirip:\n"
    assert (
        captured.out
        == "33.16.04  kecamatan       Kecamatan Kedungtuban, Kabupaten Blora, Provinsi Jawa Tengah\n"
    )


def test_wilayah_by_code_and_unknown_names(capsys):
    assert main(["wilayah", "33.16"]) == 0
    assert (
        capsys.readouterr().out == "33.16  kabupaten/kota  Kabupaten Blora, Provinsi Jawa Tengah\n"
    )
    assert main(["wilayah", "zzqqxx"]) == 1
    assert "'zzqqxx' tidak ditemukan" in capsys.readouterr().err
    assert main(["wilayah", "tobo", "--di", "99"]) == 1


@pytest.mark.parametrize("code", ["33.16.01.2011", "35.01", "33.16.04", "91"])
def test_every_official_name_finds_its_own_code(code):
    name = regions.reference_codes()[code]
    found, exact = search(name)
    assert exact and code in [p.code for p in found]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abcdefgh", min_size=1, max_size=8), st.text(alphabet="abcdefgh", max_size=8)
)
def test_one_edit_agrees_with_the_definition(a, b):
    def distance(x: str, y: str) -> int:  # optimal string alignment, the textbook way
        d = [[0] * (len(y) + 1) for _ in range(len(x) + 1)]
        for i in range(len(x) + 1):
            d[i][0] = i
        for j in range(len(y) + 1):
            d[0][j] = j
        for i in range(1, len(x) + 1):
            for j in range(1, len(y) + 1):
                cost = x[i - 1] != y[j - 1]
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 and j > 1 and x[i - 1] == y[j - 2] and x[i - 2] == y[j - 1]:
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        return d[len(x)][len(y)]

    assert _one_edit(a, b) == (distance(a, b) == 1)
