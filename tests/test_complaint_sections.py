"""Each agency's complaint section: only for agencies with a page, and its months table."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.build.pipeline import check, compute_figures
from generator.complaints.render import render_complaints
from generator.site.pages import Renderer
from tests.complaints_util import HEADER, make_data
from tests.conftest import TODAY


def _rows(agency: str, n: int, month: str = "2026-02") -> str:
    return "".join(
        f"{agency[:3].upper()}-{i},{agency},lapor,jalan rusak,{month}-{i + 1:02d}T09:00+07:00,"
        f"{month}-{i + 2:02d}T09:00+07:00,,open,,\n"
        for i in range(n)
    )


def _sections(tmp_path: Path, files: dict[str, str]) -> Renderer:
    data = make_data(tmp_path, files)
    inputs, problems = check(data, TODAY)
    assert inputs is not None and inputs.complaints is not None, problems.sorted()
    figures = compute_figures(inputs)
    assert figures.complaints is not None
    renderer = Renderer(inputs.directory, tmp_path / "docs")
    render_complaints(renderer, inputs.complaints, figures.complaints)
    return renderer


def test_a_village_gets_no_section_its_district_links_to_its_villages(tmp_path):
    renderer = _sections(
        tmp_path, {"a.csv": HEADER + _rows("bappeda", 4) + _rows("kelurahan-pajang", 3)}
    )
    # Villages live on their district's page, which shows no per-village sections; a district
    # without figures of its own gets a short block linking to its villages' figures.
    assert set(renderer.agency_sections) == {"bappeda", "kecamatan-laweyan"}
    (block,) = renderer.agency_sections["kecamatan-laweyan"]
    link = BeautifulSoup(str(block), "html.parser").find("a")
    assert link.get_text() == "Aduan desa/kelurahan di kecamatan ini"
    assert link["href"] == "../../aduan/desa/kecamatan-laweyan/"


def test_months_table_rows_read_as_the_figures(tmp_path):
    renderer = _sections(tmp_path, {"a.csv": HEADER + _rows("bappeda", 4)})
    (section,) = renderer.agency_sections["bappeda"]
    soup = BeautifulSoup(str(section), "html.parser")
    caption = soup.find(
        "caption", string=lambda t: bool(t) and t.startswith("Angka per bulan, Badan Perencanaan")
    )
    assert "belum lewat target belum dihitung" in caption.get_text()
    table = caption.find_parent("table")
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.tbody("tr")
    }
    assert rows["Feb 26"] == [
        "4",
        "1 hari kerja",
        "1 hari kerja",
        "100,0% (4 dari 4)",
        "0,0% (0 dari 4)",
    ]
    assert rows["Jan 26"] == ["0", "–", "–", "–", "–"]
    assert len(rows) == 10  # January to October 2026, each month once
    # An agency's section draws the records and speed charts, not the index page's share chart.
    assert [svg["aria-labelledby"].split()[0] for svg in soup("svg")] == [
        "a-bappeda-n-t",
        "a-bappeda-t-t",
    ]
