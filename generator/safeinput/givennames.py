"""Whether a lowercase word after "saya" may be the writer's own name ("saya budi, warga ...").

Capitalized words after "saya" are a name (:mod:`generator.safeinput.privacy`); in lowercase
the word may as well be a verb or an adjective ("saya kecewa", "saya laporkan"). A lowercase
word counts as a name when it is not an Indonesian word (Sastrawi's root dictionary,
``generator/reference/kata-dasar.txt.gz``, with the common affixes taken off), or when it is
one of the given names that are also words (budi, dewi, sari, ...); and only when the text
then goes on as a self-introduction does (:data:`INTRO_AFTER`): the end of a sentence, a
comma, "warga", "dari", "mau", ... So "saya budi" and "sy rina mau tanya" are names, while
"saya kecewa, pelayanan buruk", "saya liat sendiri" and "saya laporkan." are not.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common given names that are also dictionary words (checked against kata-dasar): without
# this list "saya budi" would read as "I am virtue".
GIVEN_WORDS = _words(
    "budi dewi sari putri putra indah wahyu agus bambang siti fitri ayu bayu intan maria "
    "rahmat hidayat ratna lestari cahya cahaya permata mutiara melati mawar kartika bintang "
    "surya adi eka dwi tri sri nur arif kurnia rahayu purnama wulan fajar hadi iman jaya "
    "mulia nanda sukma suci teguh utami dian rani rini yanti ani asih endang harta bagus "
    "widya widia yuni sinta santi kasih murni laras rizki rezeki ilham hasan husin yusuf "
    "amin amir aziz karim rahman rohman salim umar ali anwar dimas dika diki dini dina dito"
)
# Informal spellings and abbreviations people type after "saya" that are not in the root
# dictionary ("saya liat sendiri", "sy udh lapor"): never a name.
INFORMAL = _words(
    "denger dengerin liat ngeliat pengen pingin pgn nanya ngurus urus dapet tau udah udh sdh "
    "blm belom gak ga gk nggak ngga enggak engga tdk tak mo pgn lg jg yg dgn krn utk sy aj "
    "aja doang cuma cm cuman sih nih kok dong deh kan tuh mah kalo klo kl trus tp sbg dkk ok "
    "oke okey td skrg bener beneran emang kayaknya kyknya gimana gmn bgmn knp kenapa mw mau "
    "pengin bkn bukan msh masih lagi sekali bgt banget sndiri sendiri juga pun punya pny "
    "selaku sbgai bersama skeluarga sekeluarga ingin ingn bingung heran kecewa pribadi admin "
    "kemarin kmrn tadi besok dulu duluan baru barusan sempat sempet "
    # what a writer says they are: acronyms and words the root dictionary lacks
    "pns asn tni polri pppk cpns honorer umkm ojol ojek driver kpm pkh dtks bpjs ktp kk sim "
    "disabilitas difabel tunanetra tunarungu tunadaksa lansia pensiunan janda duda yatim "
    "piatu mahasiswa mahasiswi pelajar siswa siswi alumni freelancer karyawan karyawati "
    "wiraswasta buruh kader relawan rtlh ortu wali walimurid"
)
# What follows a self-introduction: the end of the text or of a sentence, a comma, or a word
# that goes on about the writer.
INTRO_AFTER = re.compile(
    r"[ \t]*(?:$|[,.;:!?()\[\]/-]|\n|(?:warga|dari|asal|tinggal|beralamat|alamat|umur|usia|"
    r"selaku|sebagai|mau|ingin|hendak|mohon|minta|ijin|izin|melapor|melaporkan|lapor|"
    r"mengadu|mengadukan|menanyakan|bertanya|tanya|mengeluhkan|pelapor|nik|no|hp|wa|rt|rw|"
    r"kelas|siswa|mahasiswa|petani|nelayan|pedagang|guru|ibu|bapak|anak|istri|suami)\b)",
    re.IGNORECASE,
)
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i", "ku", "mu")
# (prefix, what its nasal replaced): "menyapu" -> sapu, "memukul" -> pukul, "menulis" -> tulis
_PREFIXES = (
    ("meny", "s"),
    ("meng", "k"),
    ("meng", ""),
    ("mem", "p"),
    ("mem", ""),
    ("men", "t"),
    ("men", ""),
    ("me", ""),
    ("peny", "s"),
    ("peng", "k"),
    ("peng", ""),
    ("pem", "p"),
    ("pem", ""),
    ("pen", "t"),
    ("pen", ""),
    ("per", ""),
    ("pe", ""),
    ("ber", ""),
    ("be", ""),
    ("ter", ""),
    ("di", ""),
    ("ke", ""),
    ("se", ""),
)


@lru_cache(maxsize=1)
def roots() -> frozenset[str]:
    """Sastrawi's Indonesian root words (shipped with the stemmer)."""
    data = resources.files("generator.reference").joinpath("kata-dasar.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def _stems(word: str) -> list[str]:
    """The word and what it may be with one suffix and/or one prefix taken off."""
    bases = [word] + [word[: -len(s)] for s in _SUFFIXES if word.endswith(s)]
    out = list(bases)
    for base in bases:
        for prefix, nasal in _PREFIXES:
            if base.startswith(prefix) and len(base) > len(prefix) + 2:
                out.append(nasal + base[len(prefix) :])
    return out


def known_word(word: str) -> bool:
    """Whether a lowercase word is Indonesian (a root, or a root with common affixes)."""
    dictionary = roots()
    return any(stem in dictionary for stem in _stems(word))


def may_be_given_name(word: str) -> bool:
    """Whether a lowercase word after "saya" may be the writer's name."""
    if word in GIVEN_WORDS:
        return True
    return len(word) >= 3 and word.isalpha() and word not in INFORMAL and not known_word(word)
