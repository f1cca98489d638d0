"""Accounts read in groups (generator.feeds.historyread) give what reading them one by one gave:
the same compact histories (collect_group against one account at a time, the former
``collect``, kept here as the reference) and the same post-record files,
byte for byte (PostRecords.add_group against add), on random stores: accounts with no post,
one or many, equal times, lines out of time order, posts after the reference date, years
outside the zone's fixed offset and several offsets in one group."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace as dataclass_replace
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.feeds.activity import load_history, theme_patterns
from generator.feeds.history import (
    LATEST,
    THEME_DAYS,
    AccountHistory,
    collect,
    collect_group,
    local_days,
    made_for,
)
from generator.feeds.postrecords import PostRecords
from generator.feeds.store import check_line, check_texts, clean_titles, record_post
from generator.feeds.storebatch import Batch, check_text, from_pairs
from generator.registry.models import Platform, Theme
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, TODAY, same_tree

THEMES = theme_patterns(
    (
        Theme("tani", "Pertanian", ("pertanian", "petani")),
        Theme("umkm", "UMKM", ("UMKM",)),
    )
)
TITLES = [
    "Panen raya petani desa",
    "Pelatihan UMKM, pasar dan petani",
    'Rapat "musrenbang" kecamatan',
    "=SUM(A1) bukan rumus",
    "  spasi   ganda  ",
    "Kerja bakti",
]
BASE = dt.datetime(2026, 11, 22, tzinfo=dt.timezone(dt.timedelta(hours=7)))
ODD = ["1900-01-01T00:00+07:00", "2150-06-01T12:00+07:00"]


def _stamp(minutes: int, offset: int) -> str:
    zone = dt.timezone(dt.timedelta(hours=offset))
    return (BASE + dt.timedelta(minutes=minutes)).astimezone(zone).isoformat(timespec="minutes")


stamps = st.one_of(
    # mostly the last ~200 days and a few after the reference date; many equal minutes
    st.builds(_stamp, st.integers(-200 * 1440, 3 * 1440).map(lambda m: m - m % 720), st.just(7)),
    st.builds(_stamp, st.integers(-30 * 1440, 1440), st.sampled_from([7, 8, 0])),
    st.sampled_from(ODD),
)
posts = st.fixed_dictionaries(
    {"t": stamps, "n": st.sampled_from(TITLES), "u": st.integers(0, 50)},
    optional={"e": st.just(1)},
)
accounts = st.lists(st.lists(posts, max_size=14), max_size=7)


def _batch(account: list[dict]) -> Batch:
    lines = []
    for i, rec in enumerate(account):
        rec = {**rec, "u": f"https://x.id/p/{rec['u']}/{i}"}
        lines.append(json.dumps(rec, sort_keys=True, separators=(",", ":")))
    return from_pairs([check_line(line) for line in lines])


def _columns(batch: Batch, zone: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    times = batch.times()
    return clean_titles(batch.titles), times, local_days(times, zone)


def _post_at(batch: Batch, titles: list[str], i: int):
    return record_post(batch.whens[i], batch.recs[i], titles[i])


def _whole(parts: list[Batch]) -> Batch:
    whole = Batch()
    for part in parts:
        whole.extend(part)
    return whole


def _alone(to_post, to_title, today, zone, patterns, times, days) -> AccountHistory:
    """One account's history as generator.feeds.history.collect made it before groups: the
    reference the grouped code is compared with."""
    last = today.toordinal()
    kept = np.flatnonzero(days <= last)
    # Newest first; among equal times the stored order, as a stable sort by time would give.
    order = kept[np.argsort(-times[kept], kind="stable")][:LATEST]
    latest = [to_post(i) for i in order.tolist()]
    themes: Counter[str] = Counter()
    if patterns:
        recent = kept[days[kept] > last - THEME_DAYS]
        for i in recent.tolist():
            text = to_title(i).casefold()
            for theme_id, pattern, words in patterns:
                if any(w in text for w in words) and pattern.search(text):
                    themes[theme_id] += 1
    return AccountHistory(
        np.sort(days[kept]).astype(np.int32),
        latest,
        dict(themes),
        made_for(today, zone, patterns),
    )


@settings(max_examples=150, deadline=None)
@given(accounts, st.sampled_from(["Asia/Jakarta", "Asia/Jayapura"]), st.booleans())
def test_histories_of_a_group_are_those_of_each_account(group, zone, themed):
    patterns = THEMES if themed else []
    parts = [_batch(account) for account in group]
    expected = []
    for part in parts:
        titles, times, days = _columns(part, zone)
        expected.append(
            _alone(
                partial(_post_at, part, titles),
                titles.__getitem__,
                TODAY,
                zone,
                patterns,
                times,
                days,
            )
        )
    whole = _whole(parts)
    titles, times, days = _columns(whole, zone)
    got = collect_group(
        [len(p) for p in parts],
        times,
        days,
        partial(_post_at, whole, titles),
        titles.__getitem__,
        TODAY,
        zone,
        patterns,
    )
    # collect: one account (its times and dates computed from the posts' times).
    alone = []
    for part in parts:
        titles = clean_titles(part.titles)
        alone.append(
            collect(
                part.whens,
                partial(_post_at, part, titles),
                titles.__getitem__,
                TODAY,
                zone,
                patterns,
            )
        )
    assert len(got) == len(alone) == len(expected)
    for one, single, reference in zip(got, alone, expected, strict=True):
        for history in (one, single):
            assert history.days.dtype == reference.days.dtype == np.int32
            assert history.days.tolist() == reference.days.tolist()
            assert history.latest == reference.latest
            assert list(history.themes.items()) == list(reference.themes.items())
            assert history.made_for == reference.made_for


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(accounts, st.integers(1, 40))
def test_records_of_a_group_are_the_bytes_of_each_account(tmp_path_factory, group, chunk):
    zone = "Asia/Jakarta"
    parts = [_batch(account) for account in group]
    owners = [
        (f"instansi-{k}", SimpleNamespace(platform=Platform.INSTAGRAM, url=f"https://a.id/{k}"))
        for k in range(len(parts))
    ]
    one, many = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("many")
    writer = PostRecords(one, zone, TODAY)
    writer.CHUNK = chunk
    for (agency, account), part in zip(owners, parts, strict=True):
        titles, times, days = _columns(part, zone)
        writer.add(agency, account, part, titles, times, days)
    writer.close()
    writer = PostRecords(many, zone, TODAY)
    writer.CHUNK = chunk
    whole = _whole(parts)
    titles, times, days = _columns(whole, zone)
    writer.add_group(owners, [len(p) for p in parts], whole, titles, times, days)
    writer.close()
    same_tree(one, many)


GOOD = [
    json.dumps({"n": f"Kabar {i}", "t": "2026-11-01T10:00+07:00", "u": f"https://x.id/{i}"})
    for i in range(3)
]
FILES = ["", "\n", GOOD[0], GOOD[1] + "\n", GOOD[0] + "\n" + GOOD[2], GOOD[2] + "\n\n"]
FILES += ["x\n" + GOOD[1], GOOD[0] + "\r\n", "{" + GOOD[1] + "\n", GOOD[1][:-1] + "\n"]


@given(st.lists(st.sampled_from(FILES), max_size=6))
def test_texts_checked_together_are_each_text_checked_alone(texts):
    """check_texts accepts exactly when every file is accepted alone, and then gives each
    file's posts, in order, and their numbers."""
    alone = [check_text(text) for text in texts]
    found = check_texts(texts)
    if None in alone:
        assert found is None
        return
    assert found is not None
    whole, sizes = found
    assert sizes == [len(batch) for batch in alone]
    assert whole.recs == [rec for batch in alone for rec in batch.recs]
    assert whole.whens == [when for batch in alone for when in batch.whens]


def test_a_bad_line_in_a_group_is_located_and_the_other_files_read(tmp_path: Path):
    """One bad line among many good files: the whole group is read file by file, the line is
    reported with its file and number, and every good post is kept."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None
    keys = [a.key for ag in directory.agencies.values() for a in ag.active_accounts]
    root = data / "posts"
    for n, key in enumerate(keys):
        platform, _, name = key.partition(":")
        folder = root / platform / name
        folder.mkdir(parents=True, exist_ok=True)
        lines = [
            json.dumps({"n": f"Kabar {i}", "t": _stamp(-1440 * i, 7), "u": f"https://x.id/{n}/{i}"})
            for i in range(5)
        ]
        if n == 1:
            lines[2] = '{"n": "rusak"'
        (folder / "2026.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    history = load_history(data, directory, problems)
    assert [str(p) for p in problems.errors] and len(problems.errors) == 1
    shown = str(problems.errors[0])
    assert "2026.jsonl:3" in shown and "baris riwayat unggahan rusak" in shown
    counts = {key: history.posts[key].count for key in keys}
    assert counts == {key: (4 if n == 1 else 5) for n, key in enumerate(keys)}


@settings(max_examples=50, deadline=None)
@given(accounts, st.booleans())
def test_a_history_pickles_to_an_equal_one(group, zoned):
    """The check stage's worker sends the History pickled as columns (history.pack): every
    account's dates, newest posts (their times in the same offset, or the same zone when a
    post carries a zone rather than an offset), themes and key come back equal."""
    import pickle
    from zoneinfo import ZoneInfo

    from generator.feeds.activity import History
    from generator.feeds.history import from_posts

    zone = "Asia/Jakarta"
    posts = {}
    for k, account in enumerate(group):
        part = _batch(account)
        titles, times, days = _columns(part, zone)
        made = [_post_at(part, titles, i) for i in range(len(part))]
        if zoned and k % 2:
            tz = ZoneInfo(zone)
            made = [dataclass_replace(p, time=p.time.astimezone(tz)) for p in made]
        posts[f"instagram:akun{k}"] = from_posts(made, TODAY, zone, THEMES)
    history = History(posts, {"instagram:akun0": {"ok": True}}, Path("data/posts"), None)
    back = pickle.loads(pickle.dumps(history, protocol=pickle.HIGHEST_PROTOCOL))
    assert list(back.posts) == list(history.posts)
    assert (back.status, back.root, back.records) == (history.status, history.root, None)
    for key, one in history.posts.items():
        other = back.posts[key]
        assert other.days.dtype == one.days.dtype and other.days.tolist() == one.days.tolist()
        assert other.latest == one.latest
        assert [(p.time.isoformat(), p.time.tzinfo) for p in other.latest] == [
            (p.time.isoformat(), p.time.tzinfo) for p in one.latest
        ]
        assert other.themes == one.themes and other.made_for == one.made_for
