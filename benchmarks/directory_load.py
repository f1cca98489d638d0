"""Loading and validating a province's agency directory (issue #12).

    python benchmarks/directory_load.py [--data DATA] [--repeat 5]

Without ``--data`` it writes the agency files of Jawa Tengah (9,174 agencies in 35 folders,
as benchmarks/province.py does) into a temporary folder. Each run calls
``validate.load_directory`` (read, parse, validate every file, build the Directory) in a fresh
subprocess, so every run pays what ``kanal check`` pays, the Kepmendagri list included.
Prints the CPU time (``time.process_time``: steadier than wall time on a shared machine) and
wall time of each run, their minimum and median, and the peak memory. Target: <= 2.5 s CPU.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_CPU = 2.5
ONE_RUN = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from generator.safeinput.problems import Problems
from generator.registry.validate import load_directory

problems = Problems()
cpu, wall = time.process_time(), time.perf_counter()
directory = load_directory(Path(sys.argv[1]), dt.date(2026, 11, 22), problems)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({
    "cpu": cpu, "wall": wall, "agencies": len(directory.agencies) if directory else None,
    "problems": len(problems), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def one_run(data: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", ONE_RUN, str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data folder (default: a generated province)")
    parser.add_argument("--province", default="33")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kanal-dirload-") as tmp:
        data = args.data
        if data is None:
            from benchmarks.province import write_province

            data = Path(tmp) / "data"
            count = write_province(args.province, data)
            print(f"{count} agency files written to {data}")
        runs = [one_run(data.resolve()) for _ in range(args.repeat)]
    for i, run in enumerate(runs, 1):
        print(
            f"run {i}: {run['cpu']:.2f} s CPU, {run['wall']:.2f} s wall, "
            f"{run['agencies']} agencies, {run['problems']} problems, {run['peak_mb']:.0f} MB peak"
        )
    cpu = [run["cpu"] for run in runs]
    wall = [run["wall"] for run in runs]
    best = min(cpu)
    print(
        f"load_directory: CPU min {best:.2f} s, median {statistics.median(cpu):.2f} s; "
        f"wall min {min(wall):.2f} s, median {statistics.median(wall):.2f} s; "
        f"peak {max(run['peak_mb'] for run in runs):.0f} MB"
    )
    print(f"target <= {TARGET_CPU} s CPU: {'met' if best <= TARGET_CPU else 'NOT met'}")


if __name__ == "__main__":
    main()
