"""YAML syntax errors as a clerk can act on them: plain Indonesian, at the line to fix.

libyaml reports in English and often where it gave up rather than where the mistake is: an
unclosed quote on line 3 is "found unexpected end of stream" at the end of the file. Each
known case is reported at the place the editor has to change, with what to do there.
"""

from __future__ import annotations

import yaml

_GENERIC = "sintaks YAML tidak valid di sini; periksa indentasi (spasi, bukan tab) dan tanda kutip"


NOT_UTF8 = (
    "berkas bukan teks UTF-8 (ada huruf dari pengodean lain, misalnya dari Word atau Excel); "
    "buka di editor teks lalu simpan ulang sebagai UTF-8 (Notepad: Simpan Sebagai, "
    "Pengodean: UTF-8; VS Code: klik pengodean di bilah bawah, Save with Encoding, UTF-8)"
)


def not_utf8_position(exc: UnicodeDecodeError) -> tuple[int, int]:
    """Line and column (1-based, in bytes) of the first byte that is not UTF-8."""
    data = bytes(exc.object[: exc.start])
    return data.count(b"\n") + 1, exc.start - (data.rfind(b"\n") + 1) + 1


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line] if 0 <= line < len(lines) else ""


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    row = _line_text(text, mark.line)
    return row[mark.column] if 0 <= mark.column < len(row) else ""


def syntax_message(exc: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) for a syntax error in ``text``; 1-based, 0 when unknown."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        return (
            line,
            col,
            f"berisi karakter kendali yang tidak terlihat (kode {exc.character:#04x}); "
            "hapus lalu ketik ulang teks di sekitarnya",
        )
    if not isinstance(exc, yaml.MarkedYAMLError):
        return 0, 0, _GENERIC
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    where = mark or start
    line, col = (where.line + 1, where.column + 1) if where else (0, 0)
    at_start = (start.line + 1, start.column + 1) if start else (line, col)
    char = _char_at(text, mark)
    if char == "\t":
        return (
            line,
            col,
            "tab dipakai untuk indentasi; YAML hanya menerima spasi (ganti tab dengan 2 spasi)",
        )
    if problem.startswith("found character") and char in ("@", "`", "%"):
        return (
            line,
            col,
            f"nilai tidak boleh diawali '{char}' tanpa tanda kutip; apit nilainya dengan tanda kutip, misalnya \"{char}dinkes\"",
        )
    if "quoted scalar" in context:
        opening = _char_at(text, start) or '"'
        if "escape" in problem:
            return (
                line,
                col,
                "garis miring terbalik (\\) di dalam tanda kutip ganda; pakai tanda kutip tunggal (')",
            )
        return (
            *at_start,
            f"tanda kutip {opening} dibuka di sini tetapi tidak ditutup; tambahkan {opening} di akhir nilainya",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opening = _char_at(text, start) or "["
        closing = {"[": "]", "{": "}"}.get(opening, "]")
        return (
            *at_start,
            f"tanda kurung {opening} dibuka di sini tetapi tidak ditutup dengan {closing}; "
            "bila bukan daftar, apit seluruh nilainya dengan tanda kutip",
        )
    if "could not find expected ':'" in problem:
        return (
            *at_start,
            "baris ini tidak punya tanda titik dua; tulis sebagai 'kunci: nilai' (misalnya 'name: Dinas Kesehatan')",
        )
    if problem.startswith("mapping values are not allowed"):
        before = _line_text(text, mark.line)[: mark.column] if mark else ""
        if ": " in before:  # a second colon on a line that already has its key
            return (
                line,
                col,
                "ada tanda titik dua (:) di dalam nilai; apit seluruh nilainya dengan tanda kutip, "
                'misalnya description: "Layanan: KTP dan KK"',
            )
        return (
            line,
            1,
            "indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasinya",
        )
    if problem.startswith(("did not find expected key", "did not find expected '-'")):
        return (
            line,
            1,
            "indentasi baris ini tidak cocok dengan baris di atasnya; samakan jumlah spasinya",
        )
    return line, col, _GENERIC
