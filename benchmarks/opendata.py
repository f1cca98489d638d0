"""Benchmark: writing the open data (CSV, JSON, SQLite, Data Package) of N complaint records.

    python benchmarks/opendata.py [--records 1000000 | --data /work/bench/full/data]
                                  [--cache FILE] [--out DIR] [--profile FILE]

With ``--data`` the records of a real data folder go through the real stages (load, validate,
compute) first; otherwise a synthetic ``Figures`` of ``--records`` records is made in memory
(benchmarks/complaints.py). ``--cache`` keeps the computed figures in a pickle so that repeated
runs skip the loading. Only ``write_open_data`` is timed: CPU time of this process and of the
SQLite worker it forks (steadier than wall time on a shared machine), wall time, the peak
memory of both and every file's size.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.complaints.figures import Figures, Settings, compute  # noqa: E402
from generator.complaints.opendata import write_open_data  # noqa: E402
from generator.registry.models import Directory  # noqa: E402
from generator.registry.settings import ComplaintsIn  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def synthetic(records: int, agencies: int) -> tuple[Figures, Directory | None]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from complaints import make_table  # the complaint benchmark's synthetic records

    config = ComplaintsIn(field_check_categories=["kategori-00", "kategori-01"])
    settings = Settings.make(config, "Asia/Jakarta", TODAY, dt.date(2025, 11, 1))
    return compute(make_table(records, agencies), settings), None


def from_data(data: Path) -> tuple[Figures, Directory | None]:
    from generator.complaints.figures import compute_data
    from generator.complaints.load import load_complaints
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    if directory is None:
        sys.exit(f"{data}: not a valid data folder")
    complaints = load_complaints(data, directory, problems)
    return compute_data(complaints, TODAY), directory


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=400)
    parser.add_argument("--data", type=Path, default=None, help="a data folder to load instead")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the computed figures")
    parser.add_argument("--out", type=Path, default=None, help="keep the files here")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats here")
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as fh:
            figures, directory = pickle.load(fh)
    else:
        figures, directory = (
            from_data(args.data) if args.data else synthetic(args.records, args.agencies)
        )
        if args.cache:
            with args.cache.open("wb") as fh:
                pickle.dump((figures, directory), fh, protocol=5)
    print(f"records: {len(figures.table):,}, figure rows {len(figures.rows):,}")
    print(f"prepare (load/compute or cache): {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        # CPU time, not wall time: on a shared machine, waits for the disk and the CPU are noise.
        profile = cProfile.Profile(time.process_time) if args.profile else None
        cpu, child, wall = time.process_time(), children_cpu(), time.perf_counter()
        if profile:
            profile.enable()
        names = write_open_data(figures, out, directory)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        cpu, child = time.process_time() - cpu, children_cpu() - child
        wall = time.perf_counter() - wall
        print(
            f"write_open_data: {cpu:.2f} s CPU here + {child:.2f} s CPU in workers, "
            f"{wall:.2f} s wall"
        )
        total = 0
        for name in names:
            size = (out / name).stat().st_size
            total += size
            print(f"  {name:22} {size / 1e6:9.2f} MB")
        print(f"  {'total':22} {total / 1e6:9.2f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS, whole run): {peak:.0f} MB; SQLite worker {worker:.0f} MB")


if __name__ == "__main__":
    main()
