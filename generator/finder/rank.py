"""Ranking agencies for a citizen's query: the reference of finder.js ``rank``.

BM25 over fields (Robertson & Zaragoza's BM25F, with binary term frequencies): each query word
scores each agency by the best way it matches (own services and aliases or short name, name,
the usual services of the agency's kind, kind label and parent; exact, through its stem, or one
or two typos away) times the word's rarity. A word that means nothing here as typed is first
read through the lexicon ("jln" -> jalan). A thesaurus concept whose phrase occurs in the
query (also with a few words between its words) adds its terms and its kinds as one more
query term; a word found only in thesaurus phrases counts their concepts' kinds, less. No
word is required. Typos are tried only for a word that matches nothing exactly, and an agency
found only by typo never outranks one found by an exact word. The tail is cut: below a share
of the best score, or below an absolute score (a query with no good answer says so).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.finder.index import STEM_SHIFT, fixed, row_terms, unpacked, words
from generator.finder.stem import root, stem

MAX_HITS = 10
NAME_BITS = 1 | 2 | 4  # first word, name, short name: the query names the agency
OWN_NAME = 1 | 2  # a place's own name, as written (its label "Desa" and parent are weak)
WEAK = 16
FAR = ("provinsi", "pusat")  # concepts the regency does not handle
FIELDS = 31  # the field bits of a term's low byte (32 and 64 flag place agencies)
# Clitics dropped from a word the index does not know: Indonesian -nya, -ku, -mu, Javanese -ne
# and -e ("lampune", "puskesmase"), Sundanese -na ("hateupna"); the longer first.
CLITICS = ("nya", "ne", "na", "ku", "mu", "e")


@dataclass
class Result:
    hits: list[tuple[int, float]]  # (position, score); LEVEL_DOCS positions are negative
    levels: list[str] = field(default_factory=list)  # "provinsi"/"pusat" concepts matched
    total: int = 0
    # who handles the matched matters that are not the regency's (their concepts' notices)
    notes: list[str] = field(default_factory=list)


def max_typos(word: str) -> int:
    """Typos allowed in a query word: none below four letters, one, two from eight."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, ``limit + 1`` when over ``limit`` (finder.js)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i]
        best = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


def spread_at(stems: list[str], phrase: list[str], gap: int) -> list[int] | None:
    """The positions of a phrase's words where they occur in the query in order with at most
    ``gap`` other words between two of them ("jalan kabupaten kami rusak" holds "jalan
    rusak"), the first such occurrence; None when they do not (finder.js ``spreadAt``)."""
    for start, w in enumerate(stems):
        if w != phrase[0]:
            continue
        at = [start]
        for word in phrase[1:]:
            ahead = [
                j for j in range(at[-1] + 1, min(len(stems), at[-1] + gap + 2)) if stems[j] == word
            ]
            if not ahead:
                break
            at.append(ahead[0])
        else:
            return at
    return None


def spread(stems: list[str], phrase: list[str], gap: int) -> bool:
    """Whether a phrase's words occur in the query in order with few words between
    (:func:`spread_at`; finder.js ``spread``)."""
    return spread_at(stems, phrase, gap) is not None


def matches(stems: list[str], c: list[Any], gap: int) -> list[tuple[set[int], bool]]:
    """Where a concept's phrases and terms occur in the query: each occurrence's positions
    (every one as typed; with other words between, the first), and whether it is only one
    of its terms of one word (a generic word: "sekolah" of SMA, "tanah" of BPN)."""
    found: list[tuple[set[int], bool]] = []
    for n, seq in enumerate(c[1] + c[2]):
        p = seq.split()
        generic = n >= len(c[1]) and len(p) == 1
        whole = False
        for i in range(len(stems) - len(p) + 1):
            if stems[i : i + len(p)] == p:
                found.append((set(range(i, i + len(p))), generic))
                whole = True
        if len(p) > 1 and not whole:
            at = spread_at(stems, p, gap)
            if at is not None:
                found.append((set(at), False))
    return found


def query_words(query: str) -> list[str]:
    """The folded words of a query; chat's reduplication digit goes ("jadi2", "anak2")."""
    found = []
    for w in words(query):
        if len(w) > 2 and w.endswith("2") and w[-2].isalpha():
            w = w[:-1]
        found.append(w)
    return found


class Finder:
    """A whole index (rows and finder.json) ready for queries."""

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        data: dict[str, Any],
        stemmer: Callable[[str], str] | None = None,
    ) -> None:
        self.rows = rows
        self.data = data
        self.w = data["weights"]
        self.fields = data["fields"]
        self.stop = set(data["stopwords"])
        self.where = set(data.get("where", ()))
        self.lexicon: dict[str, str] = data.get("lexicon", {})
        if stemmer is None:
            stemmer = root
        self.stem = stemmer
        self.postings: dict[str, dict[int, int]] = {}
        for position, row in enumerate(rows):
            for term, bits in row_terms(row).items():
                self.postings.setdefault(term, {})[position] = bits
        # [id, {term: 1 as written | 2 through its stem}, members]
        self.kinds = [[k[0], unpacked(k[1:3]), k[3]] for k in data["kinds"]]
        self.concepts = data["concepts"]
        # each word of the thesaurus's phrases of several words, with the concepts they are of
        # ("anjing" of "anjing gila", "digigit anjing"): a word found nowhere else counts them
        self.word_concepts: dict[str, list[int]] = {}
        for n, c in enumerate(self.concepts):
            if c[4] in FAR:
                continue
            for seq in c[1] + c[2]:
                for word in seq.split() if " " in seq else ():
                    known = self.word_concepts.setdefault(word, [])
                    if n not in known:
                        known.append(n)
        self.n = len(rows) + len(data["levels"])
        self.vocabulary = set(self.postings)
        for _, terms, _ in self.kinds:
            self.vocabulary.update(terms)
        for c in self.concepts:
            for seq in c[1] + c[2]:
                self.vocabulary.update(seq.split())
        self.place: dict[int, str] = {}  # place agencies and the level that stands in for them
        for level, flag in data["places"].items():
            for term_docs in self.postings.values():
                for doc, bits in term_docs.items():
                    if bits & flag:
                        self.place[doc] = level
        self.place_words: dict[str, str] = data["place_words"]
        # words of the language (the stemmer's roots finder.json ships): a village named
        # "Tutup" or "Kali" is not named by such a word that means something else here
        self.common = frozenset(data["stem"]["roots"].split())
        # the words of each place's own name as written ("margarame" of Desa Margarame)
        self.place_names: dict[str, list[int]] = {}
        self.name_size: dict[int, int] = {}
        for term, docs in self.postings.items():
            for doc, bits in docs.items():
                if doc in self.place and bits & OWN_NAME:
                    self.place_names.setdefault(term, []).append(doc)
                    self.name_size[doc] = self.name_size.get(doc, 0) + 1

    @staticmethod
    def restricted(data: dict[str, Any]) -> Callable[[str], str]:
        """Stemming with the roots finder.json ships, as the browser does."""
        roots = frozenset(data["stem"]["roots"].split())
        return lambda w: stem(w, roots)

    def _field_weight(self, bits: int) -> float:
        return sum(self.w[name] for name, bit in self.fields.items() if bits & bit)

    def _word(
        self, w: str, s: str, places_by_common: bool = False
    ) -> tuple[dict[int, float], dict[int, int], bool]:
        """tf of each agency for one query word, the name bits it matched, and whether the
        match is by typo. A word of the language that means something else here names a
        place only when ``places_by_common`` (the query has a place word)."""
        tf: dict[int, float] = {}
        named: dict[int, int] = {}

        def put(doc: int, value: float, bits: int = 0) -> None:
            if value > tf.get(doc, 0.0):
                tf[doc] = value
            if bits & NAME_BITS:
                named[doc] = named.get(doc, 0) | bits

        keys = [w] if s == w else [w, s]
        # a word of the language that also means something to an office or a kind does not
        # name a village of that name without a place word ("tutup" of a drain, Desa Tutup)
        meant = not places_by_common and (
            any(doc not in self.place for key in keys for doc in self.postings.get(key, {}))
            or any(key in terms for key in keys for _, terms, _ in self.kinds)
        )
        for n, key in enumerate(keys):
            for doc, bits in self.postings.get(key, {}).items():
                exact, stemmed = bits & FIELDS, bits >> STEM_SHIFT & FIELDS
                if doc in self.place:
                    # a place's name is a proper noun: named as typed, never through a stem
                    # ("ditutup" is not Desa Tutup), nor by a word of the language alone
                    stemmed &= ~NAME_BITS
                    if n or (key in self.common and meant):
                        exact &= ~NAME_BITS
                if n == 0 and exact:
                    put(doc, self.w["exact"] * self._field_weight(exact), exact)
                both = exact | stemmed
                if both:
                    put(doc, self.w["stem"] * self._field_weight(both), both)
            for _, terms, members in self.kinds:
                flag = terms.get(key, 0)
                if flag:
                    q = self.w["exact"] if n == 0 and flag & 1 else self.w["stem"]
                    for doc in members:
                        put(doc, q * self.w["kind"])
        if tf or w in self.vocabulary or s in self.vocabulary:
            return tf, named, False
        limit = max_typos(w)
        if not limit:
            return tf, named, False
        near: list[str] = []
        best = limit + 1
        for key in sorted(self.vocabulary):
            if key[0] != w[0]:
                continue  # typos keep the first letter ("deras" is not "beras")
            d = distance(w, key, limit)
            if d < best:
                best, near = d, [key]
            elif d == best and d <= limit:
                near.append(key)
        for key in near:
            for doc, bits in self.postings.get(key, {}).items():
                both = (bits | bits >> STEM_SHIFT) & FIELDS
                put(doc, self.w["fuzzy"] * self._field_weight(both), both)
            for _, terms, members in self.kinds:
                if key in terms:
                    for doc in members:
                        put(doc, self.w["fuzzy"] * self.w["kind"])
        return tf, named, True

    def _concept(self, c: list[Any]) -> dict[int, float]:
        """tf of each agency for a matched concept: its kinds, and agencies whose own services
        hold one of its terms or phrases."""
        tf: dict[int, float] = {}
        keyword = self.fields["keyword"]
        for seq in c[1] + c[2]:  # its phrases and its terms
            docs: set[int] | None = None
            for word in seq.split():
                has = {
                    d
                    for d, b in self.postings.get(word, {}).items()
                    if (b | b >> STEM_SHIFT) & keyword
                }
                docs = has if docs is None else docs & has
                if not docs:
                    break
            for doc in docs or ():
                tf[doc] = self.w["concept"] * self.w["keyword"]
        # the concept's kinds on top: of two offices that list a term, its usual owner first
        level_doc = self.data["levels"].get(c[4])
        kind_tf: dict[int, float] = {}
        first = True  # the first of its kinds the registry has is its usual owner here
        for k in c[3]:
            members = self.kinds[k][2]
            if not members:
                continue
            share = 1.0 if first else self.w["second_kind"]
            first = False
            for doc in members:
                own = 1.0 if doc == level_doc else share  # a desa/kecamatan matter: yours first
                kind_tf[doc] = max(kind_tf.get(doc, 0.0), self.w["concept"] * self.w["kind"] * own)
        for doc, value in kind_tf.items():
            tf[doc] = tf.get(doc, 0.0) + value
        return tf

    def _phrase_word(self, w: str, s: str) -> dict[int, float]:
        """tf of each agency for a word that matches no agency or service but is a word of
        thesaurus phrases: the kinds of their concepts, at a share of a whole phrase's weight
        (a word of many concepts leads to many offices, so its rarity is low)."""
        tf: dict[int, float] = {}
        for n in self.word_concepts.get(w) or self.word_concepts.get(s) or ():
            first = True
            for k in self.concepts[n][3]:
                members = self.kinds[k][2]
                if not members:
                    continue
                share = 1.0 if first else self.w["second_kind"]
                first = False
                value = self.w["concept"] * self.w["kind"] * self.w["phrase_word"] * share
                for doc in members:
                    tf[doc] = max(tf.get(doc, 0.0), value)
        return tf

    def _saturate(
        self, tf: dict[int, float], named: dict[int, int] | None = None
    ) -> dict[int, float]:
        """BM25's weight of each agency for one query term. Its rarity counts the answers it
        leads to: the villages it finds but does not name are one ("your village"), so a word
        every village shares ("desa", "domisili") is as telling as a word of one office."""
        named = named or {}
        df = len({self.place[d] if d in self.place and not named.get(d) else d for d in tf})
        idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        k1 = self.w["k1"]
        return {d: idf * t * (k1 + 1) / (t + k1) for d, t in tf.items()}

    def matched_concepts(self, stems: list[str]) -> tuple[list[tuple[list[Any], int]], set[int]]:
        """The concepts with a phrase in the query, each with the number of query words its
        longest phrase there covers (a phrase of two words answers for both), and the
        positions of the words that phrases of two or more words cover. A phrase of several
        words also counts with a few other words between its words (:func:`spread`)."""
        found = []
        covered: set[int] = set()
        for c in self.concepts:
            longest = 0
            for phrase in c[1] + c[2]:  # its phrases and its terms, as typed
                p = phrase.split()
                for i in range(len(stems) - len(p) + 1):
                    if stems[i : i + len(p)] == p:
                        longest = max(longest, len(p))
                        if len(p) > 1:
                            covered.update(range(i, i + len(p)))
                # told apart ("jalan ke kebun kami rusak"): the concept counts, its words
                # still count one by one (they may say more than the phrase)
                if len(p) > 1 and longest < len(p) and spread(stems, p, self.w["gap"]):
                    longest = len(p)
            if longest:
                found.append((c, longest))
        return found, covered

    def query_stem(self, word: str) -> str:
        """A query word's stem; a clitic (:data:`CLITICS`) is also dropped from a word the
        stemmer does not know ("ktpnya", "lampune") when what is left is in the index."""
        s = self.stem(word)
        if s == word and s not in self.vocabulary:
            for clitic in CLITICS:
                rest = word[: -len(clitic)]
                if word.endswith(clitic) and len(rest) >= 2 and rest in self.vocabulary:
                    return rest
        return s

    def normalised(self, typed: list[str]) -> list[str]:
        """The query's words read through the lexicon: a word that means nothing here as typed
        ("jln", "dalane", "cai") stands for its Indonesian word(s) (finder.js ``normalised``)."""
        found: list[str] = []
        for w in typed:
            meant = self.lexicon.get(w)
            if meant is None and w not in self.vocabulary:
                for clitic in CLITICS:
                    if w.endswith(clitic) and w[: -len(clitic)] in self.lexicon:
                        meant = self.lexicon[w[: -len(clitic)]]
                        break
            if meant is None or w in self.vocabulary:
                found.append(w)
            else:
                found.extend(meant.split())
        return found

    def named_places(self, every: list[str], stems: list[str]) -> dict[int, tuple[int, int]]:
        """The places a query names with a place word of their level ("desa tambakan", "kades
        X", "kecamatan Y"), each with how many query words its name and its parent's name
        cover and how many words of its own name the query leaves out. A word right after a
        place word that is not a word of the index as typed may name a place with typos (as
        many as :func:`max_typos` allows), the nearest names only."""
        levels = {
            self.place_words.get(w) or self.place_words.get(s)
            for w, s in zip(every, stems, strict=True)
        }
        levels.discard(None)
        if not levels:
            return {}
        covered: dict[int, set[int]] = {}
        own: dict[int, set[str]] = {}
        for i, w in enumerate(every):
            if w in self.stop or w in self.place_words:
                continue
            names = [w] if w in self.place_names else []
            after_place_word = i > 0 and every[i - 1] in self.place_words
            if not names and after_place_word and w not in self.vocabulary:
                limit = max_typos(w)
                best = limit + 1
                for key in sorted(self.place_names):
                    if key[0] != w[0]:
                        continue
                    d = distance(w, key, limit)
                    if d < best:
                        best, names = d, [key]
                    elif d == best and d <= limit:
                        names.append(key)
            for key in names:
                for doc in self.place_names[key]:
                    if self.place[doc] in levels:
                        covered.setdefault(doc, set()).add(i)
                        own.setdefault(doc, set()).add(key)
        for i, w in enumerate(every):  # its parent named too: "X kecamatan Y"
            if w not in self.stop and w not in self.place_words:
                for doc, bits in self.postings.get(w, {}).items():
                    if doc in covered and bits & WEAK:
                        covered[doc].add(i)
        return {d: (len(c), self.name_size[d] - len(own[d])) for d, c in covered.items()}

    def elsewhere(
        self, stems: list[str], concepts: list[tuple[list[Any], int]]
    ) -> tuple[list[tuple[list[Any], int]], set[int], list[list[Any]], int]:
        """The matters of the province or the centre the query is about: the matched ones no
        office here has a part in (a concept without kinds: PLN, SIM, paspor), each with its
        words in the query, and the positions of those words; every far concept whose notice
        is said; and how many of the query's other words regency concepts answer.

        A far matter is not about the query when a regency concept explains its words: all
        of them inside a regency phrase of several words ("korsleting listrik" is a fire,
        "tanah longsor" no land title), or only one generic word of its terms while a regency
        concept is matched ("atap sekolah sd ambruk" is no SMA's)."""
        gap = self.w["gap"]
        # each regency concept's occurrences, found once for both uses below
        regency = [matches(stems, c, gap) for c, _ in concepts if c[4] not in FAR]
        regional: set[int] = set()
        for found_at in regency:
            for at, _ in found_at:
                if len(at) > 1:
                    regional |= at
        found, spots_all, said = [], set(), []
        for c, longest in concepts:
            if c[4] not in FAR:
                continue
            found_at = matches(stems, c, gap)
            spots = set().union(*(at for at, _ in found_at)) if found_at else set()
            if spots and spots <= regional:
                continue
            if regency and longest == 1 and all(generic for _, generic in found_at):
                continue
            said.append(c)
            if not c[3]:
                found.append((c, longest))
                spots_all |= spots
        # a regency phrase that shares a word with such a matter describes it ("jalan nasional
        # rusak" holds "jalan rusak"): its other words are the matter's too; a regency
        # phrase on other words is another matter, which keeps the offices listed
        other, described = 0, set()
        for found_at in regency:
            apart = 0
            for at, _ in found_at:
                if at & spots_all:
                    described |= at
                else:
                    apart = max(apart, len(at))
            other += apart
        return found, spots_all | described, said, other

    def where_at(self, every: list[str]) -> set[int]:
        """The positions of the words that say where the matter is: a word of ``where``
        ("depan", "dekat") and the next word that is not a stop word ("jalan berlubang depan
        rsud": the road, not the hospital). None when nothing else would be left."""
        at: set[int] = set()
        for i, w in enumerate(every):
            if w in self.where:
                at.add(i)
                j = next((j for j in range(i + 1, len(every)) if every[j] not in self.stop), None)
                if j is not None:
                    at.add(j)
        rest = [i for i, w in enumerate(every) if i not in at and w not in self.stop]
        return at if rest else set()

    def rank(self, query: str, limit: int = MAX_HITS) -> Result:
        typed = self.normalised(query_words(query))
        if all(w in self.stop for w in typed):
            return Result([])
        # a fixed phrase is one word ("rawat jalan"): its words say nothing alone here
        every = fixed(typed, [self.query_stem(w) for w in typed])
        stems = [self.query_stem(w) for w in every]
        # "depan rsud": where the matter is, not what; those words match nothing
        where = self.where_at(every)
        what = ["" if i in where else s for i, s in enumerate(stems)]
        # phrases may hold stop words ("bansos belum cair"): matched on every word; the words
        # a phrase of several words covers are answered by its concept, not one by one
        concepts, covered = self.matched_concepts(what)
        # a matter of PLN, Polri or Imigrasi: its words answer nothing here, they are said
        far_matters, far_words, said, other = self.elsewhere(what, concepts)
        covered |= far_words | where
        score: dict[int, float] = {}
        named: dict[int, int] = {}
        exact: set[int] = set()
        answered: dict[int, int] = {}  # how many of the query's words each agency answers
        asked = sum(longest for _, longest in concepts)
        place_word = any(
            w in self.place_words or s in self.place_words
            for w, s in zip(every, stems, strict=True)
        )
        for i, (w, s) in enumerate(zip(every, stems, strict=True)):
            if w in self.stop or i in covered:
                continue
            asked += 1
            tf, name_bits, fuzzy = self._word(w, s, place_word)
            if not tf:
                tf = self._phrase_word(w, s)
            for doc, v in self._saturate(tf, name_bits).items():
                score[doc] = score.get(doc, 0.0) + v
                answered[doc] = answered.get(doc, 0) + 1
                if not fuzzy:
                    exact.add(doc)
            for doc, bits in name_bits.items():
                named[doc] = named.get(doc, 0) | bits
        for c, longest in concepts:
            if c[4] in FAR:
                continue  # not the regency's door: the answer says so instead (Result.levels)
            for doc, v in self._saturate(self._concept(c)).items():
                score[doc] = score.get(doc, 0.0) + v * longest
                answered[doc] = answered.get(doc, 0) + longest
                exact.add(doc)
        levels = self.data["levels"]
        for doc in list(score):
            if doc in self.place and not named.get(doc):
                # a village found by a service it shares with every village: "your village"
                target = levels[self.place[doc]]
                score[target] = max(score.get(target, 0.0), score.pop(doc))
                answered[target] = max(answered.get(target, 0), answered.pop(doc))
                if doc in exact:
                    exact.add(target)
        # "desa X": the place the query names first, the one whose name (and parent) covers
        # most of the query first of them; a typo found no score above: it gets a typo's
        places = self.named_places(every, stems)
        unscored = {d: self.w["fuzzy"] * self.w["name"] for d in places if d not in score}
        score.update(self._saturate(unscored))
        for doc, (words_named, _) in places.items():
            answered[doc] = max(answered.get(doc, 0), words_named)
        # a query that names a village or kecamatan wants that one, not "your village"
        named_place = any(d in self.place for d in score)

        def key(d: int) -> tuple:
            covered, left_out = places.get(d, (0, 0))
            return (-covered, left_out, d not in exact, d < 0 and named_place, -score[d], d)

        order = sorted(score, key=key)
        notes = []
        for c in said:
            if len(c) > 5 and c[5] not in notes:
                notes.append(c[5])
        far = sorted({c[4] for c, _ in concepts if c[4] in FAR and len(c) <= 5})
        # a query about a matter no office here handles is answered by its notice alone, unless
        # regency matters on its other words are as many words ("spanduk caleg di tiang
        # listrik" is Satpol PP's, with PLN's notice beside), or an office answers more of it
        # than the matter's words and the matter is less than half the query ("perantingan
        # pohon yang menutupi kabel listrik"); a side word that finds an office by chance
        # ("listrik padam dari tadi malam belum nyala") is no such answer
        spoken = sum(longest for _, longest in far_matters)
        if (
            spoken
            and other < spoken
            and (not order or answered[order[0]] <= spoken or 2 * spoken >= asked)
        ):
            order = []
        if not order:
            return Result([], far, 0, notes)
        best = max(score.values())
        # absolute: a share of the weight of a word found in one agency only (the scale of
        # every score, whatever the size of the registry)
        rarest = math.log(1 + (self.n - 0.5) / 1.5)
        cut = max(self.w["absolute"] * rarest, self.w["relative"] * best)
        kept = [d for d in order if d in places or score[d] >= cut]
        # a weak answer lists a few: a low best score, or a first answer that answers less
        # than half of what the query asks (a query of six words of which one matched)
        top = order[0]
        if best < self.w["weak_answer"] * rarest or answered[top] < self.w["answered"] * asked:
            kept = kept[: self.w["weak_hits"]]
        return Result([(d, round(score[d], 6)) for d in kept[:limit]], far, len(kept), notes)
