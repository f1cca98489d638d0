"""`kanal diff`: agencies, accounts and channels compared; hijack-shaped changes are sensitive."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.cli import main
from generator.commands.diff import SourceError, extract, md_escape, unsafe_member
from generator.safeinput.invisible import is_invisible, shown

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = ["--today", "2026-11-22"]


def copy_tiny(folder: Path) -> Path:
    shutil.copytree(FIXTURES / "tiny", folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return copy_tiny(tmp_path / "a"), copy_tiny(tmp_path / "b")


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *args, *TODAY])
    out, err = capsys.readouterr()
    return status, out, err


def test_instagram_url_change_is_sensitive(pair, capsys) -> None:
    a, b = pair
    edit(
        b / "agencies" / "dinkes.yml",
        'handle: "@Dinkes.Uji"\n    url: https://www.instagram.com/dinkes.uji/',
        'handle: "@dinkes.uji.resmi"\n    url: https://www.instagram.com/dinkes.uji.resmi/',
    )
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    assert (
        "  ! Dinas Kesehatan (dinas-kesehatan): akun instagram berubah dari @Dinkes.Uji "
        "(https://www.instagram.com/Dinkes.Uji/) menjadi @dinkes.uji.resmi "
        "(https://www.instagram.com/dinkes.uji.resmi/)"
    ) in out.splitlines()
    assert "PERUBAHAN SENSITIF (1)" in out


def test_no_change(pair, capsys) -> None:
    a, b = pair
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 0
    assert out.splitlines()[1] == "Tidak ada perubahan instansi, akun atau kanal layanan."


def test_archive_reactivate_and_coverage(pair, capsys) -> None:
    a, b = pair
    dinkes = b / "agencies" / "dinkes.yml"
    edit(dinkes, "dinkes.uji/\n    status: active", "dinkes.uji/\n    status: archived")
    edit(dinkes, "dinkesuji\n    status: active", "dinkesuji\n    status: archived")
    edit(
        dinkes,
        "handle: dinkes.lama\n    status: archived",
        "handle: dinkes.lama\n    status: active",
    )
    status, out, _ = run(capsys, "--format", "json", str(a), str(b))
    assert status == 0
    report = json.loads(out)
    kinds = [(c["kind"], c["sensitive"], c["before"], c["after"]) for c in report["changes"]]
    assert kinds == [
        ("account_archived", False, "active", "archived"),
        ("account_archived", False, "active", "archived"),
        ("account_reactivated", False, "archived", "active"),
    ]
    assert report["sensitive"] is False
    opd = next(row for row in report["coverage"] if row["level"] == "opd")
    assert opd["before"] == opd["after"]  # facebook keeps Dinkes covered


def test_archive_and_add_on_same_platform_is_sensitive(pair, capsys) -> None:
    a, b = pair
    dinkes = b / "agencies" / "dinkes.yml"
    edit(dinkes, "dinkes.uji/\n    status: active", "dinkes.uji/\n    status: archived")
    edit(
        dinkes,
        "accounts:\n",
        "accounts:\n  - platform: instagram\n    handle: '@dinkes_uji'\n"
        "    status: active\n    reviewed: 2026-11-01\n",
    )
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    assert (
        "  ! Dinas Kesehatan (dinas-kesehatan): akun instagram @dinkes_uji "
        "(https://www.instagram.com/dinkes_uji/) ditambahkan menggantikan akun instagram yang "
        "dinonaktifkan"
    ) in out.splitlines()


def test_new_account_alone_is_not_sensitive(pair, capsys) -> None:
    a, b = pair
    edit(
        b / "agencies" / "dinkes.yml",
        "accounts:\n",
        "accounts:\n  - platform: tiktok\n    handle: '@dinkesuji'\n"
        "    status: active\n    reviewed: 2026-11-01\n",
    )
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 0
    assert (
        "  - Dinas Kesehatan (dinas-kesehatan): akun tiktok @dinkesuji "
        "(https://www.tiktok.com/@dinkesuji) ditambahkan"
    ) in out.splitlines()


def test_whatsapp_changed_and_added_are_sensitive(pair, capsys) -> None:
    a, b = pair
    dinkes = b / "agencies" / "dinkes.yml"
    edit(dinkes, '"0812-3456-7890"', '"0813-9999-0000"')
    edit(dinkes, "label: SP4N-LAPOR!", "label: LAPOR")
    status, out, _ = run(capsys, "--format", "json", str(a), str(b))
    assert status == 3
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["sensitive"], c["before"], c["after"]) for c in changes] == [
        ("channel_label", False, "SP4N-LAPOR!", "LAPOR"),
        ("channel_changed", True, "0812-3456-7890", "0813-9999-0000"),
    ]


def test_agencies_added_removed_renamed_and_moved(pair, capsys) -> None:
    a, b = pair
    (b / "agencies" / "bappeda.yml").unlink()
    edit(b / "agencies" / "dinkes.yml", "name: Dinas Kesehatan\n", "name: Dinas Kesehatan Kota\n")
    shutil.copy(a / "agencies" / "bappeda.yml", b / "agencies" / "perencanaan.yml")
    edit(b / "agencies" / "perencanaan.yml", "id: bappeda", "id: perencanaan")
    status, out, _ = run(capsys, "--format", "json", str(a), str(b))
    assert status == 0
    changes = [
        (c["kind"], c["agency"], c["before"], c["after"]) for c in json.loads(out)["changes"]
    ]
    assert ("agency_renamed", "dinas-kesehatan", "Dinas Kesehatan", "Dinas Kesehatan Kota") in (
        changes
    )
    assert ("agency_id_changed", "perencanaan", "bappeda", "perencanaan") in changes
    (b / "agencies" / "perencanaan.yml").unlink()
    status, out, _ = run(capsys, "--format", "json", str(a), str(b))
    kinds = [(c["kind"], c["agency"]) for c in json.loads(out)["changes"]]
    assert ("agency_removed", "bappeda") in kinds


def test_invalid_version_exits_1_with_its_problems(pair, capsys) -> None:
    a, b = pair
    edit(b / "agencies" / "dinkes.yml", "kind: dinas", "kind: dinass")
    status, out, err = run(capsys, str(a), str(b))
    assert status == 1
    assert out == ""
    assert f"Data versi '{b}' tidak valid; tidak dibandingkan." in err
    assert "dinkes.yml:4:7: error: kind: nilai 'dinass' tidak dikenal" in err


def test_unknown_source_is_usage_error(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "tidak-ada", "juga-tidak")
    assert status == 2
    assert "galat: 'tidak-ada' bukan folder, dan folder ini bukan repositori git" in err


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def init_repo(repo: Path) -> None:
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "uji@example.go.id")
    git(repo, "config", "user.name", "Uji")


def test_git_revisions_never_touch_the_worktree(tmp_path, monkeypatch, capsys) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    copy_tiny(repo / "data")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "awal")
    edit(repo / "data" / "agencies" / "dinkes.yml", "twitter.com/dinkesuji", "x.com/dinkesuji2")
    git(repo, "commit", "-qam", "ubah")
    edit(repo / "data" / "agencies" / "dinkes.yml", "kind: dinas", "kind: dinass")  # uncommitted
    monkeypatch.chdir(repo / "data")  # from a subfolder: --data is relative to it
    status, out, _ = run(capsys, "--data", ".", "main~1", "main")
    assert status == 3
    assert "akun x berubah dari @dinkesuji (https://x.com/dinkesuji) menjadi @dinkesuji2 " in out
    assert "kind: dinass" in (repo / "data" / "agencies" / "dinkes.yml").read_text()
    assert git(repo, "status", "--porcelain") == "M data/agencies/dinkes.yml"
    # A revision's problems name the revision, not a temporary folder.
    git(repo, "commit", "-qam", "rusak")
    monkeypatch.chdir(repo)
    status, _, err = run(capsys, "--git", "main~1", "HEAD")
    assert status == 1
    assert "HEAD:data/agencies/dinkes.yml:4:7: error: kind: nilai 'dinass'" in err


def test_revision_without_data_is_reported(tmp_path, monkeypatch, capsys) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    (repo / "README.md").write_text("x\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "awal")
    copy_tiny(repo / "data")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "data")
    monkeypatch.chdir(repo)
    status, _, err = run(capsys, "HEAD~1", "HEAD")
    assert status == 1
    assert err == "galat: revisi 'HEAD~1' tidak memuat folder 'data'\n"


def test_markdown_summary_escapes_hostile_names(pair, capsys) -> None:
    a, b = pair
    edit(
        b / "agencies" / "dinkes.yml",
        "name: Dinas Kesehatan\n",
        'name: "<img src=x onerror=alert(1)> [klik](javascript:alert(1)) | *x*"\n',
    )
    status, out, _ = run(capsys, "--format", "markdown", str(a), str(b))
    assert status == 0
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [klik](javascript:alert(1)) | *x*" in html


MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_md_escape_renders_as_the_same_text(text: str) -> None:
    html = MD.render(f"- x: {md_escape(text)}\n")
    inner = html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
    expected = " ".join(text.split())
    expected = expected.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    expected = expected.replace('"', "&quot;")
    assert inner == f"x: {expected}".rstrip()


def test_revision_with_link_out_of_the_folder_is_refused(tmp_path, monkeypatch, capsys) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    copy_tiny(repo / "data")
    (repo / "data" / "agencies" / "curian.yml").symlink_to("/etc/passwd")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "tautan")
    monkeypatch.chdir(repo)
    status, out, err = run(capsys, "HEAD", "HEAD")
    assert status == 1
    assert out == ""
    assert err == (
        "galat: revisi 'HEAD' memuat berkas yang tidak aman: 'data/agencies/curian.yml' adalah "
        "tautan (symlink) ke jalur mutlak '/etc/passwd'; data hanya dibaca dari berkas biasa di "
        "dalam folder data (ganti tautan itu dengan berkasnya sendiri)\n"
    )


def test_revision_with_a_relative_link_out_of_the_folder_is_refused(
    tmp_path, monkeypatch, capsys
) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    copy_tiny(repo / "data")
    (repo / "data" / "agencies" / "curian.yml").symlink_to("../../../../etc")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "tautan")
    monkeypatch.chdir(repo)
    status, out, err = run(capsys, "HEAD", "HEAD")
    assert (status, out) == (1, "")
    assert err.startswith(
        "galat: revisi 'HEAD' memuat berkas yang tidak aman: 'data/agencies/curian.yml' adalah "
        "tautan (symlink) ke '../../../../etc', di luar folder data; "
    )


ENGLISH = ("is a link", "outside the destination", "special file", "absolute path", "would ")
KINDS = ("absolute link", "link out", "path out", "fifo", "device")


def _archive(kind: str, name: str, target: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        member = tarfile.TarInfo(("../" if kind == "path out" else "data/") + name)
        if kind == "absolute link":
            member.type, member.linkname = tarfile.SYMTYPE, "/" + target
        elif kind == "link out":
            member.type, member.linkname = tarfile.SYMTYPE, "../../" + target
        elif kind == "fifo":
            member.type = tarfile.FIFOTYPE
        elif kind == "device":
            member.type = tarfile.CHRTYPE
        tar.addfile(member, io.BytesIO(b"") if member.isreg() else None)
    return buffer.getvalue()


NAMES = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="/\0"),
    min_size=1,
    max_size=20,
).filter(lambda s: s not in (".", ".."))


@given(kind=st.sampled_from(KINDS), name=NAMES, target=NAMES)
def test_every_refused_member_is_named_in_indonesian(kind, name, target) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(SourceError) as refused:
        extract(_archive(kind, name, target), Path(tmp), "v1")
    message = str(refused.value)
    assert message.startswith("revisi 'v1' memuat berkas yang tidak aman: '")
    assert shown(name) in message
    assert not any(word in message for word in ENGLISH), message
    assert not _unsafe_characters(message)


def _unsafe_characters(text: str) -> list[str]:
    return [c for c in text if c == "\n" or is_invisible(c)]


def test_each_filter_error_has_its_own_message() -> None:
    member = tarfile.TarInfo("data/x.yml")
    member.linkname = "../y"
    assert [
        unsafe_member(exc)
        for exc in (
            tarfile.AbsolutePathError(member),
            tarfile.OutsideDestinationError(member, "/tmp/x"),
            tarfile.AbsoluteLinkError(member),
            tarfile.LinkOutsideDestinationError(member, "/y"),
            tarfile.SpecialFileError(member),
            tarfile.FilterError("new kind"),
        )
    ] == [
        "'data/x.yml' memakai jalur mutlak",
        "'data/x.yml' akan tertulis di luar folder data",
        "'data/x.yml' adalah tautan (symlink) ke jalur mutlak '../y'",
        "'data/x.yml' adalah tautan (symlink) ke '../y', di luar folder data",
        "'data/x.yml' adalah berkas khusus (perangkat atau FIFO), bukan berkas biasa",
        "sebuah berkas tidak boleh dibaca dari arsip git",
    ]


# ---------------------------------------------------------------- what the checker trusts

BANK = """
official:
  bank_accounts:
    - bank: Bank Uji
      number: "001.221.0000123"
      holder: RKUD Kota Uji
      purpose: Retribusi
      status: {status}
      since: 2020-01-02
      reviewed: 2026-11-03
"""

DOMAIN = """
official:
  web_domains:
    - domain: kotauji.go.id
      subdomains: {subdomains}
      status: active
      since: 2015-01-01
      reviewed: 2026-11-03
never:
  - otp
  - apk
"""

IMPOSTOR = """impostors:
  - kind: whatsapp
    value: "0813-9012-4471"
    imitates: dinas-kesehatan
    reported: 2026-10-12
    notice: https://dinkes.example.go.id/berita/waspada
"""


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def sensitive_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  ! ")]


def test_new_official_bank_account_is_sensitive(pair, capsys) -> None:
    a, b = pair
    append(b / "agencies" / "dinkes.yml", BANK.format(status="active"))
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    [line] = sensitive_lines(out)
    assert "Dinas Kesehatan (dinas-kesehatan)" in line
    assert "rekening bank" in line and "001.221.0000123" in line
    assert "ditambahkan sebagai kanal resmi" in line and "RKUD Kota Uji" in line


def test_retiring_an_official_item_is_not_sensitive_reactivating_is(pair, capsys) -> None:
    a, b = pair
    append(a / "agencies" / "dinkes.yml", BANK.format(status="active"))
    append(b / "agencies" / "dinkes.yml", BANK.format(status="archived"))
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 0, out
    assert "status berubah dari active menjadi archived" in out
    status, out, _ = run(capsys, str(b), str(a))
    assert status == 3
    [line] = sensitive_lines(out)
    assert "status berubah dari archived menjadi active" in line


def test_changed_holder_is_sensitive(pair, capsys) -> None:
    a, b = pair
    append(a / "agencies" / "dinkes.yml", BANK.format(status="active"))
    append(
        b / "agencies" / "dinkes.yml",
        BANK.format(status="active").replace("RKUD Kota Uji", "RKUD Pemkot Uji Baru"),
    )
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    [line] = sensitive_lines(out)
    assert "RKUD Kota Uji" in line and "RKUD Pemkot Uji Baru" in line


def test_region_domain_widened_and_statement_removed_are_sensitive(pair, capsys) -> None:
    a, b = pair
    append(a / "region.yml", DOMAIN.format(subdomains="false"))
    append(b / "region.yml", DOMAIN.format(subdomains="true").replace("  - apk\n", ""))
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    lines = sensitive_lines(out)
    assert len(lines) == 2, out
    assert any(
        "Kota Uji (region.yml)" in x and "kini semua subdomain ikut resmi" in x for x in lines
    )
    assert any("pernyataan dihapus" in x for x in lines)
    # The other way round narrows trust and adds a statement: reported, not sensitive.
    status, out, _ = run(capsys, str(b), str(a))
    assert status == 0, out
    assert "subdomain tidak lagi ikut resmi" in out and "pernyataan ditambahkan" in out


def test_impostor_taken_off_the_list_is_sensitive(pair, capsys) -> None:
    a, b = pair
    (a / "impostors.yml").write_text(IMPOSTOR, encoding="utf-8")
    status, out, _ = run(capsys, str(a), str(b))
    assert status == 3
    [line] = sensitive_lines(out)
    assert "Dinas Kesehatan (dinas-kesehatan)" in line and "dihapus dari daftar palsu" in line
    status, out, _ = run(capsys, str(b), str(a))
    assert status == 0
    assert "ditambahkan ke daftar palsu" in out


def test_official_changes_in_json(pair, capsys) -> None:
    a, b = pair
    append(b / "agencies" / "dinkes.yml", BANK.format(status="active"))
    status, out, _ = run(capsys, str(a), str(b), "--format", "json")
    assert status == 3
    data = json.loads(out)
    [change] = [c for c in data["changes"] if c["kind"] == "official_added"]
    assert change["sensitive"] is True and change["after"]
