"""Each validation rule, asserting the exact line a Kominfo editor would read."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
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
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    region: str = REGION,
    completeness: bool = False,
) -> tuple[list[str], object]:
    """Problems as printed; completeness warnings (Kota Surakarta's official units not in these
    small registries) are left out unless asked for, so each test shows its own rule."""
    monkeypatch.chdir(tmp_path)
    data = Path("data")
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(region, encoding="utf-8")
    for name, text in files.items():
        (data / "agencies" / name).parent.mkdir(parents=True, exist_ok=True)
        (data / "agencies" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    lines = [str(p) for p in problems.sorted()]
    if not completeness:
        lines = [line for line in lines if "belum terdaftar" not in line]
    return lines, directory


def test_valid_minimal(tmp_path, monkeypatch):
    lines, directory = run(tmp_path, monkeypatch, {"dinkes.yml": DINKES})
    assert lines == []
    assert list(directory.agencies) == ["dinkes"]


def test_yaml_syntax_error_has_line(tmp_path, monkeypatch):
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname: [Dinas\nkind: dinas\n"})
    assert directory is None
    assert lines == [
        "data/agencies/a.yml:2:7: error: tanda kurung [ dibuka di sini tetapi tidak ditutup dengan ]; bila bukan daftar, apit seluruh nilainya dengan tanda kutip"
    ]


def test_unknown_field_suggests_the_right_one(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES + "nmae: x\n"})
    assert lines == [
        "data/agencies/a.yml:4:7: error: nmae: kolom 'nmae' tidak dikenal; maksud Anda 'name'?"
    ]


def test_missing_and_empty_and_wrong_type(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname:\nservices: imunisasi\n"})
    assert lines == [
        "data/agencies/a.yml:1:1: error: kind: wajib diisi; pilih salah satu: 'pemda', "
        "'sekretariat', 'inspektorat', 'dinas', 'badan', 'satuan', 'kantor', 'rsud', 'puskesmas', "
        "'bumd', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa' atau 'lainnya'",
        "data/agencies/a.yml:2:6: error: name: tidak boleh kosong",
        "data/agencies/a.yml:3:11: error: services: harus berupa daftar (setiap butir diawali '- ')",
    ]


def test_missing_status_and_date_say_what_to_write(tmp_path, monkeypatch):
    """A clerk's first account has no status nor review date: say the values, not just "wajib"."""
    text = DINKES + "accounts:\n  - platform: instagram\n    url: https://instagram.com/dinkes\n"
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": text})
    assert lines == [
        "data/agencies/a.yml:5:5: error: akun ke-1 (accounts).reviewed: wajib diisi; tulis "
        "tanggal sebagai TTTT-BB-HH, misalnya 2026-01-31",
        "data/agencies/a.yml:5:5: error: akun ke-1 (accounts).status: wajib diisi; pilih salah "
        "satu: 'active', 'inactive' atau 'archived'",
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


def test_an_id_that_is_a_folder_page_is_refused(tmp_path, monkeypatch):
    """instansi/index.md is the agency list: an agency with id 'index' would overwrite it."""
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES.replace("id: dinkes", "id: index")})
    assert lines == [
        "data/agencies/a.yml:1:5: error: id: id 'index' dipakai untuk halaman daftar (instansi/index/); pilih id lain, misalnya 'index-dinas'"
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
        "data/agencies/k.yml:6:9: warning: name: nama 'Kelurahan Pajang' tidak cocok dengan nama resmi kode 33.72.02.1001: Kelurahan Joyotakan",
        "data/agencies/k.yml:9:16: error: region_code: kode 33.72.02.1001 adalah Kelurahan Joyotakan di Kecamatan Serengan, bukan di bawah 'laweyan' (33.71.01)",
    ]


def test_village_needs_code_depth_and_parent(tmp_path, monkeypatch):
    files = {"v.yml": 'id: v\nname: Desa V\nkind: desa\nregion_code: "33.72.01"\n'}
    lines, _ = run(tmp_path, monkeypatch, files)
    assert lines == [
        "data/agencies/v.yml:1:1: error: parent: desa harus punya parent: id kecamatannya",
        "data/agencies/v.yml:4:14: error: region_code: kode desa harus terdiri dari 4 bagian, bukan 3: '33.72.01'",
    ]


def test_region_file_code_and_timezone(tmp_path, monkeypatch):
    region = REGION.replace('"33.72"', '"33.99"').replace("Asia/Jakarta", "Jawa")
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert lines == [
        "data/region.yml:2:7: error: code: kode '33.99' tidak ada dalam daftar Kepmendagri 2025",
        "data/region.yml:3:11: error: timezone: zona waktu 'Jawa' tidak dikenal; pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura",
    ]


def test_publisher_needs_a_channel(tmp_path, monkeypatch):
    """Every "report a fake account" path ends at the publisher: a name alone reaches no one."""
    region = REGION.replace("  email: diskominfo@kotauji.go.id\n", "")
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": DINKES}, region=region)
    assert [line for line in lines if "publisher" in line] == [
        "data/region.yml:5:3: warning: publisher: belum ada kontak pengelola; isi setidaknya satu "
        "dari url, email atau phone agar warga bisa melaporkan akun palsu "
        "(kanal check --strict menolaknya)",
    ]
    assert directory is not None  # a fresh `kanal init` repository still builds


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
    value: "98765"
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
        "data/agencies/a.yml:6:12: error: kanal ke-1 (channels).value: nomor WhatsApp '0271-712345' bukan nomor seluler (08...); nomor telepon kantor "
        "ditulis sebagai telepon (type: phone, atau kolom Telepon di lembar kerja)",
        "data/agencies/a.yml:8:12: error: kanal ke-2 (channels).value: nomor '98765' tidak valid: periksa kode area dan jumlah digitnya",
        "data/agencies/a.yml:10:12: error: kanal ke-3 (channels).value: alamat surel tidak valid: 'dinkes@' (contoh: dinkes@contoh.go.id)",
        "data/agencies/a.yml:12:12: error: kanal ke-4 (channels).value: URL harus diawali https:// atau http://: 'javascript:alert(1)'",
        "data/agencies/a.yml:14:12: error: kanal ke-5 (channels).value: URL harus diawali https:// atau http://: 'ftp://lapor.go.id'",
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
        "data/agencies/a.yml:7:10: error: akun ke-1 (accounts).url: URL menunjuk ke akun '@dinkes_uji', tidak cocok dengan handle '@dinkes.uji'"
    ]


def test_same_account_claimed_twice(tmp_path, monkeypatch):
    acc = "accounts:\n" + account(
        platform="x", url="https://twitter.com/DinkesUji", status="active", reviewed="2026-10-01"
    )
    other = "id: rsud\nname: RSUD\nkind: rsud\naccounts:\n" + account(
        platform="x", handle='"@dinkesuji"', status="archived", reviewed="2026-10-01"
    )
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": DINKES + acc, "b.yml": other})
    # Both places, in file order; outside a git repository no claim on which one is wrong.
    assert lines == [
        "data/agencies/a.yml:5:5: error: akun ke-1 (accounts): akun https://x.com/dinkesuji juga dicantumkan oleh 'rsud' (data/agencies/b.yml:5:5); satu akun hanya milik satu instansi",
        "data/agencies/b.yml:5:5: error: akun ke-1 (accounts): akun https://x.com/dinkesuji juga dicantumkan oleh 'dinkes' (data/agencies/a.yml:5:5); satu akun hanya milik satu instansi",
    ]


def _git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Uji",
        "GIT_AUTHOR_EMAIL": "uji@example.invalid",
        "GIT_COMMITTER_NAME": "Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("commit_village", [False, True])
def test_duplicate_account_names_the_newer_file_from_git(tmp_path, monkeypatch, commit_village):
    """Issue 17.5: @dinkespacitan pasted into a village (kecamatan/ sorts before opd/) is told
    at both places, and git history says the village file is the newer one."""
    acc = "accounts:\n" + account(
        platform="instagram", handle='"@dinkespacitan"', status="active", reviewed="2026-10-01"
    )
    dinkes = "id: dinkes\nname: Dinas Kesehatan\nkind: dinas\n" + acc
    village = "id: desa-a\nname: Desa A\nkind: lainnya\n"
    lines, _ = run(tmp_path, monkeypatch, {"opd/dinkes.yml": dinkes, "kecamatan/a.yml": village})
    assert lines == []
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "awal", when="2026-01-01T00:00:00+07:00")
    (tmp_path / "data/agencies/kecamatan/a.yml").write_text(village + acc, encoding="utf-8")
    if commit_village:
        _git(tmp_path, "commit", "-q", "-am", "salah tempel", when="2026-02-01T00:00:00+07:00")
    problems = Problems()
    assert load_directory(Path("data"), TODAY, problems) is None
    assert [str(p) for p in problems.sorted()] == [
        "data/agencies/kecamatan/a.yml:5:5: error: akun ke-1 (accounts): akun https://www.instagram.com/dinkespacitan/ juga dicantumkan oleh 'dinkes' (data/agencies/opd/dinkes.yml:5:5); menurut git, tempat ini yang lebih baru diubah: mungkin salah tempel di sini; satu akun hanya milik satu instansi",
        "data/agencies/opd/dinkes.yml:5:5: error: akun ke-1 (accounts): akun https://www.instagram.com/dinkespacitan/ juga dicantumkan oleh 'desa-a' (data/agencies/kecamatan/a.yml:5:5); menurut git, data/agencies/kecamatan/a.yml yang lebih baru diubah; satu akun hanya milik satu instansi",
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
        "data/agencies/a.yml:8:15: warning: akun ke-1 (accounts).reviewed: akun belum diperiksa lebih dari 12 bulan (terakhir 2025-11-21); periksa lalu perbarui tanggalnya",
        "data/agencies/a.yml:12:12: error: akun ke-2 (accounts).since: tanggal 2027-01-01 ada di masa depan",
        "data/agencies/a.yml:13:15: error: akun ke-2 (accounts).reviewed: tanggal 2026-12-01 ada di masa depan",
        "data/agencies/b.yml:8:15: error: akun ke-1 (accounts).reviewed: tanggal tidak valid: '31-12-2025'; tulis sebagai TTTT-BB-HH, misalnya 2026-01-31",
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
    text += account(platform="x", handle="ok", status="aktip", reviewed="2026-10-01")
    text += account(
        platform="x", handle="nama_terlalu_panjang_sekali", status="active", reviewed="2026-10-01"
    )
    text += 'channels:\n  - type: whatsapp\n    value: "0271-712345"\n'
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text})
    assert directory is None
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "kind",
        "akun ke-1 (accounts).handle",
        "akun ke-2 (accounts).status",
        "akun ke-3 (accounts).handle",
        "kanal ke-1 (channels).value",
    ]
    assert lines[1].startswith(
        "data/agencies/a.yml:6:13: error: akun ke-1 (accounts).handle: handle Instagram"
    )
    assert lines[3].startswith("data/agencies/a.yml:14:13: error: akun ke-3 (accounts).handle:")
    assert lines[4].startswith(
        "data/agencies/a.yml:19:12: error: kanal ke-1 (channels).value: nomor WhatsApp '0271-712345' bukan nomor seluler"
    )


BLORA = """\
name: Kabupaten Blora
code: "{code}"
timezone: Asia/Jakarta
publisher:
  name: Dinas Kominfo Kabupaten Blora
  email: diskominfo@blorakab.go.id
"""

CEPU = """\
- id: kecamatan-cepu
  name: {kec}
  kind: kecamatan
  region_code: "33.16.05"
- id: balun
  name: {village}
  kind: kelurahan
  parent: kecamatan-cepu
  region_code: "{code}"
"""


def test_completeness_one_line_per_kecamatan(tmp_path, monkeypatch):
    """Blora (33.16) has 16 kecamatan and 295 desa/kelurahan; one is registered with one
    kelurahan: one line for the 15 missing kecamatan, one for Cepu's 16 missing villages."""
    files = {
        "cepu.yml": CEPU.format(kec="Kecamatan Cepu", village="Kel. Balun", code="33.16.05.1013")
    }
    lines, directory = run(
        tmp_path, monkeypatch, files, region=BLORA.format(code="33.16"), completeness=True
    )
    assert lines == [
        "data/agencies/cepu.yml:4:16: warning: region_code: 16 dari 17 desa/kelurahan di Kecamatan Cepu belum terdaftar: "
        "Tambakromo (33.16.05.1011), Cepu (33.16.05.1014), Ngelo (33.16.05.1015), Karangboyo (33.16.05.1016), "
        "Ngroto (33.16.05.1017), Gadon (33.16.05.2001), Ngloram (33.16.05.2002), Cabean (33.16.05.2003), "
        "Kapuan (33.16.05.2004), Jipang (33.16.05.2005), Getas (33.16.05.2006), Sumberpitu (33.16.05.2007), "
        "Kentong (33.16.05.2008), Mernung (33.16.05.2009), Mulyorejo (33.16.05.2010), Nglanjuk (33.16.05.2012)",
        "data/region.yml:2:7: warning: code: 15 dari 16 kecamatan belum terdaftar (beserta 278 desa/kelurahan di dalamnya): "
        "Jati (33.16.01), Randublatung (33.16.02), Kradenan (33.16.03), Kedungtuban (33.16.04), Sambong (33.16.06), "
        "Jiken (33.16.07), Jepon (33.16.08), Blora (33.16.09), Tunjungan (33.16.10), Banjarejo (33.16.11), "
        "Ngawen (33.16.12), Kunduran (33.16.13), Todanan (33.16.14), Bogorejo (33.16.15), Japah (33.16.16)",
    ]
    assert directory is not None
    problems = Problems()
    load_directory(Path("data"), TODAY, problems)
    assert not problems.failed() and problems.failed(strict=True)


@pytest.mark.parametrize(
    ("kec", "village"),
    [
        ("Kecamatan Cepu", "Kelurahan Balun"),
        ("KEC. CEPU", "Kel. Balun"),
        ("Tjepoe", "Ds.  Ballun"),
        ("Kecamatan  Cepu.", "balun"),
    ],
)
def test_names_tolerate_case_prefixes_and_old_spelling(tmp_path, monkeypatch, kec, village):
    files = {"cepu.yml": CEPU.format(kec=kec, village=village, code="33.16.05.1013")}
    lines, _ = run(tmp_path, monkeypatch, files, region=BLORA.format(code="33.16"))
    assert lines == []


def test_name_that_is_not_the_official_name_of_its_code(tmp_path, monkeypatch):
    # 33.16.05 is Cepu; Jepon is 33.16.08. 33.16.05.1014 is Kelurahan Cepu, not Balun.
    files = {
        "cepu.yml": CEPU.format(
            kec="Kecamatan Jepon", village="Kelurahan Balun", code="33.16.05.1014"
        )
    }
    lines, _ = run(tmp_path, monkeypatch, files, region=BLORA.format(code="33.16"))
    assert lines == [
        "data/agencies/cepu.yml:2:9: warning: name: nama 'Kecamatan Jepon' tidak cocok dengan nama resmi kode 33.16.05: Kecamatan Cepu; kode Kecamatan Jepon adalah 33.16.08",
        "data/agencies/cepu.yml:6:9: warning: name: nama 'Kelurahan Balun' tidak cocok dengan nama resmi kode 33.16.05.1014: Kelurahan Cepu; kode Kelurahan Balun adalah 33.16.05.1013",
    ]


def test_village_code_under_another_kecamatan_names_its_real_place(tmp_path, monkeypatch):
    # 33.16.03.2001 is a desa of Kradenan, not of Cepu.
    files = {
        "cepu.yml": CEPU.format(kec="Kecamatan Cepu", village="Desa Megeri", code="33.16.03.2001")
    }
    lines, _ = run(tmp_path, monkeypatch, files, region=BLORA.format(code="33.16"))
    assert lines == [
        "data/agencies/cepu.yml:9:16: warning: kind: kode '33.16.03.2001' adalah desa menurut Kepmendagri, bukan kelurahan",
        "data/agencies/cepu.yml:9:16: error: region_code: kode 33.16.03.2001 adalah Desa Megeri di Kecamatan Kradenan, bukan di bawah 'kecamatan-cepu' (33.16.05)",
    ]


def test_region_code_in_bps_form_is_the_root_cause(tmp_path, monkeypatch):
    """'3316' is reported first, with the dotted form, and the units it leaves unchecked in one
    line, not one error per kecamatan or desa."""
    files = {
        "a.yml": "id: a\nname: A\nkind: dinass\n",
        "cepu.yml": CEPU.format(
            kec="Kecamatan Cepu", village="Kelurahan Balun", code="33.16.05.1013"
        ),
    }
    lines, directory = run(tmp_path, monkeypatch, files, region=BLORA.format(code="3316"))
    assert directory is None
    assert lines[:2] == [
        "data/region.yml:2:7: error: code: kode daerah '3316' harus berbentuk 'PP' (provinsi) atau 'PP.KK' (kabupaten/kota); maksud Anda '33.16' (Kabupaten Blora)?",
        "data/region.yml:2:7: warning: code: kode wilayah 2 kecamatan/desa/kelurahan belum dicocokkan dengan daerah ini; perbaiki kode daerah di atas lalu jalankan kanal check lagi",
    ]
    assert len(lines) == 3 and lines[2].startswith("data/agencies/a.yml:3:7: error: kind:")


def test_misspelled_field_gives_only_the_did_you_mean_line(tmp_path, monkeypatch):
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": "id: a\nnmae: Dinas A\nkind: dinas\n"})
    assert lines == [
        "data/agencies/a.yml:2:7: error: nmae: kolom 'nmae' tidak dikenal; maksud Anda 'name'?"
    ]


def test_list_positions_counted_as_people_count(tmp_path, monkeypatch):
    text = (
        DINKES
        + "accounts:\n"
        + account(platform="x", handle="ok", status="active", reviewed="2026-10-01")
    )
    text += account(platform="x", handle="dua", status="aktip", reviewed="2026-10-01")
    text += "channels:\n  - type: phone\n    value: halo\n"
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": text})
    assert [line.split(": ", 3)[2] for line in lines] == [
        "akun ke-2 (accounts).status",
        "kanal ke-1 (channels).value",
    ]


def test_province_reports_its_missing_regencies_and_cities_in_one_line(tmp_path, monkeypatch):
    region = BLORA.replace("Kabupaten Blora", "Provinsi Jawa Tengah").format(code="33")
    files = {
        "blora.yml": 'id: pemkab-blora\nname: Pemerintah Kabupaten Blora\nkind: kabupaten\nregion_code: "33.16"\n'
    }
    lines, directory = run(tmp_path, monkeypatch, files, region=region, completeness=True)
    assert len(lines) == 1
    assert lines[0].startswith(
        "data/region.yml:2:7: warning: code: 34 dari 35 kabupaten/kota belum terdaftar: "
        "Kabupaten Cilacap (33.01), Kabupaten Banyumas (33.02), "
    )
    assert lines[0].endswith("Kota Semarang (33.74), Kota Pekalongan (33.75), Kota Tegal (33.76)")
    assert "33.16" not in lines[0]
    assert directory is not None and len(directory.official) == 35


def test_short_service_numbers_pass_kanal_check(tmp_path, monkeypatch):
    text = DINKES + (
        "channels:\n"
        "  - type: phone\n    value: '112'\n"
        "  - type: sms\n    value: '1708'\n    label: SP4N-LAPOR!\n"
        "  - type: phone\n    value: 1500 123\n"
        "  - type: whatsapp\n    value: '1708'\n"
    )
    region = REGION + '  phone: "14045"\n'
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": text}, region=region)
    assert lines == [
        "data/agencies/a.yml:13:12: error: kanal ke-4 (channels).value: '1708' nomor layanan singkat; WhatsApp butuh nomor seluler (08...)"
    ]


def test_unit_code_in_bps_form_gets_the_dotted_form(tmp_path, monkeypatch):
    files = {"cepu.yml": CEPU.format(kec="Kecamatan Cepu", village="Balun", code="3316051013")}
    lines, _ = run(tmp_path, monkeypatch, files, region=BLORA.format(code="33.16"))
    assert lines == [
        "data/agencies/cepu.yml:9:16: error: region_code: kode '3316051013' tidak berbentuk kode Kepmendagri (misalnya 33.72.01 atau 33.72.01.2001); maksud Anda '33.16.05.1013' (Balun)?"
    ]


def test_unclosed_bracket_in_a_url_is_a_located_error(tmp_path, monkeypatch):
    """urlsplit raises ValueError on "https://[x" (an IPv6 host never closed): it was a traceback."""
    text = (
        DINKES
        + "channels:\n  - type: website\n    value: https://[dinkes.kotauji.go.id\n"
        + "accounts:\n"
        + account(
            platform="instagram",
            url="https://www.instagram.com/dinkes.uji/",
            feed="https://[rss.kotauji.go.id/dinkes.xml",
            status="active",
            reviewed="2026-10-01",
        )
    )
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text})
    assert directory is None
    assert lines == [
        "data/agencies/a.yml:6:12: error: kanal ke-1 (channels).value: URL tidak valid: 'https://[dinkes.kotauji.go.id'",
        "data/agencies/a.yml:10:11: error: akun ke-1 (accounts).feed: URL tidak valid: 'https://[rss.kotauji.go.id/dinkes.xml'",
    ]


def test_urls_that_would_break_out_of_their_line_are_located_errors(tmp_path, monkeypatch):
    """security.txt, attributes and JSON-LD all carry these URLs; refused where they are written."""
    hostile = 'https://kotauji.go.id/\\"><svg/onload=alert(1)>'
    region = REGION + f'  url: "{hostile}"\n'
    text = (
        DINKES
        + f'channels:\n  - type: complaint_portal\n    value: "{hostile}"\n'
        + "accounts:\n"
        + account(platform="website", url=f'"{hostile}"', status="active", reviewed="2026-10-01")
    )
    lines, directory = run(tmp_path, monkeypatch, {"a.yml": text}, region=region)
    assert directory is None
    why = (
        "URL memuat karakter '\"' '<' '>' yang tidak boleh ada di alamat web; hapus, atau tulis "
        'sebagai kode persen (misalnya %22 untuk ", %20 untuk spasi): '
        "'https://kotauji.go.id/\"><svg/onload=alert(1)>'"
    )
    assert lines == [
        f"data/agencies/a.yml:6:12: error: kanal ke-1 (channels).value: {why}",
        f"data/agencies/a.yml:9:10: error: akun ke-1 (accounts).url: {why}",
        f"data/region.yml:7:8: error: publisher.url: {why}",
    ]
