"""``kanal import-registry``: a clerk's spreadsheet fills the ``kanal init`` scaffold (issue 17.3).

The workbook is the one an office keeps for Kabupaten Blora (33.16), made with openpyxl from
the scaffold's own names and the Kepmendagri list: 40 OPD rows (one row per account), 16
kecamatan rows (by code) and 295 desa/kelurahan rows (one row per unit, a column per platform).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.commands.init import run_init
from generator.registry import regions
from generator.scaffold.region import REGENCY_OPD, slug
from tests.conftest import TODAY

OPD_PLATFORMS = ("instagram", "facebook")
EXTRA = {"dinas-kominfo": "youtube", "dinas-kesehatan": "tiktok", "rsud": "youtube", "bpbd": "x"}


def _kanal(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--today", TODAY.isoformat()],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def blora(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("blora") / "blora"
    assert run_init("33.16", root) == 0
    return root


def _fresh(blora: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "blora"
    shutil.copytree(blora, target)
    region = target / "data/region.yml"
    region.write_text(
        region.read_text(encoding="utf-8")
        .replace("  # email: diskominfo@NAMADAERAH.go.id", "  email: diskominfo@blorakab.go.id")
        # what a clerk fills before publishing (posters' QR codes need it; --strict asks)
        .replace(
            "# site_url: https://kanal.NAMADAERAH.go.id", "site_url: https://kanal.blorakab.go.id"
        ),
        encoding="utf-8",
    )
    return target


def units() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Kecamatan (code, name) and villages (kecamatan name, 'Desa X'/'Kelurahan X', code)."""
    codes = regions.reference_codes()
    kec = [
        (c, n) for c, n in sorted(codes.items()) if c.startswith("33.16.") and regions.depth(c) == 3
    ]
    villages = []
    for code, name in sorted(codes.items()):
        if code.startswith("33.16.") and regions.depth(code) == 4:
            tier = "Kelurahan" if regions.is_kelurahan_code(code) else "Desa"
            villages.append((codes[regions.parent_code(code)], f"{tier} {name}", code))
    return kec, villages


def workbook(path: Path, typo: dict[str, str] | None = None, parent_column: bool = True) -> None:
    """The office's workbook; ``typo`` replaces unit names (misspelled rows)."""
    typo = typo or {}
    book = Workbook()
    opd = book.active
    opd.title = "OPD"
    opd.append(["DAFTAR AKUN MEDIA SOSIAL PERANGKAT DAERAH KABUPATEN BLORA"])
    opd.append([])
    opd.append(["No", "Nama OPD", "Platform", "Akun", "Keterangan"])
    rows = 0
    for unit in REGENCY_OPD:
        handle = f"{slug(unit.short_name).replace('-', '')}blora"
        for platform in (*OPD_PLATFORMS, *([EXTRA[unit.id]] if unit.id in EXTRA else [])):
            rows += 1
            name = typo.get(unit.name, unit.name)
            value = {
                "instagram": f"@{handle}",
                "facebook": f"https://www.facebook.com/{handle}",
                "youtube": f"https://www.youtube.com/@{handle}",
                "tiktok": f"https://www.tiktok.com/@{handle}",
                "x": f"{handle}",
            }[platform]
            label = {"x": "Twitter", "instagram": "IG"}.get(platform, platform.capitalize())
            opd.append([rows, name, label, value, "dikelola humas" if rows == 1 else None])
    for extra in range(40 - rows):  # a second Instagram for some OPD: the office's count is 40
        unit = REGENCY_OPD[extra]
        opd.append(
            [
                rows + extra + 1,
                unit.name,
                "Instagram",
                f"@{slug(unit.short_name).replace('-', '')}_blora",
            ]
        )
    kec_sheet = book.create_sheet("Kecamatan")
    kec_sheet.append(["Kode Wilayah", "Nama Kecamatan", "Akun IG", "No. WA", "Email"])
    kec, villages = units()
    for i, (code, name) in enumerate(kec):
        kec_sheet.append(
            [
                code,
                typo.get(name, name),
                f"@kec.{slug(name)}",
                f"0812-3316-{i:04d}",
                f"kec{slug(name)}@blorakab.go.id",
            ]
        )
    desa = book.create_sheet("Desa")
    header = ["Kecamatan", "Desa/Kelurahan", "Instagram", "Facebook", "No WA", "Website"]
    desa.append(header if parent_column else header[1:])
    for i, (district, name, code) in enumerate(villages):
        short = slug(name.split(" ", 1)[1]).replace("-", "")
        handle = f"{'kel' if name.startswith('Kel') else 'pemdes'}.{short}.{code[-4:]}"[:30]
        row = [
            district,
            typo.get(name, name),
            f"https://www.instagram.com/{handle}/",
            f"fb.com/{handle}" if i % 3 else "-",
            81233160000 + i,  # typed as a number: Excel drops the leading 0
            f"{short}{code[-4:]}.desa.id" if i % 5 == 0 else None,
        ]
        desa.append(row if parent_column else row[1:])
    book.save(path)


def _comments(folder: Path) -> dict[str, list[str]]:
    return {
        str(p.relative_to(folder)): [ln for ln in p.read_text("utf-8").splitlines() if "#" in ln]
        for p in sorted(folder.rglob("*.yml"))
    }


def _texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text("utf-8") for p in sorted(folder.rglob("*.yml"))}


def _is_subsequence(old: list[str], new: list[str]) -> bool:
    it = iter(new)
    return all(any(line == other for other in it) for line in old)


def test_blora_workbook_imports_into_the_scaffold_and_keeps_every_comment(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    book = repo / "daftar.xlsx"
    workbook(book)
    before = _texts(repo / "data")
    comments = _comments(repo / "data")
    started = time.perf_counter()
    done = _kanal(repo, "import-registry", "daftar.xlsx")
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert "351 baris dibaca: 351 cocok, 0 tidak cocok, 0 ambigu" in done.stderr
    assert "galat: " not in done.stderr
    assert "Kolom keterangan (1 baris) tidak diimpor" in done.stderr
    assert "Perubahan lain" in done.stdout
    after = _texts(repo / "data")
    assert _comments(repo / "data") == comments  # every comment, unchanged and in place
    for name, text in before.items():  # only lines added: nothing re-dumped
        assert _is_subsequence(text.splitlines(), after[name].splitlines()), name
    assert sum(after[n] != before[n] for n in before) == 17 + 16  # OPD but the pemda; kecamatan
    check = _kanal(repo, "check", "--strict")
    assert check.returncode == 0, check.stderr
    dinkes = after["agencies/opd/dinas-kesehatan.yml"]
    assert 'url: "https://www.tiktok.com/@dinkesblora"' in dinkes
    cepu = after["agencies/kecamatan/kecamatan-cepu.yml"]
    assert re.search(r'value: "0812-3316-\d{4}"', cepu)  # the number's display form
    assert '"kelurahan-cepu' in cepu or "kelurahan-cepu" in cepu
    print(f"import of 351 rows: {elapsed:.2f} s (process, including Python start)")
    again = _kanal(repo, "import-registry", "daftar.xlsx")  # a second run adds nothing
    assert again.returncode == 0, again.stderr
    assert "0 akun baru, 0 kanal baru" in again.stderr
    # Said so, and no file rewritten (it said "N berkas diubah" and wrote the same bytes).
    assert "Tidak ada akun atau kanal baru; tidak ada berkas yang diubah." in again.stderr
    assert "berkas diubah." not in again.stderr.replace("tidak ada berkas yang diubah.", "")
    assert _texts(repo / "data") == after


def test_misspelled_names_are_located_and_nothing_is_written(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    _kec, villages = units()
    district, village, _code = villages[10]  # row 12 of the Desa sheet
    wrong = village[:-2] + village[-1]  # one letter left out
    workbook(
        repo / "daftar.xlsx",
        # the kecamatan sheet names units by code: a misspelled name there still matches
        typo={"Dinas Kesehatan": "Dinas Kesehatn", village: wrong, "Todanan": "Todannan"},
    )
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "daftar.xlsx")
    assert done.returncode == 1
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    dinkes = (
        "error: 'Dinas Kesehatn' tidak cocok dengan instansi mana pun; maksud Anda "
        "Dinas Kesehatan Kabupaten Blora (dinas-kesehatan)? Bila ya, tambahkan 'Dinas Kesehatn' "
        "ke aliases di berkas instansi itu, lalu impor lagi"
    )
    assert errors[:3] == [f"daftar.xlsx:OPD!baris {n}: {dinkes}" for n in (24, 25, 26)]
    assert len(errors) == 4
    assert errors[3].startswith(f"daftar.xlsx:Desa!baris 12: error: '{wrong}' tidak cocok")
    assert f"maksud Anda {village} " in errors[3]
    assert "351 baris dibaca: 347 cocok, 4 tidak cocok, 0 ambigu" in done.stderr
    assert "Tidak ada berkas yang diubah" in done.stderr
    assert _texts(repo / "data") == before


def test_ambiguous_village_blocks_unless_forced(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    workbook(repo / "daftar.xlsx", parent_column=False)  # no Kecamatan column
    _kec, villages = units()
    names = [name for _d, name, _c in villages]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert twice, "Blora has village names used in two kecamatan"
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "daftar.xlsx")
    assert done.returncode == 1
    assert f"'{twice[0]}' cocok dengan 2 instansi" in done.stderr
    assert "tambahkan kolom Kecamatan, Kode Wilayah atau ID" in done.stderr
    assert _texts(repo / "data") == before
    forced = _kanal(repo, "import-registry", "daftar.xlsx", "--force")
    assert forced.returncode == 1  # still says something was left out
    assert "berkas diubah" in forced.stderr
    assert _texts(repo / "data") != before
    assert _kanal(repo, "check", "--strict").returncode == 0


def test_dry_run_shows_the_diff_and_writes_nothing(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    workbook(repo / "daftar.xlsx")
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "daftar.xlsx", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Perubahan data dari data ke daftar.xlsx")
    assert (
        "  - Dinas Kesehatan Kabupaten Blora (dinas-kesehatan): akun tiktok @dinkesblora "
        "(https://www.tiktok.com/@dinkesblora) ditambahkan\n" in done.stdout
    )
    assert "PERUBAHAN SENSITIF (311)" in done.stdout  # new WhatsApp numbers, as kanal diff says
    assert "--dry-run: 33 berkas akan diubah" in done.stderr
    assert _texts(repo / "data") == before


def test_semicolon_csv_with_bom_one_row_per_unit(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    text = (
        "Nama OPD;Akun IG;Twitter/X;No. Telp;Website\r\n"
        "Dinas Kesehatan;@dinkesblora;https://twitter.com/DinkesBlora;(0296) 531004;dinkes.blorakab.go.id\r\n"
        "Dinkes;https://www.instagram.com/DinkesBlora/;;;\r\n"  # the same account again
    )
    (repo / "daftar.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 0, done.stderr
    assert (
        "2 baris dibaca: 2 cocok" in done.stderr
        and "2 akun baru, 2 kanal baru, 1 sudah" in done.stderr
    )
    dinkes = (repo / "data/agencies/opd/dinas-kesehatan.yml").read_text("utf-8")
    assert dinkes.endswith(
        "accounts:\n"
        "  - platform: instagram\n"
        '    url: "https://www.instagram.com/dinkesblora/"\n'
        "    status: active\n"
        f"    reviewed: {TODAY.isoformat()}\n"
        "  - platform: x\n"
        '    url: "https://x.com/DinkesBlora"\n'
        "    status: active\n"
        f"    reviewed: {TODAY.isoformat()}\n"
        "channels:\n"
        "  - type: phone\n"
        '    value: "(0296) 531004"\n'
        "  - type: website\n"
        '    value: "https://dinkes.blorakab.go.id"\n'
        "# Tambahkan akun resmi (accounts:) dan kanal kontak (channels:); lihat README.md.\n"
    )


def test_a_clerks_text_apostrophe_is_not_imported(blora, tmp_path):
    """A clerk types '0296 531004 to keep a spreadsheet from eating the leading 0 (or from
    reading @ and + as a formula). Excel hides that apostrophe and never saves it, but a CSV
    typed or exported elsewhere keeps it: it was imported as part of the value (an e-mail
    "'dinkes@...", a website "https://'dinkes...", both passing kanal check) or refused the
    handle. It is the spreadsheet's mark, not the value, in every cell."""
    repo = _fresh(blora, tmp_path)
    text = (
        "'No;Nama OPD;Kode Wilayah;Akun IG;Facebook;No. Telp;No WA;Email;Website\r\n"
        "'1;'Dinas Kesehatan;;'@dinkesblora;'https://www.facebook.com/dinkesblora;"
        "'0296 531004;'081234567890;'dinkes@blorakab.go.id;'dinkes.blorakab.go.id\r\n"
        "'2;;'33.16.01;' @kec.jati;;;'+62 812-3316-0001;;\r\n"
    )
    (repo / "daftar.csv").write_bytes(text.encode("utf-8"))
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 0, done.stderr
    assert "2 baris dibaca: 2 cocok, 0 tidak cocok, 0 ambigu; 3 akun baru, 5 kanal baru" in (
        done.stderr
    )
    dinkes = (repo / "data/agencies/opd/dinas-kesehatan.yml").read_text("utf-8")
    assert dinkes.endswith(
        "accounts:\n"
        "  - platform: instagram\n"
        '    url: "https://www.instagram.com/dinkesblora/"\n'
        "    status: active\n"
        f"    reviewed: {TODAY.isoformat()}\n"
        "  - platform: facebook\n"
        '    url: "https://www.facebook.com/dinkesblora"\n'
        "    status: active\n"
        f"    reviewed: {TODAY.isoformat()}\n"
        "channels:\n"
        "  - type: phone\n"
        '    value: "(0296) 531004"\n'
        "  - type: whatsapp\n"
        '    value: "0812-3456-7890"\n'
        "  - type: email\n"
        '    value: "dinkes@blorakab.go.id"\n'
        "  - type: website\n"
        '    value: "https://dinkes.blorakab.go.id"\n'
        "# Tambahkan akun resmi (accounts:) dan kanal kontak (channels:); lihat README.md.\n"
    )
    jati = (repo / "data/agencies/kecamatan/kecamatan-jati.yml").read_text("utf-8")
    assert 'url: "https://www.instagram.com/kec.jati/"' in jati
    assert 'value: "0812-3316-0001"' in jati
    check = _kanal(repo, "check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    # A second run finds every value already listed: the marker never makes a value new.
    again = _kanal(repo, "import-registry", "daftar.csv")
    assert "0 akun baru, 0 kanal baru, 8 sudah tercantum; 0 galat" in again.stderr


def test_windows_1252_csv_says_how_to_save(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    (repo / "daftar.csv").write_bytes(
        "Nama OPD;Instagram\r\nDinas Kesehatan;@dinkés\r\n".encode("cp1252")
    )
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 1
    # the complaint files' message (one reading core): line, column, the foreign letter
    assert done.stderr.startswith(
        "daftar.csv:2:22: error: berkas bukan teks UTF-8 (huruf 'é' dari pengodean lain"
    )
    assert "simpan sebagai CSV UTF-8 (Excel: File > Simpan Sebagai" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_values_and_a_stolen_account_are_located(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    (repo / "daftar.csv").write_text(
        "Nama OPD,Instagram,No WA\n"
        "Dinas Kesehatan,@dinkesblora,0296 531004\n"  # a landline is no WhatsApp number
        "RSUD,https://www.instagram.com/dinkesblora/,\n"  # Dinkes's account on another row
        "Bappeda,@bad handle!,\n",
        encoding="utf-8",
    )
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 1
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert errors == [
        "daftar.csv:baris 2: error: No WA: '0296 531004': nomor WhatsApp '0296 531004' bukan "
        "nomor seluler (08...); nomor telepon kantor ditulis sebagai telepon (type: phone, atau "
        "kolom Telepon di lembar kerja)",
        "daftar.csv:baris 3: error: Instagram: akun https://www.instagram.com/dinkesblora/ sudah "
        "milik 'dinas-kesehatan' (data/agencies/opd/dinas-kesehatan.yml:2:1), bukan 'rsud'; satu "
        "akun hanya milik satu instansi",
        "daftar.csv:baris 4: error: Instagram: '@bad handle!': handle Instagram hanya boleh berisi "
        "huruf, angka, titik dan garis bawah (maks. 30 karakter, tidak diawali titik): 'bad handle!'",
    ]
    assert len(errors) == 3
    assert _texts(repo / "data") == before


def test_a_known_impostor_is_refused_at_its_row(blora, tmp_path):
    """A row that would register a fake the region has warned about (data/impostors.yml) is
    refused at its own cell, naming the warning; kanal check would have pointed at the
    impostors file only, leaving the clerk to find the row. With --force the other rows go in,
    and the result passes kanal check."""
    repo = _fresh(blora, tmp_path)
    (repo / "data/impostors.yml").write_text(
        "impostors:\n"
        "  - kind: account\n"
        '    value: "@dinkesblora.official"\n'
        "    platform: instagram\n"
        "    imitates: dinas-kesehatan\n"
        f"    reported: {TODAY.isoformat()}\n"
        "    notice: https://blorakab.go.id/berita/akun-palsu\n"
        "  - kind: whatsapp\n"
        '    value: "0812-3344-5566"\n'
        f"    reported: {TODAY.isoformat()}\n"
        "    notice: https://blorakab.go.id/berita/wa-palsu\n"
        "  - kind: domain\n"
        "    value: dinkes-blorakab.web.app\n"
        f"    reported: {TODAY.isoformat()}\n"
        "    notice: https://blorakab.go.id/berita/situs-palsu\n",
        encoding="utf-8",
    )
    (repo / "daftar.csv").write_text(
        "Nama OPD;Instagram;No WA;Website\n"
        "Dinas Kesehatan;https://instagram.com/DinkesBlora.Official;+62 812 3344 5566;"
        "https://dinkes-blorakab.web.app/\n"
        "Bappeda;@bappedablora;;\n",
        encoding="utf-8",
    )
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 1
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert [e.split(" tercatat sebagai peniru di ")[0] for e in errors] == [
        "daftar.csv:baris 2: error: Instagram: 'https://www.instagram.com/DinkesBlora.Official/'",
        "daftar.csv:baris 2: error: No WA: '0812-3344-5566'",
        "daftar.csv:baris 2: error: Website: 'https://dinkes-blorakab.web.app/'",
    ]
    assert "data/impostors.yml:2:5 (dilaporkan" in errors[0]
    assert _texts(repo / "data") == before
    forced = _kanal(repo, "import-registry", "daftar.csv", "--force")
    assert forced.returncode == 1  # the refused rows are still errors
    assert "1 akun baru, 0 kanal baru" in forced.stderr
    bappeda = (repo / "data/agencies/opd/bappeda.yml").read_text("utf-8")
    assert "bappedablora" in bappeda
    assert "dinkesblora.official" not in _texts(repo / "data")["agencies/opd/dinas-kesehatan.yml"]
    assert _kanal(repo, "check", "--data", "data").returncode == 0


def test_an_impostors_subdomain_and_an_inactive_account_as_kanal_check_judges_them(blora, tmp_path):
    """A site under a known fake domain (www.) is refused at its row, and kanal check refuses
    it in a file too (the checker would have answered "resmi" for it); an inactive account
    on the list is not refused: kanal check compares active official accounts only, and a
    hijacked old account is listed so."""
    repo = _fresh(blora, tmp_path)
    (repo / "data/impostors.yml").write_text(
        "impostors:\n"
        "  - kind: domain\n"
        "    value: dinkes-blorakab.web.app\n"
        f"    reported: {TODAY.isoformat()}\n"
        "    notice: https://blorakab.go.id/berita/situs-palsu\n"
        "  - kind: account\n"
        '    value: "@dinkesblora.lama"\n'
        "    platform: instagram\n"
        f"    reported: {TODAY.isoformat()}\n"
        "    notice: https://blorakab.go.id/berita/akun-lama\n",
        encoding="utf-8",
    )
    (repo / "daftar.csv").write_text(
        "Nama OPD;Website;Instagram;Status\n"
        "Dinas Kesehatan;https://www.dinkes-blorakab.web.app/;;\n"
        "Bappeda;;@dinkesblora.lama;tidak aktif\n",
        encoding="utf-8",
    )
    done = _kanal(repo, "import-registry", "daftar.csv", "--force")
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert [e.split(" tercatat sebagai peniru di ")[0] for e in errors] == [
        "daftar.csv:baris 2: error: Website: 'https://www.dinkes-blorakab.web.app/'",
    ]
    assert "dinkesblora.lama" in (repo / "data/agencies/opd/bappeda.yml").read_text("utf-8")
    assert _kanal(repo, "check", "--data", "data").returncode == 0
    dinkes = repo / "data/agencies/opd/dinas-kesehatan.yml"
    dinkes.write_text(
        dinkes.read_text("utf-8").replace(
            "# Tambahkan akun resmi",
            'channels:\n  - type: website\n    value: "https://www.dinkes-blorakab.web.app"\n'
            "# Tambahkan akun resmi",
        ),
        encoding="utf-8",
    )
    checked = _kanal(repo, "check", "--data", "data")
    assert checked.returncode == 1
    assert (
        "data/impostors.yml:3:12: error: peniru ke-1 (impostors).value: "
        "'dinkes-blorakab.web.app' tercatat sebagai kanal resmi 'dinas-kesehatan'"
    ) in checked.stderr


def test_names_as_clerks_write_them(blora, tmp_path):
    """The region's name written out or abbreviated, a short name, spacing and case."""
    repo = _fresh(blora, tmp_path)
    (repo / "daftar.csv").write_text(
        "Nama Instansi,Instagram\n"
        "Dinas Kesehatan Kab. Blora,@dinkesblora\n"
        "DINAS  PENDIDIKAN KABUPATEN BLORA,@dindikblora\n"
        "Satpol PP,@satpolppblora\n"
        "Kec. Kedungtuban,@kec.kedungtuban\n",
        encoding="utf-8",
    )
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 0, done.stderr
    assert "4 baris dibaca: 4 cocok, 0 tidak cocok, 0 ambigu; 4 akun baru" in done.stderr


def test_one_row_per_account_with_channels_in_the_platform_column(blora, tmp_path):
    repo = _fresh(blora, tmp_path)
    (repo / "daftar.csv").write_text(
        "Unit Kerja;Media Sosial;Link Akun\n"
        "Bappeda;WhatsApp;0812-3316-7777\n"
        "Bappeda;Website;bappeda.blorakab.go.id\n"
        "Bappeda;;https://www.youtube.com/@bappedablora\n"  # the platform read from the address
        "Bappeda;Friendster;bappeda\n",
        encoding="utf-8",
    )
    done = _kanal(repo, "import-registry", "daftar.csv", "--force")
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert errors == [
        "daftar.csv:baris 5: error: Platform: platform 'Friendster' tidak dikenal; tulis "
        "Instagram, Facebook, X, TikTok, YouTube atau Threads"
    ]
    text = (repo / "data/agencies/opd/bappeda.yml").read_text("utf-8")
    assert 'url: "https://www.youtube.com/@bappedablora"' in text
    assert 'value: "0812-3316-7777"' in text and 'value: "https://bappeda.blorakab.go.id"' in text


def test_a_province_names_its_regencies_and_cities(tmp_path):
    """Jawa Timur has a Kabupaten and a Kota Blitar: the tier word tells them apart."""
    repo = tmp_path / "jatim"
    assert run_init("35", repo) == 0
    (repo / "daftar.csv").write_text(
        "Nama Instansi,Instagram\n"
        "Kabupaten Blitar,@pemkabblitar\n"
        "Kota Blitar,@pemkotblitar\n"
        "Kab. Pacitan,@pemkabpacitan\n"
        "Blitar,@blitar\n",
        encoding="utf-8",
    )
    done = _kanal(repo, "import-registry", "daftar.csv", "--force")
    errors = [ln for ln in done.stderr.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(
        "daftar.csv:baris 5: error: 'Blitar' cocok dengan 2 instansi: Pemerintah Kabupaten Blitar"
    )
    assert "3 akun baru" in done.stderr
    kota = (repo / "data/agencies/kabupaten-kota/kota-blitar.yml").read_text("utf-8")
    assert "pemkotblitar" in kota and "pemkabblitar" not in kota


def test_a_clerks_own_words_get_a_way_out(blora, tmp_path):
    """What clerks write (a page's display name, the hospital's own name, a column title of
    their own) is refused with what to do, not only with the rule."""
    repo = _fresh(blora, tmp_path)
    (repo / "daftar.csv").write_text(
        "Nama OPD,Facebook,Nomor WA Admin\n"
        "Dinas Kesehatan,Dinas Kesehatan Kab. Blora,\n"
        "RSUD dr. R. Soetijono,,\n",
        encoding="utf-8",
    )
    done = _kanal(repo, "import-registry", "daftar.csv")
    assert done.returncode == 1
    said = done.stderr
    assert "kolom tidak dikenal, diabaikan: Nomor WA Admin (maksud Anda 'nomor wa'?)" in said
    assert (
        "'Dinas Kesehatan Kab. Blora'; itu tampaknya nama tampilan akun, bukan nama penggunanya: "
        "buka akunnya lalu salin alamatnya dari peramban, misalnya https://www.facebook.com/"
    ) in said
    assert (
        "'RSUD dr. R. Soetijono' tidak cocok dengan instansi mana pun; maksud Anda "
        "Rumah Sakit Umum Daerah Kabupaten Blora (rsud)? Bila ya, tambahkan 'RSUD dr. R. "
        "Soetijono' ke aliases di berkas instansi itu, lalu impor lagi"
    ) in said


def test_staged_copy_holds_every_file_the_registry_check_reads(tmp_path):
    """registry_inputs names every file load_directory opens (found by Python's audit hook on
    the demo, which has impostors.yml and extra region codes), and a copy of just those
    validates as the folder does: what import-registry checks its edits on."""
    import shutil
    import sys as _sys

    from generator.registry.diff import compare
    from generator.registry.load import load_raw
    from generator.registry.validate import load_directory, registry_inputs
    from generator.safeinput.problems import Problems
    from tests.conftest import ROOT

    data = ROOT / "data"
    opened: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple) -> None:
        if watching[0] and event == "open" and isinstance(args[0], str | Path):
            opened.append(str(args[0]))

    _sys.addaudithook(hook)  # hooks stay for the process: this one stops watching below
    try:
        before = load_directory(data, TODAY, Problems())
    finally:
        watching[0] = False
    inputs = registry_inputs(load_raw(data, Problems()))
    assert {"region.yml", "agencies", "impostors.yml"} <= set(inputs)
    root = str(data.resolve())
    read = {Path(p).resolve() for p in opened if str(Path(p).resolve()).startswith(root + "/")}
    assert len(read) > 10  # the hook saw the agency files
    covered = [(data / name).resolve() for name in inputs]
    for path in read:
        assert any(path == c or c in path.parents for c in covered), path
    copy = tmp_path / "data"
    copy.mkdir()
    for name in inputs:
        source = data / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        elif source.exists():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    after = load_directory(copy, TODAY, Problems())
    assert before is not None and after is not None
    assert len(after.impostors) == len(before.impostors) > 0
    assert compare(before, after, "data", "salinan").changes == []


def test_a_known_scam_account_is_never_imported_as_official(tmp_path):
    """The demo's impostors.yml lists a fake WhatsApp number and Instagram account: a sheet
    giving them to a village is refused at its row, each value at its cell (the number as
    Excel keeps it, without its leading 0), nothing is written, and a harmless import says
    nothing about the impostor list."""
    import shutil

    from tests.conftest import ROOT

    repo = tmp_path / "demo"
    shutil.copytree(ROOT / "data", repo / "data")
    agency = next(
        p for p in sorted((repo / "data" / "agencies").rglob("*.yml")) if "desa" in p.name
    )
    name = re.search(r"^name: (.+)$", agency.read_text(encoding="utf-8"), re.M)
    assert name is not None
    book = Workbook()
    sheet = book.active
    sheet.append(["Desa/Kelurahan", "Instagram", "No WA"])
    sheet.append([name.group(1).strip().strip('"'), "@pemkabcontoh.official", 81390124471])
    book.save(repo / "scam.xlsx")
    before = _texts(repo / "data")
    done = _kanal(repo, "import-registry", "scam.xlsx")
    assert done.returncode == 1, done.stderr
    refused = [ln for ln in done.stderr.splitlines() if "tercatat sebagai peniru di " in ln]
    assert [ln.split(": ", 2)[:2] for ln in refused] == [
        ["scam.xlsx:Sheet!baris 2", "error"],
        ["scam.xlsx:Sheet!baris 2", "error"],
    ]
    assert "pemkabcontoh.official" in refused[0] and "data/impostors.yml:" in refused[0]
    assert "No WA: '0813-9012-4471'" in refused[1]
    assert _texts(repo / "data") == before
    # A harmless row: no "PERUBAHAN SENSITIF ... daftar palsu" for a list nobody touched.
    book = Workbook()
    sheet = book.active
    sheet.append(["Desa/Kelurahan", "Instagram"])
    sheet.append([name.group(1).strip().strip('"'), "@desa.baru.resmi"])
    book.save(repo / "ok.xlsx")
    done = _kanal(repo, "import-registry", "ok.xlsx", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "daftar palsu" not in done.stdout + done.stderr
    assert "desa.baru.resmi" in done.stdout
