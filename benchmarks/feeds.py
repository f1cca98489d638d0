"""Benchmark ``kanal fetch``: 1,000 feeds on a loopback server, 5% of them slow or broken.

    python benchmarks/feeds.py [--feeds 1000] [--timeout 5] [--workers 32]

The server runs in its own process (``tests/feedserver.py``); every 20th feed is, in turn,
slower than the timeout, a 500, a slow drip, or broken XML. Prints the wall time, posts
stored, the slowest single feed against the timeout, a second (de-duplicating) run, and the
store's bytes per post.
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=32)
    args = parser.parse_args()
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
