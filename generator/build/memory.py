"""The peak memory of a whole process tree: the build and every worker it forks.

``ru_maxrss`` sees one process; a build forks workers that share most pages copy-on-write,
so neither one process's peak nor the sum of resident sizes says what the machine needed.
The proportional set size (PSS: each shared page divided among the processes sharing it)
summed over the tree does. A separate sampler process reads ``/proc/PID/smaps_rollup`` of the
tree every ``interval`` seconds: a thread would stop the build from forking (see
``generator.build.worker``) and would share the interpreter it measures.

Reading ``smaps_rollup`` walks the process's page tables while holding its memory-map lock
(the process's own mmap and munmap wait, and its page faults behind them): about 14 ms of CPU
for a province build's 800 MB process, longer when the sampler is preempted on a busy machine.
Four such processes sampled every 50 ms took as much CPU as the build itself on a loaded
2-core machine. The sampler therefore spends at most ``BUDGET`` of its time sampling: after a
sample that took ``t`` seconds (wall) it waits ``max(interval, t / BUDGET - t)``, but never
more than ``LONGEST`` (a second). A regency's small processes are still sampled every 50 ms; a
province's about once a second, which its stages (each many seconds long) allow.

Linux only; elsewhere :class:`TreeMemory` reports ``None``. Imports nothing else of Kanal.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

INTERVAL = 0.05  # seconds between samples, at least
BUDGET = 0.05  # the sampler's share of its time spent sampling, at most...
LONGEST = 1.0  # ...unless that would leave more than this many seconds between samples


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, as /proc shows them now."""
    seen, stack = [], [pid]
    while stack:
        current = stack.pop()
        seen.append(current)
        stack.extend(_children(current))
    return seen


def pss_bytes(pid: int) -> int:
    """The process's proportional set size, 0 if it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def sample(pid: int, skip: int) -> int:
    return sum(pss_bytes(p) for p in tree(pid) if p != skip)


def _run_sampler(pid: int, interval: float) -> None:
    """Sample until standard input closes, then print the peak in bytes."""
    me = os.getpid()
    peak = 0
    while True:
        cost = time.perf_counter()  # wall: time holding a process's lock counts, preempted too
        peak = max(peak, sample(pid, me))
        cost = time.perf_counter() - cost
        ready, _, _ = select.select(
            [sys.stdin], [], [], min(max(interval, cost / BUDGET - cost), LONGEST)
        )
        if ready and not sys.stdin.buffer.read1(64):
            break
    peak = max(peak, sample(pid, me))
    print(peak, flush=True)


class TreeMemory:
    """``with TreeMemory() as m: ...`` then ``m.peak`` (bytes, or None off Linux): this
    process's tree, or that of ``pid`` (a benchmark measuring the command it started)."""

    def __init__(self, interval: float = INTERVAL, pid: int | None = None) -> None:
        self.interval = interval
        self.pid = os.getpid() if pid is None else pid
        self.peak: int | None = None
        self._sampler: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> TreeMemory:
        if Path(f"/proc/{self.pid}/smaps_rollup").is_file():
            self._sampler = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "generator.build.memory",
                    str(os.getpid()),
                    str(self.interval),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sampler = self._sampler
        if sampler is None:
            return
        try:
            out, _ = sampler.communicate(timeout=10)  # closes its stdin: the last sample
            self.peak = int(out.decode().strip() or 0) or None
        except (subprocess.TimeoutExpired, ValueError):
            sampler.kill()
            sampler.wait()


def megabytes(value: int | None) -> str:
    return "-" if value is None else f"{value / 1e6:,.0f}".replace(",", ".")


if __name__ == "__main__":
    _run_sampler(int(sys.argv[1]), float(sys.argv[2]))
