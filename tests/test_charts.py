"""SVG charts are well-formed, named for screen readers, and escape their text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.charts import NAME_CHARS, Series, bar_chart, fitted, line_chart, ranked_bars

NS = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_named_and_escaped():
    svg = bar_chart(
        "c1",
        "Aduan <b>masuk</b>",
        "Jumlah & bulan",
        ["Jan", "Feb", "<x>"],
        [3, 0, 7.5],
        unit="aduan",
    )
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{NS}title").text == "Aduan <b>masuk</b>"
    assert root.find(f"{NS}desc").text == "Jumlah & bulan"
    bars = root.findall(f"{NS}rect")
    assert len(bars) == 3
    assert [b.find(f"{NS}title").text for b in bars] == ["Jan: 3", "Feb: 0", "<x>: 7,5"]
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] == 0 and heights[2] > heights[0] > 0


def test_line_chart_gaps_and_legend():
    svg = line_chart(
        "c2",
        "Tren",
        "Dua seri",
        ["1", "2", "3", "4"],
        [Series("A", [1, None, 3, 4]), Series("B", [2, 2, 2, 2])],
    )
    root = ET.fromstring(str(svg))
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 2  # A is split by the gap: its lone first point draws no line
    assert len(root.findall(f"{NS}circle")) == 7
    assert {t.text for t in root.findall(f"{NS}text")} >= {"A", "B"}


def test_empty_chart_does_not_divide_by_zero():
    root = ET.fromstring(str(bar_chart("c3", "Kosong", "Tidak ada data", [], [])))
    assert root.find(f"{NS}title").text == "Kosong"


def _tick_labels(root: ET.Element) -> list[str]:
    """The y-axis labels: right-aligned text left of the plot."""
    return [t.text for t in root.findall(f"{NS}text") if t.get("text-anchor") == "end"]


def test_counts_have_whole_number_ticks():
    """187 posts at most must not give a "187,5" (or 46,75) tick."""
    root = ET.fromstring(
        str(bar_chart("c4", "Unggahan", "per minggu", list("abcdefghijkl"), [187, 3] * 6))
    )
    ticks = _tick_labels(root)
    assert ticks == ["0", "50", "100", "150", "200"]
    small = ET.fromstring(str(bar_chart("c5", "Sedikit", "per minggu", ["a", "b"], [3, 1])))
    assert _tick_labels(small) == ["0", "1", "2", "3"]


def test_chart_scales_with_its_column_and_x_labels_do_not_overlap():
    labels = [f"{d}/11" for d in range(1, 13)]
    root = ET.fromstring(str(bar_chart("c6", "T", "D", labels, list(range(12)))))
    assert root.get("viewBox").startswith("0 0 400 ")
    assert root.get("width") is None and root.get("height") is None  # CSS: width 100%
    shown = [t for t in root.findall(f"{NS}text") if t.get("text-anchor") == "middle"]
    xs = [float(t.get("x")) for t in shown]
    widest = max(len(t.text) for t in shown) * 0.6 * float(root.get("font-size"))
    assert 3 <= len(shown) < 12
    assert all(b - a >= widest for a, b in zip(xs, xs[1:], strict=False))


def test_fractional_ticks_read_differently():
    root = ET.fromstring(str(bar_chart("c7", "Kecil", "D", ["a", "b"], [0.13, 0.07])))
    assert _tick_labels(root) == ["0", "0,05", "0,1", "0,15"]


def test_chart_values_round_half_up_like_the_tables():
    """100 * 0.2875 (a 6-digit share from figures.csv) is 28,8% in the table; the chart agrees."""
    svg = bar_chart(
        "c9", "Persentase", "Per bulan", ["Jan", "Feb", "Mar"], [100 * 0.2875, 6.25, 0.05]
    )
    bars = ET.fromstring(str(svg)).findall(f"{NS}rect")
    assert [b.find(f"{NS}title").text for b in bars] == ["Jan: 28,8", "Feb: 6,3", "Mar: 0,1"]


def test_charts_sharing_axes_do_not_leak_into_each_other():
    # Axes are drawn once per scale and labels (a province draws ~20,000 monthly charts).
    labels = ["Jan 26", "Feb 26", "Mar 26"]
    first = str(bar_chart("c8", "A", "D", labels, [4, 2, 3], unit="aduan"))
    line = str(line_chart("c9", "B", "D", labels, [Series("M", [4, None, 3])], unit="aduan"))
    again = str(bar_chart("c8", "A", "D", labels, [4, 2, 3], unit="aduan"))
    assert again == first
    assert first.count("<rect") == 3 and "<circle" not in first
    assert line.count("<circle") == 2 and "<rect" not in line
    root = ET.fromstring(again)
    ticks = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "1", "2", "3", "4"]


# A province's members as its chart names them (generator.province.render.short_name).
MEMBER = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(MEMBER, st.one_of(st.none(), st.floats(0, 100, allow_nan=False))),
        min_size=1,
        max_size=40,
    )
)
def test_ranked_bars_name_every_member(rows):
    """Every row is named (cut to the name column at most, whole in its title) and states its
    value; bars stay in their row and inside the canvas, and a member without data draws no
    bar. The vertical chart's axis named 2 of 8 such members."""
    labels = [name for name, _ in rows]
    values = [value for _, value in rows]
    root = ET.fromstring(str(ranked_bars("p", "T", "D", labels, values, unit="%", scale=100)))
    groups = root.findall(f"{NS}g")
    assert len(groups) == len(rows)
    width = float(root.get("viewBox").split()[2])
    height = float(root.get("viewBox").split()[3])
    previous_bottom = 0.0
    for group, (name, value) in zip(groups, rows, strict=True):
        title = group.find(f"{NS}title").text
        shown_name, shown_value = [t.text for t in group.findall(f"{NS}text")]
        assert title == f"{name}: {shown_value}"
        assert shown_name == fitted(name) and len(shown_name) <= NAME_CHARS
        assert shown_name == name or len(name) > NAME_CHARS
        track, *bars = group.findall(f"{NS}rect")
        assert track.get("class") == "k-track"
        if value is None:
            assert shown_value == "tanpa data" and not bars
            continue
        assert shown_value.endswith("%") and len(bars) == 1
        y, h = float(bars[0].get("y")), float(bars[0].get("height"))
        x, w = float(bars[0].get("x")), float(bars[0].get("width"))
        assert y >= previous_bottom and y + h <= height and x + w <= width
        previous_bottom = y + h


def test_ranked_bars_scale_to_a_full_bar_and_escape():
    svg = str(
        ranked_bars(
            "p",
            "Desa <b>aktif</b>",
            "D",
            ["Kab. A", "<script>alert(1)</script>", "Kota C"],
            [100, 50, 0],
            unit="%",
            scale=100,
        )
    )
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect") if r.get("class") == "k-bar-0"]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    names = [g.find(f"{NS}text").text for g in root.findall(f"{NS}g")]
    assert names[1] == "<script>ale…(1)</script>"  # 24 characters, its middle given way


def test_every_province_names_each_member_apart():
    """Over every province of the reference list, as its chart names them: each member's label
    is its own (cutting the end made five of DKI Jakarta's six "Kota Administrasi J…"), and
    fits the name column."""
    from collections import defaultdict

    from generator.province.render import short_name
    from generator.registry import regions

    members = defaultdict(list)
    for code, name in regions.reference_codes().items():
        if regions.depth(code) == 2:
            members[code.split(".")[0]].append(fitted(short_name(name)))
    assert sum(len(names) for names in members.values()) == 514
    for province, names in members.items():
        assert len(set(names)) == len(names), (province, sorted(names))
        assert all(len(name) <= NAME_CHARS for name in names)
    assert "Kota Jakarta Selatan" in members["31"] and "Kab. Kep. Seribu" in members["31"]
    assert "Kab. Ogan K. U. Timur" in members["16"]


def test_ranked_bars_without_a_scale_or_a_finite_value():
    """Values the province never passes still draw sanely: all negative (no full bars), NaN
    and infinity (no data)."""
    svg = ranked_bars("p", "T", "D", ["a", "b", "c"], [-3, float("nan"), float("inf")])
    root = ET.fromstring(str(svg))
    assert [float(r.get("width")) for r in root.iter(f"{NS}rect")] == [0.0]
    assert [g.findall(f"{NS}text")[1].text for g in root.findall(f"{NS}g")] == [
        "-3",
        "tanpa data",
        "tanpa data",
    ]
