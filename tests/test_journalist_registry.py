"""The journalist audit, registry side: home, Cakupan, its per-kecamatan pages, Direktori,
agency pages and the fact-checker page, recomputed from agencies, accounts and official units."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

from generator.build.pipeline import build
from tests.conftest import ROOT
from tests.journalist_data import (
    num,
    rows,
    share,
)
from tests.journalist_helpers import (
    LEVEL_TITLE,
    PLATFORM_LABELS,
    PLATFORM_LABELS_REV,
    kecamatan_of,
    level_of,
    posting_agencies,
)
from tests.journalist_pages import (
    MONTH_NAMES,
    Audit,
    date_id,
    page,
    table,
    words,
)

pytest_plugins = ["tests.journalist_plugin"]
# Kanal's own code only builds the site (test_history_page); nothing is recomputed with it.


def test_home_and_coverage_pages(demo_site, method, registry, posts):
    audit = Audit()
    reference = method["reference"]
    home = page(demo_site, "")
    cards = [words(li) for li in home.select("ul.k-cards li")]
    want = []
    for level in ("opd", "kecamatan", "desa"):
        of, n = level_of(registry, level)
        want.append(
            f"{share(n, registry.denominator(level))} {LEVEL_TITLE[level]}: {of} punya akun media sosial resmi aktif"
        )
    audit.eq("beranda", "sekilas", cards, want)
    active = [a for a in registry.accounts if a["status"] == "active"]
    social = sum(a["platform"] != "website" for a in active)
    meta = words(home.select_one("ul.k-cards + p.k-meta"))
    audit.eq(
        "beranda",
        "akun",
        meta.split(". Data per")[0],
        f"{num(social)} akun media sosial resmi aktif terdaftar, ditambah {num(len(active) - social)} situs web dan akun lain",
    )
    audit.eq("beranda", "tanggal", f"Data per {date_id(reference)}," in meta, True)

    soup = page(demo_site, "cakupan")
    posting = posting_agencies(registry, posts, reference)
    for level in ("opd", "kecamatan", "desa"):
        h2 = soup.find("h2", id=level)
        big = words(h2.find_next("p"))
        of, n = level_of(registry, level)
        den = registry.denominator(level)
        kind = "cakupan"
        audit.eq(
            kind,
            f"{level} cakupan",
            big,
            f"{of} ({share(n, den)}) memiliki setidaknya satu akun media sosial resmi aktif.",
        )
        members = registry.members(level)
        p = sum(1 for a in members if a in posting)
        audit.eq(
            kind,
            f"{level} mengunggah",
            words(h2.find_next("p").find_next("p")).split(" aktif mengunggah")[0],
            f"{num(p)} dari {num(den)} ({share(p, den)})",
        )
        t = table(soup, f"{LEVEL_TITLE[level]}: cakupan per platform")
        unit = (
            "instansi"
            if level == "opd"
            else f"{'kecamatan' if level == 'kecamatan' else 'desa/kelurahan'} resmi"
        )
        audit.eq(
            kind,
            f"{level} platform caption",
            t.caption,
            f"{LEVEL_TITLE[level]}: cakupan per platform (n = {num(den)} {unit}, per {date_id(reference)})",
        )
        for row in t.body:
            platform = {v: k for k, v in PLATFORM_LABELS.items()}[row[0]]
            k = sum(1 for a in members if a and registry.active_on(a, platform))
            audit.eq(
                kind, f"{level} {platform}", row[1:], [f"{num(k)} dari {num(den)}", share(k, den)]
            )
        shown = {PLATFORM_LABELS_REV[r[0]] for r in t.body}
        used = {a["platform"] for a in active if a["agency"] in set(members)}
        audit.eq(kind, f"{level} platform yang dipakai tampil", used - shown, set())
        # Who has none: OPD by name; villages per kecamatan, each kecamatan's names on its page.
        without = [a for a in members if not a or not registry.active_social(a)]
        details = h2.find_next("details")
        if not without:
            audit.eq(
                kind,
                f"{level} semua punya",
                "Semua instansi pada tingkat ini memiliki akun media sosial resmi aktif."
                in words(h2.find_next("h2") and soup),
                True,
            )
            continue
        summary = words(details.summary)
        audit.eq(
            kind, f"{level} tanpa akun", re.search(r"\((\d+)\)", summary)[1], str(len(without))
        )
        if level == "opd":
            names = [words(li) for li in details.find_all("li")]
            audit.eq(
                kind,
                "opd tanpa akun",
                sorted(names),
                sorted(registry.agencies[a]["name"] for a in without),
            )
            continue
        per_kec = Counter(kecamatan_of(registry, a) for a in without)
        for li in details.find_all("li"):
            kec = re.search(r"cakupan/desa/([^/]+)/", li.a["href"])[1]
            audit.eq(
                kind,
                f"desa tanpa akun {kec}",
                words(li),
                f"{registry.agencies[kec]['name']} ({per_kec.pop(kec)})",
            )
            sub = page(demo_site, f"cakupan/desa/{kec}")
            names = [words(li) for li in sub.article.select("ul.k-cols li")]
            want_names = sorted(
                registry.agencies[a]["name"] for a in without if kecamatan_of(registry, a) == kec
            )
            audit.eq("cakupan/desa", f"{kec} nama", sorted(names), want_names)
            audit.eq(
                "cakupan/desa",
                f"{kec} jumlah",
                words(sub.select_one("p.k-lead")).split()[0],
                str(len(want_names)),
            )
        audit.eq(kind, "kecamatan tak tampil", dict(per_kec), {})
    audit.done()


def test_directory_page(demo_site, registry):
    audit = Audit()
    soup = page(demo_site, "direktori")
    t = table(soup, "Kecamatan, dan berapa desa/kelurahannya")
    body = soup.find("table", attrs={"data-search-exclude": True}).tbody
    for tr, row, href in zip(body.find_all("tr"), t.body, t.links, strict=True):
        kec = re.search(r"instansi/([^/]+)/", href)[1]
        code = registry.agencies[kec]["region_code"]
        villages = [
            u["agency"] for u in registry.units if u["level"] == "desa" and u["parent_code"] == code
        ]
        k = sum(1 for a in villages if a and registry.active_social(a))
        audit.eq("direktori", f"{kec} desa", row[2], f"{num(k)} dari {num(len(villages))}")
        icons = [s["aria-label"] for s in tr.find_all("svg")]
        platforms = {
            a["platform"]
            for a in registry.accounts
            if a["agency"] == kec and a["status"] == "active" and a["platform"] != "website"
        }
        audit.eq(
            "direktori", f"{kec} akun", sorted(icons), sorted(PLATFORM_LABELS[p] for p in platforms)
        )
    for li in soup.article.find_all("li"):
        a = li.find("a", href=re.compile(r"instansi/[^/#]+/$"))
        if not a or li.find_parent("table"):
            continue
        agency = re.search(r"instansi/([^/]+)/", a["href"])[1]
        if registry.level(agency) != "opd":
            continue
        audit.eq(
            "direktori",
            f"{agency} belum ada akun",
            "belum ada akun" in words(li),
            not registry.active_social(agency),
        )
    audit.done()


# -- posting activity ----------------------------------------------------------------------


def test_directory_groups_and_review_dates(demo_site, registry):
    """Direktori's group counts ("Dinas (22)") and each agency page's "Akun terakhir
    diperiksa" (the newest review date of its accounts)."""
    audit = Audit()
    soup = page(demo_site, "direktori")
    kinds = Counter(
        r["kind"] for r in registry.agencies.values() if registry.level(r["id"]) == "opd"
    )
    for h in soup.article.find_all(["h2", "h3"]):
        m = re.fullmatch(r"(.+) \((\d+)\)", words(h))
        if not m or m[1].startswith("Kecamatan dan desa"):
            continue
        items = h.find_next("ul")
        ids = {
            re.search(r"instansi/([^/]+)/", a["href"])[1] for a in items.find_all("a", href=True)
        }
        kind = {registry.agencies[i]["kind"] for i in ids}
        audit.eq(
            "direktori",
            f"{m[1]} jumlah",
            int(m[2]),
            kinds[kind.pop()] if len(kind) == 1 else len(ids),
        )
    for folder in sorted((demo_site / "instansi").iterdir()):
        agency = folder.name
        text = words(page(demo_site, f"instansi/{agency}").article)
        shown = re.search(r"Akun terakhir diperiksa: (\d+ \w+ \d{4})\. Menemukan", text)
        reviewed = [
            a["reviewed"] for a in registry.accounts if a["agency"] == agency and a["reviewed"]
        ]
        audit.eq(
            "instansi (diperiksa)",
            agency,
            shown and shown[1],
            date_id(dt.date.fromisoformat(max(reviewed))) if reviewed else None,
        )
    audit.done()


def test_fact_checker_page_counts(demo_site):
    """*Untuk pemeriksa fakta* says how many active accounts, domains, other official channels
    and impostors the JSON files hold. Regression: "12 kanal resmi lain" counted the 2 domains
    again (and would count archived items); the index holds 10 other active channels."""
    audit = Audit()
    official = json.loads(
        (demo_site / ".well-known" / "kanal-official.json").read_text(encoding="utf-8")
    )
    index = json.loads((demo_site / "assets" / "kanal" / "indeks.json").read_text(encoding="utf-8"))
    kind_at = index["official_fields"].index("kind")
    status_at = index["official_fields"].index("status")
    others = [
        r
        for r in index["official"]
        if r[status_at] == "active" and r[kind_at] not in ("web_domain", "email_domain")
    ]
    text = words(page(demo_site, "pemeriksa-fakta").article)
    shown = re.search(
        r"Saat ini: ([\d.]+) akun aktif, ([\d.]+) domain, ([\d.]+) kanal resmi lain dan ([\d.]+) peniru",
        text,
    )
    audit.eq(
        "pemeriksa-fakta",
        "jumlah",
        shown.groups(),
        (
            num(len(official["accounts"])),
            num(len(official["web_domains"]) + len(official["email_domains"])),
            num(len(others)),
            num(len(index["impostors"])),
        ),
    )
    active = [r for r in rows(demo_site / "data" / "accounts.csv") if r["status"] == "active"]
    audit.eq("pemeriksa-fakta", "akun aktif = accounts.csv", len(official["accounts"]), len(active))
    audit.done()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def test_agency_pages_list_exactly_the_published_accounts_and_channels(demo_site, registry):
    """Every agency and village block shows its accounts (status, "resmi sejak") and contact
    channels as accounts.csv and channels.csv publish them, no more and no fewer; a
    kecamatan page counts its villages and marks those without an account or any contact."""
    audit = Audit()
    channels = rows(demo_site / "data" / "channels.csv")
    kind = "instansi (registri)"
    seen_accounts, seen_channels = set(), set()
    for folder in sorted((demo_site / "instansi").iterdir()):
        soup = page(demo_site, f"instansi/{folder.name}")
        for li in soup.article.select("li.k-acc"):
            link = li.find("a", class_="k-tap")
            if not link or not li.select_one(".k-acc__handle"):
                continue  # a region-wide official item, not an account
            block = li.find_parent("details", class_="k-village")
            owner = block["id"] if block else folder.name
            match = [a for a in registry.accounts if a["url"] == link["href"]]
            audit.eq(kind, f"{owner} akun {link['href']}", [a["agency"] for a in match], [owner])
            if len(match) != 1:
                continue
            a = match[0]
            seen_accounts.add(a["url"])
            audit.eq(
                kind,
                f"{a['url']} status",
                [c for c in li["class"] if c.startswith("k-acc--")],
                [f"k-acc--{a['status']}"],
            )
            since = re.search(r"resmi sejak (\d+ \w+ \d{4})", words(li))
            audit.eq(
                kind,
                f"{a['url']} sejak",
                since and since[1],
                date_id(dt.date.fromisoformat(a["since"])) if a["since"] else None,
            )
        for link in soup.article.select("ul.k-channels a.k-ch"):
            block = link.find_parent("details", class_="k-village")
            owner = block["id"] if block else folder.name
            type_ = next(c for c in link["class"] if c.startswith("k-ch--")).removeprefix("k-ch--")
            href = link["href"]
            match = [
                c
                for c in channels
                if c["agency"] == owner
                and c["type"] == type_
                and (
                    _digits(c["value"]) == _digits(href)
                    if type_ in ("whatsapp", "phone", "sms")
                    else c["value"] in (href, href.removeprefix("mailto:"), href.rstrip("/"))
                )
            ]
            audit.eq(kind, f"{owner} kanal {type_} {href}", len(match), 1)
            seen_channels.update(c["id"] for c in match)
        # A kecamatan page: its villages, counted and marked.
        villages = soup.select("details.k-village")
        if villages:
            kec = folder.name
            registered = [
                a
                for a, r in registry.agencies.items()
                if r["parent"] == kec and registry.level(a) == "desa"
            ]
            heading = words(soup.find("h2", id="desa-kelurahan"))
            audit.eq(
                "kecamatan",
                f"{kec} jumlah desa",
                heading,
                f"Desa dan kelurahan ({len(registered)})",
            )
            audit.eq(
                "kecamatan", f"{kec} desa", sorted(v["id"] for v in villages), sorted(registered)
            )
            for v in villages:
                has_contact = any(c["agency"] == v["id"] for c in channels) or any(
                    a["agency"] == v["id"] for a in registry.accounts if a["status"] == "active"
                )
                want = (
                    ""
                    if registry.active_social(v["id"])
                    else (
                        "(belum ada akun media sosial)"
                        if has_contact
                        else "(belum ada kontak sama sekali)"
                    )
                )
                audit.eq(
                    "kecamatan", f"{v['id']} tanda", words(v.summary.select_one(".k-meta")), want
                )
                reviewed = [
                    a["reviewed"]
                    for a in registry.accounts
                    if a["agency"] == v["id"] and a["reviewed"]
                ]
                shown = re.search(r"Akun terakhir diperiksa: (\d+ \w+ \d{4})", words(v))
                audit.eq(
                    "kecamatan",
                    f"{v['id']} diperiksa",
                    shown and shown[1],
                    date_id(dt.date.fromisoformat(max(reviewed))) if reviewed else None,
                )
    audit.eq(
        kind, "akun tak tampil", sorted({a["url"] for a in registry.accounts} - seen_accounts), []
    )
    audit.eq(kind, "kanal tak tampil", sorted({c["id"] for c in channels} - seen_channels), [])
    audit.done()


def test_history_page(project_copy, tmp_path_factory, registry):
    """*Riwayat perubahan* built as of the day after the demo data's first commit: its counts,
    newest changes, monthly archive and coverage by month are those of registry_changes.csv and
    coverage_monthly.csv. Regression: it said "1.164 perubahan dari 4 commit" where the
    published changes come from 1 commit (3 more touched the files without a public change)."""
    out = tmp_path_factory.mktemp("history") / "site"
    build(ROOT / "data", out, project_copy, dt.date(2026, 11, 23))
    audit = Audit()
    soup = page(out, "riwayat")
    changes = (
        rows(out / "data" / "registry_changes.csv")
        if (out / "data" / "registry_changes.csv").exists()
        else []
    )
    if not changes:  # a checkout without the data's history: the page must say so
        assert "Riwayat belum tersedia." in words(soup.article)
        return
    commits = {c["commit"] for c in changes}
    first = min(dt.datetime.fromisoformat(c["time"]) for c in changes).date()
    big = words(soup.select_one("p.k-big"))
    audit.eq(
        "riwayat",
        "jumlah",
        re.match(r"[\d.]+ perubahan dari [\d.]+ commit sejak \d+ \w+ \d{4}", big)[0],
        f"{num(len(changes))} perubahan dari {num(len(commits))} commit sejak {date_id(first)}",
    )
    newest = sorted(changes, key=lambda c: (c["time"], int(c["seq"])), reverse=True)
    shown = min(50, len(changes))
    audit.eq(
        "riwayat",
        "terbaru",
        re.search(
            r"(\d+) perubahan terbaru dari ([\d.]+)",
            words(soup.find("h2", id="terbaru").find_next("p")),
        ).groups(),
        (str(shown), num(len(changes))),
    )
    items = soup.select("ol.k-changes > li")[:shown]
    audit.eq(
        "riwayat",
        "butir terbaru",
        [
            (
                li.select_one("code")["title"],
                words(li.find_all("p")[1]),
                "k-changes--sensitive" in li.get("class", []),
            )
            for li in items
        ],
        [
            (c["commit"], f"{c['agency_name']}: {c['description']}", c["sensitive"] == "true")
            for c in newest[:shown]
        ],
    )
    per_month = Counter(c["time"][:7] for c in changes)
    archive = [words(li) for li in soup.find("h2", id="arsip").find_next("ul").find_all("li")]
    audit.eq(
        "riwayat",
        "arsip",
        sorted(archive),
        sorted(f"{MONTH_NAMES[int(m[5:]) - 1]} {m[:4]} ({num(k)})" for m, k in per_month.items()),
    )
    monthly = rows(out / "data" / "coverage_monthly.csv")
    t = table(soup, "Cakupan akun resmi per bulan")
    want = []
    for m in sorted({r["month"] for r in monthly}):
        cells = [f"{MONTH_NAMES[int(m[5:]) - 1]} {m[:4]}"]
        for level in ("kecamatan", "desa"):
            r = next(r for r in monthly if r["month"] == m and r["level"] == level)
            cells.append(
                f"{num(int(r['with_account']))} dari {num(int(r['official']))} ({share(int(r['with_account']), int(r['official']))})"
            )
        want.append(cells)
    audit.eq("riwayat", "cakupan per bulan", t.body, want)
    # This month's row is the registry now (the same as Cakupan).
    last = max(r["month"] for r in monthly)
    for level in ("kecamatan", "desa"):
        r = next(r for r in monthly if r["month"] == last and r["level"] == level)
        members = [a for a in registry.members(level) if a]
        audit.eq(
            "riwayat",
            f"{last} {level} = cakupan",
            (int(r["with_account"]), int(r["official"])),
            (sum(registry.active_social(a) for a in members), registry.denominator(level)),
        )
    audit.done()
