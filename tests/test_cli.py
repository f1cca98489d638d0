"""The ``kanal`` command as an editor runs it: exit codes, messages, and nothing lost."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

TINY = FIXTURES / "tiny"


def kanal(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--today", "2026-11-22"]
        if args[0] != "--version"
        else [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": "/usr/bin:/bin"},
    )


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


def broken_copy(tmp_path: Path) -> Path:
    data = tmp_path / "broken"
    shutil.copytree(TINY, data)
    dinkes = data / "agencies" / "dinkes.yml"
    dinkes.write_text(
        dinkes.read_text().replace("kind: dinas", "kind: dinass").replace("0812-3456-7890", "0812")
    )
    (data / "agencies" / "bappeda.yml").write_text(
        "id: bappeda\nname: Bappeda\nkind: badan\nparent: tidak-ada\n"
    )
    return data


def test_version(tmp_path):
    result = kanal("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("kanal ")


def test_check_valid(tmp_path):
    result = kanal("check", "--data", str(TINY), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Data valid: 5 instansi, 5 akun, 3 peringatan."
    # The fixture registers 1 of Kota Surakarta's 5 kecamatan and 2 of its 54 kelurahan, and
    # has no site_url (a poster's QR code then holds a relative address).
    lines = result.stderr.splitlines()
    assert [line.split(" belum terdaftar")[0] for line in lines] == [
        f"{TINY}/agencies/laweyan.yml:5:16: warning: region_code: 9 dari 11 desa/kelurahan di Kecamatan Laweyan",
        f"{TINY}/region.yml: warning: site_url: belum diisi: kode QR pada poster hanya memuat "
        "alamat relatif (instansi/...) dan security.txt tanpa Canonical; isi alamat publik situs ini",
        f"{TINY}/region.yml:3:7: warning: code: 4 dari 5 kecamatan",
        "0 galat, 3 peringatan.",
    ]
    strict = kanal("check", "--data", str(TINY), "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_build_warns_as_check_does(tmp_path, project_copy):
    """A region that builds without ``site_url`` is told so by the build, not only by check."""
    checked = kanal("check", "--data", str(TINY), cwd=tmp_path)
    built = kanal(
        "build", "--data", str(TINY), "--out", str(tmp_path / "site"), cwd=project_copy.root
    )
    assert built.returncode == 0, built.stderr

    def warnings(text: str) -> list[str]:
        return sorted(line for line in text.splitlines() if ": warning: " in line)

    assert any("site_url: belum diisi" in line for line in warnings(checked.stderr))
    assert warnings(built.stdout + built.stderr) == warnings(checked.stderr)


def test_demo_registry_is_complete(tmp_path):
    result = kanal("check", "--data", str(ROOT / "data"), "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Data valid: 307 instansi, 448 akun, 0 peringatan." in result.stdout.splitlines()
    assert result.stderr == ""


def test_check_lists_every_problem_without_traceback(tmp_path):
    data = broken_copy(tmp_path)
    result = kanal("check", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert lines[-1] == "3 galat, 0 peringatan."
    assert (
        lines[0]
        == "broken/agencies/bappeda.yml:4:9: error: parent: instansi induk 'tidak-ada' tidak ditemukan"
    )
    assert lines[1].startswith(
        "broken/agencies/dinkes.yml:4:7: error: kind: nilai 'dinass' tidak dikenal"
    )
    # The structural error in dinkes.yml does not hide the bad number in the same file.
    assert lines[2] == (
        "broken/agencies/dinkes.yml:25:12: error: kanal ke-1 (channels).value: "
        "nomor '0812' tidak valid: periksa kode area dan jumlah digitnya"
    )


def test_strict_turns_warnings_into_failure(tmp_path):
    data = tmp_path / "old"
    shutil.copytree(TINY, data)
    laweyan = data / "agencies" / "laweyan.yml"
    laweyan.write_text(laweyan.read_text().replace("reviewed: 2026-09-01", "reviewed: 2025-09-01"))
    assert kanal("check", "--data", str(data), cwd=tmp_path).returncode == 0
    strict = kanal("check", "--data", str(data), "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert (
        "old/agencies/laweyan.yml:10:17: warning: akun ke-1 (accounts).reviewed:" in strict.stderr
    )


def test_failed_build_keeps_last_good_site(tmp_path, project_copy):
    root = project_copy.root
    out = tmp_path / "site"
    first = kanal("build", "--data", str(TINY), "--out", str(out), cwd=root)
    assert first.returncode == 0, first.stderr
    assert "halaman dari 5 instansi" in first.stdout  # page count grows with features
    before = digest(out)
    failed = kanal("build", "--data", str(broken_copy(tmp_path)), "--out", str(out), cwd=root)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "situs sebelumnya tetap utuh" in failed.stderr
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "broken",
        "site",
    ]  # no staging left behind


def test_build_refuses_to_replace_a_foreign_folder(tmp_path, project_copy):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete")
    result = kanal("build", "--data", str(TINY), "--out", str(out), cwd=project_copy.root)
    assert result.returncode == 1
    assert "Kanal tidak akan menimpanya" in result.stderr
    assert (out / "thesis.txt").read_text() == "do not delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]


def test_rebuild_replaces_own_site(tmp_path, project_copy):
    out = tmp_path / "site"
    for _ in range(2):
        result = kanal("build", "--data", str(TINY), "--out", str(out), cwd=project_copy.root)
        assert result.returncode == 0, result.stderr
    assert (out / ".kanal-site").is_file() and (out / "index.html").is_file()


ARGPARSE_ENGLISH = (
    "usage",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help",
    "error:",
    "required",
    "unrecognized",
    "invalid choice",
    "expected",
)


def test_help_and_usage_errors_are_indonesian(tmp_path):
    outputs = [kanal("--help", cwd=tmp_path).stdout]
    for command in ("check", "build", "serve", "fetch", "import", "schema"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", command, "--help"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0
        outputs.append(result.stdout)
    bogus = kanal("check", "--bogus", cwd=tmp_path)
    missing = subprocess.run(
        [sys.executable, "-m", "generator", "import", "--format", "x"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert bogus.returncode == missing.returncode == 2
    assert bogus.stderr.splitlines()[-1] == "kanal: galat: argumen tidak dikenal: --bogus"
    assert missing.stderr.splitlines()[-1] == (
        "kanal import: galat: argumen --format: pilihan tidak dikenal: 'x' "
        "(pilih salah satu: 'lapor', 'kanal', 'open311')"
    )
    outputs += [bogus.stderr, missing.stderr]
    assert outputs[0].startswith("cara pakai: kanal ")
    assert "tampilkan bantuan ini lalu keluar" in outputs[0]
    for text in outputs:
        assert not any(word in text.lower() for word in ARGPARSE_ENGLISH), text


def test_quick_exit_keeps_every_line_and_leaves_nothing_behind(tmp_path, project_copy):
    """``kanal build`` ends without freeing what it loaded (generator.cli.QUICK_EXIT): its
    output, written to a pipe, is whole, and no private folder, worker or file is left."""
    root = project_copy.root
    out = tmp_path / "site"
    folder = root / "build"
    before = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    built = kanal("build", "--data", str(TINY), "--out", str(out), cwd=root)
    assert built.returncode == 0, built.stderr
    lines = built.stdout.splitlines()
    assert lines[-1].startswith("Buka dengan: python3 -m http.server -d ")
    assert any(line.startswith("Situs dibangun: ") for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # The lock file stays (its lock is the kernel's, released when the process ends); the
    # build's private folders (.docs-PID-*) are gone.
    after = {p.name for p in folder.iterdir()}
    assert after - before <= {".docs.lock", "docs"}, after - before
    assert not [name for name in after if name.startswith(".docs-")]
    checked = kanal("check", "--data", str(broken_copy(tmp_path)), cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[-1].endswith(" peringatan.")
    assert "Traceback" not in checked.stderr


def test_console_ends_the_process_only_after_the_heavy_commands(monkeypatch, capsys):
    from generator import cli

    ended: list[int] = []

    class Ended(Exception):
        pass

    def fake_exit(code: int) -> None:
        ended.append(code)
        raise Ended

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    with contextlib.suppress(Ended):
        cli.console(["check", "--data", str(TINY), "--today", "2026-11-22"])
    assert ended == [0]
    assert "Data valid: 5 instansi" in capsys.readouterr().out
    # Another command returns as main() does: the interpreter ends as usual.
    assert cli.console(["wilayah", "33.72"]) == 0
    assert ended == [0]
    assert set(cli.COMMANDS) >= cli.QUICK_EXIT
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'kanal = "generator.cli:console"' in pyproject
    assert "console()" in (ROOT / "generator" / "__main__.py").read_text()


def test_console_output_fails_loudly_on_a_full_disk_and_quietly_on_a_closed_stream(tmp_path):
    """Ending without the interpreter's cleanup keeps its verdicts on output: a report that
    could not be written (a full disk under a CI artifact) is exit 120, not 0; a closed
    standard output is no crash; a reader that stops early (| head) loses the rest quietly.
    And the GitLab report is JSON alone, records' summaries included (the demo has some)."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    args = [sys.executable, "-m", "generator", "check", "--data", str(ROOT / "data")]
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*args, "--format", "gitlab"], stdout=full, stderr=subprocess.PIPE, env=env, text=True
        )
    assert run.returncode == 120, run.stderr
    # stdout closed before the start; stdout read 5 bytes by a reader that then goes away
    for script in ('exec "$@" >&-', '"$@" | head -c 5; exit "${PIPESTATUS[0]}"'):
        shell = subprocess.run(
            ["bash", "-c", script, "kanal", *args], capture_output=True, env=env, text=True
        )
        assert shell.returncode == 0 and "Traceback" not in shell.stderr, (script, shell.stderr)
    report = subprocess.run([*args, "--format", "gitlab"], capture_output=True, env=env, text=True)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout) == []
    assert "Data pribadi disamarkan" in report.stderr
