"""The clean-file path (polars) gives exactly what the careful path gives, or gives the file back.

- Any file, clean or not: the records, redactions and problems read with the clean-file path
  equal those read the careful way alone (hypothesis over cells of every kind the careful path
  judges: unknown values, synonyms, spaces, quotes, times in other forms or out of order,
  personal data, duplicate ids, blank and ragged lines, CR, two delimiters).
- A clean file (every value known, one record a line) is taken by the clean-file path.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.complaints import fastload, load
from generator.complaints.check import RecordChecker
from generator.complaints.models import COLUMNS
from generator.registry.settings import ComplaintsIn
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from generator.safeinput.recordsheets import sniff_delimiter
from tests.conftest import FIXTURES, TODAY

HEADER = [name for name in COLUMNS if name != "timezone"]  # a time zone column is drawn
# Per column: the values a clean file holds first, then the ones the careful path explains
# (or reads differently: spaces, quotes, other time forms).
CLEAN = {
    "agency": ["dinas-kesehatan", "bappeda", "Bappeda"],
    "channel": ["lapor", "whatsapp", "WA"],
    "category": ["sampah", "Sampah", "Jalan  rusak"],
    "kecamatan": ["", "Laweyan", "laweyan"],
    "summary": ["", "Jalan rusak", '"Jalan rusak, berlubang"', '"a ""b"" c"', "Sampah é"],
    "timezone": ["", "WIB", "Asia/Jakarta"],
}
DIRTY = {
    "id": ["", " T-0", "T-0", "081234567890", "3374012345670001", '"T,9"', "=1+1", "-5"],
    "agency": ["nope", "", " bappeda", "dinas-kesehatan\xa0"],
    "channel": ["merpati", "", "lapor\t"],
    "category": ["jalan tol", "", "x" * 90, "Hubungi 081234567890"],
    "kecamatan": ["Nowhere", '" Laweyan"', '"=HYPERLINK(""http://x.invalid"")"'],
    "summary": [
        '"Hubungi 0812 3456 7890"',
        "NIK 3374012345670001",
        "Rumah di Jl. Melati No. 5 RT 02/RW 03",  # redacted when published, not refused
        'a"b',
        'ab"',
        '"x"y',
        '"dua\nbaris"',
        " spasi",
        "a\u3000",
        # A formula is refused; a bullet or a mention calls nothing and is kept.
        "\"-2+3+cmd|' /C calc'!A0\"",
        "@SUM(1+1)",
        "\uff1dcmd|x",
        "- Lampu PJU mati",
        "@dinkes tolong",
    ],
    "timezone": ["Mars", "wib "],
    "time": [
        "2026-01-05T09:15",
        "2026-01-05T09:15:00.5+07:00",
        "2026-02-30T09:15+07:00",
        "1999-12-31T23:00+07:00",
        "2030-01-01T00:00+07:00",
        "kemarin",
        "2026-01-05T09:15+0700",
    ],
    "status": ["?", "", "Selesai "],
}
RECEIVED = ["2026-01-05T09:15+07:00", "2026-01-05 09:15:59+07:00", "2026-01-05T02:15Z"]
FIRST = ["", "2026-01-06T08:00+07:00", "2026-01-06T01:00:30Z"]  # each before each LATER
LATER = ["2026-01-06T10:00+07:00", "2026-01-06T03:00:30Z"]
ODD_LINES = [
    "",
    ",,,,,,,,,",
    "T-r,bappeda,lapor",
    "T-w,bappeda,lapor,sampah,,,,,,,,,",
    # Full but for its last cell: short by one optional column (polars would read it as empty).
    "T-s,bappeda,lapor,sampah,2026-01-05T09:15+07:00,2026-01-06T08:00+07:00,"
    "2026-01-06T10:00+07:00,resolved,Laweyan,Jalan rusak",
]


@pytest.fixture(scope="module")
def directory():
    found = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert found is not None
    return found


@st.composite
def files(draw, dirty: bool = True):
    """(CSV text, publish summaries) of a random export: clean, or with one or two faults of
    the careful path's kinds (so that each is the only reason to leave the clean path)."""
    zone = draw(st.booleans())
    header = HEADER + (["timezone"] if zone else [])
    order = draw(st.permutations(header))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    count = draw(st.integers(1, 8))
    kinds = [*DIRTY, "order", "closure", "line", "short"]
    faults = (
        draw(
            st.lists(
                st.tuples(st.integers(0, count - 1), st.sampled_from(kinds)), min_size=1, max_size=2
            )
        )
        if dirty
        else []
    )
    lines = [delimiter.join(order)]
    for i in range(count):
        wrong = {kind for row, kind in faults if row == i}

        def pick(name: str, clean: list[str], wrong: set[str] = wrong) -> str:
            return draw(st.sampled_from(DIRTY[name] if name in wrong else clean))

        status = pick("status", ["open", "resolved", "rejected", "selesai"])
        closed = status != "open"
        row = {
            "id": pick("id", [f"T-{i}"]),
            "received": RECEIVED[i % len(RECEIVED)],
            "first_response": draw(st.sampled_from(FIRST)),
            "resolved": draw(st.sampled_from(LATER if closed else [""])),
            "status": status,
            **{name: pick(name, values) for name, values in CLEAN.items()},
        }
        if "time" in wrong:
            column = draw(st.sampled_from(["received", "first_response", "resolved"]))
            row[column] = pick("time", [])
        if "order" in wrong:  # resolved before received, or a closed record left open
            row[draw(st.sampled_from(["resolved", "first_response"]))] = "2026-01-01T00:00+07:00"
        if "closure" in wrong:  # a closed record without its time, or an open one with one
            row["resolved"] = "" if closed else LATER[0]
        cells = [row[name] for name in order]
        line = delimiter.join(cells[:-1] if "short" in wrong else cells)
        if "line" in wrong:
            line = draw(st.sampled_from(ODD_LINES)).replace(",", delimiter)
        lines.append(line)
    end = draw(st.sampled_from(["\n", "\r\n"] + (["\r"] if dirty else [])))
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    return text, draw(st.booleans())


def _read(directory, path: Path, publish: bool, fast: bool) -> tuple:
    problems = Problems()
    config = ComplaintsIn(publish_summaries=publish)
    checker = RecordChecker(directory, config, problems, {"laweyan": "Laweyan"})
    smallest = load.CLEAN_PATH_CHARACTERS
    load.CLEAN_PATH_CHARACTERS = 0  # a small file takes the clean path too, here
    try:
        load._read_csv(path, "a.csv", checker, problems, fast)
    finally:
        load.CLEAN_PATH_CHARACTERS = smallest
    table = checker.finish()
    columns = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in vars(table).items()}
    return columns, checker.redactions, [repr(p) for p in problems.items]


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=files())
def test_any_file_reads_as_the_careful_path_reads_it(directory, tmp_path, file):
    text, publish = file
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode())
    assert _read(directory, path, publish, True) == _read(directory, path, publish, False)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=files(dirty=False))
def test_a_clean_file_takes_the_clean_path(directory, tmp_path, file):
    text, publish = file
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode())
    problems = Problems()
    checker = RecordChecker(
        directory, ComplaintsIn(publish_summaries=publish), problems, {"laweyan": "Laweyan"}
    )
    body = text.index("\n") + 1
    delimiter = sniff_delimiter(text[:body])
    header = text[:body].rstrip("\r\n").split(delimiter)
    assert fastload.read_clean(text, body, delimiter, header, "a.csv", checker)
    assert not problems.items
    assert len(checker.finish()) == text.strip().count("\n")


def test_a_problem_gives_the_file_back_untouched(directory):
    """A file with one unknown agency: nothing accepted, nothing reported by the clean path."""
    text = (
        "id,agency,channel,category,received,status\n"
        "T-1,bappeda,lapor,sampah,2026-01-05T09:15+07:00,open\n"
        "T-2,nope,lapor,sampah,2026-01-05T09:15+07:00,open\n"
    )
    problems = Problems()
    checker = RecordChecker(directory, ComplaintsIn(), problems)
    header = text.split("\n", 1)[0].split(",")
    assert not fastload.read_clean(text, text.index("\n") + 1, ",", header, "a.csv", checker)
    assert not problems.items and not checker.seen
    assert len(checker.finish()) == 0


def _single_faults() -> list[tuple[str, str]]:
    """(column, value): each dirty value of the corpus alone, in each column it fits."""
    faults = [(name, value) for name, values in DIRTY.items() if name != "time" for value in values]
    times = ("received", "first_response", "resolved")
    faults += [(name, value) for name in times for value in DIRTY["time"]]
    faults += [("resolved", ""), ("resolved", "2026-01-01T00:00+07:00")]  # closed: order, time
    return faults + [("line", line) for line in ODD_LINES]


@pytest.mark.parametrize("publish", [False, True])
def test_each_fault_alone_reads_as_the_careful_path_reads_it(directory, tmp_path, publish):
    """Every fault of the corpus as the only one in a file: the same records and problems, and
    each one is by itself a reason to leave the clean path (but a quoted id, and an address in
    a summary that is not published)."""
    header = [*HEADER, "timezone"]
    clean = {"id": "T-0", "agency": "bappeda", "channel": "lapor", "category": "sampah"}
    clean |= {"received": RECEIVED[0], "first_response": FIRST[1], "resolved": LATER[0]}
    clean |= {"status": "resolved", "kecamatan": "Laweyan", "summary": "Jalan rusak"}
    clean |= {"timezone": "WIB"}
    path = tmp_path / "a.csv"
    taken = []
    for column, value in _single_faults():
        rows = [{**clean, "id": "T-0"}, {**clean, "id": "T-1"}, {**clean, "id": "T-2"}]
        line = value if column == "line" else None
        if column != "line":
            rows[1][column] = value
        lines = [",".join(r[name] for name in header) for r in rows]
        if line is not None:
            lines[1] = line
        text = ",".join(header) + "\n" + "\n".join(lines) + "\n"
        path.write_text(text, encoding="utf-8")
        assert _read(directory, path, publish, True) == _read(directory, path, publish, False)
        config = ComplaintsIn(publish_summaries=publish)
        checker = RecordChecker(directory, config, Problems(), {"laweyan": "Laweyan"})
        if fastload.read_clean(text, text.index("\n") + 1, ",", header, "a.csv", checker):
            taken.append(value)
    assert taken == ['"T,9"'] + ([] if publish else ["Rumah di Jl. Melati No. 5 RT 02/RW 03"])


def test_a_large_clean_export_is_read_whole_as_the_build_reads_it(directory, tmp_path, monkeypatch):
    """Through ``load_complaints``, as the build calls it: a clean file of a million characters
    and more takes the clean path, a small one does not, and both give the careful result."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "complaints").mkdir()
    header = "id,agency,channel,category,received,first_response,resolved,status,summary\n"
    rows = [
        f"T-{i},{('bappeda', 'dinas-kesehatan')[i % 2]},lapor,sampah,"
        f"2026-0{1 + i % 9}-0{1 + i % 9}T09:{i % 60:02d}+07:00,,2026-10-01T08:00+07:00,resolved,"
        f'"Jalan rusak, nomor {i}"\n'
        for i in range(9_000)
    ]
    (data / "complaints" / "besar.csv").write_text(header + "".join(rows), encoding="utf-8")
    (data / "complaints" / "kecil.csv").write_text(header + "X-1" + rows[0][3:], encoding="utf-8")
    taken = []

    def spy(text, *args):
        taken.append(len(text))
        return fastload.read_clean(text, *args)

    monkeypatch.setattr(load, "read_clean", spy)
    problems = Problems()
    fast = load.load_complaints(data, directory, problems)
    assert len(fast) == 9_001 and not problems.items
    assert len(taken) == 1 and taken[0] > load.CLEAN_PATH_CHARACTERS  # the large file only
    careful = load.load_complaints(data, directory, Problems(), fast=False)
    assert pickle.dumps(vars(fast.table)) == pickle.dumps(vars(careful.table))
