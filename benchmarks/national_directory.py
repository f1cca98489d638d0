"""A national directory in one build: every Kepmendagri 2025 unit below the provinces as an agency.

    python benchmarks/national_directory.py [--work /work/bench-national] [--rewrite]
        [--repeat 1] [--no-browser] [--no-settle] [--profile FILE]

Writes the data folder once into WORK/data (91,561 agency files: 514 regencies and cities,
7,285 kecamatan, 83,762 desa and kelurahan, one folder per regency; ``--rewrite`` writes it
again) with a ``region.yml`` that says ``level: nasional`` (no code: the whole country). Then
runs the real ``kanal build`` CLI in a fresh process (after removing the previous site and
waiting SETTLE_SECONDS, see ``build``) and prints its wall and CPU time (the
whole tree's, from the kernel's accounting of waited-for children), the load average beside
them (the machine is shared), the whole process tree's peak memory (PSS, as ``kanal build``
reports it: its own sampler, ``generator.build.memory``, over the build and its workers; a
second sampler here would cost CPU twice), the page count, and the first load (gzip, in Chromium, as
``benchmarks/first_load.py`` measures it) of the home page, Direktori and Cakupan, each
against its target. ``--profile FILE`` runs the build under cProfile instead and writes the
statistics of each process, the build's and every forked worker's, into the folder FILE
(``benchmarks/treeprofile.py``, CPU clock) and prints the functions with the most self time
(the times are then the profiler's, not the target's).

Not to be confused with ``benchmarks/national.py``: that one times ``kanal province``
aggregating 514 regency sites; this one builds one site holding every unit.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from province import write_units  # noqa: E402

from generator.registry import regions  # noqa: E402

TARGET_SECONDS = 40.0
TARGET_MB = 1500.0  # MB of 10^6 bytes, as kanal build prints them
TARGET_GZIP_KB = 150.0
PAGES = {"home": "", "Direktori": "direktori/", "Cakupan": "cakupan/"}
REGION_YML = """# A national directory: every regency, city, kecamatan and village of Indonesia.
name: "Indonesia"
level: nasional
timezone: Asia/Jakarta
publisher:
  name: Direktori Nasional (data contoh)
  email: direktori@nasional.example.go.id
"""


def write_national(data: Path) -> int:
    """One agency file per unit below the provinces, in one folder per regency/city."""
    import random

    codes = regions.reference_codes()
    rng = random.Random(91)
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(REGION_YML, encoding="utf-8")
    return write_units(data, codes, rng)


# How long ext4 without a journal (this development machine's disk) skips a deleted inode
# when it allocates new ones, once the inode table is written back (fs/ext4/ialloc.c
# ``recently_deleted``: 60 s; 300 s while still dirty). A build right after the previous
# site's ~200,000 files were removed walks past each of them: its system time was 8-69 s.
SETTLE_SECONDS = 65


def build(work: Path, profile: Path | None, settle: bool = True) -> dict[str, float]:
    """One real ``kanal build`` of WORK/data into WORK/site: wall, CPU, peak PSS, load.
    ``settle``: the previous site is removed, written back (``sync``) and left
    SETTLE_SECONDS first, so that the build does not pay for its deleted inodes."""
    out = work / "site"
    if out.exists():
        shutil.rmtree(out)
    if settle:
        os.sync()
        time.sleep(SETTLE_SECONDS)
    command = [sys.executable]
    if profile is not None:
        if profile.exists():
            shutil.rmtree(profile)
        command += [str(ROOT / "benchmarks" / "treeprofile.py"), str(profile), "--"]
    else:
        command += ["-m", "generator"]
    command += ["build", "--data", str(work / "data"), "--out", str(out), "--today", "2026-11-22"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stdout, err = child.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode:
        raise SystemExit(f"kanal build failed:\n{stdout[-2000:]}\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = sum(1 for _ in out.rglob("index.html"))
    peak = re.search(r"Memori puncak: ([\d.]+) MB", stdout)
    return {
        "wall": wall,
        "cpu": cpu,
        "peak_mb": int(peak.group(1).replace(".", "")) if peak else float("nan"),
        "load": (load + os.getloadavg()[0]) / 2,
        "pages": pages,
    }


def first_loads(site: Path) -> dict[str, float]:
    """KB gzip of each page in PAGES on a cold load in Chromium (benchmarks/first_load.py)."""
    from playwright.sync_api import sync_playwright

    from benchmarks.first_load import first_load
    from tests.gzip_server import serve

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                args=["--no-sandbox"],
            )
            sizes = {
                label: sum(r[2] for r in first_load(browser, base + path)) / 1024
                for label, path in PAGES.items()
            }
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sizes


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/work/bench-national"))
    parser.add_argument("--rewrite", action="store_true", help="write the data folder again")
    parser.add_argument("--repeat", type=int, default=1, help="builds; the median is judged")
    parser.add_argument("--no-browser", action="store_true", help="skip the first loads")
    parser.add_argument(
        "--no-settle",
        action="store_true",
        help=f"build right after removing the previous site (no {SETTLE_SECONDS} s wait)",
    )
    parser.add_argument(
        "--profile", type=Path, help="run the build under cProfile into the folder FILE"
    )
    args = parser.parse_args()
    work = args.work.resolve()
    data = work / "data"
    if args.rewrite and data.exists():
        shutil.rmtree(data)
    if not (data / "region.yml").exists():
        if data.exists():
            shutil.rmtree(data)
        t0 = time.perf_counter()
        n = write_national(data)
        print(f"wrote {n:,} agency files into {data} in {time.perf_counter() - t0:.1f} s")
    agencies = sum(1 for _ in (data / "agencies").rglob("*.yml"))
    runs = [build(work, args.profile, not args.no_settle) for _ in range(max(1, args.repeat))]
    for i, r in enumerate(runs, 1):
        print(
            f"run {i}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, peak {r['peak_mb']:,.0f} MB"
            f" (whole tree, PSS), load average {r['load']:.2f} on {os.cpu_count()} cores"
        )
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    print(f"kanal build, {agencies:,} agencies, {runs[-1]['pages']:,.0f} pages:")
    print(
        f"  wall {wall:.1f} s (target <= {TARGET_SECONDS:.0f} s): {verdict(wall <= TARGET_SECONDS)}"
    )
    print(f"  CPU  {cpu:.1f} s (parent and every worker)")
    print(
        f"  peak {peak:,.0f} MB whole tree (target <= {TARGET_MB:,.0f} MB): {verdict(peak <= TARGET_MB)}"
    )
    ok = wall <= TARGET_SECONDS and peak <= TARGET_MB
    if not args.no_browser:
        for label, kb in first_loads(work / "site").items():
            print(
                f"  first load {label:<9} {kb:6.1f} KB gzip (target <= {TARGET_GZIP_KB:.0f} KB):"
                f" {verdict(kb <= TARGET_GZIP_KB)}"
            )
            ok &= kb <= TARGET_GZIP_KB
    html = {
        label: (work / "site" / path / "index.html").stat().st_size / 1024
        for label, path in PAGES.items()
    }
    print("  HTML " + ", ".join(f"{k} {v:,.0f} KB" for k, v in html.items()))
    if args.profile:
        from treeprofile import report

        print(f"cProfile statistics in {args.profile} (times above include the profiler)")
        report(args.profile, 15)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
