"""Benchmark ``kanal fetch``: 1,000 feeds on a loopback server, 5% of them slow or broken.

    python benchmarks/feeds.py [--feeds 1000] [--timeout 5] [--workers 32]
    python benchmarks/feeds.py --daily [--feeds 500] [--delay 0.3]

``--daily``: the daily job of a regency's generated workflow (``kanal-terbit.yml``, job
``bangun``, event ``schedule``): the repository of benchmarks/regency.py (``kanal init 11.08``,
its accounts, ``feed:`` on 500 of them), a bare ``origin``, and the job's steps "Ambil
unggahan terbaru" (``kanal fetch`` as written: its default timeout and concurrency) and "Simpan
riwayat unggahan" (commit, rebase, push) run by tests/ci_jobs.py; a first day (empty history)
and the next (every post known). Every 20th feed is bad as below, the slow ones slower than
the timeout; ``--delay``: every good feed answers after that many seconds (a real feed
service is not on loopback). Target (issue 21.4): 60 s; the bound printed is the worst case
the settings allow (every feed at its timeout).

The server runs in its own process (``tests/feedserver.py``); every 20th feed is, in turn,
slower than the timeout, a 500, a slow drip, or broken XML. Prints the wall time, posts
stored, the slowest single feed against the timeout, a second (de-duplicating) run, and the
store's bytes per post.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.feeds.fetch import FetchConfig  # noqa: E402
from generator.feeds.refresh import run_fetch  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402


def make_data(folder: Path, base: str, feeds: int) -> Path:
    data = folder / "data"
    (data / "agencies").mkdir(parents=True)
    region = (ROOT / "tests" / "fixtures" / "tiny" / "region.yml").read_text(encoding="utf-8")
    # the loopback server, allowed explicitly: kanal fetch refuses non-public addresses
    region += "feeds:\n  allow_private: [127.0.0.1]\n"
    (data / "region.yml").write_text(region, encoding="utf-8")
    lines = []
    for i in range(feeds):
        lines += [
            f"- id: dinas-{i:04d}",
            f"  name: Dinas Uji {i}",
            "  kind: dinas",
            "  accounts:",
            "    - platform: instagram",
            f"      handle: akun{i:04d}",
            "      status: active",
            "      reviewed: 2026-10-01",
            f"      feed: {base}/many/{i}.xml",
        ]
    (data / "agencies" / "semua.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


TARGET_DAILY = 60.0  # seconds, issue 21.4
TERBIT = ".github/workflows/kanal-terbit.yml"
FETCH_STEPS = ("Ambil unggahan terbaru", "Simpan riwayat unggahan")


def start_server(bad_every: int, slow: float, delay: float = 0.0) -> tuple[subprocess.Popen, int]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.feedserver",
            "--bad-every",
            str(bad_every),
            "--slow",
            str(slow),
            "--items",
            "20",
            "--delay",
            str(delay),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    return server, int(server.stdout.readline())


def daily(feeds: int, delay: float) -> bool:
    """The generated daily job's fetch steps on a regency repository; True when on target."""
    import yaml

    from benchmarks.regency import GIT_ID, git, make_regency
    from generator.cli import _parser
    from tests.ci_jobs import job_env, run_github_job

    defaults = _parser().parse_args(["fetch"])
    server, port = start_server(20, defaults.timeout + 5, delay)
    ok = True
    try:
        with tempfile.TemporaryDirectory(prefix="kanal-daily-") as tmp_name:
            tmp = Path(tmp_name)
            repo, origin = tmp / "repo", tmp / "origin.git"
            env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600", **GIT_ID}
            counts = make_regency(
                repo, env, feed_base=f"http://127.0.0.1:{port}", feeds=feeds, complaints=0, posts=0
            )
            git(tmp, "init", "-q", "--bare", "-b", "main", str(origin), env=env)
            git(repo, "remote", "add", "origin", str(origin), env=env)
            git(repo, "push", "-q", "origin", "main", env=env)
            workflow = yaml.safe_load((repo / TERBIT).read_text(encoding="utf-8"))
            job = workflow["jobs"]["bangun"]
            fetch_job = {"steps": [s for s in job["steps"] if s.get("name") in FETCH_STEPS]}
            assert [s["run"] for s in fetch_job["steps"]][0].strip() == "kanal fetch"
            bound = math.ceil(counts["feeds"] / defaults.workers) * defaults.timeout
            print(
                f"daily job on {counts['feeds']} feeds of {counts['accounts']} accounts "
                f"(every 20th slow past the timeout, a 500, a drip or broken XML; good feeds "
                f"answer after {delay:g} s): kanal fetch as the workflow runs it, "
                f"{defaults.workers} feeds at once, {defaults.timeout:g} s per feed; worst case "
                f"{bound:.0f} s, job timeout {job['timeout-minutes']} min"
            )
            env = job_env(tmp, "1795305600", GITHUB_REF_NAME="main")
            for label in ("first day (empty history)", "next day (every post known)"):
                load0 = "/".join(f"{x:.1f}" for x in os.getloadavg())
                steps = run_github_job(fetch_job, repo, env, "schedule")
                wall, cpu = steps[0].wall, steps[0].cpu
                on_target = wall <= TARGET_DAILY
                ok = ok and on_target
                summary = steps[0].stdout.strip().splitlines()[-1:] or [""]
                print(
                    f"{label}: kanal fetch {wall:.1f} s wall, CPU {cpu:.1f} s; "
                    f"commit and push {steps[1].wall:.1f} s; load before {load0}; "
                    f"target <= {TARGET_DAILY:g} s: {'MET' if on_target else 'MISSED'}"
                )
                print(f"  {summary[0]}")
            head = git(origin, "log", "-1", "--format=%an: %s", env=env)
            print(f"  origin/main: {head}")
    finally:
        server.terminate()
        server.wait()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=None, help="1000; with --daily 500")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--daily", action="store_true", help="the generated daily job")
    parser.add_argument("--delay", type=float, default=0.0, help="--daily: good feeds' delay")
    args = parser.parse_args()
    if args.daily:
        sys.exit(0 if daily(args.feeds or 500, args.delay) else 1)
    args.feeds = args.feeds or 1000
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.feedserver",
            "--bad-every",
            "20",
            "--slow",
            str(args.timeout + 5),
            "--items",
            "20",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            data = make_data(Path(tmp), f"http://127.0.0.1:{port}", args.feeds)
            problems = Problems()
            directory = load_directory(data, dt.date(2026, 11, 22), problems)
            assert directory is not None, [str(p) for p in problems]
            cfg = FetchConfig(
                timeout=args.timeout,
                workers=args.workers,
                allow_private=directory.region.feed_allow_private,
            )
            for label in ("first run", "second run (all posts known)"):
                cpu0 = resource.getrusage(resource.RUSAGE_SELF)
                start = time.perf_counter()
                s = run_fetch(data, directory, cfg, problems)
                wall = time.perf_counter() - start
                cpu1 = resource.getrusage(resource.RUSAGE_SELF)
                cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
                print(
                    f"{label}: {wall:.1f} s wall for {s.feeds} feeds ({args.workers} workers): "
                    f"{s.fetched} fetched, {s.unchanged} unchanged, {s.failed} failed, "
                    f"{s.new_posts} new posts; slowest feed {s.slowest:.2f} s "
                    f"(timeout {args.timeout:g} s); CPU of the fetching process {cpu:.1f} s"
                )
            files = list((data / "posts").rglob("*.jsonl"))
            size = sum(f.stat().st_size for f in files)
            posts = sum(f.read_text(encoding="utf-8").count("\n") for f in files)
            status = (data / "posts" / "_status.json").stat().st_size
            print(
                f"store: {posts} posts in {len(files)} files, {size:,} bytes "
                f"({size / max(posts, 1):.0f} bytes per post); _status.json {status:,} bytes"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
