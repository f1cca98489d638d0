"""A journalist's audit of the demo site: every figure on the pages, recomputed from the published
open data alone (kanal.sqlite, posts.sqlite, the CSV files) with the definitions the site's own
methodology pages state, then compared with the HTML. No Kanal code is used to recompute."""

from __future__ import annotations

import datetime as dt
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
    nearest_rank,
    ranks,
    rows,
    share,
    sql,
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
