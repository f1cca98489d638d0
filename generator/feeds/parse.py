"""From feed bytes to normalized posts: plain text, local time, http(s) links only.

Escaping is *not* done here: titles and summaries are stored as plain text (tags stripped,
entities decoded, whitespace collapsed, length capped) and escaped where they are shown.

Times: feedparser converts dates to UTC and drops those it cannot read with a zone (an
RFC 822 date without zone comes back as None; an ISO date without zone is taken as UTC).
Indonesian sites that omit the zone mean local time, so dates are read here first: a date
with a zone is converted to the region's zone; a date without one is taken as local time.
Only when this fails is feedparser's UTC value used. A post with no readable date gets the
time it was first seen and is marked ``estimated``. Dates more than a day in the future
(wrong server clocks) are replaced by the time seen, also marked.

Links: an entry's link is kept only when it is an http(s) URL (:func:`web_link`) on the
account's own platform or site (``links``, :mod:`generator.feeds.postlinks`); a foreign link
is left out of the post, which is kept (identity: its guid, else that link) and counted in
``ParsedFeed.withheld``.

Bounds: feedparser is given at most ``MAX_PARSE_BYTES`` (it builds the whole document in
memory), and at most ``max_items`` posts are kept from one feed, the newest.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser

from generator.feeds.postlinks import LinkRule

TITLE_MAX = 200
SUMMARY_MAX = 160
ID_MAX = 500
MAX_PARSE_BYTES = 5_000_000
MAX_ITEMS = 500
_SPACE = re.compile(r"\s+")
# What makes a link no link: controls, bidi controls and U+200B-U+200F. Narrower than
# _CONTROL on purpose: histories stored by earlier versions hold links with, say, a soft hyphen,
# and a stored line whose link web_link changes is refused (store.check_line).
_LINK_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_FILLER = re.compile("[\u115f\u1160\u3164\uffa0]")  # Hangul fillers: letters that show blank
# Removed from fetched text: control characters but tab and line feed (which become spaces),
# and every format character (Unicode category Cf: bidi marks, embeddings, overrides and
# isolates, zero-width characters, the word joiner, U+FEFF, the soft hyphen, the tag block),
# plus the Hangul fillers that render as blank space: what generator.safeinput.invisible refuses
# in a region's own text (a test holds the two to each other over every code point).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# A plain http(s) link: ASCII host (no userinfo, brackets or percent), optional port, then any
# printable ASCII. urlsplit cannot fail on it (no brackets in the netloc, ASCII netloc) and
# its hostname is the non-empty host, so web_link may return it without splitting.
_PLAIN_LINK = re.compile(r"https?://[A-Za-z0-9._~-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")
LINK_MAX = 2000
# Links joined by line breaks, each a plain link (none holds a line break): all checked by one
# regular expression (a province's million stored links, see plain_links).
_PLAIN_LINKS = re.compile(rf"{_PLAIN_LINK.pattern}(?:\n{_PLAIN_LINK.pattern})*")
_FUTURE_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class Post:
    """One post as stored: ``ident`` is the guid when the feed gives one, else the link."""

    ident: str
    link: str | None
    time: dt.datetime  # aware, in the region's time zone
    title: str
    summary: str = ""
    estimated: bool = False  # time is when the post was first seen, not a published time


@dataclass
class ParsedFeed:
    posts: list[Post]
    skipped: int  # entries without guid or http(s) link
    error: str | None  # set when the bytes were not a usable feed
    warning: str | None = None  # parsed with complaints (feedparser "bozo")
    withheld: list[str] = field(default_factory=list)  # links not on the account's platform


class _TextOnly(HTMLParser):
    """Keeps text, drops tags and the contents of script/style; decodes entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(value: str | None, limit: int) -> str:
    """Tags stripped, entities decoded, control characters removed, whitespace collapsed,
    capped at ``limit`` characters (with an ellipsis)."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        parser = _TextOnly()
        try:
            parser.feed(value)
            parser.close()
            value = "".join(parser.parts)
        except Exception:  # noqa: BLE001 - malformed markup: fall back to the raw text
            pass
        value = html.unescape(value)  # double-encoded entities in RSS titles
    return clean_text(value, limit)


def clean_text(value: str, limit: int) -> str:
    """Control, bidi and zero-width characters removed, whitespace collapsed, capped at
    ``limit`` characters (with an ellipsis): text that is already plain (a stored history)."""
    # Already clean, the common case: isprintable() is False for every character _CONTROL
    # removes (Cc, Cf) and every whitespace but " " (Cc, Zs, Zl, Zp), so only single inner
    # spaces are left to check.
    if (
        len(value) <= limit
        and value.isprintable()
        and (value.isascii() or not _FILLER.search(value))  # printable to Python, yet blank
        and "  " not in value
        and not value.startswith(" ")
        and not value.endswith(" ")
    ):
        return value
    value = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def web_link(value: Any) -> str | None:
    """The link if it is an absolute http(s) URL with a host; None otherwise."""
    if not isinstance(value, str):
        return None
    if len(value) <= LINK_MAX and _PLAIN_LINK.fullmatch(value):
        return value  # the common case, without urlsplit (see _PLAIN_LINK)
    value = value.strip()
    if len(value) > LINK_MAX or _LINK_CONTROL.search(value) or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def plain_links(links: list[str]) -> bool:
    """True when :func:`web_link` returns each of ``links`` as it is by its fast path (False
    says nothing: such a link may still be accepted by ``urlsplit``, one by one)."""
    if not links:
        return True
    joined = "\n".join(links)
    return (
        max(map(len, links)) <= LINK_MAX
        and joined.count("\n") == len(links) - 1  # no link holds a line break of its own
        and _PLAIN_LINKS.fullmatch(joined) is not None
    )


def all_clean(values: list[str], limit: int) -> bool:
    """True when :func:`clean_text` returns each of ``values`` as it is (its fast path's test,
    over the whole list at once)."""
    if not values:
        return True
    whole = "".join(values)
    if max(map(len, values)) > limit or not whole.isprintable():
        return False
    if not whole.isascii() and _FILLER.search(whole):
        return False
    # No value holds a NUL (not printable), so joined by NULs no two values touch.
    joined = "\0".join(values)
    return not (
        "  " in joined
        or joined.startswith(" ")
        or joined.endswith(" ")
        or " \0" in joined
        or "\0 " in joined
    )


_HAS_ZONE = re.compile(r"(?:[zZ]|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[A-Z]{3,4}T))\s*$")


def read_date(raw: str | None, tz: ZoneInfo) -> dt.datetime | None:
    """A feed date as an aware datetime in ``tz``; a date without zone is local time."""
    if not raw or not isinstance(raw, str):
        return None
    raw = raw.strip()
    value: dt.datetime | None = None
    try:
        value = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        try:
            value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
    if value.tzinfo is None or (value.utcoffset() == dt.timedelta(0) and not _HAS_ZONE.search(raw)):
        # parsedate_to_datetime gives "-0000" (unknown zone) as naive; both mean local time
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _utc_struct_to_local(parsed: time.struct_time, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC).astimezone(tz)


def normalize_entries(
    entries: list[Any],
    tz: ZoneInfo,
    seen_at: dt.datetime,
    links: LinkRule | None = None,
    withheld: list[str] | None = None,
) -> tuple[list[Post], int]:
    """Normalized posts of a feed's entries, duplicates (same identity) dropped; a link that
    ``links`` refuses is left out of its post and added to ``withheld``."""
    posts: list[Post] = []
    identities: set[str] = set()
    skipped = 0
    seen_local = seen_at.astimezone(tz).replace(second=0, microsecond=0)
    for entry in entries:
        link = web_link(entry.get("link"))
        guid = entry.get("id") or entry.get("guid")
        guid = plain_text(guid, ID_MAX) if isinstance(guid, str) else ""
        ident = guid or link
        if not ident or ident in identities:
            skipped += 1
            continue
        identities.add(ident)
        if link is not None and links is not None and not links.allows(link):
            if withheld is not None:
                withheld.append(link)
            link = None  # the post counts; its identity stays the foreign link when no guid
        when = None
        for name in ("published", "updated", "created"):
            when = read_date(entry.get(name), tz)
            if when:
                break
        if when is None:
            for name in ("published_parsed", "updated_parsed", "created_parsed"):
                if entry.get(name):
                    when = _utc_struct_to_local(entry[name], tz)
                    break
        estimated = when is None or when > seen_local + _FUTURE_SLACK
        if estimated:
            when = seen_local
        title = plain_text(entry.get("title"), TITLE_MAX)
        summary = plain_text(entry.get("summary"), SUMMARY_MAX)
        if summary and title and (summary == title or title.startswith(summary.rstrip("…"))):
            summary = ""
        if not title:
            title, summary = summary, ""
        posts.append(
            Post(ident, link, when.replace(second=0, microsecond=0), title, summary, estimated)
        )
    return posts, skipped


def newest(posts: list[Post], limit: int) -> list[Post]:
    """The ``limit`` newest posts, newest first; posts of the same time keep feed order."""
    if len(posts) <= limit:
        return posts
    return sorted(posts, key=lambda p: p.time, reverse=True)[: max(limit, 0)]


def parse_feed(
    body: bytes,
    content_type: str | None,
    base_url: str,
    tz_name: str,
    seen_at: dt.datetime,
    max_items: int = MAX_ITEMS,
    links: LinkRule | None = None,
) -> ParsedFeed:
    """Parse feed bytes (never a URL: feedparser would fetch it, without a timeout);
    ``links``: the account's rule for post links (None: any http(s) link is kept)."""
    if len(body) > MAX_PARSE_BYTES:
        size = f"{MAX_PARSE_BYTES:,}".replace(",", ".")
        return ParsedFeed([], 0, f"feed lebih dari {size} bait; tidak diurai")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - feedparser should not raise, but one feed must not stop the run
        return ParsedFeed([], 0, f"feed tidak bisa diurai: {type(exc).__name__}")
    warning = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        warning = f"{type(exc).__name__}: {exc}"[:200] if exc else "bozo"
        if not parsed.entries:
            if not parsed.get("version"):
                return ParsedFeed([], 0, f"bukan feed RSS/Atom yang valid ({warning})")
            return ParsedFeed([], 0, f"XML feed rusak ({warning})")
    elif not parsed.get("version") and not parsed.entries:
        return ParsedFeed([], 0, "bukan feed RSS/Atom")
    withheld: list[str] = []
    posts, skipped = normalize_entries(parsed.entries, ZoneInfo(tz_name), seen_at, links, withheld)
    if len(posts) > max_items:
        warning = f"hanya {max_items} dari {len(posts)} unggahan (yang terbaru) diambil"
        posts = newest(posts, max_items)
    return ParsedFeed(posts, skipped, None, warning, withheld)
