"""Tables, charts, contacts and navigation a citizen on a 360 px phone can use (browser).

Every page type of the demo site is opened in Debian Chromium at 360 and 1280 px.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "direktori": "direktori/",
    "cakupan": "cakupan/",
    "riwayat": "riwayat/",
    "agency": "instansi/dinas-pupr/",
    "kecamatan": "instansi/kecamatan-sukamaju/",
    "aduan": "aduan/",
    "metodologi": "aduan/metodologi/",
    "pantauan": "pantauan/",
    "pantauan-minggu": "pantauan/2026-W46/",
    "cek-akun": "cek-akun/",
    "cara-melapor": "cara-melapor/",
    "tentang-data": "tentang-data/",
    "404": "404.html",
}
PUBLISHER_LINKS = [
    "tel:+62298521000",
    "mailto:diskominfo@contohkab.go.id",
    "https://diskominfo.contohkab.go.id",
]


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


# For every table: is any column cut off at the right, and if so can it be scrolled into view
# while the row names stay pinned, with the hint shown? Scrolls each wrapper to its end.
TABLES_JS = """() => {
  const vw = document.documentElement.clientWidth;
  return [...document.querySelectorAll('article table')].map(table => {
    const head = [...table.rows[0].cells];
    const caption = table.caption ? table.caption.textContent.trim() : head[0].textContent.trim();
    const clipped = head.filter(c => c.getBoundingClientRect().right > vw + 1).map(c => c.textContent.trim());
    const wrap = table.closest('.k-table-wrap');
    const scroller = [table.parentElement, table.parentElement.parentElement, wrap]
      .find(e => e && e.scrollWidth > e.clientWidth + 1);
    const hint = wrap && wrap.querySelector(':scope > .k-scroll-hint');
    const hintBox = hint && hint.offsetParent ? hint.getBoundingClientRect() : null;
    const rowHeads = [...table.tBodies].flatMap(b => [...b.rows]).map(r => r.querySelector('th[scope=row]') || r.cells[0]);
    const pinned = rowHeads.every(c => getComputedStyle(c).position === 'sticky');
    let reachable = clipped.length === 0;
    let namesStay = true;
    if (scroller && clipped.length) {
      scroller.scrollLeft = scroller.scrollWidth;
      const view = scroller.getBoundingClientRect();
      const right = Math.min(vw, view.right) + 1;
      reachable = head.every(c => c.getBoundingClientRect().right <= right || c.getBoundingClientRect().left < right && c.getBoundingClientRect().right - right < 2);
      const last = head[head.length - 1].getBoundingClientRect();
      reachable = last.right <= right;
      namesStay = rowHeads.every(c => { const b = c.getBoundingClientRect(); return b.left >= view.left - 1 && b.right <= right; });
      scroller.scrollLeft = 0;
    }
    return {caption: caption.slice(0, 60), clipped, scrolls: !!scroller, reachable, namesStay, pinned,
            hint: !!(hintBox && hintBox.width > 0 && hintBox.right <= vw + 1 && hint.textContent.includes('Geser'))};
  });
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_no_table_column_is_out_of_reach(page: Page, demo_url: str, width: int) -> None:
    """At 360 px a table fits, or scrolls with a visible hint and its row names pinned so the
    last column (the one that matters: percentage, score) can be brought into view. At 1280 px
    every table fits: no table-of-contents column steals the width."""
    page.set_viewport_size({"width": width, "height": 800})
    problems: list[str] = []
    measured = scrolled = 0
    for name, path in PAGES.items():
        page.goto(demo_url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # main.html marks overflowing tables on load
        for t in page.evaluate(TABLES_JS):
            measured += 1
            where = f"{name} @{width}px, table {t['caption']!r}"
            if not t["clipped"]:
                continue
            scrolled += 1
            if width >= 1280:
                problems.append(f"{where}: columns cut off at desktop: {t['clipped']}")
            elif not (
                t["scrolls"] and t["reachable"] and t["hint"] and t["pinned"] and t["namesStay"]
            ):
                problems.append(f"{where}: {t}")
    assert problems == []
    assert measured >= 20  # the pages really have tables
    if width == 360:
        assert scrolled >= 1  # and the scrolling path was exercised


AXIS_JS = """() => [...document.querySelectorAll('svg.k-chart')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const figure = svg.closest('figure');
  let next = figure, table = false;
  for (let i = 0; i < 4 && next && !table; i++) {
    next = next.nextElementSibling;
    table = !!next && (next.matches('table, .k-table-wrap') || !!next.querySelector('table'));
  }
  return {id: svg.getAttribute('aria-labelledby'), min: Math.min(...sizes), width: svg.getBoundingClientRect().width, table};
})"""


def test_chart_text_is_readable_on_a_phone_and_data_table_follows(
    page: Page, demo_url: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    charts = []
    for name in ("agency", "kecamatan", "aduan", "pantauan"):
        page.goto(demo_url + PAGES[name])
        charts += [dict(c, page=name) for c in page.evaluate(AXIS_JS)]
    assert len(charts) >= 8
    small = [c for c in charts if c["min"] < 11]
    assert small == [], "axis text under 11 px at 360 px"
    narrow = [c for c in charts if c["width"] < 300]
    assert narrow == [], "a chart does not use the column's width"
    alone = [c for c in charts if not c["table"]]
    assert alone == [], "a chart without its data table right after it"


def test_publisher_contact_in_footer_of_every_page(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    for name, path in PAGES.items():
        page.goto(demo_url + path)
        links = page.locator(".k-footer-pub a")
        assert [
            links.nth(i).get_attribute("href") for i in range(links.count())
        ] == PUBLISHER_LINKS, name
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44, (name, box)
    expect(page.locator(".k-footer-pub")).to_contain_text(
        "Dinas Komunikasi dan Informatika Kabupaten Contoh"
    )


def test_report_fake_account_path_ends_at_publisher(page: Page, demo_url: str) -> None:
    """Agency page → "Laporkan akun palsu" → the section on fake accounts, with the publisher's
    channels on the same page; "Tentang data" lists them too."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(demo_url + PAGES["agency"])
    page.get_by_role("link", name="Laporkan akun palsu").click()
    expect(page).to_have_url(demo_url + "cara-melapor/#menemukan-akun-palsu")
    page.get_by_role("link", name="kontak pengelola").first.click()
    contact = page.locator("article #kontak-pengelola")
    expect(contact).to_be_in_viewport()
    links = contact.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == PUBLISHER_LINKS
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44
    page.goto(demo_url + PAGES["tentang-data"])
    expect(page.locator("article #kontak-pengelola a")).to_have_count(3)


def test_404_is_indonesian_with_a_way_on(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "404.html")
    expect(page.locator("article h1")).to_have_text("Halaman tidak ditemukan")
    expect(page.locator("article")).not_to_contain_text("Not found")
    finder = page.get_by_role("link", name="Cari instansi atau layanan di beranda")
    expect(finder).to_have_attribute("href", "/#k-q")
    page.get_by_role("link", name="Buka direktori semua instansi").click()
    expect(page).to_have_url(demo_url + "direktori/")
    expect(page.locator("article h1")).to_have_text("Direktori instansi")


def test_district_page_opens_with_its_villages(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(demo_url + PAGES["kecamatan"])
    villages = page.locator("ul.k-villages summary")
    assert villages.count() >= 10
    top = villages.first.bounding_box()
    assert top is not None and top["y"] < 2 * 780, f"first village link at y={top['y']}"
    order = page.evaluate(
        "() => ['desa-kelurahan', 'statistik'].map(id => document.getElementById(id).getBoundingClientRect().top + scrollY)"
    )
    assert order[0] < order[1]
    page.locator("ul.k-jump").get_by_role("link", name="Statistik").click()
    expect(page.locator("#statistik h2").first).to_be_in_viewport()
    # Two taps to a village: its page, then its name; its contacts open under it.
    villages.nth(3).click()
    block = page.locator("details.k-village").nth(3)
    expect(block).to_have_attribute("open", "")
    expect(block.locator("section h4").first).to_be_in_viewport()
