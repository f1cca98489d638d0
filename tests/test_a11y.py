"""Accessibility: axe-core finds nothing serious or critical on any page type of the demo site.

Each page is checked at phone width (360 px), two also at desktop width, with the citizen
tools showing an answer (finder results, a checker verdict), since that content only exists after typing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

REQUIRED = {
    "home": "",
    "direktori": "direktori/",
    "cakupan": "cakupan/",
    "riwayat": "riwayat/",
    "agency": "instansi/dinas-pupr/",
    "kecamatan": "instansi/kecamatan-sukamaju/",
    "cek-akun": "cek-akun/",
    "tentang-data": "tentang-data/",
    "cakupan-kecamatan": "cakupan/desa/kecamatan-sukamaju/",
}
# Pages of other features; checked whenever the build has them.
OPTIONAL = {"aduan": "aduan/", "aduan-metodologi": "aduan/metodologi/", "pantauan": "pantauan/"}
DESKTOP_TOO = {"home", "agency"}
AXE = Axe()


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(demo_site)


def show_dynamic_content(page: Page, name: str) -> None:
    # Closed disclosures (a district's villages, definitions) are checked open.
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
    if name == "home":
        page.locator("#k-q").press_sequentially("jalan rusak")
        expect(page.locator("#k-results ol li").first).to_be_visible()
    if name in ("home", "cek-akun"):
        for text, kind in [
            ("@bpbd_contoh", "archived"),
            ("@dpuprkab.contoh", "official"),
            ("0812-0000-1111", "unknown"),
        ]:
            page.locator("#k-akun").fill(text)
            page.locator("#k-akun").press("Enter")
            expect(page.locator(f".k-check-result .k-verdict--{kind}")).to_be_visible()
        page.locator("#k-akun").fill("@bpbd_contoh")  # leave the warning on the page
        page.locator("#k-akun").press("Enter")


STEADY = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def serious_violations(page: Page) -> list[str]:
    # axe judges what a reader sees at rest: Material fades the header's title in and out as
    # the page scrolls (the checker's answers scroll it), and a half-faded title is no finding.
    page.add_style_tag(content=STEADY)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    response = AXE.run(page).response
    assert response["passes"], "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]} {v['help']}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", [*REQUIRED, *OPTIONAL])
def test_no_serious_axe_violations(page: Page, demo_url: str, demo_site: Path, name: str) -> None:
    path = REQUIRED[name] if name in REQUIRED else OPTIONAL[name]
    if name in OPTIONAL and not (demo_site / path / "index.html").exists():
        # Not built by this version: then nothing may link to it either.
        home = (demo_site / "index.html").read_text("utf-8")
        assert f'href="{path}"' not in home
        return
    assert (demo_site / path / "index.html").exists(), path
    # Phone width for every page; the desktop layout (sidebars) on two representative ones.
    widths = (360, 1280) if name in DESKTOP_TOO else (360,)
    found = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(demo_url + path)
        show_dynamic_content(page, name)
        found[width] = serious_violations(page)
    assert found == {width: [] for width in widths}


def test_material_search_dialog_is_named(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    dialog = page.locator(".md-search[role=dialog]")
    expect(dialog).to_have_attribute("aria-label", "Cari di situs ini")


def test_footer_text_contrast(page: Page, demo_url: str) -> None:
    """Material's footer text is 4.47:1; ours must reach at least 7:1 (WCAG AAA)."""
    page.goto(demo_url)
    ratio = page.evaluate(
        """() => {
      const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const text = getComputedStyle(document.querySelector('.md-copyright__highlight')).color;
      const bg = getComputedStyle(document.querySelector('.md-footer-meta')).backgroundColor;
      const [a, b] = [lum(rgb(text)), lum(rgb(bg))].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }"""
    )
    assert ratio >= 7, ratio
