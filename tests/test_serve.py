"""`kanal serve` as a subprocess: it serves the site and regenerates when data changes."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import FIXTURES, copy_project

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
    project, data = _project(tmp_path)
    port = free_port()
    proc = _serve(project, data, port)
    try:
        page = f"http://127.0.0.1:{port}/instansi/bappeda/"
        fetch_until(page, "Badan Perencanaan Pembangunan Daerah", time.monotonic() + 60)
        # Published by kanal build, so served by the preview too (MkDocs leaves dot-folders out).
        well_known = f"http://127.0.0.1:{port}/.well-known/security.txt"
        fetch_until(well_known, "Contact: mailto:kominfo@example.go.id", time.monotonic() + 5)
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


def test_serve_shows_the_page_then_its_open_data(tmp_path):
    """With records (the demo), the edited page is served and the open data follows it: the
    downloads then hold the edit too, and the preview says so in one line."""
    project = tmp_path / "project"
    copy_project(project)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    port = free_port()
    proc = _serve(project, data, port)
    try:
        page = f"http://127.0.0.1:{port}/instansi/bappeda/"
        fetch_until(page, "Bappeda", time.monotonic() + 120)
        agency = data / "agencies" / "opd" / "bappeda.yml"
        text = agency.read_text(encoding="utf-8")
        name = next(line for line in text.splitlines() if line.startswith("name: "))
        agency.write_text(text.replace(name, "name: Badan Perencanaan Uji Baru"), "utf-8")
        fetch_until(page, "Badan Perencanaan Uji Baru", time.monotonic() + 60)
        agencies = f"http://127.0.0.1:{port}/data/agencies.csv"
        fetch_until(agencies, "Badan Perencanaan Uji Baru", time.monotonic() + 60)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "data terbuka menyusul" in output
    assert "data terbuka diperbarui dalam" in output
    assert "Traceback" not in output


def _serve(project: Path, data: Path, port: int, env: dict | None = None) -> subprocess.Popen:
    """``kanal serve`` of ``data`` on loopback ``port``, its output in ``proc.stdout``."""
    return subprocess.Popen(
        [*_kanal("serve", "--data", str(data), "--addr", f"127.0.0.1:{port}", tmp=project)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env or {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def _project(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "project"
    copy_project(project)
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    return project, data


def _kanal(*args: str, tmp: Path) -> list[str]:
    return [sys.executable, "-m", "generator", *args, "--today", "2026-11-22"]


def test_sigterm_stops_serve_without_leftovers_and_a_build_runs_beside_it(tmp_path):
    """Issue 17.9: SIGTERM cleans up as Ctrl+C does (no mkdocs_* copy of the site left in the
    temp folder), and `kanal build` beside a running preview gets its own docs folder."""
    project, data = _project(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp)}
    port = free_port()
    serve = _serve(project, data, port, env)
    try:
        fetch_until(
            f"http://127.0.0.1:{port}/instansi/bappeda/", "Badan Perencanaan", time.monotonic() + 60
        )
        assert [p.name for p in tmp.iterdir() if p.name.startswith("mkdocs_")]  # MkDocs' copy
        built = subprocess.run(
            _kanal("build", "--data", str(data), "--out", str(tmp_path / "site"), tmp=tmp),
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert built.returncode == 0, built.stderr
        assert "Proses Kanal lain sedang memakai" in built.stderr
        assert (tmp_path / "site" / "instansi" / "bappeda" / "index.html").is_file()
        assert not list((project / "build").glob(".docs-*"))  # the build's own folder is gone
        fetch_until(
            f"http://127.0.0.1:{port}/instansi/bappeda/", "Badan Perencanaan", time.monotonic() + 10
        )
    finally:
        serve.send_signal(signal.SIGTERM)
        output = serve.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert serve.returncode == 0, output
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp.iterdir()) == []


def test_two_builds_at_once_in_one_repository(tmp_path):
    """Two `kanal build` in one region repository, the second started while the first's MkDocs
    reads build/docs, from data with one kecamatan less (a shell before and after an edit):
    sharing build/docs, the second removed pages the first was reading ("Error reading page")."""
    from generator.commands.init import run_init

    repo = tmp_path / "blora"
    assert run_init("33.16", repo) == 0
    fewer = tmp_path / "data-fewer"
    shutil.copytree(repo / "data", fewer)
    (fewer / "agencies" / "kecamatan" / "kecamatan-cepu.yml").unlink()
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    def start(i: int, data: Path) -> subprocess.Popen[bytes]:
        command = ["build", "--data", str(data), "--out", str(tmp_path / f"site{i}")]
        return subprocess.Popen(
            [sys.executable, "-m", "generator", *command, "--today", "2026-11-22"],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )

    first = start(1, repo / "data")
    deadline = time.monotonic() + 120
    page = repo / "build" / "docs" / "instansi" / "kecamatan-cepu" / "index.md"
    while not page.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    procs = [first, start(2, fewer)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err.decode()[-3000:]
    assert (tmp_path / "site1" / "instansi" / "kecamatan-cepu" / "index.html").is_file()
    assert not (tmp_path / "site2" / "instansi" / "kecamatan-cepu").exists()
    assert not list((repo / "build").glob(".docs-*"))


HOLDER = """
import sys
from pathlib import Path
from generator.build.docslock import docs_folder
from generator.build.project import project_for

with docs_folder(project_for(Path(sys.argv[1]), None)) as held:
    page = held.docs / "instansi" / "bappeda" / "index.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("HELD", encoding="utf-8")
    print(held.docs, flush=True)
    sys.stdin.readline()  # MkDocs of this process would read build/docs now
    print("intact" if page.is_file() and page.read_text(encoding="utf-8") == "HELD" else "changed")
"""


def test_a_build_never_writes_into_docs_another_process_holds(tmp_path):
    """Deterministic: a process holds build/docs (as a build does while its MkDocs reads it)
    and a real `kanal build` runs meanwhile. The build must take its own folder and leave the
    held pages untouched. Without the lock (docs_folder always yielding build/docs) the build
    rewrites the held page and this fails; the timing-based test above passes either way when
    the first build finishes reading before the second writes."""
    project, data = _project(tmp_path)
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert Path(holder.stdout.readline().strip()) == project / "build" / "docs"
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "--data",
                str(data),
                "--out",
                str(tmp_path / "site"),
                "--today",
                "2026-11-22",
            ],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        holder.stdin.write("\n")
        holder.stdin.flush()
        verdict = holder.stdout.readline().strip()
    finally:
        holder.communicate(timeout=30)  # closes stdin: the holder ends even if the build failed
    assert built.returncode == 0, built.stderr[-3000:]
    assert verdict == "intact"  # without the lock: "changed" (the build rewrote the held page)
    assert "Proses Kanal lain sedang memakai" in built.stderr
    assert (tmp_path / "site" / "instansi" / "bappeda" / "index.html").is_file()
    assert not list((project / "build").glob(".docs-*"))


def test_the_preview_replaces_site_files_whole(tmp_path):
    """A download under way keeps the file it opened: MkDocs' in-place writes cut one short
    (IncompleteRead) when the preview wrote the open data again. Inside atomic_site_writes
    each file MkDocs copies or writes is renamed over its target, with the mode open() gives,
    and nothing is left beside it; outside, MkDocs' own functions are back."""
    import os
    import stat

    from mkdocs import utils

    from generator.build.incremental import atomic_site_writes

    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    target = site / "data" / "agencies.csv"
    target.write_bytes(b"old," * 10_000)
    source = tmp_path / "new.csv"
    source.write_bytes(b"new" * 5)
    before = (utils.copy_file, utils.write_file)
    with target.open("rb") as reading, atomic_site_writes():
        first = reading.read(100)
        utils.copy_file(str(source), str(target))
        utils.write_file(b"<html></html>", str(site / "index.html"))
        utils.copy_file(str(source), str(site / "data"))  # a folder: the file goes inside
        assert first + reading.read() == b"old," * 10_000  # the old file, whole
    assert target.read_bytes() == b"new" * 5 == (site / "data" / "new.csv").read_bytes()
    assert (site / "index.html").read_bytes() == b"<html></html>"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in site.rglob("*")) == [
        "agencies.csv",
        "data",
        "index.html",
        "new.csv",
    ]
    assert (utils.copy_file, utils.write_file) == before
