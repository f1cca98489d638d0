"""Categories match whatever their case and spacing, and two spellings are a located warning."""

from __future__ import annotations

from generator.complaints.figures import compute_data
from tests.complaints_util import HEADER, run_check
from tests.conftest import TODAY

SETTINGS = """
complaints:
  field_check_categories: [jalan rusak]
  targets:
    Layanan Kesehatan:
      first_response_days: 1
      resolution_days: 7
  period:
    start: 2026-01-01
    end: 2026-10-31
"""


def _row(rid: str, category: str) -> str:
    return f"{rid},bappeda,lapor,{category},2026-01-05T09:15+07:00,,,open,,\n"


def test_spellings_of_one_category_share_figures_and_targets_with_a_warning(tmp_path, monkeypatch):
    rows = "".join(
        _row(f"A-{i}", c)
        for i, c in enumerate(
            ["Jalan Rusak", "jalan  rusak", "JALAN RUSAK", "jalan  rusak", "layanan kesehatan"]
        )
    )
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, SETTINGS)
    assert lines == [
        "data/complaints/a.csv:3:4: warning: category: kategori 'jalan  rusak' sama dengan 'Jalan Rusak' (data/complaints/a.csv:2:4) kecuali huruf besar/kecil atau spasi; dihitung sebagai 'Jalan Rusak', samakan penulisannya",
        "data/complaints/a.csv:4:4: warning: category: kategori 'JALAN RUSAK' sama dengan 'Jalan Rusak' (data/complaints/a.csv:2:4) kecuali huruf besar/kecil atau spasi; dihitung sebagai 'Jalan Rusak', samakan penulisannya",
    ]
    records = inputs.complaints.records
    assert {r.category for r in records} == {"Jalan Rusak", "layanan kesehatan"}
    figures = compute_data(inputs.complaints, TODAY)
    (road,) = [r for r in figures.of("category") if r["category"] == "Jalan Rusak"]
    assert road["records"] == 4
    assert figures.settings.target("jalan  RUSAK").resolution_days == 60
    assert figures.settings.target("layanan  kesehatan").first_response_days == 1


def test_two_spellings_in_the_settings_are_an_error(tmp_path, monkeypatch):
    settings = SETTINGS.replace("[jalan rusak]", "[jalan rusak, Jalan  Rusak]")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER}, settings)
    assert inputs is None
    assert lines == [
        "data/region.yml:11:41: error: complaints.field_check_categories: kategori 'Jalan  Rusak' sama dengan 'jalan rusak' (huruf besar/kecil dan spasi tidak dibedakan)"
    ]
