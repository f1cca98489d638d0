"""Hostile YAML (bombs, self-reference, deep nesting) and invisible characters in free text."""

from __future__ import annotations

import shutil
import string
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.registry.load import load_raw
from generator.registry.validate import build_directory
from generator.safeinput.invisible import describe, first_invisible, is_invisible
from generator.safeinput.problems import Problems
from generator.safeinput.yamlio import ALIAS_MESSAGE, read_yaml
from tests.conftest import FIXTURES, TODAY
from tests.test_cli import kanal

HOSTILE_SETTINGS = settings(
    max_examples=300,
    deadline=2000,  # a hang detector, not a timing target: each example takes milliseconds
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def laughs(levels: int, width: int) -> str:
    """The "billion laughs" document: each level repeats the one before ``width`` times."""
    lines = ['l0: &l0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    file = tmp_path / "berkas.yml"
    file.write_text(text, encoding="utf-8")
    problems = Problems()
    parsed = read_yaml(file, "berkas.yml", problems)
    return (parsed[0] if parsed else None), [str(p) for p in problems]


def test_billion_laughs_is_refused_before_expansion(tmp_path):
    text = laughs(9, 10)  # 10^9 strings once expanded, from about 550 bytes
    assert len(text) < 600
    read(tmp_path, "a: 1\n")  # first use loads the reader: not the document's cost
    tracemalloc.start()
    try:
        value, problems = read(tmp_path, text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert value is None
    assert problems == [f"berkas.yml:1:5: error: {ALIAS_MESSAGE}"]
    assert peak < 2_000_000  # bytes: nothing was expanded


def test_self_referencing_alias_is_a_located_error(tmp_path):
    value, problems = read(tmp_path, "id: x\nlist: &a [1, *a]\n")
    assert value is None
    assert problems == [f"berkas.yml:2:7: error: {ALIAS_MESSAGE}"]


def test_alias_of_a_scalar_is_refused_too(tmp_path):
    value, problems = read(tmp_path, "name: &n Dinas\nshort_name: *n\n")
    assert problems == [f"berkas.yml:1:7: error: {ALIAS_MESSAGE}"]


def test_nesting_is_bounded(tmp_path):
    value, problems = read(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    assert value is None
    assert problems == ["berkas.yml:1:53: error: bertingkat terlalu dalam (lebih dari 50 tingkat)"]
    nested = "".join("  " * i + f"k{i}:\n" for i in range(55)) + "  " * 55 + "v\n"
    value, problems = read(tmp_path, nested)
    assert problems == [
        "berkas.yml:51:101: error: bertingkat terlalu dalam (lebih dari 50 tingkat)"
    ]


def test_fifty_levels_are_still_read(tmp_path):
    value, problems = read(tmp_path, "[" * 50 + "x" + "]" * 50)
    assert problems == []
    for _ in range(50):
        assert isinstance(value, list)
        value = value[0]
    assert value == "x"


def test_oversized_yaml_is_refused_without_parsing(tmp_path):
    file = tmp_path / "besar.yml"
    file.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    problems = Problems()
    assert read_yaml(file, "besar.yml", problems) is None
    assert [str(p) for p in problems] == [
        "besar.yml: error: berkas terlalu besar (5,0 MB; batas 5,0 MB); pecah menjadi beberapa berkas"
    ]


def test_bombs_through_the_cli_end_in_messages_not_crashes(tmp_path):
    """Run in a subprocess: 100,000 nested brackets crashed the interpreter inside libyaml."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "agencies" / "bom.yml").write_text(laughs(9, 10), encoding="utf-8")
    (data / "agencies" / "dalam.yml").write_text("[" * 100_000 + "]" * 100_000)
    (data / "agencies" / "diri.yml").write_text("&a [*a]\n")
    result = kanal("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert f"data/agencies/bom.yml:1:5: error: {ALIAS_MESSAGE}" in lines
    assert (
        "data/agencies/dalam.yml:1:51: error: bertingkat terlalu dalam (lebih dari 50 tingkat)"
        in lines
    )
    assert f"data/agencies/diri.yml:1:1: error: {ALIAS_MESSAGE}" in lines


YAML_PIECES = st.sampled_from(
    [
        "&a ", "*a", "&b ", "*b", "[", "]", "{", "}", ": ", "- ", "\n", "  ", ",", "'", '"',
        "!!str ", "!tag ", "? ", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\\",
        "x", "nama", "0x1F", "~", "? [x]\n: ", "? {a: b}: ", "&a [*a]", "\u202e", "\ufeff", "\x85", "<<: *a\n",
    ]
)  # fmt: skip


@HOSTILE_SETTINGS
@given(st.one_of(st.lists(YAML_PIECES, max_size=60).map("".join), st.text(max_size=300)))
def test_any_text_gives_data_or_problems_never_an_exception(tmp_path, text):
    problems = Problems()
    file = tmp_path / "acak.yml"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    parsed = read_yaml(file, "acak.yml", problems)
    if parsed is None:
        assert problems.errors
    for problem in problems:
        assert str(problem).startswith("acak.yml")


@HOSTILE_SETTINGS
@given(st.integers(1, 12), st.integers(1, 12))
def test_any_alias_bomb_is_refused(tmp_path, levels, width):
    value, problems = read(tmp_path, laughs(levels, width))
    assert value is None and problems == [f"berkas.yml:1:5: error: {ALIAS_MESSAGE}"]


# -- invisible characters -----------------------------------------------------------------

REFUSED = st.characters(categories=["Cc", "Cf", "Zl", "Zp"], exclude_characters="\t\n")


@HOSTILE_SETTINGS
@given(REFUSED, st.text(string.ascii_letters + " ", max_size=10))
def test_every_invisible_character_is_refused_and_named(tmp_path, char, tail):
    value = f"Dinas{char}{tail}"
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    parsed, problems = read(tmp_path, f'name: "{escaped}"\n')
    assert problems == [
        f"berkas.yml:1:7: error: name: berisi karakter tak terlihat {describe(char)}; "
        "hapus karakter itu (ketik ulang teksnya tanpa menyalin)"
    ]
    assert describe(char).startswith(f"U+{ord(char):04X} (")


VISIBLE = st.characters(
    exclude_categories=["Cc", "Cf", "Zl", "Zp", "Cs"], exclude_characters="\u115f\u1160\u3164\uffa0"
)


@given(st.text(VISIBLE, max_size=40))
def test_visible_text_is_accepted(text):
    assert first_invisible(text) is None


def test_named_characters():
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert describe("\u200b") == "U+200B (ZERO WIDTH SPACE)"
    assert describe("\x85") == "U+0085 (karakter kendali C1)"
    assert describe("\U000e0041") == "U+E0041 (TAG LATIN CAPITAL LETTER A)"
    assert is_invisible("\u00ad") and is_invisible("\u3164") and is_invisible("\u2028")
    for fine in "\t\n\u00a0éÖ—–…🙂ꦲ":
        assert not is_invisible(fine), unicodedata.name(fine, repr(fine))


@pytest.mark.parametrize(
    ("file", "old", "new", "char", "location", "field"),
    [
        ("agencies/dinkes.yml", "name: Dinas Kesehatan", 'name: "Dinas\\u202eKesehatan"', "\u202e", "2:7", "name"),
        ("agencies/dinkes.yml", "short_name: Dinkes", "short_name: Dinkes\u200b", "\u200b", "3:19", "short_name"),
        ("agencies/dinkes.yml", "address: Jl. Uji No. 1", "address: Jl.\u2066 Uji", "\u2066", "35:15", "office.address"),
        ("agencies/dinkes.yml", "hours: Senin", "hours: Sen\ufeffin", "\ufeff", "36:13", "office.hours"),
        ("agencies/dinkes.yml", "label: Layanan pengaduan", "label: Layanan\u00adpengaduan", "\u00ad", "26:19", "kanal ke-1 (channels).label"),
        ("agencies/dinkes.yml", "note: Diganti", 'note: "\\u2028Diganti', "\u2028", "22:11", "akun ke-3 (accounts).note"),
        ("agencies/dinkes.yml", "services: [imunisasi,", "services: [imu\u200dnisasi,", "\u200d", "6:15", "layanan ke-1 (services)"),
        ("agencies/dinkes.yml", "description: Urusan", "description: Uru\u200esan", "\u200e", "5:17", "description"),
        ("region.yml", "name: Kota Uji", "name: Kota\U000e0020Uji", "\U000e0020", "2:11", "name"),
        ("region.yml", "name: Diskominfo Kota Uji", 'name: "\\x85Diskominfo Kota Uji"', "\x85", "6:9", "publisher.name"),
    ],
)  # fmt: skip
def test_invisible_character_in_each_published_text(
    tmp_path, monkeypatch, file, old, new, char, location, field
):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "tiny", tmp_path / "data")
    path = tmp_path / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    if new.startswith('note: "'):
        text = text.replace("note: Diganti akun baru sejak 2024", new + ' akun baru sejak 2024"')
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    directory = build_directory(load_raw(Path("data"), problems), TODAY, problems)
    assert directory is None
    expected = (
        f"data/{file}:{location}: error: {field}: berisi karakter tak terlihat "
        f"{describe(char)}; hapus karakter itu (ketik ulang teksnya tanpa menyalin)"
    )
    assert [str(p) for p in problems.errors] == [expected]


# -- the one-pass reader keeps what the composer gave ---------------------------------------

SCALARS = st.text(VISIBLE, max_size=8)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SCALARS, inner, max_size=4),
    max_leaves=20,
)


def _as_read(value):
    """What Kanal reads back: every scalar as text; PyYAML writes '' as a quoted string."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    return value


@HOSTILE_SETTINGS
@given(TREES, st.booleans())
def test_dumped_documents_read_back_unchanged(tmp_path, tree, flow):
    import yaml

    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow)
    value, problems = read(tmp_path, text)
    assert problems == []
    assert value == _as_read(tree)


def test_structure_problems_keep_their_messages(tmp_path):
    value, problems = read(tmp_path, "a: 1\nb:\n  c: 2\n  c: 3\n? [x]\n: y\nd: [1, {e: f}]\n")
    assert value == {"a": "1", "b": {"c": "2"}, "d": ["1", {"e": "f"}]}
    assert problems == [
        "berkas.yml:4:3: error: b.c: kunci 'c' ditulis dua kali dalam satu bagian; hapus salah satunya",
        "berkas.yml:5:3: error: kunci harus berupa teks biasa",
    ]
    value, problems = read(tmp_path, "? [x]\n: y\n? {a: b}\n: [z]\nc: d\n")
    assert value == {"c": "d"}
    assert problems == [
        "berkas.yml:1:3: error: kunci harus berupa teks biasa",
        "berkas.yml:3:3: error: kunci harus berupa teks biasa",
    ]
    value, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert problems == ["berkas.yml:2:1: error: satu berkas hanya boleh berisi satu dokumen YAML"]
    value, problems = read(tmp_path, "# hanya komentar\n")
    assert problems == ["berkas.yml:1:1: error: berkas kosong"]
    value, problems = read(tmp_path, "a: ~\nb:\nc: ''\n")
    assert value == {"a": None, "b": None, "c": ""} and problems == []
