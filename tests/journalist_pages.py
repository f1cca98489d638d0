"""Reading figures off the built pages as a reader sees them (text, tables by caption)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from tests.journalist_data import num, pct, share

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
MONTH_NAMES = MONTHS.split()
SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(el: Tag | BeautifulSoup | None) -> str:
    """An element's text as read aloud: single spaces, no space before a comma."""
    if el is None:
        return ""
    return re.sub(r"\s+([,.;:)])", r"\1", " ".join(el.get_text(" ").split()))


@dataclass
class Table:
    caption: str
    head: list[str]
    body: list[list[str]]
    links: list[str | None]  # the first link's href in each body row


def tables(soup: BeautifulSoup | Tag, caption_start: str) -> list[Table]:
    found = []
    for t in soup.find_all("table"):
        cap = words(t.caption) if t.caption else ""
        if not cap.startswith(caption_start):
            continue
        head = [words(c) for c in t.thead.find_all(["th", "td"])] if t.thead else []
        body, links = [], []
        for tr in (t.tbody or t).find_all("tr", recursive=False):
            body.append([words(c) for c in tr.find_all(["th", "td"], recursive=False)])
            a = tr.find("a")
            links.append(a["href"] if a else None)
        found.append(Table(cap, head, body, links))
    return found


def table(soup: BeautifulSoup | Tag, caption_start: str) -> Table:
    found = tables(soup, caption_start)
    assert len(found) == 1, f"{len(found)} tables captioned {caption_start!r}"
    return found[0]


def date_id(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def week_label(monday: dt.date) -> str:
    """'9–15 November 2026', '26 Oktober – 1 November 2026' as the pages write weeks."""
    sunday = monday + dt.timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {MONTH_NAMES[sunday.month - 1]} {sunday.year}"
    if monday.year == sunday.year:
        return f"{monday.day} {MONTH_NAMES[monday.month - 1]} – {date_id(sunday)}"
    return f"{date_id(monday)} – {date_id(sunday)}"


def month_short(month: str) -> str:
    year, m = month.split("-")
    return f"{SHORT[int(m) - 1]} {year[2:]}"


def parse_date_id(text: str) -> dt.date:
    day, month, year = text.split()
    return dt.date(int(year), MONTH_NAMES.index(month) + 1, int(day))


def days(n: int | None) -> str:
    return "–" if n is None else f"{num(n)} hari kerja"


def hours(minutes: int) -> str:
    d = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{num(int(d))},{str(d).split('.')[1]} jam kerja"


def within(k: int, n: int, interval: tuple[float, float]) -> str:
    """A within-target cell: '88,6% kemungkinan antara 85,8% dan 90,9%, dari 622 aduan'."""
    if not n:
        return "–"
    return f"{share(k, n)} kemungkinan antara {pct(interval[0])} dan {pct(interval[1])}, dari {num(n)} aduan"


def _same(shown: object, recomputed: object) -> bool:
    """Equal, floats to within 1e-12: the open data carries shares and intervals whole, and
    the journalist's own formula (the methodology page's, in its own order of operations) may
    differ from the site's in the last bit."""
    if isinstance(shown, float) and isinstance(recomputed, float):
        return math.isclose(shown, recomputed, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(shown, dict) and isinstance(recomputed, dict):
        return shown.keys() == recomputed.keys() and all(
            _same(shown[k], recomputed[k]) for k in shown
        )
    if isinstance(shown, list | tuple) and isinstance(recomputed, list | tuple):
        return len(shown) == len(recomputed) and all(
            _same(a, b) for a, b in zip(shown, recomputed, strict=True)
        )
    return shown == recomputed


@dataclass
class Audit:
    """Every comparison made, by page kind; the mismatches are reported all at once."""

    checked: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)  # figures (digit groups) compared
    wrong: list[str] = field(default_factory=list)

    def eq(self, kind: str, where: str, shown: object, recomputed: object) -> None:
        self.checked[kind] += 1
        self.numbers[kind] += len(re.findall(r"\d+(?:[.,]\d+)*", repr(shown)))
        if _same(shown, recomputed):
            return
        if isinstance(shown, list) and isinstance(recomputed, list):
            only_page = [x for x in shown if x not in recomputed]
            only_data = [x for x in recomputed if x not in shown]
            self.wrong.append(
                f"{kind}: {where}: only on the page {only_page!r}, only in the data {only_data!r}"
                + ("" if only_page or only_data else " (order differs)")
            )
            return
        self.wrong.append(f"{kind}: {where}: page shows {shown!r}, data give {recomputed!r}")

    def done(self) -> None:
        import os

        if os.environ.get("KANAL_AUDIT_COUNTS"):
            print("AUDIT", {k: (self.checked[k], self.numbers[k]) for k in self.checked})
        assert not self.wrong, "\n".join(self.wrong)
