"""Shared pieces of the journalist audit: the recomputation of posting activity and the
labels and layouts the pages use (fixtures: journalist_plugin)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from tests.journalist_data import (
    Complaints,
    figures,
    in_days,
    num,
    rows,
    share,
)
from tests.journalist_pages import (
    days,
    month_short,
    page,
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


def by(complaints: Complaints, key) -> dict:
    groups = defaultdict(list)
    for c in complaints.records:
        if c.in_period:
            groups[key(c)].append(c)
    return {k: figures(v) for k, v in groups.items()}


def status_line(f) -> str:
    return (
        f"{num(f.records)}: {num(f.resolved)} selesai, {num(f.rejected)} ditolak/di luar "
        f"kewenangan, {num(f.open)} masih terbuka ({num(f.overdue)} terlambat)"
    )


def months_of(period: tuple[dt.date, dt.date]) -> list[str]:
    """Every month of the period: a month without records is a row of zeros."""
    out, d = [], period[0].replace(day=1)
    while d <= period[1]:
        out.append(d.strftime("%Y-%m"))
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


def _month_cell(k: int, n: int, pending: int) -> str:
    """'100,0% (27 dari 27; 27 belum dinilai)': the share of the month, and how many of its
    records its target has not reached yet (the share can still change)."""
    later = f"{num(pending)} belum dinilai" if pending else ""
    if not n:
        return f"– ({later})" if later else "–"
    return f"{share(k, n)} ({num(k)} dari {num(n)}{'; ' + later if later else ''})"


def month_rows(groups: dict, period: tuple[dt.date, dt.date]) -> list[list[str]]:
    empty = figures([])
    return [
        [
            month_short(m),
            num(f.records),
            days(f.fr_median),
            days(f.fr_p90),
            _month_cell(f.fr_within, f.fr_eligible, f.fr_pending),
            _month_cell(f.res_within, f.res_eligible, f.res_pending),
        ]
        for m, f in ((m, groups.get(m, empty)) for m in months_of(period))
    ]


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


def level_of(reg, level: str) -> str:
    """'36 dari 40' or, against an official count, '149 dari 251 (resmi)'."""
    members = reg.members(level)
    n = sum(1 for a in members if a and reg.active_social(a))
    official = " (resmi)" if level in reg.official else ""
    return f"{num(n)} dari {num(reg.denominator(level))}{official}", n


def posting_agencies(reg, posts, reference) -> set[str]:
    """Agencies posting: a post in the last 30 days on one of their active social accounts."""
    active = {
        a["url"] for a in reg.accounts if a["status"] == "active" and a["platform"] != "website"
    }
    return {p.agency for p in posts if p.account in active and in_days(p.date, reference, 30)}


PLATFORM_LABELS_REV = {v: k for k, v in PLATFORM_LABELS.items()}


def kecamatan_of(reg, agency: str) -> str:
    return reg.agencies[agency]["parent"]


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


def last_complete_week(reference: dt.date) -> dt.date:
    """Monday of the last complete Monday–Sunday week before the reference date."""
    return reference - dt.timedelta(days=reference.weekday() + 7)


def account_key(a: dict) -> set[str]:
    url = re.sub(r"^https?://(www\.)?", "", a["url"]).rstrip("/")
    return {a["handle"], f"@{a['handle']}", url}


def themes_of(demo_site: Path) -> dict[str, list[str]]:
    """The priority themes and their keywords as Pantauan lists them."""
    text = words(page(demo_site, "pantauan").article)
    listed = text.split("Kata kunci:")[1].split(" Definisi")[0]
    return {
        name.strip(): [k.strip() for k in kws.split(",")]
        for name, kws in re.findall(r"([^:;]+): ([^;]+)(?:;|\.$)", listed.strip())
    }


def figure_columns(f, rank: int | None, minimum: int) -> dict:
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
        "first_response_within_share": f.fr_within / f.fr_eligible if f.fr_eligible else None,
        "first_response_within_low": fr_low,
        "first_response_within_high": fr_high,
        "resolution_eligible": f.res_eligible,
        "resolution_within_target": f.res_within,
        "resolution_within_share": f.res_within / f.res_eligible if f.res_eligible else None,
        "resolution_within_low": res_low,
        "resolution_within_high": res_high,
        "band_fast": f.bands["fast"],
        "band_medium": f.bands["medium"],
        "band_slow": f.bands["slow"],
    }
