"""A history file's posts checked all at once, as columns (the build's common case).

The store is read line by line to say exactly what is wrong with a line
(:func:`generator.feeds.store.check_line`), but a province's 1,040,000 stored posts are
almost all good, and checking them one Python call at a time cost most of the build's
reading of the history. So a file is first checked whole: every line decoded by the JSON
scanner in one ``map``, each rule checked over a column (a set of types, one regular
expression over the joined links). Only when every line passes is the file taken from here;
otherwise :class:`generator.feeds.store.Store` reads it again line by line, which reports each
bad line with its number and keeps the good ones, as it always did. A file taken from here
gives the same records, in the same order, as the per-line path (``tests/test_feeds_batch.py``
compares the two on generated files).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, floordiv, itemgetter, sub
from typing import Any

import numpy as np

from generator.feeds.parse import plain_links

FIELDS = frozenset({"t", "n", "u", "g", "s", "e"})

_TIME = itemgetter("t")
_TITLE = itemgetter("n")
_ZONE = attrgetter("tzinfo")
_SCALARS = {str, int, float, bool, type(None)}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
# The form `kanal fetch` writes: "2026-11-20T10:15+07:00" (local minutes and the offset).
_STAMP_LENGTH = 22
_HEAD = itemgetter(slice(0, 16))
_OFFSET_OF = itemgetter(slice(16, None))
_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")
_US_PER_MINUTE = 60_000_000


@dataclass
class Batch:
    """Checked posts (of a file, or of an account's files) as columns, in stored order."""

    whens: list[dt.datetime] = field(default_factory=list)  # each record's time
    recs: list[dict[str, Any]] = field(default_factory=list)  # the records as stored
    stamps: list[str] = field(default_factory=list)  # each record's 't', as stored
    titles: list[str] = field(default_factory=list)  # each record's 'n', as stored (uncleaned)
    keys: set[str] = field(default_factory=set)  # every field some record has
    # The titles joined by line breaks, when made already (a file's; not an account's).
    joined_titles: str | None = None

    def __len__(self) -> int:
        return len(self.recs)

    def extend(self, other: Batch) -> None:
        self.whens += other.whens
        self.recs += other.recs
        self.stamps += other.stamps
        self.titles += other.titles
        self.keys |= other.keys
        self.joined_titles = None

    def part(self, start: int, end: int) -> Batch:
        """Its records ``start:end`` (a file's, of many files checked at once); ``keys`` may
        name a field none of them has, which :meth:`column` reads as missing."""
        return Batch(
            self.whens[start:end],
            self.recs[start:end],
            self.stamps[start:end],
            self.titles[start:end],
            self.keys,
        )

    def column(self, name: str, default: Any = None) -> list[Any]:
        """Each record's ``name``, or ``default`` where it has none."""
        if name not in self.keys:
            return [default] * len(self.recs)
        try:
            return list(map(itemgetter(name), self.recs))  # every record has it: no Python loop
        except KeyError:
            return [r.get(name, default) for r in self.recs]

    def times(self) -> np.ndarray:
        """Each post's epoch microseconds (int64), exactly ``(when - 1970 UTC) // 1 µs``."""
        return epoch_times(self.stamps, self.whens)


def from_pairs(pairs: list[tuple[dt.datetime, dict[str, Any]]]) -> Batch:
    """A batch of records checked one by one (:func:`generator.feeds.store.check_line`)."""
    if not pairs:
        return Batch()
    whens, recs = map(list, zip(*pairs, strict=True))
    return Batch(
        whens, recs, list(map(_TIME, recs)), list(map(_TITLE, recs)), set(chain.from_iterable(recs))
    )


# A UTF-16 surrogate escaped in JSON: a pair is one character (an emoji written with
# ensure_ascii), a lone one cannot be written as UTF-8 (the post records would fail), and
# generator.feeds.store.check_line refuses it: a file with either is read line by line.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members as a dict; ValueError when a key comes twice (see check_text)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate key")
    return obj


# json's C scanner, calling this hook once an object (~0.3 µs a post: 0.3 s for a million).
_DECODE = json.JSONDecoder(object_pairs_hook=_unique_keys).decode
# Without the hook: for a text with no "[", where no record can hold a line of the next (see
# check_text).
_DECODE_FLAT = json.JSONDecoder().decode


def check_text(text: str) -> Batch | None:
    """Every line of a file's text as a checked post, or None when any line is not exactly one
    good post (a blank line, a JSON error, a field :func:`generator.feeds.store.check_line`
    refuses) or the file is one this path does not decide (a line break other than "\n",
    a line not starting with "{", a link only ``urlsplit`` accepts). None says nothing about
    which line: the caller reads the file line by line.

    The lines are decoded as one JSON array, each line break preceded by a comma. That is
    each line decoded alone, because: a line break inside a string is a JSON error; every
    line starts with "{", so an added comma cannot separate an object's members (a key would
    follow, not "{"); no value of an accepted record is an array or an object, so no comma
    sits inside one; so every added comma separates two elements of the array, and as many
    elements as lines leave no other separator: each element is exactly one line. That an
    accepted record holds no array or object is only known if no member was overwritten by a
    later one of the same key ('"e":[0 <line break> {...}],"e":false' swallowed a line and
    then replaced the array): a key twice in one object sends the file to the per-line path.
    Only an array can swallow a line that way (in an object, the added comma would be followed
    by "{", not a key: a JSON error), so a text with no "[" at all, quoted or not, is decoded
    without the hook: a key given twice is taken as the per-line path takes it, the last (a
    store's usual file: 0.3 s of a province's million posts).
    """
    if not text:
        return Batch()
    body = text[:-1] if text.endswith("\n") else text
    count = body.count("\n") + 1
    if body[:1] != "{" or "\r" in body:
        return None
    # The line breaks of str.splitlines (the per-line path) that JSON allows inside a string;
    # the others are control characters, a JSON error anywhere.
    if not body.isascii() and ("\x85" in body or "\u2028" in body or "\u2029" in body):
        return None
    if "\\u" in body and SURROGATE_ESCAPE.search(body):  # check_line refuses a lone one
        return None
    # A comma before each line break followed by "{": every line break, if the lengths say so.
    array = body.replace("\n{", ",\n{")
    if len(array) - len(body) != count - 1:
        return None
    try:
        flat = "[" not in body
        recs = (_DECODE_FLAT if flat else _DECODE)("[" + array + "]")
    except Exception:  # noqa: BLE001 - whatever the decoder refuses, the per-line path explains
        return None
    if len(recs) != count or set(map(type, recs)) != {dict}:
        return None
    keys = set(chain.from_iterable(recs))
    if not keys <= FIELDS:
        return None
    try:
        stamps = list(map(_TIME, recs))
        whens = list(map(dt.datetime.fromisoformat, stamps))
        titles = list(map(_TITLE, recs))
    except (KeyError, TypeError, ValueError):
        return None
    if None in map(_ZONE, whens):
        return None
    try:
        joined = "\n".join(titles)  # each a str, or a TypeError
    except TypeError:
        return None
    batch = Batch(whens, recs, stamps, titles, keys, joined)
    if "e" in keys and not set(map(type, batch.column("e"))) <= _SCALARS:
        return None  # an array or object in "e" (which check_line does not check): see above
    if "s" in keys and not set(map(type, batch.column("s", ""))) <= {str}:
        return None
    links = batch.column("u")
    if "u" in keys:
        given = links if None not in links else [u for u in links if u is not None]
        try:
            if not plain_links(given):
                return None
        except TypeError:  # a link that is not text
            return None
    if "g" in keys:
        guids = batch.column("g")
        if any(g is not None and (type(g) is not str or not g) for g in guids):
            return None
        if not all(g or u for g, u in zip(guids, links, strict=True)):
            return None
    elif not all(links):
        return None
    return batch


def epoch_times(stamps: list[str], whens: list[dt.datetime]) -> np.ndarray:
    """The epoch microseconds of posts whose 't' was read into ``whens``.

    In the form ``kanal fetch`` writes (``2026-11-20T10:15+07:00``, one offset for the whole
    list) numpy parses the local minutes and the offset is subtracted, for the whole list at
    once; ``datetime.fromisoformat`` has accepted each stamp already, and of its forms only
    ``YYYY-MM-DD?HH:MM`` gives such a head, which numpy reads alike or refuses. Anything else
    is computed exactly from ``whens``, one by one.
    """
    n = len(whens)
    if n and set(map(len, stamps)) == {_STAMP_LENGTH}:
        offsets = set(map(_OFFSET_OF, stamps))
        found = _OFFSET.fullmatch(offsets.pop()) if len(offsets) == 1 else None
        if found is not None:
            sign, hours, minutes = found.groups()
            offset = (int(hours) * 60 + int(minutes)) * (-1 if sign == "-" else 1)
            try:
                # A head numpy cannot read ("2026-11-20T10.15", which fromisoformat reads as
                # 10:00:00.15) makes it warn about time zones before it raises: not a warning
                # for the build to print.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    local = np.array(list(map(_HEAD, stamps)), dtype="datetime64[m]")
            except ValueError:
                local = None
            if local is not None:
                return (local.astype(np.int64) - offset) * _US_PER_MINUTE
    return np.fromiter(map(floordiv, map(sub, whens, repeat(_EPOCH)), repeat(_US)), np.int64, n)
