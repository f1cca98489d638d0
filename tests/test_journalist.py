"""A journalist's audit of the demo site: every figure on the pages, recomputed from the published
open data alone (kanal.sqlite, posts.sqlite, the CSV files) with the definitions the site's own
methodology pages state, then compared with the HTML. No Kanal code is used to recompute."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.journalist_data import (
    Complaints,
    figures,
    in_days,
    load_complaints,
    load_posts,
    load_registry,
    num,
    ranks,
    rows,
    share,
    sql,
    theme_hits,
)
from tests.journalist_pages import (
    Audit,
    date_id,
    days,
    hours,
    month_short,
    page,
    parse_date_id,
    table,
    tables,
    week_label,
    within,
    words,
)

CHANNEL_LABELS = {
    "lapor": "SP4N-LAPOR!",
    "whatsapp": "WhatsApp",
    "instagram": "Instagram",
    "portal": "Portal pengaduan daerah",
    "facebook": "Facebook",
    "x": "X (Twitter)",
    "walk-in": "Datang langsung",
    "email": "Surel",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "phone": "Telepon",
    "sms": "SMS",
    "letter": "Surat",
    "other": "Lainnya",
}


@pytest.fixture(scope="module")
def method(demo_site: Path) -> dict:
    """What the methodology page says: period, reference date, minimum, office hours, targets."""
    soup = page(demo_site, "aduan/metodologi")
    text = words(soup.article)
    period = re.search(r"Periode laporan: (\d+ \w+ \d{4}) – (\d+ \w+ \d{4})", text)
    zone = re.search(r"waktu setempat, ([\w/]+)\)", text)
    office = re.search(r"jam kantor \((\d\d)\.(\d\d)–(\d\d)\.(\d\d)", text)
    targets = {
        row[0]: (int(row[1]), int(row[2])) for row in table(soup, "Target per kategori").body
    }
    return {
        "text": text,
        "period": (parse_date_id(period[1]), parse_date_id(period[2])),
        "reference": parse_date_id(re.search(r"Tanggal acuan: (\d+ \w+ \d{4})", text)[1]),
        "minimum": int(re.search(r"Sampel minimum untuk peringkat: (\d+) aduan", text)[1]),
        "office": (
            dt.time(int(office[1]), int(office[2])),
            dt.time(int(office[3]), int(office[4])),
        ),
        "zone": zone[1],
        "targets": targets,
    }


@pytest.fixture(scope="module")
def complaints(demo_site: Path, method: dict) -> Complaints:
    return load_complaints(
        demo_site / "data",
        method["period"],
        method["reference"],
        method["targets"],
        method["office"],
        method["zone"],
    )


def test_each_published_record_recomputes_from_its_times_and_the_calendar(complaints):
    """The per-record columns of complaints.csv (working days, minutes, targets, flags) are what
    the calendar and the stated targets give: the aggregates below start from the raw times."""
    audit = Audit()
    flag = {None: None, "": None, 0: False, 1: True, "false": False, "true": True}
    for c in complaints.records:
        p = complaints.published[c.id]
        for col, mine in [
            ("first_response_workdays", c.fr_days),
            ("first_response_workminutes", c.fr_minutes),
            ("resolution_workdays", c.res_days),
            ("resolution_workminutes", c.res_minutes),
            ("age_workdays", c.age_days),
            ("first_response_target_days", c.fr_target),
            ("resolution_target_days", c.res_target),
            ("month", c.month),
        ]:
            audit.eq("record", f"{c.id}.{col}", p[col] if p[col] != "" else None, mine)
        for col, mine in [
            ("first_response_within_target", c.fr_within),
            ("resolution_within_target", c.res_within),
            ("overdue", c.overdue),
            ("in_period", c.in_period),
        ]:
            audit.eq("record", f"{c.id}.{col}", flag[p[col]], mine)
        audit.eq("record", f"{c.id}.speed_band", p["speed_band"] or "", c.band)
    assert audit.checked["record"] > 50_000
    audit.done()


def test_methodology_page_figures(demo_site, method, complaints):
    audit = Audit()
    text = method["text"]
    in_period = sum(c.in_period for c in complaints.records)
    audit.eq(
        "metodologi",
        "jumlah aduan",
        re.search(r"Jumlah aduan dalam periode: ([\d.]+) dari ([\d.]+) aduan", text).groups(),
        (num(in_period), num(len(complaints.records))),
    )
    calendar = {r["date"]: r for r in rows(demo_site / "data" / "calendar.csv")}
    start, end = method["period"]
    holidays = [
        (date_id(dt.date.fromisoformat(d)), r["holiday"])
        for d, r in sorted(calendar.items())
        if start.isoformat() <= d <= end.isoformat()
        and r["workday"] == "false"
        and dt.date.fromisoformat(d).weekday() < 5
    ]
    t = table(page(demo_site, "aduan/metodologi"), "Hari libur pada hari Senin–Jumat")
    audit.eq(
        "metodologi",
        "libur (jumlah)",
        t.caption,
        f"Hari libur pada hari Senin–Jumat dalam periode ({len(holidays)} hari)",
    )
    audit.eq("metodologi", "libur", [tuple(r[:2]) for r in t.body], holidays)
    audit.done()


def _by(complaints: Complaints, key) -> dict:
    groups = defaultdict(list)
    for c in complaints.records:
        if c.in_period:
            groups[key(c)].append(c)
    return {k: figures(v) for k, v in groups.items()}


def _status_line(f) -> str:
    return (
        f"{num(f.records)}: {num(f.resolved)} selesai, {num(f.rejected)} ditolak/di luar "
        f"kewenangan, {num(f.open)} masih terbuka ({num(f.overdue)} terlambat)"
    )


def _months(period: tuple[dt.date, dt.date]) -> list[str]:
    """Every month of the period: a month without records is a row of zeros."""
    out, d = [], period[0].replace(day=1)
    while d <= period[1]:
        out.append(d.strftime("%Y-%m"))
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


def _month_rows(groups: dict, period: tuple[dt.date, dt.date]) -> list[list[str]]:
    empty = figures([])
    return [
        [
            month_short(m),
            num(f.records),
            days(f.fr_median),
            days(f.fr_p90),
            f"{share(f.fr_within, f.fr_eligible)} ({num(f.fr_within)} dari {num(f.fr_eligible)})"
            if f.fr_eligible
            else "–",
            f"{share(f.res_within, f.res_eligible)} ({num(f.res_within)} dari {num(f.res_eligible)})"
            if f.res_eligible
            else "–",
        ]
        for m, f in ((m, groups.get(m, empty)) for m in _months(period))
    ]


def test_complaints_page_figures(demo_site, method, complaints):
    """aduan/: summary, status, ranking, months, speed bands, histogram, channels, categories."""
    audit = Audit()
    soup = page(demo_site, "aduan")
    kind = "aduan"
    f = figures(complaints.records)
    cards = [words(li) for li in soup.select("ul.k-cards li")]
    audit.eq(
        kind,
        "ringkasan",
        cards,
        [
            f"{num(f.records)} aduan diterima",
            f"{share(f.fr_within, f.fr_eligible)} ditanggapi dalam target ({num(f.fr_within)} dari "
            f"{num(f.fr_eligible)}; kemungkinan antara {_pct(f.fr_interval[0])} dan {_pct(f.fr_interval[1])})",
            f"{days(f.fr_median)} median tanggapan pertama (persentil 90: {days(f.fr_p90)})",
            f"{share(f.res_within, f.res_eligible)} diselesaikan dalam target ({num(f.res_within)} dari "
            f"{num(f.res_eligible)}; kemungkinan antara {_pct(f.res_interval[0])} dan {_pct(f.res_interval[1])})",
        ],
    )
    period = f"{date_id(method['period'][0])} – {date_id(method['period'][1])}"
    text = words(soup.article)
    audit.eq(kind, "periode", f"Periode: {period} (menurut tanggal aduan diterima)." in text, True)
    newest = max(c.received for c in complaints.records).date()
    audit.eq(
        kind,
        "aduan terbaru",
        re.search(r"aduan terbaru diterima (\d+ \w+ \d{4})", text)[1],
        date_id(newest),
    )
    status = table(soup, "Status aduan")
    audit.eq(
        kind, "status caption", status.caption, f"Status aduan, {period} (n = {num(f.records)})"
    )
    audit.eq(
        kind,
        "status",
        status.body[0],
        [
            num(f.resolved),
            num(f.rejected),
            num(f.open),
            num(f.overdue),
            days(f.res_median),
            days(f.res_p90),
        ],
    )

    # Ranking: every agency with records in the period, ranked ones first by rank.
    agencies = {r["id"]: r for r in rows(demo_site / "data" / "agencies.csv")}
    by_agency = _by(complaints, lambda c: c.agency)
    rank = ranks(by_agency, method["minimum"])
    t = table(soup, "Peringkat instansi")
    audit.eq(
        kind,
        "peringkat caption",
        t.caption,
        f"Peringkat instansi, {period} ({len(by_agency)} instansi dengan aduan)",
    )
    shown_ids = [re.search(r"instansi/([^/]+)/", href)[1] for href in t.links]
    want_order = sorted(by_agency, key=lambda a: (rank.get(a, 10**6), -by_agency[a].records))
    audit.eq(
        kind,
        "peringkat: urutan",
        [rank.get(a) for a in shown_ids],
        [rank.get(a) for a in want_order],
    )
    for agency, row in zip(shown_ids, t.body, strict=True):
        g = by_agency[agency]
        audit.eq(
            kind,
            f"peringkat {agency}",
            row,
            [
                str(rank[agency]) if agency in rank else "data belum cukup",
                agencies[agency]["short_name"] or agencies[agency]["name"],
                num(g.records),
                days(g.fr_median),
                within(g.fr_within, g.fr_eligible, g.fr_interval),
                within(g.res_within, g.res_eligible, g.res_interval),
                num(g.overdue),
            ],
        )

    months = table(soup, "Angka per bulan, semua instansi")
    audit.eq(
        kind,
        "bulan",
        months.body,
        _month_rows(_by(complaints, lambda c: c.month), method["period"]),
    )
    bands = re.search(r"Pita kecepatan: (.*?) Belum ditanggapi: ([\d.]+)\.", text)
    audit.eq(
        kind,
        "pita",
        bands.groups(),
        (
            f"cepat 0–3 hari kerja ({num(f.bands['fast'])} aduan), sedang 4–6 hari kerja "
            f"({num(f.bands['medium'])}), lambat lebih dari 6 hari kerja ({num(f.bands['slow'])}).",
            num(f.unanswered),
        ),
    )
    hist = table(soup, "Aduan menurut hari kerja sampai tanggapan pertama")
    answered = [c.fr_days for c in complaints.records if c.in_period and c.fr_days is not None]
    counts = Counter(min(d, 11) for d in answered)
    audit.eq(
        kind,
        "histogram caption",
        f"n = {num(len(answered))} aduan yang sudah ditanggapi" in hist.caption,
        True,
    )
    audit.eq(kind, "histogram", hist.body[0][1:], [num(counts[d]) for d in range(12)])
    audit.eq(kind, "histogram kolom", hist.head[1:], [str(d) for d in range(11)] + [">10"])

    channels = _by(complaints, lambda c: c.channel)
    t = table(soup, "Kinerja menurut kanal masuk")
    want = [
        [
            CHANNEL_LABELS[ch],
            num(g.records),
            days(g.fr_median),
            within(g.fr_within, g.fr_eligible, g.fr_interval),
            within(g.res_within, g.res_eligible, g.res_interval),
        ]
        for ch, g in sorted(channels.items(), key=lambda kv: (-kv[1].records, kv[0]))
    ]
    audit.eq(kind, "kanal", t.body, want)
    categories = _by(complaints, lambda c: c.category)
    t = table(soup, "Kinerja menurut kategori")
    want = [
        [
            cat,
            num(g.records),
            days(g.fr_median),
            days(g.res_median),
            within(g.fr_within, g.fr_eligible, g.fr_interval),
            within(g.res_within, g.res_eligible, g.res_interval),
        ]
        for cat, g in sorted(categories.items(), key=lambda kv: (-kv[1].records, kv[0]))
    ]
    audit.eq(kind, "kategori", t.body, want)
    audit.done()


def _pct(x: float) -> str:
    from tests.journalist_data import pct

    return pct(x)


def test_agency_complaint_sections(demo_site, method, complaints):
    """Each agency page's *Kinerja layanan aduan*: n, all records, rank, the figures, months."""
    audit = Audit()
    agencies = {r["id"]: r for r in rows(demo_site / "data" / "agencies.csv")}
    by_agency = _by(complaints, lambda c: c.agency)
    total = Counter(c.agency for c in complaints.records)
    rank = ranks(by_agency, method["minimum"])
    period = f"{date_id(method['period'][0])} – {date_id(method['period'][1])}"
    with_section = set()
    for folder in sorted((demo_site / "instansi").iterdir()):
        soup = page(demo_site, f"instansi/{folder.name}")
        found = tables(soup, "Angka ")
        found = [t for t in found if not t.caption.startswith("Angka per bulan")]
        if not found:
            continue
        agency = folder.name
        with_section.add(agency)
        name = agencies[agency]["name"]
        g = by_agency[agency]
        kind = "instansi (aduan)"
        text = words(soup.article)
        n = re.search(
            r"menurut tanggal diterima; n = ([\d.]+) aduan( \(([\d.]+) aduan tercatat seluruhnya\))?\.",
            text,
        )
        all_records = num(total[agency]) if total[agency] != g.records else None
        audit.eq(kind, f"{agency} n", (n[1], n[3]), (num(g.records), all_records))
        ranked = re.search(r"Peringkat (\d+) dari (\d+) instansi yang diberi peringkat", text)
        audit.eq(
            kind,
            f"{agency} peringkat",
            ranked and ranked.groups(),
            (str(rank[agency]), str(len(rank))) if agency in rank else None,
        )
        t = found[0]
        audit.eq(
            kind, f"{agency} caption", t.caption, f"Angka {name}, {period} (n = {num(g.records)})"
        )
        audit.eq(
            kind,
            f"{agency} angka",
            t.body,
            [
                ["Aduan diterima", _status_line(g)],
                [
                    "Tanggapan pertama",
                    f"median {days(g.fr_median)} ({hours(g.fr_median_minutes)}), persentil 90 {days(g.fr_p90)}",
                ],
                ["Ditanggapi dalam target", within(g.fr_within, g.fr_eligible, g.fr_interval)],
                ["Penyelesaian", f"median {days(g.res_median)}, persentil 90 {days(g.res_p90)}"],
                ["Diselesaikan dalam target", within(g.res_within, g.res_eligible, g.res_interval)],
                [
                    "Kecepatan tanggapan",
                    f"cepat {num(g.bands['fast'])}, sedang {num(g.bands['medium'])}, lambat {num(g.bands['slow'])}, belum ditanggapi {num(g.unanswered)}",
                ],
            ],
        )
        months = table(soup, f"Angka per bulan, {name}")
        mine = _by(complaints, lambda c, a=agency: c.month if c.agency == a else None)
        mine.pop(None, None)
        audit.eq(kind, f"{agency} bulan", months.body, _month_rows(mine, method["period"]))
    audit.eq("instansi (aduan)", "instansi dengan bagian aduan", with_section, set(by_agency))
    audit.done()


# -- coverage ------------------------------------------------------------------------------

LEVEL_TITLE = {"opd": "Perangkat daerah (OPD)", "kecamatan": "Kecamatan", "desa": "Desa/kelurahan"}
PLATFORM_LABELS = {
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "facebook": "Facebook",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "threads": "Threads",
    "website": "Situs web",
}


def _of(reg, level: str) -> str:
    """'36 dari 40' or, against an official count, '149 dari 251 (resmi)'."""
    members = reg.members(level)
    n = sum(1 for a in members if a and reg.active_social(a))
    official = " (resmi)" if level in reg.official else ""
    return f"{num(n)} dari {num(reg.denominator(level))}{official}", n


def _posting(reg, posts, reference) -> set[str]:
    """Agencies posting: a post in the last 30 days on one of their active social accounts."""
    active = {
        a["url"] for a in reg.accounts if a["status"] == "active" and a["platform"] != "website"
    }
    return {p.agency for p in posts if p.account in active and in_days(p.date, reference, 30)}


@pytest.fixture(scope="module")
def registry(demo_site: Path):
    return load_registry(demo_site / "data")


@pytest.fixture(scope="module")
def posts(demo_site: Path):
    return load_posts(demo_site / "data")


def test_home_and_coverage_pages(demo_site, method, registry, posts):
    audit = Audit()
    reference = method["reference"]
    home = page(demo_site, "")
    cards = [words(li) for li in home.select("ul.k-cards li")]
    want = []
    for level in ("opd", "kecamatan", "desa"):
        of, n = _of(registry, level)
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
    posting = _posting(registry, posts, reference)
    for level in ("opd", "kecamatan", "desa"):
        h2 = soup.find("h2", id=level)
        big = words(h2.find_next("p"))
        of, n = _of(registry, level)
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
        per_kec = Counter(_kecamatan_of(registry, a) for a in without)
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
                registry.agencies[a]["name"] for a in without if _kecamatan_of(registry, a) == kec
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


PLATFORM_LABELS_REV = {v: k for k, v in PLATFORM_LABELS.items()}


def _kecamatan_of(reg, agency: str) -> str:
    return reg.agencies[agency]["parent"]


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

STATUS_LABEL = {
    "active": "Aktif",
    "quiet": "Sepi",
    "dormant": "Dorman",
    "failing": "Feed gagal dibaca",
    "no_feed": "Tanpa feed",
}
BEST = ["active", "quiet", "dormant", "failing", "no_feed"]


class Activity:
    """Posting figures recomputed from posts.sqlite, feeds.csv and accounts.csv, with the
    definitions of Pantauan's *Definisi*."""

    def __init__(self, data: Path, registry, posts, reference: dt.date) -> None:
        self.reg, self.posts, self.ref = registry, posts, reference
        self.feeds = {f["account"]: f for f in rows(data / "feeds.csv")}
        self.active = [a for a in registry.accounts if a["status"] == "active"]
        self.last: dict[str, dt.date] = {}
        for p in posts:
            self.last[p.account] = max(self.last.get(p.account, p.date), p.date)

    def account_status(self, url: str) -> str:
        f, last = self.feeds[url], self.last.get(url)
        if f["feed"] and (not f["last_success"] or int(f["consecutive_failures"] or 0) >= 3):
            return "failing"
        if not f["feed"] and last is None:
            return "no_feed"
        if last is None:
            return "dormant"
        age = (self.ref - last).days
        return "active" if age < 14 else "quiet" if age < 30 else "dormant"

    def accounts_of(self, agency: str) -> list[dict]:
        return [a for a in self.active if a["agency"] == agency]

    def monitored(self, agency: str) -> bool:
        return any(self.account_status(a["url"]) != "no_feed" for a in self.accounts_of(agency))

    def agency_status(self, agency: str) -> str | None:
        found = [self.account_status(a["url"]) for a in self.accounts_of(agency)]
        return min(found, key=BEST.index) if found else None

    def count(self, agency: str | None, days: int, urls: set[str] | None = None) -> int:
        return sum(
            1
            for p in self.posts
            if (agency is None or p.agency == agency)
            and (urls is None or p.account in urls)
            and in_days(p.date, self.ref, days)
        )

    def week(self, monday: dt.date, agency: str | None = None) -> int:
        return sum(
            1
            for p in self.posts
            if (agency is None or p.agency == agency)
            and monday <= p.date <= monday + dt.timedelta(days=6)
        )


@pytest.fixture(scope="module")
def activity(demo_site: Path, method, registry, posts) -> Activity:
    return Activity(demo_site / "data", registry, posts, method["reference"])


def _last_week(reference: dt.date) -> dt.date:
    """Monday of the last complete Monday–Sunday week before the reference date."""
    return reference - dt.timedelta(days=reference.weekday() + 7)


def _account_key(a: dict) -> set[str]:
    url = re.sub(r"^https?://(www\.)?", "", a["url"]).rstrip("/")
    return {a["handle"], f"@{a['handle']}", url}


def _themes(demo_site: Path) -> dict[str, list[str]]:
    """The priority themes and their keywords as Pantauan lists them."""
    text = words(page(demo_site, "pantauan").article)
    listed = text.split("Kata kunci:")[1].split(" Definisi")[0]
    return {
        name.strip(): [k.strip() for k in kws.split(",")]
        for name, kws in re.findall(r"([^:;]+): ([^;]+)(?:;|\.$)", listed.strip())
    }


def test_agency_activity_sections(demo_site, registry, activity, posts):
    audit = Audit()
    themes = _themes(demo_site)
    last_week = _last_week(activity.ref)
    checked_agencies = set()
    for folder in sorted((demo_site / "instansi").iterdir()):
        soup = page(demo_site, f"instansi/{folder.name}")
        for t_el in soup.find_all("table"):
            if not (t_el.caption and words(t_el.caption) == "Aktivitas per akun aktif"):
                continue
            section = t_el.find_previous("h2")
            head = words(t_el.find_previous("p"))
            # The section belongs to the page's agency, or for a kecamatan page to itself.
            agency = folder.name
            checked_agencies.add(agency)
            kind = "instansi (unggahan)"
            urls = {a["url"] for a in activity.accounts_of(agency)}
            last = max((activity.last[u] for u in urls if u in activity.last), default=None)
            status = STATUS_LABEL[activity.agency_status(agency)]
            want = (f"{status} Unggahan terakhir {date_id(last)}. " if last else f"{status} ") + (
                f"Dalam 7 / 30 / 90 hari terakhir: {activity.count(agency, 7)} / "
                f"{activity.count(agency, 30)} / {activity.count(agency, 90)} unggahan "
                f"(per {date_id(activity.ref)})."
            )
            audit.eq(kind, f"{agency} ringkas ({words(section)})", head, want)
            body = t_el.tbody.find_all("tr")
            shown = []
            for tr in body:
                title = tr.th.find("span")["title"]
                label = words(tr.th).split()[0]
                match = [
                    a
                    for a in activity.accounts_of(agency)
                    if title in _account_key(a) and PLATFORM_LABELS[a["platform"]].startswith(label)
                ]
                assert len(match) == 1, (agency, title, label)
                a = match[0]
                shown.append(a["url"])
                u = {a["url"]}
                lp = activity.last.get(a["url"])
                audit.eq(
                    kind,
                    f"{agency} {a['url']}",
                    [words(td) for td in tr.find_all("td")],
                    [
                        STATUS_LABEL[activity.account_status(a["url"])],
                        str(activity.count(agency, 7, u)),
                        str(activity.count(agency, 30, u)),
                        str(activity.count(agency, 90, u)),
                        date_id(lp) if lp else "–",
                    ],
                )
            audit.eq(kind, f"{agency} akun", sorted(shown), sorted(urls))
        weekly = tables(soup, "Unggahan per minggu (Senin–Minggu)")
        if weekly:
            agency = folder.name
            want = [
                [
                    week_label(last_week - dt.timedelta(weeks=i)),
                    str(activity.week(last_week - dt.timedelta(weeks=i), agency)),
                ]
                for i in range(11, -1, -1)
            ]
            audit.eq("instansi (unggahan)", f"{agency} per minggu", weekly[0].body, want)
        theme_tables = tables(soup, "Bagian unggahan yang menyentuh tema prioritas daerah")
        if theme_tables:
            agency = folder.name
            recent = [p for p in posts if p.agency == agency and in_days(p.date, activity.ref, 90)]
            t = theme_tables[0]
            audit.eq(
                "instansi (unggahan)",
                f"{agency} tema n",
                t.caption,
                f"Bagian unggahan yang menyentuh tema prioritas daerah (n = {num(len(recent))} unggahan)",
            )
            want = []
            for name, kws in themes.items():
                k = sum(theme_hits(p.title, kws) for p in recent)
                want.append([name, num(k), share(k, len(recent))])
            audit.eq("instansi (unggahan)", f"{agency} tema", t.body, want)
        latest = soup.select("ul.k-posts li")
        if latest:
            agency = folder.name
            mine = sorted(
                (p for p in posts if p.agency == agency),
                key=lambda p: p.time,
                reverse=True,
            )[: len(latest)]
            audit.eq(
                "instansi (unggahan)",
                f"{agency} terbaru",
                [words(li) for li in latest],
                [f"{date_id(p.date)} · {PLATFORM_LABELS[p.platform]} {p.title}" for p in mine],
            )
        # A kecamatan page's villages: posts in 30 days and status.
        villages = tables(soup, "Desa/kelurahan: unggahan 30 hari terakhir dan status")
        if villages:
            kec = folder.name
            want = []
            for v in sorted(
                (
                    a
                    for a, r in registry.agencies.items()
                    if r["parent"] == kec and activity.accounts_of(a)
                ),
                key=lambda a: registry.agencies[a]["name"],
            ):
                last = max(
                    (
                        activity.last[x["url"]]
                        for x in activity.accounts_of(v)
                        if x["url"] in activity.last
                    ),
                    default=None,
                )
                want.append(
                    [
                        registry.agencies[v]["name"],
                        STATUS_LABEL[activity.agency_status(v)],
                        str(activity.count(v, 30)),
                        date_id(last) if last else "–",
                    ]
                )
            audit.eq("kecamatan (desa unggahan)", f"{kec} desa", villages[0].body, want)
    monitored_or_listed = {
        a for a in registry.agencies if activity.accounts_of(a) and registry.level(a) != "desa"
    }
    audit.eq(
        "instansi (unggahan)", "halaman dengan aktivitas", checked_agencies, monitored_or_listed
    )
    audit.done()


def _weekly_page(demo_site, rel, monday, registry, activity, audit) -> None:
    kind = "pantauan"
    soup = page(demo_site, rel)
    text = words(soup.article)
    prev = monday - dt.timedelta(weeks=1)
    this_week = Counter(
        p.agency for p in activity.posts if monday <= p.date <= monday + dt.timedelta(days=6)
    )
    last_week = Counter(
        p.agency for p in activity.posts if prev <= p.date <= prev + dt.timedelta(days=6)
    )
    total, before = sum(this_week.values()), sum(last_week.values())
    diff = f"+{total - before}" if total > before else str(total - before)
    audit.eq(kind, f"{rel} periode", f"Senin–Minggu {week_label(monday)} (waktu WIB)" in text, True)
    audit.eq(
        kind,
        f"{rel} jumlah",
        words(soup.select_one("p.k-big")),
        f"{num(total)} unggahan dari {num(len(this_week))} instansi; minggu sebelumnya {num(before)} ({diff}).",
    )
    monitored = [a for a in registry.agencies if activity.monitored(a)]
    silent = [a for a in monitored if not this_week[a]]
    audit.eq(
        kind,
        f"{rel} diam",
        re.search(
            r"(\d+) instansi yang dipantau tidak mengunggah apa pun minggu ini\. (\d+) instansi belum dipantau",
            text,
        ).groups(),
        (str(len(silent)), str(len(registry.agencies) - len(monitored))),
    )
    t = table(soup, "Instansi menurut jumlah unggahan")
    audit.eq(
        kind,
        f"{rel} peringkat caption",
        t.caption,
        f"Instansi menurut jumlah unggahan, {week_label(monday)} (n = {len(this_week)} instansi yang mengunggah)",
    )
    order = sorted(
        this_week, key=lambda a: (-this_week[a], registry.agencies[a]["name"].casefold())
    )
    want = []
    for i, a in enumerate(order, 1):
        d = this_week[a] - last_week[a]
        want.append(
            [
                str(i),
                registry.agencies[a]["name"],
                str(this_week[a]),
                str(last_week[a]),
                f"+{d}" if d > 0 else str(d),
            ]
        )
    audit.eq(kind, f"{rel} peringkat", t.body, want)
    h = soup.find("h2", id="diam")
    if silent or h:
        audit.eq(
            kind, f"{rel} diam judul", words(h), f"Tidak mengunggah minggu ini ({len(silent)})"
        )
        items = [words(li) for li in h.find_next("ul").find_all("li")]
        audit.eq(
            kind,
            f"{rel} diam nama",
            items,
            [
                registry.agencies[a]["name"]
                + (f" (minggu sebelumnya {last_week[a]})" if last_week[a] else "")
                for a in sorted(silent, key=lambda a: registry.agencies[a]["name"].casefold())
            ],
        )


def test_weekly_monitoring_pages(demo_site, registry, activity, posts):
    """Pantauan mingguan and every archived week: totals, ranking, silent agencies, the
    12-week table, figures per level and priority themes."""
    audit = Audit()
    monday = _last_week(activity.ref)
    _weekly_page(demo_site, "pantauan", monday, registry, activity, audit)
    archived = sorted(p.parent.name for p in (demo_site / "pantauan").glob("*-W*/index.html"))
    for name in archived:
        year, week = name.split("-W")
        _weekly_page(
            demo_site,
            f"pantauan/{name}",
            dt.date.fromisocalendar(int(year), int(week), 1),
            registry,
            activity,
            audit,
        )
    audit.eq("pantauan", "arsip", len(archived), 12)
    soup = page(demo_site, "pantauan")
    t = table(soup, "Unggahan seluruh instansi per minggu")
    audit.eq(
        "pantauan",
        "12 minggu",
        t.body,
        [
            [
                week_label(monday - dt.timedelta(weeks=i)),
                str(activity.week(monday - dt.timedelta(weeks=i))),
            ]
            for i in range(11, -1, -1)
        ],
    )
    posting = _posting(registry, posts, activity.ref)
    t = table(soup, "Aktivitas unggahan per tingkat")
    want = []
    for level in ("opd", "kecamatan", "desa"):
        members = [a for a in registry.members(level) if a]
        den = registry.denominator(level)
        k = sum(a in posting for a in members)
        counts = [sum(activity.count(a, d) for a in members) for d in (7, 30, 90)]
        statuses = Counter(activity.agency_status(a) for a in members if activity.monitored(a))
        want.append(
            [
                LEVEL_TITLE[level],
                f"{num(k)} dari {num(den)} ({share(k, den)})",
                " / ".join(num(c) for c in counts),
                ", ".join(f"{STATUS_LABEL[s]} {statuses[s]}" for s in BEST if statuses[s]),
            ]
        )
    audit.eq("pantauan", "per tingkat", t.body, want)
    themes = _themes(demo_site)
    recent = [p for p in posts if in_days(p.date, activity.ref, 90)]
    t = table(soup, "Unggahan 90 hari terakhir yang menyentuh tema prioritas")
    audit.eq("pantauan", "tema n", f"(n = {num(len(recent))} unggahan)" in t.caption, True)
    want = []
    for name, kws in themes.items():
        hits = [p for p in recent if theme_hits(p.title, kws)]
        want.append(
            [
                name,
                num(len(hits)),
                share(len(hits), len(recent)),
                num(len({p.agency for p in hits})),
            ]
        )
    audit.eq("pantauan", "tema", t.body, want)
    audit.done()


def test_definitions_a_reader_needs_are_stated(demo_site):
    """Regression: a journalist could not tell from the pages which kinds of agency the OPD
    level counts (40 includes the Pemkab, puskesmas and BUMD), that post counts include website
    feeds while "mengunggah" does not, which status is "best", or that themes also read
    summaries the open data leaves out."""
    coverage = words(page(demo_site, "cakupan").find("details", id="definisi"))
    assert "kolom kind di agencies.csv" in coverage
    assert "puskesmas, BUMD, lainnya) dihitung sebagai perangkat daerah (OPD)" in coverage
    definitions = words(page(demo_site, "pantauan").find("h2", id="definisi").find_next("ul"))
    assert "termasuk feed situs web" in definitions
    assert "dalam urutan Aktif, Sepi, Dorman, Feed gagal dibaca, Tanpa feed" in definitions
    assert "data terbuka hanya memuat judulnya" in definitions
    # "dalam 4 berkas": the source files are not published; the page says where they are.
    assert "berkas sumber (folder data/complaints/ repositori data" in words(
        page(demo_site, "aduan/metodologi").article
    )


def _figure_columns(f, rank: int | None, minimum: int) -> dict:
    """A figures.csv row as the records give it (shares and bounds to six decimals)."""
    fr_low, fr_high = f.fr_interval if f.fr_eligible else (None, None)
    res_low, res_high = f.res_interval if f.res_eligible else (None, None)
    return {
        "records": f.records,
        "resolved": f.resolved,
        "rejected": f.rejected,
        "open": f.open,
        "overdue": f.overdue,
        "answered": f.answered,
        "unanswered": f.unanswered,
        "first_response_median_workdays": f.fr_median,
        "first_response_p90_workdays": f.fr_p90,
        "first_response_median_workminutes": f.fr_median_minutes,
        "first_response_p90_workminutes": f.fr_p90_minutes,
        "resolution_median_workdays": f.res_median,
        "resolution_p90_workdays": f.res_p90,
        "resolution_median_workminutes": f.res_median_minutes,
        "resolution_p90_workminutes": f.res_p90_minutes,
        "first_response_eligible": f.fr_eligible,
        "first_response_within_target": f.fr_within,
        "first_response_within_share": round(f.fr_within / f.fr_eligible, 6)
        if f.fr_eligible
        else None,
        "first_response_within_low": fr_low,
        "first_response_within_high": fr_high,
        "resolution_eligible": f.res_eligible,
        "resolution_within_target": f.res_within,
        "resolution_within_share": round(f.res_within / f.res_eligible, 6)
        if f.res_eligible
        else None,
        "resolution_within_low": res_low,
        "resolution_within_high": res_high,
        "band_fast": f.bands["fast"],
        "band_medium": f.bands["medium"],
        "band_slow": f.bands["slow"],
    }


def test_published_aggregates_are_what_the_records_give(
    demo_site, method, complaints, registry, posts
):
    """figures.csv (every row, every column) and kanal.json: a province reading them must get
    what the records give, or it would call the site inconsistent."""
    audit = Audit()
    data = demo_site / "data"
    by_agency = _by(complaints, lambda c: c.agency)
    rank = ranks(by_agency, method["minimum"])
    groups = {
        "overall": {None: figures(complaints.records)},
        "agency": by_agency,
        "channel": _by(complaints, lambda c: c.channel),
        "category": _by(complaints, lambda c: c.category),
        "month": _by(complaints, lambda c: c.month),
        "agency_month": _by(complaints, lambda c: f"{c.agency}:{c.month}"),
    }
    seen = set()
    for r in sql(data / "kanal.sqlite", "SELECT * FROM figures"):
        key = None if r["dimension"] == "overall" else r["id"].split(":", 1)[1]
        f = groups[r["dimension"]][key]
        seen.add((r["dimension"], key))
        want = _figure_columns(f, rank.get(key), method["minimum"])
        got = {k: r[k] for k in want}
        audit.eq("figures.csv", r["id"], got, want)
        audit.eq(
            "figures.csv",
            f"{r['id']} periode",
            (r["period_start"], r["period_end"], r["reference_date"]),
            (
                method["period"][0].isoformat(),
                method["period"][1].isoformat(),
                method["reference"].isoformat(),
            ),
        )
        if r["dimension"] == "agency":
            audit.eq(
                "figures.csv",
                f"{r['id']} rank",
                (bool(r["ranked"]), r["rank"]),
                (key in rank, rank.get(key)),
            )
    want_rows = {(d, k) for d, g in groups.items() for k in g}
    audit.eq("figures.csv", "baris", sorted(want_rows - seen, key=str), [])

    manifest = json.loads((data / "kanal.json").read_text(encoding="utf-8"))
    f = figures(complaints.records)
    c = manifest["complaints"]
    audit.eq(
        "kanal.json",
        "aduan",
        c,
        {
            "period_start": method["period"][0].isoformat(),
            "period_end": method["period"][1].isoformat(),
            "records": f.records,
            "first_response_eligible": f.fr_eligible,
            "first_response_within_target": f.fr_within,
            "first_response_within_share": round(f.fr_within / f.fr_eligible, 6),
            "first_response_within_low": f.fr_interval[0],
            "first_response_within_high": f.fr_interval[1],
            "first_response_median_workdays": f.fr_median,
            "resolution_eligible": f.res_eligible,
            "resolution_within_target": f.res_within,
            "resolution_within_share": round(f.res_within / f.res_eligible, 6),
        },
    )
    posting = _posting(registry, posts, method["reference"])
    for level in manifest["coverage"]:
        name = level["level"]
        members = [a for a in registry.members(name) if a]
        audit.eq(
            "kanal.json",
            f"cakupan {name}",
            level,
            {
                "level": name,
                "official": registry.official.get(name),
                "registered": len(members),
                "with_active_account": sum(registry.active_social(a) for a in members),
                "posting_30": sum(a in posting for a in members),
            },
        )
    audit.done()


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
