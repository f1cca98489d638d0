"""Official channels beyond accounts, "Kami tidak pernah" statements and known impostors:
each rule with the exact located line an editor reads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.registry.official import NEVER_TEXTS, Never, OfficialKind
from generator.registry.officialcheck import host_matches, normalize_domain, registrable
from tests.test_validate import REGION, run

STATED = "STATED"  # a line that becomes "status: active" and "reviewed: 2026-10-01"


def agency(official: str, extra: str = "") -> str:
    lines = []
    for line in textwrap.dedent(official).splitlines():
        if line.strip() == STATED:
            pad = line[: len(line) - len(line.lstrip())]
            lines += [pad + "status: active", pad + "reviewed: 2026-10-01"]
        else:
            lines.append(line)
    return (
        "id: bapenda\nname: Badan Pendapatan Daerah\nkind: badan\nofficial:\n"
        + textwrap.indent("\n".join(lines) + "\n", "  ")
        + extra
    )


def fresh(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def test_every_kind_is_read_into_its_canonical_key(tmp_path, monkeypatch):
    text = agency(f"""\
        web_domains:
          - domain: Bapenda.KotaUji.go.id
            subdomains: true
            {STATED}
        email_domains:
          - domain: kotauji.go.id
            {STATED}
        sms_senders:
          - sender: pajak uji
            {STATED}
          - sender: "1708"
            {STATED}
        apps:
          - name: Pajak Uji
            developer: Pemerintah Kota Uji
            google_play: https://play.google.com/store/apps/details?id=id.go.kotauji.pajak&hl=id
            app_store: https://apps.apple.com/id/app/pajak-uji/id1234567890
            {STATED}
        bank_accounts:
          - bank: bank jateng
            number: "1-234-56789-0"
            holder: RKUD Kota Uji
            {STATED}
        virtual_accounts:
          - bank: BRI
            prefix: "88810"
            {STATED}
        qris:
          - merchant: "Bapenda  Kota Uji"
            nmid: id1026001234567
            {STATED}
        hotlines:
          - number: "(024) 3560000"
            {STATED}
        """)
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": text})
    assert lines == []
    keys = {(i.kind.value, i.keys) for i in directory.agencies["bapenda"].official}
    assert keys == {
        ("web_domain", ("bapenda.kotauji.go.id",)),
        ("email_domain", ("kotauji.go.id",)),
        ("sms_sender", ("PAJAK UJI",)),
        ("sms_sender", ("1708",)),
        ("app", ("play:id.go.kotauji.pajak", "appstore:1234567890")),
        ("bank_account", ("jateng:1234567890",)),
        ("virtual_account", ("bri:88810",)),
        ("qris", ("BAPENDA KOTA UJI", "nmid:ID1026001234567")),
        ("hotline", ("+62243560000",)),
    }


def test_bad_values_are_located_in_indonesian(tmp_path, monkeypatch):
    text = agency(f"""\
        web_domains:
          - domain: https://bapenda.kotauji.go.id/layanan
            {STATED}
          - domain: go.id
            {STATED}
          - domain: "*.kotauji.go.id"
            {STATED}
        email_domains:
          - domain: gmail.com
            {STATED}
        sms_senders:
          - sender: "0812-3456-7890"
            {STATED}
        apps:
          - name: Pajak
            developer: Pemkot Uji
            {STATED}
        bank_accounts:
          - bank: Bank Mandri
            number: "1370014567890"
            holder: Sri Mulyani
            {STATED}
          - bank: BRI
            number: "12-34"
            holder: Kas Daerah Kota Uji
            {STATED}
        """)
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": text})
    assert directory is None
    assert lines == [
        "data/agencies/b.yml:6:15: error: official.domain ke-1 (web_domains).domain: tulis nama "
        "domainnya saja, tanpa https:// atau /: 'https://bapenda.kotauji.go.id/layanan'; maksud "
        "Anda 'bapenda.kotauji.go.id'?",
        "data/agencies/b.yml:9:15: error: official.domain ke-2 (web_domains).domain: 'go.id' "
        "adalah akhiran publik yang dipakai banyak pihak, bukan domain milik satu instansi",
        "data/agencies/b.yml:12:15: error: official.domain ke-3 (web_domains).domain: tulis "
        "'kotauji.go.id' lalu subdomains: true untuk menyertakan semua subdomainnya",
        "data/agencies/b.yml:16:15: error: official.domain surel ke-1 (email_domains).domain: "
        "'gmail.com' layanan surel gratis yang dipakai siapa saja; tulis alamat surel instansi "
        "di channels (type: email), bukan domainnya",
        "data/agencies/b.yml:20:15: error: official.pengirim SMS ke-1 (sms_senders).sender: "
        "'0812-3456-7890' bukan kode singkat SMS (3–6 angka); nomor seluler ditulis di channels "
        "dengan type: sms",
        "data/agencies/b.yml:24:7: error: official.aplikasi ke-1 (apps).google_play: isi "
        "google_play (ID paket) atau app_store (ID App Store), atau keduanya",
        "data/agencies/b.yml:31:15: error: official.rekening ke-1 (bank_accounts).holder: pemilik "
        "rekening 'Sri Mulyani' harus nama lembaga (misalnya 'RKUD Kabupaten Contoh' atau "
        "'Bendahara Penerimaan Bapenda Kabupaten Contoh'), bukan nama orang: rekening pribadi "
        "tidak pernah resmi",
        "data/agencies/b.yml:35:15: error: official.rekening ke-2 (bank_accounts).number: nomor "
        "rekening '12-34' harus 6–20 angka (spasi, titik, tanda hubung boleh)",
    ]


def test_misspelt_bank_and_old_review_are_warnings(tmp_path, monkeypatch):
    text = agency("""\
        bank_accounts:
          - bank: Bank Mandri
            number: "1370014567890"
            holder: Bendahara Penerimaan Bapenda Kota Uji
            status: active
            reviewed: 2025-01-01
        """)
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": text})
    assert directory is not None
    assert lines == [
        "data/agencies/b.yml:6:13: warning: official.rekening ke-1 (bank_accounts).bank: bank "
        "'Bank Mandri' tidak dikenal; maksud Anda 'Bank Mandiri'?",
        "data/agencies/b.yml:10:17: warning: official.rekening ke-1 (bank_accounts).reviewed: "
        "belum diperiksa lebih dari 12 bulan (terakhir 2025-01-01); periksa lalu perbarui "
        "tanggalnya",
    ]


def test_a_person_as_holder_is_refused_even_beside_an_institution_word(tmp_path, monkeypatch):
    text = agency("""\
        bank_accounts:
          - bank: BRI
            number: "002101034567508"
            holder: Bapenda Kota Uji (Sri Mulyani)
            status: active
            reviewed: 2026-10-01
          - bank: BCA
            number: "8410234567"
            holder: Drs. Dwi Hartono, Bendahara
            status: active
            reviewed: 2026-10-01
        """)
    lines, _ = run(tmp_path, monkeypatch, {"b.yml": text})
    assert [line.split(": ")[2].split(".")[1] for line in lines] == [
        "rekening ke-1 (bank_accounts)",
        "rekening ke-2 (bank_accounts)",
    ]


def test_unknown_field_in_official_suggests_the_right_one(tmp_path, monkeypatch):
    text = agency("""\
        apps:
          - name: Pajak
            developer: Pemkot Uji
            googleplay: id.go.kotauji.pajak
            status: active
            reviewed: 2026-10-01
        """)
    lines, _ = run(tmp_path, monkeypatch, {"b.yml": text})
    assert lines == [
        "data/agencies/b.yml:8:19: error: official.aplikasi ke-1 (apps).googleplay: kolom "
        "'googleplay' tidak dikenal; maksud Anda 'google_play'?"
    ]


def test_the_same_channel_claimed_twice_is_an_error(tmp_path, monkeypatch):
    item = """\
        sms_senders:
          - sender: PAJAKUJI
            status: active
            reviewed: 2026-10-01
        """
    other = (
        agency(item)
        .replace("id: bapenda", "id: bpkad")
        .replace("Badan Pendapatan Daerah", "Badan Pengelolaan Keuangan Daerah")
    )
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": agency(item), "b.yml": other})
    assert lines == [
        "data/agencies/b.yml:6:7: error: official.pengirim SMS ke-1 (sms_senders): PAJAKUJI "
        "sudah dicantumkan oleh 'bapenda' (data/agencies/a.yml:6:7); satu kanal resmi hanya "
        "milik satu pemilik"
    ]


def test_statements_keys_and_free_text(tmp_path, monkeypatch):
    text = (
        "id: bapenda\nname: Badan Pendapatan Daerah\nkind: badan\n"
        "never: [otp, apk, otp, sms_otp]\n"
        "never_text:\n  - Kami tidak pernah meminta pulsa.\n  - " + "x" * 201 + "\n"
    )
    lines, _ = run(tmp_path, monkeypatch, {"b.yml": text})
    assert lines[0].startswith(
        "data/agencies/b.yml:4:24: error: pernyataan ke-4 (never): nilai 'sms_otp' tidak "
        "dikenal; pilih salah satu: 'otp', 'personal_account', 'apk', 'free_service_fee', "
        "'donation' atau 'job_fee'"
    )
    text = text.replace(", sms_otp", "")
    lines, directory = run(fresh(tmp_path, "2"), monkeypatch, {"b.yml": text})
    assert lines == [
        "data/agencies/b.yml:4:19: warning: pernyataan ke-3 (never): pernyataan 'otp' ditulis dua kali",
        "data/agencies/b.yml:7:5: error: pernyataan ke-2 (never_text): terlalu panjang (201 "
        "karakter, maks. 200): pernyataan harus singkat agar muat di poster",
    ]
    text = text.replace("x" * 201, "meminta data KTP lewat pesan pribadi.")
    lines, directory = run(fresh(tmp_path, "3"), monkeypatch, {"b.yml": text})
    assert lines == [lines[0]]  # only the duplicate's warning
    never = directory.agencies["bapenda"].never
    assert never.keys == (Never.OTP, Never.APK)
    assert never.lines() == [
        NEVER_TEXTS[Never.OTP],
        NEVER_TEXTS[Never.APK],
        "meminta pulsa.",
        "meminta data KTP lewat pesan pribadi.",
    ]


def test_invisible_characters_in_a_statement_are_refused(tmp_path, monkeypatch):
    text = (
        "id: bapenda\nname: Badan Pendapatan Daerah\nkind: badan\n"
        "never_text:\n  - meminta\u202epulsa\n"
    )
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": text})
    assert directory is None
    assert "U+202E" in lines[0] and lines[0].startswith("data/agencies/b.yml:5:")


def test_region_level_channels_and_statements(tmp_path, monkeypatch):
    region = REGION + textwrap.dedent("""\
        official:
          web_domains:
            - domain: kotauji.go.id
              subdomains: true
              status: active
              reviewed: 2026-10-01
          hotlines:
            - number: "112"
              status: active
              reviewed: 2027-01-01
        never: [personal_account]
        """)
    lines, _ = run(tmp_path, monkeypatch, {"a.yml": "id: a\nname: A\nkind: dinas\n"}, region)
    assert lines == [
        "data/region.yml:16:17: error: official.hotline ke-1 (hotlines).reviewed: tanggal "
        "2027-01-01 ada di masa depan"
    ]
    region = region.replace("2027-01-01", "2026-01-01")
    lines, directory = run(
        fresh(tmp_path, "2"), monkeypatch, {"a.yml": "id: a\nname: A\nkind: dinas\n"}, region
    )
    assert lines == []
    assert [i.kind for i in directory.region.official] == [
        OfficialKind.WEB_DOMAIN,
        OfficialKind.HOTLINE,
    ]
    assert directory.region.never.keys == (Never.PERSONAL_ACCOUNT,)


IMPOSTORS = """\
impostors:
  - kind: whatsapp
    value: "0813-9012-4471"
    imitates: bapenda
    reported: 2026-10-12
    notice: https://kotauji.go.id/berita/waspada
  - kind: account
    value: https://www.instagram.com/bapenda.kotauji.resmi/
    reported: 2026-10-12
    notice: https://kotauji.go.id/berita/waspada
  - kind: bank_account
    bank: BRI
    value: "0021-01-034567-50-8"
    reported: 2026-10-12
    notice: https://kotauji.go.id/berita/waspada
  - kind: domain
    value: https://kotauji.go.id.login-verify.com/bayar
    reported: 2026-10-12
    notice: https://kotauji.go.id/berita/waspada
"""


def write_impostors(tmp_path: Path, text: str) -> None:
    (tmp_path / "data").mkdir(parents=True, exist_ok=True)
    (tmp_path / "data" / "impostors.yml").write_text(text, encoding="utf-8")


def test_impostors_are_read_with_their_keys(tmp_path, monkeypatch):
    write_impostors(tmp_path, IMPOSTORS)
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": agency("{}\n")})
    assert lines == []
    assert [(i.kind.value, i.key, i.imitates) for i in directory.impostors] == [
        ("whatsapp", "+6281390124471", "bapenda"),
        ("account", "instagram:bapenda.kotauji.resmi", None),
        ("bank_account", "bri:002101034567508", None),
        ("domain", "kotauji.go.id.login-verify.com", None),
    ]


def test_bad_impostors_are_located(tmp_path, monkeypatch):
    bad = (
        IMPOSTORS.replace("imitates: bapenda", "imitates: bapend")
        .replace("https://www.instagram.com/bapenda.kotauji.resmi/", "bapenda.kotauji.resmi")
        .replace("    bank: BRI\n", "")
        .replace(
            "reported: 2026-10-12\n    notice: https://kotauji.go.id/berita/waspada\n  - kind: domain",
            "reported: 2026-12-01\n    notice: ftp://x\n  - kind: domain",
        )
    )
    write_impostors(tmp_path, bad)
    lines, directory = run(tmp_path, monkeypatch, {"b.yml": agency("{}\n")})
    assert directory is None
    assert lines == [
        "data/impostors.yml:4:15: error: peniru ke-1 (impostors).imitates: instansi 'bapend' tidak ditemukan",
        "data/impostors.yml:7:5: error: peniru ke-2 (impostors).platform: isi platform (instagram, x, ...) atau tulis tautan profilnya",
        "data/impostors.yml:11:5: error: peniru ke-3 (impostors).bank: isi nama bank rekening ini",
    ]


def test_an_impostor_equal_to_an_official_channel_is_an_error(tmp_path, monkeypatch):
    write_impostors(
        tmp_path,
        "impostors:\n  - kind: sms_sender\n    value: pajakuji\n    reported: 2026-10-12\n"
        "    notice: https://kotauji.go.id/berita/waspada\n",
    )
    text = agency(
        "sms_senders:\n  - sender: PAJAKUJI\n    status: active\n    reviewed: 2026-10-01\n"
    )
    lines, _ = run(tmp_path, monkeypatch, {"b.yml": text})
    assert lines == [
        "data/impostors.yml:3:12: error: peniru ke-1 (impostors).value: 'PAJAKUJI' tercatat "
        "sebagai kanal resmi 'bapenda'; hapus dari daftar peniru atau dari kanal resmi"
    ]


@pytest.mark.parametrize(
    ("host", "owned"),
    [
        ("contohkab.go.id", True),
        ("www.contohkab.go.id", True),
        ("banjarharjo-banjarharjo.desa.contohkab.go.id", True),
        ("contohkab.go.id.evil.com", False),
        ("evilcontohkab.go.id", False),
        ("contohkab.go.id-bayar.com", False),
        ("contohkab-go-id.web.app", False),
    ],
)
def test_subdomain_rule(host, owned):
    assert host_matches(host, "contohkab.go.id", True) is owned
    assert host_matches(host, "contohkab.go.id", False) is (host == "contohkab.go.id")


def test_public_suffix_list_is_read_offline():
    assert registrable("a.b.contohkab.go.id") == "contohkab.go.id"
    assert registrable("contohkab.go.id.evil.com") == "evil.com"
    assert registrable("x.pages.dev") == "x.pages.dev"  # private suffixes count: a free host
    assert registrable("go.id") == ""
    assert normalize_domain("kÖnig.Contohkab.go.id") == "xn--knig-5qa.contohkab.go.id"


@given(st.from_regex(r"[a-z][a-z0-9]{0,10}(\.[a-z][a-z0-9]{0,10}){0,2}", fullmatch=True))
def test_no_foreign_domain_ending_in_the_official_one_as_a_label_is_owned(prefix):
    # "<anything>.contohkab.go.id.<foreign>" never belongs to contohkab.go.id.
    host = normalize_domain(f"{prefix}.contohkab.go.id.{prefix}.com")
    assert not host_matches(host, "contohkab.go.id", True)


def test_scaffold_example_of_official_channels_passes_check_once_uncommented(tmp_path):
    """`kanal init` writes commented examples into region.yml: removing the #s gives valid data."""
    from generator.commands.init import run_init
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems
    from tests.conftest import TODAY

    repo = tmp_path / "blora"
    assert run_init("33.16", repo) == 0
    region = repo / "data" / "region.yml"
    text = region.read_text(encoding="utf-8")
    assert "# official:" in text and "# never:" in text
    head, example = text.split("# Kanal resmi seluruh daerah", 1)
    lines = [
        line.removeprefix("# ")
        for line in example.splitlines()[1:]
        if line.startswith(("#  ", "# official", "# never"))  # not the explanations
    ]
    uncommented = "\n".join(lines).replace("NAMADAERAH", "blorakab") + "\n"
    region.write_text(head + uncommented, encoding="utf-8")
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None and not problems.errors, [str(p) for p in problems.errors]
    kinds = [i.kind.value for i in directory.region.official]
    assert kinds == ["web_domain", "email_domain", "sms_sender", "hotline"]
    assert len(directory.region.never.keys) == 6 and directory.region.never.texts
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "## Kanal resmi lain dan peniru" in readme
