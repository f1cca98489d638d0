"""The post records are written from the check stage's one pass over the stored posts
(generator.feeds.postrecords): the same files, byte for byte, as the former writer that read
every post again (converted one by one with astimezone, written by csv.writer), and the store
is not read a second time."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.pipeline import build
from generator.feeds import activity as act
from generator.feeds.history import local_days, post_times
from generator.feeds.opendata import write_post_data
from generator.feeds.postrecords import PostRecords, csv_field, csv_prefix
from generator.feeds.store import Store, record_title
from generator.opendata.cells import spreadsheet_text
from generator.opendata.gz import gzip_bytes
from generator.registry.validate import load_directory
from generator.safeinput.problems import InvalidData, Problems
from tests.conftest import ROOT, TODAY, same_tree

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def _reference(directory, store: Store) -> tuple[dict[int, bytes], list[tuple]]:
    """The former writer (generator/feeds/opendata.py before the single pass): per account,
    each post converted with astimezone, sorted by time, by local year; CSV by csv.writer."""
    zone = ZoneInfo(directory.region.timezone)
    years: dict[int, list[list[str]]] = {}
    table: list[tuple] = []
    for agency in directory.agencies.values():
        for account in agency.active_accounts:
            posts = []
            for when, rec in store.scan(account.key):
                local = when.astimezone(zone)
                if local.date() > directory.today:
                    continue
                row = [
                    agency.id,
                    account.platform.value,
                    account.url,
                    local.isoformat(timespec="minutes"),
                    local.date().isoformat(),
                    bool(rec.get("e")),
                    rec.get("u"),
                    record_title(rec),
                ]
                posts.append((local, row))
            posts.sort(key=lambda p: p[0])
            by_year: dict[int, list[list]] = {}
            for local, row in posts:
                by_year.setdefault(local.year, []).append(row)
            for year, rows in sorted(by_year.items()):
                table.extend(tuple(r) for r in rows)
                years.setdefault(year, []).extend(
                    [
                        ""
                        if v is None
                        else ("true" if v else "false")
                        if isinstance(v, bool)
                        else spreadsheet_text(v)
                        for v in r
                    ]
                    for r in rows
                )
    files = {}
    for year, rows in years.items():
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(
            ["agency", "platform", "account", "time", "date", "estimated", "link", "title"]
        )
        writer.writerows(rows)
        files[year] = gzip_bytes(text.getvalue().encode("utf-8"))
    return files, table


def _edited_demo(tmp_path: Path) -> Path:
    """The demo data with the posts the fast paths must get right: a year 1900 (outside the
    zone's fixed offset), one after the reference date, one at the same minute as another,
    titles a spreadsheet would run or csv.writer quotes, a link with a comma, an estimated
    time, another time zone in the stored time."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    folder = next(p for p in sorted((data / "posts" / "instagram").iterdir()) if any(p.iterdir()))
    base = "https://www.instagram.com/p/uji"
    lines = [
        {"n": "=HYPERLINK(1)", "t": "1900-03-01T08:00+07:00", "u": f"{base}1"},
        {"n": 'Kata "kutip", koma', "t": "2026-11-21T23:30+00:00", "u": f"{base}2,x"},
        {"n": "-minus", "t": "2026-11-21T23:30+00:00", "u": f"{base}3", "e": 1},
        {"n": "Besok", "t": "2026-12-30T10:00+07:00", "u": f"{base}4"},
        {"n": "Tahun lalu, WITA", "t": "2025-12-31T23:30+08:00", "u": f"{base}5"},
        {"n": "@akun", "t": "2026-01-01T00:10+09:00", "g": "guid-6"},
    ]
    with (folder / "2026.jsonl").open("a", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return data


def _directory(data: Path):
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None and not problems.errors
    return directory


def _published(out: Path) -> tuple[dict[int, bytes], list[tuple]]:
    files = {int(p.name[6:10]): p.read_bytes() for p in out.glob("posts-*.csv.gz")}
    db = sqlite3.connect(out / "posts.sqlite")
    rows = db.execute("SELECT * FROM posts ORDER BY rowid").fetchall()
    db.close()
    return files, [(*r[:5], bool(r[5]), *r[6:]) for r in rows]


def test_records_of_the_single_pass_equal_the_former_writer_byte_for_byte(tmp_path):
    data = _edited_demo(tmp_path)
    directory = _directory(data)
    problems = Problems()
    history = act.load_history(data, directory, problems, records=tmp_path / "records")
    assert not problems.errors and history.records == tmp_path / "records"
    figures = act.compute(directory, history.posts, history.status)
    out = tmp_path / "out"
    write_post_data(directory, figures, history, out)
    files, table = _reference(directory, Store(data / "posts"))
    got_files, got_table = _published(out)
    assert sorted(got_files) == [1900, 2025, 2026]
    assert got_files == files  # the compressed bytes, not only what they hold
    assert got_table == table
    texts = {year: gzip.decompress(raw) for year, raw in files.items()}
    got_texts = {year: gzip.decompress(raw) for year, raw in got_files.items()}
    # Spot checks of what the fast paths handle: the hand-edited 1900 in Jakarta's local
    # mean time, a UTC time shown in WIB, a title csv.writer quotes, a link with a comma.
    assert b"1900-03-01T08:07+07:07:12,1900-03-01," in texts[1900]
    assert (
        b'2026-11-22T06:30+07:00,2026-11-22,false,"https://www.instagram.com/p/uji2,x",'
        in (got_texts[2026])
    )
    assert b'"Kata ""kutip"", koma"' in got_texts[2026]
    assert b"'=HYPERLINK(1)" in got_texts[1900] and b"Besok" not in got_texts[2026]


def test_the_serve_path_reads_the_store_and_writes_the_same_files(tmp_path):
    """``kanal serve`` keeps histories between rounds, so it writes the records from the
    store: the same writer, the same bytes as the check stage's pass."""
    data = _edited_demo(tmp_path)
    directory = _directory(data)
    problems = Problems()
    passed = act.load_history(data, directory, problems, records=tmp_path / "records")
    figures = act.compute(directory, passed.posts, passed.status)
    write_post_data(directory, figures, passed, tmp_path / "a")
    plain = act.load_history(data, directory, problems)
    assert plain.records is None
    write_post_data(directory, figures, plain, tmp_path / "b")
    same_tree(tmp_path / "a", tmp_path / "b")


def test_the_open_data_worker_does_not_read_the_store_again(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    directory = _directory(data)
    problems = Problems()
    history = act.load_history(data, directory, problems, records=tmp_path / "records")
    figures = act.compute(directory, history.posts, history.status)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the stored posts were read a second time")

    monkeypatch.setattr(Store, "scan", refuse)
    resources = write_post_data(directory, figures, history, tmp_path / "out")
    assert any(r["path"].startswith("posts-") for r in resources)
    assert not any((tmp_path / "records").iterdir())  # moved, not copied


def test_a_build_leaves_no_private_records_folder(tmp_path, project_copy):
    """The folder the check stage writes the records into is removed, also when the data
    turns out invalid (nothing of it is published)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "region.yml").write_text(
        (data / "region.yml").read_text(encoding="utf-8") + "\nbukan_medan: 1\n", encoding="utf-8"
    )
    build_folder = project_copy.docs.parent
    with pytest.raises(InvalidData):
        build(data, tmp_path / "site", project_copy, TODAY)
    assert not list(build_folder.glob(".docs-*-posts-*"))


instants = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)).map(
    lambda d: d.replace(tzinfo=dt.UTC)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(instants, min_size=1, max_size=20), st.sampled_from(ZONES))
def test_local_time_date_and_year_equal_astimezone(tmp_path_factory, whens, zone):
    """The numpy columns (fixed offset 1970-2100, astimezone outside) equal what the former
    writer computed with astimezone for each post."""
    records = PostRecords(tmp_path_factory.mktemp("rec"), zone, dt.date(9999, 12, 31))
    times = post_times(whens)
    days = local_days(times, zone)
    stamps, dates, years, _, _ = records._local(times, days, whens.__getitem__)
    records.close()
    for when, stamp, date, year in zip(whens, stamps, dates, years.tolist(), strict=True):
        try:
            local = when.astimezone(ZoneInfo(zone))
        except OverflowError:
            continue
        assert stamp == local.isoformat(timespec="minutes")
        assert date == local.date().isoformat() and year == local.year


@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_csv_fields_are_written_as_csv_writer_writes_them(cells):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([spreadsheet_text(c) for c in cells])
    line = out.getvalue()
    head = csv_prefix(*cells[:3])
    rest = [csv_field(spreadsheet_text(c)) for c in cells[3:]]
    if len(cells) == 1 and not cells[0]:
        return  # csv.writer quotes a lone empty field; records have eight
    assert head + ",".join(rest) + "\n" == (line if rest else line[:-1] + ",\n")
