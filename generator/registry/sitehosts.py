"""Registered websites and complaint portals that imitate an official domain.

The checker ("Cek akun resmi") answers "Resmi" for every site the registry lists, so a look-
alike that reaches the registry (a pull request, a pasted address) would be certified by the
region itself. A site is compared with the official domains: those ``official.web_domains``
declares (region and agencies, active ones), and the registrable domains under a
government-only suffix (``go.id``, ``desa.id``) of the sites listed. A host under one of them
(``dinkes.contohkab.go.id``) is the region's own; a host that is not, yet reads as one, is an
error at the site's place:

- the official domain written inside it: ``contohkab.go.id.evil.example``,
  ``contohkab-go-id.web.app``;
- letters that look alike: Cyrillic ``о`` (also in punycode, ``xn--...``), ``l`` for ``i``
  (``contohkab.go.ld``), ``0`` for ``o``: the host's words folded as
  :func:`generator.registry.lookalike.skeleton` folds names hold the official domain's.

A domain that really is the region's though it reads like another is declared in
``official.web_domains`` of region.yml: a host under a declared domain is never reported.
Other sites (``lapor.go.id``, a village on ``desa.id``, a tourism site) are compared and pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from generator.registry import domains
from generator.registry import lookalike as lk
from generator.registry.models import AccountStatus, Agency, ChannelType, Platform, Region
from generator.registry.official import OfficialKind
from generator.registry.officialcheck import host_matches
from generator.safeinput.problems import Location, Problems

GOV_SUFFIXES = ("go.id", "desa.id")  # only governments register under these
SITE_CHANNELS = (ChannelType.WEBSITE, ChannelType.COMPLAINT_PORTAL)


def host_of(url: str) -> str:
    """The lower-case ASCII host of a URL ("" when it has none)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    try:
        return host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def words(host: str) -> list[str]:
    """A host as a reader's words: punycode decoded, each label split at separators and
    folded as names are (look-alike letters, digits for letters, i/l)."""
    out = []
    for part in re.split(r"[^\w]+|_", domains.unicode_host(host.lower())):
        if part:
            out.append(lk.skeleton(part))
    return [w for w in out if w]


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n >= 2 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def imitated(host: str, official: Iterable[str]) -> str | None:
    """The official domain ``host`` reads as without being under it, or None."""
    official = list(official)
    if not host or any(host_matches(host, d, subdomains=True) for d in official):
        return None
    hay = words(host)
    for domain in sorted(official, key=len, reverse=True):
        needle = words(domain)
        joined = "".join(needle)  # contohkabgoid.com: the words run together
        if _contains(hay, needle) or (len(joined) >= 8 and any(joined in w for w in hay)):
            return domain
    return None


def mixed_script(host: str) -> bool:
    """Whether a label of ``host`` mixes Latin letters with look-alike letters of another
    script (``ntohkaаb``: a Cyrillic а): how homograph domains are made."""
    return lk.mixes_scripts(domains.unicode_host(host.lower()).replace(".", " ")) is not None


def government(host: str) -> bool:
    """Whether ``host``'s registrable domain is under a government-only suffix, in plain
    ASCII: only a government registers it (no look-alike letters can hide there)."""
    reg = domains.registrable(host)
    return reg.endswith(GOV_SUFFIXES) and reg not in GOV_SUFFIXES and "xn--" not in reg


def official_domains(agencies: Iterable[Agency], region: Region | None) -> set[str]:
    """Active declared web domains, and the government-only registrable domains of the sites
    the registry lists (a region that declares none is still compared with its own)."""
    found: set[str] = set()
    agencies = list(agencies)
    items = [*(region.official if region else ()), *(i for a in agencies for i in a.official)]
    for item in items:
        if item.kind is OfficialKind.WEB_DOMAIN and item.status is AccountStatus.ACTIVE:
            found.update(item.keys)
    for agency in agencies:
        for _, _, url in sites(agency):
            host = host_of(url)
            if government(host):
                found.add(domains.registrable(host))
    return found


def sites(agency: Agency) -> Iterator[tuple[str, int, str]]:
    """("accounts" or "channels", position, URL) of the agency's active websites and its
    website and complaint-portal channels."""
    for i, acc in enumerate(agency.accounts):
        if acc.platform is Platform.WEBSITE and acc.status is AccountStatus.ACTIVE:
            yield "accounts", i, acc.url
    for i, ch in enumerate(agency.channels):
        if ch.type in SITE_CHANNELS:
            yield "channels", i, ch.value


def check_site_hosts(
    agencies: dict[str, Agency],
    region: Region | None,
    at: Callable[[str, str, int, str], tuple[Location, str]],
    problems: Problems,
) -> None:
    """An error at each listed site that imitates an official domain; ``at(agency id,
    "accounts" or "channels", position, key)`` gives its location and field."""
    official = official_domains(agencies.values(), region)
    if not official:
        return
    for agency in agencies.values():
        for group, i, url in sites(agency):
            host = host_of(url)
            # A government registers its .go.id and .desa.id names itself: never a look-alike
            # (dprd-contohkab.go.id is the council's, though it holds contohkab.go.id's words).
            domain = None if government(host) else imitated(host, official)
            shown = domains.unicode_host(host)
            if domain is not None:
                message = (
                    f"alamat '{shown}' meniru domain resmi {domain} padahal bukan di bawahnya "
                    "(huruf yang mirip, atau domain resmi ditulis di dalam domain lain); bila "
                    "memang milik daerah, cantumkan di official.web_domains region.yml"
                )
            elif mixed_script(host):
                message = (
                    f"alamat '{shown}' ({host}) mencampur huruf Latin dengan huruf aksara lain "
                    "yang tampak sama, cara membuat domain tiruan; tulis alamat yang benar"
                )
            else:
                continue
            where, field = at(agency.id, group, i, "url" if group == "accounts" else "value")
            problems.error(where, field, message)
