"""*Riwayat perubahan*: the registry's changes page, its monthly archive and its Atom feed.

Values from old commits were made plain, visible text when read (generator.registry.history);
they reach HTML only through Jinja2 autoescaping and XML only through ElementTree, and never
become links: an address that was once wrongly official is shown, not offered.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

from generator.registry.history import MonthCoverage, RegistryChange, RegistryHistory
from generator.registry.models import LEVEL_LABELS, Directory, Level
from generator.site.blocks import MONTHS
from generator.site.charts import Series, line_chart
from generator.site.pages import PageRef, Renderer, agency_url, date_id

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "riwayat/riwayat.atom"
LATEST_MAX = 50  # changes on the main page; the rest in the month pages and the open data
MONTH_MAX = 500  # changes on one month page (a first import can add thousands at once)
FEED_MAX = 200  # entries in the Atom feed, newest first
# A preview (kanal serve) renders without reading git; kanal build reads it.
NOT_READ = (
    "riwayat perubahan tidak dibaca untuk pratinjau ini; kanal build membacanya dari riwayat git"
)
TZ_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

# kind -> (label, definition), in the order the definitions are listed on the page.
KINDS: dict[str, tuple[str, str]] = {
    "account_added": (
        "Akun ditambahkan",
        "Akun dicantumkan untuk instansi ini (juga setiap akun instansi yang baru ditambahkan). "
        "Tanggalnya menjawab sejak kapan akun itu tercantum.",
    ),
    "account_archived": (
        "Akun diarsipkan",
        "Akun tetap tercantum tetapi bukan lagi akun resmi; cek akun menampilkannya sebagai peringatan.",
    ),
    "account_reactivated": (
        "Akun diaktifkan lagi",
        "Akun yang diarsipkan kembali berstatus aktif atau tidak aktif.",
    ),
    "account_status": ("Status akun berubah", "Akun berpindah antara aktif dan tidak aktif."),
    "account_url_changed": (
        "Alamat akun berubah",
        "Akun yang sama ditulis dengan alamat lain (sensitif: begitulah alamat disusupi).",
    ),
    "account_changed": (
        "Akun diganti",
        "Pada satu platform satu akun hilang dan akun lain muncul dalam commit yang sama "
        "(sensitif: akun dibajak atau diganti).",
    ),
    "account_removed": (
        "Akun dihapus",
        "Akun tidak lagi dicantumkan sama sekali (berbeda dengan diarsipkan).",
    ),
    "channel_added": (
        "Kanal ditambahkan",
        "WhatsApp, telepon, SMS, surel, situs web atau kanal pengaduan baru (nomor baru sensitif).",
    ),
    "channel_changed": (
        "Nomor atau alamat kanal berubah",
        "Nomor WhatsApp/telepon/SMS atau alamat surel, situs, kanal pengaduan diganti "
        "(sensitif: warga dan data pribadinya bisa diarahkan ke tempat lain).",
    ),
    "channel_removed": ("Kanal dihapus", "Kanal kontak tidak lagi dicantumkan."),
    "channel_label": ("Keterangan kanal berubah", "Hanya keterangan kanal yang berubah."),
    "agency_added": ("Instansi ditambahkan", "Instansi baru dicantumkan dalam registri."),
    "agency_removed": ("Instansi dihapus", "Instansi tidak lagi dicantumkan dalam registri."),
    "agency_renamed": ("Nama instansi berubah", "Nama instansi ditulis lain."),
    "publisher_changed": (
        "Kontak pengelola berubah",
        "Nama, situs, surel atau telepon pengelola registri (tujuan laporan akun palsu).",
    ),
}


@dataclass(frozen=True)
class Row:
    """A change as one list item: its anchor, label, agency link and local time."""

    change: RegistryChange
    anchor: str
    label: str
    link: str | None  # the agency's page, when the agency is still in the registry
    time: str  # "20 November 2026, 10.00 WIB"


def month_name(month: str) -> str:
    return f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"


def short_month(month: str) -> str:
    return f"{MONTHS[int(month[5:]) - 1][:3]} {month[2:4]}"


def _rows(directory: Directory, changes: list[RegistryChange]) -> list[Row]:
    """Every change, newest first, with an anchor stable across builds (commit and position)."""
    zone = TZ_NAMES.get(directory.region.timezone, "")
    seen: dict[str, int] = {}
    out = []
    for c in changes:
        seen[c.commit] = seen.get(c.commit, 0) + 1
        agency = directory.agencies.get(c.agency)
        out.append(
            Row(
                c,
                f"c-{c.commit[:12]}-{seen[c.commit]}",
                KINDS.get(c.kind, (c.kind, ""))[0],
                agency_url(directory, agency) if agency else None,
                f"{date_id(c.when.date())}, {c.when:%H.%M} {zone}".rstrip(),
            )
        )
    out.reverse()
    return out


def _by_month(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.change.month, []).append(row)
    return list(groups.items())


@dataclass(frozen=True)
class CoverageChart:
    """Coverage month by month: the chart, and its table (newest month first)."""

    svg: Markup
    rows: list[tuple[str, list[MonthCoverage | None]]]  # month name, a cell per level
    levels: list[Level]


def coverage_chart(months: list[MonthCoverage]) -> CoverageChart:
    """The line chart of monthly coverage and its data table."""
    levels = list(dict.fromkeys(m.level for m in months))
    labels = list(dict.fromkeys(m.month for m in months))
    at = {(m.month, m.level): m for m in months}
    series = [
        Series(
            LEVEL_LABELS[lv], [at[(mo, lv)].percent if (mo, lv) in at else None for mo in labels]
        )
        for lv in levels
    ]
    chart = line_chart(
        "riwayat-cakupan",
        "Cakupan akun resmi per bulan",
        "Persentase unit resmi (Kepmendagri) yang memiliki akun media sosial resmi aktif, "
        "pada akhir setiap bulan.",
        [short_month(mo) for mo in labels],
        series,
        unit="% unit resmi",
    )
    table = [(month_name(mo), [at.get((mo, lv)) for lv in levels]) for mo in reversed(labels)]
    return CoverageChart(chart, table, levels)


def render_history(
    renderer: Renderer,
    history: RegistryHistory | None,
    months: list[MonthCoverage],
    open_data: bool,
) -> None:
    """The page *Riwayat perubahan*, one page per month and the Atom feed."""
    d = renderer.d
    history = history or RegistryHistory(False, NOT_READ)
    rows = _rows(d, history.changes) if history.available else []
    groups = _by_month(rows)
    chart = coverage_chart(months) if months else None
    common = {
        "history": history,
        "kinds": KINDS,
        "open_data": open_data and history.available,
        "feed": FEED_FILE,
    }
    renderer.page(
        PageRef("riwayat/index.md", "riwayat/"),
        "riwayat/index.html.j2",
        "Riwayat perubahan",
        f"Kapan akun resmi dan kanal layanan instansi di {d.region.name} ditambahkan, "
        "diarsipkan, diaktifkan lagi atau berubah alamat/nomor, menurut commit git registri.",
        latest=[(month_name(m), group) for m, group in _by_month(rows[:LATEST_MAX])],
        shown=min(len(rows), LATEST_MAX),
        total=len(rows),
        months=[(m, month_name(m), len(r)) for m, r in groups],
        chart=chart,
        **common,
    )
    for month, group in groups:
        renderer.page(
            PageRef(f"riwayat/{month}/index.md", f"riwayat/{month}/"),
            "riwayat/month.html.j2",
            f"Riwayat perubahan {month_name(month)}",
            f"Perubahan registri akun resmi dan kanal layanan {d.region.name}, {month_name(month)}.",
            bulk=True,
            month=month_name(month),
            rows=group[:MONTH_MAX],
            hidden=max(0, len(group) - MONTH_MAX),
            **common,
        )
    feed = renderer.docs / FEED_FILE
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_bytes(atom_feed(d, history, rows[:FEED_MAX]))


def _entry_id(region_code: str, row: Row) -> str:
    """Stable across builds: the same change in the same commit keeps its id."""
    c = row.change
    key = "|".join(
        [region_code, c.commit, row.anchor, c.kind, c.agency, c.before or "", c.after or ""]
    )
    return uuid.uuid5(uuid.NAMESPACE_URL, "kanal:riwayat:" + key).urn


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(directory: Directory, history: RegistryHistory, rows: list[Row]) -> bytes:
    """Atom 1.0 (RFC 4287) of the newest changes; links are absolute with ``site_url``,
    else relative to the feed (riwayat/riwayat.atom)."""
    region = directory.region
    base = region.site_url.rstrip("/") + "/riwayat/" if region.site_url else ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    _sub(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"kanal:riwayat:{region.code}").urn)
    _sub(feed, "title", f"Riwayat perubahan registri akun resmi {region.name}")
    _sub(
        feed,
        "subtitle",
        "Akun dan kanal layanan yang ditambahkan, dihapus, diarsipkan, diaktifkan lagi atau "
        "berubah alamat/nomor, menurut commit git registri.",
    )
    newest = rows[0].change.when if rows else None
    today = dt.datetime.combine(directory.today, dt.time(), dt.UTC)
    _sub(feed, "updated", (newest or today).isoformat())
    author = _sub(feed, "author")
    _sub(author, "name", region.publisher.name)
    if region.publisher.url:
        _sub(author, "uri", region.publisher.url)
    _sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    if base:
        _sub(feed, "link", rel="self", type="application/atom+xml", href=base + "riwayat.atom")
    _sub(feed, "generator", "Kanal")
    for row in rows:
        c = row.change
        entry = _sub(feed, "entry")
        _sub(entry, "id", _entry_id(region.code, row))
        _sub(entry, "title", f"{c.agency_name}: {row.label}")
        _sub(entry, "updated", c.when.isoformat())
        _sub(entry, "published", c.when.isoformat())
        href = f"{base}{c.month}/#{row.anchor}" if base else f"{c.month}/#{row.anchor}"
        _sub(entry, "link", rel="alternate", type="text/html", href=href)
        _sub(entry, "category", term=c.kind, label=row.label)
        lines = [f"{c.agency_name}: {c.text}."]
        if c.before:
            lines.append(f"Sebelum: {c.before}")
        if c.after:
            lines.append(f"Sesudah: {c.after}")
        if c.sensitive:
            lines.append("Perubahan sensitif: pastikan langsung dengan instansinya.")
        lines.append(f"Commit: {c.commit} ({row.time})")
        _sub(entry, "content", "\n".join(lines), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
