"""One office registered twice: two agencies under one parent with one name.

A clerk who adds ``opd/disdukcapil-2.yml`` for the Dinas Kependudukan dan Pencatatan Sipil
the scaffold already lists (under another id, so the id check is silent) makes the finder
list the office twice and splits its accounts between two pages. Names are compared as
:func:`names.office_key` compares them (case, accents, spacing, punctuation, the region's
name at the end), only among the children of one parent: two villages of one name in two
kecamatan are two villages.

Units of the Kepmendagri list may share a name under one parent too (16 pairs of the
91,561: 14 a kelurahan and a desa, as Sorkam Kanan in 12.01.10; two desa Tounelet Satu in
71.02.11 and two Kogekotu in 94.03.01), so two agencies that carry different region codes
are never twins. Two that carry one code and both need one (kecamatan, desa, ...) are
already reported by the code check ("kode ... sudah dipakai oleh ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.registry import names
from generator.registry.load import SourcedAgency
from generator.registry.models import CODE_DEPTH
from generator.safeinput.problems import Problems


@dataclass
class _Named:
    """The agencies seen so far under one parent with one name, each with its place."""

    first: SourcedAgency
    uncoded: tuple[int, SourcedAgency] | None = None  # the first without a region code
    coded: dict[str, tuple[int, SourcedAgency]] = field(default_factory=dict)  # first per code


class Twins:
    """Notes, during validation's one pass over the agencies (:meth:`add`), the parents whose
    children may share a name, then reports each second registration (:meth:`report`).

    Linear, and free where no twin is possible: only the children of a parent with a child
    without a region code, or of a kind that needs none, are compared (a national directory
    of coded units compares none of its 91,561 names, nor passes over them again)."""

    def __init__(self, region_name: str | None) -> None:
        self.tails = names.region_tails(region_name) if region_name else []
        self.open: dict[str | None, None] = {}  # parents whose children are compared

    def add(self, src: SourcedAgency) -> None:
        m = src.model
        if not m.region_code or m.kind not in CODE_DEPTH:
            self.open[m.parent] = None

    def report(self, sources: dict[str, SourcedAgency], problems: Problems) -> None:
        """Each agency (of ``sources``, in file order) that repeats an earlier sibling."""
        if not self.open:
            return
        children: dict[str | None, list[SourcedAgency]] = {}
        for src in sources.values():
            if src.model.parent in self.open:
                children.setdefault(src.model.parent, []).append(src)
        for kids in children.values():
            self._compare(kids, problems)

    def _compare(self, kids: list[SourcedAgency], problems: Problems) -> None:
        seen: dict[str, _Named] = {}
        for i, src in enumerate(kids):
            m = src.model
            code = m.region_code
            key = names.office_key(m.name, self.tails)
            named = seen.get(key)
            if named is None:
                seen[key] = named = _Named(src)
            elif not code:
                _twin(src, named.first, problems)
            else:
                same = named.coded.get(code)
                if same and m.kind in CODE_DEPTH and same[1].model.kind in CODE_DEPTH:
                    same = None  # the code check says it
                earlier = [a for a in (named.uncoded, same) if a is not None]
                if earlier:
                    _twin(src, min(earlier, key=lambda a: a[0])[1], problems)
            if not code:
                named.uncoded = named.uncoded or (i, src)
            else:
                named.coded.setdefault(code, (i, src))


def _twin(src: SourcedAgency, first: SourcedAgency, problems: Problems) -> None:
    m, other = src.model, first.model
    shown = (
        f"sudah dipakai oleh '{other.id}'"
        if m.name == other.name
        else f"sama dengan nama '{other.name}' milik '{other.id}'"
    )
    under = f"di bawah induk yang sama ('{m.parent}')" if m.parent else "sama-sama tanpa induk"
    problems.error(
        src.at("name"),
        "name",
        f"nama '{m.name}' {shown} ({first.at('name')}), {under}; satu instansi cukup satu "
        "berkas: pindahkan akun dan kanalnya ke sana lalu hapus berkas ini, atau bedakan "
        "namanya bila memang instansi lain",
    )
