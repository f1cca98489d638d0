"""The instant a build is "as of", so that two builds of the same inputs are byte-identical.

Order: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the time of the last
git commit that touched the data folder, else now. The instant becomes a date in the region's
time zone (generator.registry.clock), so a WIB regency committed at 23:30 WIB builds as of that day.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EPOCH = "SOURCE_DATE_EPOCH"


def data_commit_stamp(data: Path) -> int | None:
    """Unix time of the last commit touching ``data``; None outside git (or without git)."""
    if not data.is_dir():
        return None
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=data,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return int(stamp)


@contextmanager
def _epoch(value: int) -> Iterator[None]:
    os.environ[EPOCH] = str(value)
    try:
        yield
    finally:
        os.environ.pop(EPOCH, None)


@contextmanager
def commit_epoch(data: Path) -> Iterator[None]:
    """Within the block, ``SOURCE_DATE_EPOCH`` is the data's last commit time, unless the
    caller set it already or the data is not in git (then the clock decides)."""
    stamp = None if EPOCH in os.environ else data_commit_stamp(data)
    if stamp is None:
        yield
        return
    with _epoch(stamp):
        yield


@contextmanager
def pinned_epoch(day: dt.date) -> Iterator[None]:
    """MkDocs dates the sitemap and the gzip header from SOURCE_DATE_EPOCH (else the clock):
    pin it to the build's date when the caller did not, and restore it afterwards."""
    if EPOCH in os.environ:
        yield
        return
    with _epoch(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())):
        yield
