"""Host names: where the registrable part ends (public suffix list) and what a reader sees.

Python splits hosts with ``tldextract`` and its bundled snapshot of the public suffix list
(no network: ``suffix_list_urls=()``), ICANN section, plus :data:`HOSTING` (free hosts where
anyone gets a name: ``contohkab.web.app`` is not contohkab's). The browser cannot carry the
whole list; :func:`psl_table` gives it every ICANN top-level domain and the multi-label
suffixes of the top-level domains Indonesian scams use (:data:`BROWSER_TLDS`), plus the same
hosting suffixes. Elsewhere the browser applies the list's default rule (the last label),
which differs from Python only for multi-label suffixes of other countries (``co.uk``);
tests/test_checker_channels.py checks both agree on every host of the corpora.

IDN: a host in punycode (``xn--``) is decoded, then folded like names (Cyrillic ``о`` reads
as ``o``, see :mod:`generator.registry.lookalike`), so ``contоhkab.go.id`` looks like
``contohkab.go.id``.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any

import tldextract

from generator.registry.lookalike import fold

HOSTING = (
    "web.app",
    "firebaseapp.com",
    "pages.dev",
    "workers.dev",
    "vercel.app",
    "netlify.app",
    "github.io",
    "gitlab.io",
    "blogspot.com",
    "wordpress.com",
    "wixsite.com",
    "weebly.com",
    "000webhostapp.com",
    "herokuapp.com",
    "glitch.me",
    "repl.co",
    "onrender.com",
    "carrd.co",
    "webflow.io",
    "my.id",
    "biz.id",
    "web.id",
)
BROWSER_TLDS = ("id", "com", "net", "org", "co", "my", "sg", "au", "uk", "in", "ph", "th", "vn")


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, extra_suffixes=HOSTING)


def split_host(host: str) -> tuple[str, str, str]:
    """(subdomain, registrable label, public suffix) of an ASCII host; suffix "" if the last
    label is no top-level domain."""
    parts = _extractor()(host)
    return parts.subdomain, parts.domain, parts.suffix


def registrable(host: str) -> str:
    """The registrable domain (``contohkab.go.id``), or the host itself when there is none."""
    sub, label, suffix = split_host(host)
    return f"{label}.{suffix}" if label and suffix else host


def unicode_host(host: str) -> str:
    """A host with its punycode labels decoded (``xn--cntoh-...`` → ``cоntoh``)."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label[4:].encode("ascii").decode("punycode")
        labels.append(label)
    return ".".join(labels)


def seen(host: str) -> str:
    """What a reader sees in ``host``: punycode decoded, look-alike letters folded, dots kept."""
    return ".".join(fold(label) for label in unicode_host(host).split("."))


def psl_table() -> dict[str, Any]:
    """The suffix rules checker.js applies: ICANN top-level domains, the multi-label suffixes
    under :data:`BROWSER_TLDS` (wildcards and exceptions left out: none there), and HOSTING."""
    rules = _extractor()._get_tld_extractor().tlds_excl_private
    plain = [r for r in rules if "*" not in r and "!" not in r]
    tlds = sorted(r for r in plain if "." not in r and r.isascii())
    multi = sorted(r for r in plain if "." in r and r.rsplit(".", 1)[1] in BROWSER_TLDS)
    return {"tlds": " ".join(tlds), "suffixes": " ".join(multi), "hosting": list(HOSTING)}
