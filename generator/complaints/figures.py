"""Responsiveness figures, vectorized over all records with numpy (1,000,000 records in seconds).

Definitions (the methodology page says the same in Indonesian):

- A record belongs to the period by the local date it was received.
- Working days from receipt to an event count the working days after the day of receipt up to
  and including the day of the event (same day: 0). Working minutes count office minutes on
  working days between the two times.
- Medians and 90th percentiles use the nearest-rank method: the value at rank ceil(p*n) of the
  n values sorted ascending (median: p = 0.5). Working days are whole numbers, so every figure
  is a value a record actually has, and SQL can recompute it exactly.
- First response: answered records only. Resolution: records with status resolved only.
- Answered within target: of the records that were answered, or are unanswered past the target
  on the reference date, the share answered within the target.
- Resolved within target: of the records resolved, or still open past the target on the
  reference date, the share resolved within the target (rejected records are left out).
- Overdue: still open, more working days since receipt than the resolution target.
- Speed band of the first response: fast 0-3 working days, medium 4-6, slow more than 6.
- Every share carries a 95% Wilson score interval.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, make_dataclass
from typing import Any

import numpy as np

from generator.complaints.load import ComplaintData, category_key
from generator.complaints.models import Channel, Status
from generator.complaints.table import MISSING, STATUSES, Table
from generator.complaints.workdays import Calendar
from generator.registry.settings import ComplaintsIn, TargetIn

Z95 = 1.959963984540054
BANDS = ("fast", "medium", "slow")
BAND_LIMITS = (3, 6)  # fast: up to 3 working days; medium: 4-6; slow: more than 6
DIMENSIONS = ("overall", "agency", "channel", "category", "month", "agency_month")

FIGURE_FIELDS = [
    "dimension",
    "agency",
    "channel",
    "category",
    "month",
    "period_start",
    "period_end",
    "reference_date",
    "records",
    "resolved",
    "rejected",
    "open",
    "overdue",
    "answered",
    "unanswered",
    "first_response_median_workdays",
    "first_response_p90_workdays",
    "first_response_median_workminutes",
    "first_response_p90_workminutes",
    "resolution_median_workdays",
    "resolution_p90_workdays",
    "resolution_median_workminutes",
    "resolution_p90_workminutes",
    "first_response_eligible",
    "first_response_within_target",
    "first_response_within_share",
    "first_response_within_low",
    "first_response_within_high",
    "resolution_eligible",
    "resolution_within_target",
    "resolution_within_share",
    "resolution_within_low",
    "resolution_within_high",
    "band_fast",
    "band_medium",
    "band_slow",
    "ranked",
    "rank",
]


# The slots and the generated keyword __init__ (one attribute store a field, not a setattr
# call: 105,000 rows of 38 fields) of FigureRow.
_FigureFields = make_dataclass(
    "_FigureFields", [(name, Any, None) for name in FIGURE_FIELDS], slots=True, eq=False
)


class FigureRow(_FigureFields, Mapping[str, Any]):
    """One row of figures (a value for each of FIGURE_FIELDS), read as a mapping (``r["records"]``,
    ``r.get(...)``, ``**r``), as attributes (``r.records``: what the open-data writer and Jinja
    read, at C speed) and written by key (:func:`rank`).

    A slot per field, not a dict: a province's 105,000 rows took 832 bytes each as dicts and
    take 360 here (52 MB less in the build process, and in every worker forked from it).
    """

    __slots__ = ()

    def __init__(self, values: Mapping[str, Any]):
        unknown = values.keys() - _FIELD_SET
        if unknown:
            raise KeyError(f"not a figures field: {sorted(unknown)}")
        super().__init__(**values)

    def __getitem__(self, name: str) -> Any:
        if name not in _FIELD_SET:
            raise KeyError(name)
        return getattr(self, name)

    def __setitem__(self, name: str, value: Any) -> None:
        if name not in _FIELD_SET:
            raise KeyError(name)
        setattr(self, name, value)

    def __iter__(self) -> Iterator[str]:
        return iter(FIGURE_FIELDS)

    def __len__(self) -> int:
        return len(FIGURE_FIELDS)

    def __repr__(self) -> str:
        return f"FigureRow({dict(self)!r})"


_FIELD_SET = frozenset(FIGURE_FIELDS)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``n`` (95% by default)."""
    if n <= 0:
        return (math.nan, math.nan)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # At p = 0 and p = 1 the bound is exactly 0 and 1; the float sum gives 1e-17 and
    # 0.9999999999999999, which the open data, carrying bounds whole, would publish.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)


def wilson_arrays(successes: np.ndarray, n: np.ndarray, z: float = Z95):
    """:func:`wilson` of every pair at once, bit for bit the same floats (the same operations
    in the same order; NaN where ``n`` is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = np.where(successes == 0, 0.0, np.maximum(0.0, centre - half))
    high = np.where(successes == n, 1.0, np.minimum(1.0, centre + half))
    nothing = n == 0  # NaN where no record was eligible, as wilson() gives
    return np.where(nothing, np.nan, low), np.where(nothing, np.nan, high)


def nearest_rank(n: np.ndarray, percent: int) -> np.ndarray:
    """1-based rank ceil(percent/100 * n), in integers so that SQL gets the same."""
    return (n * percent + 99) // 100


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 full months ending with the month before ``today``."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    start_month = end.month % 12 + 1
    start_year = end.year - 1 if start_month != 1 else end.year
    return dt.date(start_year, start_month, 1), end


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass
class Settings:
    """What the figures need besides the records: period, reference date, targets, calendar."""

    config: ComplaintsIn
    timezone: str
    period_start: dt.date
    period_end: dt.date
    reference: dt.date
    calendar: Calendar
    offset: int  # seconds east of UTC (Indonesian zones keep no daylight saving time)

    @classmethod
    def make(
        cls, config: ComplaintsIn, timezone: str, today: dt.date, first_day: dt.date | None = None
    ) -> Settings:
        start, end = (
            (config.period.start, config.period.end) if config.period else default_period(today)
        )
        tz = zoneinfo.ZoneInfo(timezone)
        offset = int(dt.datetime.combine(today, dt.time(12), tz).utcoffset().total_seconds())
        cal_start = min(start, first_day or start) - dt.timedelta(days=1)
        cal_end = max(end, today) + dt.timedelta(days=1)
        local = {h.date: h.name for h in config.local_holidays}
        calendar = Calendar.build(
            cal_start, cal_end, local, config.office_hours.start, config.office_hours.end
        )
        return cls(config, timezone, start, end, today, calendar, offset)

    @property
    def months(self) -> list[str]:
        return months_between(self.period_start, self.period_end)

    def target(self, category: str) -> TargetIn:
        """The category's target: its own, else the field-check one, else the default.

        Categories match whatever their case and spacing ("Jalan  Rusak" is "jalan rusak").
        """
        c = self.config
        key = category_key(category)
        own = {category_key(name): t for name, t in c.targets.items()}
        if key in own:
            return own[key]
        if key in {category_key(name) for name in c.field_check_categories}:
            return TargetIn(
                first_response_days=c.default_target.first_response_days,
                resolution_days=c.field_check_resolution_days,
            )
        return c.default_target


@dataclass
class Derived:
    """Per-record figures, published with each record so every aggregate can be recomputed."""

    in_period: np.ndarray
    month: np.ndarray  # index into Settings.months, -1 outside the period
    answered: np.ndarray
    fr_days: np.ndarray  # -1 when not answered
    fr_minutes: np.ndarray
    res_days: np.ndarray  # -1 unless resolved
    res_minutes: np.ndarray
    age_days: np.ndarray  # working days from receipt to the reference date
    fr_target: np.ndarray
    res_target: np.ndarray
    fr_eligible: np.ndarray
    fr_within: np.ndarray
    res_eligible: np.ndarray
    res_within: np.ndarray
    overdue: np.ndarray
    band: np.ndarray  # 0 fast, 1 medium, 2 slow, -1 not answered


def derive(t: Table, s: Settings) -> Derived:
    cal = s.calendar
    local = t.received + s.offset
    day = cal.day_index(local)
    answered = t.first_response != MISSING
    resolved = t.status == STATUSES.index(Status.RESOLVED)
    is_open = t.status == STATUSES.index(Status.OPEN)
    fr_local = np.where(answered, t.first_response + s.offset, local)
    res_local = np.where(resolved, t.resolved + s.offset, local)
    fr_days = np.where(answered, cal.workdays_between(day, cal.day_index(fr_local)), -1)
    fr_minutes = np.where(answered, cal.working_minutes(local, fr_local), -1)
    res_days = np.where(resolved, cal.workdays_between(day, cal.day_index(res_local)), -1)
    res_minutes = np.where(resolved, cal.working_minutes(local, res_local), -1)
    ref_day = np.full_like(day, (s.reference - cal.start).days)
    age = cal.workdays_between(day, ref_day)
    targets = [s.target(c) for c in t.categories]
    fr_target = np.array([x.first_response_days for x in targets], np.int64)[t.category]
    res_target = np.array([x.resolution_days for x in targets], np.int64)[t.category]
    first = (s.period_start - cal.start).days
    last = (s.period_end - cal.start).days
    in_period = (day >= first) & (day <= last)
    month_starts = np.array(
        [(dt.date(int(m[:4]), int(m[5:]), 1) - cal.start).days for m in s.months], np.int64
    )
    month = np.where(in_period, np.searchsorted(month_starts, day, side="right") - 1, -1)
    fr_within = answered & (fr_days <= fr_target)
    band = np.where(
        answered,
        np.where(fr_days <= BAND_LIMITS[0], 0, np.where(fr_days <= BAND_LIMITS[1], 1, 2)),
        -1,
    )
    return Derived(
        in_period=in_period,
        month=month,
        answered=answered,
        fr_days=fr_days,
        fr_minutes=fr_minutes,
        res_days=res_days,
        res_minutes=res_minutes,
        age_days=age,
        fr_target=fr_target,
        res_target=res_target,
        fr_eligible=answered | (age > fr_target),
        fr_within=fr_within,
        res_eligible=resolved | (is_open & (age > res_target)),
        res_within=resolved & (res_days <= res_target),
        overdue=is_open & (age > res_target),
        band=band,
    )


def _percentiles(key: np.ndarray, values: np.ndarray, valid: np.ndarray, groups: int):
    """Nearest-rank median and 90th percentile of ``values`` per group (None where empty)."""
    # Sorted by group, then value: one number holding both, in 32 bits when they fit (a
    # third faster to sort than 64: most dimensions have few groups, day counts are small).
    v = values[valid]
    shift = int(v.max()).bit_length() if len(v) else 0
    kind = np.int32 if max(groups - 1, 0).bit_length() + shift <= 31 else np.int64
    k = key[valid].astype(kind)
    ordered = np.sort((k << shift) | v.astype(kind)) & ((1 << shift) - 1)
    n = np.bincount(k, minlength=groups)
    starts = np.concatenate(([0], np.cumsum(n)[:-1]))
    out = []
    for percent in (50, 90):
        idx = starts + nearest_rank(n, percent) - 1
        picked = ordered[np.clip(idx, 0, max(len(ordered) - 1, 0))] if len(ordered) else idx * 0
        out.append([int(x) if c else None for x, c in zip(picked, n, strict=True)])
    return out


def _count(key: np.ndarray, mask: np.ndarray, groups: int) -> np.ndarray:
    return np.bincount(key[mask], minlength=groups)


def aggregate(key: np.ndarray, groups: int, d: Derived, t: Table) -> list[dict[str, Any]]:
    """Every figure per group; ``key`` is the group of each record, -1 for none."""
    member = key >= 0
    key = np.where(member, key, 0)

    def count(mask: np.ndarray) -> np.ndarray:
        return _count(key, member & mask, groups)

    records = count(np.ones(len(key), bool))
    status = [count(t.status == i) for i in range(len(STATUSES))]
    answered = count(d.answered)
    fr_med, fr_p90 = _percentiles(key, d.fr_days, member & d.answered, groups)
    frm_med, frm_p90 = _percentiles(key, d.fr_minutes, member & d.answered, groups)
    resolved_mask = member & (d.res_days >= 0)
    res_med, res_p90 = _percentiles(key, d.res_days, resolved_mask, groups)
    resm_med, resm_p90 = _percentiles(key, d.res_minutes, resolved_mask, groups)
    fr_el, fr_in = count(d.fr_eligible), count(d.fr_eligible & d.fr_within)
    res_el, res_in = count(d.res_eligible), count(d.res_eligible & d.res_within)
    overdue = count(d.overdue)
    bands = [count(d.band == i) for i in range(len(BANDS))]
    columns = {
        "records": records.tolist(),
        "resolved": status[1].tolist(),
        "rejected": status[2].tolist(),
        "open": status[0].tolist(),
        "overdue": overdue.tolist(),
        "answered": answered.tolist(),
        "unanswered": (records - answered).tolist(),
        "first_response_median_workdays": fr_med,
        "first_response_p90_workdays": fr_p90,
        "first_response_median_workminutes": frm_med,
        "first_response_p90_workminutes": frm_p90,
        "resolution_median_workdays": res_med,
        "resolution_p90_workdays": res_p90,
        "resolution_median_workminutes": resm_med,
        "resolution_p90_workminutes": resm_p90,
        **_shares("first_response", fr_in, fr_el),
        **_shares("resolution", res_in, res_el),
        "band_fast": bands[0].tolist(),
        "band_medium": bands[1].tolist(),
        "band_slow": bands[2].tolist(),
    }
    # One dict per group from the columns, in C (a province's 119,000 groups).
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _shares(prefix: str, within: np.ndarray, eligible: np.ndarray) -> dict[str, list[Any]]:
    """Each group's share within target and its Wilson interval, unrounded (None where no
    record was eligible): the columns of :func:`aggregate`.

    The pages round each value once, to one decimal, and rank on the values themselves; the
    open data carries them whole (a float's shortest exact spelling). Rounded to 6 decimals
    first, 181 interval bounds of a province showed 0.1 point too high (0.93849966 -> 0.9385
    -> 93,9 %) and three agencies whose lower bounds differ in the seventh decimal shared a
    rank, as a journalist recomputing from the counts found."""
    low, high = wilson_arrays(within, eligible)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = within / eligible
    has = eligible.astype(bool).tolist()

    def rounded(values: np.ndarray) -> list[float | None]:
        return [x if e else None for x, e in zip(values.tolist(), has, strict=True)]

    return {
        f"{prefix}_eligible": eligible.tolist(),
        f"{prefix}_within_target": within.tolist(),
        f"{prefix}_within_share": rounded(share),
        f"{prefix}_within_low": rounded(low),
        f"{prefix}_within_high": rounded(high),
    }


@dataclass
class Figures:
    settings: Settings
    table: Table
    derived: Derived
    rows: list[FigureRow] = field(default_factory=list)

    # Rows by dimension and by (dimension, agency), built once: looking rows up for each of
    # thousands of agencies must not scan every row each time (that was quadratic).
    _index: dict[Any, list[FigureRow]] | None = field(default=None, repr=False)

    def _rows_by(self, key: Any) -> list[FigureRow]:
        if self._index is None:
            index: dict[Any, list[FigureRow]] = {}
            for r in self.rows:
                index.setdefault(r.dimension, []).append(r)
                if r.agency is not None:
                    index.setdefault((r.dimension, r.agency), []).append(r)
            self._index = index
        return self._index.get(key, [])

    def of(self, dimension: str) -> list[FigureRow]:
        return list(self._rows_by(dimension))

    @property
    def overall(self) -> FigureRow:
        return self.of("overall")[0]

    def agency(self, agency_id: str) -> FigureRow | None:
        rows = self._rows_by(("agency", agency_id))
        return rows[0] if rows else None

    def agency_months(self, agency_id: str) -> list[FigureRow]:
        return list(self._rows_by(("agency_month", agency_id)))

    @property
    def ranking(self) -> list[FigureRow]:
        """Agency rows in published order: ranked ones by rank, then the rest by records."""
        return sorted(
            self.of("agency"),
            key=lambda r: (not r["ranked"], r["rank"] or 0, -r["records"], r["agency"]),
        )


def rank(rows: list[FigureRow], min_records: int) -> None:
    """Rank agencies with at least ``min_records`` records in the period.

    Order: the lower bound of the 95% Wilson interval of the share answered within target
    (highest first: a high share from few records does not beat a proven one), then the median
    first response (shortest first). Equal keys share a rank (1, 2, 2, 4).
    """
    for r in rows:
        r["ranked"] = r["records"] >= min_records and r["first_response_eligible"] > 0
        r["rank"] = None
    ranked = [r for r in rows if r["ranked"]]

    def key(r: FigureRow) -> tuple:
        median = r["first_response_median_workdays"]
        return (-r["first_response_within_low"], median if median is not None else 10**9)

    ranked.sort(key=lambda r: (*key(r), r["agency"]))
    previous = None
    for position, r in enumerate(ranked, 1):
        if previous is None or key(r) != key(previous):
            r["rank"] = position
        else:
            r["rank"] = previous["rank"]
        previous = r


def compute(t: Table, s: Settings) -> Figures:
    """Every figure for every dimension of the period."""
    d = derive(t, s)
    months = s.months
    inside = d.in_period
    base = {
        "agency": None,
        "channel": None,
        "category": None,
        "month": None,
        "period_start": s.period_start.isoformat(),
        "period_end": s.period_end.isoformat(),
        "reference_date": s.reference.isoformat(),
    }
    rows: list[FigureRow] = []

    def add(dimension: str, key: np.ndarray, labels: list[dict[str, Any]], sparse: bool) -> list:
        out = []
        for label, figures in zip(labels, aggregate(key, len(labels), d, t), strict=True):
            if sparse and not figures["records"]:
                continue
            out.append(FigureRow({"dimension": dimension, **base, **label, **figures}))
        rows.extend(out)
        return out

    add("overall", np.where(inside, 0, -1), [{}], False)
    agency_rows = add(
        "agency", np.where(inside, t.agency, -1), [{"agency": a} for a in t.agencies], True
    )
    add("channel", np.where(inside, t.channel, -1), [{"channel": c} for c in t.channels], True)
    add(
        "category",
        np.where(inside, t.category, -1),
        [{"category": c} for c in t.categories],
        True,
    )
    add("month", d.month, [{"month": m} for m in months], False)
    add(
        "agency_month",
        np.where(inside, t.agency.astype(np.int64) * len(months) + d.month, -1),
        [{"agency": a, "month": m} for a in t.agencies for m in months],
        True,
    )
    rank(agency_rows, s.config.min_records)
    return Figures(s, t, d, rows)


def compute_data(data: ComplaintData, today: dt.date) -> Figures:
    """Figures for a region's loaded records."""
    table = data.table
    first = data.first_received.date() if data.first_received else None
    settings = Settings.make(data.config, data.timezone, today, first)
    return compute(table, settings)


CHANNEL_ORDER = [c.value for c in Channel]
