"""Posting-activity figures from the stored history (offline; the build never fetches).

Definitions (also printed on the pages):

- Only accounts listed as *active* in the directory are monitored; posts dated after the
  build's "today" are ignored, so a pinned build date gives the same pages.
- "Last N days" are the N calendar days ending today (today included), in the region's time zone.
- Weeks run Monday to Sunday, local time, named by ISO week (``2026-W46``). The *last complete
  week* is the latest one whose Sunday is before today.
- Account status, first match wins: *feed failing* (it has a feed that has never been read,
  or whose last ``FAILING_AFTER`` fetches failed), *no feed* (no feed and no stored post),
  *active* (a post in the last ``QUIET_DAYS`` days), *quiet* (last post ``QUIET_DAYS`` to
  ``DORMANT_DAYS - 1`` days ago), *dormant* (no post for ``DORMANT_DAYS`` days, or none ever).
- An agency takes the best status of its accounts (active > quiet > dormant > feed failing >
  no feed) and the sum of their posts. It is *monitored* when any account has a feed or a post.
- Themes: a post counts for a theme when its title (published in the post records; summaries
  are not) holds a word that begins with
  one of the theme's keywords (case-insensitive), over the last 90 days; one post may count
  for several themes; the share is of the agency's posts in those 90 days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, overload

import numpy as np

from generator.feeds.history import (
    LATEST,
    AccountHistory,
    ThemePatterns,
    from_posts,
    made_for,
    pack,
    unpack,
)
from generator.feeds.historyread import GroupReader
from generator.feeds.parse import Post
from generator.feeds.postrecords import PostRecords
from generator.feeds.store import Store
from generator.feeds.storecheck import read_fetch_status
from generator.registry.models import (
    SOCIAL_PLATFORMS,
    Account,
    Agency,
    Directory,
    Level,
    Theme,
)
from generator.registry.personal import public_values
from generator.safeinput.problems import Problems
from generator.safeinput.publicvalues import PublicValues

POSTS_DIR = "posts"
QUIET_DAYS = 14
DORMANT_DAYS = 30
FAILING_AFTER = 3
SERIES_WEEKS = 12
# Weekly pages cover at most three years back from the last complete week: a feed's backlog
# (or a post dated 1900) must not make thousands of pages. Older posts stay in the open data.
ARCHIVE_WEEKS = 156


class Status(StrEnum):
    ACTIVE = "active"
    QUIET = "quiet"
    DORMANT = "dormant"
    FAILING = "failing"
    NO_FEED = "no_feed"


STATUS_ORDER = list(Status)  # best first
ACTIVITY_LABELS = {
    Status.ACTIVE: "Aktif",
    Status.QUIET: "Sepi",
    Status.DORMANT: "Dorman",
    Status.FAILING: "Feed gagal dibaca",
    Status.NO_FEED: "Tanpa feed",
}
ACTIVITY_HELP = {
    Status.ACTIVE: f"ada unggahan dalam {QUIET_DAYS} hari terakhir",
    Status.QUIET: f"tidak ada unggahan {QUIET_DAYS}–{DORMANT_DAYS - 1} hari",
    Status.DORMANT: f"tidak ada unggahan {DORMANT_DAYS} hari atau lebih",
    Status.FAILING: f"feed belum pernah terbaca atau gagal {FAILING_AFTER} kali berturut-turut",
    Status.NO_FEED: "akun tanpa feed dan tanpa riwayat unggahan",
}


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_id(start: dt.date) -> str:
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def last_complete_week(today: dt.date) -> dt.date:
    """The Monday of the latest Monday–Sunday week that ended before today."""
    return monday(today) - dt.timedelta(days=7)


@dataclass
class Stats:
    posts_7: int = 0
    posts_30: int = 0
    posts_90: int = 0
    last_post: dt.date | None = None
    weekly: list[int] = field(default_factory=lambda: [0] * SERIES_WEEKS)
    status: Status = Status.NO_FEED

    def add(self, other: Stats) -> None:
        self.posts_7 += other.posts_7
        self.posts_30 += other.posts_30
        self.posts_90 += other.posts_90
        if other.last_post and (self.last_post is None or other.last_post > self.last_post):
            self.last_post = other.last_post
        self.weekly = [a + b for a, b in zip(self.weekly, other.weekly, strict=True)]


def current_status(account: Account, feed: dict[str, Any]) -> dict[str, Any]:
    """The stored fetch status ``feed`` if it is about the account's feed address now, else
    empty: a status recorded for another address says nothing about this one."""
    return feed if account.feed and feed.get("url") == account.feed else {}


@dataclass
class AccountActivity:
    account: Account
    stats: Stats
    feed: dict[str, Any]  # the stored feed status (may be empty)
    posts: int  # stored posts up to today
    latest: list[Post]  # the LATEST newest of them, newest first

    @property
    def current_feed(self) -> dict[str, Any]:
        """:func:`current_status` of this account."""
        return current_status(self.account, self.feed)


@dataclass
class AgencyActivity:
    agency: Agency
    accounts: list[AccountActivity]
    stats: Stats
    weeks: Counter  # Monday -> posts
    themes: dict[str, int]  # theme id -> posts in the last 90 days
    latest: list[tuple[Post, Account]]

    @cached_property  # asked for each agency on every weekly page
    def monitored(self) -> bool:
        return any(a.account.feed or a.posts for a in self.accounts)

    @property
    def posting_30(self) -> bool:
        """A post in the last 30 days on an official social-media account (see
        Activity.posting_30)."""
        return any(
            a.stats.posts_30 for a in self.accounts if a.account.platform in SOCIAL_PLATFORMS
        )


@dataclass
class LevelActivity:
    level: Level
    total: int
    monitored: int
    posting_30: int  # agencies with a social-media post in the last 30 days (posting_30)
    statuses: Counter
    stats: Stats


@dataclass
class WeekRow:
    agency: Agency
    posts: int
    previous: int

    @property
    def change(self) -> int:
        return self.posts - self.previous


class WeekRows(Sequence[WeekRow]):
    """Some of a week's rows, each made when it is read (:meth:`Activity.weeks`).

    A province's 52 week pages had 6,500 rows each made and summed, 340,000 objects, of which
    the pages show at most 200 a week; the counts and sums come from the columns instead."""

    __slots__ = ("_agencies", "_index", "_posts", "_previous")

    def __init__(
        self, agencies: list[Agency], index: np.ndarray, posts: np.ndarray, previous: np.ndarray
    ) -> None:
        self._agencies, self._index = agencies, index
        self._posts, self._previous = posts, previous

    def __len__(self) -> int:
        return len(self._index)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a page's key in kanal serve's memo) as the plain list of its rows, as before:
        # not every monitored agency's columns.
        return (list, (list(self),))

    def _row(self, i: int) -> WeekRow:
        return WeekRow(self._agencies[i], int(self._posts[i]), int(self._previous[i]))

    @overload
    def __getitem__(self, at: int) -> WeekRow: ...

    @overload
    def __getitem__(self, at: slice) -> list[WeekRow]: ...

    def __getitem__(self, at: int | slice) -> WeekRow | list[WeekRow]:
        if isinstance(at, slice):
            return [self._row(i) for i in self._index[at].tolist()]
        return self._row(int(self._index[at]))

    def __iter__(self) -> Iterator[WeekRow]:
        return (self._row(i) for i in self._index.tolist())

    def previous_first(self, n: int) -> list[WeekRow]:
        """The first ``n`` rows of a stable sort on -previous (the most posts the week before
        first, equal counts in this order)."""
        order = np.argsort(-self._previous[self._index], kind="stable")[:n]
        return [self._row(i) for i in self._index[order].tolist()]


@dataclass
class Week:
    start: dt.date
    ranked: Sequence[WeekRow]  # agencies with posts, most first
    silent: Sequence[WeekRow]  # monitored agencies without a post this week
    unmonitored: int
    # Whether the week before lies within the stored history: before its first post's week
    # nothing was recorded, so "0 the week before" would be a figure nobody measured.
    compared: bool = True
    # The week's posts and the week before's, over every monitored agency: summed from the
    # rows when not given (Activity.weeks gives them from its columns).
    totals: tuple[int, int] | None = None

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def id(self) -> str:
        return week_id(self.start)

    @property
    def posts(self) -> int:
        if self.totals is not None:
            return self.totals[0]
        return sum(r.posts for r in self.ranked)

    @property
    def previous(self) -> int:
        if self.totals is not None:
            return self.totals[1]
        return sum(r.previous for r in [*self.ranked, *self.silent])


@dataclass
class ThemeSummary:
    theme: Theme
    posts: int
    share: float  # percent of all posts in the last 90 days
    agencies: int


@dataclass
class Activity:
    today: dt.date
    agencies: dict[str, AgencyActivity]
    levels: list[LevelActivity]
    series_weeks: list[dt.date]  # Mondays of the 12-week series, oldest first
    first_week: dt.date | None  # Monday of the earliest stored post's week
    themes: list[ThemeSummary]
    total: Stats

    @property
    def has_history(self) -> bool:
        return self.first_week is not None

    @property
    def last_week(self) -> dt.date:
        return last_complete_week(self.today)

    def archive(self) -> list[dt.date]:
        """Mondays of every complete week since the first stored post, newest first, at most
        ``ARCHIVE_WEEKS`` + 1 of them."""
        if self.first_week is None or self.first_week > self.last_week:
            return []
        n = min((self.last_week - self.first_week).days // 7, ARCHIVE_WEEKS)
        return [self.last_week - dt.timedelta(days=7 * i) for i in range(n + 1)]

    @property
    def archive_cut(self) -> bool:
        """Whether stored posts are older than the weekly pages reach."""
        return self.first_week is not None and (
            (self.last_week - self.first_week).days // 7 > ARCHIVE_WEEKS
        )

    def week(self, start: dt.date) -> Week:
        return self.weeks()(start)

    def weeks(self) -> Callable[[dt.date], Week]:
        """:meth:`week` for many weeks (a province: 9,000 agencies, 52 weeks): the monitored
        agencies are picked, and put in name order, once rather than once per week."""
        monitored = [a for a in self.agencies.values() if a.monitored]
        unmonitored = len(self.agencies) - len(monitored)
        # Silent rows in name order; ranked rows by count, equal counts in name order (stable
        # sorts: the same as sorting on (-posts, name) each week).
        by_name = sorted(monitored, key=lambda a: a.agency.name.casefold())
        # Each week's counts as a column over the agencies in name order, from one pass over
        # every agency's weeks (not two look-ups per agency and week).
        agencies = [a.agency for a in by_name]
        entries: dict[dt.date, tuple[list[int], list[int]]] = {}
        for i, a in enumerate(by_name):
            for start, posts in a.weeks.items():
                if posts:
                    at, counts = entries.setdefault(start, ([], []))
                    at.append(i)
                    counts.append(posts)

        def column(start: dt.date) -> np.ndarray:
            out = np.zeros(len(by_name), np.int64)
            if start in entries:
                at, counts = entries[start]
                out[at] = counts
            return out

        def week(start: dt.date) -> Week:
            before = start - dt.timedelta(days=7)
            posts, previous = column(start), column(before)
            posted = np.flatnonzero(posts)
            ranked = posted[np.argsort(-posts[posted], kind="stable")]
            silent = np.flatnonzero(posts == 0)
            compared = self.first_week is not None and before >= self.first_week
            return Week(
                start,
                WeekRows(agencies, ranked, posts, previous),
                WeekRows(agencies, silent, posts, previous),
                unmonitored,
                compared,
                (int(posts.sum()), int(previous.sum())),
            )

        return week

    def posting_30(self) -> set[str]:
        """The one unit of every "aktif mengunggah" figure: agencies with a post in the last
        30 days on an active official social-media account. Websites do not count, as in
        coverage: an agency is active on social media by its social-media accounts."""
        return {aid for aid, a in self.agencies.items() if a.posting_30}


def _by_length(word: str) -> tuple[int, str]:
    """Shortest first, equal lengths by their text: a set's order changes with the hash seed,
    and the patterns are part of what a kept history was made for (:func:`made_for`)."""
    return (len(word), word)


def theme_patterns(themes: tuple[Theme, ...]) -> ThemePatterns:
    out = []
    for theme in themes:
        words = sorted({k.strip().casefold() for k in theme.keywords if k.strip()}, key=_by_length)
        if words:
            alternatives = "|".join(re.escape(w) for w in reversed(words))
            out.append((theme.id, re.compile(rf"(?<!\w)(?:{alternatives})"), tuple(words)))
    return out


def _account_stats(
    days: np.ndarray,
    account: Account,
    feed: dict[str, Any],
    today: int,
    edges: np.ndarray,
) -> Stats:
    """An account's figures from its sorted local dates (ordinals) up to ``today``."""
    stats = Stats()
    n = len(days)
    if n:
        # "Last N days" holds the days after today - N: count the sorted dates from there.
        stats.posts_7 = n - int(np.searchsorted(days, today - 6))
        stats.posts_30 = n - int(np.searchsorted(days, today - 29))
        stats.posts_90 = n - int(np.searchsorted(days, today - 89))
        stats.last_post = dt.date.fromordinal(int(days[-1]))
        stats.weekly = np.diff(np.searchsorted(days, edges)).tolist()
    own = current_status(account, feed)
    failing = bool(account.feed) and (
        not own or not own.get("ok") or int(own.get("fails", 0)) >= FAILING_AFTER
    )
    if failing:
        stats.status = Status.FAILING
    elif stats.last_post is None:
        stats.status = Status.DORMANT if account.feed else Status.NO_FEED
    else:
        idle = (dt.date.fromordinal(today) - stats.last_post).days
        stats.status = (
            Status.ACTIVE
            if idle < QUIET_DAYS
            else Status.QUIET
            if idle < DORMANT_DAYS
            else Status.DORMANT
        )
    return stats


def _account_history(
    value: AccountHistory | Iterable[Post] | None,
    directory: Directory,
    patterns: ThemePatterns,
    key: tuple[Any, ...],
) -> AccountHistory:
    """The compact history of one account; a plain list of posts is compacted here."""
    if isinstance(value, AccountHistory):
        if value.made_for != key:  # its themes and newest posts belong to another build
            raise ValueError("riwayat dibaca untuk tanggal, zona waktu atau tema lain")
        return value
    return from_posts(value or [], directory.today, directory.region.timezone, patterns)


class _KeptActivity(NamedTuple):
    """One agency's activity of the last call of :func:`compute`, with what it was made of."""

    made_for: Any  # the day, zone and themes (feeds.history.made_for)
    accounts: list[Account]  # its active accounts
    sources: list[tuple[Any, Any]]  # each account's history and feed status
    activity: AgencyActivity
    first: int | None  # the Monday (ordinal) of its first post's week


def _same_sources(
    old: _KeptActivity, key: Any, active: list[Account], sources: list[tuple[Any, Any]]
) -> bool:
    """Whether an agency's activity of the last call still holds (see :func:`compute`)."""
    return (
        old.made_for == key
        and len(old.accounts) == len(active)
        and all(a is b for a, b in zip(old.accounts, active, strict=True))
        and all(h is g and f == e for (h, f), (g, e) in zip(old.sources, sources, strict=True))
    )


def compute(
    directory: Directory,
    histories: Mapping[str, AccountHistory | Iterable[Post]],
    feed_status: dict[str, dict[str, Any]],
    kept: dict[str, Any] | None = None,
) -> Activity:
    """Every figure, from the stored posts of the directory's active accounts.

    ``histories`` maps account keys to their history as read by :func:`load_history` (made
    for this directory) or to plain lists of posts. ``kept`` (``kanal serve``, one dict per
    preview): each agency's activity of the last call, reused while its active accounts are
    the same objects, their histories too and their feeds' status equal, on the same day
    (a province's 9,174 agencies: 0.5 s after each save).
    """
    today = directory.today
    last = last_complete_week(today)
    series = [last - dt.timedelta(days=7 * i) for i in reversed(range(SERIES_WEEKS))]
    edges = np.array([series[0].toordinal() + 7 * i for i in range(SERIES_WEEKS + 1)])
    patterns = theme_patterns(directory.region.themes)
    today_ordinal = today.toordinal()
    key = made_for(today, directory.region.timezone, patterns)
    mondays: dict[int, dt.date] = {}  # one date object per week, shared by every agency
    # Most accounts of a large directory have no stored posts: one empty history serves them
    # all (building it is 12 us; a national directory has 127,652 accounts).
    empty = _account_history(None, directory, patterns, key)
    agencies: dict[str, AgencyActivity] = {}
    first: int | None = None
    for agency in directory.agencies.values():
        active = agency.active_accounts
        if kept is not None:
            sources = [(histories.get(a.key), feed_status.get(a.key, {})) for a in active]
            old = kept.get(agency.id)
            if old is not None and _same_sources(old, key, active, sources):
                agencies[agency.id] = dataclasses.replace(old.activity, agency=agency)
                if old.first is not None:
                    first = old.first if first is None else min(first, old.first)
                continue
            own_first: int | None = None
        accounts, weeks, themes = [], Counter(), Counter()
        total = Stats()
        latest: list[tuple[Post, Account]] = []
        for account in active:
            value = histories.get(account.key)
            history = empty if value is None else _account_history(value, directory, patterns, key)
            feed = feed_status.get(account.key, {})
            stats = _account_stats(history.days, account, feed, today_ordinal, edges)
            accounts.append(AccountActivity(account, stats, feed, history.count, history.latest))
            total.add(stats)
            latest.extend((p, account) for p in history.latest)
            themes.update(history.themes)
            if history.count:
                # Ordinal 1 (0001-01-01) is a Monday: a day's Monday is day - (day - 1) % 7.
                starts, counts = np.unique(
                    history.days - (history.days - 1) % 7, return_counts=True
                )
                for start, count in zip(starts.tolist(), counts.tolist(), strict=True):
                    if start not in mondays:
                        mondays[start] = dt.date.fromordinal(start)
                    weeks[mondays[start]] += count
                first = starts[0] if first is None else min(first, int(starts[0]))
                if kept is not None:
                    start = int(starts[0])
                    own_first = start if own_first is None else min(own_first, start)
        statuses = [a.stats.status for a in accounts] or [Status.NO_FEED]
        total.status = min(statuses, key=STATUS_ORDER.index)
        latest.sort(key=lambda pa: pa[0].time, reverse=True)
        agencies[agency.id] = AgencyActivity(
            agency, accounts, total, weeks, dict(themes), latest[:LATEST]
        )
        if kept is not None:
            kept[agency.id] = _KeptActivity(key, active, sources, agencies[agency.id], own_first)
    if kept is not None:
        for gone in [i for i in kept if i not in agencies]:
            del kept[gone]
    levels = []
    grand = Stats()
    for level in Level:
        members = [agencies[a.id] for a in directory.by_level(level)]
        if not members:
            continue
        stats = Stats()
        for m in members:
            stats.add(m.stats)
        grand.add(stats)
        levels.append(
            LevelActivity(
                level,
                len(members),
                sum(m.monitored for m in members),
                sum(1 for m in members if m.posting_30),
                Counter(m.stats.status for m in members if m.monitored),
                stats,
            )
        )
    summaries = []
    for theme in directory.region.themes:
        count = sum(a.themes.get(theme.id, 0) for a in agencies.values())
        summaries.append(
            ThemeSummary(
                theme,
                count,
                100.0 * count / grand.posts_90 if grand.posts_90 else 0.0,
                sum(1 for a in agencies.values() if a.themes.get(theme.id)),
            )
        )
    first_week = dt.date.fromordinal(int(first)) if first is not None else None
    return Activity(today, agencies, levels, series, first_week, summaries, grand)


@dataclass
class History:
    """The stored posts of the directory's active accounts, and each feed's status."""

    posts: dict[str, AccountHistory]  # account key -> its compact history
    status: dict[str, dict[str, Any]]
    root: Path | None = None  # the store read (data/posts/): its posts are published as read
    # Where the post records were written while the posts were read (a build), if they were.
    records: Path | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (the check stage's worker sends it to the build) with every account's
        history as columns (:func:`generator.feeds.history.pack`)."""
        return (_restore_history, (pack(self.posts), self.status, self.root, self.records))


def _restore_history(
    packed: tuple[Any, ...],
    status: dict[str, dict[str, Any]],
    root: Path | None,
    records: Path | None,
) -> History:
    return History(unpack(*packed), status, root, records)


def load_history(
    data: Path,
    directory: Directory,
    problems: Problems,
    known: dict[str, Any] | None = None,
    records: Path | None = None,
) -> History:
    """Read the stored history of the directory's active accounts; bad lines become problems.

    Each account's lines are checked and compacted as they are read (see
    generator.feeds.history): only its newest posts become Post objects. ``known``: the
    posts of accounts read before from the same, unchanged store (``kanal serve``).
    ``records``: a folder to write the post records into from the same pass (a build:
    generator.feeds.postrecords), so that they are not read and checked twice.
    """
    store = Store(data / POSTS_DIR)
    # The build counts on `fails` and `url` as a fetch does: the same checks, located.
    status = read_fetch_status(store.status_path, problems)
    today, zone = directory.today, directory.region.timezone
    patterns = theme_patterns(directory.region.themes)
    # Stored text is published as read: personal data in it is an error (storeprivacy).
    # Without a stored history there is no text to search and no account folder to look for:
    # a national directory gathered its 91,561 agencies' numbers for nothing.
    stored = store.root.is_dir()
    public = (
        public_values(directory.agencies.values(), directory.region) if stored else PublicValues()
    )
    known = known or {}
    writer = PostRecords(records, zone, today) if records is not None and not known else None
    posts: dict[str, AccountHistory] = {}
    reader = GroupReader(store, public, problems, today, zone, patterns, writer, posts)
    try:
        for agency in directory.agencies.values():
            for account in agency.active_accounts:
                if account.key in known:
                    reader.flush()  # the accounts before it first: the directory's order
                    posts[account.key] = known[account.key]
                else:
                    reader.add(agency.id, account, stored)
        reader.flush()
    finally:
        if writer is not None:
            writer.close()
    return History(posts, status, store.root, records if writer is not None else None)
