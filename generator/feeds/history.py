"""One account's post history in the compact form the build needs.

The activity figures need every post's *local date* (7/30/90-day counts, last post, weekly
series and pages, first week), but a post's text and link only for the themes (last
``THEME_DAYS`` days) and for the ``LATEST`` newest posts shown on the pages. So an account's
history is kept as a sorted array of local dates (4 bytes a post), its theme counts and its
newest posts; it is filled while its files are read, so a ``Post`` for every stored post never
exists (a province's 1,040,000 posts would take hundreds of MB as objects).

Local dates: a post's time is converted to the region's zone. Indonesia's zones (WIB, WITA,
WIT) have fixed offsets since 1964 (no daylight saving), so for instants where the zone's
offset is constant (checked once per zone, see :func:`fixed_offset`) the date is plain
integer arithmetic on epoch microseconds, vectorized; instants outside that range (a
hand-edited year 1900) are converted with the zone itself, one by one, so the result is the
same as ``time.astimezone(zone).date()`` for every zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from generator.feeds.parse import Post

LATEST = 10  # newest posts kept per account (and shown per agency)
THEME_DAYS = 90  # themes count the posts of the last 90 days, today included

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_DAY_US = 86_400 * 1_000_000
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
# The range where a zone's offset is checked to be constant (sampled every _STEP).
_FIXED_FROM = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIXED_UNTIL = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
_STEP = dt.timedelta(days=5)
_MIN_ORDINAL, _MAX_ORDINAL = dt.date.min.toordinal(), dt.date.max.toordinal()

# Per theme: its id, the regex of a word beginning with a keyword, and the keywords themselves
# (a post without any of them as a substring cannot match: the regex is not run on it).
ThemePatterns = list[tuple[str, re.Pattern[str], tuple[str, ...]]]


def epoch_us(when: dt.datetime) -> int:
    """An aware time as microseconds since 1970-01-01 UTC (exact, any year)."""
    return (when - _EPOCH) // _US


@cache
def fixed_offset(zone: str) -> int | None:
    """The zone's UTC offset in microseconds if it is the same at every sampled instant from
    1970 to 2100 (true for Asia/Jakarta, Asia/Makassar, Asia/Jayapura); else None."""
    tz = ZoneInfo(zone)
    offset = _FIXED_FROM.astimezone(tz).utcoffset()
    at = _FIXED_FROM
    while at < _FIXED_UNTIL:
        if at.astimezone(tz).utcoffset() != offset:
            return None
        at += _STEP
    assert offset is not None
    return offset // _US


def _slow_day(us: int, tz: ZoneInfo) -> int:
    try:
        return (_EPOCH + dt.timedelta(microseconds=us)).astimezone(tz).date().toordinal()
    except OverflowError:  # beyond year 1 or 9999 in UTC: the first or last representable day
        return _MIN_ORDINAL if us < 0 else _MAX_ORDINAL


FIXED_FROM_US, FIXED_UNTIL_US = epoch_us(_FIXED_FROM), epoch_us(_FIXED_UNTIL)


def local_days(times: np.ndarray, zone: str) -> np.ndarray:
    """Local dates (``date.toordinal()``) of epoch-microsecond times, in ``zone``."""
    offset = fixed_offset(zone)
    if offset is None:
        odd = np.ones(times.shape, dtype=bool)
        days = np.zeros(times.shape, dtype=np.int64)
    else:
        days = (times + offset) // _DAY_US + _EPOCH_ORDINAL
        odd = (times < FIXED_FROM_US) | (times >= FIXED_UNTIL_US)
    if odd.any():
        tz = ZoneInfo(zone)
        for i in np.flatnonzero(odd).tolist():
            days[i] = _slow_day(int(times[i]), tz)
    return days


def post_times(whens: Sequence[dt.datetime]) -> np.ndarray:
    """The epoch microseconds (int64) of aware times."""
    return np.array([(when - _EPOCH) // _US for when in whens], dtype=np.int64)


@dataclass
class AccountHistory:
    """An account's posts up to ``today``, as the build needs them (see the module doc)."""

    days: np.ndarray  # local dates (ordinals, int32) of the posts up to today, ascending
    latest: list[Post]  # the LATEST newest posts up to today, newest first
    themes: dict[str, int]  # theme id -> posts of the last THEME_DAYS days touching it
    made_for: tuple[Any, ...]  # (today, zone, theme patterns): see made_for()

    @property
    def count(self) -> int:
        return len(self.days)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (the check stage's worker sends every account's history to the build) with
        its newest posts as plain tuples, each time zone once: a province's 130,000 newest
        posts took 1 s to pickle as objects, each time with a zone object of its own."""
        rows = [
            (p.ident, p.link, p.time.replace(tzinfo=_shared(p.time.tzinfo)), *_REST(p))
            for p in self.latest
        ]
        return (_restore, (self.days, rows, self.themes, self.made_for))


_REST = attrgetter("title", "summary", "estimated")
_ZONES: dict[Any, Any] = {}


def _shared(zone: Any) -> Any:
    """One object for equal time zones (fromisoformat makes one per time it reads)."""
    return _ZONES.setdefault(zone, zone)


def _restore(
    days: np.ndarray, rows: list[tuple[Any, ...]], themes: dict[str, int], key: tuple[Any, ...]
) -> AccountHistory:
    return AccountHistory(days, [Post(*row) for row in rows], themes, key)


_COLUMNS = ("ident", "link", "title", "summary", "estimated")


def pack(histories: dict[str, AccountHistory]) -> tuple[Any, ...]:
    """Many accounts' histories as a few columns, to be pickled (the check stage's worker sends
    a province's 13,000 to the build): one array of dates, and the newest posts' fields as
    lists, their times as ISO text, which pickles as cheaply as the other strings (a
    datetime with its zone took ~4 µs a post both ways). :func:`unpack` restores equal ones."""
    values = list(histories.values())
    latest = list(chain.from_iterable(h.latest for h in values))
    times = [p.time.isoformat() if type(p.time.tzinfo) is dt.timezone else p.time for p in latest]
    columns = [list(map(attrgetter(name), latest)) for name in _COLUMNS]
    days = np.concatenate([h.days for h in values]) if values else np.zeros(0, np.int32)
    return (
        list(histories),
        days,
        [len(h.days) for h in values],
        [len(h.latest) for h in values],
        columns,
        times,
        [h.themes for h in values],
        [h.made_for for h in values],
    )


def unpack(
    keys: list[str],
    days: np.ndarray,
    counts: list[int],
    shown: list[int],
    columns: list[list[Any]],
    times: list[Any],
    themes: list[dict[str, int]],
    made: list[tuple[Any, ...]],
) -> dict[str, AccountHistory]:
    """The histories :func:`pack` packed (a time as ISO text was a fixed offset's: read back,
    it is the same time in the same offset)."""
    whens = [dt.datetime.fromisoformat(t) if type(t) is str else t for t in times]
    ident, link, title, summary, estimated = columns
    posts = list(map(Post, ident, link, whens, title, summary, estimated))
    out: dict[str, AccountHistory] = {}
    at_day = at_post = 0
    for key, n, m, theme, key_made in zip(keys, counts, shown, themes, made, strict=True):
        out[key] = AccountHistory(
            days[at_day : at_day + n].copy(), posts[at_post : at_post + m], theme, key_made
        )
        at_day += n
        at_post += m
    return out


def made_for(today: dt.date, zone: str, patterns: ThemePatterns) -> tuple[Any, ...]:
    """What an AccountHistory depends on besides the posts: the day, the zone, the themes."""
    return (today, zone, tuple(f"{tid}={p.pattern}" for tid, p, _ in patterns))


def collect(
    whens: Sequence[dt.datetime],
    to_post: Callable[[int], Post],
    to_title: Callable[[int], str],
    today: dt.date,
    zone: str,
    patterns: ThemePatterns,
    times: np.ndarray | None = None,
    days: np.ndarray | None = None,
) -> AccountHistory:
    """An account's history from its posts' times, in stored order.

    ``to_post`` makes the Post at an index (only for the newest); ``to_title`` gives the
    clean title of the post at an index (only for posts of the last THEME_DAYS days, when
    there are themes: themes read titles, which the open data publishes, never summaries,
    which it does not). Posts after ``today`` are left out, as the figures ignore them.
    ``times`` and ``days``: the posts' epoch microseconds and local dates, when the caller
    has them already (:func:`post_times`, :func:`local_days`).
    """
    if times is None:
        times = post_times(whens)
    if days is None:
        days = local_days(times, zone)
    return collect_group([len(times)], times, days, to_post, to_title, today, zone, patterns)[0]


def collect_group(
    sizes: Sequence[int],
    times: np.ndarray,
    days: np.ndarray,
    to_post: Callable[[int], Post],
    to_title: Callable[[int], str],
    today: dt.date,
    zone: str,
    patterns: ThemePatterns,
) -> list[AccountHistory]:
    """:func:`collect` of consecutive accounts at once: account ``k`` has the ``sizes[k]``
    posts after those of the accounts before it (``times``, ``days``; ``to_post`` and
    ``to_title`` take an index into all of them). numpy's cost per call had cost more than
    the work over the ~80 posts of an account; here each step is one call for all of them,
    and each account's part is cut out at the end. :func:`collect` is the one-account case;
    ``tests/test_feeds_history_group.py`` compares a group with each account done alone."""
    count = len(sizes)
    owner = np.repeat(np.arange(count), sizes)
    last = today.toordinal()
    kept = np.flatnonzero(days <= last)
    kept_owner = owner[kept]
    per_account = np.bincount(kept_owner, minlength=count)
    firsts = np.cumsum(per_account) - per_account  # each account's first row of ``kept``
    # Per account newest first, equal times in the stored order (lexsort is stable).
    order = kept[np.lexsort((-times[kept], kept_owner))]
    rank = np.arange(len(order)) - np.repeat(firsts, per_account)
    chosen = order[rank < LATEST].tolist()
    latest = [to_post(i) for i in chosen]
    shown = np.minimum(per_account, LATEST)
    themes: list[Counter[str]] = [Counter() for _ in range(count)]
    if patterns:
        recent = kept[days[kept] > last - THEME_DAYS]
        for i, k in zip(recent.tolist(), owner[recent].tolist(), strict=True):
            text = to_title(i).casefold()
            for theme_id, pattern, words in patterns:
                if any(w in text for w in words) and pattern.search(text):
                    themes[k][theme_id] += 1
    # Each account's dates ascending: sorted by account, then date (rows are in account order).
    kept_days = days[kept]
    ordered = kept_days[np.lexsort((kept_days, kept_owner))].astype(np.int32)
    key = made_for(today, zone, patterns)
    out = []
    at_day = at_post = 0
    for k, (n, m) in enumerate(zip(per_account.tolist(), shown.tolist(), strict=True)):
        out.append(
            AccountHistory(
                ordered[at_day : at_day + n].copy(),
                latest[at_post : at_post + m],
                dict(themes[k]),
                key,
            )
        )
        at_day += n
        at_post += m
    return out


def from_posts(
    posts: Iterable[Post], today: dt.date, zone: str, patterns: ThemePatterns
) -> AccountHistory:
    """An account's history from Post objects (tests, and callers holding posts already)."""
    items = list(posts)
    return collect(
        [p.time for p in items],
        items.__getitem__,
        lambda i: items[i].title,
        today,
        zone,
        patterns,
    )
