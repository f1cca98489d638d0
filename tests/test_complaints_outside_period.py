"""The complaint page says how many records fall outside its period: a clerk who imported
November's records and sees only October's counted is told why, and a journalist finds them
in the open data (``in_period`` false)."""

from __future__ import annotations

import csv
import re

from bs4 import BeautifulSoup

from tests.complaints_util import HEADER, make_data

ROW = "{id},dinas-kesehatan,whatsapp,jalan rusak,{day}T09:00+07:00,,,open,,\n"


def test_records_outside_the_period_are_counted_on_the_page_and_in_the_data(tmp_path, build_site):
    days = ["2026-03-02", "2026-05-04", "2026-10-30", "2026-11-02", "2026-11-10", "2025-12-01"]
    body = "".join(ROW.format(id=f"A-{i}", day=d) for i, d in enumerate(days))
    data = make_data(tmp_path, {"a.csv": HEADER + body})  # period 2026-01-01 .. 2026-10-31
    site = build_site(data)
    text = " ".join(
        BeautifulSoup((site / "aduan" / "index.html").read_text("utf-8"), "html.parser")
        .article.get_text(" ")
        .split()
    )
    with (site / "data" / "complaints.csv").open(encoding="utf-8") as fh:
        outside = [r["id"] for r in csv.DictReader(fh) if r["in_period"] == "false"]
    assert sorted(outside) == ["A-3", "A-4", "A-5"]
    assert re.search(r"3 aduan diterima di luar periode ini dan tidak dihitung", text)
    assert "Ringkasan 3 aduan diterima" in text  # the period's own count
