"""No personal value reaches any published file: HTML, CSV, JSON, SQLite, search index."""

from __future__ import annotations

import csv
import gzip
import io
import re
import sqlite3
from pathlib import Path

from bs4 import BeautifulSoup

from generator.safeinput.privacy import personal_data
from tests.complaints_util import HEADER, make_data
from tests.personal_values import KINDS, Pick, Value, personal_value, sentence

PUBLISH = "\ncomplaints:\n  publish_summaries: true\n"
# Digits joined the way the redactor joins them, so a secret is looked for inside one number.
_NUMBER = re.compile(r"\d(?:[ .\-_/()\u00a0\u2009\u202f\u200b]{0,3}\d)*")


# NIK/KK, phone numbers, e-mail addresses and stated names are refused in data/ by kanal check
# (tests/test_personal_corpus.py, tests/test_complaints_privacy.py); what data/ may hold is
# redacted when summaries are published.
STORABLE = tuple(k for k in KINDS if k not in ("nik", "phone", "email"))


def _storable(pick: Pick, kind: str) -> Value:
    while True:
        value = personal_value(pick, kind)
        if not personal_data(value.text).stored:
            return value


def _records(seed: int = 8, n: int = 40) -> tuple[str, list[Value]]:
    pick = Pick.seeded(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    values: list[Value] = []
    for i in range(n):
        row_values = [_storable(pick, STORABLE[(i + k) % len(STORABLE)]) for k in range(3)]
        values.extend(row_values)
        kecamatan = pick.choice(("Jebres", "laweyan", ""))
        writer.writerow(
            [f"P-{i}", "bappeda", "lapor", "jalan rusak", f"2026-03-{i % 28 + 1:02d}T09:00+07:00"]
            + ["", "", "open", kecamatan, sentence(pick, row_values)]
        )
    return HEADER + out.getvalue(), values


def _published_texts(site: Path) -> dict[str, str]:
    """Every published file as text (SQLite: every cell; gzip: decompressed), except the
    theme's own scripts and styles, which are copied verbatim and hold no data."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = str(path.relative_to(site))
        if name.startswith(("assets/javascripts/", "assets/stylesheets/")):
            continue
        if path.suffix == ".sqlite":
            db = sqlite3.connect(path)
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            cells = [
                str(v) for t in tables for row in db.execute(f'SELECT * FROM "{t}"') for v in row
            ]
            db.close()
            texts[name] = "\n".join(cells)
        elif path.suffix == ".gz":
            texts[name] = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:
            texts[name] = path.read_bytes().decode("utf-8", "replace")
    return texts


def _leaks(text: str, values: list[Value]) -> list[str]:
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
    numbers = [re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(text)]
    compact = re.sub(r"[\W_]", "", text).casefold()
    leaks = []
    for value in values:
        if value.kind in ("plate", "rtrw"):
            whole = re.sub(r"[\W_]", "", value.text).casefold()
            if whole in compact:
                leaks.append(value.text)
            continue
        for secret in value.secrets:
            if secret.isdigit():
                if len(secret) >= 9 and any(secret in n for n in numbers):
                    leaks.append(secret)
            elif any(w.casefold() in words for w in re.findall(r"[^\W\d_]+", secret)):
                leaks.append(secret)
    return leaks


def test_no_personal_value_reaches_any_published_file(tmp_path, build_site):
    rows, values = _records()
    site = build_site(make_data(tmp_path, {"p.csv": rows}, PUBLISH))
    texts = _published_texts(site)
    assert {"data/complaints.csv", "data/kanal.sqlite"} <= set(texts)
    assert any(name.endswith(".html") for name in texts)
    leaks = {name: _leaks(text, values) for name, text in texts.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
    published = list(csv.DictReader(io.StringIO(texts["data/complaints.csv"])))
    assert all("disamarkan]" in r["summary"] for r in published)
    assert {r["kecamatan"] for r in published} <= {"Jebres", "Laweyan", ""}
    method = BeautifulSoup(texts["aduan/metodologi/index.html"], "html.parser").get_text(" ")
    method = " ".join(method.split())
    assert "Peraturan Presiden Nomor 76 Tahun 2013" in method
    assert "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi" in method
    assert "Daerah ini memilih menerbitkan ringkasan aduan" in method


def test_without_opt_in_no_summary_text_is_published(tmp_path, build_site):
    rows, values = _records(seed=9, n=12)
    site = build_site(make_data(tmp_path, {"p.csv": rows}, "\n"))
    texts = _published_texts(site)
    for name, text in texts.items():
        assert not _leaks(text, values), name
        assert "ditindaklanjuti" not in text and "kemarin malam" not in text, name
    with (site / "data" / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        published = list(csv.DictReader(fh))
    assert len(published) == 12 and {r["summary"] for r in published} == {""}
    method = BeautifulSoup(texts["aduan/metodologi/index.html"], "html.parser").get_text(" ")
    assert "tidak menerbitkan ringkasan aduan" in " ".join(method.split())


def test_a_build_refuses_what_data_may_not_hold(tmp_path, build_site):
    import pytest

    from generator.safeinput.problems import InvalidData

    pick = Pick.seeded(3)
    rows = HEADER + "".join(
        f"P-{i},bappeda,lapor,jalan rusak,2026-03-0{i + 1}T09:00+07:00,,,open,,"
        f"{sentence(pick, [personal_value(pick, kind)])}\n"
        for i, kind in enumerate(("nik", "phone", "email"))
    )
    with pytest.raises(InvalidData):
        build_site(make_data(tmp_path, {"p.csv": rows}, PUBLISH))
