"""Province view benchmark: the real `kanal province` over Jawa Tengah's 35 published sites.

    python benchmarks/province_view.py [--keep DIR] [--province 33] [--runs http folder]

Writes the published data of every regency and city of the province (``data/kanal.json`` with
hashes, ``agencies.csv`` with every kecamatan and desa/kelurahan of the Kepmendagri 2025 list,
``accounts.csv``, ``figures.csv`` with its ``complaints.csv`` and ``calendar.csv``, ``posts-2026.csv.gz``;
``benchmarks/national.py``'s ``write_site``), scaffolds a
province repository with ``kanal init 33`` and lists the members in ``data/members.yml``, then
times the real command (``kanal province``, a subprocess) end to end, twice:

- ``http``: every member read over HTTP from a real ``http.server`` on 127.0.0.1 (in a thread of
  this process); the province's ``region.yml`` lists 127.0.0.1 in ``feeds.allow_private``, as an
  office does for its intranet (loopback is refused otherwise);
- ``folder``: every member read from its folder (``path:``).

For each run it prints the wall time, the child's CPU time (user + system, from
``resource.getrusage(RUSAGE_CHILDREN)`` before and after), its peak memory (max RSS of that child
alone, from ``os.wait4``), the site's size and page count and how many members were verified.
Issue #12's target: the province view built from 35 regencies' published data in <= 30 s.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from national import TODAY, write_site  # noqa: E402

from generator.province.collect import units_by_regency  # noqa: E402
from generator.registry import regions  # noqa: E402

TARGET_SECONDS = 30.0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    """A real HTTP server for ``folder`` on 127.0.0.1 (an ephemeral port), in a daemon thread."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def kanal(args: list[str], cwd: Path, log: Path) -> tuple[int, float, float, float]:
    """Run ``kanal ARGS`` in a fresh process: exit code, wall s, CPU s, peak RSS MB of that child."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, stdout=out, stderr=out
        )
        # wait4: this child's own rusage (RUSAGE_CHILDREN's max RSS is the max over all children).
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return child.returncode, wall, cpu, usage.ru_maxrss / 1024


def province_repo(root: Path, province: str, members: list[str], where: dict[str, str]) -> Path:
    """``kanal init PROVINCE`` plus ``data/members.yml`` listing ``members`` (site or path)."""
    code, wall, _, _ = kanal(["init", province, str(root)], Path.cwd(), root.with_suffix(".init"))
    if code != 0:
        raise SystemExit(f"kanal init {province} failed: {root.with_suffix('.init').read_text()}")
    lines = ["members:"]
    for member in members:
        key, value = where[member].split("=", 1)
        lines.append(f'  - code: "{member}"\n    {key}: "{value}"')
    (root / "data" / "members.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def measure(repo: Path, label: str, members: int) -> bool:
    """Time `kanal province` in ``repo``; print its figures; True when every member verified."""
    log = repo.parent / f"{label}.log"
    args = ["province", "--data", "data", "--out", "site", "--today", TODAY.isoformat()]
    code, wall, cpu, rss = kanal(args, repo, log)
    text = log.read_text(encoding="utf-8")
    if code != 0:
        print(text, file=sys.stderr)
        print(f"{label}: kanal province exited {code}", file=sys.stderr)
        return False
    site = repo / "site"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sum(1 for _ in site.rglob("*.html"))
    verified = sum(1 for line in text.splitlines() if line.endswith(": Terbaca dan terverifikasi"))
    verdict = "ok" if wall <= TARGET_SECONDS else f"OVER the {TARGET_SECONDS:.0f} s target"
    print(
        f"{label:6} wall {wall:5.1f} s ({verdict}), CPU {cpu:5.1f} s, peak {rss:4.0f} MB, "
        f"site {size / 1e6:5.1f} MB, {pages} HTML pages, {verified}/{members} members verified"
    )
    return verified == members


def _table(site: Path) -> list[dict[str, str]]:
    """The province's comparison table without its ``site`` column (a URL or nothing)."""
    with (site / "data" / "provinsi.csv").open(encoding="utf-8") as fh:
        return [{k: v for k, v in row.items() if k != "site"} for row in csv.DictReader(fh)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in this new or empty folder and keep it"
    )
    parser.add_argument("--province", default="33", help="Kepmendagri province code (33)")
    parser.add_argument("--runs", nargs="+", choices=("http", "folder"), default=["http", "folder"])
    args = parser.parse_args()
    root = (args.keep or Path(tempfile.mkdtemp(prefix="kanal-province-view-"))).resolve()
    root.mkdir(parents=True, exist_ok=True)
    codes = regions.reference_codes()
    members = sorted(
        c for c in codes if c.startswith(args.province + ".") and regions.depth(c) == 2
    )
    sites = root / "members"
    start = time.perf_counter()
    rng = random.Random(int(args.province))
    index = units_by_regency(codes)
    for member in members:
        write_site(sites / member, member, codes, index, rng)
    size = sum(p.stat().st_size for p in sites.rglob("*") if p.is_file())
    print(
        f"published data: {len(members)} regencies/cities of {codes[args.province]}, "
        f"{size / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f} s"
    )
    server = serve(sites)
    port = server.server_address[1]
    ok = True
    try:
        for run in args.runs:
            repo = root / f"province-{run}"
            if run == "http":
                where = {m: f"site=http://127.0.0.1:{port}/{m}/" for m in members}
            else:
                where = {m: f"path={sites / m}" for m in members}
            province_repo(repo, args.province, members, where)
            if run == "http":  # as an office lists its intranet server
                with (repo / "data" / "region.yml").open("a", encoding="utf-8") as fh:
                    fh.write("feeds:\n  allow_private: [127.0.0.1]\n")
            ok = measure(repo, run, len(members)) and ok
    finally:
        server.shutdown()
        server.server_close()
    if ok and len(set(args.runs)) == 2:
        same = _table(root / "province-http" / "site") == _table(root / "province-folder" / "site")
        print(f"comparison table alike over HTTP and from folders (but the site column): {same}")
        ok = ok and same
    if not args.keep:
        shutil.rmtree(root)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
