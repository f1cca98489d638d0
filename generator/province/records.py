"""A member's figures recomputed from its published records, never taken from its figures.

Complaints: from ``complaints.csv`` (the records) with the member's published ``calendar.csv``
(which dates are working days) and each record's published target, the overall figures the
province shows are recomputed by the definitions of ``generator.complaints.figures``: records
received in the period (by local date), answered within target of those answered or past the
target on the reference date, and the nearest-rank median of the working days to the first
response. Posting: from ``posts-YYYY.csv.gz`` and ``accounts.csv``, the agencies per level
with a post in the 30 days up to the reference date on an active social-media account.

Every file is read as a stream of rows, bounded in rows as well as in bytes (a file of
millions of two-byte rows must not become millions of objects), and a row count over the
bound, a broken row or a date outside the calendar is a failure of the member, never a crash.
"""

from __future__ import annotations

import contextvars
import csv
import datetime as dt
import gzip
import io
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from generator.registry.models import SOCIAL_PLATFORMS

# Rows read at most per file: far above any regency (Jawa Tengah's largest has ~1,000
# agencies; a year of posts of a busy regency ~100,000), far below what exhausts memory.
ROW_MAX = {
    "agencies.csv": 200_000,
    "accounts.csv": 200_000,
    "figures.csv": 2_000_000,
    "complaints.csv": 2_000_000,
    "calendar.csv": 20_000,
    "feeds.csv": 200_000,
}
POST_ROW_MAX = 5_000_000  # rows of one posts-YYYY.csv.gz
POST_TEXT_MAX = 1_000_000_000  # decompressed bytes of one posts-YYYY.csv.gz
POSTING_DAYS = 30
SOCIAL = frozenset(p.value for p in SOCIAL_PLATFORMS)
# Dates a member's records may hold: arithmetic on a year-1 or year-9999 date overflows, and no
# complaint service predates 2000.
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
# Monday-to-Friday days off a calendar year may hold (national holidays and cuti bersama are
# ~25 a year, local ones a few): more is a calendar made to stop the clock on answers.
WEEKDAY_OFF_MAX = 60
# A first-response target, as a regency's settings allow it (TargetIn: 1 to 365 working days),
# in ASCII digits only (int() also reads "1_0" and other scripts' digits).
TARGET = re.compile(r"[0-9]{1,3}")
TARGET_MAX = 365
# The end of the member's time (time.monotonic()) while its records are read, in a thread
# (generator.province.collect): a deadline cannot interrupt a parse, so the parse looks at the
# clock every DEADLINE_EVERY rows. None: no deadline (a folder member).
DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)
DEADLINE_EVERY = 4096


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class RecordsError(ValueError):
    """The member's records cannot be read or do not give its figures (Indonesian message)."""


class OutOfTime(Exception):
    """The member's deadline (:data:`DEADLINE`) passed while its records were read."""


class _Bounded(io.RawIOBase):
    """A gzip stream that stops with RecordsError past ``limit`` decompressed bytes."""

    def __init__(self, body: bytes, limit: int, name: str):
        self.gz = gzip.GzipFile(fileobj=io.BytesIO(body), mode="rb")
        self.left, self.name = limit, name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            chunk = self.gz.read(min(len(buffer), 1 << 16))
        except (OSError, EOFError, zlib.error) as exc:
            raise RecordsError(f"{self.name} bukan gzip yang utuh ({exc})") from None
        self.left -= len(chunk)
        if self.left < 0:
            raise RecordsError(
                f"{self.name} lebih dari {_number(POST_TEXT_MAX)} bait setelah dibuka"
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)


def rows(body: bytes, name: str, limit: int | None = None) -> Iterator[dict[str, str]]:
    """The rows of a published CSV file (``.csv.gz`` decompressed), one at a time, at most
    ``limit`` of them; RecordsError on a broken file or one with more rows."""
    limit = limit if limit is not None else ROW_MAX.get(name, POST_ROW_MAX)
    raw: io.RawIOBase | io.BytesIO
    raw = _Bounded(body, POST_TEXT_MAX, name) if name.endswith(".gz") else io.BytesIO(body)
    text = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8-sig", newline="")
    deadline = DEADLINE.get()
    try:
        reader = csv.DictReader(text)
        for count, row in enumerate(reader, 1):
            if count > limit:
                raise RecordsError(f"{name} memuat lebih dari {_number(limit)} baris")
            if deadline is not None and not count % DEADLINE_EVERY and time.monotonic() > deadline:
                raise OutOfTime
            yield row
    except (UnicodeDecodeError, csv.Error) as exc:
        raise RecordsError(f"{name} tidak bisa dibaca sebagai CSV ({exc})") from None


@dataclass(frozen=True)
class ComplaintCounts:
    """The overall complaint figures the province shows, recomputed."""

    records: int
    eligible: int
    within: int
    median_days: int | None


class Calendar:
    """``calendar.csv``: working days between two dates as a difference of running counts."""

    def __init__(self, body: bytes):
        """Checked as a regency's calendar is made (generator.complaints.workdays): Monday to
        Friday are working days unless a named holiday, Saturday and Sunday never are."""
        self.days: list[dt.date] = []
        self.cumulative: list[int] = []
        count = 0
        off: dict[int, int] = {}  # year -> Monday-to-Friday days off
        for line, row in enumerate(rows(body, "calendar.csv"), 2):
            at = f"calendar.csv baris {line}"
            try:
                day = dt.date.fromisoformat(row.get("date") or "")
            except ValueError:
                raise RecordsError(f"{at}: tanggal tidak sah") from None
            if not FIRST_DAY <= day <= LAST_DAY:
                raise RecordsError(f"{at}: tanggal {day.isoformat()} di luar tahun 2000-2100")
            if self.days and day != self.days[-1] + dt.timedelta(days=1):
                raise RecordsError("calendar.csv tidak berurutan hari demi hari")
            workday = row.get("workday")
            if workday not in ("true", "false"):
                raise RecordsError(f"{at}: workday harus true atau false")
            if day.weekday() >= 5 and workday == "true":
                raise RecordsError(
                    f"{at}: {day.isoformat()} hari Sabtu/Minggu ditandai hari kerja "
                    "(hari kerja aduan: Senin-Jumat)"
                )
            if day.weekday() < 5 and workday == "false":
                if not (row.get("holiday") or "").strip():
                    raise RecordsError(f"{at}: {day.isoformat()} hari libur tanpa nama libur")
                off[day.year] = off.get(day.year, 0) + 1
                if off[day.year] > WEEKDAY_OFF_MAX:
                    raise RecordsError(
                        f"calendar.csv memuat lebih dari {WEEKDAY_OFF_MAX} hari libur "
                        f"Senin-Jumat pada tahun {day.year}"
                    )
            count += workday == "true"
            self.days.append(day)
            self.cumulative.append(count)

    def _at(self, day: dt.date) -> int:
        if not self.days or not self.days[0] <= day <= self.days[-1]:
            raise RecordsError(f"tanggal {day.isoformat()} di complaints.csv di luar calendar.csv")
        return self.cumulative[(day - self.days[0]).days]

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (same day: 0)."""
        return self._at(end) - self._at(start)


def _moment(value: str, at: str) -> dt.datetime:
    """A record's time, with its zone, between :data:`FIRST_DAY` and :data:`LAST_DAY`."""
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RecordsError(f"{at}: waktu tidak sah '{value[:40]}'") from None
    if when.tzinfo is None:
        raise RecordsError(f"{at}: waktu tanpa zona '{value[:40]}'")
    if not FIRST_DAY <= when.date() <= LAST_DAY:
        raise RecordsError(f"{at}: waktu di luar tahun 2000-2100 '{value[:40]}'")
    return when


def recompute_complaints(
    complaints: bytes,
    calendar: bytes,
    period: tuple[dt.date, dt.date],
    reference: dt.date,
    timezone: str,
) -> ComplaintCounts:
    """The overall figures from the records alone (see the module docstring).

    The records are held to what a regency's own check allows of them: ids unique, a first
    response not before its complaint, nothing received or answered after the reference date,
    targets of 1 to 365 working days, a period that starts before it ends, within 2000-2100 (a
    calendar year still in progress may end after the reference date: its records cannot).
    Each would let a member publish figures its records only seem to support."""
    if not FIRST_DAY <= period[0] <= period[1] <= LAST_DAY or reference > LAST_DAY:
        raise RecordsError(
            f"periode aduan {period[0].isoformat()} s.d. {period[1].isoformat()} tidak sah "
            f"untuk tanggal acuan {reference.isoformat()}"
        )
    cal = Calendar(calendar)
    zone = ZoneInfo(timezone)
    records = eligible = within = 0
    answered_days: list[int] = []
    seen: set[str] = set()
    for line, row in enumerate(rows(complaints, "complaints.csv"), 2):
        at = f"complaints.csv baris {line}"
        key = row.get("id") or ""
        if key in seen:
            raise RecordsError(f"{at}: id aduan '{key[:40]}' ganda")
        seen.add(key)
        received_at = _moment(row.get("received") or "", f"{at}, received")
        received = received_at.astimezone(zone).date()
        if received > reference:
            raise RecordsError(f"{at}: diterima setelah tanggal acuan {reference.isoformat()}")
        first = row.get("first_response") or ""
        first_at = _moment(first, f"{at}, first_response") if first else None
        if first_at is not None:
            if first_at < received_at:
                raise RecordsError(f"{at}: tanggapan pertama sebelum aduan diterima")
            if first_at.astimezone(zone).date() > reference:
                raise RecordsError(
                    f"{at}: tanggapan pertama setelah tanggal acuan {reference.isoformat()}"
                )
        if not period[0] <= received <= period[1]:
            continue
        records += 1
        target_text = row.get("first_response_target_days") or ""
        if not TARGET.fullmatch(target_text) or not 1 <= int(target_text) <= TARGET_MAX:
            raise RecordsError(f"{at}: target tanggapan pertama tidak sah '{target_text[:40]}'")
        target = int(target_text)
        if first_at is not None:
            days = cal.workdays_between(received, first_at.astimezone(zone).date())
            answered_days.append(days)
            eligible += 1
            within += days <= target
        elif cal.workdays_between(received, reference) > target:
            eligible += 1
    answered_days.sort()
    n = len(answered_days)
    median = answered_days[(n * 50 + 99) // 100 - 1] if n else None
    return ComplaintCounts(records, eligible, within, median)


def is_active_social(row: dict[str, str]) -> bool:
    """An ``accounts.csv`` row whose posts count for 'aktif mengunggah'."""
    return row.get("status") == "active" and row.get("platform") in SOCIAL


def posting_agencies(
    posts: list[tuple[str, bytes]], social: set[tuple[str, str]], reference: dt.date
) -> set[str]:
    """Agencies with a post in the 30 days up to ``reference`` (today included) on one of
    their active social-media accounts ``social`` (agency id, profile URL), from the post
    records alone."""
    first = (reference - dt.timedelta(days=POSTING_DAYS - 1)).isoformat()
    last = reference.isoformat()
    out: set[str] = set()
    for name, body in posts:
        for row in rows(body, name, POST_ROW_MAX):
            day = row.get("date") or ""
            if (
                first <= day <= last
                and (row.get("agency") or "", row.get("account") or "") in social
            ):
                out.add(row["agency"])
    return out


def window_years(reference: dt.date) -> list[int]:
    """The years whose post files hold the posting window."""
    start = reference - dt.timedelta(days=POSTING_DAYS - 1)
    return sorted({start.year, reference.year})
