"""The reference date of a run: "today" where the region is, not where the build machine is.

A CI runner keeps UTC; a regency in WIB is seven hours ahead. Taking the machine's date would
call a complaint received at 00:30 WIB "in the future" every evening from 17:00 UTC, so today
is always the date in the region's time zone. ``SOURCE_DATE_EPOCH`` (reproducible builds) pins
the instant, and that instant is read in the region's zone too.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo


def reference_instant() -> dt.datetime:
    """Now (UTC), unless ``SOURCE_DATE_EPOCH`` pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def region_today(timezone: str | None) -> dt.date:
    """The date of the reference instant in ``timezone`` (UTC when the zone is unknown)."""
    try:
        tz: dt.tzinfo = zoneinfo.ZoneInfo(timezone) if timezone else dt.UTC
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        tz = dt.UTC
    return reference_instant().astimezone(tz).date()
