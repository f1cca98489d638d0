"""Seeded generators of hostile complaint CSV files and post-history JSONL files, for
tests/test_adversarial_fastpaths.py (spreadsheet exports in the Indonesian locale, RFC 4180
edge cases, hand edits; JSON lines that are not one object each; personal data in realistic
spellings). ``LEVEL`` sets how hostile a file is (0.02: one odd cell in fifty; 1: every one)."""

# ruff: noqa: E501

from __future__ import annotations

import json
import random

from generator.complaints.models import COLUMNS

# The complaint CSV's columns as files are written, without the optional timezone column.
HEADER = [name for name in COLUMNS if name != "timezone"]
AGENCIES = ["bappeda", "dinas-kesehatan", "kecamatan-laweyan", "Dinkes", "Bappeda", "dinsos"]
CHANNELS = ["lapor", "whatsapp", "email", "phone", "walk-in", "Lapor!", "wa", "telepon"]
STATUSES = ["open", "resolved", "rejected", "selesai", "proses", ""]
CATEGORIES = ["jalan rusak", "pajak daerah", "bantuan sosial", "", "=SUM(1)", "Kesehatan"]
KEC = ["", "Laweyan", "laweyan", "LAWEYAN"]
SUMMARIES = [
    "Jalan berlubang di depan pasar.",
    "Lampu jalan mati sejak seminggu",
    "",
    "Hubungi saya di 0812-3456-7890",
    "WA +62 812-3456-7890 ya",
    "nomor 0812.3456.7890",
    "telp (0281) 123456",
    "62812345678901",
    "NIK 3372 0112 3456 0001",
    "NIK ３３７２０１１２３４５６０００１",
    "budi at gmail dot com",
    "budi[at]gmail[dot]com",
    "budi @ gmail . com",
    "siti.aminah@gmail,com",
    "budi＠gmail.com",
    "KK 3372011234560002 hilang",
    "a.n. Budi Santoso mohon dibantu",
    "saya Budi Santoso, RT 03/RW 05",
    'Tidak ada "air" sejak pagi',
    "x;y,z",
    "baris\nbaru",
    "baris\r\nbaru",
    "😀 emoji 𝟎𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎",
    "\u202eterbalik",
    "zero\u200bwidth",
    "ctrl\x0bvt",
    "nul\x00here",
    "nel\x85x",
    "ls\u2028x",
    "  spasi  ",
    "\tTab",
    "\u00a0nbsp\u00a0",
    "\u3000ideographic",
    "'quoted'",
    '"',
    'a"b',
]
IDS = [
    "LPR-{n}",
    "SR-000{n}",
    "A000{n}",
    "{n}",
    "T{n}x",
    "0008123",
    "A0008123",
    "009123",
    "X-0091234",
    "0081234567",
    "00812345",
    "+62812{n}",
    "0812{n}",
    "3372011234560001",
    "3372 0112 3456 0001",
    "budi@gmail.com",
    "budi at gmail dot com",
    "WA-0812-3456-7890",
    "62-812-3456-7890",
    "ＬＰＲ-{n}",
    "０８１２３４５６７８９０",
    "L-{n}-at-x",
    "cat{n}",
    "ID(at){n}",
    "{n} et al",
    "",
    " LPR-{n} ",
    "LPR\u200b{n}",
    "𝟎𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
]
TIMES = [
    "2026-02-0{d}T09:00+07:00",
    "2026-02-0{d} 09:00",
    "2026-02-0{d}T09:00:00Z",
    "0{d}/02/2026 09.00",
    "2026-02-0{d}T09:00+0700",
    "",
    "2026-13-01T09:00+07:00",
]


def cell(rng: random.Random, row: int, col: str) -> str:
    if rng.random() > LEVEL[0]:
        return {
            "id": f"LPR-{row}-{rng.randrange(99999)}",
            "agency": "bappeda",
            "channel": "lapor",
            "status": "open",
            "category": "jalan rusak",
            "kecamatan": "",
            "summary": "Jalan berlubang di depan pasar.",
            "received": f"2026-02-0{rng.randrange(1, 9)}T09:00+07:00",
        }.get(col, "")
    n = rng.randrange(1, 99999)
    d = rng.randrange(1, 9)
    if col == "id":
        return rng.choice(IDS).format(n=n) if rng.random() < 0.4 else f"LPR-{row}-{n}"
    if col == "agency":
        return rng.choice(AGENCIES) if rng.random() < 0.5 else "bappeda"
    if col == "channel":
        return rng.choice(CHANNELS)
    if col == "status":
        return rng.choice(STATUSES) if rng.random() < 0.5 else "open"
    if col == "category":
        return rng.choice(CATEGORIES + SUMMARIES[3:12]) if rng.random() < 0.2 else "jalan rusak"
    if col == "kecamatan":
        return rng.choice(KEC + SUMMARIES[3:6]) if rng.random() < 0.1 else rng.choice(KEC)
    if col == "summary":
        return rng.choice(SUMMARIES)
    if col == "received":
        return rng.choice(TIMES).format(d=d) if rng.random() < 0.3 else f"2026-02-0{d}T09:00+07:00"
    if col in ("first_response", "resolved"):
        return rng.choice(TIMES).format(d=min(9, d + 1)) if rng.random() < 0.3 else ""
    return ""


def spell(rng: random.Random, value: str, delim: str, mode: str) -> str:
    """A cell as a spreadsheet (or a hand edit) might write it."""
    if rng.random() > LEVEL[0] and not any(c in value for c in (delim, '"', "\n", "\r")):
        return '"' + value + '"' if mode == "quote_all" else value
    need = any(c in value for c in (delim, '"', "\n", "\r"))
    r = rng.random()
    if mode == "quote_all" or (need and r < 0.9) or r < 0.1:
        out = '"' + value.replace('"', '""') + '"'
    elif need:  # written raw: a broken cell
        out = value
    else:
        out = value
    r = rng.random()
    if r < 0.03:
        out = " " + out
    elif r < 0.06:
        out = out + " "
    elif r < 0.07:
        out = out + '"x'
    elif r < 0.08:
        out = '"' + value + '"' + "tail"
    elif r < 0.09:
        out = "\t" + out
    return out


LEVEL = [1.0]


def make_csv(rng: random.Random) -> bytes:
    LEVEL[0] = rng.choice([0.02, 0.05, 0.1, 0.3, 1.0])
    delim = rng.choice([",", ",", ";", ";", "\t", "|"])
    eol = rng.choice(["\n", "\n", "\r\n", "\r\n", "\r"])
    mode = rng.choice(["plain", "plain", "quote_all"])
    header = list(HEADER)
    if rng.random() < 0.2:
        header.remove("summary")
    if rng.random() < 0.1:
        header.append("timezone")
    if rng.random() < 0.1:
        rng.shuffle(header)
    hcells = [
        ('"' + h + '"') if (mode == "quote_all" or rng.random() < 0.05) else h for h in header
    ]
    if rng.random() < 0.05:
        hcells[0] = " " + hcells[0]
    lines = [delim.join(hcells) + (delim if rng.random() < 0.05 else "")]
    nrows = rng.choice([1, 2, 3, 4, 5, 7, 10, 20])
    trailing = rng.random() < 0.1
    for row in range(nrows):
        values = {c: cell(rng, row, c) for c in header}
        if "timezone" in values:
            values["timezone"] = rng.choice(["Asia/Jakarta", "WIB", "", "wita", "Mars/Base"])
        cells = [spell(rng, values[c], delim, mode) for c in header]
        r = rng.random()
        if r < 0.04:
            cells = cells[:-1]
        elif r < 0.08:
            cells.append("")
        line = delim.join(cells) + (delim if trailing else "")
        lines.append(line)
        r = rng.random()
        if r < 0.04:
            lines.append("")
        elif r < 0.06:
            lines.append(delim * (len(header) - 1))
        elif r < 0.07:
            lines.append("   ")
        elif r < 0.08:
            lines.append(" " + delim * (len(header) - 1) + " ")
    text = eol.join(lines)
    if rng.random() < 0.7:
        text += eol
    if rng.random() < 0.05:
        text += eol
    if rng.random() < 0.2:
        text = "\ufeff" + text
    if rng.random() < 0.03:  # a mixed file: some CRLF in an LF file
        text = text.replace("\n", "\r\n", 1)
    enc = "utf-8" if rng.random() < 0.9 else "cp1252"
    return text.encode(enc, "replace")


ACCOUNTS = ["instagram/dinkes.uji", "x/dinkesuji", "instagram/kec.laweyan", "tiktok/kelbumi"]
TITLES = [
    "Posyandu balita di Laweyan",
    "Imunisasi",
    "",
    " spasi ",
    "dua  spasi",
    "tab\there",
    "baris\nbaru",
    "ls\u2028sep",
    "ps\u2029sep",
    "nel\x85x",
    "\u202ebidi",
    "zw\u200bsp",
    "😀 emoji",
    "𝟎𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎",
    "Hubungi 0812-3456-7890",
    "WA +62 812-3456-7890",
    "0812.3456.7890",
    "(0271) 712345",
    "(0281) 123456",
    "62812345678901",
    "NIK 3372 0112 3456 0001",
    "NIK ３３７２０１１２３４５６０００１",
    "budi at gmail dot com",
    "budi[at]gmail[dot]com",
    "budi＠gmail.com",
    "Dinkes@Example.go.id",
    "a" * 600,
    "x" * 5000,
    "café",
    "cafe\u0301",
    "ＡＢＣ",
    "\x7fdel",
    "\x1fus",
    "ctrl\x0b",
    "\x00nul",
    "info (at) dinkes",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "'apos",
    '"q"',
    "12345 6789012",
    "NIK: 3372011234560001.",
    "hub. 0812 3456 7890 (Budi)",
]
STAMPS = [
    "2026-11-01T10:00+07:00",
    "2026-11-01T10:00+08:00",
    "2026-11-01T10:00:00+07:00",
    "2026-11-01T03:00Z",
    "2026-11-01T03:00:00.123456+00:00",
    "2026-11-01 10:00+07:00",
    "2026-11-01T10:00",
    "2026-02-30T10:00+07:00",
    "2026-11-30T23:59+07:00",
    "2026-11-22T23:59+07:00",
    "2026-11-23T00:01+07:00",
    "2025-12-31T23:30-01:00",
    "2026-01-01T00:30+14:00",
    "20261101T1000+0700",
    "2026-11-01T10:00+07:00:30",
    "2026-W44-7T10:00+07:00",
    "1970-01-01T00:00Z",
    "9999-12-31T23:59+07:00",
]
LINKS = [
    "https://dinkes.example.go.id/p/{n}",
    "http://x.id/{n}",
    "https://x.id/{n}?a=1#f",
    "https://x.id/{n} ",
    " https://x.id/{n}",
    "ftp://x.id/{n}",
    "https://x.id/é{n}",
    "https://[::1]/{n}",
    "https:///{n}",
    "https://x.id:99999/{n}",
    "javascript:alert({n})",
    "https://x.id/\u2028{n}",
    "HTTPS://X.ID/{n}",
    "https://x.id/{n}\t",
]


def record(rng: random.Random, n: int, level: float) -> dict:
    rec: dict = {"t": STAMPS[0] if rng.random() > level else rng.choice(STAMPS)}
    rec["n"] = f"Kegiatan {n}" if rng.random() > level else rng.choice(TITLES)
    link = f"https://dinkes.example.go.id/p/{n}"
    if rng.random() < level:
        link = rng.choice(LINKS).format(n=n)
    r = rng.random()
    if r < 0.8:
        rec["u"] = link
    if r > 0.6 or rng.random() < level * 0.2:
        rec["g"] = (
            rng.choice([f"guid-{n}", "", None, 5, f"tag:x,{n}"])
            if rng.random() < level
            else f"guid-{n}"
        )
    if rng.random() < 0.3:
        rec["s"] = rng.choice(TITLES + ["ringkasan"]) if rng.random() < level else "ringkasan"
    if rng.random() < 0.2:
        rec["e"] = (
            rng.choice([True, False, 1, 0, None, "ya", 1.5, [1], {}])
            if rng.random() < level
            else True
        )
    if rng.random() < level * 0.1:
        rec[rng.choice(["x", "T", "N", "extra"])] = 1
    if rng.random() < level * 0.1:
        rec[rng.choice(["t", "n", "u", "s"])] = rng.choice([None, 1, [], {}, True, 1e999])
    return rec


def dump(rng: random.Random, rec: dict, level: float) -> str:
    r = rng.random()
    ensure_ascii = rng.random() < 0.3
    if r < 1 - level:
        return json.dumps(rec, ensure_ascii=ensure_ascii, separators=(",", ":"), sort_keys=True)
    style = rng.choice(
        [
            "spaced",
            "dupkey",
            "trailing_comma",
            "two",
            "glued",
            "array",
            "string",
            "number",
            "null",
            "lead_space",
            "trail_space",
            "trail_tab",
            "nan",
            "escaped_nl",
            "u2028_raw",
            "bom",
            "truncated",
            "nested_e",
        ]
    )
    base = json.dumps(rec, ensure_ascii=ensure_ascii, separators=(",", ":"))
    if style == "spaced":
        return json.dumps(rec, ensure_ascii=ensure_ascii, indent=None)
    if style == "dupkey":
        return base[:-1] + ',"n":"dup"}' if len(rec) else base
    if style == "trailing_comma":
        return base + ","
    if style == "two":
        return base + rng.choice([",", "", " ", "\t"]) + base
    if style == "glued":
        return base + "}{" if rng.random() < 0.5 else base.replace(",", "}{", 1)
    if style == "array":
        return "[" + base + "]"
    if style == "string":
        return json.dumps(base)
    if style == "number":
        return "12"
    if style == "null":
        return "null"
    if style == "lead_space":
        return " " + base
    if style == "trail_space":
        return base + "  "
    if style == "trail_tab":
        return base + "\t"
    if style == "nan":
        return base[:-1] + ',"e":NaN}'
    if style == "escaped_nl":
        return base.replace('"n":"', '"n":"a\\nb', 1)
    if style == "u2028_raw":
        return base.replace('"n":"', '"n":"a\u2028b', 1)
    if style == "bom":
        return "\ufeff" + base
    if style == "truncated":
        return base[: rng.randrange(1, max(2, len(base)))]
    if style == "nested_e":
        return base[:-1] + ',"e":[1'  # continues on the next line in a dupkey pair, maybe
    if style == "deep":
        return base[:-1] + ',"e":' + "[" * 3000 + "]" * 3000 + "}"
    return base


def make_jsonl(rng: random.Random, start: int) -> bytes:
    level = rng.choice([0.0, 0.02, 0.1, 0.3, 1.0])
    n = rng.choice([1, 2, 3, 5, 8, 13])
    lines = [dump(rng, record(rng, start + i, level), level) for i in range(n)]
    for _ in range(int(level * 3)):
        k = rng.randrange(len(lines) + 1)
        lines.insert(k, rng.choice(["", " ", "\t", "{}", "[]", "}", "{", ",", "//c"]))
    eol = rng.choice(["\n"] * 6 + ["\r\n", "\r"]) if rng.random() < level + 0.05 else "\n"
    text = eol.join(lines)
    if rng.random() < 0.85:
        text += eol
    if rng.random() < level * 0.2:
        text += "\n\n"
    return text.encode("utf-8", "surrogatepass")


def merge_lines(rng: random.Random, text: bytes) -> bytes:
    """Two lines joined into one record when read as one JSON array: the first holds two
    objects, the second of them open at the line end inside an array; the next line closes the
    array and gives its key again, which replaces it (the comma added at the line end
    separates the array's elements). Line by line both lines are broken JSON."""
    lines = text.decode("utf-8", "surrogatepass").split("\n")
    good = [i for i, line in enumerate(lines[:-1]) if line.startswith("{") and line.endswith("}")]
    if not good:
        return text
    a = rng.choice(good)
    key = rng.choice(["e", "n", "s"])
    value = {"e": "false", "n": '"digabung"', "s": '"ringkasan"'}[key]
    lines[a] = lines[a] + "," + lines[a][:-1] + f',"{key}":[0'
    lines[a + 1] = "{}]," + f'"{key}":{value}' + "}"
    return "\n".join(lines).encode("utf-8", "surrogatepass")
