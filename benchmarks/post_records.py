"""Size and time of the published post records (``generator.feeds.opendata``).

    python benchmarks/post_records.py [--posts 100000] [--accounts 400]

Writes a synthetic stored history (``benchmarks/history.py``: two accounts with feeds per
agency, posts over the 52 weeks before the build date), then writes the post records and the
feed status as the build does (the records while the posts are read and checked, then the
feed table), and prints the bytes per post of each published file, the projection to
1,000,000 posts and the time taken by each step.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.history import write_data  # noqa: E402
from benchmarks.province import TODAY  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=400)
    args = parser.parse_args()
    from generator.feeds.activity import compute, load_history
    from generator.feeds.opendata import write_post_data
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        total = write_data(data, args.accounts, args.posts)
        problems = Problems()
        directory = load_directory(data, TODAY, problems)
        assert directory is not None
        # As a build: the records are written while the posts are read and checked, then
        # the open data adds the feed table and moves them into place.
        start = time.perf_counter()
        history = load_history(data, directory, problems, records=Path(tmp) / "records")
        read = time.perf_counter() - start
        activity = compute(directory, history.posts, history.status)
        start = time.perf_counter()
        write_post_data(directory, activity, history, out)
        seconds = time.perf_counter() - start
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
        published = sum(sizes.values())
        print(
            json.dumps(
                {
                    "posts": total,
                    "seconds_read_check_and_records": round(read, 1),
                    "seconds_feeds_and_move": round(seconds, 1),
                    "bytes": sizes,
                    "bytes_per_post": round(published / total, 1),
                    "projected_mb_per_million": round(published / total * 1e6 / 1e6, 1),
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
