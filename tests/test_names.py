"""Names of kecamatan and villages against the official name of their code."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.registry.names import name_key, same_name
from generator.registry.regions import reference_codes

OFFICIAL = sorted(
    name
    for code, name in reference_codes().items()
    if code.startswith("33.") and code.count(".") >= 2
)
PREFIXES = ["", "Desa ", "Kelurahan ", "Kecamatan ", "Kel. ", "Ds. ", "Kec. ", "DESA  "]
# New spelling -> a way people still write it (old spelling, EYD 1972, and common variants).
OLD_SPELLINGS = [("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("kh", "ch")]


@st.composite
def written_forms(draw) -> tuple[str, str]:
    official = draw(st.sampled_from(OFFICIAL))
    text = official
    for new, old in OLD_SPELLINGS:
        if new in text and draw(st.booleans()):
            text = text.replace(new, old)
    if text and draw(st.booleans()):
        i = draw(st.integers(0, len(text) - 1))
        if text[i].isalpha():
            text = text[: i + 1] + text[i] + text[i + 1 :]  # a doubled letter
    text = draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    text = draw(st.sampled_from(PREFIXES)) + text + draw(st.sampled_from(["", ".", " ", ","]))
    return official, text


@given(written_forms())
def test_written_forms_of_an_official_name_match_it(case):
    official, written = case
    assert same_name(written, official), (written, official)


def test_different_places_keep_different_keys():
    blora = [
        n for c, n in reference_codes().items() if c.startswith("33.16.") and c.count(".") == 2
    ]
    assert len(blora) == 16
    assert len({name_key(n) for n in blora}) == 16
    assert not same_name("Kecamatan Jepon", "Cepu")
    assert not same_name("Desa Sukamaju", "Sukamulya")
    assert same_name("Kecamatan Tjepoe", "Cepu")
    assert same_name("Kel. Ngeloo", "Ngelo")
    assert same_name("Djogjakarta", "Yogyakarta")


TIER_FORMS = ["Desa", "DESA", "desa", "Kel", "Kelurahan", "Kecamatan", "Kec", "Kab", "Kota", "Ds"]


@given(
    tier=st.sampled_from([*TIER_FORMS, "Dusun", "Kel.", "Désa", "", "Desa Desa"]),
    official=st.one_of(
        st.sampled_from(OFFICIAL),
        st.text(st.sampled_from("aeouAEOU djtchkyrn-.'0 éÉ\u0301"), max_size=12),
    ),
    other=st.sampled_from(["", "x", " "]),
)
def test_same_name_answers_as_the_two_keys_compare(tier, official, other):
    # same_name skips name_key for the names a registry writes most ("Desa <official>"):
    # its answer is still exactly the keys' comparison, for any official text.
    for written in (
        official,
        f"{tier} {official}",
        f"{tier} {official}{other}",
        f"{tier}{official}",
    ):
        assert same_name(written, official) == (name_key(written) == name_key(official)), (
            written,
            official,
        )
