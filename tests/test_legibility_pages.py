"""Built pages a citizen and a journalist can read: escaped publisher contact, villages that
say what they lack, weeks as dates, phone numbers that survive a spreadsheet (parsed HTML)."""

from __future__ import annotations

import csv
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, BuildSite


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_hostile_publisher_stays_text_in_footer_and_contact(build_site: BuildSite) -> None:
    site = build_site(FIXTURES / "hostile")
    for page in ("index.html", "tentang-data/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        handlers = [
            a for tag in soup(site / page).find_all(True) for a in tag.attrs if a[:2] == "on"
        ]
        assert handlers == [], page
        assert "onerror=\"window.__xss='pub'\"" not in html, page
        footer = soup(site / page).select_one(".k-footer-pub")
        assert footer is not None, page
        assert footer.find("script") is None and footer.find("img") is None
        assert footer.find("h2").get_text().startswith("Pengelola: Diskominfo <img src=x")
        link = footer.find("a")
        assert (
            link["href"]
            == "https://diskominfo.example.go.id/?a=1&b='+onfocus='window.__xss(1)'&c=&amp;lt;"
        )
    contact = soup(site / "tentang-data" / "index.html").select("article #kontak-pengelola a")
    assert len(contact) == 1 and contact[0].find("script") is None


def test_villages_tell_no_social_account_from_no_contact_at_all(demo_site: Path) -> None:
    labels: dict[str, int] = {}
    for page in (demo_site / "instansi").glob("kecamatan-*/index.html"):
        article = soup(page).find("article")
        for item in article.select("ul.k-villages > li"):
            section = item.find("details", class_="k-village").section
            note = item.summary.find(class_="k-meta", recursive=False)
            text = note.get_text() if note else ""
            labels[text] = labels.get(text, 0) + 1
            has_channel = section.select_one("a.k-ch") is not None
            has_social = section.select_one("li.k-acc--active") is not None
            if text == "(belum ada kontak sama sekali)":
                assert not has_channel and not has_social, item.a.get_text()
            elif text == "(belum ada akun media sosial)":
                assert has_channel or section.select_one("li.k-acc"), item.a.get_text()
    assert labels.get("(belum ada kontak sama sekali)", 0) > 0
    assert labels.get("(belum ada akun media sosial)", 0) > 0
    assert "(belum ada akun)" not in labels


def test_weeks_read_as_dates(demo_site: Path) -> None:
    article = soup(demo_site / "pantauan" / "index.html").find("article")
    archive = article.select("#arsip + ul a")
    assert archive and all(a["href"].startswith("../pantauan/2026-W") for a in archive)
    texts = [a.get_text() for a in archive]
    assert "16–22 November 2026" not in texts  # the page itself is the last week
    assert "9–15 November 2026" in texts
    assert "W4" not in article.get_text()


def test_phone_numbers_stay_text_in_spreadsheets(demo_site: Path) -> None:
    with (demo_site / "data" / "channels.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    numbers = [r["value"] for r in rows if r["type"] in ("whatsapp", "phone", "sms")]
    assert len(numbers) > 100
    assert all(v.startswith("tel:+62") and v[5:].isdigit() for v in numbers)
    others = [r["value"] for r in rows if r["type"] not in ("whatsapp", "phone", "sms")]
    assert not any(v.startswith("tel:") for v in others)
    page = (demo_site / "tentang-data" / "index.html").read_text(encoding="utf-8")
    assert "tel:+6281234567890" in page  # the data page explains the form
