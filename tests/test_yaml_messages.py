"""YAML syntax errors in plain Indonesian, at the line the editor has to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.safeinput.problems import Problems
from generator.safeinput.yamlio import read_yaml

CASES = [
    (
        "tab",
        "id: a\nname: A\naccounts:\n\t- platform: x\n",
        "4:1: error: tab dipakai untuk indentasi; YAML hanya menerima spasi (ganti tab dengan 2 spasi)",
    ),
    (
        "missing colon",
        "id: a\nname Dinas Kesehatan\nkind: dinas\n",
        "2:1: error: baris ini tidak punya tanda titik dua; tulis sebagai 'kunci: nilai' (misalnya 'name: Dinas Kesehatan')",
    ),
    (
        "unclosed double quote, found where it opens and not at the end of the file",
        'id: a\nname: "Dinas Kesehatan\nkind: dinas\nservices:\n  - a\n  - b\n  - c\n  - d\n',
        '2:7: error: tanda kutip " dibuka di sini tetapi tidak ditutup; tambahkan " di akhir nilainya',
    ),
    (
        "unclosed single quote",
        "id: a\nname: 'Dinas\nkind: dinas\n",
        "2:7: error: tanda kutip ' dibuka di sini tetapi tidak ditutup; tambahkan ' di akhir nilainya",
    ),
    (
        "colon inside a description",
        "id: a\nname: A\ndescription: Layanan: KTP dan KK\n",
        '3:21: error: ada tanda titik dua (:) di dalam nilai; apit seluruh nilainya dengan tanda kutip, misalnya description: "Layanan: KTP dan KK"',
    ),
    (
        "indented key",
        "id: a\nname: A\n  kind: dinas\n",
        "3:1: error: indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasinya",
    ),
    (
        "unclosed bracket",
        "id: a\nname: [Dinas\nkind: dinas\n",
        "2:7: error: tanda kurung [ dibuka di sini tetapi tidak ditutup dengan ]; bila bukan daftar, apit seluruh nilainya dengan tanda kutip",
    ),
    (
        "handle starting with @",
        "id: a\nhandle: @dinkes\n",
        "2:9: error: nilai tidak boleh diawali '@' tanpa tanda kutip; apit nilainya dengan tanda kutip, misalnya \"@dinkes\"",
    ),
    (
        "backslash in double quotes",
        'id: a\naddress: "C:\\data\\x"\n',
        "2:13: error: garis miring terbalik (\\) di dalam tanda kutip ganda; pakai tanda kutip tunggal (')",
    ),
    (
        "control character",
        "id: a\nname: Dinas\x07\n",
        "2:12: error: berisi karakter kendali yang tidak terlihat (kode 0x07); hapus lalu ketik ulang teks di sekitarnya",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_syntax_error_in_indonesian_at_the_line_to_fix(tmp_path: Path, text: str, expected: str):
    path = tmp_path / "a.yml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    assert read_yaml(path, "a.yml", problems) is None
    assert [str(p) for p in problems] == [f"a.yml:{expected}"]


def test_no_english_from_libyaml_left(tmp_path: Path):
    """Whatever the mistake, the message is one of Kanal's own (no 'found', 'expected')."""
    broken = [
        "a: b: c: d",
        "- a\nb: c",
        "a: {b",
        "a: 'b\n",
        "a:\n - b\n  c: d",
        "? a\n: b\n: c",
        "a: *x",
    ]
    for i, text in enumerate(broken):
        path = tmp_path / f"{i}.yml"
        path.write_text(text, encoding="utf-8")
        problems = Problems()
        assert read_yaml(path, path.name, problems) is None
        assert len(problems) == 1
        for problem in problems:
            assert not any(word in problem.message for word in ("found", "expected", "while")), (
                problem
            )


def test_not_utf8_names_the_line_and_how_to_save(tmp_path: Path):
    path = tmp_path / "a.yml"
    path.write_bytes("id: a\nname: Dinas\naddress: Jl. Soekarno\xa0Hatta\n".encode("cp1252"))
    problems = Problems()
    assert read_yaml(path, "a.yml", problems) is None
    assert [str(p) for p in problems] == [
        "a.yml:3:22: error: berkas bukan teks UTF-8 (ada huruf dari pengodean lain, misalnya dari "
        "Word atau Excel); buka di editor teks lalu simpan ulang sebagai UTF-8 (Notepad: Simpan "
        "Sebagai, Pengodean: UTF-8; VS Code: klik pengodean di bilah bawah, Save with Encoding, UTF-8)"
    ]


def test_complaints_csv_from_excel_not_utf8_names_its_line(tmp_path: Path, monkeypatch):
    from generator.build.pipeline import check
    from tests.complaints_util import HEADER, make_data
    from tests.conftest import TODAY

    monkeypatch.chdir(tmp_path)
    data = make_data(tmp_path, {})
    row = "A-1,bappeda,lapor,x,2026-01-05T09:15+07:00,,,open,,Jalan Soekarno\xa0Hatta\n"
    (data / "complaints" / "a.csv").write_bytes((HEADER + row).encode("cp1252"))
    _, problems = check(Path("data"), TODAY)
    (problem,) = problems.errors
    assert str(problem).startswith("data/complaints/a.csv:2:66: error: berkas bukan teks UTF-8")
    assert "simpan sebagai CSV UTF-8" in problem.message
