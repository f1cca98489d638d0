"""The date a build is "as of", so that two builds of the same inputs are byte-identical.

Order: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the date of the last
git commit that touched the data folder, else today. Dates are UTC days, like
``SOURCE_DATE_EPOCH`` itself.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def epoch_date() -> dt.date | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None


def data_commit_date(data: Path) -> dt.date | None:
    """UTC date of the last commit touching ``data``; None outside git (or without git)."""
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
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()


def build_date(data: Path) -> dt.date:
    return epoch_date() or data_commit_date(data) or dt.date.today()


@contextmanager
def pinned_epoch(day: dt.date) -> Iterator[None]:
    """MkDocs dates the sitemap and the gzip header from SOURCE_DATE_EPOCH (else the clock):
    pin it to the build's date when the caller did not, and restore it afterwards."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    midnight = dt.datetime.combine(day, dt.time(), dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
