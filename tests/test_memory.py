"""Whole-tree memory (generator.build.memory): forked workers count, through the real CLI too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

from generator.build import worker
from generator.build.memory import TreeMemory, pss_bytes, tree
from generator.build.worker import forked
from tests.conftest import FIXTURES

MB = 2**20


def _hold(megabytes: int, seconds: float) -> None:
    block = bytearray(megabytes * MB)
    for i in range(0, len(block), 4096):  # touch every page: resident, not just reserved
        block[i] = 1
    time.sleep(seconds)


def test_sampling_starts_no_thread_so_the_build_may_still_fork():
    import threading

    before = threading.active_count()
    with TreeMemory(interval=0.02):
        assert threading.active_count() == before  # can_fork() counts threads
        time.sleep(0.1)


def test_a_forked_workers_memory_counts_in_the_peak(monkeypatch):
    monkeypatch.setattr(worker, "can_fork", lambda: True)  # other tests may leave threads
    with TreeMemory(interval=0.02) as alone:
        time.sleep(0.3)
    # Held for 2 s: a busy machine makes each sample slower, and the sampler waits longer
    # between slow samples (at most memory.LONGEST).
    with TreeMemory(interval=0.02) as memory, forked(lambda: _hold(200, 2.0), "uji") as wait:
        wait()
    assert alone.peak and memory.peak
    assert memory.peak - alone.peak > 150 * MB, (alone.peak / MB, memory.peak / MB)


def test_the_tree_includes_grandchildren_and_pss_of_a_gone_process_is_zero():
    code = "import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3)']); time.sleep(3)"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(tree(child.pid)) < 2:
            time.sleep(0.05)
        assert len(tree(child.pid)) == 2
        assert child.pid in tree(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert pss_bytes(child.pid) == 0


def test_kanal_build_reports_its_whole_tree_peak(tmp_path):
    shutil.copytree(FIXTURES / "tiny", tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-22"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    found = re.search(r"Memori puncak: ([\d.]+) MB \(PSS semua proses build", result.stdout)
    assert found, result.stdout
    assert 10 < int(found.group(1).replace(".", "")) < 4000


def test_the_sampler_spends_a_bounded_share_of_one_core_on_a_large_process():
    """smaps_rollup of a large process costs milliseconds of kernel time: sampled every 50 ms
    regardless, four province-sized processes kept half a core busy (and stalled the build)."""
    import resource

    block = bytearray(500 * MB)
    for i in range(0, len(block), 4096):
        block[i] = 1
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with TreeMemory() as memory:
        time.sleep(10)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert memory.peak and memory.peak > 450 * MB
    # Python's start-up (~0.1 s, more on a busy machine), then at most BUDGET (5 %) of the
    # time, with a margin: sampled every 50 ms regardless, it took 12 % here (1.3 s in 10 s).
    assert cpu < 0.3 + 0.07 * wall, (cpu, wall)
    del block
