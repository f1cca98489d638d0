"""Post-history benchmark: read a province's stored posts and compute the activity figures.

    python benchmarks/history.py [--posts 1040000] [--accounts 4000] [--keep DIR]

Writes ``--accounts`` active accounts with feeds (two per agency) and about ``--posts`` stored
posts over the 52 weeks before the build date (``write_posts`` of benchmarks/province.py),
then, in a fresh process, loads the directory (not measured) and measures
``load_history`` + ``activity.compute``: wall and CPU time, and the peak memory (ru_maxrss)
of that process, with its memory before the step. Target: under 5 s and 150 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.province import TODAY, write_posts  # noqa: E402

REGION = """name: "Kabupaten Uji Riwayat"
code: "33.01"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo
  email: diskominfo@example.go.id
themes:
  - id: kesehatan
    name: Kesehatan
    keywords: [puskesmas, kesehatan, posyandu]
  - id: jalan
    name: Jalan
    keywords: [jalan, drainase]
"""


def write_data(data: Path, accounts: int, posts: int) -> int:
    """A region with ``accounts`` active accounts (two per agency) and their stored posts."""
    folder = data / "agencies"
    folder.mkdir(parents=True)
    (data / "region.yml").write_text(REGION, encoding="utf-8")
    for n in range((accounts + 1) // 2):
        handle = f"dinas.uji.{n:05d}"
        lines = [f"id: dinas-{n:05d}", f'name: "Dinas Uji {n}"', "kind: dinas", "accounts:"]
        for platform, url in (
            ("instagram", f"https://www.instagram.com/{handle}/"),
            ("youtube", f"https://www.youtube.com/@{handle}"),
        ):
            lines += [
                f"  - platform: {platform}",
                f"    url: {url}",
                f"    feed: https://rss.example.id/{platform}/{handle}.xml",
                "    status: active",
                "    reviewed: 2026-10-01",
            ]
        (folder / f"dinas-{n:05d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return write_posts(data, posts)


def measure(data: Path) -> None:
    """In this fresh process: load the directory, then time the history step; one JSON line."""
    from generator.feeds.activity import compute, load_history
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None and not problems.errors
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    usage, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    history = load_history(data, directory, problems)
    loaded = time.perf_counter()
    activity = compute(directory, history.posts, history.status)
    done = time.perf_counter()
    assert not problems.errors, problems.errors[:3]
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "accounts": len(history.posts),
                "posts": sum(h.count for h in history.posts.values()),
                "posts_90": activity.total.posts_90,
                "load_s": round(loaded - wall, 2),
                "compute_s": round(done - loaded, 2),
                "wall_s": round(done - wall, 2),
                "cpu_user_s": round(after.ru_utime - usage.ru_utime, 2),
                "cpu_sys_s": round(after.ru_stime - usage.ru_stime, 2),
                "rss_before_mb": round(before / 1024),
                "peak_rss_mb": round(after.ru_maxrss / 1024),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_040_000)
    parser.add_argument("--accounts", type=int, default=4000)
    parser.add_argument("--keep", type=Path, help="write (or reuse) the data in this folder")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data = (args.keep or Path(tmp)) / "data"
        if not data.exists():
            t0 = time.perf_counter()
            total = write_data(data, args.accounts, args.posts)
            print(f"wrote {total:,} posts in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(data)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    result = json.loads(out)
    print(json.dumps(result, indent=1))
    print(
        f"load_history + compute: {result['wall_s']} s wall, CPU {result['cpu_user_s']} s user "
        f"+ {result['cpu_sys_s']} s system, "
        f"peak {result['peak_rss_mb']} MB (before the step {result['rss_before_mb']} MB), "
        f"{result['posts']:,} posts of {result['accounts']:,} accounts"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
