"""The complaint pages: "Kinerja Layanan Aduan", its methodology, and each agency's figures.

Pages go through ``Renderer.page()`` (autoescaping templates under ``templates/aduan/``);
charts come from ``generator.site.charts`` and always sit next to their data table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup, escape

from generator.complaints.figures import BAND_LIMITS, Figures
from generator.complaints.load import ComplaintData, category_key
from generator.complaints.models import CHANNEL_LABELS, STATUS_LABELS, Channel
from generator.complaints.opendata import (
    COMPLAINT_FIELDS,
    CSV_ONLY,
    FIGURE_COLUMNS,
    Z_TEXT,
    _figure_field,
    write_open_data,
)
from generator.complaints.ranking import (
    PAGE_ROWS,
    group_ranking,
    render_ranking_pages,
    write_filter_data,
)
from generator.opendata.changes import Table
from generator.registry.models import Directory
from generator.site.blocks import MONTHS
from generator.site.charts import Series, bar_chart, line_chart
from generator.site.pages import (
    PageRef,
    Renderer,
    date_id,
    decimal_id,
    has_own_page,
    number_id,
    percent_id,
)

DATA_DIR = "data"
HISTOGRAM_MAX = 10  # working days shown one by one; the rest in one "more than" bar
DOWNLOADS = [
    ("complaints", "Aduan publik (satu baris per aduan, dengan hari kerja per aduan)"),
    ("figures", "Semua angka agregat yang diterbitkan"),
    ("calendar", "Kalender hari kerja dan hari libur yang dipakai"),
    ("agencies", "Instansi"),
    ("accounts", "Akun resmi instansi"),
    ("channels", "Kontak resmi instansi"),
    ("official_counts", "Jumlah wilayah resmi Kepmendagri (penyebut cakupan)"),
    ("official_units", "Daftar wilayah resmi Kepmendagri, dengan instansi yang mendaftarkannya"),
]


def month_label(month: str, short: bool = True) -> str:
    name = MONTHS[int(month[5:]) - 1]
    return f"{name[:3]} {month[2:4]}" if short else f"{name} {month[:4]}"


class Format:
    """Indonesian formatting of the figures (decimal comma, thin words for missing values)."""

    @staticmethod
    def days(value: int | None) -> str:
        return "–" if value is None else f"{number_id(value)} hari kerja"

    @staticmethod
    def hours(minutes: int | None) -> str:
        return "–" if minutes is None else f"{decimal_id(minutes / 60)} jam kerja"

    @staticmethod
    def share(row: dict[str, Any], prefix: str) -> str:
        share = row[f"{prefix}_within_share"]
        if share is None:
            return "–"
        return percent_id(100 * share)

    @staticmethod
    def share_cell(row: dict[str, Any], prefix: str) -> Markup:
        """The share within target with its 95% interval and sample size (a table cell)."""
        share = escape(Format.share(row, prefix))
        if row[f"{prefix}_within_low"] is None:
            return share
        n = number_id(row[f"{prefix}_eligible"])
        return share + Markup(
            f'<br><span class="k-meta">kemungkinan {escape(Format.interval(row, prefix))}'
            f'<span class="k-n">, dari {n} aduan</span></span>'
        )

    @staticmethod
    def interval(row: dict[str, Any], prefix: str) -> str:
        """The 95% interval in plain words: "antara 69,5% dan 72,0%" (the method is explained
        in a disclosure after the numbers and in the methodology)."""
        low, high = row[f"{prefix}_within_low"], row[f"{prefix}_within_high"]
        if low is None:
            return ""
        return f"antara {percent_id(100 * low)} dan {percent_id(100 * high)}"

    @staticmethod
    def pending(row: dict[str, Any], prefix: str) -> str:
        """'; 55 belum dinilai' (:func:`not_judged`), or nothing when every record is judged."""
        later = not_judged(row, prefix)
        return f"; {later}" if later else ""

    @staticmethod
    def fraction(row: dict[str, Any], prefix: str) -> str:
        return f"{number_id(row[f'{prefix}_within_target'])} dari {number_id(row[f'{prefix}_eligible'])}"

    @staticmethod
    def month(month: str, short: bool = False) -> str:
        return month_label(month, short)

    @staticmethod
    def period(f: Figures) -> str:
        s = f.settings
        return f"{date_id(s.period_start)} – {date_id(s.period_end)}"


def histogram(f: Figures) -> tuple[list[str], list[int]]:
    """First responses by working days (0..10, then more), over the period."""
    d = f.derived
    days = d.fr_days[d.in_period & d.answered]
    counts = np.bincount(np.minimum(days, HISTOGRAM_MAX + 1), minlength=HISTOGRAM_MAX + 2)
    labels = [str(i) for i in range(HISTOGRAM_MAX + 1)] + [f">{HISTOGRAM_MAX}"]
    return labels, [int(c) for c in counts]


def pending(r: dict[str, Any], prefix: str) -> int:
    """Records of the row not yet in its share within target: still open (unanswered, for the
    first response) with their target not yet passed on the reference date. A month's share
    can change while any are left: its 27 of 27 resolved within 60 working days says nothing
    yet of the 52 still open."""
    if prefix == "first_response":
        return r["records"] - r["first_response_eligible"]
    return r["open"] - r["overdue"]


def not_judged(r: dict[str, Any], prefix: str) -> str:
    """'55 belum dinilai' (:func:`pending`), or "" when every record is judged."""
    waiting = pending(r, prefix)
    return f"{number_id(waiting)} belum dinilai" if waiting else ""


def _within_cell(r: dict[str, Any], prefix: str) -> str:
    share = Format.share(r, prefix)
    later = not_judged(r, prefix)
    if not r[f"{prefix}_eligible"]:
        return (
            f'<td>{share} <span class="k-meta">({later})</span></td>'
            if later
            else f"<td>{share}</td>"
        )
    shown = f"{Format.fraction(r, prefix)}; {later}" if later else Format.fraction(r, prefix)
    return f'<td>{share} <span class="k-meta">({shown})</span></td>'


_NO_RECORDS = "<td>0</td><td>–</td><td>–</td><td>–</td><td>–</td>"


def month_rows(months: list[tuple[str, dict[str, Any] | None]]) -> Markup:
    """The body rows of the months table (aduan/_macros.html.j2 ``months_table``).

    Built here rather than in the template: a province has ~110,000 of these rows, and each
    cell is a number formatted by Kanal (no untrusted text: only the month label is escaped).
    """
    lines = []
    for month, r in months:
        lines.append(f'<tr><th scope="row">{escape(month_label(month))}</th>')
        if not r:
            lines.append(_NO_RECORDS)
        else:
            lines.append(
                f"<td>{number_id(r['records'])}</td>"
                f"<td>{Format.days(r['first_response_median_workdays'])}</td>"
                f"<td>{Format.days(r['first_response_p90_workdays'])}</td>"
                + _within_cell(r, "first_response")
                + _within_cell(r, "resolution")
            )
        lines.append("</tr>")
    return Markup("\n".join(lines))


def trend_charts(
    f: Figures, rows: list[dict[str, Any]], prefix: str, who: str, share: bool = True
) -> dict[str, Any]:
    """Monthly charts (records, first response, and with ``share`` within target) and the
    rows of the months table, for one set of month rows."""
    by_month = {r["month"]: r for r in rows}
    months = f.settings.months
    labels = [month_label(m) for m in months]
    full = [by_month.get(m) for m in months]
    records = [r["records"] if r else 0 for r in full]
    median = [r["first_response_median_workdays"] if r else None for r in full]
    p90 = [r["first_response_p90_workdays"] if r else None for r in full]
    period = Format.period(f)
    charts = {
        "rows": month_rows(list(zip(months, full, strict=True))),
        "records": bar_chart(
            f"{prefix}-n",
            f"Aduan diterima per bulan, {who}",
            f"Jumlah aduan per bulan menurut tanggal diterima, {period}. Angka lengkap ada di tabel di bawahnya.",
            labels,
            records,
            unit="aduan",
        ),
        "speed": line_chart(
            f"{prefix}-t",
            f"Waktu tanggapan pertama per bulan, {who}",
            f"Median dan persentil 90 waktu tanggapan pertama dalam hari kerja, per bulan diterima, {period}.",
            labels,
            [Series("Median", median), Series("Persentil 90", p90)],
            unit="hari kerja",
        ),
    }
    if share:  # the index page only: an agency's section shows the two charts above
        charts["share"] = line_chart(
            f"{prefix}-s",
            f"Persentase dalam target per bulan, {who}",
            f"Persentase aduan yang ditanggapi dan yang diselesaikan dalam target, per bulan diterima, {period}.",
            labels,
            [
                Series("Ditanggapi", _percent(full, "first_response_within_share")),
                Series("Diselesaikan", _percent(full, "resolution_within_share")),
            ],
            unit="%",
        )
    return charts


def _percent(rows: list[dict[str, Any] | None], field: str) -> list[float | None]:
    return [100 * r[field] if r and r[field] is not None else None for r in rows]


def _targets(f: Figures) -> list[tuple[str, int, int, str]]:
    c = f.settings.config
    # One row per category whatever its spelling: the records' spelling first, then settings'.
    by_key: dict[str, str] = {}
    for name in [*f.table.categories, *c.targets, *c.field_check_categories]:
        by_key.setdefault(category_key(name), name)
    special = {category_key(name) for name in c.targets}
    field_check = {category_key(name) for name in c.field_check_categories}
    out = []
    for key, category in sorted(by_key.items(), key=lambda kv: kv[1]):
        t = f.settings.target(category)
        why = (
            "target khusus"
            if key in special
            else "perlu pemeriksaan lapangan"
            if key in field_check
            else "target bawaan"
        )
        out.append((category, t.first_response_days, t.resolution_days, why))
    return out


def render_complaints(renderer: Renderer, data: ComplaintData, f: Figures) -> None:
    """Open data, the two pages and each agency's section, from the computed figures ``f``
    of the records ``data`` (generator.build.compute), in this process. ``site.write_docs`` does the
    same in three steps, the open data written in a worker meanwhile."""
    render_complaint_sections(renderer, data, f)
    render_complaint_pages(
        renderer, data, f, write_complaint_data(renderer.d, renderer.docs / DATA_DIR, f)
    )


def write_complaint_data(
    directory: Directory, out: Path, f: Figures, extra_tables: Sequence[Table] = ()
) -> list[str]:
    """Write the open data (CSV, JSON, SQLite) into ``out`` (the site's data/); returns the
    file names. ``extra_tables`` join them (the registry history, generator.opendata.changes).
    content/ clashes with aduan/ and data/ are refused by site.write_docs."""
    return write_open_data(
        f,
        out,
        directory,
        title=f"Kinerja layanan aduan {directory.region.name}",
        extra_tables=extra_tables,
    )


def _common(data: ComplaintData, f: Figures) -> dict[str, Any]:
    latest = data.latest_received
    return {
        "f": f,
        "fmt": Format,
        "data": data,
        "overall": f.overall,
        "latest": latest,
        # Records received outside the period: kept in the open data, not in the figures.
        "outside": int(len(f.derived.in_period) - np.count_nonzero(f.derived.in_period)),
        "min_records": data.config.min_records,
        "CHANNEL_LABELS": {c.value: label for c, label in CHANNEL_LABELS.items()},
        "STATUS_LABELS": {s.value: label for s, label in STATUS_LABELS.items()},
        "band_limits": BAND_LIMITS,
        "ranked_count": sum(1 for r in f.of("agency") if r["ranked"]),
    }


def render_complaint_pages(
    renderer: Renderer, data: ComplaintData, f: Figures, files: list[str]
) -> None:
    """The complaint pages (figures and methodology); ``files`` are the open data's names."""
    directory = renderer.d
    common = _common(data, f)
    name = directory.region.name
    labels, counts = histogram(f)
    ranking, villages = split_ranking(directory, f.ranking)
    village_count = sum(len(rows) for rows in villages.values())
    groups = group_ranking(directory, ranking)
    render_ranking_pages(renderer, groups, common)
    filter_levels = write_filter_data(renderer, ranking, villages)
    renderer.page(
        PageRef("aduan/index.md", "aduan/"),
        "aduan/index.html.j2",
        "Kinerja Layanan Aduan",
        f"Seberapa cepat instansi di {name} menanggapi dan menyelesaikan aduan warga: peringkat, tren bulanan dan data terbuka.",
        ranking=ranking,
        groups=groups,
        page_rows=PAGE_ROWS,
        village_count=village_count,
        # Agencies no record in the period names: in no table (no row in figures.csv).
        quiet=len(directory.agencies) - len(f.of("agency")),
        filter_levels=filter_levels,
        channels=sorted(f.of("channel"), key=lambda r: -r["records"]),
        categories=sorted(f.of("category"), key=lambda r: -r["records"]),
        trend=trend_charts(f, f.of("month"), "semua", "semua instansi"),
        histogram=list(zip(labels, counts, strict=True)),
        histogram_chart=bar_chart(
            "dist",
            "Sebaran waktu tanggapan pertama",
            f"Jumlah aduan menurut hari kerja sampai tanggapan pertama, {Format.period(f)}. Batang terakhir: lebih dari {HISTOGRAM_MAX} hari kerja.",
            [f"{x}" for x in labels],
            counts,
            unit="hari kerja →",
        ),
        downloads=DOWNLOADS,
        csv_only=CSV_ONLY,
        files=files,
        **common,
    )
    holidays = [
        (d, n)
        for d, n in f.settings.calendar.holidays.items()
        if f.settings.period_start <= d <= f.settings.period_end
    ]
    renderer.page(
        PageRef("aduan/metodologi.md", "aduan/metodologi/"),
        "aduan/metodologi.html.j2",
        "Metodologi kinerja layanan aduan",
        "Definisi setiap angka kinerja layanan aduan, target, kalender hari kerja, dan cara menghitung ulang dari data terbuka.",
        targets=_targets(f),
        holidays=holidays,
        local_holidays={h.date for h in data.config.local_holidays},
        complaint_fields=COMPLAINT_FIELDS,
        figure_fields=[_figure_field(n) for n in FIGURE_COLUMNS],
        z_text=Z_TEXT,
        channel_values=[c.value for c in Channel],
        downloads=DOWNLOADS,
        files=files,
        redactions=data.redactions,
        **common,
    )


def render_complaint_sections(renderer: Renderer, data: ComplaintData, f: Figures) -> None:
    """Each agency's complaint section, for its page (render_all puts it there)."""
    directory = renderer.d
    common = _common(data, f)
    _, villages = split_ranking(directory, f.ranking)
    desa_pages = render_village_rankings(renderer, villages, common)
    template = renderer.env.get_template("aduan/agency_section.html.j2")
    t = data.table
    counts = np.bincount(t.agency, minlength=len(t.agencies)).tolist()
    counts_by_agency = dict(zip(t.agencies, counts, strict=True))
    with_section: set[str] = set()
    for row in f.of("agency"):
        agency = directory.agencies.get(row["agency"])
        # A village's section would have no page to go on (render_all skips it): rendering
        # it anyway was 93% of this loop on a province.
        if agency is None or not has_own_page(agency):
            continue
        page = PageRef(f"instansi/{agency.id}.md", f"instansi/{agency.id}/")
        html = template.render(
            row=row,
            page=page,
            root=page.root,
            url=lambda target, page=page: page.root + target,
            agency=agency,
            total=counts_by_agency.get(agency.id, 0),
            desa_page=desa_pages.get(agency.id),
            desa_count=len(villages.get(agency.id, ())),
            trend=trend_charts(
                f, f.agency_months(agency.id), f"a-{agency.id}", agency.name, share=False
            ),
            **common,
        )
        section = Markup("\n".join(line.strip() for line in html.splitlines() if line.strip()))
        renderer.agency_sections.setdefault(agency.id, []).append(section)
        with_section.add(agency.id)
    # A district without figures of its own still links to its villages' figures.
    for district_id, url in desa_pages.items():
        if district_id not in with_section:
            renderer.agency_sections.setdefault(district_id, []).append(
                village_link_block(
                    PageRef(f"instansi/{district_id}.md", f"instansi/{district_id}/").root + url,
                    len(villages[district_id]),
                    f,
                )
            )


def split_ranking(
    directory: Directory, ranking: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The ranking rows of agencies with a page of their own, and villages' rows by district
    id, each in ranking order: a province's 8,500 village rows made the index page 4.5 MB."""
    own: list[dict[str, Any]] = []
    villages: dict[str, list[dict[str, Any]]] = {}
    for row in ranking:
        agency = directory.agencies.get(row["agency"])
        if agency is None or has_own_page(agency) or agency.parent not in directory.agencies:
            own.append(row)
        else:
            villages.setdefault(agency.parent, []).append(row)
    return own, villages


def render_village_rankings(
    renderer: Renderer, villages: dict[str, list[dict[str, Any]]], common: dict[str, Any]
) -> dict[str, str]:
    """``aduan/desa/``: the districts with villages that received complaints, and one page per
    district with its villages' rows. Bulk pages: out of the nav and of the search index.
    Returns each district's page URL from the site root, by district id."""
    if not villages:
        return {}
    agencies = renderer.d.agencies
    districts = sorted((agencies[d] for d in villages), key=lambda a: (a.name.casefold(), a.id))
    urls: dict[str, str] = {}
    for district in districts:
        ref = PageRef(f"aduan/desa/{district.id}.md", f"aduan/desa/{district.id}/")
        renderer.page(
            ref,
            "aduan/desa_district.html.j2",
            f"Peringkat desa/kelurahan: {district.name}",
            f"Kinerja layanan aduan desa/kelurahan di {district.name}: peringkat dan angka.",
            bulk=True,
            district=district,
            rows=villages[district.id],
            **common,
        )
        urls[district.id] = ref.url
    renderer.page(
        PageRef("aduan/desa/index.md", "aduan/desa/"),
        "aduan/desa_index.html.j2",
        "Peringkat desa/kelurahan",
        f"Kinerja layanan aduan desa/kelurahan di {renderer.d.region.name}, per kecamatan.",
        bulk=True,
        districts=[
            (d, villages[d.id], sum(1 for r in villages[d.id] if r["ranked"])) for d in districts
        ],
        village_count=sum(len(rows) for rows in villages.values()),
        **common,
    )
    return urls


def village_link_block(href: str, count: int, f: Figures) -> Markup:
    """The short block on a district's page that has no complaint figures of its own."""
    return Markup(
        '<section class="k-aduan" aria-labelledby="aduan-desa">'
        '<h2 id="aduan-desa">Aduan desa/kelurahan</h2>'
        '<p><a href="{}">Aduan desa/kelurahan di kecamatan ini</a>: peringkat dan angka '
        "{} desa/kelurahan yang menerima aduan, periode {}.</p></section>"
    ).format(href, number_id(count), Format.period(f))
