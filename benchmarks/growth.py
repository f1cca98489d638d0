"""Nothing quadratic: grow agencies, complaint records and weeks of posts by 10x, one at a time,
and print how the time of the real ``kanal build`` grows (target: at most 12x for 10x).

    python benchmarks/growth.py [--keep DIR] [--repeat 1]

Each case is a fresh data folder built by the real CLI in its own process, as of 2026-11-22;
wall time and the whole process tree's peak memory (PSS) are measured around it. Small and
large runs of one dimension are interleaved when ``--repeat`` > 1 and the medians compared.
The base sizes are large enough that fixed costs (Python start-up, MkDocs' theme) do not
hide the growth: 900 -> 9,000 agencies (Jawa Tengah's first units, parents first);
20,000 -> 200,000 complaint records (Kabupaten Blora); 5 -> 50 weeks of posts at the same
rate per week (Blora, every unit with two accounts).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from province import write_complaints, write_posts, write_province  # noqa: E402

from generator.build.memory import TreeMemory  # noqa: E402

TARGET = 12.0


def make(case: str, size: int, folder: Path) -> Path:
    data = folder / "data"
    if case == "agencies":
        write_province("33", data, limit=size)
    elif case == "records":
        write_province("33.16", data, records=True)
        write_complaints(data, size)
    else:  # weeks: the same posts per week, over `size` weeks
        write_province("33.16", data, records=True)
        write_posts(data, 600 * size, weeks=size)
    return data


def build(data: Path) -> tuple[float, float]:
    """Seconds and peak whole-tree PSS (MB) of `kanal build` on ``data``."""
    work = data.parent
    out = work / "site"
    if out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--data",
            str(data),
            "--out",
            str(out),
            "--today",
            "2026-11-22",
        ],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with TreeMemory(pid=child.pid) as memory:
        _, err = child.communicate()
    seconds = time.perf_counter() - t0
    if child.returncode:
        raise SystemExit(f"kanal build failed on {data}:\n{err[-2000:]}")
    return seconds, (memory.peak or 0) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the generated data here")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs per size")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kanal-growth-"))
    cases = {"agencies": (900, 9_000), "records": (20_000, 200_000), "weeks": (5, 50)}
    worst = 0.0
    for case, (small, large) in cases.items():
        folders = {}
        for size in (small, large):
            folder = root / f"{case}-{size}"
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            folders[size] = make(case, size, folder)
        times: dict[int, list[float]] = {small: [], large: []}
        peaks: dict[int, float] = {}
        for _ in range(args.repeat):
            for size in (small, large):
                seconds, peak = build(folders[size])
                times[size].append(seconds)
                peaks[size] = max(peaks.get(size, 0.0), peak)
        a, b = statistics.median(times[small]), statistics.median(times[large])
        ratio = b / a
        worst = max(worst, ratio)
        print(
            f"{case:<9} {small:>7,} -> {large:>7,}: {a:6.1f} s -> {b:6.1f} s = {ratio:5.1f}x"
            f" (target <= {TARGET:.0f}x)  peak {peaks[small]:5.0f} -> {peaks[large]:5.0f} MB",
            flush=True,
        )
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"largest growth {worst:.1f}x for 10x the input: target {verdict}")


if __name__ == "__main__":
    main()
