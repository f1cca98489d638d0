""" "Today" is the region's date: a UTC build machine must not push a region's records into the future."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build.pipeline import check
from generator.registry.clock import region_today
from tests.complaints_util import HEADER, make_data

# 2026-11-22 18:00 UTC: still the 22nd on a UTC runner, already 01:00 on the 23rd in WIB.
EVENING_UTC = int(dt.datetime(2026, 11, 22, 18, 0, tzinfo=dt.UTC).timestamp())


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", dt.date(2026, 11, 23)),  # WIB, UTC+7
        ("Asia/Makassar", dt.date(2026, 11, 23)),  # WITA, UTC+8
        ("Asia/Jayapura", dt.date(2026, 11, 23)),  # WIT, UTC+9
        ("UTC", dt.date(2026, 11, 22)),
        (None, dt.date(2026, 11, 22)),
        ("Bukan/Zona", dt.date(2026, 11, 22)),
    ],
)
def test_source_date_epoch_is_read_in_the_region_zone(monkeypatch, zone, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EVENING_UTC))
    assert region_today(zone) == expected


def test_complaint_after_local_midnight_is_not_in_the_future(tmp_path, monkeypatch):
    """Received 00:30 WIB on the 23rd, checked at 18:00 UTC on the 22nd: a valid record."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EVENING_UTC))
    monkeypatch.chdir(tmp_path)
    row = "N-1,bappeda,lapor,lainnya,2026-11-23T00:30+07:00,,,open,,\n"
    make_data(tmp_path, {"a.csv": HEADER + row})
    inputs, problems = check(Path("data"), None)
    assert [str(p) for p in problems.errors] == []
    assert inputs is not None
    assert inputs.directory.today == dt.date(2026, 11, 23)


def test_a_record_after_the_region_day_is_still_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EVENING_UTC))
    monkeypatch.chdir(tmp_path)
    row = "N-2,bappeda,lapor,lainnya,2026-11-24T00:30+07:00,,,open,,\n"
    make_data(tmp_path, {"a.csv": HEADER + row})
    inputs, problems = check(Path("data"), None)
    assert inputs is None
    assert [str(p) for p in problems.errors] == [
        "data/complaints/a.csv:2:5: error: received: waktu 2026-11-24T00:30:00+07:00 ada di masa depan (setelah 2026-11-23)"
    ]


def test_cli_uses_the_region_date(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EVENING_UTC))
    monkeypatch.chdir(tmp_path)
    row = "N-3,bappeda,lapor,lainnya,2026-11-23T00:30+07:00,,,open,,\n"
    make_data(tmp_path, {"a.csv": HEADER + row})
    assert main(["check", "--data", "data"]) == 0
    assert "masa depan" not in capsys.readouterr().err
