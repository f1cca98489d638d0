"""A hostile member, as an adversarial review of ``kanal province`` played one: each tampering
keeps its files' hashes right (re-hashed), and each must leave the member "tidak konsisten"
(or "tidak dapat dibaca") with a located Indonesian reason, never crash the province, and
never let figures its records only seem to support be shown as verified."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.feeds.fetch import run_sync
from generator.province import records as rec
from generator.province.collect import NAME_MAX, read_folder
from tests.conftest import TODAY
from tests.province_util import make_regency, rehash
from tests.test_province_trust import _add_post

REMBANG = "33.17"


@pytest.fixture(scope="module")
def honest(tmp_path_factory, project_copy) -> Path:
    """Rembang: 30 complaints, a post history, two kecamatan of two villages."""
    root = tmp_path_factory.mktemp("audit")
    data = make_regency(root / REMBANG, REMBANG, 2, 2, 2, 30, 2)
    _add_post(data, "dinkes3317", TODAY - dt.timedelta(days=2))
    build(data, root / "site", project_copy, TODAY)
    return root / "site"


@pytest.fixture
def site(honest, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(honest, copy)
    return copy


def _read(site: Path):
    return read_folder(site, REMBANG, "Kabupaten Rembang", TODAY)


def _edit_csv(site: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    path = site / "data" / name
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode() if name.endswith(".gz") else raw.decode()
    reader = csv.DictReader(io.StringIO(text))
    rows, fields = list(reader), list(reader.fieldnames or [])
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    body = out.getvalue().encode()
    path.write_bytes(gzip.compress(body, mtime=0) if name.endswith(".gz") else body)
    rehash(site / "data")


def _edit_manifest(site: Path, change: Callable[[dict], None]) -> None:
    path = site / "data" / "kanal.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _set_column(site: Path, name: str, column: str, value: str) -> None:
    _edit_csv(site, name, lambda rows: [row.update({column: value}) for row in rows])


def _refused(site: Path, words: str, status: str = "inconsistent") -> None:
    result = _read(site)
    assert result.status == status, (result.status, result.reason)
    assert words in (result.reason or ""), result.reason
    assert result.complaints is None and result.posting is None and result.desa is None


def test_the_honest_member_is_verified(honest):
    result = _read(honest)
    assert (result.status, result.reason) == ("ok", None)
    assert result.complaints is not None and result.complaints.records == 30


# -- one member never crashes the province --------------------------------------------------


def test_a_manifest_nested_past_the_stack_is_refused(site):
    path = site / "data" / "kanal.json"
    path.write_text('{"format":"kanal-site","version":3,"x":' + "[" * 200_000 + "]" * 200_000 + "}")
    _refused(site, "bersarang terlalu dalam")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../../../etc/passwd", "", "/etc/passwd"])
def test_an_unknown_time_zone_is_refused(site, zone):
    _edit_manifest(site, lambda doc: doc["region"].update(timezone=zone))
    _refused(site, "zona waktu kanal.json")


def test_another_regions_time_zone_is_refused_and_an_equal_one_accepted(site):
    """Central Java is WIB: Asia/Jayapura moves every local date by two hours; Asia/Pontianak
    (also UTC+7, West Kalimantan's own name for it) counts the same days."""
    _edit_manifest(site, lambda doc: doc["region"].update(timezone="Asia/Jayapura"))
    _refused(site, "bukan zona waktu wilayah 33.17 (Asia/Jakarta)")
    _edit_manifest(site, lambda doc: doc["region"].update(timezone="Asia/Pontianak"))
    assert _read(site).status == "ok"


def test_a_year_one_reference_date_is_refused(site):
    _edit_manifest(site, lambda doc: doc.update(reference_date="0001-01-01"))
    _refused(site, "tanggal acuan kanal.json 0001-01-01 tidak sah")


def test_a_calendar_running_to_year_9999_is_refused(site):
    def far(rows):
        last = dt.date(9999, 12, 31)
        for i, row in enumerate(reversed(rows)):
            row["date"] = (last - dt.timedelta(days=i)).isoformat()

    _edit_csv(site, "calendar.csv", far)
    _refused(site, "di luar tahun 2000-2100")


def test_any_other_failure_of_one_member_is_its_own(site, monkeypatch):
    """A fault nobody foresaw in reading a member: that member fails, in one line."""

    def broken(*args, **kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(rec, "recompute_complaints", broken)
    _refused(site, "data anggota tidak bisa diolah (OverflowError)")


def test_a_records_message_quoting_escape_sequences_is_shown_clean(site):
    def hostile(rows):
        rows[0]["received"] = "\x1b[2J\x1b[1;31mPALSU\u202e\x1b]8;;https://evil.example"

    _edit_csv(site, "complaints.csv", hostile)
    result = _read(site)
    assert result.status == "inconsistent"
    assert "complaints.csv baris 2" in (result.reason or "")
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in result.reason or "")


# -- records that only seem to support their figures --------------------------------------


def _shift(value: str, **delta: float) -> str:
    return (dt.datetime.fromisoformat(value) + dt.timedelta(**delta)).isoformat()


def test_an_answer_before_its_complaint_is_refused(site):
    def back(rows):
        for row in rows:
            if row["first_response"]:
                row["first_response"] = _shift(row["received"], hours=-1)

    _edit_csv(site, "complaints.csv", back)
    _refused(site, "complaints.csv baris 2: tanggapan pertama sebelum aduan diterima")


def test_a_complaint_received_after_the_reference_date_is_refused(site):
    def later(rows):
        rows[3]["received"] = (
            dt.datetime.combine(TODAY + dt.timedelta(days=40), dt.time(9))
            .astimezone(dt.timezone(dt.timedelta(hours=7)))
            .isoformat()
        )
        rows[3]["first_response"] = ""

    _edit_csv(site, "complaints.csv", later)
    _refused(site, "complaints.csv baris 5: diterima setelah tanggal acuan")


def test_an_answer_after_the_reference_date_is_refused(site):
    def later(rows):
        rows[1]["first_response"] = _shift(rows[1]["received"], days=400)

    _edit_csv(site, "complaints.csv", later)
    _refused(site, "complaints.csv baris 3: tanggapan pertama setelah tanggal acuan")


def test_duplicate_complaint_ids_are_refused(site):
    _edit_csv(site, "complaints.csv", lambda rows: rows.extend([rows[0]] * 20))
    _refused(site, "complaints.csv baris 32: id aduan 'C-0' ganda")


@pytest.mark.parametrize("target", ["100000", "1_0", "0", "\u0663", "3.0", ""])
def test_a_target_a_regency_could_not_set_is_refused(site, target):
    _set_column(site, "complaints.csv", "first_response_target_days", target)
    _refused(site, "target tanggapan pertama tidak sah")


def test_a_calendar_without_working_days_is_refused(site):
    def idle(rows):
        for row in rows:
            row["workday"] = "false"
            row["holiday"] = row["holiday"] or "Libur"

    _edit_csv(site, "calendar.csv", idle)
    _refused(site, "lebih dari 60 hari libur Senin-Jumat")


def test_a_weekend_working_day_and_an_unnamed_day_off_are_refused(site):
    def saturday(rows):
        row = next(r for r in rows if dt.date.fromisoformat(r["date"]).weekday() == 5)
        row["workday"] = "true"

    _edit_csv(site, "calendar.csv", saturday)
    _refused(site, "hari Sabtu/Minggu ditandai hari kerja")

    def unnamed(rows):  # the Saturday back to a day off; a working Wednesday made one, unnamed
        for row in rows:
            if dt.date.fromisoformat(row["date"]).weekday() >= 5:
                row["workday"] = "false"
        wednesday = next(
            r
            for r in rows
            if dt.date.fromisoformat(r["date"]).weekday() == 2 and r["workday"] == "true"
        )
        wednesday["workday"], wednesday["holiday"] = "false", ""

    _edit_csv(site, "calendar.csv", unnamed)
    _refused(site, "hari libur tanpa nama libur")


def test_a_figures_reference_date_other_than_the_manifests_is_refused(site):
    _set_column(site, "figures.csv", "reference_date", "2026-09-01")
    _refused(site, "tanggal acuan figures.csv 2026-09-01 tidak sama dengan kanal.json")


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-10-31", "2025-11-01"), ("2025-11-01", "2101-01-01"), ("1900-01-01", "2026-10-31")],
)
def test_a_period_that_is_no_period_is_refused(site, start, end):
    _edit_manifest(site, lambda doc: doc["complaints"].update(period_start=start, period_end=end))
    _refused(site, "periode aduan")


def test_a_calendar_year_still_in_progress_is_a_period(site):
    """A regency may report the calendar year it is in (the period ends after the reference
    date): an adversarial review found such a member refused."""
    _edit_manifest(site, lambda doc: doc["complaints"].update(period_end="2026-12-31"))
    assert _read(site).status == "ok", _read(site).reason


def test_a_member_read_past_its_deadline_keeps_no_figures(site, monkeypatch):
    """The registry is read in a thread that a deadline cannot stop: what it reads after the
    deadline must not refill the emptied result."""
    from generator.feeds.fetch import FetchConfig
    from generator.province import collect
    from generator.province.members import Member
    from generator.safeinput.problems import Location

    member = Member(REMBANG, "Kabupaten Rembang", "https://rembang.example", None, Location("x"))

    class Folder(collect._Source):
        async def read(self, name, limit, too_large="unreachable"):
            return (site / "data" / name).read_bytes()

    real = collect._figures

    def slow(*args):
        time.sleep(0.3)
        return real(*args)

    monkeypatch.setattr(collect, "_Source", Folder)
    monkeypatch.setattr(collect, "_figures", slow)
    cfg = FetchConfig(timeout=0.05, workers=1)
    result = run_sync(collect._read_member(member, TODAY, {}, None, cfg))
    # run_sync returned (asyncio.run): the thread has ended and had its chance to write
    assert result.status == "unreachable"
    assert (result.agencies, result.accounts, result.opd, result.desa) == ([], [], None, None)


# -- coverage a member did not earn ------------------------------------------------------


def test_one_account_claimed_by_every_agency_is_refused(site):
    def shared(rows):
        template = next(r for r in rows if r["status"] == "active")
        for row in rows:
            row.update(platform=template["platform"], url=template["url"], status="active")

    _edit_csv(site, "accounts.csv", shared)
    _refused(site, "diakui oleh dua instansi")


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "https://evil.example/"])
def test_an_active_account_that_names_no_account_is_refused(site, url):
    def fake(rows):
        row = next(r for r in rows if r["status"] == "active")
        row["url"] = url

    _edit_csv(site, "accounts.csv", fake)
    _refused(site, "tidak sah")


def test_an_unknown_kind_and_a_second_agency_with_one_id_are_refused(site):
    _edit_csv(site, "agencies.csv", lambda rows: rows[0].update(kind="zzz"))
    _refused(site, "agencies.csv baris 2: jenis instansi 'zzz' tidak dikenal")
    _edit_csv(site, "agencies.csv", lambda rows: rows[0].update(kind="dinas"))
    assert _read(site).status == "ok"
    _edit_csv(site, "agencies.csv", lambda rows: rows.append(dict(rows[-1])))
    _refused(site, "' ganda")


def test_a_name_long_enough_to_multiply_the_index_is_cut(site):
    """A regency may name an agency at any length; the province keeps NAME_MAX characters of
    it (its finder repeats a kecamatan's name in each village's row)."""

    def long(rows):
        rows[1]["name"] = "Kecamatan " + "x" * 120_000

    _edit_csv(site, "agencies.csv", long)
    result = _read(site)
    assert result.status == "ok", result.reason
    names = [a[1] for a in result.agencies]
    assert max(map(len, names)) == NAME_MAX and any(n.endswith("\u2026") for n in names)


# -- figures hidden while their records are published ----------------------------------------


def test_complaint_figures_hidden_beside_their_records_are_refused(site):
    _edit_manifest(site, lambda doc: doc.update(complaints=None))
    _refused(site, "tidak memuat angka aduan, padahal catatan complaints.csv diterbitkan")


def test_posting_figures_hidden_beside_their_records_are_refused(site):
    def hide(doc):
        doc["activity"] = None
        for level in doc["coverage"]:
            level["posting_30"] = None

    _edit_manifest(site, hide)
    _refused(site, "tidak memuat angka unggahan")


def test_coverage_hidden_is_refused(site):
    _edit_manifest(site, lambda doc: doc.update(coverage=[]))
    _refused(site, "tidak memuat angka cakupan akun")


# -- a member's time bounds the parse of its records, not only its downloads ----------------


def test_records_read_past_the_deadline_stop(monkeypatch):
    body = ("date,agency\n" + "2026-11-20,a\n" * (rec.DEADLINE_EVERY * 3)).encode()
    token = rec.DEADLINE.set(time.monotonic() - 1)
    try:
        with pytest.raises(rec.OutOfTime):
            sum(1 for _ in rec.rows(body, "calendar.csv"))
    finally:
        rec.DEADLINE.reset(token)
    assert sum(1 for _ in rec.rows(body, "calendar.csv")) == rec.DEADLINE_EVERY * 3


def test_a_member_whose_records_outlast_its_time_is_unreachable(site, monkeypatch):
    """The parse runs in a thread (the other members' downloads go on) and looks at the
    member's deadline; a member over it is never shown as verified."""
    from generator.feeds.fetch import FetchConfig
    from generator.province import collect
    from generator.province.members import Member
    from generator.safeinput.problems import Location

    member = Member(REMBANG, "Kabupaten Rembang", "https://rembang.example", None, Location("x"))

    class Folder(collect._Source):
        async def read(self, name, limit, too_large="unreachable"):
            return (site / "data" / name).read_bytes()

    slow = rec.rows

    def crawl(*args, **kwargs):
        for row in slow(*args, **kwargs):
            time.sleep(0.001)
            yield row

    monkeypatch.setattr(collect, "_Source", Folder)
    monkeypatch.setattr(rec, "DEADLINE_EVERY", 1)
    monkeypatch.setattr(rec, "rows", crawl)
    cfg = FetchConfig(timeout=0.02, workers=1)
    result = run_sync(collect._read_member(member, TODAY, {}, None, cfg))
    assert result.status == "unreachable", (result.status, result.reason)
    assert "waktu habis" in (result.reason or "")


def test_a_missing_member_folder_does_not_publish_the_machines_path(tmp_path):
    """The reason is shown on the page and in provinsi.csv: no absolute path of the build
    machine in it (a journalist found /tmp/... published)."""
    result = read_folder(tmp_path / "nowhere" / "site", REMBANG, "Kabupaten Rembang", TODAY)
    assert result.status == "unreachable"
    assert str(tmp_path) not in (result.reason or "")
    assert "data/kanal.json tidak ada di folder situs anggota" in (result.reason or "")


def test_members_with_equal_coverage_share_a_rank():
    """Two members at 0 of 249 and 0 of 235 desa and 0 kecamatan were ranked 7 and 8; equal
    keys share a rank now (1, 2, 2, 4), as on a regency's ranking."""
    from generator.province.collect import Level, MemberResult
    from generator.province.members import Member
    from generator.province.render import rows_of
    from generator.registry import regions
    from generator.safeinput.problems import Location

    def member(code: str, desa: tuple[int, int], kec: tuple[int, int]) -> MemberResult:
        m = Member(code, code, None, None, Location("x"))
        return MemberResult(
            m, "ok", desa=Level(desa[1], desa[1], desa[0]), kecamatan=Level(kec[1], kec[1], kec[0])
        )

    results = [
        member("33.16", (5, 100), (1, 10)),
        member("33.17", (0, 249), (0, 14)),
        member("33.18", (0, 235), (0, 19)),
        member("33.19", (0, 50), (0, 0)),  # no official kecamatan: share unknown, below 0
    ]
    ranks = {r.code: r.rank for r in rows_of(results, "33", regions.reference_codes())}
    assert (ranks["33.16"], ranks["33.17"], ranks["33.18"], ranks["33.19"]) == (1, 2, 2, 4)
