"""The official channels, statements and known impostors in the checker index (format 2).

What :func:`generator.site.pages.finder_index` adds to ``assets/kanal/indeks.json``:

- ``official``: rows ``[kind, keys, status, agency, display, subdomains]`` (``official_fields``):
  every item of :mod:`generator.registry.official`, the region's with agency ``null``.
- ``impostors``: rows ``[kind, key, reported, notice, agency, note, display]``
  (``impostor_fields``) from ``data/impostors.yml``; agency = the one it imitates or ``null``.
- ``never``: ``{"texts": {key: text}, "region": [[keys], [free texts]], "by": "Pemerintah
  Kabupaten Contoh"}`` (who states the region's: the checker quotes it); each agency row has
  the field ``never`` with ``[[keys], [free texts]]`` or ``null``.

In a sharded index (:mod:`generator.site.shards`) the two row lists move into the key shards
``k/<n>.json`` (by ``shards.official_buckets`` / ``shards.impostor_buckets``), each row with
its position in the whole list appended, like accounts.
"""

from __future__ import annotations

from typing import Any

from generator.registry.models import Agency, Directory
from generator.registry.official import NEVER_TEXTS, Statements

OFFICIAL_FIELDS = ["kind", "keys", "status", "agency", "display", "subdomains"]
IMPOSTOR_FIELDS = ["kind", "key", "reported", "notice", "agency", "note", "display"]


def statements(never: Statements) -> list[list[str]] | None:
    if not never:
        return None
    return [[k.value for k in never.keys], list(never.texts)]


def speaker(region_name: str) -> str:
    """Who states the region's "Kami tidak pernah ...": its government."""
    if region_name.lower().startswith("pemerintah"):
        return region_name
    return "Pemerintah " + region_name


def official_index(directory: Directory, position: dict[str, int]) -> dict[str, Any]:
    """The index fields above (agency rows get their ``never`` in pages.finder_index)."""
    rows: list[list[Any]] = []
    owners: list[tuple[int | None, tuple]] = [(None, directory.region.official)]
    owners += [(position[a.id], a.official) for a in directory.agencies.values()]
    for where, items in owners:
        for item in items:
            rows.append(
                [
                    item.kind.value,
                    list(item.keys),
                    item.status.value,
                    where,
                    item.display,
                    item.subdomains,
                ]
            )
    impostors = [
        [
            i.kind.value,
            i.key,
            i.reported.isoformat(),
            i.notice,
            position.get(i.imitates) if i.imitates else None,
            i.note,
            i.display,
        ]
        for i in directory.impostors
    ]
    return {
        "official_fields": OFFICIAL_FIELDS,
        "official": rows,
        "impostor_fields": IMPOSTOR_FIELDS,
        "impostors": impostors,
        "never": {
            "texts": {k.value: v for k, v in NEVER_TEXTS.items()},
            "region": statements(directory.region.never),
            "by": speaker(directory.region.name),
        },
    }


def agency_never(agency: Agency) -> list[list[str]] | None:
    return statements(agency.never)
