"""Kanal used as an office uses it: from a region repository, outside Kanal's checkout."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path

from generator.commands.serve import pick_address
from tests.test_serve import fetch_until, free_port

ROOT = Path(__file__).resolve().parent.parent


def kanal(*args: str, cwd: Path, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_commands_outside_a_region_repository_say_where_they_looked(tmp_path):
    for command in ("check", "build", "serve"):
        result = kanal(command, cwd=tmp_path)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert result.stderr == (
            f"galat: folder data 'data' tidak ditemukan (dicari di {tmp_path}/data). Jalankan "
            "perintah ini di folder repositori daerah, pakai --data FOLDER, atau buat repositori "
            "baru: kanal init KODE FOLDER (misalnya kanal init 33.16 blora)\n"
        )
    tiny = str(ROOT / "tests" / "fixtures" / "tiny")
    result = kanal("build", "--data", tiny, "--config", "tidak-ada.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"galat: berkas konfigurasi 'tidak-ada.yml' tidak ditemukan (dicari di "
        f"{tmp_path}/tidak-ada.yml); hapus --config untuk memakai pengaturan bawaan Kanal\n"
    )


def test_default_port_moves_on_when_taken_and_a_chosen_one_is_refused(monkeypatch, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        monkeypatch.setattr("generator.commands.serve.DEFAULT_ADDR", ("127.0.0.1", port))
        host, chosen = pick_address(None)
        assert host == "127.0.0.1" and chosen != port
        assert capsys.readouterr().out == (
            f"Port {port} sedang dipakai program lain; memakai port {chosen}.\n"
        )
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1795305600"},
        )
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"galat: port {port} di 127.0.0.1 sedang dipakai program lain; pilih port lain, "
        f"misalnya kanal serve --addr 127.0.0.1:{port + 1}\n"
    )
    assert "Traceback" not in result.stderr


def test_serve_from_a_region_repository(tmp_path):
    """Prints its URL, one line per rebuild, keeps the last good preview; never a traceback."""
    assert kanal("init", "33.72", "solo", cwd=tmp_path).returncode == 0
    repo = tmp_path / "solo"
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=repo,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        page = f"http://127.0.0.1:{port}/instansi/dinas-kominfo/"
        fetch_until(page, "Dinas Komunikasi dan Informatika Kota Surakarta", time.monotonic() + 90)
        opd = repo / "data" / "agencies" / "opd" / "dinas-kominfo.yml"
        opd.write_text(opd.read_text().replace('short_name: "Diskominfo"', 'short_name: "Kominfo"'))
        fetch_until(page, "Kominfo", time.monotonic() + 60)
        opd.write_text("id: dinas-kominfo\nname: [rusak\n")
        deadline = time.monotonic() + 30
        while "galat: data tidak valid" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        fetch_until(page, "Kota Surakarta", time.monotonic() + 5)
    finally:
        proc.terminate()
        proc.wait(20)
    out = log.read_text()
    assert f"Pratinjau di http://127.0.0.1:{port}/ (hentikan dengan Ctrl+C)" in out
    assert "] dibangun ulang (" in out
    assert "] galat: data tidak valid; pratinjau menampilkan versi terakhir yang valid." in out
    assert "Traceback" not in out


def test_wheel_installed_outside_the_checkout_builds_a_region(tmp_path):
    """The Done-when of issue 9: wheel -> fresh venv -> kanal init -> check -> build -> served."""
    # As a clerk's shell: no PYTHONPATH pointing into a checkout (its kanal.egg-info would
    # make pip think Kanal is installed already).
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        env=clean,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("kanal-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120, env=clean)
    python = str(venv / "bin" / "python")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=clean,
    ).stdout.strip()
    # Dependencies come from the test environment (no network); Kanal itself from the wheel.
    # A plain path line in a .pth adds the folder but runs none of its .pth files, so the
    # editable install of the checkout stays out of reach.
    (Path(purelib) / "kanal-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    kanal_bin = str(venv / "bin" / "kanal")
    work = Path(tempfile.mkdtemp(prefix="kanal-region-"))  # readable by nobody, unlike tmp_path
    try:
        os.chmod(work, 0o755)
        init = subprocess.run(
            [kanal_bin, "init", "33.16", "blora"],
            cwd=work,
            text=True,
            capture_output=True,
            timeout=120,
            env=clean,
        )
        assert init.returncode == 0, init.stderr
        repo = work / "blora"
        # Issue 17.6: the CI files name the source this Kanal came from (a local wheel, which
        # CI cannot read: the clerk is told to publish it), and the repository is on main.
        assert f"Perhatian: Kanal terpasang dari berkas lokal ({wheel})" in init.stdout
        for ci in (".github/workflows/kanal-terbit.yml", ".gitlab-ci.yml"):
            text = (repo / ci).read_text(encoding="utf-8")
            assert f"source it was itself installed from: berkas lokal {wheel}" in " ".join(
                line.strip(" #") for line in text.splitlines() if line.lstrip().startswith("#")
            )
        if shutil.which("git"):
            head = subprocess.run(
                ["git", "symbolic-ref", "HEAD"], cwd=repo, capture_output=True, text=True
            )
            assert head.stdout.strip() == "refs/heads/main", head.stderr
        where = subprocess.run(
            [python, "-c", "import generator.build.project as p; print(p.defaults_dir())"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            env=clean,
        ).stdout.strip()
        assert where == f"{purelib}/generator/defaults"
        check = subprocess.run(
            [kanal_bin, "check"], cwd=repo, text=True, capture_output=True, env=clean
        )
        assert check.returncode == 0, check.stderr
        assert check.stdout.startswith("Data valid: ")
        build = subprocess.run(
            [kanal_bin, "build"], cwd=repo, text=True, capture_output=True, timeout=300, env=clean
        )
        assert build.returncode == 0, build.stderr
        site = repo / "site"
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "Kabupaten Blora" in home and "295" in home
        assert (site / "instansi" / "kecamatan-cepu" / "index.html").is_file() or any(
            "Cepu" in p.read_text(encoding="utf-8") for p in site.rglob("*.html")
        )
        assert (site / "cara-melapor" / "index.html").is_file()  # a packaged page
        if os.geteuid() == 0:
            port = free_port()
            server = subprocess.Popen(
                [
                    "runuser",
                    "-u",
                    "nobody",
                    "--",
                    "python3",
                    "-m",
                    "http.server",
                    "-d",
                    str(site),
                    "--bind",
                    "127.0.0.1",
                    str(port),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                fetch_until(f"http://127.0.0.1:{port}/", "Kabupaten Blora", time.monotonic() + 20)
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/assets/kanal/kanal.css", timeout=5
                ) as response:
                    assert response.status == 200
            finally:
                server.terminate()
                server.wait(10)
    finally:
        shutil.rmtree(work)
