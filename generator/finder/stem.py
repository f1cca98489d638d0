"""Indonesian stemming: the Nazief–Adriani algorithm with the CS/ECS refinements, as Sastrawi.

A port of Sastrawi 1.0.1 (PySastrawi, MIT, github.com/har07/PySastrawi: ``Stemmer/Context``,
``Morphology/Disambiguator``), kept rule for rule, quirks included, so that it gives Sastrawi's
answer for every word (tests/test_stem.py compares the two on the whole dictionary). The root
dictionary is Sastrawi's ``kata-dasar.txt`` (``generator/reference/kata-dasar.txt.gz``).

The rules are data (:data:`RULES`): regular expressions that mean the same in Python and
JavaScript. The site ships them with the roots the browser needs (finder.json), and
``theme/assets/kanal/stem.js`` runs the same steps; tests/cases/stem.json is checked in both.
Words are single folded words (``[a-z0-9]``): Sastrawi's reduplication step
("bolong-bolong") never applies, because the finder splits words at hyphens.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Collection
from functools import lru_cache
from importlib import resources
from pathlib import Path

C = "bcdfghjklmnpqrstvwxyz"  # consonants
C_NOT_R = C.replace("r", "")

# (affix type, pattern, replacement) in the order Sastrawi's visitors run. A prefix visitor is
# a list of disambiguators: the first whose result is a root wins, else the last one's result.
# A disambiguator is pattern, replacement[, pattern, replacement]: its first matching pair.
# Replacements use JavaScript's "$1"; Sastrawi's "return None when ..." guards are written
# into the patterns (a narrower class or a negative look-ahead), with the same effect.
SUFFIX_RULES: list[tuple[str, str]] = [
    ("P", "(lah|kah|tah|pun)$"),  # particles
    ("PP", "(ku|mu|nya)$"),  # possessive pronouns
    ("DS", "(is|isme|isasi|i|kan|an)$"),  # derivational suffixes (with the foreign ones)
]
PLAIN_PREFIX = "^(di|ke|se)"
PREFIX_RULES: list[list[list[str]]] = [
    [["^ber([aiueo].*)$", "$1"], ["^ber([aiueo].*)$", "r$1"]],  # 1a, 1b
    [[f"^ber([{C}])([a-z])(?!er)(.*)$", "$1$2$3"]],  # 2
    [[f"^ber([{C_NOT_R}])([a-z])er([aiueo])(.*)$", "$1$2er$3$4"]],  # 3
    [["^belajar$", "ajar"]],  # 4
    [["^be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", "$1$2$3"]],  # 5
    [["^ter([aiueo].*)$", "$1"], ["^ter([aiueo].*)$", "r$1"]],  # 6a, 6b
    [[f"^ter([{C_NOT_R}])er([aiueo].*)$", "$1er$2"]],  # 7
    [[f"^ter([{C_NOT_R}])(?!er)(.*)$", "$1$2"]],  # 8
    [[f"^te([{C_NOT_R}])er([{C}])(.*)$", "$1er$2$3"]],  # 9
    [["^me([lrwy])([aiueo])(.*)$", "$1$2$3"]],  # 10
    [["^mem([bfv])(.*)$", "$1$2"]],  # 11
    [["^mempe(.*)$", "pe$1"]],  # 12
    [["^mem([aiueo])(.*)$", "m$1$2"], ["^mem([aiueo])(.*)$", "p$1$2"]],  # 13a, 13b
    [["^men([cdjstz])(.*)$", "$1$2"]],  # 14
    [["^men([aiueo])(.*)$", "n$1$2"], ["^men([aiueo])(.*)$", "t$1$2"]],  # 15a, 15b
    [["^meng([g|h|q|k])(.*)$", "$1$2"]],  # 16 (Sastrawi's class, "|" included)
    [
        ["^meng([aiueo])(.*)$", "$1$2"],  # 17a
        ["^meng([aiueo])(.*)$", "k$1$2"],  # 17b
        ["^menge(.*)$", "$1"],  # 17c
        ["^meng([aiueo])(.*)$", "ng$1$2"],  # 17d
    ],
    [["^meny([aiueo])(.*)$", "ny$1$2"], ["^meny([aiueo])(.*)$", "s$1$2"]],  # 18a, 18b
    [["^memp([abcdfghijklmopqrstuvwxyz])(.*)$", "p$1$2"]],  # 19
    [["^pe([wy])([aiueo])(.*)$", "$1$2$3"]],  # 20
    [["^per([aiueo])(.*)$", "$1$2"], ["^pe(r[aiueo])(.*)$", "$1$2"]],  # 21a, 21b
    [[f"^per([{C}])([a-z])(?!er)(.*)$", "$1$2$3"]],  # 23
    [[f"^per([{C_NOT_R}])([a-z])er([aiueo])(.*)$", "$1$2er$3$4"]],  # 24
    [["^pem([bfv])(.*)$", "$1$2"]],  # 25
    [["^pem([aiueo])(.*)$", "m$1$2"], ["^pem([aiueo])(.*)$", "p$1$2"]],  # 26a, 26b
    [["^pen([cdjz])(.*)$", "$1$2"]],  # 27
    [["^pen([aiueo])(.*)$", "n$1$2"], ["^pen([aiueo])(.*)$", "t$1$2"]],  # 28a, 28b
    [[f"^peng([{C}])(.*)$", "$1$2"]],  # 29
    [
        ["^peng([aiueo])(.*)$", "$1$2"],  # 30a
        ["^peng([aiueo])(.*)$", "k$1$2"],  # 30b
        ["^penge(.*)$", "$1"],  # 30c
    ],
    [["^peny([aiueo])(.*)$", "ny$1$2"], ["^peny([aiueo])(.*)$", "s$1$2"]],  # 31a, 31b
    [["^pelajar$", "ajar", "^pe(l[aiueo])(.*)$", "$1$2"]],  # 32: "pelajar" first, one rule
    [[f"^pe([{C}])(?!er)(.*)$", "$1$2"]],  # 34
    [["^ter([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", "$1$2$3"]],  # 35
    [["^pe([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", "$1$2$3"]],  # 36
    [[f"^([{C}])(er[aiueo])(.*)$", "$1$2$3"], [f"^([{C}])er([aiueo])(.*)$", "$1$2$3"]],  # 37
    [[f"^([{C}])(el[aiueo])(.*)$", "$1$2$3"], [f"^([{C}])el([aiueo])(.*)$", "$1$2$3"]],  # 38
    [[f"^([{C}])(em[aiueo])(.*)$", "$1$2$3"], [f"^([{C}])em([aiueo])(.*)$", "$1$2$3"]],  # 39
    [[f"^([{C}])(in[aiueo])(.*)$", "$1$2$3"], [f"^([{C}])in([aiueo])(.*)$", "$1$2$3"]],  # 40
    [["^ku(.*)$", "$1"]],  # 41
    [["^kau(.*)$", "$1"]],  # 42
]
# Confix stripping: these words lose their prefix before their suffix.
PRECEDENCE = ["^be(.*)lah$", "^be(.*)an$", "^me(.*)i$", "^di(.*)i$", "^pe(.*)i$", "^ter(.*)i$"]

RULES = {
    "suffixes": SUFFIX_RULES,
    "plain": PLAIN_PREFIX,
    "prefixes": PREFIX_RULES,
    "precedence": PRECEDENCE,
}


def _py(template: str) -> str:
    return re.sub(r"\$(\d)", r"\\g<\1>", template)


_PREFIX = [
    [[(re.compile(d[i]), _py(d[i + 1])) for i in range(0, len(d), 2)] for d in group]
    for group in PREFIX_RULES
]
_SUFFIX = [(kind, re.compile(p)) for kind, p in SUFFIX_RULES]


def _needs(pattern: str) -> tuple[str, str]:
    """What a word must start with for ``pattern`` to match: (literal prefix, or "" and the
    letters of a leading class). Read from the rules as written: ``^ber(...``, ``^([bcd])...``."""
    body = pattern[1:].lstrip("(")
    if body.startswith("["):
        return "", body[1 : body.index("]")]
    return re.match(r"[a-z]*", body)[0], ""  # type: ignore[index] - always matches


def _rules_by_start() -> dict[str, list[list[list[tuple[re.Pattern[str], str]]]]]:
    """Two first letters -> the prefix rules that can match a word starting so, in order. A
    rule that cannot match changes nothing, so skipping it gives the same stem, without
    running 42 rules' expressions on every form."""
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    out: dict[str, list[list[list[tuple[re.Pattern[str], str]]]]] = {}
    for start in (a + b for a in letters for b in letters):
        out[start] = [
            group
            for group, rules in zip(_PREFIX, PREFIX_RULES, strict=True)
            if any(
                start.startswith(lit[:2]) if lit else start[0] in cls
                for lit, cls in (_needs(p) for d in rules for p in d[0::2])
            )
        ]
    return out


_BY_START = _rules_by_start()
_PLAIN = re.compile(PLAIN_PREFIX)
_PRECEDENCE = [re.compile(p) for p in PRECEDENCE]


class _Removal:
    __slots__ = ("subject", "result", "removed", "kind")

    def __init__(self, subject: str, result: str, kind: str) -> None:
        self.subject, self.result, self.kind = subject, result, kind
        self.removed = subject.replace(result, "", 1)  # Sastrawi: re.sub(result, "", subject, 1)


class _Context:
    """One word's stemming (Sastrawi ``Context``)."""

    def __init__(self, word: str, roots: Collection[str]) -> None:
        self.original = self.current = word
        self.roots = roots
        self.stopped = False
        self.removals: list[_Removal] = []

    def found(self) -> bool:
        return self.current in self.roots

    def _remove(self, result: str, kind: str) -> None:
        if result != self.current:
            self.removals.append(_Removal(self.current, result, kind))
            self.current = result

    def _suffix(self, kind: str, pattern: re.Pattern[str]) -> None:
        self._remove(pattern.sub("", self.current, count=1), kind)

    def _plain(self) -> None:
        self._remove(_PLAIN.sub("", self.current, count=1), "DP")

    def _disambiguate(self, group: list[list[tuple[re.Pattern[str], str]]]) -> None:
        result = None
        for cases in group:
            result = None
            for pattern, template in cases:
                m = pattern.match(self.current)
                if m:
                    result = m.expand(template)
                    break
            if result in self.roots:
                break
        if not result:
            return
        self.removals.append(_Removal(self.current, result, "DP"))
        self.current = result

    def remove_suffixes(self) -> None:
        for kind, pattern in _SUFFIX:
            self._suffix(kind, pattern)
            if self.found() or self.stopped:
                return

    def remove_prefixes(self) -> None:
        for _ in range(3):
            count = len(self.removals)
            # The word stays the same until a step removes something (then the loop breaks).
            rules = _BY_START.get(self.current[:2], _PREFIX)
            steps: list[Callable[[], None]] = [self._plain]
            steps += [lambda g=g: self._disambiguate(g) for g in rules]
            for step in steps:
                step()
                if self.found() or self.stopped or len(self.removals) > count:
                    break
            if self.found():
                return

    def run(self) -> str:
        self._steps()
        return self.current if self.found() else self.original

    def _steps(self) -> None:
        if self.found():
            return
        if len(self.current) <= 3:  # DontStemShortWord: stops each later visitor list early
            self.stopped = True
        if any(p.match(self.original) for p in _PRECEDENCE):
            self.remove_prefixes()
            if self.found():
                return
            self.remove_suffixes()
            if self.found():
                return
            self.current = self.original
            self.removals = []
        self.remove_suffixes()
        if self.found():
            return
        self.remove_prefixes()
        if self.found():
            return
        self._restore_suffixes()

    def _restore_suffixes(self) -> None:
        """ECS "loop pengembalian akhiran": put removed suffixes back one by one."""
        for removal in self.removals:  # restore the word before any prefix was removed
            self.current = removal.subject
            break
        i = 0  # Sastrawi removes from the list it iterates, so it skips the next item
        while i < len(self.removals):
            if self.removals[i].kind == "DP":
                del self.removals[i]
            i += 1
        removals = self.removals
        saved = self.current
        for i in range(len(removals) - 1, -1, -1):
            removal = removals[i]
            if removal.kind not in ("DS", "PP", "P"):
                continue
            if removal.removed == "kan":
                self.current = removal.result + "k"
                self.remove_prefixes()
                if self.found():
                    return
                self.current = removal.result + "kan"
            else:
                self.current = removal.subject
            self.remove_prefixes()
            if self.found():
                return
            self.removals = removals
            self.current = saved


def stem(word: str, roots: Collection[str]) -> str:
    """The root of one folded word, or the word itself when no root is found."""
    return _Context(word, roots).run()


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Sastrawi's root dictionary (29,932 roots)."""
    raw = resources.files("generator.reference").joinpath("kata-dasar.txt.gz").read_bytes()
    return frozenset(w for w in gzip.decompress(raw).decode("utf-8").split("\n") if w)


@lru_cache(maxsize=65_536)
def root(word: str) -> str:
    """The root of ``word`` with the full dictionary (cached: the index stems each word once)."""
    return stem(word, dictionary())


# -- which dictionary words a root list makes stem (finder.json's roots) --------------------
#
# The stemmer branches only on whether a form is a root, and the first form found to be one
# ends the run. So with a root list R, stem(w, R) != w exactly when one of the forms that the
# run with no roots at all looks up is in R. Those forms are the same for every R: computed
# once over the dictionary (30,000 stemmings, ~5 s), kept in reference/stem-reach.txt.gz.
REACH_FILE = "stem-reach.txt.gz"


class _Probe:
    """A root list that holds nothing and notes every form looked up in it."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def __contains__(self, form: object) -> bool:
        if isinstance(form, str):  # a prefix rule that matched nothing asks for None
            self.asked.add(form)
        return False


def looked_up(word: str) -> set[str]:
    """Every form the stemming of ``word`` looks up when none of them is a root."""
    probe = _Probe()
    _Context(word, probe).run()  # type: ignore[arg-type] - a Collection needs only `in` here
    return probe.asked


def reach_table() -> dict[str, list[str]]:
    """Dictionary root -> the other dictionary words whose stemming looks it up (computed)."""
    full = dictionary()
    table: dict[str, list[str]] = {}
    for word in sorted(full):
        for form in sorted(looked_up(word)):
            if form != word and form in full:
                table.setdefault(form, []).append(word)
    return table


def reach_text(table: dict[str, list[str]]) -> str:
    """The file's text: one line per root, ``root word word ...``, sorted."""
    return "".join(f"{r} {' '.join(ws)}\n" for r, ws in sorted(table.items()))


@lru_cache(maxsize=1)
def reach() -> dict[str, tuple[str, ...]]:
    """The shipped :func:`reach_table` (tests/test_finder.py recomputes and compares it)."""
    raw = resources.files("generator.reference").joinpath(REACH_FILE).read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    return {r: tuple(ws) for r, *ws in (line.split() for line in lines)}


def write_reach() -> Path:
    """Recompute reference/stem-reach.txt.gz (after a change of the rules or the dictionary)."""
    path = Path(str(resources.files("generator.reference").joinpath(REACH_FILE)))
    path.write_bytes(gzip.compress(reach_text(reach_table()).encode("utf-8"), 9, mtime=0))
    return path


if __name__ == "__main__":
    print(write_reach())
