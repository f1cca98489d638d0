"""The column-wise complaint checker: properties that tie it to the record-at-a-time rules.

- A row is judged on its own: in a file with other rows (and split across blocks), each row
  gets exactly the problems it gets alone in a file, and is kept or refused alike.
- The numpy time parser agrees with ``datetime.fromisoformat`` on any text.
- The quick "cannot hold a phone number, NIK or e-mail" test never lets one through.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import numpy as np
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.complaints import isotime, load
from generator.complaints.check import RecordChecker
from generator.complaints.models import COLUMNS
from generator.registry.settings import ComplaintsIn
from generator.registry.validate import load_directory
from generator.safeinput.identifiers import (
    ID_NUMBER_PATTERN,
    identifier_findings,
    identifier_rows,
    may_hold_identifier,
)
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY
from tests.personal_values import Pick, personal_value

HEADER = COLUMNS[:10] + ["timezone"]


@pytest.fixture(scope="module")
def directory():
    found = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert found is not None
    return found


def _load(directory, tmp: Path, rows: list[list[str]], block_rows: int, monkeypatch):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp / "a.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setattr(load, "BLOCK_ROWS", block_rows)
    problems = Problems()
    # Grouping a whole column's error into one is a report of many rows: judged alone, each
    # row gets its own message.
    checker = RecordChecker(
        directory, ComplaintsIn(), problems, {"laweyan": "Laweyan"}, group=False
    )
    load._read_csv(path, "a.csv", checker, problems)
    table = checker.finish()
    return table, problems


def _by_line(problems: Problems) -> dict[int, list[str]]:
    """Problems per line, without the path and line (a row alone sits on line 2)."""
    out: dict[int, list[str]] = {}
    for p in problems.sorted():
        text = f"{p.location.col}:{p.severity}:{p.field}:{p.message}"
        out.setdefault(p.location.line, []).append(text)
    return out


TIMES = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "2026-01-05T09:15+07:00",
            "2026-01-05T10:00+07:00",
            "2026-01-04T08:00+08:00",
            "2026-01-07 11:00:30+07:00",
            "2026-01-05T09:15Z",
            "2026-01-05 09:15",  # no zone
            "2026-12-05T09:15+07:00",  # future
            "2026-02-30T09:15+07:00",  # no such day
            "05/01/2026 09:15",
            "2026-01-05T09:15:00.500+07:00",
        ]
    ),
)
ROW = st.fixed_dictionaries(
    {
        "agency": st.sampled_from(["dinas-kesehatan", "bappeda", "Dinkes", "nope", ""]),
        "channel": st.sampled_from(["lapor", "LAPOR", "x", "tiktokk", ""]),
        "category": st.sampled_from(
            ["jalan rusak", "sampah", "", "x" * 81, "hubungi 081234567890"]
        ),
        "received": TIMES,
        "first_response": TIMES,
        "resolved": TIMES,
        "status": st.sampled_from(["open", "resolved", "rejected", "selesai", ""]),
        "kecamatan": st.sampled_from(["", "Laweyan", " laweyan ", "Atlantis"]),
        "summary": st.sampled_from(["", "Jalan rusak", "Hubungi 081234567890"]),
        "timezone": st.sampled_from(["", "", "Asia/Makassar", "Mars/Olympus"]),
        "id": st.sampled_from(["", "ok", "mail", "nik"]),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=12), block=st.integers(1, 5))
def test_each_row_is_judged_as_if_alone(directory, tmp_path, monkeypatch, rows, block):
    def cells(i: int, row: dict) -> list[str]:
        rid = {"ok": f"T-{i}", "mail": f"budi{i}@example.com", "nik": f"32010101019{i:05d}"}.get(
            row["id"], row["id"]
        )
        return [rid if name == "id" else row[name] for name in HEADER]

    all_rows = [cells(i, r) for i, r in enumerate(rows)]
    together, problems = _load(directory, tmp_path, all_rows, block, monkeypatch)
    lines = _by_line(problems)
    kept = set(together.ids)
    for i, row in enumerate(all_rows):
        alone, alone_problems = _load(directory, tmp_path, [row], 65_536, monkeypatch)
        # ids never repeat (but empty ones) and category spellings agree: nothing crosses rows.
        assert lines.get(i + 2, []) == _by_line(alone_problems).get(2, []), row
        assert (row[0] in kept) == (len(alone) == 1), row
        if len(alone):
            j = together.ids.tolist().index(row[0])
            for name in ("received", "first_response", "resolved"):
                assert getattr(together, name)[j] == getattr(alone, name)[0]
            assert together.agencies[together.agency[j]] == alone.agencies[alone.agency[0]]
            assert together.channels[together.channel[j]] == alone.channels[alone.channel[0]]
            assert together.status[j] == alone.status[0]
            assert together.kecamatan[j] == alone.kecamatan[0]


def test_blocks_do_not_change_the_result(directory, tmp_path, monkeypatch):
    rows = [
        [f"T-{i}", "bappeda", "lapor", "sampah", f"2026-01-{i % 28 + 1:02d}T09:15+07:00"]
        + ["", "", "open", "", "", ""]
        for i in range(50)
    ]
    rows[7][0] = rows[3][0]  # a duplicate id in another block
    one, p1 = _load(directory, tmp_path, rows, 65_536, monkeypatch)
    many, p2 = _load(directory, tmp_path, rows, 4, monkeypatch)
    assert [str(p) for p in p1.sorted()] == [str(p) for p in p2.sorted()]
    assert [str(p) for p in p1.sorted()] == [
        "a.csv:9:1: error: id: id 'T-3' sudah dipakai di a.csv:5:1"
    ]
    assert one.ids.tolist() == many.ids.tolist() and len(one) == 49
    assert np.array_equal(one.received, many.received)


def test_multi_line_cells_keep_their_line_numbers(directory, tmp_path, monkeypatch):
    rows = [
        [
            "T-1",
            "bappeda",
            "lapor",
            "sampah",
            "2026-01-05T09:15+07:00",
            "",
            "",
            "open",
            "",
            "a\nb",
            "",
        ],
        ["T-2", "nope", "lapor", "sampah", "2026-01-05T09:15+07:00", "", "", "open", "", "", ""],
    ]
    _, problems = _load(directory, tmp_path, rows, 65_536, monkeypatch)
    assert [str(p) for p in problems.sorted()] == [
        "a.csv:4:2: error: agency: instansi 'nope' tidak ada di direktori (tulis id, nama, singkatan atau alias instansi; alias ditambahkan di berkas instansinya)"
    ]


def _reference(text: str) -> float:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return math.nan
    return value.timestamp() if value.tzinfo else math.nan


AWARE = st.builds(
    lambda d, sep, secs, off: (
        d.strftime("%Y-%m-%d")
        + sep
        + d.strftime("%H:%M")
        + (d.strftime(":%S") if secs else "")
        + off
    ),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.sampled_from(["T", " "]),
    st.booleans(),
    st.sampled_from(["Z", "+07:00", "+08:00", "+09:00", "-03:30", "+23:59", "-00:00", "+24:00"]),
)
# Non-ASCII characters too: such a column is read as code points, not bytes.
NOISY = st.text(alphabet="0123456789-:T +Zz.x\uff12\u00e9", min_size=15, max_size=27)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(AWARE, NOISY, st.none()), min_size=1, max_size=40))
def test_numpy_times_agree_with_fromisoformat(values):
    fast = isotime.epochs(values)
    for value, got in zip(values, fast.tolist(), strict=True):
        if math.isnan(got):
            continue  # left to fromisoformat in the loader
        assert value is not None and got == _reference(value), value


@settings(max_examples=300, deadline=None)
@given(AWARE)
def test_numpy_times_take_every_usual_form(value):
    expected = _reference(value)
    got = isotime.epochs([value])[0]
    assert got == expected or (math.isnan(expected) and math.isnan(got))


def test_the_phone_number_bound_matches_the_library():
    """may_hold_identifier's bound is derived from this pattern: a new phonenumbers release
    that changes it must fail here, not let a number through."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("ID")
    assert metadata.general_desc.national_number_pattern == ID_NUMBER_PATTERN
    assert metadata.national_prefix_for_parsing == "0"
    assert metadata.international_prefix == "00[89]"


ID_TEXT = st.text(alphabet="AZaz0123456789-_/.() +@[]etdoc", max_size=24)


@settings(max_examples=3000, deadline=None)
@given(ID_TEXT)
def test_ids_ruled_out_quickly_hold_no_personal_data(text):
    if not may_hold_identifier(text):
        assert identifier_findings(text).total == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ID_TEXT, st.text(max_size=60)), max_size=40))
def test_a_column_of_ids_is_judged_as_each_id_alone(texts):
    """identifier_rows (numpy, a whole column) picks exactly the ids may_hold_identifier picks."""
    assert identifier_rows(texts) == [i for i, t in enumerate(texts) if may_hold_identifier(t)]


def test_a_column_of_ticket_numbers_leaves_only_the_suspect_ones():
    texts = ["A0000001", "A0999999", "0812-3456-7890", "", "B-2026-01", "budi@example.com"]
    texts += ["X-3201010101900001", "a0000008009", "Ａ0001", "tiket-12345"]
    assert identifier_rows(texts) == [2, 5, 6, 8]


@pytest.mark.parametrize(
    "text",
    [
        "0812-3456-7890",
        "62812345678",
        "+1 650 253 0000",
        "3201010101900001",
        "budi@example.com",
        "budi [at] gmail [dot] com",
        "T 021 5551234",
        "００８１２３４５６７８９",
    ],
)
def test_ids_with_personal_data_are_never_ruled_out(text):
    assert may_hold_identifier(text)


@pytest.mark.parametrize("text", ["A0000001", "LPR-001", "SR-000123", "B-2026-01"])
def test_short_ticket_numbers_are_ruled_out(text):
    assert not may_hold_identifier(text) and identifier_findings(text).total == 0


def test_no_number_abroad_has_fewer_than_six_digits_after_the_international_prefix():
    """may_hold_identifier rules out "A0008123": a number dialled through 008/009 needs a
    country code and a national number, at least 6 digits together. Every shorter one is
    tried here, so a phonenumbers release with a shorter valid number fails this test."""
    for length in range(1, 6):
        for number in range(10 ** (length - 1), 10**length):  # no leading 0: not a country
            try:
                parsed = phonenumbers.parse(f"008{number}", "ID")
            except phonenumbers.NumberParseException:
                continue
            assert not phonenumbers.is_valid_number(parsed), number


@pytest.mark.parametrize("text", ["A0008123", "A0009999", "LPR-0080012", "SR-009-0001"])
def test_ticket_numbers_with_an_international_prefix_inside_are_ruled_out(text):
    """A province's ids A0000000..A0999999 hold 008 or 009 in 28,000 of them: each took the
    phonenumbers path, though too short to hold a number dialled abroad."""
    assert not may_hold_identifier(text) and identifier_findings(text).total == 0
    assert identifier_rows([text, "A0000001"]) == []


@st.composite
def ids(draw) -> str:
    """Record ids: ticket numbers, or ids holding a NIK/KK, a phone number or an e-mail."""
    pick = Pick(
        lambda seq: draw(st.sampled_from(list(seq))), lambda lo, hi: draw(st.integers(lo, hi))
    )
    kind = draw(st.sampled_from(["ticket", "nik", "phone", "email", "digits"]))
    if kind == "ticket":  # harmless: SP4N-LAPOR! and portal ids, zero-padded long runs
        prefix = draw(st.sampled_from(["A", "LPR-", "SR-", "ADU/2026/", "#", "TKT-008", "", "WA-"]))
        return prefix + pick.digits(pick.integer(1, 14))
    if kind == "nik":  # region, birth date (women +40), serial; a KK has a date of issue
        region = pick.choice(["3201", "3374", "3172", "5171", "9471", "1101"]) + pick.digits(2)
        day = pick.integer(1, 28) + pick.choice([0, 40])
        born = f"{day:02d}{pick.integer(1, 12):02d}{pick.integer(0, 99):02d}"
        number = region + born + pick.digits(4)
        sep = pick.choice(["", "-", ".", " "])
        spelled = sep.join([number[:6], number[6:12], number[12:]]) if sep else number
        return pick.choice(["", "NIK-", "KK", "A-"]) + spelled
    if kind in ("phone", "email"):
        value = personal_value(pick, kind).text
        return pick.choice(["", "WA-", "T"]) + value + pick.choice(["", "-1", "/2026"])
    return pick.digits(pick.integer(7, 20))  # a bare digit run: account, phone, NIK or none


@settings(max_examples=400, deadline=None)
@given(st.lists(ids(), min_size=1, max_size=30))
def test_ids_left_out_by_the_column_filter_hold_nothing(texts):
    """The ids whose personal data is reported are the same whether every id goes through
    identifier_findings (the old path) or only those identifier_rows picks."""
    every = [i for i, text in enumerate(texts) if identifier_findings(text).total]
    picked = [i for i in identifier_rows(texts) if identifier_findings(texts[i]).total]
    assert picked == every
