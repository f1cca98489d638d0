"""A journalist's audit of the demo site: every figure on the pages, recomputed from the published
open data alone (kanal.sqlite, posts.sqlite, the CSV files) with the definitions the site's own
methodology pages state, then compared with the HTML. No Kanal code is used to recompute."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

from tests.journalist_data import (
    figures,
    num,
    pct,
    ranks,
    rows,
    share,
    sql,
)
from tests.journalist_helpers import (
    CHANNEL_LABELS,
    by,
    figure_columns,
    month_rows,
    months_of,
    posting_agencies,
    status_line,
)
from tests.journalist_pages import (
    Audit,
    date_id,
    days,
    hours,
    month_short,
    page,
    table,
    tables,
    within,
    words,
)

pytest_plugins = ["tests.journalist_plugin"]


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


def _later(pending: int) -> str:
    """Records not yet judged (open, target not passed), as the summary names them."""
    return f"; {num(pending)} belum dinilai" if pending else ""


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
            f"{num(f.fr_eligible)}; kemungkinan antara {pct(f.fr_interval[0])} dan {pct(f.fr_interval[1])}"
            f"{_later(f.fr_pending)})",
            f"{days(f.fr_median)} median tanggapan pertama (persentil 90: {days(f.fr_p90)}; "
            f"n = {num(f.answered)} aduan yang sudah ditanggapi)",
            f"{share(f.res_within, f.res_eligible)} diselesaikan dalam target ({num(f.res_within)} dari "
            f"{num(f.res_eligible)}; kemungkinan antara {pct(f.res_interval[0])} dan {pct(f.res_interval[1])}"
            f"{_later(f.res_pending)})",
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
    reference = date_id(method["reference"])
    audit.eq(
        kind,
        "tanggal acuan",
        f"Tanggal acuan untuk aduan yang masih terbuka: {reference}." in text,
        True,
    )
    audit.eq(
        kind, "diperbarui", f"Data terakhir diperbarui: {reference} (aduan terbaru" in text, True
    )
    status = table(soup, "Status aduan")
    audit.eq(
        kind,
        "status caption",
        status.caption,
        f"Status aduan, {period} (n = {num(f.records)}; median dan persentil 90 penyelesaian "
        f"dari {num(f.resolved)} aduan yang selesai)",
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
    by_agency = by(complaints, lambda c: c.agency)
    rank = ranks(by_agency, method["minimum"])
    t = table(soup, "Peringkat instansi")
    audit.eq(
        kind,
        "peringkat caption",
        t.caption,
        f"Peringkat instansi, {period} ({len(by_agency)} instansi dengan aduan). "
        "Median tanggapan pertama: dari aduan yang sudah ditanggapi.",
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
        month_rows(by(complaints, lambda c: c.month), method["period"]),
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

    channels = by(complaints, lambda c: c.channel)
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
    categories = by(complaints, lambda c: c.category)
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


def test_agency_complaint_sections(demo_site, method, complaints):
    """Each agency page's *Kinerja layanan aduan*: n, all records, rank, the figures, months."""
    audit = Audit()
    agencies = {r["id"]: r for r in rows(demo_site / "data" / "agencies.csv")}
    by_agency = by(complaints, lambda c: c.agency)
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
                ["Aduan diterima", status_line(g)],
                [
                    "Tanggapan pertama",
                    f"median {days(g.fr_median)} ({hours(g.fr_median_minutes)}), persentil 90 "
                    f"{days(g.fr_p90)}; n = {num(g.answered)} aduan yang sudah ditanggapi",
                ],
                ["Ditanggapi dalam target", within(g.fr_within, g.fr_eligible, g.fr_interval)],
                [
                    "Penyelesaian",
                    f"median {days(g.res_median)}, persentil 90 {days(g.res_p90)}; "
                    f"n = {num(g.resolved)} aduan yang selesai",
                ],
                ["Diselesaikan dalam target", within(g.res_within, g.res_eligible, g.res_interval)],
                [
                    "Kecepatan tanggapan",
                    f"cepat {num(g.bands['fast'])}, sedang {num(g.bands['medium'])}, lambat {num(g.bands['slow'])}, belum ditanggapi {num(g.unanswered)}",
                ],
            ],
        )
        months = table(soup, f"Angka per bulan, {name}")
        mine = by(complaints, lambda c, a=agency: c.month if c.agency == a else None)
        mine.pop(None, None)
        audit.eq(kind, f"{agency} bulan", months.body, month_rows(mine, method["period"]))
    audit.eq("instansi (aduan)", "instansi dengan bagian aduan", with_section, set(by_agency))
    audit.done()


# -- coverage ------------------------------------------------------------------------------


def test_published_aggregates_are_what_the_records_give(
    demo_site, method, complaints, registry, posts
):
    """figures.csv (every row, every column) and kanal.json: a province reading them must get
    what the records give, or it would call the site inconsistent."""
    audit = Audit()
    data = demo_site / "data"
    by_agency = by(complaints, lambda c: c.agency)
    rank = ranks(by_agency, method["minimum"])
    groups = {
        "overall": {None: figures(complaints.records)},
        "agency": by_agency,
        "channel": by(complaints, lambda c: c.channel),
        "category": by(complaints, lambda c: c.category),
        "month": by(complaints, lambda c: c.month),
        "agency_month": by(complaints, lambda c: f"{c.agency}:{c.month}"),
    }
    seen = set()
    for r in sql(data / "kanal.sqlite", "SELECT * FROM figures"):
        key = None if r["dimension"] == "overall" else r["id"].split(":", 1)[1]
        f = groups[r["dimension"]][key]
        seen.add((r["dimension"], key))
        want = figure_columns(f, rank.get(key), method["minimum"])
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
            "first_response_within_share": f.fr_within / f.fr_eligible,
            "first_response_within_low": f.fr_interval[0],
            "first_response_within_high": f.fr_interval[1],
            "first_response_median_workdays": f.fr_median,
            "resolution_eligible": f.res_eligible,
            "resolution_within_target": f.res_within,
            "resolution_within_share": f.res_within / f.res_eligible,
        },
    )
    posting = posting_agencies(registry, posts, method["reference"])
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


def test_definitions_a_reader_needs_are_stated(demo_site):
    """Regression: a journalist could not tell from the pages which kinds of agency the OPD
    level counts (40 includes the Pemkab, puskesmas and BUMD), that post counts include website
    feeds while "mengunggah" does not, which status is "best", or that themes read only the
    titles the open data publishes."""
    coverage = words(page(demo_site, "cakupan").find("details", id="definisi"))
    assert "kolom kind di agencies.csv" in coverage
    assert "puskesmas, BUMD, lainnya) dihitung sebagai perangkat daerah (OPD)" in coverage
    definitions = words(page(demo_site, "pantauan").find("h2", id="definisi").find_next("ul"))
    assert "termasuk feed situs web" in definitions
    assert "dalam urutan Aktif, Sepi, Dorman, Feed gagal dibaca, Tanpa feed" in definitions
    assert "Tema dihitung dari judul unggahan saja, yang juga dimuat data terbuka" in definitions
    # "dalam 4 berkas": the source files are not published; the page says where they are.
    assert "berkas sumber (folder data/complaints/ repositori data" in words(
        page(demo_site, "aduan/metodologi").article
    )


def test_csv_files_and_databases_say_the_same(demo_site):
    """A reader may use the CSV files or the SQLite databases: every table is the same rows
    in both (a CSV cell quoted against spreadsheet formulas differs only by its leading ')."""
    data = demo_site / "data"
    checked = 0
    for db, names in [
        (data / "kanal.sqlite", [p.stem for p in sorted(data.glob("*.csv")) if p.stem != "feeds"]),
        (data / "posts.sqlite", ["feeds"]),
    ]:
        for name in names:
            published = rows(data / f"{name}.csv")
            stored = sql(db, f'SELECT * FROM "{name}"')
            assert len(published) == len(stored), name

            def cell(v: object) -> str:
                if v is None:
                    return ""
                if isinstance(v, float):
                    return repr(v)
                return str(v)

            for csv_row, db_row in zip(published, stored, strict=True):
                for key in csv_row:
                    got, want = csv_row[key], cell(db_row[key])
                    if got != want and got.removeprefix("'") != want:
                        # booleans: true/false in CSV, 1/0 in SQLite
                        assert {got, want} in ({"true", "1"}, {"false", "0"}), (
                            name,
                            key,
                            got,
                            want,
                        )
                    checked += 1
    posts_csv = [r for p in sorted(data.glob("posts-*.csv.gz")) for r in rows(p)]
    posts_db = sql(
        data / "posts.sqlite",
        "SELECT agency, platform, account, time, date, link, title FROM posts",
    )
    assert sorted(
        tuple(r[k] for k in ("agency", "platform", "account", "time", "date", "link", "title"))
        for r in posts_csv
    ) == sorted(tuple(r) for r in posts_db)
    assert checked > 100_000


def test_complaint_charts_say_what_the_records_give(demo_site, method, complaints):
    """The bar charts of complaints (per month, per working days to the first response) on
    aduan/ and on each agency page hold the recomputed counts in their tooltips."""
    audit = Audit()

    def bars(svg) -> list[tuple[str, int]]:
        out = []
        for t in svg.select("rect > title"):
            label, value = words(t).rsplit(":", 1)
            out.append((label, int(re.sub(r"[^\d]", "", value))))
        return out

    pages = [("aduan", None)] + [
        (f"instansi/{f.name}", f.name) for f in sorted((demo_site / "instansi").iterdir())
    ]
    for rel, agency in pages:
        soup = page(demo_site, rel)
        mine = [
            c for c in complaints.records if c.in_period and (agency is None or c.agency == agency)
        ]
        for svg in soup.select("svg.k-chart"):
            title = words(svg.title)
            if title.startswith("Aduan diterima per bulan"):
                per_month = Counter(c.month for c in mine)
                audit.eq(
                    "grafik aduan",
                    f"{rel} per bulan",
                    bars(svg),
                    [(month_short(m), per_month[m]) for m in months_of(method["period"])],
                )
            elif title.startswith("Sebaran waktu tanggapan pertama"):
                hist = Counter(min(c.fr_days, 11) for c in mine if c.fr_days is not None)
                audit.eq(
                    "grafik aduan",
                    f"{rel} sebaran",
                    bars(svg),
                    [(str(d) if d <= 10 else ">10", hist[d]) for d in range(12)],
                )
    assert audit.checked["grafik aduan"] > 20
    audit.done()
