"""Issue 21, target 2: a province with full records through the real ``kanal build``, against
a bare ``mkdocs build`` of the same pages, in one run; and where the CPU goes.

    python benchmarks/province_cli.py --keep DIR [--reuse] [--records 1] [--repeat 3] [--profile]

Data as ``benchmarks/province.py`` writes it (Jawa Tengah: 9,174 agencies; ``--records 1``: a
million complaint records and ~1,040,000 stored posts); ``--reuse`` takes the data already
under ``DIR/data``. Each round runs the real CLI (``python -m generator build``, a fresh
process, as of 2026-11-22), then a bare ``mkdocs build`` of the ``build/docs`` it left, so
the two are interleaved on a shared machine; medians are compared. Printed per round: wall,
CPU of the whole process tree (the build, its forked workers and its memory sampler: user +
system time, from ``wait4``) and the whole tree's peak memory as the CLI reports it (PSS).

``--profile`` adds one more CLI run under cProfile with CPU time as its clock (a busy machine
does not inflate it), every forked worker profiled too, and prints the ten functions with the
most self time over the whole tree. Profiling slows calls down, so that run is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
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

from province import (  # noqa: E402
    TODAY,
    copy_project,
    write_complaints,
    write_posts,
    write_province,
)

WALL_TARGET = 30.0  # seconds
RATIO_TARGET = 1.0  # kanal build / bare mkdocs
PEAK = re.compile(r"Memori puncak: ([\d.]+) MB")


def cli_args(work: Path, out: Path) -> list[str]:
    project = work / "project" / "mkdocs.yml"
    return [
        "build",
        *("--config", str(project), "--data", str(work / "data")),
        *("--out", str(out), "--today", TODAY.isoformat()),
    ]


def run_cli(work: Path) -> dict:
    """One real ``kanal build``: wall, the tree's CPU (every waited-for descendant) and the
    peak the CLI printed."""
    out = work / "cli-site"
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "generator", *cli_args(work, out)],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - t0
    if child.returncode:
        raise SystemExit(f"kanal build failed (exit {child.returncode}):\n{stderr[-3000:]}")
    found = PEAK.search(stdout)
    peak = int(found.group(1).replace(".", "")) if found else 0
    return {
        "seconds": wall,
        "cpu": children_cpu() - cpu0,
        "peak_mb": peak,
        "trash": trash_seconds(out),
    }


def trash_seconds(out: Path, limit: float = 300.0) -> float:
    """How long after ``kanal build`` returned its detached deleter still removed the previous
    site (generator.build.discard): waited for, so that it never overlaps the next round."""
    t0 = time.perf_counter()
    while any(out.parent.glob(f".{out.name}.trash-*")) and time.perf_counter() - t0 < limit:
        time.sleep(0.05)
    return time.perf_counter() - t0


def children_cpu() -> float:
    """User + system time of every reaped child and what it reaped (its workers, sampler)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_bare(work: Path) -> dict:
    """A bare ``mkdocs build`` of the CLI's build/docs (benchmarks/province.py --stage bare)."""
    child = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "province.py"), "--stage", "bare"]
        + ["--keep", str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        raise SystemExit(f"bare mkdocs failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def write_overrides(work: Path) -> None:
    """What the bare build needs to match Kanal's MkDocs configuration (province.py's format)."""
    from generator.build.pipeline import Project, _base_extra, mkdocs_overrides
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    project = Project(work / "project" / "mkdocs.yml")
    directory = load_directory(work / "data", TODAY, Problems())
    assert directory is not None
    overrides = mkdocs_overrides(directory, project, _base_extra(project))
    (work / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")


def stage_profile(work: Path) -> None:
    """The CLI in this process under cProfile (CPU clock); each forked worker profiles itself
    (benchmarks/treeprofile.py)."""
    from treeprofile import profile_cli

    raise SystemExit(profile_cli(cli_args(work, work / "cli-site"), work / "profile"))


def profile(work: Path, top: int = 10) -> None:
    folder = work / "profile"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    subprocess.run(
        [sys.executable, __file__, "--stage", "profile", "--keep", str(work)],
        cwd=work,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    from treeprofile import report

    report(folder, top)


def prepare(work: Path, records: float, reuse: bool) -> None:
    copy_project(work)
    data = work / "data"
    if reuse and data.is_dir():
        return
    if data.exists():
        shutil.rmtree(data)
    write_province("33", data, records=records > 0)
    if records:
        write_complaints(data, int(1_000_000 * records))
        write_posts(data, int(1_040_000 * records))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the data and site here")
    parser.add_argument("--records", type=float, default=1.0, help="1 = a million records")
    parser.add_argument("--reuse", action="store_true", help="reuse the data under --keep")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds")
    parser.add_argument("--profile", action="store_true", help="and the top 10 by self time")
    parser.add_argument("--stage", choices=["profile"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kanal-bench-"))
    if args.stage == "profile":
        return stage_profile(work)
    prepare(work, args.records, args.reuse)
    rounds = []
    for i in range(args.repeat):
        cli = run_cli(work)
        if not i:  # the configuration reads what the build wrote (the Dataset JSON-LD)
            write_overrides(work)
        bare = run_bare(work)
        rounds.append((cli, bare))
        print(
            f"round {i + 1}: kanal build {cli['seconds']:6.1f} s (CPU {cli['cpu']:6.1f} s,"
            f" peak {cli['peak_mb']:,} MB PSS; previous site removed"
            f" {cli['trash']:.1f} s after it returned)   bare mkdocs {bare['seconds']:6.1f} s"
            f" (CPU {bare['cpu']:6.1f} s)   ratio {cli['seconds'] / bare['seconds']:.2f}",
            flush=True,
        )
    wall = statistics.median(c["seconds"] for c, _ in rounds)
    bare_wall = statistics.median(b["seconds"] for _, b in rounds)
    cpu = statistics.median(c["cpu"] for c, _ in rounds)
    bare_cpu = statistics.median(b["cpu"] for _, b in rounds)
    ratio = statistics.median(c["seconds"] / b["seconds"] for c, b in rounds)
    peak = max(c["peak_mb"] for c, _ in rounds)
    load = os.getloadavg()[0]
    print(f"median of {len(rounds)} (load average {load:.1f} on {os.cpu_count()} cores):")
    print(f"  kanal build  {wall:6.1f} s wall (target <= {WALL_TARGET:.0f} s), CPU {cpu:.1f} s")
    print(f"  bare mkdocs  {bare_wall:6.1f} s wall, CPU {bare_cpu:.1f} s")
    print(
        f"  ratio        {ratio:6.2f} x (target <= {RATIO_TARGET:.1f}), CPU {cpu / bare_cpu:.2f} x"
    )
    print(f"  peak memory  {peak:6,} MB whole tree, PSS (target <= 1,024 MB)")
    if args.profile:
        profile(work)
    print(f"data and site in {work}")


if __name__ == "__main__":
    main()
