"""Categories come from the region's list (complaints.categories, or the SP4N-LAPOR! topics)
and match whatever their case and spacing."""

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


def test_spellings_of_one_category_count_as_the_listed_one(tmp_path, monkeypatch):
    rows = "".join(
        _row(f"A-{i}", c)
        for i, c in enumerate(
            ["Jalan Rusak", "jalan  rusak", "JALAN RUSAK", "jalan  rusak", "layanan kesehatan"]
        )
    )
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, SETTINGS)
    assert lines == []
    records = inputs.complaints.records
    assert {r.category for r in records} == {"jalan rusak", "layanan kesehatan"}
    figures = compute_data(inputs.complaints, TODAY)
    (road,) = [r for r in figures.of("category") if r["category"] == "jalan rusak"]
    assert road["records"] == 4
    assert figures.settings.target("jalan  RUSAK").resolution_days == 60
    assert figures.settings.target("layanan  kesehatan").first_response_days == 1


def test_a_category_off_the_list_is_an_error_with_suggestions(tmp_path, monkeypatch):
    """Two person names were once published as categories: a category comes from the list."""
    rows = _row("A-1", "Budi Santoso") + _row("A-2", "jalan rusakk") + _row("A-3", "sampah")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, SETTINGS)
    assert inputs is None
    assert lines[0].startswith(
        "data/complaints/a.csv:2:4: error: category: kategori 'Budi Santoso' tidak ada di daftar "
        "kategori daerah; pilih salah satu: administrasi kependudukan, air bersih,"
    )
    assert lines[1:] == [
        "data/complaints/a.csv:3:4: error: category: kategori 'jalan rusakk' tidak ada di daftar kategori daerah; maksud Anda 'jalan rusak'? (daftar: complaints.categories di data/region.yml)"
    ]


def test_a_region_states_its_own_list(tmp_path, monkeypatch):
    settings = SETTINGS.replace(
        "complaints:\n", "complaints:\n  categories: [Jalan Rusak, Layanan Kesehatan, Wisata]\n"
    )
    rows = _row("A-1", "wisata") + _row("A-2", "sampah")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER + rows}, settings)
    assert lines == [
        "data/complaints/a.csv:3:4: error: category: kategori 'sampah' tidak ada di daftar kategori daerah; pilih salah satu: Jalan Rusak, Layanan Kesehatan, Wisata (daftar: complaints.categories di data/region.yml)"
    ]
    settings = settings.replace("Wisata]", "Wisata, wisata]").replace("[jalan rusak]", "[banjir]")
    (tmp_path / "b").mkdir()
    inputs, lines = run_check(tmp_path / "b", monkeypatch, {"a.csv": HEADER}, settings)
    assert lines == [
        "data/region.yml:11:56: error: complaints.categories: kategori 'wisata' sama dengan 'Wisata' (huruf besar/kecil dan spasi tidak dibedakan)",
        "data/region.yml:12:28: error: complaints.field_check_categories: kategori 'banjir' tidak ada di daftar kategori (complaints.categories); tambahkan ke daftar atau perbaiki penulisannya",
    ]


def test_two_spellings_in_the_settings_are_an_error(tmp_path, monkeypatch):
    settings = SETTINGS.replace("[jalan rusak]", "[jalan rusak, Jalan  Rusak]")
    inputs, lines = run_check(tmp_path, monkeypatch, {"a.csv": HEADER}, settings)
    assert inputs is None
    assert lines == [
        "data/region.yml:11:41: error: complaints.field_check_categories: kategori 'Jalan  Rusak' sama dengan 'jalan rusak' (huruf besar/kecil dan spasi tidak dibedakan)"
    ]
