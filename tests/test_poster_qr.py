"""The posters' QR code as SVG: the vectorised path spells exactly what the plain loop over
each row's runs of dark modules spelled (the loop, kept here as the readable definition), and
the code drawn says error correction M and the fixed mask in its format information."""

from __future__ import annotations

import re

import numpy
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.posters import QR_MASK, QUIET_ZONE, qr_svg


def modules(text: str, **options: object) -> numpy.ndarray:
    """The dark modules of ``text``'s QR code (error correction M), no quiet zone."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M", **options)
    return numpy.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128


def loop_path(text: str) -> str:
    """The strokes of ``text``'s QR code, one run of dark modules at a time."""
    dark = modules(text, data_mask=QR_MASK)
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


def drawn_modules(svg: str) -> numpy.ndarray:
    """How often the SVG's strokes cover each module, quiet zone included."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    drawn = numpy.zeros((size, size), int)
    x = y = 0
    for op, a, b, h in re.findall(r"([Mm])(-?\d+) (-?\d+)(?:\.5)?h(\d+)", svg_path(svg)):
        x, y = (int(a), int(b)) if op == "M" else (x + int(a), y + int(b))
        drawn[y, x : x + int(h)] += 1
        x += int(h)
    return drawn


def test_path_draws_every_dark_module_once():
    """Replaying the path's strokes gives back the code's modules: nothing dropped or doubled."""
    text = URLS[1]
    dark = modules(text, data_mask=QR_MASK)
    drawn = drawn_modules(qr_svg(text))
    inner = drawn[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE]
    assert drawn.max() == 1 and (inner == dark).all() and drawn.sum() == dark.sum()


def format_information(dark: numpy.ndarray) -> tuple[int, int]:
    """The error correction bits (M is 0) and the data mask a QR code's reader takes from the
    format information beside its top-left finder (ISO/IEC 18004, 7.9: 15 bits, masked by
    101010000010010)."""
    cells = [(i, 8) for i in range(6)] + [(7, 8), (8, 8), (8, 7)]  # (row, column), bits 0-8
    cells += [(8, 14 - i) for i in range(9, 15)]
    bits = sum(int(dark[r, c]) << i for i, (r, c) in enumerate(cells))
    data = (bits ^ 0b101010000010010) >> 10
    return data >> 3, data & 0b111


def test_format_information_is_read_right():
    """The reader above, on codes whose mask zxing-cpp was told or chose itself."""
    for mask in range(8):
        assert format_information(modules(URLS[0], data_mask=mask)) == (0, mask)
    chosen = {format_information(modules(f"{URLS[1]}{i}"))[1] for i in range(40)}
    assert len(chosen) > 2  # zint's own choice varies: the bits read are not a constant


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_every_code_drawn_has_the_fixed_mask(text):
    drawn = drawn_modules(qr_svg(text))[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE]
    assert format_information(drawn) == (0, QR_MASK)
