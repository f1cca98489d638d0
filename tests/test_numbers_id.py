"""Numbers as a journalist recomputes them: one decimal, rounded half up like a spreadsheet."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from generator.site.pages import decimal_id, percent_id


def spreadsheet_round(value: Fraction) -> str:
    """ROUND(value; 1) of an exact fraction, written with a decimal comma."""
    tenths = int(value * 10 + Fraction(1, 2)) if value >= 0 else -int(-value * 10 + Fraction(1, 2))
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10},{abs(tenths) % 10}"


def test_one_in_sixteen_is_six_point_three_percent():
    assert percent_id(100 * 1 / 16) == "6,3%"  # :.1f gave 6,2% (half to even)
    assert decimal_id(0.25) == "0,3"
    assert decimal_id(87.5) == "87,5"
    assert decimal_id(2.45) == "2,5"


@given(st.integers(0, 20_000), st.integers(1, 20_000))
@example(1, 16)
@example(3, 8)
@example(7, 400)
def test_shares_round_like_a_spreadsheet(count: int, total: int):
    assert percent_id(100 * count / total) == spreadsheet_round(Fraction(100 * count, total)) + "%"


@given(st.integers(0, 20_000), st.integers(1, 20_000))
@example(23, 80)  # 100 * 0.2875 is 28.749999999999996 in binary; was shown as 28,7%
@example(41, 80)
def test_published_shares_round_like_a_spreadsheet(count: int, total: int):
    """A page shows 100 * the 6-digit share of figures.csv: ROUND(share * 100; 1) of that cell."""
    share = round(count / total, 6)
    assert percent_id(100 * share) == spreadsheet_round(Fraction(repr(share)) * 100) + "%"
