"""A region concept's ``notice:`` (data/thesaurus.yml) is published as it is, in finder.json and
the finder's answer: it is checked like the other free text of data/ (no person's number,
NIK/KK or e-mail), bounded, must be text, and only stands where it is shown (a concept with a
level). Each problem is an error at its line; a refused notice is never published."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finder import knowledge
from generator.safeinput.problems import Problems
from tests.personal_values import Pick, personal_value

CONCEPT = "concepts:\n  - id: listrik-padam-total\n    phrases: [listrik padam total]\n"


def _load(tmp_path: Path, lines: str) -> tuple[tuple[knowledge.Concept, ...], list[str]]:
    (tmp_path / "thesaurus.yml").write_text(CONCEPT + lines, encoding="utf-8")
    problems = Problems()
    concepts = knowledge.load_region(tmp_path, problems)
    return concepts, [str(p) for p in problems.errors]


@st.composite
def _personal(draw) -> str:
    pick = Pick(lambda seq: draw(st.sampled_from(list(seq))), lambda a, b: draw(st.integers(a, b)))
    return personal_value(pick, draw(st.sampled_from(["nik", "phone", "email"]))).text


@settings(max_examples=150, deadline=None)
@given(value=_personal(), before=st.sampled_from(["Hubungi petugas PLN", "Lapor ke", ""]))
def test_a_person_s_number_nik_or_email_in_a_notice_is_an_error_and_never_published(
    tmp_path_factory, value, before
):
    tmp_path = tmp_path_factory.mktemp("t")
    text = f"{before} {value} ya".strip()
    concepts, errors = _load(tmp_path, f"    level: pusat\n    notice: {json.dumps(text)}\n")
    # (a zero-width separator is an error of its own, at the same place)
    personal = [e for e in errors if "berisi data pribadi" in e]
    assert len(personal) == 1, (text, errors)
    assert personal[0].startswith("data/thesaurus.yml:5:13: error: concepts[0].notice: berisi ")
    assert "pemberitahuan diterbitkan apa adanya" in personal[0]
    assert [c.notice for c in concepts] == [""]
    # the same text as a note is refused too: a notice is no weaker than other free text
    _, as_note = _load(tmp_path, f"    note: {json.dumps(text)}\n")
    assert [e for e in as_note if "concepts[0].note: berisi data pribadi" in e], as_note


def test_a_service_number_in_a_notice_is_kept(tmp_path):
    text = "Listrik padam diurus PLN: telepon 123 atau aplikasi PLN Mobile."
    concepts, errors = _load(tmp_path, f"    level: pusat\n    notice: {json.dumps(text)}\n")
    assert errors == []
    assert [c.notice for c in concepts] == [text]


def test_a_notice_that_is_not_text_too_long_or_never_shown_is_a_located_error(tmp_path):
    cases = {
        "    level: pusat\n    notice: {a: 1}\n": "harus berupa teks yang tidak kosong",
        "    level: pusat\n    notice: [PLN, 123]\n": "harus berupa teks yang tidak kosong",
        "    level: pusat\n    notice: ''\n": "harus berupa teks yang tidak kosong",
        f"    level: pusat\n    notice: {'kata ' * 100}\n": "paling banyak 400 karakter (499)",
        "    notice: Diurus PLN 123.\n": "pemberitahuan hanya ditampilkan untuk konsep dengan level",
    }
    for lines, message in cases.items():
        concepts, errors = _load(tmp_path, lines)
        assert len(errors) == 1 and message in errors[0], (lines, errors)
        assert ": error: concepts[0].notice: " in errors[0]
        assert [c.notice for c in concepts] == [""]


def test_a_notice_over_a_shipped_concept_takes_its_level(tmp_path):
    shipped = next(c for c in knowledge.shipped_concepts() if c.level and c.notice)
    (tmp_path / "thesaurus.yml").write_text(
        f"concepts:\n  - id: {shipped.id}\n    phrases: [x y z]\n    notice: Diurus kantor X.\n",
        encoding="utf-8",
    )
    problems = Problems()
    own = knowledge.load_region(tmp_path, problems)
    assert [str(p) for p in problems.errors] == []
    merged = {c.id: c for c in knowledge.merged(own)}
    assert merged[shipped.id].notice == "Diurus kantor X."
