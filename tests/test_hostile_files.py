"""Symbolic links and odd files under data/, content/ and theme/: located errors, no secrets.

Every case runs the real ``kanal`` command in a subprocess and checks the exit code, the exact
message and that no traceback was printed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.feeds.fetch import FetchConfig
from generator.registry.validate import load_directory
from generator.safeinput.files import LINK_MESSAGE, copy_tree
from generator.safeinput.problems import Problems
from generator.safeinput.recordsheets import SAVE_AS_UTF8
from tests.conftest import FIXTURES, ROOT, TODAY, copy_project
from tests.test_cli import kanal

SECRET = "RAHASIA_TOKEN=jangan-terbit-8f3a"
FOLDER = "berupa folder, bukan berkas; ganti nama foldernya atau pindahkan isinya"
FIFO = "berupa FIFO (pipa bernama), bukan berkas biasa; hapus atau ganti dengan berkas biasa"
HEADER = "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the data folder that must never be read into any output."""
    path = tmp_path / "luar" / "rahasia.csv"
    path.parent.mkdir()
    path.write_text(f"{SECRET},kolom\n{SECRET},x\n", encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", folder)
    return folder


def report_lines(stderr: str) -> list[str]:
    """The report without the tiny region's completeness warnings (1 of Surakarta's 5
    kecamatan is registered) and its missing ``site_url``, with the closing count adjusted."""
    lines = stderr.splitlines()
    kept = [line for line in lines if " belum terdaftar" not in line and "site_url:" not in line]
    dropped = len(lines) - len(kept)
    out = []
    for line in kept:
        count = re.fullmatch(r"(\d+) galat, (\d+) peringatan\.", line)
        if count and dropped:
            line = f"{count.group(1)} galat, {int(count.group(2)) - dropped} peringatan."
        out.append(line)
    return out


def check(tmp_path: Path) -> tuple[int, list[str], str]:
    result = kanal("check", "--data", "data", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    return result.returncode, report_lines(result.stderr), output


def test_links_under_data_are_refused_without_reading_them(tmp_path, data, secret):
    (data / "agencies" / "curian.yml").symlink_to(secret)
    linked_dir = tmp_path / "luar" / "folder"
    linked_dir.mkdir()
    (linked_dir / "x.yml").write_text(f"id: x\nname: {SECRET}\nkind: dinas\n")
    (data / "agencies" / "tertaut").symlink_to(linked_dir)
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines == [
        f"data/agencies/curian.yml: error: {LINK_MESSAGE}",
        f"data/agencies/tertaut: error: {LINK_MESSAGE}",
        "2 galat, 0 peringatan.",
    ]
    assert SECRET not in output


def test_linked_complaint_file_is_not_echoed(tmp_path, data, secret):
    (data / "complaints").mkdir()
    (data / "complaints" / "aduan.csv").symlink_to(secret)
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines == [f"data/complaints/aduan.csv: error: {LINK_MESSAGE}", "1 galat, 0 peringatan."]
    assert SECRET not in output  # the CSV reader used to echo the target's header cells


def test_linked_region_file_is_refused(tmp_path, data, secret):
    region = data / "region.yml"
    (tmp_path / "luar" / "region.yml").write_text(region.read_text(encoding="utf-8"))
    region.unlink()
    region.symlink_to(tmp_path / "luar" / "region.yml")
    code, lines, output = check(tmp_path)
    assert code == 1
    assert f"data/region.yml: error: {LINK_MESSAGE}" in lines


@pytest.mark.parametrize("value", ["../luar/rahasia.csv", "/etc/passwd", "tautan.csv"])
def test_extra_region_codes_stay_inside_the_data_folder(tmp_path, data, secret, value):
    (data / "tautan.csv").symlink_to(secret)
    region = data / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8") + f"demo: true\nextra_region_codes: {value}\n"
    )
    code, lines, output = check(tmp_path)
    assert code == 1
    assert any(
        line.endswith(
            "error: extra_region_codes: harus berkas biasa di dalam folder data "
            "(tanpa '..', jalur absolut atau tautan simbolik)"
        )
        for line in lines
    ), lines
    assert SECRET not in output and "root:" not in output


def test_linked_post_history_is_refused(tmp_path, data, secret):
    folder = data / "posts" / "instagram" / "dinkes.uji"
    folder.mkdir(parents=True)
    (folder / "2026.jsonl").symlink_to(secret)
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines[0] == f"data/posts/instagram/dinkes.uji/2026.jsonl: error: {LINK_MESSAGE}"
    assert SECRET not in output


def test_linked_posts_folder_is_reported_once(tmp_path, data):
    elsewhere = tmp_path / "luar" / "posts"
    (elsewhere / "instagram" / "dinkes.uji").mkdir(parents=True)
    (data / "posts").symlink_to(elsewhere)
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines[:2] == [f"data/posts: error: {LINK_MESSAGE}", "1 galat, 0 peringatan."]


def test_linked_posts_csv_is_refused_by_fetch(tmp_path, data, secret, monkeypatch):
    from generator.feeds.refresh import run_fetch

    monkeypatch.chdir(tmp_path)
    (data / "posts-csv").mkdir()
    (data / "posts-csv" / "ekspor.csv").symlink_to(secret)
    (data / "posts-csv" / "folder.csv").mkdir()
    problems = Problems()
    directory = load_directory(Path("data"), TODAY, problems)
    assert directory is not None
    run_fetch(Path("data"), directory, FetchConfig(), problems, jobs=[])
    assert [str(p) for p in problems if " belum terdaftar" not in str(p)] == [
        f"data/posts-csv/ekspor.csv: error: {LINK_MESSAGE}",
        f"data/posts-csv/folder.csv: error: {FOLDER}",
    ]


def test_odd_files_under_data_get_located_errors(tmp_path, data):
    agencies, complaints = data / "agencies", data / "complaints"
    complaints.mkdir()
    (agencies / "folder.yml").mkdir()
    (agencies / "folder.yml" / "isi.yml").write_text("- bukan instansi\n")
    (agencies / "hilang.yml").symlink_to(tmp_path / "tidak-ada.yml")  # dangling
    os.mkfifo(agencies / "pipa.yml")  # opening it for reading would block forever
    (agencies / "latin1.yml").write_bytes("id: x\nname: Caf\xe9\n".encode("latin-1"))
    (complaints / "folder.csv").mkdir()
    os.mkfifo(complaints / "pipa.csv")
    (complaints / "latin1.csv").write_bytes(HEADER.encode() + "1,\xe9\n".encode("latin-1"))
    code, lines, output = check(tmp_path)
    assert code == 1
    for expected in [
        f"data/agencies/folder.yml: error: {FOLDER}",
        "data/agencies/folder.yml/isi.yml:1:3: error: butir ke-1: harus berupa bagian berisi pasangan 'kunci: nilai'",
        f"data/agencies/hilang.yml: error: {LINK_MESSAGE}",
        f"data/agencies/pipa.yml: error: {FIFO}",
        "data/agencies/latin1.yml:2:10: error: berkas bukan teks UTF-8 (ada huruf dari pengodean lain, "
        "misalnya dari Word atau Excel); buka di editor teks lalu simpan ulang sebagai UTF-8 "
        "(Notepad: Simpan Sebagai, Pengodean: UTF-8; VS Code: klik pengodean di bilah bawah, "
        "Save with Encoding, UTF-8)",
    ]:
        assert expected in lines, (expected, lines)
    # Complaints are read once the directory is valid: fix the agencies and look again.
    for name in ("folder.yml", "hilang.yml", "pipa.yml", "latin1.yml"):
        path = agencies / name
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines[:4] == [
        f"data/complaints/folder.csv: error: {FOLDER}",
        "data/complaints/latin1.csv:2:3: error: berkas bukan teks UTF-8 (huruf 'é' dari pengodean "
        f"lain, biasanya Windows-1252 dari Excel); {SAVE_AS_UTF8}",
        f"data/complaints/pipa.csv: error: {FIFO}",
        "3 galat, 0 peringatan.",
    ]


def test_unreadable_file_is_a_located_error(tmp_path, data):
    (data / "agencies" / "dinkes.yml").chmod(0o000)
    # Root reads everything: run the command without the capabilities that allow it.
    command = [
        sys.executable,
        "-m",
        "generator",
        "check",
        "--data",
        "data",
        "--today",
        "2026-11-22",
    ]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", *command]
    result = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "data/agencies/dinkes.yml: error: berkas tidak bisa dibaca: izin ditolak; "
        "periksa hak aksesnya",
        "1 galat, 0 peringatan.",
    ]


def project_with(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    copy_project(root)
    return root


def test_links_in_content_and_theme_stop_the_build(tmp_path, secret):
    root = project_with(tmp_path)
    (root / "content" / "environ.md").symlink_to("/proc/self/environ")
    (root / "content" / "rahasia.md").symlink_to(secret)
    (root / "theme" / "main.html").unlink()
    (root / "theme" / "main.html").symlink_to(secret)
    os.mkfifo(root / "content" / "pipa.md")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(FIXTURES / "tiny")]
        + ["--out", "situs", "--today", "2026-11-22"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "KANAL_SECRET": SECRET},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert report_lines(result.stderr) == [
        f"content/environ.md: error: {LINK_MESSAGE}",
        f"content/pipa.md: error: {FIFO}",
        f"content/rahasia.md: error: {LINK_MESSAGE}",
        f"theme/main.html: error: {LINK_MESSAGE}",
        "4 galat, 0 peringatan.",
        "Tidak ada yang dibangun; situs sebelumnya tetap utuh.",
    ]
    assert not (root / "situs").exists()
    assert SECRET not in result.stdout + result.stderr


def test_content_copy_never_follows_a_link(tmp_path, secret):
    """The second lock: even unchecked, the copy into the site leaves links behind."""
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "index.md").write_text("# Beranda\n")
    (content / "sub" / "a.md").write_text("# A\n")
    (content / "rahasia.md").symlink_to(secret)
    (content / "luar").symlink_to(secret.parent)
    os.mkfifo(content / "pipa.md")
    docs = tmp_path / "docs"
    copy_tree(content, docs)
    assert sorted(str(p.relative_to(docs)) for p in docs.rglob("*")) == [
        "index.md",
        "sub",
        "sub/a.md",
    ]


def test_odd_import_inputs_get_located_errors(tmp_path, data):
    os.mkfifo(tmp_path / "pipa.csv")
    (tmp_path / "latin.csv").write_bytes(
        "nomor tiket,tanggal laporan\n1,caf\xe9\n".encode("latin-1")
    )
    (tmp_path / "rusak.json").write_text("{rusak", encoding="utf-8")
    cases = [
        ("lapor", "pipa.csv", f"pipa.csv: error: {FIFO}"),
        ("lapor", "hilang.csv", "hilang.csv: error: berkas tidak ditemukan"),
        ("lapor", "data", f"data: error: {FOLDER}"),
        (
            "lapor",
            "latin.csv",
            "latin.csv:2:6: error: berkas bukan teks UTF-8 (huruf 'é' dari pengodean lain, "
            f"biasanya Windows-1252 dari Excel); {SAVE_AS_UTF8}",
        ),
        (
            "open311",
            "rusak.json",
            "rusak.json:1:2: error: JSON tidak valid: Expecting property name enclosed in double quotes",
        ),
    ]
    for fmt, name, expected in cases:
        result = kanal("import", "--format", fmt, name, "--out", "hasil.csv", cwd=tmp_path)
        assert result.returncode == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr
        lines = [line for line in report_lines(result.stderr) if not line.startswith("Tidak ada")]
        assert lines == [expected, "1 galat, 0 peringatan."]
    assert not (tmp_path / "hasil.csv").exists()


def test_fifo_as_feed_status_does_not_hang(tmp_path, data):
    (data / "posts").mkdir()
    os.mkfifo(data / "posts" / "_status.json")
    code, lines, output = check(tmp_path)
    assert code == 1
    assert lines == [f"data/posts/_status.json: error: {FIFO}", "1 galat, 0 peringatan."]


def test_data_folder_inside_a_link_loop_gets_located_errors(tmp_path, monkeypatch):
    """Showing a path resolves its folder; Path.resolve raised RuntimeError on a link loop."""
    monkeypatch.chdir(tmp_path)
    Path("loop").symlink_to("loop")
    problems = Problems()
    assert load_directory(Path("loop/data"), TODAY, problems) is None
    assert [str(p) for p in problems.sorted()] == [
        "loop/data/agencies: error: tidak bisa dibaca: Too many levels of symbolic links",
        "loop/data/agencies: error: tidak ada berkas instansi (*.yml)",
        "loop/data/region.yml: error: berkas wilayah 'region.yml' tidak ditemukan",
    ]


def test_kanal_check_in_a_link_loop_says_where_it_looked(tmp_path, monkeypatch, capsys):
    """`kanal check --data loop/data` with `loop` a link to itself: a plain message, exit 1,
    no traceback (the message used to call Path.resolve, which raises on a loop)."""
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    Path("loop").symlink_to("loop")
    assert main(["check", "--data", "loop/data"]) == 1
    err = capsys.readouterr().err
    assert f"folder data 'loop/data' tidak ditemukan (dicari di {tmp_path}/loop/data)" in err
