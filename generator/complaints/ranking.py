"""The ranking of agencies with a page of their own, split so that no page grows with a province.

A regency's ranking (tens of rows) stays one table on ``aduan/``. Past ``PAGE_ROWS`` rows the
ranking is split by level (regencies and cities, perangkat daerah, kecamatan: like compared
with like) and each level is paged: ``aduan/`` shows the first page of each level and
``aduan/peringkat/<level>/<n>/`` the rest. A province's 611 rows were one table of 8,888
elements and 82,304 px at 360 px; sorting it froze the page for a second per tap. Ranks stay
global (the same numbers as the open data, which keeps every row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.registry.models import LEVEL_LABELS, Directory, Level
from generator.site.pages import PageRef, Renderer

PAGE_ROWS = 50  # rows of one table page: sorting them is instant, the page stays < 3,000 elements


@dataclass
class RankingGroup:
    """One level's rows (ranking order) and the URLs of its pages after the first."""

    level: Level | None  # None: the whole ranking in one table (a regency's)
    rows: list[dict[str, Any]]
    pages: list[str] = field(default_factory=list)  # page 2, 3, ... from the site root

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level] if self.level else "Semua instansi"

    @property
    def first(self) -> list[dict[str, Any]]:
        return self.rows[:PAGE_ROWS]


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
    """``aduan/peringkat/<level>/<n>/`` for each level's rows past its first page (bulk pages:
    out of the nav and of the search index); fills each group's ``pages``."""
    for group in groups:
        if group.level is None or len(group.rows) <= PAGE_ROWS:
            continue
        count = -(-len(group.rows) // PAGE_ROWS)
        group.pages = [f"aduan/peringkat/{group.level.value}/{n}/" for n in range(2, count + 1)]
        for n in range(2, count + 1):
            rows = group.rows[(n - 1) * PAGE_ROWS : n * PAGE_ROWS]
            renderer.page(
                PageRef(
                    f"aduan/peringkat/{group.level.value}/{n}.md",
                    f"aduan/peringkat/{group.level.value}/{n}/",
                ),
                "aduan/ranking_page.html.j2",
                f"Peringkat {group.label.lower()}, halaman {n}",
                f"Kinerja layanan aduan {group.label.lower()}: peringkat {rows[0]['rank'] or ''}"
                f" dan seterusnya, halaman {n} dari {count}.",
                bulk=True,
                group=group,
                number=n,
                count=count,
                rows=rows,
                **common,
            )
