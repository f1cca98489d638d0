"""Build-time SVG charts: readable without JavaScript, named for screen readers.

Every chart carries a <title> and <desc> referenced by ``aria-labelledby``; the page always
puts the data table next to it (the chart is a picture of the table, not a replacement).
All text is escaped; numbers are formatted the Indonesian way by the caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from markupsafe import Markup, escape

# A narrow canvas: the chart is drawn at 100% of the column, so at 360 px (about 330 px of
# column) one user unit is ~0.8 px and 14-unit text stays above 11 px; CSS caps the width on
# desktop so the text does not grow past ~17 px.
WIDTH, PLOT_H = 400, 160
PAD_LEFT, PAD_RIGHT, PAD_TOP = 44, 10, 12
FONT = 14  # user units; also set in kanal.css (.k-chart .k-axis)
CHAR_W = 0.6 * FONT  # a generous average glyph width for label spacing
LINE = FONT + 6
PALETTE = ["#00695c", "#b26a00", "#3949ab", "#ad1457"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no data for that label (a gap, not a zero)


def _ticks(value: float, integer: bool) -> tuple[float, float]:
    """Top of the axis and the tick step: at most 4 steps of 1, 2 or 5 × 10^k.

    Counts get whole-number steps only, so no axis reads "187,5" posts.
    """
    if value <= 0:
        return 1.0, 1.0 if integer else 0.5
    raw = value / 4
    exponent = 10 ** math.floor(math.log10(raw))
    step = next(m * exponent for m in (1, 2, 5, 10) if raw <= m * exponent)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return step * math.ceil(value / step - 1e-9), step


# A province draws ~28,000 charts whose values repeat (counts, half days, shares): each
# value's text is computed once.
@lru_cache(maxsize=65_536)
def _fmt(value: float, decimals: int = 1) -> str:
    """Rounded half up like the tables (generator.site.pages.decimal_id): 28,75 -> 28,8, not 28,7."""
    exact = Decimal(repr(float(value))).quantize(Decimal("1e-9"))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if decimals else text
    return text.replace(",", "\u2009").replace(".", ",")


def _tick_decimals(step: float) -> int:
    """Enough decimals that every tick reads differently (0,05 steps need two)."""
    return 0 if float(step).is_integer() else max(1, -math.floor(math.log10(step)))


def _frame(chart_id: str, title: str, desc: str, body: list[str], height: float) -> Markup:
    head = (
        f'<svg class="k-chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT}">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _axes(
    labels: Sequence[str], top: float, step_value: float, unit: str
) -> tuple[list[str], float, float]:
    """Grid, y ticks, x labels (thinned so they never overlap) and the unit line.

    Returns the body, the slot width per label and the y of the first line below the axes.
    """
    y_axis = _y_axis(top, step_value)
    x_axis, slot, below = _x_axis(tuple(labels), unit)
    return [*y_axis, *x_axis], slot, below


# Every agency's monthly chart has the same labels and few distinct scales: each axis is
# drawn once and reused (the tuples are never changed).
@lru_cache(maxsize=4_096)
def _y_axis(top: float, step_value: float) -> tuple[str, ...]:
    out = []
    n_ticks = round(top / step_value)
    decimals = _tick_decimals(step_value)
    for i in range(n_ticks + 1):
        value = step_value * i
        y = PAD_TOP + PLOT_H - PLOT_H * value / top
        out.append(
            f'<line class="k-grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(
            f'<text class="k-axis" x="{PAD_LEFT - 5}" y="{y + FONT * 0.35:.1f}" text-anchor="end">{escape(_fmt(value, decimals))}</text>'
        )
    return tuple(out)


@lru_cache(maxsize=256)
def _x_axis(labels: tuple[str, ...], unit: str) -> tuple[tuple[str, ...], float, float]:
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    out = []
    slot = plot_w / max(1, len(labels))
    widest = max((len(label) for label in labels), default=1) * CHAR_W + 6
    step = max(1, math.ceil(widest / slot))
    below = PAD_TOP + PLOT_H + LINE
    for i, label in enumerate(labels):
        if i % step == 0:
            x = PAD_LEFT + slot * (i + 0.5)
            out.append(
                f'<text class="k-axis" x="{x:.1f}" y="{below - 4:.1f}" text-anchor="middle">{escape(label)}</text>'
            )
    if unit:
        below += LINE
        out.append(f'<text class="k-axis" x="2" y="{below - 4:.1f}">{escape(unit)}</text>')
    return tuple(out), slot, below


def _escaped(labels: Sequence[str]) -> list[str]:
    return [str(escape(label)) for label in labels]


def _is_whole(values: Sequence[float | None]) -> bool:
    return all(v is None or float(v).is_integer() for v in values)


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    unit: str = "",
) -> Markup:
    """Vertical bars, one per label."""
    top, step = _ticks(max((v for v in values if v is not None), default=0), _is_whole(values))
    body, slot, below = _axes(labels, top, step, unit)
    names = _escaped(labels)
    width = f"{slot * 0.7:.1f}"
    for i, value in enumerate(values):
        if value is None:
            continue
        h = PLOT_H * value / top
        x = PAD_LEFT + slot * i + slot * 0.15
        y = PAD_TOP + PLOT_H - h
        body.append(
            f'<rect class="k-bar-0" x="{x:.1f}" y="{y:.1f}" width="{width}" height="{h:.1f}">'
            f"<title>{names[i]}: {escape(_fmt(value))}</title></rect>"
        )
    return _frame(chart_id, title, desc, body, below + 4)


ROW_H = 24  # user units a row of a ranked chart: a 14-unit name with room above and below
NAME_CHARS = 24  # characters of a name at most, before the bars ("Kab. Bolaang M. Selatan")
NAME_MAX = NAME_CHARS * CHAR_W
VALUE_W = 46  # room right of the longest bar for its value ("100%", "99,9%")


def fitted(name: str, chars: int = NAME_CHARS) -> str:
    """``name`` in at most ``chars`` characters, told apart from its neighbours: the words
    between its first two and its last become initials, from the last of them back, until it
    fits ("Kab. Ogan Komering Ulu Timur" -> "Kab. Ogan K. U. Timur"); then its middle gives
    way to "…". Every regency and city of each province keeps a label of its own this way
    (tests/test_charts.py), where cutting the end made five of DKI Jakarta's six alike."""
    if len(name) <= chars:
        return name
    words = name.split(" ")
    for i in range(len(words) - 2, 1, -1):
        if words[i] and not words[i].endswith("."):
            words[i] = words[i][0] + "."
        if len(" ".join(words)) <= chars:
            return " ".join(words)
    name = " ".join(words)
    head = name[: (chars - 1) // 2].rstrip()
    tail = name[len(name) - (chars - 1 - len(head)) :].lstrip()
    return head + "…" + tail


def ranked_bars(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    unit: str = "",
    scale: float | None = None,
) -> Markup:
    """Horizontal bars, one row per label: each named at its left and its value written at its
    end, for comparing named members (a province's regencies and cities), where the x axis of
    :func:`bar_chart` names only the labels that fit (2 of 8 such names). A name longer than
    the name column is shortened (:func:`fitted`); the row's ``<title>`` holds it whole,
    with the value.

    ``scale`` is the value of a full bar (100 for shares in percent), drawn as a light track
    behind each bar; without it, the largest value fills the width.
    ``None``: no data for that label, written as such, not drawn as a zero."""
    names = [str(label) for label in labels]
    widest = max((len(name) for name in names), default=1) * CHAR_W
    name_w = min(widest, NAME_MAX)
    bars_x = name_w + 8
    plot_w = WIDTH - bars_x - VALUE_W - PAD_RIGHT
    values = [v if v is not None and math.isfinite(v) else None for v in values]
    top = scale or max((v for v in values if v is not None), default=0)
    top = top if top > 0 else 1.0
    body = [
        f'<line class="k-grid" x1="{bars_x:.1f}" y1="{PAD_TOP - 2}" x2="{bars_x:.1f}" '
        f'y2="{PAD_TOP + len(names) * ROW_H + 2}"/>'
    ]
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        y = PAD_TOP + i * ROW_H
        text_y = f"{y + ROW_H / 2 + FONT * 0.35:.1f}"
        shown = "tanpa data" if value is None else _fmt(value) + unit
        row = [
            f"<g><title>{escape(name)}: {escape(shown)}</title>",
            f'<text class="k-axis" x="{name_w:.1f}" y="{text_y}" text-anchor="end">'
            f"{escape(fitted(name))}</text>",
        ]
        end = bars_x
        if scale:  # the full bar's track: a share is read against the whole
            row.append(
                f'<rect class="k-track" x="{bars_x:.1f}" y="{y + 5:.1f}" width="{plot_w:.1f}" '
                f'height="{ROW_H - 10}"/>'
            )
        if value is not None:
            w = plot_w * min(max(value, 0.0), top) / top
            row.append(
                f'<rect class="k-bar-0" x="{bars_x:.1f}" y="{y + 5:.1f}" width="{w:.1f}" '
                f'height="{ROW_H - 10}"/>'
            )
            end += w
        row.append(
            f'<text class="k-axis" x="{end + 4:.1f}" y="{text_y}">{escape(shown)}</text></g>'
        )
        body.append("".join(row))
    return _frame(chart_id, title, desc, body, PAD_TOP + len(names) * ROW_H + 6)


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
) -> Markup:
    """One line per series; gaps where a value is None. A legend names each series."""
    values = [v for s in series for v in s.values if v is not None]
    top, step = _ticks(max(values, default=0), _is_whole(values))
    body, slot, below = _axes(labels, top, step, unit)
    names = _escaped(labels)
    legend_x = 2.0
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        name = escape(s.name)
        points: list[str] = []
        segments: list[list[str]] = [points]
        for i, value in enumerate(s.values):
            if value is None:
                points = []
                segments.append(points)
                continue
            x = PAD_LEFT + slot * (i + 0.5)
            y = PAD_TOP + PLOT_H - PLOT_H * value / top
            points.append(f"{x:.1f},{y:.1f}")
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{name}, {names[i]}: {escape(_fmt(value))}</title></circle>'
            )
        for seg in segments:
            if len(seg) > 1:
                body.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(seg)}"/>'
                )
        if len(series) > 1:
            y = below + LINE - 4
            body.append(
                f'<rect x="{legend_x:.1f}" y="{y - FONT + 3:.1f}" width="{FONT - 2}" height="{FONT - 2}" fill="{colour}"/>'
            )
            body.append(
                f'<text class="k-axis" x="{legend_x + FONT + 2:.1f}" y="{y:.1f}">{escape(s.name)}</text>'
            )
            legend_x += FONT + 2 + len(s.name) * CHAR_W + 16
    if len(series) > 1:
        below += LINE
    return _frame(chart_id, title, desc, body, below + 4)
