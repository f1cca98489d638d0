"""The compact history and vectorized figures give exactly the figures of the old per-post
computation (kept here as the reference), on random histories and on the demo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import pickle
import random
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.feeds import activity as act
from generator.feeds import render as feeds_render
from generator.feeds.history import from_posts, local_days
from generator.feeds.parse import Post
from generator.feeds.store import Store
from generator.registry.models import Theme
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import FIXTURES, ROOT, TODAY

KEYS = ["instagram:dinkes.uji", "x:dinkesuji", "instagram:kec.laweyan"]
ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
THEMES = (
    Theme("tani", "Pertanian", ("pertanian", "petani")),
    Theme("umkm", "UMKM", ("UMKM",)),
)


# -- the reference: compute() as it was, one Post at a time ---------------------------------


def old_account_stats(posts, account, feed, today, series, tz) -> act.Stats:
    stats = act.Stats()
    index = {start: i for i, start in enumerate(series)}
    for post in posts:
        day = post.time.astimezone(tz).date()
        age = (today - day).days
        stats.posts_7 += age < 7
        stats.posts_30 += age < 30
        stats.posts_90 += age < 90
        if stats.last_post is None or day > stats.last_post:
            stats.last_post = day
        i = index.get(act.monday(day))
        if i is not None:
            stats.weekly[i] += 1
    failing = bool(account.feed) and (
        feed.get("url") != account.feed
        or not feed.get("ok")
        or int(feed.get("fails", 0)) >= act.FAILING_AFTER
    )
    if failing:
        stats.status = act.Status.FAILING
    elif stats.last_post is None:
        stats.status = act.Status.DORMANT if account.feed else act.Status.NO_FEED
    else:
        idle = (today - stats.last_post).days
        stats.status = (
            act.Status.ACTIVE
            if idle < act.QUIET_DAYS
            else act.Status.QUIET
            if idle < act.DORMANT_DAYS
            else act.Status.DORMANT
        )
    return stats


def old_compute(directory, histories, feed_status) -> dict[str, Any]:
    """The old compute(), reduced to the figures it produced."""
    today = directory.today
    tz = ZoneInfo(directory.region.timezone)
    last = act.last_complete_week(today)
    series = [last - dt.timedelta(days=7 * i) for i in reversed(range(act.SERIES_WEEKS))]
    patterns = act.theme_patterns(directory.region.themes)
    agencies = {}
    first = None
    for agency in directory.agencies.values():
        accounts, weeks, themes = [], Counter(), Counter()
        total = act.Stats()
        latest = []
        for account in agency.active_accounts:
            posts = [
                p for p in histories.get(account.key, []) if p.time.astimezone(tz).date() <= today
            ]
            posts.sort(key=lambda p: p.time, reverse=True)
            feed = feed_status.get(account.key, {})
            stats = old_account_stats(posts, account, feed, today, series, tz)
            accounts.append((account.key, stats, len(posts)))
            total.add(stats)
            latest.extend((p, account.key) for p in posts[: act.LATEST])
            for post in posts:
                day = post.time.astimezone(tz).date()
                weeks[act.monday(day)] += 1
                if first is None or act.monday(day) < first:
                    first = act.monday(day)
                if (today - day).days < 90 and patterns:
                    text = post.title.casefold()  # themes read titles (published)
                    for theme_id, pattern, _ in patterns:
                        if pattern.search(text):
                            themes[theme_id] += 1
        statuses = [s.status for _, s, _ in accounts] or [act.Status.NO_FEED]
        total.status = min(statuses, key=act.STATUS_ORDER.index)
        latest.sort(key=lambda pa: pa[0].time, reverse=True)
        agencies[agency.id] = {
            "accounts": accounts,
            "stats": total,
            "weeks": dict(weeks),
            "themes": dict(themes),
            "latest": latest[: act.LATEST],
        }
    return {"agencies": agencies, "first": first, "series": series}


def figures(activity: act.Activity) -> dict[str, Any]:
    """The new Activity reduced like old_compute's result."""
    return {
        "agencies": {
            aid: {
                "accounts": [(a.account.key, a.stats, a.posts) for a in ag.accounts],
                "stats": ag.stats,
                "weeks": dict(ag.weeks),
                "themes": ag.themes,
                "latest": [(p, acc.key) for p, acc in ag.latest],
            }
            for aid, ag in activity.agencies.items()
        },
        "first": activity.first_week,
        "series": activity.series_weeks,
    }


def summary_of_old(directory, old) -> tuple:
    """Level, theme and total figures, derived from old agency figures as compute() did."""
    levels = []
    grand = act.Stats()
    for level in act.Level:
        members = [old["agencies"][a.id] for a in directory.by_level(level)]
        if not members:
            continue
        stats = act.Stats()
        for m in members:
            stats.add(m["stats"])
        grand.add(stats)
        monitored = [
            m
            for m, a in zip(members, directory.by_level(level), strict=True)
            if any(acc.feed for acc in a.active_accounts) or any(n for _, _, n in m["accounts"])
        ]
        levels.append((level, len(members), len(monitored), stats))
    themes = [
        sum(m["themes"].get(t.id, 0) for m in old["agencies"].values())
        for t in directory.region.themes
    ]
    return levels, themes, grand


def summary_of_new(activity: act.Activity) -> tuple:
    levels = [(lv.level, lv.total, lv.monitored, lv.stats) for lv in activity.levels]
    return levels, [t.posts for t in activity.themes], activity.total


# -- random histories ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny():
    d = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert d is not None
    region = dataclasses.replace(d.region, themes=THEMES)
    agencies = dict(d.agencies)
    for aid, agency in agencies.items():  # a feed on the first account: statuses vary
        accounts = [
            dataclasses.replace(a, feed="https://contoh.go.id/feed") if a.key == KEYS[0] else a
            for a in agency.accounts
        ]
        agencies[aid] = dataclasses.replace(agency, accounts=accounts)
    return dataclasses.replace(d, region=region, agencies=agencies)


# Days around every boundary: after today, today, the 7/30/90-day edges, the series' weeks.
DAYS = [-400, -3, -1, 0, 1, 2, 6, 7, 8, 13, 14, 15, 29, 30, 31, 83, 84, 85, 89, 90, 91, 120]
OFFSETS = [-5 * 60, 0, 7 * 60, 8 * 60, 9 * 60, 9 * 60 + 30, 14 * 60]  # minutes, any writer's
WORDS = ["Panen", "PETANI", "umkm", "pertaniannya", "Kepetanian", "rapat", "UMKM-nya", ""]

posts_st = st.builds(
    lambda ago, hour, minute, micro, offset, words, n: Post(
        f"id-{n}",
        f"https://contoh.go.id/{n}",
        dt.datetime(
            *(TODAY - dt.timedelta(days=ago)).timetuple()[:3],
            hour,
            minute,
            0,
            micro,
            tzinfo=dt.timezone(dt.timedelta(minutes=offset)),
        ),
        " ".join(words[:-1]),
        words[-1],
    ),
    st.sampled_from(DAYS),
    st.sampled_from([0, 1, 7, 8, 9, 15, 16, 17, 22, 23]),
    st.sampled_from([0, 59]),
    st.sampled_from([0, 0, 1]),
    st.sampled_from(OFFSETS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.integers(0, 30),  # few distinct ids: equal times and duplicates happen
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.dictionaries(st.sampled_from(KEYS), st.lists(posts_st, max_size=30)),
    st.sampled_from([{}, {"url": "https://contoh.go.id/feed", "ok": "x", "fails": 0}]),
    st.sampled_from([TODAY, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=3)]),
)
def test_compute_equals_the_old_computation(tiny, zone, histories, feed, today):
    d = dataclasses.replace(tiny, region=dataclasses.replace(tiny.region, timezone=zone))
    d = dataclasses.replace(d, today=today)
    status = {KEYS[0]: feed}
    new = act.compute(d, histories, status)
    old = old_compute(d, histories, status)
    assert figures(new) == old
    assert summary_of_new(new) == summary_of_old(d, old)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.lists(
        st.one_of(
            st.integers(-(2**40), 2**40),  # seconds: years about -30000..36000, clamped below
            st.integers(-3 * 10**9, 5 * 10**9),  # 1875..2128: both sides of the fixed range
        ),
        max_size=20,
    ),
)
def test_local_days_equal_astimezone(zone, seconds):
    tz = ZoneInfo(zone)
    lo = dt.datetime(2, 1, 1, tzinfo=dt.UTC).timestamp()
    hi = dt.datetime(9998, 1, 1, tzinfo=dt.UTC).timestamp()
    seconds = [min(max(s, int(lo)), int(hi)) for s in seconds]
    expected = [
        dt.datetime.fromtimestamp(s, dt.UTC).astimezone(tz).date().toordinal() for s in seconds
    ]
    times = np.array(seconds, dtype=np.int64) * 1_000_000
    assert local_days(times, zone).tolist() == expected


@pytest.mark.parametrize("zone", ZONES)
def test_local_days_equal_astimezone_from_1875_to_2130(zone):
    """Many instants, half of them within a minute of a local midnight of its era."""
    tz = ZoneInfo(zone)
    rng = np.random.default_rng(7)
    lo, hi = -3 * 10**9, 5 * 10**9
    spread = rng.integers(lo, hi, 20_000)
    midnights = (rng.integers(lo, hi, 20_000) // 86400) * 86400 + rng.integers(-3600, 3600, 20_000)
    seconds = np.concatenate([spread, midnights]).tolist()
    expected = [
        dt.datetime.fromtimestamp(s, dt.UTC).astimezone(tz).date().toordinal() for s in seconds
    ]
    assert local_days(np.array(seconds, dtype=np.int64) * 1_000_000, zone).tolist() == expected


def test_equal_times_keep_the_stored_order_in_the_latest(tiny):
    """Forty posts of one minute: the page shows the first ten stored, as a stable sort did."""
    when = dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    posts = [Post(f"p{i:02d}", None, when, f"Unggahan {i}") for i in range(40)]
    posts.insert(20, Post("newer", None, when + dt.timedelta(minutes=1), "Terbaru"))
    latest = act.compute(tiny, {KEYS[0]: posts}, {}).agencies["dinas-kesehatan"].latest
    assert [p.ident for p, _ in latest] == ["newer", *(f"p{i:02d}" for i in range(9))]


def test_a_history_made_for_another_day_is_refused(tiny):
    history = from_posts([], TODAY - dt.timedelta(days=1), "Asia/Jakarta", [])
    with pytest.raises(ValueError, match="riwayat dibaca untuk tanggal"):
        act.compute(tiny, {KEYS[0]: history}, {})


# -- the real reading path --------------------------------------------------------------


def _compare_loaded(data: Path) -> act.Activity:
    """Figures from load_history equal the old computation over Store.read's posts."""
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    assert directory is not None
    history = act.load_history(data, directory, problems)
    assert not problems.errors
    store = Store(data / act.POSTS_DIR)
    posts = {
        acc.key: store.read(acc.key).posts
        for agency in directory.agencies.values()
        for acc in agency.active_accounts
    }
    new = act.compute(directory, history.posts, history.status)
    old = old_compute(directory, posts, history.status)
    assert figures(new) == old
    assert summary_of_new(new) == summary_of_old(directory, old)
    return new


def test_demo_figures_are_unchanged():
    new = _compare_loaded(ROOT / "data")
    assert new.total.posts_90 > 100 and new.first_week is not None  # the demo has a history


def test_generated_history_figures_are_unchanged(tmp_path: Path, tiny):
    """A larger stored history (several years, several zones' offsets, hand-written text)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = (data / "region.yml").read_text(encoding="utf-8")
    themes = "themes:\n  - id: tani\n    name: Pertanian\n    keywords: [pertanian, petani]\n"
    (data / "region.yml").write_text(
        region.replace("Asia/Jakarta", "Asia/Makassar") + themes, encoding="utf-8"
    )
    rng = random.Random(12)
    store = Store(data / act.POSTS_DIR)
    for key in KEYS:
        posts = []
        for n in range(rng.randint(300, 900)):
            when = dt.datetime.combine(TODAY, dt.time(12), dt.UTC) - dt.timedelta(
                minutes=rng.randrange(-5 * 1440, 3 * 365 * 1440)
            )
            zone = dt.timezone(dt.timedelta(hours=rng.choice([7, 8, 9, 0])))
            title = rng.choice(["Petani  panen", "Rapat\u202e", " umkm ", "x" * 250, "Pertanian"])
            posts.append(Post(f"{key}-{n}", None, when.astimezone(zone), title))
        assert store.add(key, posts) == len(posts)
    new = _compare_loaded(data)
    assert new.agencies["dinas-kesehatan"].themes["tani"] > 0


def test_load_history_keeps_no_object_per_post(tmp_path: Path):
    """5,000 stored posts: what load_history keeps is a few bytes a post, not a Post each
    (the old list of Posts kept about 430 bytes a post)."""
    import shutil
    import tracemalloc

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    posts = [
        Post(
            f"https://contoh.go.id/p/{n}",
            f"https://contoh.go.id/p/{n}",
            start + dt.timedelta(hours=n),
            f"Kegiatan pelayanan nomor {n} di kecamatan",
        )
        for n in range(5000)
    ]
    Store(data / act.POSTS_DIR).add(KEYS[0], posts)
    directory = load_directory(data, TODAY, Problems())
    assert directory is not None
    problems = Problems()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        history = act.load_history(data, directory, problems)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert not problems.errors
    assert history.posts[KEYS[0]].count == 5000
    assert len(history.posts[KEYS[0]].latest) == act.LATEST
    assert kept < 5000 * 50, kept


# -- the weekly pages: rows ordered once for every week, as the per-week sort did ------------


@functools.cache
def _tiny():
    return load_directory(FIXTURES / "tiny", TODAY, Problems())


def old_week(activity: act.Activity, start: dt.date) -> act.Week:
    """Activity.week as it was: every agency judged and sorted again for each week."""
    before = start - dt.timedelta(days=7)
    rows, unmonitored = [], 0
    for a in activity.agencies.values():
        if not any(x.account.feed or x.posts for x in a.accounts):
            unmonitored += 1
            continue
        rows.append(act.WeekRow(a.agency, a.weeks.get(start, 0), a.weeks.get(before, 0)))
    ranked = sorted(
        (r for r in rows if r.posts), key=lambda r: (-r.posts, r.agency.name.casefold())
    )
    silent = sorted((r for r in rows if not r.posts), key=lambda r: r.agency.name.casefold())
    return act.Week(start, ranked, silent, unmonitored)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Dinas A", "dinas a", "DINAS A", "Dinas B", "Kecamatan Ç", "Desa ß"]),
            st.booleans(),  # monitored
            st.lists(st.integers(0, 3), min_size=3, max_size=3),  # posts in three weeks
        ),
        max_size=25,
    )
)
def test_weekly_rows_are_those_of_the_per_week_sort(agencies):
    template = next(a for a in _tiny().agencies.values() if a.accounts)
    first = act.monday(TODAY) - dt.timedelta(days=21)
    starts = [first + dt.timedelta(days=7 * i) for i in range(3)]
    found: dict[str, act.AgencyActivity] = {}
    for i, (name, monitored, counts) in enumerate(agencies):
        agency = dataclasses.replace(template, id=f"a{i}", name=name)
        unfed = dataclasses.replace(template.accounts[0], feed=None)
        account = act.AccountActivity(unfed, act.Stats(), {}, sum(counts) if monitored else 0, [])
        weeks = Counter({s: c for s, c in zip(starts, counts, strict=True) if c})
        found[agency.id] = act.AgencyActivity(agency, [account], act.Stats(), weeks, {}, [])
    activity = act.Activity(TODAY, found, [], [], starts[0], [], act.Stats())
    week_of = activity.weeks()
    for start in [*starts, starts[-1] + dt.timedelta(days=7)]:
        old, new = old_week(activity, start), week_of(start)
        assert (old.start, old.unmonitored) == (new.start, new.unmonitored)
        assert [(r.agency.id, r.posts, r.previous) for r in old.ranked] == [
            (r.agency.id, r.posts, r.previous) for r in new.ranked
        ]
        assert [r.agency.id for r in old.silent] == [r.agency.id for r in new.silent]
        # The rows are made as they are read (WeekRows): whole, sliced, summed and the
        # silent ones chosen for the page, all as from the plain lists.
        assert [(r.agency.id, r.previous) for r in old.silent] == [
            (r.agency.id, r.previous) for r in new.silent
        ]
        assert (old.posts, old.previous) == (new.posts, new.previous)
        # kanal serve's memo pickles a page's values for its key: the rows as a plain list,
        # not the columns of every monitored agency (which cost each demo edit 0.1 s).
        for rows in (new.ranked, new.silent):
            again = pickle.loads(pickle.dumps(rows))
            assert type(again) is list
            assert [(r.agency.id, r.posts, r.previous) for r in again] == [
                (r.agency.id, r.posts, r.previous) for r in rows
            ]
            assert len(pickle.dumps(rows)) < len(pickle.dumps(list(rows))) + 64
        for n in (0, 1, 2, 5):
            assert [(r.agency.id, r.posts) for r in old.ranked[:n]] == [
                (r.agency.id, r.posts) for r in new.ranked[:n]
            ]
            with mock.patch.object(feeds_render, "WEEK_LIST_MAX", n):
                shown_old, shown_new = feeds_render._shown_rows(old), feeds_render._shown_rows(new)
            for key in ("ranked", "silent"):
                assert [(r.agency.id, r.posts, r.previous) for r in shown_old[key]] == [
                    (r.agency.id, r.posts, r.previous) for r in shown_new[key]
                ]


def test_theme_patterns_do_not_depend_on_the_hash_seed() -> None:
    """Equal-length keywords come in a fixed order: the patterns are part of what a kept
    history was made for (made_for), which must not change from one process to the next."""
    import subprocess
    import sys

    code = (
        "from generator.feeds.activity import theme_patterns\n"
        "from generator.registry.models import Theme\n"
        "t = Theme(id='jalan', name='Jalan', keywords=('aspal', 'jalan', 'lubang', 'rusak', 'macet'))\n"
        "print([p.pattern for _, p, _ in theme_patterns((t,))])\n"
    )
    out = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert len(out) == 1, out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from(KEYS), st.lists(posts_st, max_size=8)),
            st.sets(st.sampled_from(KEYS)),  # accounts whose history is the last step's object
            st.sampled_from([{}, {"url": "https://contoh.go.id/feed", "ok": "x", "fails": 0}]),
            st.sampled_from([TODAY, TODAY + dt.timedelta(days=1)]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_kept_activity_equals_a_fresh_computation(tiny, steps):
    """``kanal serve`` keeps each agency's activity between rounds (``kept``): whatever the
    histories kept or replaced, the feed status and the day, the figures are a fresh call's."""
    kept: dict = {}
    histories: dict = {}
    for drawn, same, feed, today in steps:
        histories = {
            k: histories[k] if k in same and k in histories else v for k, v in drawn.items()
        }
        d = dataclasses.replace(tiny, today=today)
        status = {KEYS[0]: dict(feed)}  # equal, never the same object
        again = act.compute(d, histories, status, kept)
        fresh = act.compute(d, histories, status)
        assert figures(again) == figures(fresh)
        assert summary_of_new(again) == summary_of_new(fresh)
        assert again.first_week == fresh.first_week
        assert [a.agency for a in again.agencies.values()] == list(d.agencies.values())
    assert set(kept) == set(tiny.agencies)
