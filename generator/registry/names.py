"""Names of kecamatan, desa and kelurahan compared with the official Kepmendagri name of
their code, tolerating how people really write them."""

from __future__ import annotations

import re
import unicodedata

from generator.registry import regions

# Words that name the tier, not the place: "Desa Sukamaju", "Kel. Pajang", "Kec. Cepu".
_TIER_WORDS = frozenset(
    {"desa", "ds", "kelurahan", "kel", "kecamatan", "kec", "kabupaten", "kab", "kota"}
)
# Old and new Indonesian spellings (EYD 1972) and common variants; applied in this order so
# that "dj" becomes "j" before "j" becomes "y" on both sides of a comparison.
_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "kh"), ("j", "y"))


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATED = re.compile(r"(.)\1+")


def _first(match: re.Match[str]) -> str:
    # A function, not the template "\\1", which re expands in Python at every match.
    return match.group(1)


def _plain_words(name: str) -> list[str]:
    """The words of ``name`` in lower-case ASCII: case, accents, spaces and punctuation aside."""
    # Plain ASCII (almost every name) is its own NFKD form: two names per agency, 91,561 agencies.
    text = name if name.isascii() else unicodedata.normalize("NFKD", name)
    return _NOT_ALNUM.sub(" ", text.encode("ascii", "ignore").decode().lower()).split()


def name_key(name: str) -> str:
    """A comparison key: no tier word, case, accents, spaces, punctuation or spelling variant."""
    words = _plain_words(name)
    while len(words) > 1 and words[0] in _TIER_WORDS:
        words = words[1:]
    key = _REPEATED.sub(_first, "".join(words))  # "Ngeloo", also inside "Wooeni"
    for old, new in _SPELLINGS:
        key = key.replace(old, new)
    return _REPEATED.sub(_first, key)


def region_suffixes(region_name: str) -> list[str]:
    """How a name may end with the region's own ("Dinas Kesehatan Kabupaten Wonosobo", "...
    Kab. Wonosobo", "... Wonosobo"): the region's name, its short forms and its place alone."""
    short = re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", region_name)
    return [region_name, f"Kab. {short}", f"Kab {short}", f"Kota {short}", short]


def office_key(name: str, region_tails: list[list[str]]) -> str:
    """One office's name however it is typed: case, accents, spacing and punctuation aside,
    and without the region's name at its end ("Dinas Kesehatan Kab. Blora" is "Dinas
    Kesehatan"; ``region_tails``: :func:`region_tails`). Stricter than :func:`name_key`, which
    tells whether a written name means an official one: it also drops tier words, old
    spellings and doubled letters, so "Kuta Buloh I" and "Kuta Buloh II", two villages of
    one kecamatan, have one name_key (585 such pairs among the official names)."""
    words = _plain_words(name)
    for tail in region_tails:
        if len(words) > len(tail) and words[-len(tail) :] == tail:
            del words[-len(tail) :]
            break
    return " ".join(words) if words else " ".join(name.casefold().split())


def region_tails(region_name: str) -> list[list[str]]:
    """:func:`region_suffixes` as :func:`office_key` compares them, longest first."""
    tails = {tuple(_plain_words(s)) for s in region_suffixes(region_name)}
    return [list(t) for t in sorted(tails, key=len, reverse=True) if t]


def same_name(written: str, official: str) -> bool:
    """Whether ``written`` names the place ``official`` names, as :func:`name_key` compares.

    A name written as the official one, or as one tier word and a space before it ("Desa
    Kradenan" for "Kradenan": how a scaffolded registry writes every desa), has the official
    name's key without computing either: the tier word is the first of more than one word, so
    name_key drops it and goes on with the official name's own words (ASCII, one at least).
    """
    if written == official:
        return True
    tier, _, rest = written.partition(" ")
    if (
        rest == official
        and tier.isascii()
        and tier.lower() in _TIER_WORDS
        and official.isascii()
        and _NOT_ALNUM.sub("", official.lower())
    ):
        return True
    return name_key(written) == name_key(official)


def unit_label(code: str, codes: dict[str, str]) -> str:
    """'Desa Balun', 'Kelurahan Cepu', 'Kecamatan Cepu' for a Kepmendagri code."""
    tier = {2: "", 3: "Kecamatan ", 4: "Desa "}.get(regions.depth(code), "")
    if regions.is_kelurahan_code(code):
        tier = "Kelurahan "
    return f"{tier}{codes[code]}"


class Siblings:
    """Child codes per parent code, indexed on first use (most registries have no mismatch)."""

    def __init__(self, codes: dict[str, str]):
        self.codes = codes
        self._index: dict[str, list[str]] | None = None

    def of(self, parent: str) -> list[str]:
        if self._index is None:
            self._index = {}
            for code in self.codes:
                if "." in code:
                    self._index.setdefault(regions.parent_code(code), []).append(code)
        return self._index.get(parent, [])


def sibling_with_name(name: str, code: str, siblings: Siblings) -> str | None:
    """The code under the same parent whose official name is ``name``, if there is one."""
    key = name_key(name)
    for other in siblings.of(regions.parent_code(code)):
        if other != code and name_key(siblings.codes[other]) == key:
            return other
    return None
