"""The tree of agencies: unknown parents, parents of the wrong kind, codes that disagree with
their parent's, and cycles."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from generator.registry import names, regions
from generator.registry.load import SourcedAgency
from generator.registry.models import Kind
from generator.safeinput.problems import Problems

VILLAGE_KINDS = (Kind.DESA, Kind.KELURAHAN)


def hierarchy(
    sources: dict[str, SourcedAgency],
    codes: dict[str, str],
    problems: Problems,
    failed: AbstractSet[str] = frozenset(),
) -> None:
    """Unknown parents, parents of the wrong kind, codes that disagree, and cycles.
    ``failed``: ids of agencies whose files have errors of their own: not unknown parents
    (one typo in a kecamatan's file is not also an error in each of its villages')."""
    for src in sources.values():
        m = src.model
        if m.parent is None:
            if m.kind in VILLAGE_KINDS:
                problems.error(
                    src.at(), "parent", f"{m.kind.value} harus punya parent: id kecamatannya"
                )
            continue
        parent = sources.get(m.parent)
        if parent is None and m.parent in failed:
            continue
        if parent is None:
            problems.error(
                src.at("parent"), "parent", f"instansi induk '{m.parent}' tidak ditemukan"
            )
            continue
        if m.kind in VILLAGE_KINDS:
            if parent.model.kind is not Kind.KECAMATAN:
                problems.error(
                    src.at("parent"),
                    "parent",
                    f"induk {m.kind.value} harus kecamatan, bukan {parent.model.kind.value} '{m.parent}'",
                )
            elif (
                m.region_code in codes
                and parent.model.region_code in codes
                and regions.depth(m.region_code) == 4
                and regions.parent_code(m.region_code) != parent.model.region_code
            ):
                real = regions.parent_code(m.region_code)
                problems.error(
                    src.at("region_code"),
                    "region_code",
                    f"kode {m.region_code} adalah {names.unit_label(m.region_code, codes)} "
                    f"di {names.unit_label(real, codes) if real in codes else real}, "
                    f"bukan di bawah '{m.parent}' ({parent.model.region_code})",
                )
    # Cycles: follow parent links; each agency is visited once overall, so this is linear.
    state: dict[str, int] = {}
    for start in sources:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in sources and state.get(node) is None:
            state[node] = 1
            chain.append(node)
            node = sources[node].model.parent
        if node is not None and state.get(node) == 1:
            loop = chain[chain.index(node) :]
            src = sources[node]
            problems.error(
                src.at("parent"), "parent", "induk berputar: " + " → ".join([*loop, node])
            )
        for item in chain:
            state[item] = 2
