"""Kepmendagri region codes: the reference list the project carries, plus a region's extras."""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from pathlib import Path

REFERENCE = Path(__file__).parent.parent / "reference" / "wilayah-kepmendagri-2025.csv.gz"


@lru_cache(maxsize=1)
def reference_codes() -> dict[str, str]:
    """All Kepmendagri 2025 codes mapped to their official names."""
    with gzip.open(REFERENCE, "rt", encoding="utf-8", newline="") as fh:
        return read_codes(fh)


def read_codes(fh: io.TextIOBase) -> dict[str, str]:
    reader = csv.reader(fh)
    header = next(reader, None)
    if header != ["kode", "nama"]:
        raise ValueError("baris pertama harus 'kode,nama'")
    return {row[0].strip(): row[1].strip() for row in reader if len(row) >= 2 and row[0].strip()}


def depth(code: str) -> int:
    """1 for a province, 4 for a village; 0 for "", the code of a national site."""
    return code.count(".") + 1 if code else 0


def within(code: str, region_code: str) -> bool:
    """Whether ``code`` is ``region_code`` or lies under it; everything lies under ""."""
    return not region_code or code == region_code or code.startswith(region_code + ".")


def parent_code(code: str) -> str:
    return code.rsplit(".", 1)[0]


def is_kelurahan_code(code: str) -> bool:
    """In Kepmendagri numbering a village code's last part starts with 1 for a kelurahan."""
    return depth(code) == 4 and code.rsplit(".", 1)[1].startswith("1")


def region_kind(code: str, name: str) -> str:
    """'nasional', 'provinsi', 'kota' or 'kabupaten': the code's depth, and for a regency-level
    code the official name ("Kota Surakarta", "Kabupaten Kotabaru")."""
    if not code:
        return "nasional"
    if depth(code) == 1:
        return "provinsi"
    return "kota" if name.casefold().startswith("kota ") else "kabupaten"
