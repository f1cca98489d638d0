"""Which post links are published: a post's link must lead to its own account's platform.

A feed (or an RSS bridge, or a hand edit of ``data/posts/``) can give any http(s) link, and
the site shows it as, say, an "Instagram" post of an office, where citizens trust it. So a
link is kept only when its host is the account's own:

- a social platform account (Instagram, X, Facebook, YouTube, TikTok, Threads): one of the
  platform's hosts in :data:`generator.registry.accounts.PLATFORMS` (``hosts``, and
  ``link_hosts`` for its short-link domains) or a subdomain of one;
- a website (or any account without platform hosts): the registrable domain of the account's
  own URL (:func:`generator.registry.domains.registrable`) or a subdomain of it.

Hosts are compared after lower-casing and IDNA encoding, at a label boundary
(``instagram.com.evil.example`` and ``evilinstagram.com`` are foreign); a link with userinfo
(``https://instagram.com@evil.example/``), another scheme, or a host that is no plain DNS
name (a backslash, a percent sign, an IP address) is foreign.

A post with a foreign link still counts (it was posted); only its link is withheld:
``kanal fetch`` stores it without ``u``, and the build publishes it without a link on the
pages and with an empty ``link`` in the open data, and ``kanal check`` warns at its line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any
from urllib.parse import urlsplit

from generator.registry.accounts import PLATFORMS
from generator.registry.domains import registrable

# A plain http(s) link without port or userinfo: its host is read without urlsplit.
_FAST_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?=[/?#]|\Z)")
# A host as compared: lower-case ASCII DNS labels (IDNA as xn--), no empty label.
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")
SHOWN_MAX = 120  # characters of a foreign link quoted in a message


@dataclass(frozen=True)
class LinkRule:
    """The hosts an account's post links may be on: each of ``hosts`` or a subdomain of one
    (canonical: lower-case ASCII). ``shown``: the same, as a message names them."""

    hosts: tuple[str, ...]
    shown: str

    def allows(self, link: Any) -> bool:
        """Whether ``link`` (a stored or fetched post link) may be published for the account."""
        host = link_host(link)
        return host is not None and on_hosts(host, self.hosts)

    def foreign(self, links: Sequence[str | None]) -> list[int]:
        """The positions of the links (None: no link) that :meth:`allows` refuses. A link that
        starts with one of the hosts' plain prefixes (``https://www.instagram.com/``: the host
        ends at the slash) is allowed without being parsed, all of them tested in C (a
        province's million stored links: ~0.05 s, where one regular expression over them all
        took ~1 s); only the others are read one by one."""
        prefixes = _prefixes(self.hosts)
        plain = list(map(str.startswith, (u or "" for u in links), repeat(prefixes)))
        if all(plain):
            return []
        return [
            i
            for i, (u, ok) in enumerate(zip(links, plain, strict=True))
            if u is not None and not ok and not self.allows(u)
        ]

    def message(self, link: str) -> str:
        """The warning for a foreign link (Indonesian, for ``kanal check``)."""
        quoted = link if len(link) <= SHOWN_MAX else link[: SHOWN_MAX - 1] + "…"
        return f"tautan unggahan tidak di {self.shown}: {quoted}; tautan tidak diterbitkan"


def link_host(link: Any) -> str | None:
    """The host a browser opens for ``link``, lower-case ASCII (IDNA ``xn--``), without a
    final dot; None when it is not an http(s) link to a plain DNS name without userinfo."""
    if not isinstance(link, str):
        return None
    found = _FAST_HOST.match(link)
    if found:
        host = found.group(1).lower()
    else:
        try:
            parts = urlsplit(link)
            parts.port  # noqa: B018 - raises ValueError on a port that is no number
        except ValueError:
            return None
        if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
            return None
        host = parts.hostname or ""
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii").lower()
            except UnicodeError:
                return None
    if host.endswith("."):
        host = host[:-1]
    return host if _HOST.fullmatch(host) else None


def on_hosts(host: str, hosts: Sequence[str]) -> bool:
    """Whether ``host`` is one of ``hosts`` or a subdomain of one (at a label boundary)."""
    return any(host == h or host.endswith("." + h) for h in hosts)


@functools.cache
def _prefixes(hosts: tuple[str, ...]) -> tuple[str, ...]:
    """``http(s)://HOST`` then the character that ends a host (``/``, ``?``, ``#``), for each of
    ``hosts`` and its ``www.``: a link starting with one is on that host (a subset of what
    :meth:`LinkRule.allows` accepts; tests/test_feeds_postlinks.py)."""
    names = dict.fromkeys([*hosts, *(f"www.{h}" for h in hosts if not h.startswith("www."))])
    return tuple(
        f"{scheme}://{h}{end}" for h in names for scheme in ("https", "http") for end in "/?#"
    )


@functools.cache
def platform_rule(platform: str) -> LinkRule | None:
    """The rule of a platform with hosts of its own; None for a website or other."""
    rule = PLATFORMS.get(platform)
    if rule is None or not rule.hosts:
        return None
    hosts = (*rule.hosts, *rule.link_hosts)
    *others, last = dict.fromkeys(registrable(h) for h in hosts)
    return LinkRule(hosts, f"{', '.join(others)} atau {last}" if others else last)


@functools.cache
def site_rule(url: str) -> LinkRule:
    """The rule of a website account: the registrable domain of its URL (no host: nothing
    is allowed)."""
    host = link_host(url) or ""
    domain = registrable(host) if host else ""
    return LinkRule((domain,) if domain else (), domain or "situs akun")


def link_rule(platform: str, url: str) -> LinkRule:
    """The rule of an account (its platform's value and its profile or site URL)."""
    return platform_rule(platform) or site_rule(url)


def withhold(rec: dict[str, Any]) -> dict[str, Any]:
    """A stored record without its link; its identity (``g``, else the link) kept, so that
    the post is still the same post (it counts, and a later fetch does not add it again)."""
    out = {k: v for k, v in rec.items() if k != "u"}
    out.setdefault("g", rec["u"])
    return out
