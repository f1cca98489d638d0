"""Build-time SVG charts: readable without JavaScript, named for screen readers.

Every chart carries a <title> and <desc> referenced by ``aria-labelledby``; the page always
puts the data table next to it (the chart is a picture of the table, not a replacement).
All text is escaped; numbers are formatted the Indonesian way by the caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 260
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 12, 12, 56
PALETTE = ["#00695c", "#b26a00", "#3949ab", "#ad1457"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no data for that label (a gap, not a zero)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _fmt(value: float) -> str:
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",")


def _frame(chart_id: str, title: str, desc: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="k-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _axes(labels: Sequence[str], top: float, unit: str) -> tuple[list[str], float, float]:
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    out = []
    for i in range(5):
        value = top * i / 4
        y = PAD_TOP + plot_h - plot_h * i / 4
        out.append(
            f'<line class="k-grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(
            f'<text class="k-axis" x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_fmt(value))}</text>'
        )
    if unit:
        out.append(f'<text class="k-axis" x="{PAD_LEFT}" y="{HEIGHT - 4}">{escape(unit)}</text>')
    step = max(1, math.ceil(len(labels) / 12))  # at most ~12 labels fit at phone width
    slot = plot_w / max(1, len(labels))
    for i, label in enumerate(labels):
        if i % step == 0:
            x = PAD_LEFT + slot * (i + 0.5)
            out.append(
                f'<text class="k-axis" x="{x:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
            )
    return out, slot, plot_h


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    unit: str = "",
) -> Markup:
    """Vertical bars, one per label."""
    top = _nice_max(max((v for v in values if v is not None), default=0))
    body, slot, plot_h = _axes(labels, top, unit)
    for i, value in enumerate(values):
        if value is None:
            continue
        h = plot_h * value / top
        x = PAD_LEFT + slot * i + slot * 0.15
        y = PAD_TOP + plot_h - h
        body.append(
            f'<rect class="k-bar-0" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}">'
            f"<title>{escape(labels[i])}: {escape(_fmt(value))}</title></rect>"
        )
    return _frame(chart_id, title, desc, body)


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
    top = _nice_max(max(values, default=0))
    body, slot, plot_h = _axes(labels, top, unit)
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points: list[str] = []
        segments: list[list[str]] = [points]
        for i, value in enumerate(s.values):
            if value is None:
                points = []
                segments.append(points)
                continue
            x = PAD_LEFT + slot * (i + 0.5)
            y = PAD_TOP + plot_h - plot_h * value / top
            points.append(f"{x:.1f},{y:.1f}")
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{escape(s.name)}, {escape(labels[i])}: {escape(_fmt(value))}</title></circle>'
            )
        for seg in segments:
            if len(seg) > 1:
                body.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(seg)}"/>'
                )
        if len(series) > 1:
            lx = PAD_LEFT + 150 * n
            body.append(
                f'<rect x="{lx}" y="{HEIGHT - 22}" width="10" height="10" fill="{colour}"/>'
            )
            body.append(
                f'<text class="k-axis" x="{lx + 14}" y="{HEIGHT - 13}">{escape(s.name)}</text>'
            )
    return _frame(chart_id, title, desc, body)
