"""What a forked worker shares with the build: freed C heap is given back before forking."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    from generator.build.worker import release_free_memory

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    # 80 MB in 2 KB blocks from the C heap (below malloc's mmap threshold), one kept at the
    # end so that the heap's top cannot shrink by itself.
    blocks = [bytes(2048) for _ in range(40_000)]
    last = bytes(2048)
    before = rss_mb()
    del blocks
    freed = rss_mb()
    release_free_memory()
    print(before, freed, rss_mb())
    """
)


def test_freed_heap_is_given_back_before_forking():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    before, freed, after = map(float, out)
    assert freed > before - 20  # free() alone keeps the pages resident
    assert after < freed - 60  # malloc_trim gives them back
