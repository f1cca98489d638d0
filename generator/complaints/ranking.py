"""The ranking of agencies with a page of their own, split so that no page grows with a province.

A regency's ranking (tens of rows) stays one table on ``aduan/``. Past ``PAGE_ROWS`` rows the
ranking is split by level (regencies and cities, perangkat daerah, kecamatan: like compared
with like) and each level is paged: ``aduan/`` shows the top ``PREVIEW_ROWS`` of each level,
``aduan/peringkat/<level>/`` and ``aduan/peringkat/<level>/<n>/`` the whole level. A province's 611 rows were one table of 8,888
elements and 82,304 px at 360 px; sorting it froze the page for a second per tap. Ranks stay
global (the same numbers as the open data, which keeps every row).

``write_filter_data`` writes what the filter above the ranking on ``aduan/`` searches
(theme/assets/kanal/rankfilter.js): one small JSON file per level, villages included, fetched
only when a citizen uses the filter, so a province's 8,000 rows weigh on no page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from generator.registry.models import LEVEL_LABELS, Directory, Level
from generator.site.pages import PageRef, Renderer, agency_url, decimal_id

PAGE_ROWS = 50  # rows of one table page: sorting them is instant, the page stays < 3,000 elements
PREVIEW_ROWS = 10  # rows of each level on aduan/ itself (the filter above reaches every row)


@dataclass
class RankingGroup:
    """One level's rows (ranking order) and the URLs of its pages after the first."""

    level: Level | None  # None: the whole ranking in one table (a regency's)
    rows: list[dict[str, Any]]
    pages: list[str] = field(default_factory=list)  # page 1, 2, ... from the site root

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level] if self.level else "Semua instansi"

    @property
    def first(self) -> list[dict[str, Any]]:
        """The rows shown on aduan/: all of a short ranking, the top of a level."""
        return self.rows if self.level is None else self.rows[:PREVIEW_ROWS]


def group_ranking(directory: Directory, rows: list[dict[str, Any]]) -> list[RankingGroup]:
    """One group for a short ranking; one per level, in the levels' order, for a long one."""
    if len(rows) <= PAGE_ROWS:
        return [RankingGroup(None, rows)]
    by_level: dict[Level, list[dict[str, Any]]] = {}
    for row in rows:
        agency = directory.agencies.get(row["agency"])
        level = agency.level if agency else Level.OPD
        by_level.setdefault(level, []).append(row)
    return [RankingGroup(level, by_level[level]) for level in Level if level in by_level]


def render_ranking_pages(
    renderer: Renderer, groups: list[RankingGroup], common: dict[str, Any]
) -> None:
    """``aduan/peringkat/<level>/`` and ``.../<n>/``: each level of a long ranking, PAGE_ROWS
    rows a page (bulk pages: out of the nav and of the search index); fills ``pages``."""
    for group in groups:
        if group.level is None:
            continue
        count = -(-len(group.rows) // PAGE_ROWS)
        base = f"aduan/peringkat/{group.level.value}/"
        group.pages = [base + (f"{n}/" if n > 1 else "") for n in range(1, count + 1)]
        for n in range(1, count + 1):
            rows = group.rows[(n - 1) * PAGE_ROWS : n * PAGE_ROWS]
            renderer.page(
                PageRef(base + (f"{n}.md" if n > 1 else "index.md"), group.pages[n - 1]),
                "aduan/ranking_page.html.j2",
                f"Peringkat {group.label.lower()}" + (f", halaman {n}" if count > 1 else ""),
                f"Kinerja layanan aduan {group.label.lower()}: peringkat dan angka, halaman {n}"
                f" dari {count}.",
                bulk=True,
                group=group,
                number=n,
                count=count,
                rows=rows,
                **common,
            )


FILTER_DIR = "aduan/peringkat"  # <level>.json beside the level's pages


def _share(value: float | None) -> str:
    return "" if value is None else decimal_id(100 * value)


def filter_rows(
    directory: Directory, rows: list[dict[str, Any]], by_district: bool
) -> dict[str, Any]:
    """One level's rows for the filter, in ranking order: ``[rank (0: not ranked), name, n,
    share, low, high, where(, full name)]``, shares as shown ("87,5"); ``where`` is the agency's URL from
    the site root or, for villages (``by_district``), the index of their district in
    ``districts`` (``[name, URL of its village ranking]``): 7,700 village URLs would triple
    the file."""
    districts: dict[str, int] = {}
    out = []
    for r in rows:
        agency = directory.agencies.get(r["agency"])
        if agency is None:
            continue
        where: str | int
        if by_district and agency.parent in directory.agencies:
            where = districts.setdefault(agency.parent, len(districts))
        else:
            where = agency_url(directory, agency)
        out.append(
            [
                r["rank"] or 0,
                agency.short_name or agency.name,
                r["records"],
                _share(r["first_response_within_share"]),
                _share(r["first_response_within_low"]),
                _share(r["first_response_within_high"]),
                where,
            ]
            # the full name too when the ranking shows a short one: "kesehatan" finds Dinkes
            + ([agency.name] if agency.short_name else [])
        )
    names = [
        [directory.agencies[d].name, f"aduan/desa/{d}/"]
        for d in sorted(districts, key=districts.get)
    ]
    return {"districts": names, "rows": out}


def write_filter_data(
    renderer: Renderer, ranking: list[dict[str, Any]], villages: dict[str, list[dict[str, Any]]]
) -> list[tuple[str, str, int]]:
    """``aduan/peringkat/<level>.json`` for each level with rows; returns ``(level, label,
    rows)`` of each, in the levels' order, for the filter's choice of level."""
    directory = renderer.d
    by_level: dict[Level, list[dict[str, Any]]] = {}
    for row in ranking:
        agency = directory.agencies.get(row["agency"])
        by_level.setdefault(agency.level if agency else Level.OPD, []).append(row)
    village_rows = [r for rows in villages.values() for r in rows]
    if village_rows:
        # one order again, as the ranking's: ranked first by rank, then the others
        rows = by_level.get(Level.DESA, []) + village_rows
        by_level[Level.DESA] = sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0))
    folder = renderer.docs / FILTER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    levels = []
    for level in Level:
        rows = by_level.get(level)
        if not rows:
            continue
        data = filter_rows(directory, rows, by_district=level is Level.DESA)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{level.value}.json").write_text(text, encoding="utf-8")
        levels.append((level.value, LEVEL_LABELS[level], len(data["rows"])))
    return levels
