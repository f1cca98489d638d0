"""Week pages name a bounded number of agencies, however many a province has."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.feeds.activity import Week, WeekRow
from generator.feeds.render import WEEK_LIST_MAX, _shown_rows
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY


def agencies(n: int) -> list:
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    base = next(iter(directory.agencies.values()))
    return [dataclasses.replace(base, id=f"a{i:04d}", name=f"Instansi {i:04d}") for i in range(n)]


def test_a_province_week_lists_at_most_the_limit_and_counts_stay_complete():
    many = agencies(3 * WEEK_LIST_MAX)
    ranked = [WeekRow(a, 300 - i, 1) for i, a in enumerate(many[:150])]
    # Silent: every third posted the week before; those are listed first.
    silent = [WeekRow(a, 0, 2 if i % 3 == 0 else 0) for i, a in enumerate(many[150:])]
    week = Week(dt.date(2026, 11, 9), ranked, silent, 0)
    shown = _shown_rows(week)
    assert shown["ranked"] == ranked[:WEEK_LIST_MAX]
    assert len(shown["silent"]) == WEEK_LIST_MAX
    assert {r.agency.id for r in silent if r.previous} <= {r.agency.id for r in shown["silent"]}
    names = [r.agency.name for r in shown["silent"]]
    assert names == sorted(names)
    assert len(week.ranked) == 150 and len(week.silent) == 150  # the page's counts


def test_a_regency_week_lists_everyone():
    few = agencies(30)
    week = Week(
        dt.date(2026, 11, 9),
        [WeekRow(a, 1, 0) for a in few[:10]],
        [WeekRow(a, 0, 0) for a in few[10:]],
        0,
    )
    assert _shown_rows(week) == {"ranked": week.ranked, "silent": week.silent}
