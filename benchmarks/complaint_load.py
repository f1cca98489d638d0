"""Benchmark: reading and checking a region's complaint records (``load_complaints`` alone).

    python benchmarks/complaint_load.py DATA [--runs 3] [--collector] [--dump FILE]

Loads the directory of ``DATA`` once, then times ``load_complaints`` in CPU seconds (a busy
machine does not inflate them), with the cyclic collector paused as ``kanal build`` pauses it
while loading (``--collector``: running): each run reads the files as the build does (a clean
CSV file whole, by polars: ``generator.complaints.fastload``), then every file the careful way
(``fast=False``), and prints both and their ratio; the two tables must be equal. ``--dump``
pickles the loaded table, files, redactions and problems: two versions of the code load the
same data alike when their dumps are equal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import pickle
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.complaints.load import load_complaints  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--collector", action="store_true", help="leave the collector running")
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    directory = load_directory(args.data, args.today, Problems())
    if directory is None:
        sys.exit("the directory does not load")
    gc.collect()
    gc.freeze()
    if not args.collector:
        gc.disable()
    seconds: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.runs):
        tables = {}
        for fast in (True, False):
            problems = Problems()
            start = time.process_time()
            data = load_complaints(args.data, directory, problems, fast=fast)
            seconds[fast].append(time.process_time() - start)
            tables[fast] = pickle.dumps(vars(data.table))
            path = "as the build reads" if fast else "careful path only "
            print(f"load_complaints, {path}: {seconds[fast][-1]:.2f} s CPU", flush=True)
        if tables[True] != tables[False]:
            sys.exit("the two paths gave different tables")
    fast, careful = (statistics.median(seconds[f]) for f in (True, False))
    print(
        f"median {fast:.2f} s CPU as the build reads, {careful:.2f} s the careful way only "
        f"({careful / fast:.2f}x); {len(data):,} records, {len(problems.items)} problems"
    )
    if args.dump:
        columns = {
            name: value.tolist() if hasattr(value, "tolist") else value
            for name, value in vars(data.table).items()
        }
        found = [repr(p) for p in problems.items]
        with args.dump.open("wb") as fh:
            pickle.dump((columns, data.files, data.redactions, found), fh)


if __name__ == "__main__":
    main()
