"""The filter above the complaint ranking on aduan/ (theme/assets/kanal/rankfilter.js), at 360 px.

By level and by name, client-side, from aduan/peringkat/<level>.json (fetched on first use);
villages searchable where a region has village complaints; the full table stays in the open
data; axe finds nothing serious in the filtered state.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.complaints_util import make_data
from tests.test_a11y import serious_violations
from tests.test_village_ranking import RECORDS, SERENGAN

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


@pytest.fixture(scope="module")
def village_site(build_site, tmp_path_factory) -> Path:
    """A region whose villages received complaints (one with a hostile name)."""
    root = tmp_path_factory.mktemp("rankfilter")
    data = make_data(root, {"a.csv": RECORDS})
    (data / "agencies" / "serengan.yml").write_text(SERENGAN, encoding="utf-8")
    return build_site(data)


def open_filter(page: Page, url: str) -> list[str]:
    """Open aduan/ at 360 px; return the list the page's requests are recorded into."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.set_viewport_size(PHONE)
    page.goto(url + "aduan/")
    expect(page.locator("#saring")).to_be_visible()  # shown by its script
    return fetched


def result_names(page: Page) -> list[str]:
    return page.locator("#tabel-saringan tbody th a").all_inner_texts()


def test_name_search_finds_short_and_full_names_and_loads_only_when_used(
    page: Page, demo_url: str, demo_site: Path
) -> None:
    fetched = open_filter(page, demo_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/aduan/peringkat/" in u]  # nothing before first use
    page.locator("#k-rf-name").press_sequentially("kesehatan")  # Dinkes's full name
    expect(page.locator("#k-rf-status")).to_have_text("1 instansi dengan nama “kesehatan”")
    assert result_names(page) == ["Dinkes"]
    assert page.locator("#k-rank-all").is_hidden()
    row = page.locator("#tabel-saringan tbody tr").first
    # The figure it ranks by, in words, on the screen beside the name (a card, as the ranking).
    fig = row.locator("td.k-rank__fig")
    expect(fig).to_contain_text("kemungkinan antara")
    box = fig.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The same rank and share as the open data's figures.csv.
    with (demo_site / "data" / "figures.csv").open(encoding="utf-8") as f:
        dinkes = next(
            r
            for r in csv.DictReader(f)
            if r["dimension"] == "agency" and r["agency"] == "dinas-kesehatan"
        )
    expect(row.locator("td.k-rank__no")).to_have_text(dinkes["rank"])
    share = f"{100 * float(dinkes['first_response_within_share']):.1f}".replace(".", ",")
    expect(fig).to_contain_text(share + "%")
    row.locator("th a").click()
    expect(page).to_have_url(f"{demo_url}instansi/dinas-kesehatan/")


def test_level_filter_shows_every_row_of_that_level_and_clearing_restores(
    page: Page, demo_url: str, demo_site: Path
) -> None:
    open_filter(page, demo_url)
    expected = {}
    for level in ("opd", "kecamatan"):
        rows = json.loads((demo_site / "aduan" / "peringkat" / f"{level}.json").read_text("utf-8"))
        expected[level] = [r[1] for r in rows["rows"]]
    assert expected["opd"] and expected["kecamatan"]
    level = page.locator("#k-rf-level")
    assert level.locator("option").all_inner_texts() == [
        "Semua tingkat",
        f"Perangkat daerah (OPD) ({len(expected['opd'])})",
        f"Kecamatan ({len(expected['kecamatan'])})",
    ]
    level.select_option("kecamatan")
    expect(page.locator("#k-rf-status")).to_have_text(
        f"{len(expected['kecamatan'])} instansi di tingkat Kecamatan"
    )
    assert result_names(page) == expected["kecamatan"]
    # A name within the level.
    page.locator("#k-rf-name").fill("sukamaju")
    expect(page.locator("#k-rf-status")).to_have_text(
        "1 instansi dengan nama “sukamaju” di tingkat Kecamatan"
    )
    assert result_names(page) == ["Kec. Sukamaju"]
    level.select_option("opd")
    page.locator("#k-rf-name").fill("zzqx")
    expect(page.locator("#k-rf-status")).to_have_text(
        "Tidak ada instansi dengan nama “zzqx” di tingkat Perangkat daerah (OPD) di peringkat."
    )
    expect(page.locator("#tabel-saringan")).to_have_count(0)
    page.locator("#k-rf-name").fill("")
    expect(page.locator("#k-rf-status")).to_have_text(
        f"{len(expected['opd'])} instansi di tingkat Perangkat daerah (OPD)"
    )
    assert result_names(page) == expected["opd"]
    level.select_option("")
    expect(page.locator("#k-rank-all")).to_be_visible()
    expect(page.locator("#k-rf-out")).to_be_hidden()
    expect(page.locator("#tabel-peringkat")).to_be_visible()


def test_villages_are_searchable_by_level_with_their_district(
    page: Page, village_site: Path, serve_dir: Callable[[Path], str]
) -> None:
    url = serve_dir(village_site)
    open_filter(page, url)
    options = page.locator("#k-rf-level option").all_inner_texts()
    assert options[-1] == "Desa/kelurahan (3)", options
    page.locator("#k-rf-level").select_option("desa")
    expect(page.locator("#k-rf-status")).to_have_text("3 instansi di tingkat Desa/kelurahan")
    # Ranked villages first, by rank; the unranked (fewer than min_records) last.
    ranks = page.locator("#tabel-saringan tbody td.k-rank__no").all_inner_texts()
    numbers = [int(r) for r in ranks if r.isdigit()]
    assert numbers == sorted(numbers) and ranks[-1] == "data belum cukup", ranks
    # The hostile name is text, and the row leads to its district's village ranking.
    page.locator("#k-rf-name").fill("kauman")
    expect(page.locator("#k-rf-status")).to_have_text(
        "1 instansi dengan nama “kauman” di tingkat Desa/kelurahan"
    )
    link = page.locator("#tabel-saringan tbody th a")
    expect(link).to_have_text('Kelurahan <script>alert(1)</script> & "Kauman"')
    expect(page.locator("#tabel-saringan tbody th")).to_contain_text("Kec. Serengan")
    assert page.locator("#k-rf-out script").count() == 0
    link.click()
    expect(page).to_have_url(url + "aduan/desa/kecamatan-serengan/")


@pytest.mark.parametrize("width", [360, 1280])
def test_filtered_ranking_has_no_serious_axe_violations(
    page: Page, demo_url: str, width: int
) -> None:
    open_filter(page, demo_url)
    page.set_viewport_size({"width": width, "height": 800})
    page.locator("#k-rf-name").fill("dinas")
    expect(page.locator("#tabel-saringan")).to_be_visible()
    assert serious_violations(page) == []
    # Both fields are labelled, the status is announced.
    assert page.locator("label[for=k-rf-level]").inner_text() == "Tingkat"
    assert page.locator("label[for=k-rf-name]").inner_text() == "Cari nama di peringkat"
    assert page.locator("#k-rf-status").get_attribute("role") == "status"


def test_without_script_the_form_is_hidden_and_the_ranking_shown(browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_url + "aduan/")
    expect(page.locator("#saring")).to_be_hidden()  # it would do nothing
    expect(page.locator("#tabel-peringkat")).to_be_visible()
    context.close()


def test_sort_buttons_in_the_html_sort_the_ranking(page: Page, demo_url: str) -> None:
    # The ranking's sort buttons come with the page (no change of the long page as it loads);
    # sort.js only listens.
    page.set_viewport_size(PHONE)
    page.goto(demo_url + "aduan/")
    table = page.locator("#tabel-peringkat")
    head = table.locator("thead th").nth(2)
    expect(head.locator("button")).to_have_text("Aduan (n)")

    def counts() -> list[int]:
        cells = table.locator("tbody td:nth-child(3)").all_inner_texts()
        return [int(c.replace("Aduan", "").replace(".", "").strip()) for c in cells]

    head.locator("button").click()
    expect(head).to_have_attribute("aria-sort", "ascending")
    assert counts() == sorted(counts())
    head.locator("button").click()
    expect(head).to_have_attribute("aria-sort", "descending")
    assert counts() == sorted(counts(), reverse=True)
    assert table.locator("thead th button").count() == 7  # not wrapped twice
