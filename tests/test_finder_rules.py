"""Single rules of the finder's ranking (generator/finder/rank.py; finder.js runs the same
steps, tests/test_finder_browser.py compares them), each on a small registry of its own.

Rows are finder index rows: name, short name, kind label, URL, parent, keywords, channel."""

from __future__ import annotations

from generator.finder import knowledge
from generator.finder.index import LEVEL_DOCS, finder_data
from generator.finder.rank import Finder

DESA = LEVEL_DOCS["desa"]


def village(name: str, kecamatan: str, keywords: str = "surat keterangan domisili") -> list:
    return [f"Desa {name}", "", "Desa", f"k/#{name}", f"Kecamatan {kecamatan}", keywords, None]


def office(name: str, short: str, keywords: str = "") -> list:
    return [name, short, "Dinas", f"i/{short}/", "Pemerintah Kabupaten X", keywords, None]


def finder(rows: list[list]) -> Finder:
    kinds = [
        "desa" if r[2] == "Desa" else "kecamatan" if r[2] == "Kecamatan" else "dinas" for r in rows
    ]
    return Finder(rows, finder_data(rows, kinds))


def hits(f: Finder, query: str) -> list[int]:
    return [d for d, _ in f.rank(query).hits]


def test_a_place_named_with_its_kind_word_and_a_typo_comes_first() -> None:
    # "tambakkan" stems to "tambak", a service of the fisheries office: before, that office
    # answered and the village misspelt after "desa" was never looked for
    rows = [
        office("Dinas Perikanan", "Diskan", "tambak · budidaya ikan"),
        village("Tambakan", "Banjarharjo"),
        *[village(f"Sumber{i}", "Banjarharjo") for i in range(5)],
    ]
    f = finder(rows)
    assert hits(f, "desa tambakkan")[0] == 1
    assert hits(f, "kades tambakan")[0] == 1
    # without a place word the same word is the fisheries office's
    assert hits(f, "tambakkan")[0] == 0


def test_the_place_whose_name_and_parent_cover_the_query_comes_first() -> None:
    rows = [
        village("Margarame", "Margahayu", "pemdes margarame · bumdes"),
        village("Margarame", "Cibening"),
        ["Kecamatan Cibening", "", "Kecamatan", "k/cibening/", "Pemerintah Kabupaten X", "", None],
    ]
    f = finder(rows)
    assert hits(f, "desa margarame kecamatan cibening")[0] == 1
    assert hits(f, "kecamatan cibening desa margarame")[0] == 1
    assert hits(f, "desa margarame")[0] in (0, 1)


def test_a_place_is_named_as_typed_and_not_by_a_word_that_means_something_else_here() -> None:
    rows = [
        office("Dinas Pekerjaan Umum", "DPU", "galian · saluran air · tutup got"),
        village("Tutup", "Tunjungan"),
        *[village(f"Kali{i}", "Tunjungan") for i in range(5)],
        village("Pajang", "Tunjungan"),
    ]
    f = finder(rows)
    assert 1 not in hits(f, "galian ditutup")  # through a stem
    assert 1 not in hits(f, "tutup saluran air")  # a word of the language the office has
    assert hits(f, "desa tutup")[0] == 1
    assert hits(f, "pajang")[0] == 7  # a word of the language nothing else here has: the village


def test_typos_keep_the_first_letter() -> None:
    rows = [office("Dinas Ketahanan Pangan", "DKP", "harga beras · cadangan pangan")]
    f = finder(rows)
    assert hits(f, "beras") == [0]
    assert hits(f, "bras") == [0]  # a typo
    assert hits(f, "deras") == []  # another word, not a typo of "beras"


def test_an_answer_to_a_small_part_of_the_query_lists_at_most_three() -> None:
    rows = [office(f"Dinas {i}", f"D{i}", f"alfa{i} beta{i}") for i in range(5)]
    f = finder(rows)
    query = " ".join(f"alfa{i} beta{i}" for i in range(5))
    assert len(hits(f, query)) == 3  # each answers two of its ten words
    assert len(hits(f, "alfa0 beta0")) == 1


def test_kinds_are_recognised_by_name_and_whole_aliases_not_by_services() -> None:
    # "perdagangan orang" (trafficking) is a service of a social office, not trade; an alias
    # "Disperindag" names the trade office
    rows = [
        office("Dinas Sosial", "Dinsos", "bansos · perdagangan orang"),
        office("Dinas Ekonomi", "Dinek", "Disperindag · pasar"),
    ]
    data = finder_data(rows, ["dinas", "dinas"])
    members = {k[0]: k[3] for k in data["kinds"]}
    assert 0 not in members["dinas-perdagangan"]
    assert 1 in members["dinas-perdagangan"]
    assert "dinas-sosial" in knowledge.kinds_of(["Dinas Sosial"], "dinas")


def test_a_word_every_village_shares_is_as_telling_as_a_word_of_one_office() -> None:
    """Rarity counts answers: forty villages that share a service are one answer (your
    village), as rare as a service that one office has."""
    rows = [office("Dinas Arsip", "Arsip", "lontar")]
    rows += [village(f"Sido{i}", "Jati", "wulung") for i in range(40)]
    f = finder(rows)
    assert f.rank("lontar").hits[0][0] == 0
    assert f.rank("wulung").hits == [(DESA, f.rank("lontar").hits[0][1])]
