"""``kanal wilayah NAMA``: find the Kepmendagri code of a province, regency, kecamatan or desa."""

from __future__ import annotations

import argparse
import re
import sys

from generator.registry import regions
from generator.registry.lookup import path_text, place, search

MAX_SHOWN = 50


def run(args: argparse.Namespace) -> int:
    return run_lookup(" ".join(args.name), args.within)


def run_lookup(query: str, within: str | None) -> int:
    codes = regions.reference_codes()
    if within is not None and within not in codes:
        print(f"galat: kode '{within}' tidak ada dalam daftar Kepmendagri 2025", file=sys.stderr)
        return 1
    query = query.strip()
    if re.fullmatch(r"[\d.]+", query):  # a code: say what it is
        if query not in codes:
            print(f"galat: kode '{query}' tidak ada dalam daftar Kepmendagri 2025", file=sys.stderr)
            return 1
        found, exact = [place(query)], True
    else:
        found, exact = search(query, within=within)
    if not found:
        print(
            f"'{query}' tidak ditemukan dalam daftar Kepmendagri 2025 (juga dengan satu salah "
            "ketik). Periksa ejaannya, atau cari sebagian nama di kabupaten Anda dengan --di KODE.",
            file=sys.stderr,
        )
        return 1
    if not exact:
        print(f"Tidak ada yang bernama persis '{query}'; yang mirip:", file=sys.stderr)
    width = max(len(p.code) for p in found[:MAX_SHOWN])
    for item in found[:MAX_SHOWN]:
        print(f"{item.code:<{width}}  {item.level:<14}  {path_text(item.code)}")
    if len(found) > MAX_SHOWN:
        print(
            f'... dan {len(found) - MAX_SHOWN} lagi; persempit dengan tingkat ("desa {query}") '
            "atau --di KODE",
            file=sys.stderr,
        )
    return 0
