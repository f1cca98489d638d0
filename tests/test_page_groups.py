"""Long lists split so that no page grows with a province: the ranking by level and in pages,
Cakupan's and Direktori's lists by place (issue 18 point 6, issue 21 point 5)."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from generator.complaints.ranking import PAGE_ROWS, PREVIEW_ROWS, group_ranking
from generator.registry.models import Level
from generator.site.groups import group_by_place

LEVELS = [Level.KECAMATAN, Level.DAERAH, Level.OPD]


def _directory(agencies: dict, code: str = "33", names: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(
        agencies=agencies,
        region=SimpleNamespace(code=code),
        region_names=names or {},
        official={},
    )


def test_a_short_ranking_stays_one_table() -> None:
    agencies = {f"a{i}": SimpleNamespace(level=LEVELS[i % 3]) for i in range(PAGE_ROWS)}
    rows = [{"agency": a, "rank": i + 1} for i, a in enumerate(agencies)]
    groups = group_ranking(_directory(agencies), rows)
    assert len(groups) == 1 and groups[0].level is None and groups[0].first == rows


@given(st.lists(st.sampled_from(LEVELS), min_size=PAGE_ROWS + 1, max_size=400))
def test_a_long_ranking_is_split_by_level_keeping_every_row_in_order(levels) -> None:
    agencies = {f"a{i}": SimpleNamespace(level=lvl) for i, lvl in enumerate(levels)}
    rows = [{"agency": a, "rank": i + 1} for i, a in enumerate(agencies)]
    groups = group_ranking(_directory(agencies), rows)
    # Regencies before perangkat daerah before kecamatan: like compared with like.
    assert [g.level for g in groups] == [lvl for lvl in Level if lvl in set(levels)]
    for g in groups:
        assert all(agencies[r["agency"]].level is g.level for r in g.rows)
        assert [r["rank"] for r in g.rows] == sorted(r["rank"] for r in g.rows)
        assert g.first == g.rows[:PREVIEW_ROWS]
    assert sorted(r["rank"] for g in groups for r in g.rows) == list(range(1, len(rows) + 1))


def _village(i: int, regency: str, parent: str) -> SimpleNamespace:
    return SimpleNamespace(
        id=f"v{i}", name=f"Desa {i:04d}", parent=parent, region_code=f"{regency}.01.{i:04d}"
    )


@given(st.lists(st.sampled_from(["33.01", "33.02", "33.71"]), min_size=1, max_size=200))
def test_a_province_groups_by_regency_each_unit_once(regencies) -> None:
    villages = [_village(i, r, "kec") for i, r in enumerate(regencies)]
    names = {"33.01": "Kabupaten Cilacap", "33.02": "Kabupaten Banyumas", "33.71": "Kota Magelang"}
    groups = group_by_place(_directory({}, "33", names), villages)
    assert [g.name for g in groups] == sorted({names[r] for r in regencies}, key=str.casefold)
    assert sorted(a.id for g in groups for a in g.agencies) == sorted(v.id for v in villages)
    for g in groups:
        assert all(a.region_code.startswith(g.key.replace("-", ".") + ".") for a in g.agencies)


def test_a_regency_groups_by_kecamatan_and_keeps_strays_last() -> None:
    districts = {
        "kecamatan-b": SimpleNamespace(name="Kecamatan B"),
        "kecamatan-a": SimpleNamespace(name="Kecamatan A"),
    }
    villages = [
        _village(1, "33.01", "kecamatan-b"),
        _village(2, "33.01", "kecamatan-a"),
        _village(3, "33.01", "tidak-ada"),
    ]
    groups = group_by_place(_directory(districts, "33.01"), villages)
    assert [(g.key, [a.id for a in g.agencies]) for g in groups] == [
        ("kecamatan-a", ["v2"]),
        ("kecamatan-b", ["v1"]),
        ("lainnya", ["v3"]),
    ]


def test_cakupan_lists_places_and_each_place_page_its_units(tmp_path, build_site) -> None:
    """A regency with more villages without an account than fit on Cakupan: one line per
    kecamatan there, the names on each kecamatan's own page, every such village exactly once."""
    from bs4 import BeautifulSoup

    from tests.province_util import make_regency

    data = make_regency(tmp_path, "33.01", kecamatan=8, desa_per_kecamatan=12, active_every=4)
    site = build_site(data)

    def article(path: str) -> BeautifulSoup:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser").find("article")

    desa = article("cakupan/").find("h2", id="desa").find_next("details")
    links = [a["href"] for a in desa.select("ul.k-groups a")]
    assert len(links) == 8 and all(h.startswith("../cakupan/desa/kecamatan-") for h in links)
    assert desa.find("a", href=lambda h: h and "#" in h) is None  # no village listed inline
    listed: list[str] = []
    for href in links:
        page = article(href.removeprefix("../"))
        names = [a.get_text() for a in page.select("ul.k-cols a")]
        assert names == sorted(names, key=str.casefold) and names
        listed += names
    villages = [
        a
        for path in (data / "agencies").glob("kecamatan-*.yml")
        for a in path.read_text(encoding="utf-8").split("- id: ")[2:]
    ]
    without = sorted(v.split("name: ")[1].split("\n")[0] for v in villages if "accounts:" not in v)
    assert sorted(listed) == without and len(without) > 60  # more than fit on Cakupan


def test_a_pinned_account_label_is_short() -> None:
    from generator.site.pages import short_handle

    assert short_handle("@disdukcapilkab.contoh") == "@disdukcapilkab.contoh"
    assert short_handle("youtube.com/channel/UCKMObyP6sM1epnAMIrT60MN") == (
        "UCKMObyP6sM1epnAMIrT60MN"
    )
    assert short_handle("youtube.com/c/" + "x" * 40) == "x" * 23 + "…"
    assert all(len(short_handle("a/" + "b" * n)) <= 24 for n in range(60))
