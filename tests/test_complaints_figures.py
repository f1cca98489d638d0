"""Working days, Wilson intervals, nearest-rank percentiles, targets and the ranking rule."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.complaints.figures import (
    FigureRow,
    Settings,
    Table,
    _percentiles,
    compute,
    default_period,
    nearest_rank,
    rank,
    wilson,
    wilson_arrays,
)
from generator.complaints.models import Channel, Complaint, Status
from generator.complaints.workdays import Calendar
from generator.registry.settings import ComplaintsIn

WIB = dt.timezone(dt.timedelta(hours=7))
LOCAL = {dt.date(2026, 7, 15): "Hari Jadi"}


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar.build(dt.date(2025, 12, 1), dt.date(2026, 12, 31), LOCAL)


@pytest.mark.parametrize(
    ("a", "b", "days", "why"),
    [
        ("2026-01-12", "2026-01-12", 0, "same day"),
        ("2026-01-09", "2026-01-12", 1, "Friday to Monday: the weekend does not count"),
        ("2026-01-10", "2026-01-12", 1, "received on Saturday, answered Monday"),
        ("2025-12-31", "2026-01-02", 1, "Tahun Baru (Thursday) is a national holiday"),
        ("2026-03-17", "2026-03-25", 1, "Nyepi and Idul Fitri with cuti bersama, 18-24 March"),
        ("2026-03-16", "2026-03-17", 1, "an ordinary working day"),
        ("2026-07-14", "2026-07-16", 1, "local holiday from region.yml"),
        ("2026-12-23", "2026-12-28", 1, "cuti bersama Natal 24 December, Natal 25 December"),
    ],
)
def test_working_days(cal, a, b, days, why):
    assert cal.count(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) == days, why


def test_calendar_names_holidays_and_cuti_bersama(cal):
    assert cal.holidays[dt.date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert cal.holidays[dt.date(2026, 7, 15)] == "Hari Jadi"
    assert not cal.workday[(dt.date(2026, 3, 24) - cal.start).days]


def _seconds(text: str) -> np.ndarray:
    t = dt.datetime.fromisoformat(text)
    return np.array([int(t.timestamp()) + 7 * 3600])


@pytest.mark.parametrize(
    ("a", "b", "minutes"),
    [
        ("2026-01-09T15:00+07:00", "2026-01-12T09:00+07:00", 120),  # Fri 15-16, Mon 08-09
        ("2026-01-12T06:00+07:00", "2026-01-12T08:30+07:00", 30),  # before opening
        ("2026-01-10T10:00+07:00", "2026-01-10T18:00+07:00", 0),  # Saturday
        ("2026-03-19T10:00+07:00", "2026-03-25T10:00+07:00", 120),  # across Lebaran
    ],
)
def test_working_minutes(cal, a, b, minutes):
    assert int(cal.working_minutes(_seconds(a), _seconds(b))[0]) == minutes


def test_wilson_known_values():
    low, high = wilson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert round(wilson(0, 10)[1], 4) == 0.2775
    assert round(wilson(10, 10)[0], 4) == 0.7225
    low, high = wilson(81, 100)
    assert (round(low, 4), round(high, 4)) == (0.7222, 0.8749)  # by hand: (0.7985 ± 0.0763)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 10**7)), min_size=1, max_size=50))
def test_wilson_arrays_are_wilson_bit_for_bit(pairs):
    """aggregate computes every group's interval at once: the same floats as wilson(), so the
    published figures (and a journalist's SQL over them) do not move by one ulp."""
    within = np.array([min(a, b) for a, b in pairs], np.int64)
    eligible = np.array([max(a, b) for a, b in pairs], np.int64)
    low, high = wilson_arrays(within, eligible)
    for w, e, lo, hi in zip(
        within.tolist(), eligible.tolist(), low.tolist(), high.tolist(), strict=True
    ):
        expected = wilson(w, e)
        if e == 0:
            assert math.isnan(lo) and math.isnan(hi) and all(map(math.isnan, expected))
        else:
            assert (lo, hi) == expected  # exact, not approximate


def test_nearest_rank():
    n = np.array([1, 2, 4, 5, 10])
    assert nearest_rank(n, 50).tolist() == [1, 1, 2, 3, 5]
    assert nearest_rank(n, 90).tolist() == [1, 2, 4, 5, 9]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-1, 5),  # the group, -1 for none
            # values small (32-bit sort) and large (64-bit: minutes over years, many groups)
            st.one_of(st.integers(0, 300), st.integers(0, 2**33)),
            st.booleans(),  # valid
        ),
        max_size=60,
    ),
    st.sampled_from([6, 7, 2**20]),
)
def test_percentiles_per_group_are_the_nearest_rank_of_its_valid_values(records, groups):
    from tests.journalist_data import nearest_rank as reference

    key = np.array([g for g, _, _ in records], dtype=np.int64)
    values = np.array([v for _, v, _ in records], dtype=np.int64)
    valid = np.array([ok and g >= 0 for g, _, ok in records], dtype=bool)
    medians, p90s = _percentiles(np.where(key >= 0, key, 0), values, valid, groups)
    for g in range(min(groups, 6)):
        mine = [v for k, v, ok in records if k == g and ok]
        assert medians[g] == reference(mine, 0.5) and p90s[g] == reference(mine, 0.9)


def test_default_period_is_twelve_full_months():
    assert default_period(dt.date(2026, 11, 22)) == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    assert default_period(dt.date(2026, 1, 5)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def record(i, agency, received, first=None, resolved=None, status=Status.RESOLVED, cat="umum"):
    p = lambda s: dt.datetime.fromisoformat(s).replace(tzinfo=WIB) if s else None  # noqa: E731
    return Complaint(
        f"R{i}", agency, Channel.LAPOR, cat, p(received), p(first), p(resolved), status, None, None
    )


def figures(records, **config):
    settings = Settings.make(
        ComplaintsIn(**config), "Asia/Jakarta", dt.date(2026, 11, 22), dt.date(2025, 11, 1)
    )
    return compute(Table.from_records(records), settings)


def test_figures_targets_overdue_and_medians():
    rs = [
        # answered the next working day, resolved in 5 working days
        record(1, "a", "2026-02-02 09:00", "2026-02-03 09:00", "2026-02-09 09:00"),
        # answered after 8 working days (late), resolved after 20 (late)
        record(2, "a", "2026-02-02 09:00", "2026-02-12 09:00", "2026-03-02 09:00"),
        # open, unanswered, far past both targets: overdue, counts against both shares
        record(3, "a", "2026-02-02 09:00", status=Status.OPEN),
        # rejected: answered on the day, left out of the resolution share
        record(4, "a", "2026-02-02 09:00", "2026-02-02 10:00", "2026-02-02 10:00", Status.REJECTED),
        # outside the period (default: Nov 2025 - Oct 2026)
        record(5, "a", "2026-11-02 09:00", "2026-11-03 09:00", "2026-11-04 09:00"),
    ]
    f = figures(rs)
    row = f.agency("a")
    assert (row["records"], row["resolved"], row["rejected"], row["open"]) == (4, 2, 1, 1)
    assert row["overdue"] == 1 and row["answered"] == 3 and row["unanswered"] == 1
    assert row["first_response_median_workdays"] == 1  # values 0, 1, 8: rank 2
    assert row["first_response_p90_workdays"] == 8
    assert (row["first_response_within_target"], row["first_response_eligible"]) == (2, 4)
    assert (row["resolution_within_target"], row["resolution_eligible"]) == (1, 3)
    assert (row["band_fast"], row["band_medium"], row["band_slow"]) == (2, 0, 1)
    feb = next(r for r in f.of("month") if r["month"] == "2026-02")
    assert feb["records"] == 4
    assert [r["month"] for r in f.of("month")][0] == "2025-11"


def test_field_check_category_gets_the_longer_target():
    rs = [record(1, "a", "2026-02-02 09:00", "2026-02-03 09:00", "2026-03-16 09:00", cat="jalan")]
    assert figures(rs).agency("a")["resolution_within_target"] == 0
    f = figures(rs, field_check_categories=["jalan"])
    assert f.agency("a")["resolution_within_target"] == 1


def test_ranking_needs_the_minimum_and_uses_the_lower_bound():
    def rows(agency, n, good):
        return [
            record(
                f"{agency}{i}",
                agency,
                "2026-03-02 09:00",
                "2026-03-02 10:00" if i < good else "2026-03-20 10:00",
                "2026-03-25 10:00",
            )
            for i in range(n)
        ]

    # 'small' answers 3 of 3 within target but has too few records; 'big' 45 of 50;
    # 'mid' 10 of 10: higher share than 'big' but a lower bound under big's.
    f = figures(rows("small", 3, 3) + rows("big", 50, 45) + rows("mid", 10, 10))
    by = {r["agency"]: r for r in f.of("agency")}
    assert by["small"]["ranked"] is False and by["small"]["rank"] is None
    assert by["big"]["rank"] == 1 and by["mid"]["rank"] == 2
    assert [r["agency"] for r in f.ranking] == ["big", "mid", "small"]


def test_equal_keys_share_a_rank():
    rows = [
        {
            "agency": x,
            "records": 20,
            "first_response_eligible": 20,
            "first_response_within_low": low,
            "first_response_median_workdays": 1,
        }
        for x, low in (("a", 0.5), ("b", 0.5), ("c", 0.4))
    ]
    rank(rows, 10)
    assert [r["rank"] for r in rows] == [1, 1, 3]


def test_figure_rows_are_mappings_with_a_slot_per_field() -> None:
    """A figures row reads like the dict it replaced, and costs under half of one (a province
    holds 105,000 of them in the build process and every worker forked from it)."""
    import pickle
    import sys

    from generator.complaints.figures import FIGURE_FIELDS, FigureRow

    values = {name: i for i, name in enumerate(FIGURE_FIELDS)}
    row = FigureRow(values)
    assert dict(row) == values and row == values and {**row} == values
    assert list(row) == FIGURE_FIELDS and len(row) == len(FIGURE_FIELDS)
    assert row["records"] == row.records == values["records"]
    assert row.get("nope", "x") == "x" and "nope" not in row and "rank" in row
    row["rank"] = 7
    assert row["rank"] == 7
    with pytest.raises(KeyError):
        row["nope"] = 1
    with pytest.raises(KeyError):
        FigureRow({"nope": 1})
    assert FigureRow({"records": 3})["agency"] is None  # a field not given is None
    assert sys.getsizeof(row) * 2 < sys.getsizeof(values)
    assert not hasattr(row, "__dict__")
    assert pickle.loads(pickle.dumps(row)) == row  # kanal serve keeps figures between rounds


def test_shares_and_intervals_are_kept_whole_and_rounded_once_on_the_page():
    """A journalist recomputing from the counts found 181 bounds of a province shown 0.1 point
    too high: 509 of 647 has a lower bound of 0.75349961..., which rounded to 6 decimals first
    (0.7535) showed as 75,4 %. The figures carry the exact floats now."""
    from generator.complaints.figures import _shares
    from generator.site.pages import percent_id

    got = _shares("resolution", np.array([509, 0]), np.array([647, 0]))
    low = got["resolution_within_low"][0]
    assert low == wilson(509, 647)[0]  # bit for bit, not rounded
    assert percent_id(100 * low) == "75,3%"
    assert got["resolution_within_share"] == [509 / 647, None]


def _ranked(agency: str, within: int, eligible: int) -> FigureRow:
    """A row with the lower bound as the figures compute it (generator.complaints.figures)."""
    from generator.complaints.figures import _shares

    low = _shares("x", np.array([within]), np.array([eligible]))["x_within_low"][0]
    return FigureRow(
        {
            "agency": agency,
            "records": eligible,
            "first_response_eligible": eligible,
            "first_response_within_target": within,
            "first_response_within_low": low,
            "first_response_median_workdays": 1,
        }
    )


def test_ranks_tie_on_equal_bounds_only_not_on_bounds_equal_to_six_decimals():
    """Two lower bounds that differ past the sixth decimal are two ranks (they once shared one,
    compared as rounded); the same counts are one rank."""
    pairs = {}
    close = None
    for n in range(200, 700):
        for k in range(int(n * 0.8), int(n * 0.85)):
            key = round(wilson(k, n)[0], 6)
            other = pairs.setdefault(key, (k, n))
            if other != (k, n) and wilson(*other)[0] != wilson(k, n)[0]:
                close = (other, (k, n))
                break
        if close:
            break
    assert close is not None
    (k1, n1), (k2, n2) = close
    rows = [_ranked("a", k1, n1), _ranked("b", k2, n2), _ranked("c", k1, n1)]
    rank(rows, 10)
    by = {r["agency"]: r["rank"] for r in rows}
    assert by["a"] == by["c"]
    assert by["a"] != by["b"]


def test_all_or_none_within_target_has_bounds_of_exactly_one_and_zero():
    """Published whole, a bound of 0.9999999999999999 for 10 of 10 read as an artifact to a
    journalist (the province page had both it and 1.0 for p = 1)."""
    n = np.arange(1, 3000)
    for k, side, exact in ((n, 1, 1.0), (np.zeros_like(n), 0, 0.0)):
        arrays = wilson_arrays(k, n)[side]
        assert (arrays == exact).all()
        pairs = zip(k[:200].tolist(), n[:200].tolist(), strict=True)
        assert all(wilson(a, b)[side] == exact for a, b in pairs)
