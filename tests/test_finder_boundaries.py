"""Two boundaries of the finder: a word inside a fixed phrase of one service is no evidence
for another ("jalan" of "rawat jalan" is not a road), and a matter no regency office handles
(PLN, Polri, Imigrasi, DJP, KUA) is answered by a notice naming who does, not by an office
that shares a side word. The held-out queries of both are tests/corpora/finder_boundaries.yml
(measured by benchmarks/finder.py, not asserted here); these are the development examples."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest

from generator.commands.init import run_init
from generator.finder import knowledge
from generator.finder.index import finder_data, fixed, row_terms
from generator.finder.rank import Finder
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.site.pages import finder_index

ROOT = Path(__file__).resolve().parent.parent


def registry(data: Path) -> tuple[Finder, list[str]]:
    directory = load_directory(data, dt.date(2026, 11, 22), Problems())
    assert directory is not None
    index = finder_index(directory)
    agencies = list(directory.agencies.values())
    kinds = [a.kind.value for a in agencies]
    return Finder(index["agencies"], finder_data(index["agencies"], kinds)), [
        a.id for a in agencies
    ]


@pytest.fixture(scope="module")
def wonosobo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finder, list[str]]:
    """A fresh `kanal init "Kabupaten Wonosobo"`: its RSUD lists "rawat jalan" and
    "surat keterangan sehat" among its usual services."""
    folder = tmp_path_factory.mktemp("wonosobo")
    with contextlib.redirect_stdout(io.StringIO()):
        assert run_init("Kabupaten Wonosobo", folder / "wonosobo") == 0
    return registry(folder / "wonosobo" / "data")


@pytest.fixture(scope="module")
def demo() -> tuple[Finder, list[str]]:
    return registry(ROOT / "data")


def answers(reg: tuple[Finder, list[str]], query: str) -> list[str]:
    finder, ids = reg
    return [ids[d] if d >= 0 else str(d) for d, _ in finder.rank(query).hits]


def test_a_fixed_phrase_is_one_word() -> None:
    assert fixed(["pasien", "rawat", "jalan"]) == ["pasien", "rawatjalan"]
    assert fixed(["lampu", "jalan", "mati"]) == ["lampu", "jalan", "mati"]
    # a query's word matches through its stem: "dirawat inap"
    assert fixed(["dirawat", "inap"], ["rawat", "inap"]) == ["rawatinap"]
    terms = row_terms(("RSUD", "", "RSUD", "", "", "rawat jalan · igd"))
    assert "rawatjalan" in terms and "jalan" not in terms


@pytest.mark.parametrize("query", ["lampu jalan mati", "lampu jalan", "penerangan jalan rusak"])
def test_the_hospital_is_no_answer_for_a_street_light(wonosobo, query: str) -> None:
    got = answers(wonosobo, query)
    assert got[0] == "dinas-pupr"
    assert "rsud" not in got


def test_outpatient_care_still_finds_the_hospital(wonosobo) -> None:
    assert answers(wonosobo, "antrean rawat jalan lama")[0] == "rsud"
    assert answers(wonosobo, "pasien dirawat inap")[0] == "rsud"


@pytest.mark.parametrize("query", ["listrik", "listrik padam", "token listrik", "perpanjang sim"])
def test_a_matter_of_no_regency_office_lists_none(wonosobo, demo, query: str) -> None:
    for reg in (wonosobo, demo):
        result = reg[0].rank(query)
        assert result.hits == [], (query, answers(reg, query))
        assert result.notes, query


def test_the_notice_names_who_handles_it(demo) -> None:
    assert "PLN 123" in demo[0].rank("listrik padam").notes[0]
    assert "Digital Korlantas" in demo[0].rank("perpanjang sim").notes[0]
    assert "Kring Pajak" in demo[0].rank("npwp hilang").notes[0]


def test_a_fire_from_a_short_circuit_is_still_the_fire_brigade(demo) -> None:
    """The phrase "korsleting listrik" is a phrase of the fire concept: PLN's matter inside it is not said."""
    result = demo[0].rank("korsleting listrik")
    assert answers(demo, "korsleting listrik")[0] == "dinas-damkar"
    assert result.notes == []


def test_an_office_that_answers_more_than_the_matter_stays(demo) -> None:
    """A banner on a power pole is Satpol PP's; PLN's notice comes beside it."""
    result = demo[0].rank("spanduk caleg liar nempel di tiang listrik pinggir jalan")
    assert result.hits and result.notes


def test_every_matter_elsewhere_has_a_notice() -> None:
    """A concept of the province or the centre that no office has a part in must say who does."""
    bare = [
        c.id
        for c in knowledge.shipped_concepts()
        if c.level in ("provinsi", "pusat") and not c.kinds and not c.notice
    ]
    assert not bare


INDEPENDENT = ROOT / "tests" / "corpora" / "finder_independent.yml"


def test_floors_on_the_independent_corpus(demo) -> None:
    """tests/corpora/finder_independent.yml (tuned on since December 2026, so a floor against
    regressions, not a held-out measure): a matter of no regency office lists none and names
    who handles it; the shared-word and look-alike queries keep their first office."""
    import yaml

    corpus = yaml.safe_load(INDEPENDENT.read_text("utf-8"))
    finder, ids = demo
    levels = {-1: "desa", -2: "kecamatan"}

    def first(query: str) -> str | None:
        hits = finder.rank(query).hits
        return (ids[hits[0][0]] if hits[0][0] >= 0 else levels[hits[0][0]]) if hits else None

    far = corpus["elsewhere"]
    none = sum(not finder.rank(item["q"]).hits for item in far)
    named = sum(
        any(w.lower() in " ".join(finder.rank(item["q"]).notes).lower() for w in item["who"])
        for item in far
    )
    assert none >= 38 and named == len(far), (none, named)
    for key, floor in (("collisions", 44), ("lookalikes", 22)):
        right = sum(first(item["q"]) in item["demo"] for item in corpus[key])
        assert right >= floor, (key, right)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("jalan berlubang depan rsud bahaya buat ambulans", "dinas-pupr"),
        ("parkir liar depan rumah sakit bikin macet", "dinas-perhubungan"),
    ],
)
def test_a_place_after_depan_says_where_not_what(demo, query: str, first: str) -> None:
    assert answers(demo, query)[0] == first


@pytest.mark.parametrize(
    "query",
    [
        "mati lampu seharian",
        "bikin skck buat ngelamar kerja",
        "pengadilan agama urus cerai",
        "jalan nasional pantura rusak berlubang",
        "listrik padam dr td malem blm nyala",
    ],
)
def test_side_words_do_not_bring_back_an_office(demo, query: str) -> None:
    result = demo[0].rank(query)
    assert result.hits == [] and result.notes, (query, answers(demo, query))


@pytest.mark.parametrize(
    "query", ["tanah longsor nutup jalan desa", "atap sekolah sd ambruk murid belajar di teras"]
)
def test_a_generic_word_explained_by_a_regency_matter_raises_no_notice(demo, query: str) -> None:
    assert demo[0].rank(query).notes == []
