"""Printable posters (poster/<id>.html): every agency has one, its QR code decodes (from a Chromium
screenshot, with zxing-cpp) to the agency's page, and it prints on one A4 and one A5 page."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Page

from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, ROOT, TODAY

SITE_URL = "https://kanal.kotauji.go.id/"

# One agency of each kind in the demo, the heaviest posters among them (most lines).
DEMO_SAMPLE = [
    "pemerintah-kabupaten-contoh",  # pemda: 7 accounts, an app, 7 statements
    "bapenda",  # badan: payments, SMS sender
    "dinas-kesehatan",  # dinas
    "rsud-contoh",  # rsud: hotline
    "puskesmas-tegalrejo",  # puskesmas
    "kecamatan-sukamaju",  # kecamatan
    "desa-ciherang-sukamaju",  # desa: bank account, on its district's page
    "sekretariat-dprd",  # sekretariat
]


def decode_qr(page: Page) -> str:
    """Screenshot the poster's QR code as rendered and decode it."""
    png = page.locator(".qr svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, "exactly one QR code"
    return found[0].text


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture(scope="module")
def site_with_url(build_site, tmp_path_factory) -> Path:
    """The tiny fixture with a site_url and official channels: absolute QR codes."""
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = data / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\nnever: [otp, apk]\n",
        encoding="utf-8",
    )
    return build_site(data)


def test_every_agency_has_a_poster_out_of_nav_search_and_sitemap(demo_site: Path):
    directory = load_directory(ROOT / "data", TODAY, Problems())
    posters = {p.stem for p in (demo_site / "poster").iterdir()}
    assert posters == set(directory.agencies)
    assert "poster/" not in (demo_site / "search" / "search_index.json").read_text("utf-8")
    assert "poster/" not in (demo_site / "sitemap.xml").read_text("utf-8")
    home = BeautifulSoup((demo_site / "index.html").read_text("utf-8"), "html.parser")
    assert not [a for a in home.select("nav a") if "poster/" in (a.get("href") or "")]


@pytest.mark.browser
@pytest.mark.parametrize("agency_id", DEMO_SAMPLE)
def test_demo_qr_decodes_to_the_agency_page(page: Page, demo_site: Path, serve_dir, agency_id):
    """The demo has no site_url: the QR holds the page's path from the site root, and that
    path (and the village's anchor on its district's page) exists."""
    base = serve_dir(demo_site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}poster/{agency_id}.html")
    text = decode_qr(page)
    assert text == page.locator(".qr strong").inner_text()
    path, _, anchor = text.partition("#")
    assert text.startswith("instansi/")
    target = BeautifulSoup((demo_site / path / "index.html").read_text("utf-8"), "html.parser")
    if anchor:
        assert anchor == agency_id and target.find(id=anchor) is not None
    else:
        assert path == f"instansi/{agency_id}/"
    assert page.locator("h1").inner_text() in target.get_text()


@pytest.mark.browser
def test_every_qr_with_a_site_url_is_absolute_and_right(page: Page, site_with_url: Path, serve_dir):
    base = serve_dir(site_with_url)
    page.set_viewport_size({"width": 360, "height": 780})  # a phone: the QR still decodes
    ids = sorted(p.stem for p in (site_with_url / "poster").iterdir())
    assert ids
    for agency_id in ids:
        page.goto(f"{base}poster/{agency_id}.html")
        text = decode_qr(page)
        assert text.startswith(SITE_URL + "instansi/"), text
        local = text.removeprefix(SITE_URL).partition("#")[0]
        assert (site_with_url / local / "index.html").exists()
        assert agency_id in text


@pytest.mark.browser
@pytest.mark.parametrize("size", ["A4", "A5"])
def test_posters_print_on_one_page(page: Page, demo_site: Path, serve_dir, size):
    base = serve_dir(demo_site)
    for agency_id in DEMO_SAMPLE:
        page.goto(f"{base}poster/{agency_id}.html")
        pdf = page.pdf(format=size, print_background=True)
        assert pdf_pages(pdf) == 1, (agency_id, size)


@pytest.mark.browser
def test_posters_print_in_black_on_white(page: Page, demo_site: Path, serve_dir):
    """Photocopied and printed on office laser printers: every visible text is black on white,
    and the print toolbar is hidden."""
    base = serve_dir(demo_site)
    page.emulate_media(media="print")
    page.goto(f"{base}poster/bapenda.html")
    colours = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.offsetParent !== null && e.textContent.trim())
            .map(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])"""
    )
    assert colours
    assert {c for c, _ in colours} == {"rgb(0, 0, 0)"}
    assert {b for _, b in colours} <= {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}
    assert not page.locator(".bar").is_visible()


def test_poster_shows_accounts_contacts_statements_and_escapes(demo_site: Path):
    html = (demo_site / "poster" / "bapenda.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text(" ")
    assert "@bapendakab.contoh" in text
    assert "WhatsApp" in text and "Telepon" in text
    assert "Kami tidak pernah" in text and "kode OTP" in text
    assert "PAJAKCONTOH" in text and "RKUD Kabupaten Contoh" in text
    assert soup.select_one(".qr svg") is not None
    assert "<script>" not in html  # the only script is the shared file


FULLEST = """\
id: badan-pendapatan-pengelolaan-keuangan-dan-aset-daerah
name: Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah Kota Uji Sebagai Nama Terpanjang
short_name: BPPKAD
kind: badan
accounts:
{accounts}
channels:
  - {{type: whatsapp, value: "0812-3456-7891", label: Layanan informasi pajak daerah dan retribusi}}
  - {{type: whatsapp, value: "0812-3456-7892", label: Layanan pengaduan}}
  - {{type: phone, value: "(0271) 712346", label: Operator kantor}}
  - {{type: sms, value: "0812-3456-7893"}}
  - {{type: email, value: bppkad.kota.uji.layanan.pajak.daerah@example.go.id}}
official:
  apps:
    - {{name: Pajak Daerah Kota Uji Mobile Terpadu, developer: Pemerintah Kota Uji Bagian Teknologi Informasi, google_play: id.go.kotauji.pajakdaerah.mobile.terpadu, app_store: "1234567890", {s}}}
  sms_senders:
    - {{sender: PAJAKKOTAUJ, {s}}}
  bank_accounts:
    - {{bank: Bank Jateng, number: "1-234-56789-012345", holder: Rekening Kas Umum Daerah Kota Uji Bendahara Penerimaan, {s}}}
    - {{bank: BRI, number: "0021-01-034567-50-9", holder: Bendahara Penerimaan BPPKAD Kota Uji, {s}}}
  virtual_accounts:
    - {{bank: Bank Jateng, prefix: "88810", {s}}}
  qris:
    - {{merchant: BPPKAD KOTA UJI PAJAK RESTORAN DAN HOTEL, {s}}}
  hotlines:
    - {{number: "1500123", label: Call center pajak daerah setiap hari kerja, {s}}}
never: [otp, personal_account, apk, free_service_fee, donation, job_fee]
never_text:
{texts}
"""


@pytest.mark.browser
@pytest.mark.parametrize("size", ["A4", "A5"])
def test_the_fullest_poster_still_prints_on_one_page(
    page: Page, build_site, tmp_path_factory, serve_dir, size
):
    """Every list at its limit, the longest names, 200-character statements: one sheet."""
    data = tmp_path_factory.mktemp("full") / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    s = "status: active, reviewed: 2026-10-01"
    accounts = (
        "\n".join(
            f"  - {{platform: {p}, handle: '{h}', status: active, reviewed: 2026-10-01}}"
            for p, h in [
                ("instagram", "bppkad.kotauji.pajakdaerah.r"),
                ("x", "bppkadkotauji01"),
                ("facebook", "bppkad.kota.uji.pajak.daerah"),
                ("youtube", "@BPPKADKotaUjiPajakDaerahResmi"),
                ("tiktok", "bppkad.kotauji.pajak"),
                ("threads", "bppkad.kotauji.pajakdaerah.r"),
            ]
        )
        + "\n  - {platform: website, url: 'https://bppkad.kotauji.go.id/layanan/pajak-daerah', status: active, reviewed: 2026-10-01}"
    )
    texts = "\n".join(
        f"  - {'meminta data pribadi lewat telepon ' * 6}"[:204].rstrip() for _ in range(4)
    )
    agency = FULLEST.format(accounts=accounts, s=s, texts=texts)
    (data / "agencies" / "full.yml").write_text(agency, encoding="utf-8")
    site = build_site(data)
    base = serve_dir(site)
    page.goto(f"{base}poster/badan-pendapatan-pengelolaan-keuangan-dan-aset-daerah.html")
    assert page.locator(".more").count() >= 1  # something gave way to "lihat situs"
    assert pdf_pages(page.pdf(format=size)) == 1
