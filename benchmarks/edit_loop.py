"""The edit loop: how long after a clerk saves one agency file the served page shows it.

    python benchmarks/edit_loop.py [--province DIR] [--regency DIR] [--edits 5] [--skip-province]
                                   [--skip-demo]

Starts the real ``kanal serve`` on loopback, changes one account handle in one agency file,
and polls the page that shows it over HTTP until the new handle appears; prints the median of
``--edits`` edits against the targets (a regency: the demo, <= 1 s; a province: Jawa Tengah,
9,174 agencies, <= 3 s) with the machine's load average, since the machine may be shared.
The open data is written after the page (``kanal serve`` says "data terbuka diperbarui"):
an edit stops the last one's ("dihentikan"), and the last edit's is waited for, so how long
it follows the page is printed too.
``--province DIR`` reuses the data folder ``benchmarks/province.py --keep DIR`` wrote
(``DIR/data``), written there first when missing; its edited file is put back at the end.
``--regency DIR`` also measures a regency of real size with its records: the repository
``benchmarks/ci_run.py --region 11.08 --keep DIR`` made (``DIR/repo``: Aceh Utara, 897
agencies, 20,000 complaints, 49,035 stored posts), against the regency's target.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
POLL = 0.02  # seconds between two requests for the page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, wanted: str, timeout: float) -> float:
    """Seconds until ``wanted`` is on the page at ``url``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if wanted in fetch(url):
            return time.monotonic() - start
        time.sleep(POLL)
    raise SystemExit(f"'{wanted}' did not appear at {url} within {timeout:.0f} s")


def log_text(path: Path) -> str:
    """The log so far, through a handle of its own (``kanal serve`` shares the writer's
    offset: seeking that one would make it write over the start)."""
    return path.read_bytes().decode("utf-8", "replace")


def wait_for_line(path: Path, wanted: str, edits: int, timeout: float) -> None:
    """Until ``kanal serve``'s log holds a line with ``wanted`` after the last edit's round."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        rounds = log_text(path).split("dibangun ulang")
        if len(rounds) > edits + 1 and wanted in rounds[-1]:
            return
        time.sleep(POLL)
    raise SystemExit(f"'{wanted}' did not appear in kanal serve's log within {timeout:.0f} s")


def project_folder(base: Path) -> Path:
    """Kanal's mkdocs.yml, content/ and theme/ from this checkout (what is measured)."""
    project = base / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    return project


def measure(
    name: str, data: Path, agency: Path, page: str, edits: int, first_wait: float
) -> tuple[list[float], list[float], tuple[float, float, float], list[float]]:
    """Start kanal serve over ``data``; edit ``agency``'s first handle ``edits`` times."""
    original = agency.read_text(encoding="utf-8")
    found = re.search(r"(handle: \"?@?|url: \"?https://www\.tiktok\.com/@)([\w.]+)", original)
    if not found:
        raise SystemExit(f"{agency}: no handle to edit")
    with tempfile.TemporaryDirectory(prefix="kanal-edit-") as tmp:
        project = project_folder(Path(tmp))
        port = free_port()
        log_path = Path(tmp) / "serve.log"
        log = open(log_path, "w+b")  # noqa: SIM115 - read back at the end
        command = [sys.executable, "-m", "generator", "serve", "--data", str(data)]
        proc = subprocess.Popen(
            [*command, "--addr", f"127.0.0.1:{port}", "--today", TODAY],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        url = f"http://127.0.0.1:{port}/{page}"
        times: list[float] = []
        try:
            started = wait_for(url, found.group(2), first_wait)
            print(f"{name}: first build served after {started:.1f} s", flush=True)
            time.sleep(3)  # the first build's files are no longer "just written"
            for i in range(1, edits + 1):
                marker = f"kanaluji{i}x{os.getpid()}"
                text = original[: found.start(2)] + marker + original[found.end(2) :]
                agency.write_text(text, encoding="utf-8")  # the clock starts with the save
                times.append(wait_for(url, marker, 120))
                time.sleep(1.0)
            # The last edit's open data is stopped by no later one: wait until it is in.
            if "menyusul" in log_text(log_path).rsplit("dibangun ulang", 1)[-1]:
                wait_for_line(log_path, "data terbuka diperbarui", edits, 600)
        finally:
            agency.write_text(original, encoding="utf-8")
            proc.terminate()
            proc.wait(timeout=60)
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").splitlines()
            log.close()
        rebuilds = [line for line in lines if "dibangun ulang" in line or "galat" in line]
        # The first build's line, then one per edit (an edit seen as two writes would show),
        # and the line of the open data written after each edit's pages.
        for line in lines:
            if line in rebuilds or "data terbuka" in line:
                print(f"  serve: {line}")
    cpu = [float(m.group(1)) for m in (re.search(r"CPU ([\d.]+) s", r) for r in rebuilds[1:]) if m]
    later = [
        float(m.group(1))
        for m in (re.search(r"data terbuka diperbarui dalam ([\d.]+) s", r) for r in lines)
        if m
    ]
    return times, cpu, os.getloadavg(), later


def report(name: str, measured: tuple, target: float) -> None:
    """The median against the target, with the load average when the edits ended."""
    times, cpu, loadavg, later = measured
    median = statistics.median(times)
    ok = "meets" if median <= target else "MISSES"
    shown = ", ".join(f"{t:.2f}" for t in times)
    load = ", ".join(f"{x:.2f}" for x in loadavg)
    print(
        f"{name:<9} median {median:5.2f} s over {len(times)} edits ({shown});"
        f" target <= {target:.0f} s: {ok}; load average {load} on {os.cpu_count()} cores"
    )
    if cpu:
        print(
            f"{'':<9} rebuild CPU time (kanal serve's own line): median {statistics.median(cpu):.1f} s"
        )
    if later:
        print(
            f"{'':<9} the open data, written after the page, in the site after a further"
            f" median {statistics.median(later):.1f} s ({len(later)} edits)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", type=Path, help="folder of benchmarks/province.py --keep")
    parser.add_argument("--regency", type=Path, help="folder of benchmarks/ci_run.py --keep")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--skip-province", action="store_true")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()

    demo = None
    if not args.skip_demo:
        with tempfile.TemporaryDirectory(prefix="kanal-demo-") as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(ROOT / "data", data)
            agency = data / "agencies" / "opd" / "dinas-kesehatan.yml"
            demo = measure("demo", data, agency, "instansi/dinas-kesehatan/", args.edits, 300)
        report("demo", demo, 1.0)
    regency = None
    if args.regency is not None:
        data = args.regency / "repo" / "data"
        if not (data / "region.yml").exists():
            raise SystemExit(f"{data}: run benchmarks/ci_run.py --region 11.08 --keep DIR first")
        agency = data / "agencies" / "opd" / "dinas-kesehatan.yml"
        regency = measure("regency", data, agency, "instansi/dinas-kesehatan/", args.edits, 600)
        report("regency", regency, 1.0)
    if args.skip_province:
        return

    base = args.province or Path(tempfile.mkdtemp(prefix="kanal-bench-"))
    data = base / "data"
    if not (data / "region.yml").exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from province import write_province

        print(f"writing Jawa Tengah's agencies into {data} ...", flush=True)
        write_province("33", data)
    # A village's TikTok handle, shown on its kecamatan's page.
    agency = data / "agencies" / "33.15" / "desa-kradenan-3315072004.yml"
    page = "instansi/kecamatan-kradenan-331507/"
    province = measure("province", data, agency, page, args.edits, 1800)
    if demo is not None:
        report("demo", demo, 1.0)
    if regency is not None:
        report("regency", regency, 1.0)
    report("province", province, 3.0)


if __name__ == "__main__":
    main()
