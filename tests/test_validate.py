"""Each validation rule, asserting the exact line a Kominfo editor would read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.problems import Problems
from generator.validate import load_directory
from tests.conftest import TODAY

REGION = """\
name: Kota Uji
code: "33.72"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo Kota Uji
  email: diskominfo@kotauji.go.id
"""

DINKES = """\
id: dinkes
name: Dinas Kesehatan
kind: dinas
"""


def run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], region: str = REGION
) -> tuple[list[str], object]:
    monkeypatch.chdir(tmp_path)
    data = Path("data")
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(region, encoding="utf-8")
    for name, text in files.items():
        (data / "agencies" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    return [str(p) for p in problems.sorted()], directory


def test_valid_minimal(tmp_path, monkeypatch):
    lines, directory = run(tmp_path, monkeypatch, {"dinkes.yml": DINKES})
    assert lines == []
    assert list(directory.agencies) == ["dinkes"]


def test_yaml_syntax_error_has_line(tmp_path, monkeypatch):
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname: [Dinas\nkind: dinas\n"})
    assert directory is None
    assert len(lines) == 1
    assert lines[0].startswith("data/agencies/a.yml:3:")
    assert ": error: sintaks YAML tidak valid:" in lines[0]


def test_unknown_field_suggests_the_right_one(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES + "nmae: x\n"})
    assert lines == [
        "data/agencies/a.yml:4:7: error: nmae: kolom 'nmae' tidak dikenal; maksud Anda 'name'?"
    ]


def test_missing_and_empty_and_wrong_type(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname:\nservices: imunisasi\n"})
    assert lines == [
        "data/agencies/a.yml:1:1: error: kind: wajib diisi",
        "data/agencies/a.yml:2:6: error: name: tidak boleh kosong",
        "data/agencies/a.yml:3:11: error: services: harus berupa daftar (setiap butir diawali '- ')",
    ]


def test_unknown_kind_lists_choices(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname: A\nkind: dinass\n"})
    assert len(lines) == 1
    assert lines[0].startswith(
        "data/agencies/a.yml:3:7: error: kind: nilai 'dinass' tidak dikenal; pilih salah satu: 'pemda', 'sekretariat'"
    )


def test_yaml_traps_stay_text(tmp_path, monkeypatch):
    """An unquoted 0215551234 must not become octal 0o215551234, nor `no` become False."""
    text = DINKES + "short_name: no\nchannels:\n  - type: phone\n    value: 0215551234\n"
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text})
    assert lines == []
    agency = directory.agencies["dinkes"]
    assert agency.short_name == "no"
    assert agency.channels[0].value == "+62215551234"
    assert agency.channels[0].display == "(021) 5551234"


def test_duplicate_yaml_key(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES + "name: Lagi\n"})
    assert lines == [
        "data/agencies/a.yml:4:1: error: name: kunci 'name' ditulis dua kali dalam satu bagian; hapus salah satunya"
    ]


def test_duplicate_id_names_first_place(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES, "b.yml": DINKES})
    assert lines == [
        "data/agencies/b.yml:1:5: error: id: id 'dinkes' sudah dipakai di data/agencies/a.yml:1:5"
    ]


def test_bad_id(tmp_path, monkeypatch):
    lines, _ = run(
        tmp_path, monkeypatch, {"a.yml": DINKES.replace("id: dinkes", "id: Dinas Kesehatan")}
    )
    assert lines == [
        "data/agencies/a.yml:1:5: error: id: id 'Dinas Kesehatan' hanya boleh berisi huruf kecil, angka dan tanda hubung (misalnya 'dinas-kesehatan')"
    ]


def test_unknown_parent_and_cycle(tmp_path, monkeypatch):
    files = {
        "a.yml": "id: a\nname: A\nkind: badan\nparent: b\n",
        "b.yml": "id: b\nname: B\nkind: badan\nparent: a\n",
        "c.yml": "id: c\nname: C\nkind: badan\nparent: tidak-ada\n",
    }
    lines, _ = run(tmp_path, monkeypatch, files)
    assert lines == [
        "data/agencies/a.yml:4:9: error: parent: induk berputar: a → b → a",
        "data/agencies/c.yml:4:9: error: parent: instansi induk 'tidak-ada' tidak ditemukan",
    ]


DISTRICT = """\
- id: laweyan
  name: Kecamatan Laweyan
  kind: kecamatan
  region_code: "{kec}"
- id: pajang
  name: Kelurahan Pajang
  kind: kelurahan
  parent: laweyan
  region_code: "{kel}"
"""


def test_region_codes_checked_against_kepmendagri(tmp_path, monkeypatch):
    files = {"k.yml": DISTRICT.format(kec="33.72.01", kel="33.72.09.1001")}
    lines, _ = run(tmp_path, monkeypatch, files)
    assert lines == [
        "data/agencies/k.yml:9:16: error: region_code: kode '33.72.09.1001' tidak ada dalam daftar Kepmendagri 2025"
    ]


def test_code_outside_region_and_outside_parent(tmp_path, monkeypatch):
    # 33.71.01 is Kota Magelang's Magelang Selatan: real, but not in Kota Surakarta (33.72).
    files = {"k.yml": DISTRICT.format(kec="33.71.01", kel="33.72.02.1001")}
    lines, _ = run(tmp_path, monkeypatch, files)
    assert lines == [
        "data/agencies/k.yml:4:16: error: region_code: kode '33.71.01' (Magelang Selatan) tidak berada di wilayah Kota Uji (33.72)",
        "data/agencies/k.yml:9:16: error: region_code: kode '33.72.02.1001' tidak berada di bawah kecamatan induknya 'laweyan' (33.71.01)",
    ]


def test_village_needs_code_depth_and_parent(tmp_path, monkeypatch):
    files = {"v.yml": 'id: v\nname: Desa V\nkind: desa\nregion_code: "33.72.01"\n'}
    lines, _ = run(tmp_path, monkeypatch, files)
    assert lines == [
        "data/agencies/v.yml:1:1: error: parent: desa harus punya parent: id kecamatannya",
        "data/agencies/v.yml:4:14: error: region_code: kode desa harus terdiri dari 4 bagian, bukan 3: '33.72.01'",
    ]


def test_region_file_code_and_timezone(tmp_path, monkeypatch):
    region = REGION.replace('"33.72"', '"33.99"').replace("Asia/Jakarta", "WIB")
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert lines == [
        "data/region.yml:2:7: error: code: kode '33.99' tidak ada dalam daftar Kepmendagri 2025",
        "data/region.yml:3:11: error: timezone: zona waktu 'WIB' tidak dikenal; pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura",
    ]


def test_publisher_needs_a_channel(tmp_path, monkeypatch):
    """Every "report a fake account" path ends at the publisher: a name alone reaches no one."""
    region = REGION.replace("  email: diskominfo@kotauji.go.id\n", "")
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert lines == [
        "data/region.yml:5:3: error: publisher: belum ada kontak pengelola; isi setidaknya satu "
        "dari url, email atau phone agar warga bisa melaporkan akun palsu",
    ]


def test_publisher_channels_are_normalized(tmp_path, monkeypatch):
    region = REGION + '  phone: "(0271) 123456"\n  url: https://diskominfo.kotauji.go.id/\n'
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert lines == []
    shown = [(c.type.value, c.display, c.href) for c in directory.region.publisher.channels]
    assert shown == [
        ("phone", "(0271) 123456", "tel:+62271123456"),
        ("email", "diskominfo@kotauji.go.id", "mailto:diskominfo@kotauji.go.id"),
        ("website", "diskominfo.kotauji.go.id", "https://diskominfo.kotauji.go.id/"),
    ]


CHANNELS = (
    DINKES
    + """\
channels:
  - type: whatsapp
    value: "0271-712345"
  - type: phone
    value: "12345"
  - type: email
    value: dinkes@
  - type: website
    value: javascript:alert(1)
  - type: complaint_portal
    value: ftp://lapor.go.id
"""
)


def test_channels_phone_email_url(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": CHANNELS})
    assert lines == [
        "data/agencies/a.yml:6:12: error: channels[0].value: nomor WhatsApp '0271-712345' bukan nomor seluler (08...)",
        "data/agencies/a.yml:8:12: error: channels[1].value: nomor '12345' tidak valid: periksa kode area dan jumlah digitnya",
        "data/agencies/a.yml:10:12: error: channels[2].value: alamat surel tidak valid: 'dinkes@' (contoh: dinkes@contoh.go.id)",
        "data/agencies/a.yml:12:12: error: channels[3].value: URL harus diawali https:// atau http://: 'javascript:alert(1)'",
        "data/agencies/a.yml:14:12: error: channels[4].value: URL harus diawali https:// atau http://: 'ftp://lapor.go.id'",
    ]


def account(**fields: str) -> str:
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    return "  - " + body[4:]


def test_handle_url_mismatch(tmp_path, monkeypatch):
    text = (
        DINKES
        + "accounts:\n"
        + account(
            platform="instagram",
            handle='"@dinkes.uji"',
            url="https://instagram.com/dinkes_uji",
            status="active",
            reviewed="2026-10-01",
        )
    )
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": text})
    assert lines == [
        "data/agencies/a.yml:7:10: error: accounts[0].url: URL menunjuk ke akun '@dinkes_uji', tidak cocok dengan handle '@dinkes.uji'"
    ]


def test_same_account_claimed_twice(tmp_path, monkeypatch):
    acc = "accounts:\n" + account(
        platform="x", url="https://twitter.com/DinkesUji", status="active", reviewed="2026-10-01"
    )
    other = "id: rsud\nname: RSUD\nkind: rsud\naccounts:\n" + account(
        platform="x", handle='"@dinkesuji"', status="archived", reviewed="2026-10-01"
    )
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES + acc, "b.yml": other})
    assert lines == [
        "data/agencies/b.yml:5:5: error: accounts[0]: akun https://x.com/dinkesuji sudah dicantumkan oleh 'dinkes' (data/agencies/a.yml:5:5); satu akun hanya milik satu instansi"
    ]


def test_review_age_warning_and_future_dates(tmp_path, monkeypatch):
    text = DINKES + "accounts:\n"
    text += account(
        platform="facebook", handle="dinkes.uji", status="active", reviewed="2025-11-21"
    )
    text += account(
        platform="youtube",
        url="https://www.youtube.com/@dinkesuji",
        status="active",
        since="2027-01-01",
        reviewed="2026-12-01",
    )
    bad_date = "id: b\nname: B\nkind: badan\naccounts:\n" + account(
        platform="tiktok", handle="dinkesuji", status="active", reviewed="31-12-2025"
    )
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text, "b.yml": bad_date})
    assert lines == [
        "data/agencies/a.yml:8:15: warning: accounts[0].reviewed: akun belum diperiksa lebih dari 12 bulan (terakhir 2025-11-21); periksa lalu perbarui tanggalnya",
        "data/agencies/a.yml:12:12: error: accounts[1].since: tanggal 2027-01-01 ada di masa depan",
        "data/agencies/a.yml:13:15: error: accounts[1].reviewed: tanggal 2026-12-01 ada di masa depan",
        "data/agencies/b.yml:8:15: error: accounts[0].reviewed: tanggal tidak valid: '31-12-2025'; tulis sebagai TTTT-BB-HH, misalnya 2026-01-31",
    ]
    assert directory is None


def test_warning_only_passes_unless_strict(tmp_path, monkeypatch):
    text = (
        DINKES
        + "accounts:\n"
        + account(platform="facebook", handle="dinkes.uji", status="active", reviewed="2024-01-01")
    )
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text})
    assert [line.split(": ", 2)[1] for line in lines] == ["warning"]
    assert directory is not None
    problems = Problems()
    load_directory(Path("data"), TODAY, problems)
    assert not problems.failed() and problems.failed(strict=True)


def test_every_problem_reported_at_once(tmp_path, monkeypatch):
    files = {
        "a.yml": CHANNELS,
        "b.yml": "id: b\nname: B\nkind: nope\n",
        "c.yml": "id: c\n  name: x\n",
    }
    lines, _ = run(tmp_path, monkeypatch, files)
    assert len(lines) == 7
    assert {line.split(":")[0] for line in lines} == {
        "data/agencies/a.yml",
        "data/agencies/b.yml",
        "data/agencies/c.yml",
    }


def test_structural_error_does_not_hide_field_checks(tmp_path, monkeypatch):
    """A wrong kind and a malformed second account still let the first account and the
    channels be checked, each at its own line and original index."""
    text = "id: a\nname: A\nkind: dinass\naccounts:\n"
    text += account(platform="instagram", handle='"@a b"', status="active", reviewed="2026-10-01")
    text += account(platform="x", handle="ok", status="aktif", reviewed="2026-10-01")
    text += account(
        platform="x", handle="nama_terlalu_panjang_sekali", status="active", reviewed="2026-10-01"
    )
    text += 'channels:\n  - type: whatsapp\n    value: "0271-712345"\n'
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text})
    assert directory is None
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "kind",
        "accounts[0].handle",
        "accounts[1].status",
        "accounts[2].handle",
        "channels[0].value",
    ]
    assert lines[1].startswith(
        "data/agencies/a.yml:6:13: error: accounts[0].handle: handle Instagram"
    )
    assert lines[3].startswith("data/agencies/a.yml:14:13: error: accounts[2].handle:")
    assert lines[4].startswith(
        "data/agencies/a.yml:19:12: error: channels[0].value: nomor WhatsApp '0271-712345' bukan nomor seluler"
    )
