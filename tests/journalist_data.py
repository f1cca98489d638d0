"""A journalist's recomputation of Kanal's figures from the published open data only.

Nothing here imports Kanal: the definitions are the ones written on the site's methodology
pages (Metodologi, Cakupan's "Definisi dan cara menghitung", Pantauan's "Definisi"), applied with
sqlite3 over `data/kanal.sqlite` and `data/posts.sqlite` and csv over the published files.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

Z = 1.959963984540054  # the Wilson z the methodology page states
LEVEL_OF = {"kecamatan": "kecamatan", "desa": "desa", "kelurahan": "desa"}


def rows(path: Path) -> list[dict[str, str]]:
    """A published CSV (plain or gzip) as dicts."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sql(db: Path, query: str, *args: object) -> list[sqlite3.Row]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


# -- how the site writes numbers ------------------------------------------------------------


def num(n: int) -> str:
    """5019 -> '5.019' (Indonesian thousands)."""
    return f"{n:,}".replace(",", ".")


def pct(x: float) -> str:
    """A 0-1 fraction as the site shows it: one decimal, half up, comma ('70,7%')."""
    d = (Decimal(repr(x)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{num(int(d))},{str(d).split('.')[1]}%"


def share(k: int, n: int) -> str:
    return pct(k / n) if n else "–"


def wilson(x: int, n: int) -> tuple[float, float]:
    """The Wilson score interval, the methodology page's formula (the open data publishes it
    whole; the page rounds it once)."""
    p = x / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    den = 1 + Z * Z / n
    return (centre - half) / den, (centre + half) / den


def nearest_rank(values: list[int], q: float) -> int | None:
    """Nearest rank: the ceil(n*q)-th smallest (Metodologi, "Median dan persentil 90")."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * q - 1e-9)) - 1]


# -- complaints ----------------------------------------------------------------------------


@dataclass
class Complaint:
    """One published record with the durations recomputed from the calendar."""

    id: str
    agency: str
    channel: str
    category: str
    status: str
    month: str
    received: dt.datetime
    in_period: bool
    fr_days: int | None = None
    fr_minutes: int | None = None
    res_days: int | None = None
    res_minutes: int | None = None
    age_days: int | None = None
    fr_target: int = 0
    res_target: int = 0
    fr_within: bool | None = None
    res_within: bool | None = None
    overdue: bool = False
    band: str = ""


@dataclass
class Complaints:
    """The records of `complaints` in kanal.sqlite, recomputed with `calendar`."""

    records: list[Complaint]
    published: dict[str, sqlite3.Row]
    workdays: set[dt.date] = field(default_factory=set)


def load_complaints(
    data: Path,
    period: tuple[dt.date, dt.date],
    reference: dt.date,
    targets: dict[str, tuple[int, int]],
    office: tuple[dt.time, dt.time],
    zone: str,
) -> Complaints:
    """Every published complaint with its working days, targets and flags recomputed from the
    page's definitions (targets per category as the methodology page's table states them)."""
    db = data / "kanal.sqlite"
    tz = ZoneInfo(zone)
    workdays = {
        dt.date.fromisoformat(r["date"])
        for r in sql(db, "SELECT date FROM calendar WHERE workday = 1 OR workday = 'true'")
    }
    ordered = sorted(workdays)

    def days_between(a: dt.date, b: dt.date) -> int:
        """Working days after a, up to and including b (the day received is not counted)."""
        return sum(1 for d in ordered if a < d <= b)

    def minutes_between(a: dt.datetime, b: dt.datetime) -> int:
        total = 0
        day = a.date()
        while day <= b.date():
            if day in workdays:
                start = dt.datetime.combine(day, office[0], tz)
                end = dt.datetime.combine(day, office[1], tz)
                lo, hi = max(start, a), min(end, b)
                if hi > lo:
                    total += int((hi - lo).total_seconds() // 60)
            day += dt.timedelta(days=1)
        return total

    published = {r["id"]: r for r in sql(db, "SELECT * FROM complaints")}
    records = []
    for r in published.values():
        received = dt.datetime.fromisoformat(r["received"]).astimezone(tz)
        first = r["first_response"] and dt.datetime.fromisoformat(r["first_response"]).astimezone(
            tz
        )
        closed = r["resolved"] and dt.datetime.fromisoformat(r["resolved"]).astimezone(tz)
        fr_target, res_target = targets[r["category"]]
        c = Complaint(
            id=r["id"],
            agency=r["agency"],
            channel=r["channel"],
            category=r["category"],
            status=r["status"],
            month=received.strftime("%Y-%m"),
            received=received,
            in_period=period[0] <= received.date() <= period[1],
            fr_target=fr_target,
            res_target=res_target,
        )
        if first:
            c.fr_days = days_between(received.date(), first.date())
            c.fr_minutes = minutes_between(received, first)
            c.fr_within = c.fr_days <= fr_target
            c.band = "fast" if c.fr_days <= 3 else "medium" if c.fr_days <= 6 else "slow"
        if r["status"] == "open":
            c.age_days = days_between(received.date(), reference)
            c.overdue = c.age_days > res_target
            if not first and c.age_days > fr_target:
                c.fr_within = False
            if c.overdue:
                c.res_within = False
        if r["status"] == "resolved" and closed:
            c.res_days = days_between(received.date(), closed.date())
            c.res_minutes = minutes_between(received, closed)
            c.res_within = c.res_days <= res_target
        records.append(c)
    return Complaints(records, published, workdays)


@dataclass
class Figures:
    """The figures of one group of records, as the methodology page defines them."""

    records: int
    resolved: int
    rejected: int
    open: int
    overdue: int
    answered: int
    unanswered: int
    fr_median: int | None
    fr_p90: int | None
    fr_median_minutes: int | None
    fr_p90_minutes: int | None
    res_median: int | None
    res_p90: int | None
    res_median_minutes: int | None
    res_p90_minutes: int | None
    fr_eligible: int
    fr_within: int
    res_eligible: int
    res_within: int
    bands: dict[str, int]
    # Not in any share yet: unanswered (for the first response) or open, target not passed.
    fr_pending: int = 0
    res_pending: int = 0

    @property
    def fr_interval(self) -> tuple[float, float]:
        return wilson(self.fr_within, self.fr_eligible)

    @property
    def res_interval(self) -> tuple[float, float]:
        return wilson(self.res_within, self.res_eligible)


def figures(records: Iterable[Complaint]) -> Figures:
    rs = [r for r in records if r.in_period]
    fr = [r.fr_days for r in rs if r.fr_days is not None]
    res = [r.res_days for r in rs if r.res_days is not None]
    fr_minutes = [r.fr_minutes for r in rs if r.fr_minutes is not None]
    res_minutes = [r.res_minutes for r in rs if r.res_minutes is not None]
    return Figures(
        records=len(rs),
        resolved=sum(r.status == "resolved" for r in rs),
        rejected=sum(r.status == "rejected" for r in rs),
        open=sum(r.status == "open" for r in rs),
        overdue=sum(r.overdue for r in rs),
        answered=len(fr),
        unanswered=len(rs) - len(fr),
        fr_median=nearest_rank(fr, 0.5),
        fr_p90=nearest_rank(fr, 0.9),
        fr_median_minutes=nearest_rank(fr_minutes, 0.5),
        fr_p90_minutes=nearest_rank(fr_minutes, 0.9),
        res_median=nearest_rank(res, 0.5),
        res_p90=nearest_rank(res, 0.9),
        res_median_minutes=nearest_rank(res_minutes, 0.5),
        res_p90_minutes=nearest_rank(res_minutes, 0.9),
        fr_eligible=sum(r.fr_within is not None for r in rs),
        fr_within=sum(r.fr_within is True for r in rs),
        res_eligible=sum(r.res_within is not None for r in rs),
        res_within=sum(r.res_within is True for r in rs),
        bands={b: sum(r.band == b for r in rs) for b in ("fast", "medium", "slow")},
        fr_pending=sum(r.fr_within is None for r in rs),
        res_pending=sum(r.status == "open" and r.res_within is None for r in rs),
    )


def ranks(groups: dict[str, Figures], minimum: int) -> dict[str, int]:
    """Standard competition ranks (1, 2, 2, 4) of the groups with at least `minimum` records:
    Wilson lower bound of answered within target (highest first), then median (shortest)."""
    ranked = [(k, f) for k, f in groups.items() if f.records >= minimum]
    key = {
        k: (-f.fr_interval[0], f.fr_median if f.fr_median is not None else 10**9) for k, f in ranked
    }
    return {k: 1 + sum(key[o] < key[k] for o in key) for k in key}


# -- coverage ------------------------------------------------------------------------------


@dataclass
class Registry:
    agencies: dict[str, dict[str, str]]
    accounts: list[dict[str, str]]
    official: dict[str, int]
    units: list[dict[str, str]]

    def level(self, agency: str) -> str:
        return LEVEL_OF.get(self.agencies[agency]["kind"], "opd")

    def active_social(self, agency: str, platform: str | None = None) -> bool:
        return any(
            a["agency"] == agency
            and a["status"] == "active"
            and a["platform"] != "website"
            and (platform is None or a["platform"] == platform)
            for a in self.accounts
        )

    def active_on(self, agency: str, platform: str) -> bool:
        return any(
            a["agency"] == agency and a["status"] == "active" and a["platform"] == platform
            for a in self.accounts
        )

    def members(self, level: str) -> list[str]:
        """The agencies a level's figures count: registered OPD, or the agencies registering an
        official unit of the level (an unregistered official unit counts as one without)."""
        if level == "opd":
            return [a for a in self.agencies if self.level(a) == "opd"]
        return [u["agency"] for u in self.units if u["level"] == level]

    def denominator(self, level: str) -> int:
        return self.official.get(level, len(self.members(level)))


def load_registry(data: Path) -> Registry:
    db = data / "kanal.sqlite"
    return Registry(
        agencies={r["id"]: dict(r) for r in sql(db, "SELECT * FROM agencies")},
        accounts=[dict(r) for r in sql(db, "SELECT * FROM accounts")],
        official={r["level"]: r["official"] for r in sql(db, "SELECT * FROM official_counts")},
        units=[dict(r) for r in sql(db, "SELECT * FROM official_units")],
    )


# -- posting activity ----------------------------------------------------------------------


@dataclass
class Post:
    agency: str
    platform: str
    account: str
    time: str
    date: dt.date
    title: str


def load_posts(data: Path) -> list[Post]:
    """Every published post record (`posts` of posts.sqlite; the CSV files say the same)."""
    return [
        Post(
            r["agency"],
            r["platform"],
            r["account"],
            r["time"],
            dt.date.fromisoformat(r["date"]),
            r["title"],
        )
        for r in sql(data / "posts.sqlite", "SELECT * FROM posts")
    ]


def in_days(d: dt.date, reference: dt.date, days: int) -> bool:
    """In the last `days` days, the reference date included (local dates)."""
    return reference - dt.timedelta(days=days - 1) <= d <= reference


def week_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def theme_hits(title: str, keywords: list[str]) -> bool:
    """A word beginning with a keyword (a keyword of several words: those words in a row)."""
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    for kw in keywords:
        parts = kw.lower().split()
        for i in range(len(words) - len(parts) + 1):
            if all(
                words[i + j] == p if j < len(parts) - 1 else words[i + j].startswith(p)
                for j, p in enumerate(parts)
            ):
                return True
    return False
