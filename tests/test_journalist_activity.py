"""The journalist audit, posting side: every agency's *Aktivitas unggahan*, the kecamatan pages'
villages, *Pantauan mingguan* and its archived weeks, recomputed from the post records."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from tests.journalist_data import (
    in_days,
    num,
    share,
    theme_hits,
)
from tests.journalist_helpers import (
    BEST,
    LEVEL_TITLE,
    PLATFORM_LABELS,
    STATUS_LABEL,
    account_key,
    last_complete_week,
    posting_agencies,
    themes_of,
)
from tests.journalist_pages import (
    Audit,
    date_id,
    page,
    table,
    tables,
    week_label,
    words,
)

pytest_plugins = ["tests.journalist_plugin"]


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
    # Before the week of the first stored post nothing was recorded: not a zero to compare.
    first = min(p.date for p in activity.posts)
    first_monday = first - dt.timedelta(days=first.weekday())
    compared = prev >= first_monday
    then = (
        f"minggu sebelumnya {num(before)} ({diff})"
        if compared
        else f"minggu sebelumnya belum tercatat (riwayat unggahan dimulai minggu {week_label(first_monday)})"
    )
    audit.eq(kind, f"{rel} periode", f"Senin–Minggu {week_label(monday)} (waktu WIB)" in text, True)
    audit.eq(
        kind,
        f"{rel} jumlah",
        words(soup.select_one("p.k-big")),
        f"{num(total)} unggahan dari {num(len(this_week))} instansi; {then}.",
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
                *((str(last_week[a]), f"+{d}" if d > 0 else str(d)) if compared else ("–", "–")),
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


def test_agency_activity_sections(demo_site, registry, activity, posts):
    audit = Audit()
    themes = themes_of(demo_site)
    last_week = last_complete_week(activity.ref)
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
                    if title in account_key(a) and PLATFORM_LABELS[a["platform"]].startswith(label)
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


def test_weekly_monitoring_pages(demo_site, registry, activity, posts):
    """Pantauan mingguan and every archived week: totals, ranking, silent agencies, the
    12-week table, figures per level and priority themes."""
    audit = Audit()
    monday = last_complete_week(activity.ref)
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
    posting = posting_agencies(registry, posts, activity.ref)
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
                # Cakupan's denominator: the official count where there is one, so marked.
                f"{num(k)} dari {num(den)}{' resmi' * (level in registry.official)} "
                f"({share(k, den)})",
                " / ".join(num(c) for c in counts),
                ", ".join(f"{STATUS_LABEL[s]} {statuses[s]}" for s in BEST if statuses[s]),
            ]
        )
    audit.eq("pantauan", "per tingkat", t.body, want)
    themes = themes_of(demo_site)
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


def _bars(svg) -> list[tuple[str, int]]:
    """(label, value) of each bar, read from its tooltip ('24/8: 221', '1: 1 837')."""
    out = []
    for t in svg.select("rect > title"):
        label, value = words(t).rsplit(":", 1)
        out.append((label, int(re.sub(r"[^\d]", "", value))))
    return out


def test_weekly_charts_say_what_the_records_give(demo_site, activity):
    """Every weekly chart (Pantauan and each agency page): each bar's value, and the total and
    peak its description reads out, are the week's posts in the records."""
    audit = Audit()
    monday = last_complete_week(activity.ref)
    weeks = [monday - dt.timedelta(weeks=i) for i in range(11, -1, -1)]
    pages = [("pantauan", None)] + [
        (f"instansi/{f.name}", f.name) for f in sorted((demo_site / "instansi").iterdir())
    ]
    for rel, agency in pages:
        soup = page(demo_site, rel)
        for svg in soup.select("svg.k-chart"):
            if not words(svg.title).startswith("Unggahan per minggu"):
                continue
            counts = [activity.week(w, agency) for w in weeks]
            audit.eq(
                "grafik unggahan",
                rel,
                _bars(svg),
                [(f"{w.day}/{w.month}", n) for w, n in zip(weeks, counts, strict=True)],
            )
            desc = re.search(r"total (\d+), terbanyak (\d+) dalam seminggu", words(svg.desc))
            audit.eq(
                "grafik unggahan",
                f"{rel} ringkas",
                desc and desc.groups(),
                (str(sum(counts)), str(max(counts))),
            )
    assert audit.checked["grafik unggahan"] > 40
    audit.done()


def test_feed_table_states_what_the_post_records_give(activity):
    """feeds.csv's status, stored posts and last post per account are what the post records
    and its own failure columns give under Pantauan's definitions."""
    audit = Audit()
    for url, f in activity.feeds.items():
        last = activity.last.get(url)
        audit.eq("feeds.csv", f"{url} status", f["status"], activity.account_status(url))
        audit.eq(
            "feeds.csv",
            f"{url} posts",
            int(f["posts"]),
            sum(p.account == url for p in activity.posts),
        )
        audit.eq("feeds.csv", f"{url} last", f["last_post"][:10] or None, last and last.isoformat())
    active = {a["url"] for a in activity.active}
    audit.eq("feeds.csv", "akun aktif", sorted(set(activity.feeds) ^ active), [])
    audit.done()
