"""The posters' fixed QR mask against zint's own choice of the best of 8: time, and how well
each reads after damage.

    python benchmarks/qr_mask.py [--data data] [--site-url URL] [--sample 200]

For a sample of the region's poster targets (each agency's page), prints:
- the CPU time of a code (zxing-cpp's ``create_barcode`` and Kanal's SVG) both ways;
- the share decoded by zxing-cpp's reader after the same damage to both codes (ink or white
  stains of 1.5-2 modules, two 3x3 blurs, noise), for three levels of damage;
- when segno is importable (``pip install segno``: not a dependency), each mask's ISO/IEC
  18004 penalty against the one zint chose, as segno scores it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

import numpy
import zxingcpp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site import posters  # noqa: E402

SCALE = 4  # pixels a module, as a phone's camera sees a poster at arm's length
DAMAGE = [(1, 2.0, 30), (2, 1.5, 30), (2, 2.0, 20)]  # stains, radius (modules), noise (grey)
TRIES = 3  # damaged copies of each code


def image(text: str, **options: object) -> numpy.ndarray:
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M", **options)
    return numpy.asarray(code.to_image(scale=SCALE, add_quiet_zones=True)).astype(numpy.float32)


def damaged(pixels: numpy.ndarray, seed: int, stains: int, radius: float, noise: float):
    rng = numpy.random.default_rng(seed)
    h, w = pixels.shape
    yy, xx = numpy.mgrid[0:h, 0:w]
    out = pixels.copy()
    margin = 4 * SCALE
    for _ in range(stains):
        cy, cx = rng.uniform(margin, h - margin), rng.uniform(margin, w - margin)
        r = radius * SCALE * rng.uniform(0.5, 1.0)
        out[(yy - cy) ** 2 + (xx - cx) ** 2 < r * r] = rng.choice([0, 255]) * 0.8 + 25
    for _ in range(2):
        p = numpy.pad(out, 1, mode="edge")
        out = sum(p[i : i + h, j : j + w] for i in range(3) for j in range(3)) / 9
    out = out + rng.normal(0, noise, out.shape)
    return numpy.clip(out, 0, 255).astype(numpy.uint8)


def per_code(texts: list[str], make) -> float:
    start = time.process_time()
    for text in texts:
        make(text)
    return (time.process_time() - start) / len(texts) * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--site-url", default=None, help="absolute targets, as with site_url")
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    directory = load_directory(args.data, dt.date(2026, 11, 22), Problems())
    assert directory is not None, f"{args.data} is not valid"
    targets = [posters.target_url(directory, a) for a in directory.agencies.values()]
    if args.site_url:
        targets = [args.site_url.rstrip("/") + "/" + t for t in targets]
    texts = random.Random(1).sample(targets, min(args.sample, len(targets)))
    print(f"{len(texts)} of {len(targets)} targets, e.g. {texts[0]}")

    fixed = posters.qr_svg.__wrapped__
    auto = zxingcpp.create_barcode

    def svg_auto(text: str) -> object:
        zxingcpp.create_barcode = lambda t, f, **o: auto(t, f, ec_level="M")
        try:
            return fixed(text)
        finally:
            zxingcpp.create_barcode = auto

    print(
        f"CPU a code (create and SVG): zint's choice {per_code(texts, svg_auto):.3f} ms, "
        f"mask {posters.QR_MASK} {per_code(texts, fixed):.3f} ms"
    )
    for stains, radius, noise in DAMAGE:
        read = {}
        for label, options in (("zint's choice", {}), ("fixed", {"data_mask": posters.QR_MASK})):
            ok = 0
            for i, text in enumerate(texts):
                clean = image(text, **options)
                for k in range(TRIES):  # the same damage to both codes of a text
                    found = zxingcpp.read_barcode(
                        damaged(clean, 1000 * i + k, stains, radius, noise),
                        formats=zxingcpp.BarcodeFormat.QRCode,
                    )
                    ok += found is not None and found.text == text
            read[label] = f"{ok}/{TRIES * len(texts)} = {ok / TRIES / len(texts):.1%}"
        print(f"decoded after {stains} stain(s) of {radius} modules, noise {noise}: {read}")
    try:
        from segno.encoder import evaluate_mask
    except ImportError:
        print("penalties: segno is not installed (pip install segno) to score them")
        return 0

    def penalty(text: str, **options: object) -> int:
        dark = (image(text, **options)[::SCALE, ::SCALE] < 128).astype(numpy.uint8)
        dark = dark[4:-4, 4:-4]  # the modules, without the quiet zone
        return evaluate_mask(tuple(bytearray(r) for r in dark), dark.shape[1], dark.shape[0])

    best = numpy.array([penalty(t) for t in texts])
    print(f"ISO penalty (segno), zint's choice: mean {best.mean():.0f}, max {best.max()}")
    for mask in range(8):
        each = numpy.array([penalty(t, data_mask=mask) for t in texts])
        ratio = each / best
        print(
            f"  mask {mask}: {ratio.mean():.3f}x on average, {ratio.max():.3f}x at most, "
            f"the same as zint's choice for {(each == best).mean():.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
