"""The finder's data: terms of each agency row, and finder.json (kinds, concepts, stemming).

An agency row is the finder index's row (generator/site/pages.py ``finder_index``): name,
short name, kind label, URL, parent, keywords (``services`` and ``aliases`` joined by " · "),
best channel. :func:`row_terms` gives each term of a row with the fields it occurs in, exactly
as finder.js ``rowTerms`` does: a folded word is a term with its field bit, its stem (when
different) a term with the bit shifted by :data:`STEM_SHIFT`.

``finder.json`` (:func:`finder_data`) carries what every query needs beside the rows: the
kinds of urusan.yml with their service terms and the positions of the agencies that are of the
kind (``[id, "words as written", "stems only", [positions]]``), the thesaurus
concepts (``[id, [stemmed phrases], [stemmed terms not among them], [kind indexes], level]``,
and a sixth item, the citizen's notice of who handles it, for a concept of the province or the
centre that has one), the fixed phrases (``fixed``: each read as one word, :func:`fixed`),
the ranking weights, the stopwords, the words that say where (``where``: the word after one
names a place, not the matter), the lexicon (``lexicon.yml``: a query word -> the words it
stands for), and the stemmer's rules with the roots (one string) of the words the
index holds (a query word whose root is not among them cannot match anything but by typo).
Level rows (the citizen's own desa/kelurahan or kecamatan office) have negative positions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from generator.finder import knowledge
from generator.finder.stem import RULES, dictionary, reach, root

VERSION = 1
FIELD_BITS = {"first": 1, "name": 2, "short": 4, "keyword": 8, "weak": 16}
# Flags on every term of a place agency (not fields): which level row stands in for it.
PLACE_BITS = {"desa": 32, "kecamatan": 64}
STEM_SHIFT = 8
# Pseudo agencies: "your desa/kelurahan office" and "your kecamatan office" (never a list of
# every village: a place agency answers only when the query names it).
LEVEL_DOCS = {"desa": -1, "kecamatan": -2}
PLACE_LABELS = {"Desa": "desa", "Kelurahan": "desa", "Kecamatan": "kecamatan"}
# Words that say the next words name a place of that level ("desa tambakan", "kades X",
# "kec. Y"): the query then wants the place whose whole name it gives, typo or not.
PLACE_WORDS = {
    "desa": "desa",
    "ds": "desa",
    "kelurahan": "desa",
    "kel": "desa",
    "kades": "desa",
    "kepdes": "desa",
    "pemdes": "desa",
    "lurah": "desa",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "camat": "kecamatan",
}

# Words that say where the matter is, not what it is: the word after one names a place
# ("jalan berlubang depan RSUD" is a road, not the hospital; "parkir liar depan sekolah").
WHERE_WORDS = ("depan", "dekat", "deket", "samping", "seberang", "sekitar")

# Ranking parameters, shipped in finder.json so both languages use the same numbers. Fields:
# the agency's own services and aliases and its short name above its name, its name above the
# kind's usual services, those above its kind label and parent. Matches: exact above stemmed
# above thesaurus above typo.
WEIGHTS = {
    "first": 2.0,
    "name": 2.0,
    "short": 3.0,
    "keyword": 3.0,
    "kind": 1.5,
    "weak": 0.3,
    "exact": 1.0,
    "stem": 0.8,
    "concept": 1.4,
    "fuzzy": 0.5,
    "second_kind": 0.7,  # a concept's later kinds (its first is the most usual owner)
    "k1": 2.0,
    "relative": 0.5,  # the tail is cut below this share of the best score
    "absolute": 0.6,
    "weak_answer": 2.0,  # a best score under this share of a rare word's weight is a weak answer:
    "weak_hits": 3,  # it lists at most this many, as does an answer to less than
    "answered": 0.75,  # this share of the query's words (more are listed only for an answer
    # to nearly the whole query)
    "phrase_word": 0.5,  # a word of thesaurus phrases alone: this share of its concepts
    "gap": 4,  # other words allowed between two words of a thesaurus phrase ("jalan ... rusak")
}

# Words that say nothing about the problem: Sastrawi's stop words (MIT), chat words (SMS
# abbreviations, time words, pronouns, generic verbs) and the function words of Javanese,
# Sundanese and Betawi (sources in generator/reference/lexicon.yml). A phrase of the thesaurus
# still matches on them ("ibu hamil", "hiburan malam"): they only stop counting on their own.
_STOP_TEXT = """yang untuk pada ke para namun menurut antara dia dua ia seperti jika sehingga kembali
        dan tidak ini karena kepada oleh saat harus sementara setelah belum kami sekitar bagi
        serta di dari telah sebagai masih hal ketika adalah itu dalam bisa bahwa atau hanya kita
        dengan akan juga ada mereka sudah saya terhadap secara agar lain anda begitu mengapa
        kenapa yaitu yakni daripada itulah lagi maka tentang demi dimana kemana pula sambil
        sebelum sesudah supaya guna kah pun sampai sedangkan selagi tetapi apakah kecuali sebab
        selain seolah seraya seterusnya tanpa agak boleh dapat dsb dst dll dahulu dulunya anu
        demikian tapi ingin nggak mari nanti melainkan oh ok seharusnya sebetulnya setiap
        setidaknya sesuatu pasti saja toh ya walau tolong tentu amat apalagi bagaimanapun
        yg sy aku gue gw gua udh udah sdh blm gak ga gk tdk ngga enggak aja dong sih nih kok deh
        kalo kalau klo apa siapa kapan berapa bagaimana gimana gmn gmna dmn mana mau pengen
        mohon minta tanya cara caranya min admin pak bu kak mas mbak bang halo hai tsb dgn utk
        krn jd jadi biar kok banget bgt sangat
        dr sm bs knp brp lg trs pdhl padahal emang memang emg bkn bukan kalau kl tuh deh kan
        lah yah yuk ayo gitu gini kayak kek seperti mirip sama pake pakai sampe sampai ampe
        perlu butuh kasih dikasih dapet lewat bilang katanya kata liat lihat kira coba nanya
        kampung tiap hari bulan tahun jam menit pagi siang sore
        subuh kemarin kemaren kmrn besok tadi sekarang skrg lama sering jarang kadang selalu
        seminggu sebulan setahun berhari berbulan bertahun satu tiga empat lima sepuluh semua
        sedikit cuma pernah sekali parah kamu kalian beliau ane ente aye lu elu
        ora ra ndak durung wis uwis wes arep iso isa nang neng ning karo ro sing seng kuwi iki
        iku kui kae opo piye kepiye endi ngendi sopo sapa pira to tho lho loh wae ae bae mbok
        jal yo nggih mboten dereng sampun kula kowe sampeyan panjenengan saiki wingi sesuk
        suwe maneh kabeh akeh sithik tenan dadi teko tekan soko seko mrono mrene rono rene
        teu henteu acan tacan can tos geus atos parantos pisan teh mah atuh oge jeung sareng
        ka kana ti tina dina nu anu naon kumaha iraha saha sabaraha abdi urang aing anjeun
        maneh kedah kudu hoyong bade rek arek tiasa gaduh boga nyaeta ieu eta kitu kieu kang
        teteh akang mang ceu punten mangga ari da deui keneh kagak kaga udeh ude kemane ngapa
        ngapain kenape pegimane gimane aje dah ame"""
STOPWORDS = sorted(set(_STOP_TEXT.split()))


def fold(text: str) -> str:
    """Lower case without accents (kanal-common.js ``fold``)."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not "\u0300" <= c <= "\u036f"
    ).lower()


@lru_cache(maxsize=16_384)
def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` (finder.js ``words``)."""
    return tuple(w for w in re.split(r"[^a-z0-9]+", fold(text)) if w)


@lru_cache(maxsize=1)
def _fixed_starts() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The fixed phrases by their first word, each with its place in thesaurus.yml."""
    starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for n, phrase in enumerate(knowledge.fixed_phrases()):
        starts.setdefault(phrase[0], []).append((n, phrase))
    return {first: tuple(found) for first, found in starts.items()}


def fixed(typed: Sequence[str], stems: Sequence[str] | None = None) -> list[str]:
    """Words with each fixed phrase (thesaurus.yml ``fixed``) made one word, its words run
    together ("rawat jalan" -> "rawatjalan"): "jalan" of outpatient care is then no evidence
    for a road, nor "lampu" of a traffic light for a street light. A query's word matches a
    phrase's word as typed or through its stem (``stems``); an index's, as written
    (finder.js ``fixed``). At each word the first phrase of thesaurus.yml that matches wins;
    only the phrases that can start there are tried (every agency's name passes here: a
    province's 9,174 names, a national directory's 91,561)."""
    starts = _fixed_starts()
    if stems is None and starts.keys().isdisjoint(typed):  # nearly every name
        return list(typed)
    found: list[str] = []
    i, n = 0, len(typed)
    while i < n:
        tried = starts.get(typed[i], ())
        if stems is not None and stems[i] != typed[i] and stems[i] in starts:
            tried = sorted(tried + starts[stems[i]])  # thesaurus order, as finder.js tries them
        for _, phrase in tried:
            k = len(phrase)
            if i + k <= n and all(
                typed[i + j] == w or (stems is not None and stems[i + j] == w)
                for j, w in enumerate(phrase)
            ):
                found.append("".join(phrase))
                i += k
                break
        else:
            found.append(typed[i])
            i += 1
    return found


def row_terms(row: Sequence[Any]) -> dict[str, int]:
    """Each term of an agency row with the bits of the fields it occurs in (exact in the low
    byte, through its stem shifted by STEM_SHIFT). The result is shared: do not change it."""
    return _row_terms(row[0], row[1], row[2], row[4], row[5] or "")


# Each build reads every row's terms three times (finder.json twice, the index's shards once),
# and ``kanal serve`` builds again after each edit of one row.
@lru_cache(maxsize=1 << 17)
def _row_terms(name: str, short: str, kind: str, parent: str, keywords: str) -> dict[str, int]:
    row = (name, short, kind, None, parent, keywords)
    found: dict[str, int] = {}

    def add(word: str, bit: str) -> None:
        b = FIELD_BITS[bit]
        found[word] = found.get(word, 0) | b
        s = root(word)
        if s != word:
            found[s] = found.get(s, 0) | b << STEM_SHIFT

    label = set(fixed(words(row[2])))
    for i, w in enumerate(fixed(words(row[0]))):
        # "Desa" in "Desa Cibunar" says what it is, not which one: as weak as the kind label
        add(w, "weak" if w in label else "first" if i == 0 else "name")
    for w in fixed(words(row[1])):
        add(w, "short")
    for w in fixed(words(row[5] or "")):
        add(w, "keyword")
    for w in fixed(words(f"{row[2]} {row[4]}")):
        add(w, "weak")
    place = PLACE_LABELS.get(row[2])
    if place:
        for term in found:
            found[term] |= PLACE_BITS[place]
    return found


def stems(text: str) -> list[str]:
    """The stems of a text's words, a fixed phrase one word (:func:`fixed`)."""
    return [root(w) for w in fixed(words(text))]


def _kind_terms(services: Iterable[str]) -> dict[str, int]:
    """The service words of a kind: 1 exact, 2 through its stem."""
    found: dict[str, int] = {}
    for s in services:
        for w in fixed(words(s)):
            found[w] = found.get(w, 0) | 1
            r = root(w)
            if r != w:
                found[r] = found.get(r, 0) | 2
    return found


def _packed(terms: dict[str, int]) -> list[str]:
    """A kind's terms in finder.json: the words as written, then the stems that are only
    stems, each a space-separated string (smaller than an object)."""
    return [
        " ".join(sorted(t for t, f in terms.items() if f & 1)),
        " ".join(sorted(t for t, f in terms.items() if not f & 1)),
    ]


def unpacked(packed: list[str]) -> dict[str, int]:
    """The inverse of :func:`_packed` (finder.js ``unpackKinds``)."""
    terms = {t: 1 for t in packed[0].split()}
    terms.update({t: 2 for t in packed[1].split()})
    return terms


def finder_data(
    rows: Sequence[Sequence[Any]],
    registry_kinds: Sequence[str],
    concepts: Sequence[knowledge.Concept] | None = None,
) -> dict[str, Any]:
    """finder.json for these rows (``registry_kinds[i]``: the registry's kind of row i)."""
    concepts = knowledge.merged() if concepts is None else concepts
    shipped = knowledge.kinds()
    members: dict[str, list[int]] = {k: [] for k in shipped}
    patterns = {m for kind in shipped.values() for m in kind.match}
    for position, (row, rkind) in enumerate(zip(rows, registry_kinds, strict=True)):
        if row[2] in PLACE_LABELS or rkind in ("desa", "kelurahan", "kecamatan"):
            continue  # places answer by name; their usual services go to the level rows
        # its name, short name, and the keywords that are a kind's name as a whole (an alias
        # "Disperindag"; not a service that holds a kind's word: "perdagangan orang" is
        # trafficking, not trade)
        named = [k for k in (row[5] or "").split(" · ") if knowledge.spaced(k) in patterns]
        for k in knowledge.kinds_of([row[0], row[1], *named], rkind):
            members[k].append(position)
    members["desa"].append(LEVEL_DOCS["desa"])
    members["kecamatan"].append(LEVEL_DOCS["kecamatan"])
    kind_ids = list(shipped)
    # a kind no agency of these rows is answers nothing: its words stay out (a province's
    # finder.json, whose rows are its members' offices, is kilobytes lighter on every lookup)
    kind_terms = {k: _kind_terms(shipped[k].services) if members[k] else {} for k in kind_ids}
    position = {k: i for i, k in enumerate(kind_ids)}
    keywords = {
        t
        for row in rows
        for t, bits in row_terms(row).items()
        if (bits | bits >> STEM_SHIFT) & FIELD_BITS["keyword"]
    }
    concept_rows = []
    for c in concepts:
        phrases = sorted({" ".join(stems(p)) for p in c.phrases if stems(p)})
        terms = sorted({" ".join(stems(t)) for t in c.terms if stems(t)} - set(phrases))
        # likewise a concept that can reach no agency here: none of its kinds, no level to
        # point to or say, and none of its phrases among the agencies' own keywords
        if not (
            c.level
            or any(members.get(k) for k in c.kinds)
            or any(all(w in keywords for w in seq.split()) for seq in phrases + terms)
        ):
            continue
        row = [
            c.id,
            phrases,
            terms,
            [position[k] for k in c.kinds if k in position],
            c.level or "",
        ]
        if c.notice and c.level:
            row.append(c.notice)  # who handles a matter that is not the regency's
        concept_rows.append(row)
    vocabulary: set[str] = set()
    for row in rows:
        vocabulary.update(row_terms(row))
    for terms in kind_terms.values():
        vocabulary.update(terms)
    for c in concept_rows:
        for seq in c[1] + c[2]:
            vocabulary.update(seq.split())
    return {
        "version": VERSION,
        "weights": WEIGHTS,
        "fields": FIELD_BITS,
        "stem_shift": STEM_SHIFT,
        "levels": LEVEL_DOCS,
        "places": PLACE_BITS,
        "place_words": PLACE_WORDS,
        "stopwords": STOPWORDS,
        "where": list(WHERE_WORDS),
        "lexicon": knowledge.lexicon(),
        "fixed": [" ".join(p) for p in knowledge.fixed_phrases()],
        "kinds": [[k, *_packed(kind_terms[k]), members[k]] for k in kind_ids],
        "concepts": concept_rows,
        "stem": {"rules": RULES, "roots": " ".join(browser_roots(frozenset(vocabulary)))},
    }


@lru_cache(maxsize=4)  # a test session builds the same sites again
def browser_roots(vocabulary: frozenset[str]) -> list[str]:
    """The roots the browser needs: those of the index's words, and the dictionary words that
    the smaller list would otherwise stem on into one of them ("sosialisasi" is a root of its
    own, not "sosial" with a suffix). With these, a query word stems as with the whole
    dictionary wherever that matters (tests/test_finder.py proves it on the query set).

    Those words are read from the shipped table of which words' stemming looks up which root
    (:func:`generator.finder.stem.reach`): stemming the whole dictionary against the smaller
    list at every build took seconds (5.7 s of a regency's CI build on a loaded machine)."""
    full = dictionary()
    roots = {w for w in vocabulary if w in full}
    table = reach()
    blockers = {w for r in roots for w in table.get(r, ()) if w not in roots}
    return sorted(roots | blockers)
