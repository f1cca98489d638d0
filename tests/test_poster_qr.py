"""The posters' QR code as SVG: the vectorised path spells exactly what the plain loop over
each row's runs of dark modules spelled (the loop, kept here as the readable definition)."""

from __future__ import annotations

import re

import numpy
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.posters import QUIET_ZONE, qr_svg


def loop_path(text: str) -> str:
    """The strokes of ``text``'s QR code, one run of dark modules at a time."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    dark = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128
    parts = []
    x = y = 0
    for row in range(dark.shape[0]):
        col = 0
        while col < dark.shape[1]:
            if not dark[row, col]:
                col += 1
                continue
            start = col
            while col < dark.shape[1] and dark[row, col]:
                col += 1
            x1, y1 = start + QUIET_ZONE, row + QUIET_ZONE
            if parts:
                parts.append(f"m{x1 - x} {y1 - y}h{col - start}")
            else:
                parts.append(f"M{x1} {y1}.5h{col - start}")
            x, y = col + QUIET_ZONE, y1
    return "".join(parts)


def svg_path(svg: str) -> str:
    return svg.split('class="qrline" stroke="#000" d="', 1)[1].split('"', 1)[0]


URLS = [
    "instansi/kecamatan-pasarwajo-740411/#desa-air-berudang-1101082011",
    "https://kanal.kotauji.go.id/instansi/dinas-kesehatan/",
    "a",
    "https://" + "x" * 1500 + ".go.id/",  # a large code: version 30 and more
]


def test_known_targets_match_the_loop():
    for text in URLS:
        assert svg_path(qr_svg(text)) == loop_path(text)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_matches_the_loop(text):
    assert svg_path(qr_svg(text)) == loop_path(text)


def test_path_draws_every_dark_module_once():
    """Replaying the path's strokes gives back the code's modules: nothing dropped or doubled."""
    text = URLS[1]
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    dark = numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128
    drawn = numpy.zeros((dark.shape[0] + 2 * QUIET_ZONE,) * 2, int)
    x = y = 0
    for op, a, b, h in re.findall(r"([Mm])(-?\d+) (-?\d+)(?:\.5)?h(\d+)", svg_path(qr_svg(text))):
        x, y = (int(a), int(b)) if op == "M" else (x + int(a), y + int(b))
        drawn[y, x : x + int(h)] += 1
        x += int(h)
    inner = drawn[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE]
    assert drawn.max() == 1 and (inner == dark).all() and drawn.sum() == dark.sum()
