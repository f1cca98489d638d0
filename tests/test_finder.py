"""The finder's reference in Python: stemming, knowledge, ranking (generator/finder/).

The browser runs the same steps (tests/test_finder_browser.py compares them)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finder import knowledge
from generator.finder.index import LEVEL_DOCS, browser_roots, finder_data
from generator.finder.rank import Finder, query_words, spread
from generator.finder.stem import (
    REACH_FILE,
    dictionary,
    looked_up,
    reach_table,
    reach_text,
    root,
    stem,
)
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.scaffold.region import scaffold_files
from generator.site.pages import finder_index

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "cases" / "stem.json").read_text("utf-8"))["cases"]
QUERIES = yaml.safe_load((ROOT / "tests" / "corpora" / "citizen_queries.yml").read_text("utf-8"))
TODAY = dt.date(2026, 11, 22)


# ---------------------------------------------------------------- stemming


def test_stem_cases_match_sastrawi() -> None:
    wrong = [(w, s, root(w)) for w, s in CASES if root(w) != s]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("berlubang", "lubang"), ("diperpanjang", "panjang"), ("pembuatan", "buat"),
     ("pengaduan", "adu"), ("penerangan", "terang"), ("kependudukan", "duduk")],
)  # fmt: skip
def test_affixed_words_from_the_issue(word: str, expected: str) -> None:
    assert root(word) == expected


def test_unknown_word_is_kept() -> None:
    assert stem("pringgolayan", dictionary()) == "pringgolayan"
    assert stem("qwertyuiop", frozenset()) == "qwertyuiop"


# ---------------------------------------------------------------- the roots finder.json ships

WORDS = sorted(dictionary())


def test_reach_table_is_current() -> None:
    """The shipped table is what the stemmer gives today (after a change of the rules or the
    dictionary: python -m generator.finder.stem)."""
    shipped = (ROOT / "generator" / "reference" / REACH_FILE).read_bytes()
    assert gzip.decompress(shipped).decode("utf-8") == reach_text(reach_table())


@settings(max_examples=300, deadline=None)
@given(word=st.sampled_from(WORDS), data=st.data())
def test_a_word_stems_on_exactly_when_a_form_it_looks_up_is_a_root(word: str, data) -> None:
    """What the table rests on: stem(w, R) != w exactly when R holds a form that the run with
    no roots looks up, whatever else R holds."""
    forms = sorted(looked_up(word) - {word})
    roots = set(data.draw(st.lists(st.sampled_from(forms), max_size=3))) if forms else set()
    roots |= set(data.draw(st.lists(st.sampled_from(WORDS), max_size=30)))
    roots.discard(word)
    assert (stem(word, frozenset(roots)) != word) == bool(looked_up(word) & roots)


def test_browser_roots_are_those_of_stemming_the_whole_dictionary() -> None:
    """Against the definition (every dictionary word stemmed with the index's roots), on the
    words of a scaffolded regency: "peran" stems to "per" and "terminal" to "mal" with those
    roots but each is a root itself, so the browser needs them (the suffix filter used before
    the table missed them, and 29 more)."""
    _, files = scaffold_files("11.08")
    vocabulary = frozenset(re.findall(r"[a-z0-9]+", " ".join(files.values()).lower()))
    full = dictionary()
    roots = frozenset(w for w in vocabulary if w in full)
    expected = roots | {w for w in full if w not in roots and stem(w, roots) != w}
    assert browser_roots(vocabulary) == sorted(expected)
    assert {"adakan", "peran", "terminal"} <= set(expected) - roots


# ---------------------------------------------------------------- knowledge


def test_kinds_of_merged_dinas_and_registry_kind() -> None:
    name = "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak"
    found = knowledge.kinds_of([name], "dinas")
    assert "dinas-sosial" in found and "dinas-pppa" in found
    # the registry's kind decides for desa: "Desa" in a dinas name is not a village
    assert knowledge.kinds_of(["Desa Kalisari"], "desa") == ["desa"]
    assert "desa" not in knowledge.kinds_of(["Dinas Pemberdayaan Masyarakat dan Desa"], "dinas")
    assert "dinas-pmd" in knowledge.kinds_of(["Dinas Pemberdayaan Masyarakat dan Desa"], "dinas")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_region_thesaurus_errors_are_located(tmp_path: Path) -> None:
    write(
        tmp_path / "thesaurus.yml",
        "concepts:\n"
        "  - id: Bad Id\n"
        "    phrases: [x]\n"
        "  - id: ok-one\n"
        "    phrases: [sumur kering]\n"
        "    kinds: [dinas-pupr, dinas-sulap]\n"
        "    level: dusun\n"
        "  - id: no-phrases\n"
        "    colour: red\n",
    )
    problems = Problems()
    knowledge.load_region(tmp_path, problems)
    got = sorted((p.location.line, p.field) for p in problems.errors)
    assert got == [
        (2, "concepts[0].id"),
        (6, "concepts[1].kinds"),
        (7, "concepts[1].level"),
        (8, "concepts[2].phrases"),
        (9, "concepts[2].colour"),
    ], [str(p) for p in problems.errors]
    assert all(p.location.path == "data/thesaurus.yml" for p in problems.errors)


def test_region_thesaurus_merges_over_shipped(tmp_path: Path) -> None:
    write(
        tmp_path / "thesaurus.yml",
        "concepts:\n"
        "  - id: jalan-rusak\n"
        "    phrases: [dalan bubrah]\n"
        "  - id: sumur-warga\n"
        "    phrases: [sumur kering]\n"
        "    kinds: [dinas-pupr]\n",
    )
    problems = Problems()
    own = knowledge.load_region(tmp_path, problems)
    assert not problems.errors
    merged = {c.id: c for c in knowledge.merged(own)}
    assert "dalan bubrah" in merged["jalan-rusak"].phrases
    assert "jalan berlubang" in merged["jalan-rusak"].phrases  # shipped phrases stay
    assert merged["sumur-warga"].kinds == ("dinas-pupr",)


# ---------------------------------------------------------------- ranking on the demo


@pytest.fixture(scope="module")
def demo() -> tuple[Finder, list[str], list]:
    directory = load_directory(ROOT / "data", TODAY, Problems())
    assert directory is not None
    rows = finder_index(directory)["agencies"]
    agencies = list(directory.agencies.values())
    data = finder_data(rows, [a.kind.value for a in agencies])
    return Finder(rows, data), [a.id for a in agencies], agencies


def top(demo, query: str) -> list[str]:
    finder, ids, _ = demo
    return [ids[d] if d >= 0 else f"level:{d}" for d, _ in finder.rank(query).hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ktp hilang", "dinas-dukcapil"),
        ("jalan berlubang", "dinas-pupr"),
        ("surat pindah", "dinas-dukcapil"),
        ("bansos", "dinas-sosial"),
        ("pju", "dinas-perhubungan"),
        ("kdrt", "dinas-p3akb"),
        ("adminduk", "dinas-dukcapil"),
        ("kesehtan", "dinas-kesehatan"),  # one typo
    ],
)
def test_natural_queries(demo, query: str, first: str) -> None:
    assert top(demo, query)[0] == first


def test_not_every_word_is_required(demo) -> None:
    # "parah" and "banget" match no service: the answer still comes
    assert top(demo, "jalan berlubang parah banget")[0] == "dinas-pupr"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("jln bolong", "dinas-pupr"),  # SMS abbreviation and informal word: nothing before
        ("lampune dalan mati", "dinas-perhubungan"),  # Javanese -ne and dalan: PDAM before
    ],
)
def test_lexicon_and_clitics_read_the_citizens_words(demo, query: str, first: str) -> None:
    assert top(demo, query)[0] == first


def test_a_phrase_told_apart_still_counts(demo) -> None:
    """ "ktp ... hilang" with other words between: the lost-KTP concept, and no market office
    (before, the words one by one also listed Disdagperin for "pasar")."""
    finder, _, _ = demo
    stems = [finder.query_stem(w) for w in query_words("ktp anak saya hilang di pasar")]
    assert "ktp-hilang-rusak" in [c[0] for c, _ in finder.matched_concepts(stems)[0]]
    assert top(demo, "ktp anak saya hilang di pasar") == ["dinas-dukcapil"]
    # more than four other words between them: two matters, not one
    stems = [finder.query_stem(w) for w in query_words("ktp sy di tas yg dibawa ke pasar hilang")]
    assert "ktp-hilang-rusak" not in [c[0] for c, _ in finder.matched_concepts(stems)[0]]


def test_a_word_of_thesaurus_phrases_alone_counts_their_concepts(demo) -> None:
    """ "anjing" is only in phrases ("anjing gila", "digigit anjing"): alone it still leads to
    the offices of rabies, not to the child-protection office of "anak" (before)."""
    health = {"dinas-kesehatan", "dinas-pertanian", "puskesmas-cibening"}
    assert top(demo, "anjing galak ngejar anak")[0] in health | {
        "puskesmas-sukamaju",
        "puskesmas-tegalrejo",
    }
    finder, _, _ = demo
    assert finder.word_concepts["anjing"]
    # a word of a province's or the centre's matter only leads nowhere here
    far = {n for n, c in enumerate(finder.concepts) if c[4] in ("provinsi", "pusat")}
    assert not far & {n for ns in finder.word_concepts.values() for n in ns}


@given(st.lists(st.sampled_from(["a", "b", "c", "x"]), max_size=12), st.integers(0, 5))
def test_spread_is_an_ordered_match_with_gaps(words: list[str], gap: int) -> None:
    """spread agrees with its definition: some occurrence of a, then b within gap + 1 after."""
    want = any(words[i] == "a" and "b" in words[i + 1 : i + gap + 2] for i in range(len(words)))
    assert spread(words, ["a", "b"], gap) == want


def test_lexicon_never_overrides_a_word_the_index_knows(demo) -> None:
    """A lexicon entry for a word an agency uses (a village, a region's alias) is not read."""
    finder, ids, _ = demo
    data = dict(finder.data, lexicon={**finder.data["lexicon"], "pdam": "sampah"})
    other = Finder(finder.rows, data)
    assert ids[other.rank("pdam").hits[0][0]] == "perumda-air-minum"
    assert other.normalised(["pdam", "jln"]) == ["pdam", "jalan"]


def test_lexicon_file_is_consistent() -> None:
    """Every key is a lowercase word, every value is one or more words, and no value maps back
    to a key. A key may be a stop word: the lexicon is read before stop words go, so a chat
    negation ("gak") still completes a thesaurus phrase ("gaji tidak dibayar")."""
    lexicon = knowledge.lexicon()
    assert len(lexicon) > 100
    for key, value in lexicon.items():
        assert re.fullmatch(r"[a-z0-9]+", key), key
        assert value and all(re.fullmatch(r"[a-z0-9]+", w) for w in value.split()), key
        assert not set(value.split()) & set(lexicon), key


def test_chat_negation_completes_a_phrase(demo) -> None:
    """'gak', 'tdk', 'blm' stand for tidak/belum (lexicon), so the phrase counts; without
    the lexicon's negations "gaji gak dibayar" went to the regional bank and BPKAD."""
    for query in ("gaji gak dibayar", "gaji tdk dibayar", "gaji nggak dibayar"):
        assert top(demo, query)[0] == "dinas-tenaga-kerja", query
    assert top(demo, "ktp blm jadi")[0] == "dinas-dukcapil"


def test_banjir_does_not_flood_with_banjar_villages(demo) -> None:
    found = top(demo, "banjir")
    assert found[0] == "bpbd"
    assert not [f for f in found if "banjar" in f], found


def test_rubbish_says_so(demo) -> None:
    for query in ("asdfgh", "qwertyuiop", "wkwkwk"):
        assert top(demo, query) == []


def test_desa_matter_points_to_your_desa(demo) -> None:
    assert top(demo, "surat pengantar rt")[0] == f"level:{LEVEL_DOCS['desa']}"
    # naming the village finds the village itself
    assert top(demo, "surat pengantar desa kalisari")[0] == "desa-kalisari-banjarharjo"


def test_provinsi_and_pusat_matters_say_so(demo) -> None:
    """Each with its concept's notice (who handles it); a level's general notice otherwise."""
    finder, _, _ = demo
    assert "(BPN)" in finder.rank("sertifikat tanah").notes[0]
    assert "Samsat" in finder.rank("pajak kendaraan").notes[0]
    assert finder.rank("pajak kendaraan").hits == []  # Samsat's, no office here has a part


def test_a_place_with_one_typo(demo) -> None:
    assert top(demo, "desa kalisri")[0] == "desa-kalisari-banjarharjo"


def test_typo_never_beats_an_exact_word() -> None:
    rows = [
        ["Dinas Kesehatan", "Dinkes", "Dinas", "instansi/dinkes/", "", "posyandu", None],
        ["Desa Posyandi", "", "Desa", "instansi/kec/#desa", "Kecamatan X", "", None],
        ["Dinas Sosial", "Dinsos", "Dinas", "instansi/dinsos/", "", "bansos", None],
    ]
    finder = Finder(rows, finder_data(rows, ["dinas", "desa", "dinas"]))
    # "posyandu" is a word of the index: it is never read as a typo of "Posyandi"
    hits = [d for d, _ in finder.rank("posyandu").hits]
    assert hits[0] == 0 and 1 not in hits
    # a typo of the village's name finds it, but after an exact match of another word
    hits = [d for d, _ in finder.rank("bansos posyandi").hits]
    assert hits[0] == 2


def test_pengaduan_does_not_list_pengadegan() -> None:
    """Province regression: "pengaduan" listed villages named Pengadegan (typo tolerance)."""
    rows = [
        ["Inspektorat Kabupaten X", "Inspektorat", "Inspektorat", "a/", "", "", None],
        *[
            [f"Desa Pengadegan {i}", "", "Desa", f"k/#d{i}", "Kecamatan Y", "", None]
            for i in range(5)
        ],
    ]
    finder = Finder(rows, finder_data(rows, ["inspektorat", *["desa"] * 5]))
    hits = [d for d, _ in finder.rank("pengaduan").hits]
    assert hits and all(d == 0 or d < 0 for d in hits), hits


def test_restricted_roots_give_the_same_answers(demo) -> None:
    """The browser gets only the roots of the index's words; on every query of the held-out
    set its stemming gives the same results as the whole dictionary."""
    finder, _, _ = demo
    restricted = Finder(finder.rows, finder.data, Finder.restricted(finder.data))
    assert len(finder.data["stem"]["roots"].split()) < len(dictionary()) / 5
    queries = [q["q"] for section in ("queries", "places", "rubbish") for q in QUERIES[section]]
    differ = [q for q in queries if finder.rank(q).hits != restricted.rank(q).hits]
    assert not differ, differ[:5]


# ---------------------------------------------------------------- the scaffold


def test_init_gives_opd_their_usual_services(tmp_path: Path) -> None:
    _, files = scaffold_files("33.16")
    sosial = yaml.safe_load(files["data/agencies/opd/dinas-sosial.yml"])
    assert "bansos" in sosial["services"]
    assert "services" not in yaml.safe_load(
        files["data/agencies/opd/pemerintah-kabupaten-blora.yml"]
    )
    for rel, text in files.items():
        write(tmp_path / rel, text)
    shutil.rmtree(tmp_path / "content", ignore_errors=True)
    directory = load_directory(tmp_path / "data", TODAY, Problems())
    assert directory is not None
    rows = finder_index(directory)["agencies"]
    agencies = list(directory.agencies.values())
    finder = Finder(rows, finder_data(rows, [a.kind.value for a in agencies]))
    ids = [a.id for a in agencies]
    assert ids[finder.rank("bansos belum cair").hits[0][0]] == "dinas-sosial"
    assert ids[finder.rank("ktp hilang").hits[0][0]] == "dinas-dukcapil"


def test_kanal_check_reports_the_region_thesaurus(tmp_path: Path) -> None:
    """data/thesaurus.yml is read by the check stage: a bad kind fails it with its line."""
    from generator.build.pipeline import check

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)
    write(
        data / "thesaurus.yml", "concepts:\n  - id: sumur\n    phrases: [sumur]\n    kinds: [x]\n"
    )
    inputs, problems = check(data, TODAY)
    assert inputs is None
    assert [str(p.location) for p in problems.errors] == ["data/thesaurus.yml:4:13"]
    (data / "thesaurus.yml").write_text("concepts:\n  - id: sumur\n    phrases: [sumur kering]\n")
    inputs, problems = check(data, TODAY)
    assert inputs is not None and inputs.thesaurus[0].phrases == ("sumur kering",)
