"""The journalist as an attacker: nothing personal in any published file of the demo site, CSV
cells a spreadsheet would run are quoted, and markup from the data never reaches a page as
markup (a hostile copy of the demo data is built to prove it)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT

# Data-bearing files; the theme's JavaScript is Kanal's code (its examples are placeholders).
TEXT_SUFFIXES = {".html", ".csv", ".json", ".jsonld", ".xml", ".txt", ".atom", ".svg"}
PHONE = re.compile(r"(?<![\w/=.])(?:\+62|62|0)[\s.-]?8\d(?:[\s.-]?\d){7,11}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
NIK = re.compile(r"(?<![\w/=.-])\d{6}[\s.-]?\d{6}[\s.-]?\d{4}(?!\d)")
NAMED = re.compile(
    r"\b(?:atas nama|a\.n\.|nama saya|saya bernama|bernama|Bapak|Bpk\.?|Ibu|Sdr\.?|Sdri\.?)\s+[A-Z][a-z]+"
)


def _published_texts(site: Path):
    """(file, text) for every published file: text files, gzip members and SQLite cells."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES:
            yield rel, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".gz":
            yield rel, gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        elif path.suffix == ".sqlite":
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            tables = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                for row in con.execute(f'SELECT * FROM "{table}"'):
                    yield f"{rel}:{table}", " | ".join(str(v) for v in row if v is not None)
            con.close()


def _registry_public(data: Path) -> tuple[set[str], set[str]]:
    """Numbers and e-mail domains the registry publishes on purpose (office channels, the
    publisher, known impostors with their notices)."""
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [
            data / "region.yml",
            data / "impostors.yml",
            *sorted((data / "agencies").rglob("*.yml")),
        ]
    )
    loose = re.compile(r"(?:\+62|62|0)[\s.-]?8\d(?:[\s.-]?\d){7,11}")
    numbers = {_digits(m) for m in loose.findall(text)}
    domains = {m.lower() for m in EMAIL.findall(text)}
    # The documented example of the tel: format in the column descriptions.
    return numbers | {"081234567890"}, domains


def _digits(number: str) -> str:
    d = re.sub(r"\D", "", number)
    return "0" + d[2:] if d.startswith("62") else d


def test_no_personal_data_in_any_published_file(demo_site):
    numbers, domains = _registry_public(ROOT / "data")
    found = []
    files = 0
    for where, text in _published_texts(demo_site):
        files += 1
        for m in PHONE.findall(text):
            if _digits(m) not in numbers:
                found.append(f"{where}: nomor {m!r} bukan nomor resmi registri")
        for m in EMAIL.finditer(text):
            domain = m[1].lower()
            if domain not in domains and not domain.endswith((".png", ".svg", ".js", ".css")):
                found.append(f"{where}: surel {m[0]!r} di luar domain registri")
        for m in NIK.findall(text):
            found.append(f"{where}: angka seperti NIK {m!r}")
    # Free text from the public: complaint summaries and post titles name nobody.
    for r in csv.DictReader(
        io.StringIO((demo_site / "data" / "complaints.csv").read_text(encoding="utf-8"))
    ):
        if NAMED.search(r["summary"]):
            found.append(f"complaints.csv {r['id']}: nama dalam ringkasan {r['summary']!r}")
    for path in sorted((demo_site / "data").glob("posts-*.csv.gz")):
        for r in csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode())):
            if NAMED.search(r["title"]):
                found.append(f"{path.name}: nama dalam judul {r['title']!r}")
    assert files > 500
    assert not found, "\n".join(found[:50])


def _csv_cells(site: Path):
    for path in sorted((site / "data").glob("*.csv")):
        yield from (
            (path.name, cell)
            for row in csv.reader(path.open(encoding="utf-8", newline=""))
            for cell in row
        )
    for path in sorted((site / "data").glob("posts-*.csv.gz")):
        text = gzip.decompress(path.read_bytes()).decode()
        yield from ((path.name, cell) for row in csv.reader(io.StringIO(text)) for cell in row)


def _formula_cells(site: Path) -> list[str]:
    """Cells a spreadsheet would run as a formula (OWASP CSV injection); numbers are fine."""
    bad = []
    for name, cell in _csv_cells(site):
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            try:
                float(cell)
            except ValueError:
                bad.append(f"{name}: {cell!r}")
    return bad


def _markup_leaks(site: Path, marker: str) -> list[str]:
    """Elements or attributes the hostile data managed to create in any page."""
    leaks = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if marker not in html:
            continue
        soup = BeautifulSoup(html, "html.parser")
        for el in soup.find_all(True):
            json_ld = el.name == "script" and el.get("type") == "application/ld+json"
            if json_ld and "<" not in el.get_text():
                continue  # data inside JSON-LD, with < written as \u003c: cannot close the script
            if el.name in ("img", "script", "iframe") and marker in str(el):
                leaks.append(f"{path.relative_to(site)}: <{el.name}> from data: {str(el)[:300]}")
            for attr, value in el.attrs.items():
                if attr.startswith("on") and marker in str(value):
                    leaks.append(f"{path.relative_to(site)}: {attr}= from data")
            if el.name == "a" and str(el.get("href", "")).lower().startswith("javascript:"):
                leaks.append(f"{path.relative_to(site)}: javascript: link")
    return leaks


def test_demo_csv_cells_are_safe_in_a_spreadsheet(demo_site):
    assert _formula_cells(demo_site) == []


HOSTILE = "xss-kanal"


def test_hostile_data_is_escaped_and_quoted(build_site, tmp_path):
    """A copy of the demo data with markup and formulas in an agency's description, services
    and account note, and in complaint summaries: the pages show them as text and the CSV
    files quote every formula."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    agency = data / "agencies" / "opd" / "dinas-pupr.yml"
    text = agency.read_text(encoding="utf-8")
    payload = f'<img src=x onerror=alert("{HOSTILE}")><script>alert("{HOSTILE}")</script>'
    text = re.sub(
        r"^description: .*$",
        f'description: \'{payload} =HYPERLINK("http://evil";"{HOSTILE}")\'',
        text,
        count=1,
        flags=re.M,
    )
    assert payload in text
    agency.write_text(text, encoding="utf-8")
    complaints = data / "complaints" / "lapor.csv"
    lines = complaints.read_text(encoding="utf-8").splitlines()
    head = lines[1].rsplit(",", 1)[0]
    # A formula that calls something is refused by kanal check (tests/test_import_clerk_exports):
    # a cell a spreadsheet still reads as one is published with a leading apostrophe.
    lines[1] = head + f',"-{HOSTILE} jalan rusak"'
    lines[2] = lines[2].rsplit(",", 1)[0] + f",\"<script>alert('{HOSTILE}')</script> @SUM(1+1)\""
    complaints.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A post title from a feed: the newest post of an active account, shown on its page.
    store = data / "posts" / "instagram" / "bkpsdm_kabcontoh" / "2026.jsonl"
    post = {
        "n": f'=HYPERLINK("http://evil") <img src=x onerror=alert("{HOSTILE}")>',
        "t": "2026-11-20T08:00+07:00",
        "u": "https://www.instagram.com/p/xss-kanal/",
    }
    line = json.dumps(post, separators=(",", ":"), sort_keys=True)
    store.write_text(store.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    site = build_site(data)
    published = (site / "data" / "complaints.csv").read_text(encoding="utf-8")
    agencies_json = (site / "data" / "agencies.json").read_text(encoding="utf-8")
    assert (
        HOSTILE in published
        or HOSTILE in agencies_json
        or HOSTILE in (site / "instansi" / "dinas-pupr" / "index.html").read_text(encoding="utf-8")
    )
    assert _formula_cells(site) == []
    assert f"'-{HOSTILE} jalan rusak" in published
    assert _markup_leaks(site, HOSTILE) == []
    page = (site / "instansi" / "dinas-pupr" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror" in page
    posts = gzip.decompress((site / "data" / "posts-2026.csv.gz").read_bytes()).decode()
    assert "'=HYPERLINK" in posts
    assert HOSTILE in (site / "instansi" / "bkpsdm" / "index.html").read_text(encoding="utf-8")


def test_every_published_file_matches_its_manifest(demo_site):
    """A reader checks what they downloaded: every file under data/ is listed in kanal.json
    with its size and SHA-256, and datapackage.json's hashes and sizes agree."""
    data = demo_site / "data"
    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {
        p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and p.name != "kanal.json"
    }
    assert set(listed) == on_disk
    for path, f in listed.items():
        body = (data / path).read_bytes()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (f["bytes"], f["sha256"]), path
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for r in package["resources"]:
        body = (data / r["path"]).read_bytes()
        assert r["hash"] == "sha256:" + hashlib.sha256(body).hexdigest(), r["path"]
        if "bytes" in r:
            assert r["bytes"] == len(body), r["path"]
