"""The time zone of a region (WIB, WITA, WIT) from its province code: what ``kanal init``
writes, and what a province expects of a member's published clock (generator.province)."""

from __future__ import annotations

# Province code -> IANA zone (UU/Keppres on WIB, WITA, WIT). Kalimantan Barat (61) and
# Tengah (62) are WIB; Kalimantan Selatan, Timur and Utara (63-65) are WITA.
_WIB = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 61, 62}
_WITA = {51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76}
_WIT = {81, 82, 91, 92, 93, 94, 95, 96, 97}
ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def timezone_for(code: str) -> str:
    """The time zone of a region from its province code (the first two digits)."""
    province = int(code[:2])
    if province in _WIB:
        return "Asia/Jakarta"
    if province in _WITA:
        return "Asia/Makassar"
    if province in _WIT:
        return "Asia/Jayapura"
    raise ValueError(f"provinsi {province:02d} tidak dikenal")
