"""An agency name, short name or alias that mixes Latin letters with look-alike letters of
another script ("Dinas Kоmunikasi" with a Cyrillic о) is an error at its place: citizens
compare an account's name with the registry's, and such a name reads as the office's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.registry.lookalike import CONFUSABLES, mixes_scripts
from tests.test_validate import run

# A Latin letter -> a letter of another script that looks like it (from the confusables).
TWIN = {latin: other for other, latin in CONFUSABLES.items() if ord(other) > 0x24F}
WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)


@given(st.lists(WORD, min_size=1, max_size=5))
def test_latin_names_pass_and_one_look_alike_letter_is_caught(words):
    name = " ".join(words)
    assert mixes_scripts(name) is None
    at = next((i for i, c in enumerate(name) if c in TWIN), None)
    if at is not None and any(c.isalpha() and c != name[at] for c in name.split()[0]):
        faked = name[:at] + TWIN[name[at]] + name[at + 1 :]
        assert mixes_scripts(faked) is not None, faked


def test_other_scripts_whole_and_latin_accents_pass():
    for text in ("Москва", "Αθήνα", "Pidië Jaya", "Désa Sukamaju", "Kantor Camat 2"):
        assert mixes_scripts(text) is None, text


def test_a_mixed_name_short_name_or_alias_is_an_error_at_its_place(tmp_path, monkeypatch):
    agency = (
        "id: diskominfo\nname: Dinas Kоmunikasi dan Informatika\nkind: dinas\n"
        "short_name: Diskоminfo\naliases: [kominfo, Kоminfo Kota]\n"
    )
    lines, directory = run(tmp_path, monkeypatch, {"diskominfo.yml": agency})
    assert directory is None
    message = (
        "mencampur huruf Latin dengan huruf aksara lain yang tampak sama (misalnya о Sirilik "
        "untuk o); ketik ulang dengan huruf Latin"
    )
    assert lines == [
        f"data/agencies/diskominfo.yml:2:7: error: name: kata 'Kоmunikasi' {message}",
        f"data/agencies/diskominfo.yml:4:13: error: short_name: kata 'Diskоminfo' {message}",
        f"data/agencies/diskominfo.yml:5:20: error: alias ke-2 (aliases): kata 'Kоminfo' {message}",
    ]
