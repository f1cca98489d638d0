"""cProfile over a whole ``kanal`` process tree: the CLI and every forked worker, CPU clock.

    python benchmarks/treeprofile.py FOLDER -- build --data ... --out ...

runs ``kanal`` with the given arguments in this process under cProfile with CPU time as its
clock (a busy machine does not inflate it); each worker forked through
``generator.build.worker`` profiles itself into FOLDER too. :func:`report` prints the time of
each process and the functions with the most self time over the whole tree. The posters'
process (``python -m generator.site.posters``, spawned, not forked) is not profiled: its CPU
time is in the benchmark's whole-tree figure.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def profile_cli(argv: list[str], folder: Path) -> int:
    """``kanal argv`` here, profiled into FOLDER/main-PID.prof and FOLDER/worker-PID.prof."""
    from generator import cli
    from generator.build import worker

    folder.mkdir(parents=True, exist_ok=True)
    outer = cProfile.Profile(time.process_time)

    def profiled(job: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            outer.disable()  # the parent's profiler, inherited by fork
            inner = cProfile.Profile(time.process_time)
            inner.enable()
            try:
                return job()
            finally:
                inner.disable()
                inner.dump_stats(folder / f"worker-{os.getpid()}.prof")

        return run

    run_child, send_result = worker._run_child, worker._send_result
    worker._run_child = lambda job, w, parent: run_child(profiled(job), w, parent)
    worker._send_result = lambda job, w, parent: send_result(profiled(job), w, parent)
    outer.enable()
    try:
        return cli.main(argv)
    finally:
        outer.disable()
        outer.dump_stats(folder / f"main-{os.getpid()}.prof")


def _short(path: str) -> str:
    for marker in ("/site-packages/", f"{ROOT}/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def report(folder: Path, top: int = 10) -> None:
    """Each process's CPU seconds, then the ``top`` functions by self time over all of them."""
    files = sorted(folder.glob("*.prof"))
    each = [(f.stem, pstats.Stats(str(f)).total_tt) for f in files]
    stats = pstats.Stats(*(str(f) for f in files))
    total = stats.total_tt
    print(f"profile (cProfile, CPU clock): {total:.1f} s in {len(files)} processes")
    for name, seconds in sorted(each, key=lambda e: -e[1]):
        print(f"  {name:<16} {seconds:6.1f} s")
    print(f"top {top} functions by self time, whole tree:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (path, line, name), (_cc, calls, self_time, _cum, _callers) in rows:
        where = path if path.startswith("<") or path == "~" else _short(path)
        print(
            f"  {self_time:6.1f} s {100 * self_time / total:5.1f} %  {name} ({where}:{line}),"
            f" {calls:,} calls"
        )


if __name__ == "__main__":
    sys.exit(profile_cli(sys.argv[3:] if sys.argv[2] == "--" else sys.argv[2:], Path(sys.argv[1])))
