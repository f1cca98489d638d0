"""`kanal serve` as a subprocess: it serves the site and regenerates when data changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_until(url: str, wanted: str, deadline: float) -> str:
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{wanted!r} never appeared at {url}; last response: {text[:200]!r}")


def test_serve_regenerates_on_data_change(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--data",
            str(data),
            "--addr",
            f"127.0.0.1:{port}",
            "--today",
            "2026-11-22",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        page = f"http://127.0.0.1:{port}/instansi/bappeda/"
        fetch_until(page, "Badan Perencanaan Pembangunan Daerah", time.monotonic() + 60)
        agency = data / "agencies" / "bappeda.yml"
        agency.write_text(
            agency.read_text().replace(
                "name: Badan Perencanaan Pembangunan Daerah", "name: Bappeda Baru"
            )
        )
        fetch_until(page, "Bappeda Baru", time.monotonic() + 30)
        # Broken data: reported, and the last good preview keeps being served.
        agency.write_text("id: bappeda\nname: [rusak\n")
        time.sleep(2)
        assert "Bappeda Baru" in fetch_until(page, "Bappeda Baru", time.monotonic() + 5)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "tanda kurung [ dibuka di sini tetapi tidak ditutup" in output
    assert "Traceback" not in output
