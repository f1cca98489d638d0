"""Look-alike handles: is an unregistered name an impostor of an official one?

A government handle is made of an agency abbreviation (dinkes, dinsos, diskominfo, pemkab...),
sometimes a level (kab, kota), a place name (blora, semarang) and separators or affixes
(``.``, ``_``, official, resmi, id, info). Impostors copy such a name and change what a reader
does not notice: a character that looks the same, a separator, a doubled letter, an affix, one
typo. They do not change the agency: ``dinsosblora`` is another agency's name, not a fake of
``dinkesblora``. So names are compared by structure, not by an edit distance over the whole:

1. :func:`skeleton` folds what looks alike (Unicode TR39 style): accents dropped, Cyrillic and
   Greek letters that look Latin read as those, digits used for letters read as letters
   (0→o 1→l 3→e 4→a 5→s 7→t 8→b), i/I/1/l read alike, ``rn`` as ``m`` and ``vv`` as ``w``,
   separators dropped, doubled letters read once.
2. :func:`parse` strips impostor affixes (:data:`PREFIXES`, :data:`SUFFIXES`; before and after
   doubled letters merge, so "uji"+"id" and "officcial" both go) and takes the
   known abbreviations (:data:`AGENCIES`, :data:`LEVELS`) off both ends; what remains is
   the place (``rest``).
3. A pasted name looks like an official one (:func:`lookalikes`) when both have the same
   abbreviations (exactly, after folding) and the same place, or places one typo apart (OSA
   distance 1, place of 3 letters or more) while the pasted place is no place any official
   name uses. A typo can break an abbreviation ("dinkse", "kba") but not make another one:
   when every abbreviation of the pasted name is in the official one but some of the
   official's are missing (or the pasted name has none), the names are compared whole:
   equal, or one typo apart for names of 8 letters or more. A pasted name with an
   abbreviation the official one lacks (``dinsos`` against ``dinkes``) never looks like it.

A name registered on any platform is never a look-alike of another registered name (it is an
official name, whoever owns it). theme/assets/kanal/checker.js implements the same rules;
tests/cases/checker.json and the corpora of benchmarks/checker_precision.py run on both.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.registry import naming

# Letters from other scripts that render like Latin ones (a subset of Unicode confusables.txt).
CONFUSABLES = {
    **dict(zip("аеорсухіјѕԁһԛԝӏкɡ", "aeopcyxijsdhqwlkg", strict=True)),  # Cyrillic small
    **dict(zip("АВЕКМНОРСТУХІЈЅҮ", "abekmhopctyxljsy", strict=True)),  # Cyrillic capital
    **dict(zip("αορνικυ", "aopviku", strict=True)),  # Greek small
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhlkmnoptyx", strict=True)),  # Greek capital
    **dict(zip("ıℓɩ", "ili", strict=True)),  # Latin look-alikes
}
DIGITS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "i": "l"}
SEPARATORS = "._- "
PAIRS = (("rn", "m"), ("vv", "w"))
# The words offices are named with, from generator/reference/naming.yml (see naming.py):
# level words and agency abbreviations (each variant read as its group), titles of officials,
# filler and topic words impostors add, prefixes. Adding a variant there makes more names
# comparable; order does not matter.
_NAMING = naming.table()
LEVELS = tuple(_NAMING["levels"])
# variant -> group id ("dinaskes" -> "kesehatan", "pemkab" -> "kab", "bupati" -> "kab").
WORD_GROUPS = {
    w: group
    for key in ("agencies", "levels", "titles")
    for group, variants in _NAMING[key].items()
    for w in variants
}
PREFIXES = tuple(_NAMING["prefixes"] + _NAMING["topics"])
SUFFIXES = tuple(_NAMING["fillers"] + _NAMING["topics"])
FILLERS = SUFFIXES
OLD_SPELLINGS = tuple((a, b) for a, b in _NAMING["old_spellings"])
TYPO_REST = 3  # a place of this many letters or more may carry one typo
TYPO_WHOLE = 8  # a name without abbreviations, this long or more, may carry one typo
PLATFORM_FAMILY = {"threads": "instagram"}  # Threads profiles use their Instagram name
MAX_LOOKALIKES = 3


class _FoldTable(dict[int, str]):
    """What each character folds to, for ``str.translate``; filled as characters are first met
    (a national index folds ~450,000 names: one translate each, not a Python step per letter)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if "\u0300" <= c <= "\u036f" or c in SEPARATORS:
            out = ""
        else:
            c = CONFUSABLES.get(c, c).lower()
            out = DIGITS.get(c, c)
        self[code] = out
        return out


_FOLD = _FoldTable()


def mixes_scripts(text: str) -> str | None:
    """The first word of ``text`` that mixes Latin letters with letters of another script that
    look Latin ("Kоmunikasi" with a Cyrillic о): how look-alike names and domains are made. A
    word wholly in another script ("Москва") is not mixed."""
    if text.isascii():
        return None
    for word in re.findall(r"\w+", text):
        if (
            not word.isascii()
            and any(c in CONFUSABLES for c in word)
            and any("a" <= c <= "z" for c in word.lower())
        ):
            return word
    return None


def fold(name: str) -> str:
    """``name`` as a reader sees it: confusables folded, separators dropped (letters not merged)."""
    folded = unicodedata.normalize("NFKD", name).translate(_FOLD)
    for pair, letter in (*PAIRS, *OLD_SPELLINGS):
        folded = folded.replace(pair, letter)
    return folded


_DOUBLED = re.compile(r"(.)\1+")


def _first(match: re.Match[str]) -> str:
    return match.group(1)


def merge(folded: str) -> str:
    """Doubled letters read once: "dinkess" and "dinkes" look alike. (A function as the
    replacement, not the template "\\1", which Python expands in Python at each match: a
    national index's 136,988 names parse in 1.68 s instead of 2.04.)"""
    return _DOUBLED.sub(_first, folded)


def skeleton(name: str) -> str:
    """:func:`fold`, then :func:`merge`: what two names that look alike have in common."""
    return merge(fold(name))


# Affixes as folded (to strip before doubled letters merge: "uji"+"id" is "ujlld") and as
# skeletons (after: "officcial"). Longest first, so that "diskominfo" is taken whole.
# Short affixes would eat names written together ("kk" reads "k"): prefixes of 3 letters or
# more, suffixes of 2 or more (as skeletons); shorter ones still go as words of their own.
_PREFIXES = tuple((fold(a), skeleton(a)) for a in PREFIXES if len(skeleton(a)) >= 3)
_SUFFIXES = tuple((fold(a), skeleton(a)) for a in SUFFIXES if len(skeleton(a)) >= 2)
# Skeleton of every variant -> its group; longest first, so "dinaskesehatan" is taken whole.
_GROUP_OF = {skeleton(w): g for w, g in sorted(WORD_GROUPS.items())}
_WORDS = sorted(_GROUP_OF, key=lambda w: (-len(w), w))
_FILLER_WORDS = frozenset(skeleton(w) for w in (*FILLERS, *PREFIXES))
# A known word at the start may be the whole rest ("dinkes"); at the end one must stay before it.
_WORD_AT_START = re.compile("|".join(re.escape(w) for w in _WORDS))
# A known word at the end, the whole included (matched on the text reversed): an affix is not
# stripped out of one ("kominfo" keeps its "info", "diskominfo" is not "diskom").
_WORD_ENDING = re.compile("|".join(re.escape(w[::-1]) for w in _WORDS))
# The kind of office before an abbreviation ("dinas" in "Dinas Kominfo"): dropped there.
_KIND_AT_START = re.compile(
    "|".join(re.escape(skeleton(k)) for k in sorted(_NAMING["kinds"], key=len, reverse=True))
)


@dataclass(frozen=True)
class Parsed:
    """A name in parts: ``whole`` (skeleton without affixes), ``words``, and the ``rest``."""

    whole: str
    words: str  # the abbreviations found, sorted and joined by "+"; "" when none
    rest: str
    lead: str = ""  # the abbreviation the name starts with, "" when none (for index shards)


def _first_of(words: list[str], at_end: bool) -> re.Pattern[str]:
    """One pattern that finds, like ``next(w for w in words if s.startswith(w) and
    len(s) > len(w))``, the first of ``words`` in their order (alternatives are tried in order)
    that ``s`` starts with, or ends with when ``at_end`` (matched on ``s`` reversed), leaving at
    least one character: a name is compared with hundreds of words, once per account of a
    national index (127,000)."""
    alternatives = "|".join(re.escape(w[::-1] if at_end else w) for w in words)
    return re.compile(f"(?:{alternatives})(?=.)", re.DOTALL)


# Per form (0 folded, 1 skeleton): the prefixes and the suffixes, each as one pattern.
_PREFIX_RE = tuple(_first_of([a[form] for a in _PREFIXES], False) for form in (0, 1))
_SUFFIX_RE = tuple(_first_of([a[form] for a in _SUFFIXES], True) for form in (0, 1))
_WORD_AT_END = _first_of(_WORDS, True)


def strip_affixes(folded: str, form: int) -> str:
    """``folded`` without impostor affixes at either end, one at a time, never down to nothing.

    ``form`` 0 compares the affixes as folded, 1 as skeletons.
    """
    while True:
        found = _PREFIX_RE[form].match(folded)
        if found is not None and not _in_word(folded, found.group(), False):
            folded = folded[found.end() :]
            continue
        found = _SUFFIX_RE[form].match(folded[::-1])
        if found is None or _in_word(folded, found.group()[::-1], True):
            return folded
        folded = folded[: -found.end()]


def _in_word(folded: str, affix: str, at_end: bool) -> bool:
    """Whether ``affix`` at that end of ``folded`` is part of a known word there ("info" in
    "kominfo"), which is kept whole."""
    text = merge(folded)
    word = _WORD_ENDING.match(text[::-1]) if at_end else _WORD_AT_START.match(text)
    return word is not None and len(word.group()) >= len(merge(affix))


_SEPARATOR_RUN = re.compile("[" + re.escape(SEPARATORS) + "]+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def _kept_word(word: str) -> str:
    """``word`` without its trailing digits, or "" when that is a filler word (or nothing)."""
    word = _TRAILING_DIGITS.sub("", word)  # "$" also before a final line break: "9\n" -> "\n"
    return _kept_letters(word) if word else ""


@functools.lru_cache(maxsize=1 << 16)
def _kept_letters(word: str) -> str:
    """``word`` (no trailing digit), or "" when it is a filler word. Words recur across names
    ("pemdes", "kab", a district's name): the 136,988 account names of a national index are
    made of far fewer words (parse: 2.79 s before, 2.35 s). Digits are cut before the cache:
    a place code ("desa.sukamaju.3315072004") is a word of its own in every name, and kept
    in the cache it pushed the recurring words out."""
    return word if skeleton(word) not in _FILLER_WORDS else ""


def tokens(name: str) -> str:
    """``name`` without the words impostors add: filler, topic and prefix words written as
    words of their own, digits at the end of a word ("contoh01", ".2024"). Never down to nothing."""
    kept = "".join([_kept_word(t) for t in _SEPARATOR_RUN.split(name) if t])
    return kept or name


@functools.lru_cache(maxsize=65536)
def parse(name: str) -> Parsed:
    """Split a name into known words (from either end, each read as its group: "dinaskes" and
    "dinkes" are one office) and the place left between."""
    whole = strip_affixes(merge(strip_affixes(fold(tokens(name)), 0)), 1)
    rest, found = whole, []
    while True:  # from the start: "dinkes" + "kab" + ..., "dinas" + "kominfo"
        match = _WORD_AT_START.match(rest) or _after_kind(rest)
        if match is None:
            break
        found.append(_GROUP_OF[match.group()])
        rest = rest[match.end() :]
    while True:  # from the end: "...blora" + "kab"
        match = _WORD_AT_END.match(rest[::-1])
        if match is None:
            break
        found.append(_GROUP_OF[match.group()[::-1]])
        rest = rest[: -match.end()]
    core = sorted(w for w in found if w not in LEVELS)
    lead = core[0] if core else (sorted(found)[0] if found else "")
    return Parsed(whole, "+".join(sorted(found)), rest, lead)


def _after_kind(rest: str) -> re.Match[str] | None:
    """The known word after a kind of office at the start of ``rest`` ("dinas"+"kominfo"; its
    first letter may be the kind's last, merged: "dinas"+"satpolpp" reads "dlnasatpolp")."""
    kind = _KIND_AT_START.match(rest)
    if kind is None:
        return None
    return _WORD_AT_START.match(rest, kind.end()) or _WORD_AT_START.match(rest, kind.end() - 1)


def split_words(words: str) -> tuple[list[str], set[str]]:
    """The agency words (with repeats) and the level words of a parsed name."""
    found = words.split("+") if words else []
    return [w for w in found if w not in LEVELS], {w for w in found if w in LEVELS}


def _joined(longer: str, shorter: str, places: frozenset[str]) -> bool:
    """``longer`` is ``shorter`` with an official place before or after it ("banjardadi"
    and "banjardadicontoh": a village name with or without its regency's)."""
    if not shorter or len(longer) <= len(shorter):
        return False
    if longer.startswith(shorter) and longer[len(shorter) :] in places:
        return True
    return longer.endswith(shorter) and longer[: -len(shorter)] in places


def osa_distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau–Levenshtein distance, optimal string alignment variant (checker.js: osa).

    With ``limit``, stops as soon as the distance is sure to exceed it and then returns
    ``limit + 1`` (a row's smallest value never decreases from one row to the next).
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = prev[j] + 1 if prev[j] < row[j - 1] else row[j - 1] + 1
            if prev[j - 1] + cost < best:
                best = prev[j - 1] + cost
            if (
                i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
                and prev2[j - 2] + 1 < best
            ):
                best = prev2[j - 2] + 1
            row[j] = best
        if limit is not None and min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[len(b)]


def distance(
    pasted: Parsed, official: Parsed, places: frozenset[str], leveled: frozenset[str] = frozenset()
) -> int | None:
    """0 or 1 when ``pasted`` looks like ``official`` (see the module docstring), else None.

    ``leveled``: places, with an office's words (:func:`_leveled_key`), that the registry
    names at more than one level (a Kabupaten and a Kota Semarang); there a name must say
    its level."""
    mine, my_levels = split_words(pasted.words)
    theirs, their_levels = split_words(official.words)
    # Level words are compared by level (kab = pemkab = kabupaten); a name may leave its
    # level out ("dinkes.contoh") only where the place has one level in the registry.
    levels_agree = my_levels == their_levels or (
        not my_levels and _leveled_key(pasted.rest, mine) not in leveled
    )
    if sorted(mine) == sorted(theirs) and levels_agree:
        if pasted.rest == official.rest:
            return 0
        if _joined(pasted.rest, official.rest, places) or _joined(
            official.rest, pasted.rest, places
        ):
            return 0
        if pasted.rest in places:  # another office's place
            return None
        if len(official.rest) >= TYPO_REST and osa_distance(pasted.rest, official.rest, 1) == 1:
            return 1
        # Else a typo may have broken a word into the place ("dinkopudm"): compare whole.
    # A typo can break an abbreviation ("dinkse"), not make another one: every abbreviation
    # of the pasted name must be in the official one; then the names are compared whole.
    if mine and any(mine.count(w) > theirs.count(w) for w in mine):
        return None
    if not my_levels <= their_levels:  # nor a level word
        return None
    if pasted.whole == official.whole:
        return 0
    if len(official.whole) < TYPO_WHOLE:
        return None
    return 1 if osa_distance(pasted.whole, official.whole, 1) == 1 else None


def _leveled_key(rest: str, core: list[str]) -> str:
    """A place with an office's words: a name must say its level where the registry has
    these words at this place at more than one level (Dinkes of a Kabupaten and a Kota
    Semarang; not "Kominfo Wonosobo", where only the Kecamatan shares the place's name)."""
    return rest + "|" + "+".join(sorted(core))


def family(platform: str) -> str:
    return PLATFORM_FAMILY.get(platform, platform)


def key_name(platform: str, key: str) -> str | None:
    """The name part of a registry key (``instagram:dinkes.uji`` → ``dinkes.uji``), or None
    for identifiers that are not names: numeric IDs and YouTube channel IDs."""
    name = key.split(":", 1)[1].rsplit("/", 1)[-1]
    if (
        not name
        or name.isdigit()
        or (platform == "youtube" and re.fullmatch(r"UC[A-Za-z0-9_-]{22}", name))
    ):
        return None
    return name


@dataclass(frozen=True)
class Official:
    position: int
    platform: str
    status: str
    agency: int
    lower: str
    parsed: Parsed


# Index rows whose key is an address, not a name. Rows of platform "name" are the names of
# agencies and of their web hosts (finder_index): compared like handles, never matched.
UNNAMED = ("website", "other", "email")


def officials(accounts: list[list[Any]]) -> list[Official]:
    """The named official accounts of index rows [platform, key, status, agency, since]."""
    found = []
    for position, row in enumerate(accounts):
        if row[0] in UNNAMED:
            continue
        name = key_name(row[0], row[1])
        if name is not None:
            found.append(Official(position, row[0], row[2], row[3], name.lower(), parse(name)))
    return found


@dataclass(frozen=True)
class Registry:
    """The official names of an index, parsed once (checker.js: prepare)."""

    officials: list[Official]
    names: frozenset[str]
    places: frozenset[str]
    by_words: dict[str, list[Official]] = field(default_factory=dict)
    leveled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        levels: dict[str, set[str]] = {}
        for o in self.officials:
            self.by_words.setdefault(o.parsed.words, []).append(o)
            core, mine = split_words(o.parsed.words)
            if mine:
                key = _leveled_key(o.parsed.rest, core)
                levels.setdefault(key, set()).add("+".join(sorted(mine)))
        many = frozenset(p for p, seen in levels.items() if len(seen) > 1)
        object.__setattr__(self, "leveled", many)

    def candidates(self, pasted: Parsed) -> list[Official]:
        """The officials whose agency words include all of ``pasted``'s (others never match)."""
        mine = split_words(pasted.words)[0]
        found = []
        for words, group in self.by_words.items():
            theirs = split_words(words)[0]
            if all(mine.count(w) <= theirs.count(w) for w in mine):
                found += group
        return found


def registry(accounts: list[list[Any]]) -> Registry:
    known = officials(accounts)
    return Registry(
        known, frozenset(o.lower for o in known), frozenset(o.parsed.rest for o in known)
    )


def lookalikes(
    accounts: list[list[Any]], name: str, platforms: set[str], known: Registry | None = None
) -> list[dict[str, Any]]:
    """Official accounts on ``platforms`` (by family) whose name ``name`` looks like.

    Grouped by name, agency and status (one handle on several platforms is one line), closest
    first, at most :data:`MAX_LOOKALIKES`: ``{"handle", "platforms", "agency", "status"}``.
    Empty when ``name`` is itself an official name on any platform. ``known``: the
    :func:`registry` of ``accounts``, when the caller checks many names.
    """
    if not name or name.isdigit():
        return []
    known = known or registry(accounts)
    if name.lower() in known.names:
        return []
    families = {family(p) for p in platforms}
    pasted = parse(name)
    places = known.places
    groups: dict[tuple[str, int, str], dict[str, Any]] = {}
    best: dict[tuple[str, int, str], tuple[int, int, int]] = {}
    for o in known.candidates(pasted):
        near = distance(pasted, o.parsed, places, known.leveled)
        if near is None:
            continue
        group = (o.lower, o.agency, o.status)
        # Names are compared across platforms (an impostor copies a name wherever it is
        # official); the pasted platform's own names come first.
        rank = (near, family(o.platform) not in families, o.position)
        if group not in groups:
            groups[group] = {
                "handle": o.lower,
                "platforms": [],
                "agency": o.agency,
                "status": o.status,
            }
            best[group] = rank
        groups[group]["platforms"].append(o.platform)
        best[group] = min(best[group], rank)
    order = sorted(groups, key=lambda g: best[g])
    return [groups[g] for g in order[:MAX_LOOKALIKES]]
