"""Benchmark: all complaint figures and the open data for 1,000,000 records, ~400 agencies.

    python benchmarks/complaints.py [--records 1000000] [--agencies 400] [--out DIR]

Records are generated in memory as columns (no CSV parsing); the script prints the wall time
of computing every figure and of writing the open data, and the peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.complaints.figures import MISSING, STATUSES, Settings, Table, compute  # noqa: E402
from generator.complaints.models import Channel, Status  # noqa: E402
from generator.complaints.opendata import write_open_data  # noqa: E402
from generator.registry.settings import ComplaintsIn  # noqa: E402

TODAY = dt.date(2026, 11, 22)
TZ_OFFSET = 7 * 3600


def make_table(n: int, agencies: int, seed: int = 7) -> Table:
    rng = np.random.default_rng(seed)
    start = int(dt.datetime(2025, 11, 1, tzinfo=dt.UTC).timestamp()) - TZ_OFFSET
    end = int(dt.datetime(2026, 11, 20, tzinfo=dt.UTC).timestamp()) - TZ_OFFSET
    received = rng.integers(start, end, n, dtype=np.int64)
    status = rng.choice(3, n, p=[0.15, 0.75, 0.10]).astype(np.int8)
    first = received + (rng.exponential(2.5 * 86400, n)).astype(np.int64)
    first = np.where(rng.random(n) < 0.08, MISSING, first)
    closed = received + (rng.exponential(12 * 86400, n)).astype(np.int64) + 3600
    first = np.where((status != 0) & (first == MISSING), closed, first)
    first = np.where((first != MISSING) & (first > closed), closed, first)
    resolved = np.where(status == 0, MISSING, closed)
    limit = int(dt.datetime(2026, 11, 22, 16, tzinfo=dt.UTC).timestamp())
    first = np.where(first > limit, MISSING, first)
    resolved = np.where(resolved > limit, MISSING, resolved)
    status = np.where((status != 0) & (resolved == MISSING), 0, status).astype(np.int8)
    categories = [f"kategori-{i:02d}" for i in range(40)]
    assert STATUSES == [Status.OPEN, Status.RESOLVED, Status.REJECTED]
    return Table(
        ids=[f"B{i:07d}" for i in range(n)],
        agency=rng.integers(0, agencies, n).astype(np.int32),
        agencies=[f"instansi-{i:03d}" for i in range(agencies)],
        channel=rng.integers(0, len(Channel), n).astype(np.int32),
        channels=[c.value for c in Channel],
        category=rng.integers(0, len(categories), n).astype(np.int32),
        categories=categories,
        status=status,
        received=received,
        first_response=first,
        resolved=resolved,
        kecamatan=[None] * n,
        summary=[None] * n,
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=400)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    t0 = time.perf_counter()
    table = make_table(args.records, args.agencies)
    t1 = time.perf_counter()
    config = ComplaintsIn(field_check_categories=["kategori-00", "kategori-01"])
    settings = Settings.make(config, "Asia/Jakarta", TODAY, dt.date(2025, 11, 1))
    figures = compute(table, settings)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        write_open_data(figures, out, agencies=None)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        t3 = time.perf_counter()
    print(f"records: {len(table):,} for {len(table.agencies)} agencies")
    print(f"generate in memory: {t1 - t0:.2f} s")
    print(f"compute all figures: {t2 - t1:.2f} s ({len(figures.rows):,} figure rows)")
    print(f"write open data (CSV, JSON, SQLite, datapackage): {t3 - t2:.2f} s, {size / 1e6:.0f} MB")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
