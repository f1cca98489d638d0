"""The province view: built from regencies' published sites, ranked, robust to bad members."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import build
from generator.cli import main
from generator.opendata.manifest import MANIFEST_VERSION
from generator.province.collect import collect
from tests.conftest import TODAY
from tests.province_util import make_province, make_regency, rehash, run_province

# Quotes and angle brackets are refused in every URL (tests/test_contacts.py); what a URL may
# hold (', &, parentheses, an entity's text) still has to stay inside the attribute.
HOSTILE_SITE = "https://kanal.grobogan.invalid/'onmouseover='alert(1)'?a=&lt;b&gt;"


@pytest.fixture(scope="module")
def province(tmp_path_factory, project_copy):
    """Three regencies built as sites (Blora sparse, Rembang partly, Pati complete to desa
    level), one tampered after publication, one unreachable, one with an unknown format."""
    root = tmp_path_factory.mktemp("prov")
    sites = {}
    specs = {
        "33.16": (2, 2, 4, 30, 3),  # Blora: 2 kecamatan, few villages, 1 in 4 with an account
        "33.17": (6, 3, 2, 30, 1),  # Rembang
        "33.18": (8, 4, 1, 30, 2),  # Pati: every registered village has an account
        "33.19": (1, 1, 1, 0, 1),  # Kudus: tampered after publication
        "33.20": (1, 1, 1, 0, 1),  # Jepara: manifest of a future version
    }
    for code, (kec, desa, every, n, answered) in specs.items():
        data = make_regency(root / code, code, kec, desa, every, n, answered)
        out = root / code / "site"
        build(data, out, project_copy, TODAY)
        sites[code] = out
    with (sites["33.19"] / "data" / "accounts.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "dinas-kesehatan,instagram,palsu,https://www.instagram.com/palsu/,active,,2026-10-01\n"
        )
    # Blora lists Rembang's health office account as its own too (re-hashed: a member may
    # publish it so): the province cannot tell whose it is.
    with (sites["33.16"] / "data" / "accounts.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "dinas-kesehatan,instagram,dinkes3317,https://www.instagram.com/DinKes3317/,"
            "active,,2026-10-01\n"
        )
    rehash(sites["33.16"] / "data")
    manifest = sites["33.20"] / "data" / "kanal.json"
    text = manifest.read_text()
    assert f'"version": {MANIFEST_VERSION}' in text  # else the doctoring below does nothing
    manifest.write_text(text.replace(f'"version": {MANIFEST_VERSION}', '"version": 99'))
    members = (
        "members:\n"
        + "".join(f'  - code: "{c}"\n    path: {sites[c]}\n' for c in sorted(sites))
        + '  - code: "33.21"\n    site: https://kanal.demak.invalid/\n'
    )
    # An unreachable member whose address carries markup: it is shown as text only.
    members += f'  - code: "33.22"\n    site: "{HOSTILE_SITE}"\n'
    data = make_province(root / "prov", members)
    out = root / "prov" / "site"
    import os

    cwd = os.getcwd()
    os.chdir(root / "prov")
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            code = run_province(data, out, project_copy.config, "5")
    finally:
        os.chdir(cwd)
    assert code == 0
    (root / "prov" / "stderr.txt").write_text(said.getvalue(), encoding="utf-8")
    return out


def _rows(site: Path) -> dict[str, dict[str, str]]:
    with (site / "data" / "provinsi.csv").open(encoding="utf-8") as fh:
        return {r["code"]: r for r in csv.DictReader(fh)}


def test_members_are_ranked_by_village_coverage_of_the_official_count(province):
    rows = _rows(province)
    ranked = sorted((r for r in rows.values() if r["rank"]), key=lambda r: int(r["rank"]))
    assert [r["code"] for r in ranked] == ["33.18", "33.17", "33.16"]
    pati = rows["33.18"]
    assert int(pati["desa_registered"]) == 32 and int(pati["desa_active"]) == 32
    assert int(pati["desa_official"]) > 32  # the official list, not what was entered
    assert int(rows["33.16"]["kecamatan_official"]) == 16  # Blora has 16 kecamatan
    assert float(rows["33.17"]["first_response_within_share"]) == 1.0
    assert 0 < float(rows["33.16"]["first_response_within_share"]) < 1.0


def test_bad_members_are_listed_without_figures(province):
    rows = _rows(province)
    assert rows["33.19"]["status"] == "tampered"
    assert "hash" in rows["33.19"]["reason"]
    assert rows["33.20"]["status"] == "unknown_version"
    assert rows["33.21"]["status"] == "unreachable"
    for code in ("33.19", "33.20", "33.21"):
        assert rows[code]["desa_active"] == "" and rows[code]["rank"] == ""
    no_site = [r for r in rows.values() if r["status"] == "no_site"]
    assert len(rows) == 35 and len(no_site) == 28  # every regency/city of Jawa Tengah is listed


def test_province_page_shows_status_and_links_from_nav(province):
    html = (province / "provinsi" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table", id="tabel-provinsi")
    first = table.tbody.find_all("tr")[0]
    assert "Kabupaten Pati" in first.th.get_text()
    tampered = next(tr for tr in table.tbody.find_all("tr") if "33.19" in tr.th.get_text())
    assert "Hash tidak cocok" in tampered.get_text()
    assert "%" not in " ".join(td.get_text() for td in tampered.find_all("td")[1:7])
    home = BeautifulSoup((province / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", href="provinsi/") is not None
    manifest = json.loads((province / "data" / "kanal.json").read_text(encoding="utf-8"))
    assert manifest["region"]["kind"] == "provinsi"
    assert "provinsi.csv" in {f["path"] for f in manifest["files"]}


def test_members_file_problems_are_located(tmp_path, project_copy, capsys):
    data = make_province(
        tmp_path,
        'members:\n  - code: "34.01"\n    path: x\n  - code: "33.16"\n  - code: "33.17"\n'
        "    site: ftp://x.example/\n",
    )
    code = main(
        [
            "province",
            "--data",
            str(data),
            "--out",
            str(tmp_path / "site"),
            "--config",
            str(project_copy.config),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "members.yml:2:11: error: members[0].code: '34.01' bukan kode kabupaten/kota di provinsi 33"
        in err
    )
    assert (
        "members.yml:4:5: error: members[1]: isi tepat satu: 'site' (alamat situs) atau 'path' (folder)"
        in err
    )
    assert "members[2].site: URL harus diawali https:// atau http://" in err
    assert not (tmp_path / "site").exists()


def test_member_addresses_with_markup_stay_text(province):
    html = (province / "provinsi" / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
    rows = soup.find("table", id="tabel-provinsi").tbody.find_all("tr")
    row = next(tr for tr in rows if "33.22" in tr.th.get_text())
    assert row.th.a["href"] == HOSTILE_SITE  # the attribute holds the text, escaped
    assert "Tidak dapat dibaca" in row.get_text()


@pytest.mark.browser
def test_province_page_has_no_serious_axe_findings_and_stays_light(province, serve_dir, page):
    from axe_playwright_python.sync_playwright import Axe

    base = serve_dir(province)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(base + "provinsi/")
        response = Axe().run(page).response
        serious = [
            v["id"] for v in response["violations"] if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], width
    sizes = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(base + "provinsi/", wait_until="networkidle")
    assert sum(sizes) < 1_000_000  # uncompressed; the gzip budget is checked on the demo


def test_checker_and_finder_answer_for_member_accounts(province):
    """The province's index holds its verified members' agencies and accounts."""
    from generator.registry.checker import check

    index = json.loads((province / "assets" / "kanal" / "indeks.json").read_text(encoding="utf-8"))
    names = [row[0] for row in index["agencies"]]
    assert "Dinas Kesehatan Kabupaten Pati" in names
    assert "Dinas Kesehatan Kabupaten Kudus" not in names  # the tampered member adds nothing
    result = check(index, "@dinkes3318")  # Pati's health office, published by Pati
    (match,) = result["matches"]
    row = index["agencies"][match["agency"]]
    assert (row[0], row[3], row[4]) == (
        "Dinas Kesehatan Kabupaten Pati",
        "provinsi/",
        "Kabupaten Pati",
    )
    assert check(index, "@diskominfo.prov.uji")["matches"]  # the province's own account


def test_collect_works_inside_a_running_event_loop():
    """Browser tests (Playwright's sync API) leave an event loop running in the main thread; the
    province build then failed with "asyncio.run() cannot be called from a running event loop"."""

    async def inside() -> list:
        return collect([], TODAY, codes={})

    # The outer loop gets a thread of its own: the main thread may hold Playwright's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result() == []


def test_benchmark_members_are_verified(tmp_path):
    """The synthetic members of benchmarks/national.py (also used by province_view.py) pass the
    province's own checks; they once published made-up intervals and none was verified."""
    import importlib.util
    import random

    from generator.province.collect import read_folder, units_by_regency
    from generator.registry import regions

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "national.py"
    spec = importlib.util.spec_from_file_location("national_benchmark", path)
    national = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(national)
    codes = regions.reference_codes()
    index = units_by_regency(codes)
    for i, code in enumerate(("33.71", "33.16")):  # Kota Magelang, Kabupaten Blora
        national.write_site(tmp_path / code, code, codes, index, random.Random(i))
        result = read_folder(tmp_path / code, code, codes[code], national.TODAY)
        assert (result.status, result.reason) == ("ok", None)
        assert result.desa is not None and result.desa.official == len(index[code][4])


def test_an_account_two_members_list_is_official_for_neither(province):
    """Blora lists Rembang's health office account too: both stay verified with their figures,
    the province's finder and checker call the account official for neither, its page names
    the account and both members, and ``kanal province`` warns at each member's entry."""
    from generator.registry.checker import check

    rows = _rows(province)
    assert rows["33.16"]["status"] == rows["33.17"]["status"] == "ok"
    index = json.loads((province / "assets" / "kanal" / "indeks.json").read_text(encoding="utf-8"))
    assert check(index, "@dinkes3317")["matches"] == []
    assert check(index, "https://instagram.com/dinkes3316")["matches"]  # Blora's own stays
    soup = BeautifulSoup((province / "provinsi" / "index.html").read_text(), "html.parser")
    heading = soup.find(id="akun-ganda")
    assert heading is not None and "(1)" in heading.get_text()
    cells = [td.get_text(" ", strip=True) for td in heading.find_next("table").find_all("td")]
    assert cells == [
        "https://www.instagram.com/DinKes3317/",
        "Kabupaten Blora 33.16 ; Kabupaten Rembang 33.17",
    ]
    said = (province.parent / "stderr.txt").read_text(encoding="utf-8")
    warned = [line for line in said.splitlines() if "juga dicantumkan oleh" in line]
    assert len(warned) == 2, said
    assert any("members.yml:" in line and "Kabupaten Rembang (33.17)" in line for line in warned)
    assert any(
        "instagram.com/dinkes3317" in line and "Kabupaten Blora (33.16)" in line for line in warned
    )


def _member(code: str, status: str, *urls: str, listed: str = "active", owns: tuple = ()):
    from generator.province.collect import MemberResult, listed_key
    from generator.province.members import Member
    from generator.safeinput.problems import Location

    keys = frozenset(listed_key(u)[1] for u in owns)
    member = Member(code, f"Kab {code}", None, None, Location("members.yml"), keys)
    r = MemberResult(member, status)
    r.accounts = [("a", "instagram", url, listed) for url in urls]
    return r


def _urls(r) -> list[str]:
    return [u for _, _, u, _ in r.accounts]


def _codes(pairs) -> list[tuple[str, list[str]]]:
    return [(u, [m.code for m in ms]) for u, ms, *_ in pairs]


def test_disputes_compare_accounts_as_the_checker_reads_them():
    from generator.province.collect import disputes

    a = _member("33.01", "ok", "https://instagram.com/Same.One", "https://x.com/own_a")
    b = _member("33.02", "ok", "https://www.instagram.com/same.one/?hl=id", "https://x.com/b")
    c = _member("33.03", "tampered", "https://instagram.com/same.one", "https://x.com/own_a")
    d = _member("33.04", "ok", "https://kanal.example.go.id/", "https://x.com/OWN_A")
    disputes([a, b, c, d])
    assert _urls(a) == []
    assert _codes(a.disputed) == [
        ("https://instagram.com/Same.One", ["33.02"]),
        ("https://x.com/own_a", ["33.04"]),
    ]
    assert _urls(b) == ["https://x.com/b"]
    assert _codes(b.disputed) == [("https://www.instagram.com/same.one/?hl=id", ["33.01"])]
    # A member not verified lists nothing the province uses, and is not in anyone's way.
    assert c.disputed == [] and len(c.accounts) == 2
    # A website is no account of a platform: it never counts as one.
    assert _urls(d) == ["https://kanal.example.go.id/"]
    # The finder reads each account's key from here: identified once.
    assert d.account_keys == [None]
    # Listed twice by one member (two agencies, or active and inactive): one entry.
    e = _member("33.05", "ok", "https://instagram.com/dup", "https://instagram.com/DUP/")
    f = _member("33.06", "ok", "https://instagram.com/dup")
    disputes([e, f])
    assert len(e.disputed) == 1 and e.accounts == [] and f.accounts == []
    g = _member("33.07", "ok", "https://instagram.com/dup", "https://instagram.com/DUP/")
    disputes([g])  # one member alone: its own check refuses an account claimed twice
    assert g.disputed == [] and len(g.accounts) == 2


def test_an_old_site_or_an_inactive_row_cannot_take_an_account_from_its_owner():
    """The strongest listing keeps the account: active on current data, over active on old
    data (a year-old site), over inactive (an abandoned row); only equals dispute it."""
    from generator.province.collect import disputes

    url = "https://instagram.com/dinkes3317"
    owner = _member("33.17", "ok", url)
    old = _member("33.16", "stale", url)
    dropped = _member("33.18", "ok", url, listed="inactive")
    disputes([owner, old, dropped])
    assert _urls(owner) == [url] and owner.disputed == owner.yielded == []
    assert _urls(old) == [] and _codes(old.yielded) == [(url, ["33.17"])]
    assert _urls(dropped) == [] and _codes(dropped.yielded) == [(url, ["33.17"])]
    # Two old sites, nobody current: they dispute it between them.
    x, y = _member("33.20", "stale", url), _member("33.21", "stale", url)
    disputes([x, y])
    assert _codes(x.disputed) == [(url, ["33.21"])] and _urls(y) == []
    # Two current owners and an old one: the two dispute it, the old one yields to both.
    p, q, r = (
        _member("33.22", "ok", url),
        _member("33.23", "ok", url),
        _member("33.24", "stale", url),
    )
    disputes([p, q, r])
    assert _codes(p.disputed) == [(url, ["33.23"])]
    assert _codes(r.yielded) == [(url, ["33.22", "33.23"])]
    assert _urls(p) == _urls(q) == _urls(r) == []


def test_an_account_the_province_settled_is_its_owners_alone():
    """members.yml ``owns``: the province's decision holds over any listing, even a weaker
    one of the owner, and even where the owner lists it not at all."""
    from generator.province.collect import disputes

    url = "https://instagram.com/dinkes3317"
    owner = _member("33.17", "stale", url, owns=("https://www.instagram.com/DinKes3317/",))
    other = _member("33.16", "ok", url)
    disputes([owner, other])
    assert _urls(owner) == [url] and owner.disputed == owner.yielded == []
    assert _urls(other) == [] and _codes(other.yielded) == [(url, ["33.17"])]
    absent = _member("33.18", "ok", "https://x.com/a", owns=(url,))
    third = _member("33.19", "ok", url)
    disputes([absent, third])
    assert _urls(third) == [] and _codes(third.yielded) == [(url, ["33.18"])]


def test_members_file_settles_accounts_at_their_lines(tmp_path):
    from generator.province.members import read_members
    from generator.registry import regions
    from generator.safeinput.problems import Problems

    data = tmp_path / "data"
    data.mkdir()
    (data / "members.yml").write_text(
        "members:\n"
        '  - code: "33.16"\n    path: a\n    owns: [https://instagram.com/dinkes3317]\n'
        '  - code: "33.17"\n    path: b\n'
        "    owns: [https://instagram.com/DinKes3317/, https://kanal.example.go.id/]\n",
        encoding="utf-8",
    )
    problems = Problems()
    members = read_members(data, "33", regions.reference_codes(), problems)
    assert [str(p).split(": error: ")[0].rsplit(":", 2)[-2:] for p in problems.errors] == [
        ["7", "12"],  # each entry of the flow list at its own column
        ["7", "47"],
    ]
    assert "sudah diputuskan milik 33.16" in str(problems.errors[0])
    assert "bukan alamat profil akun" in str(problems.errors[1])
    assert [len(m.owns) for m in members] == [1, 0]


def test_a_yielding_member_is_told_how_the_other_listing_won():
    from generator.province.collect import disputes

    url = "https://instagram.com/dinkes3317"
    old_active = _member("33.17", "stale", url)
    current_inactive = _member("33.16", "ok", url, listed="inactive")
    disputes([old_active, current_inactive])
    (why,) = [w for _, _, w in current_inactive.yielded]
    assert why == "dicantumkan sebagai akun aktif (data lama) oleh Kab 33.17 (33.17)"
    p, q, r = (
        _member("33.22", "ok", url),
        _member("33.23", "ok", url),
        _member("33.24", "stale", url),
    )
    disputes([p, q, r])
    (why,) = [w for _, _, w in r.yielded]
    assert why.endswith("yang memperebutkannya: akun ini tidak disebut resmi untuk siapa pun")
    unread = _member("33.18", "unreachable", owns=(url,))
    other = _member("33.19", "ok", url)
    disputes([unread, other])
    (why,) = [w for _, _, w in other.yielded]
    assert why.startswith("diputuskan provinsi milik Kab 33.18 (33.18)") and "tidak terbaca" in why
