"""One box for anything: a verdict for every vector a scammer copies, and for a whole message.

:func:`check_any` reads one pasted item (a handle, profile URL, website or bare domain, phone
or WhatsApp number, e-mail, app link or package id, APK file, bank or e-wallet account) and
adds a ``verdict`` to :func:`generator.registry.checker.check`'s answer: "official",
"inactive", "archived" (no longer official), "fake", "lookalike" (looks like an office: its
name, site, e-mail domain or number), "unknown" (not in the registry) or "invalid".
:func:`scan` extracts every item of a forwarded message and checks each.

Domains are split with the public suffix list (:mod:`generator.registry.domains`); names
are compared with the naming knowledge of :mod:`generator.registry.lookalike`. This is the
Python reference; the browser (checker.js) does not run these vectors yet.
"""

from __future__ import annotations

import re
from typing import Any

from generator.registry import domains
from generator.registry import lookalike as lk
from generator.registry.checker import check
from generator.registry.naming import table

_N = table()
_FREE_MAIL = frozenset(_N["free_mail"])
_SHORTENERS = frozenset(_N["shorteners"])
_PAY_WORDS = frozenset(_N["payment_words"] + _N["banks"] + _N["wallets"])
_PLATFORM_WORDS = {w: p for p, ws in _N["platform_words"].items() for w in ws}
_GOV_SUFFIXES = ("go.id", "desa.id")  # only governments register under these
EMAIL = r"(?:mailto:)?<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+)@([^\s@<>/?#]+\.[^\s@<>/?#]+?)>?"
_PACKAGE = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){2,}"
_PACKAGE_HEADS = ("com", "co", "org", "net", "app", "io", "or", "go")
_STORE = r"(?:https?://)?play\.google\.com/store/apps/details\?(?:.*&)?id=([A-Za-z0-9._]+)"


def _tokens(text: str) -> list[str]:
    """A host or text as a reader's words: punycode decoded, look-alikes folded, split at
    dots, hyphens and other separators."""
    shown = "".join(lk.CONFUSABLES.get(c, c) for c in domains.unicode_host(text.lower()))
    return [t for t in re.split(r"[^a-z0-9]+", shown.lower()) if t]


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n >= 2 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def _websites(index: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    """(host, path, agency, status) of every website row of the index."""
    found = []
    for row in index["accounts"]:
        if row[0] == "website":
            address = row[1].split(":", 1)[1]
            host, _, path = address.partition("/")
            found.append((host.split(":")[0], path, row[3], row[2]))
    return found


def _owner(sites: list[tuple[str, str, int, str]], host: str) -> tuple[int, str] | None:
    for site_host, _, agency, status in sites:
        if site_host == host:
            return agency, status
    return None


def _alike(agency: int, status: str, what: str) -> dict[str, Any]:
    return {"handle": what, "platforms": ["website"], "agency": agency, "status": status}


def domain_lookalikes(index: dict[str, Any], host: str, extra: str = "") -> list[dict[str, Any]]:
    """Official sites ``host`` (not one of them) looks like: an official host written inside it
    (``contohkab.go.id.evil.com``, ``contohkab-go-id.web.app``; also in ``extra``, the text
    around the host), the registrable label of an official domain folded or one letter off
    (``contоhkab.go.id``, ``contohkab.org``), or an office's name (``dukcapil-contoh.com``)."""
    sites = _websites(index)
    hay = _tokens(host) + _tokens(extra)
    best: tuple[int, int, str] | None = None
    for site_host, path, agency, status in sites:
        needle = _tokens(site_host.removeprefix("www."))
        if not path and _contains(hay, needle) and (best is None or len(needle) > best[0]):
            best = (len(needle), agency, status)
    if best:
        return [_alike(best[1], best[2], "")]
    sub, label, suffix = domains.split_host(domains.unicode_host(host))
    mine = lk.skeleton(label)
    for site_host, path, agency, status in sites:
        s_sub, s_label, s_suffix = domains.split_host(site_host)
        if not s_label or path or len(s_label) < 5:
            continue
        theirs = lk.skeleton(s_label)
        if mine == theirs or (len(theirs) >= 6 and lk.osa_distance(mine, theirs, 1) <= 1):
            # The office whose host has the same first labels, else the apex's owner.
            apex = f"{s_label}.{s_suffix}"
            owner = (
                _owner(sites, f"{sub}.{apex}" if sub else apex)
                or _owner(sites, f"www.{apex}")
                or _owner(sites, apex)
                or (agency, status)
            )
            return [_alike(owner[0], owner[1], "")]
    name = ".".join(p for p in (sub, label) if p) or host
    return lk.lookalikes(index["accounts"], name, {"website"})


def _regional(index: dict[str, Any], host: str) -> tuple[int, str] | None:
    """The owner of the official site whose registrable domain, under a government-only
    suffix, is ``host``'s: ``*.contohkab.go.id`` is the region's."""
    reg = domains.registrable(host)
    if not reg.endswith(_GOV_SUFFIXES):
        return None
    sites = _websites(index)
    for candidate in (reg, "www." + reg):
        owner = _owner(sites, candidate)
        if owner:
            return owner
    return next(((a, s) for h, _, a, s in sites if domains.registrable(h) == reg), None)


def _site(index: dict[str, Any], text: str) -> dict[str, Any] | None:
    """A URL or bare domain, read by host (a query or a deep path never hides the site)."""
    m = re.match(r"^(?:(https?):)?(?://)?([^/?#\s]+)([^?#\s]*)(?:\?[^#\s]*)?(?:#\S*)?$", text, re.I)
    if not m:
        return None
    netloc, path = m.group(2), m.group(3)
    userinfo, _, host = netloc.rpartition("@")
    host = host.split(":")[0].lower().rstrip(".")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if not m.group(1) and not domains.split_host(ascii_host)[2]:
        return None  # "dinkes.contoh": no top-level domain, a handle
    if "." not in ascii_host:
        return None
    result: dict[str, Any] = {"kind": "website", "host": ascii_host, "matches": []}
    bare = ascii_host.removeprefix("www.")
    for site_host, site_path, agency, status in _websites(index):
        if site_host.removeprefix("www.") == bare and path.rstrip("/").startswith(
            ("/" + site_path) if site_path else ""
        ):
            result["matches"].append({"agency": agency, "platform": "website", "status": status})
    if not result["matches"] and not userinfo:
        owner = _regional(index, ascii_host)
        if owner:
            result["matches"].append(
                {"agency": owner[0], "platform": "website", "status": "active"}
            )
            result["subdomain"] = True
    if not result["matches"]:
        if bare in _SHORTENERS:
            name = path.strip("/").split("/")[0]
            result["lookalikes"] = lk.lookalikes(index["accounts"], name, {"website"})
        else:
            result["lookalikes"] = domain_lookalikes(index, ascii_host, userinfo + " " + path)
    return result


def _email(index: dict[str, Any], local: str, domain: str) -> dict[str, Any]:
    address = f"{local}@{domain.lower()}"
    result: dict[str, Any] = {"kind": "email", "address": address, "matches": []}
    for row in index["accounts"]:
        if row[0] == "email" and row[1].split(":", 1)[1].lower() == address.lower():
            result["matches"].append({"agency": row[3], "platform": "email", "status": row[2]})
    if result["matches"]:
        return result
    try:
        host = domain.lower().encode("idna").decode("ascii")
    except UnicodeError:
        host = domain.lower()
    by_name = lk.lookalikes(index["accounts"], local, {"website"})
    site = _site(index, host)
    if site and site["matches"]:
        result["official_domain"] = True  # an office's domain, but not a listed address
    elif host in _FREE_MAIL:
        result["lookalikes"] = by_name
    else:
        alike = domain_lookalikes(index, host)
        result["lookalikes"] = (by_name or alike) if alike else by_name
    return result


def mentions(index: dict[str, Any], text: str) -> list[int]:
    """The agencies a text names ("Dinsos Kab Contoh", "Bupati Contoh", "Camat Cikaret"):
    runs of up to five words read as one name, equal to an official name after folding."""
    words = [w for w in re.split(r"[^0-9A-Za-z\u00c0-\u024f]+", text) if w]
    known = lk.registry(index["accounts"])
    found: list[int] = []
    for start in range(len(words)):
        for end in range(min(len(words), start + 5), start, -1):
            name = ".".join(words[start:end])
            pasted = lk.parse(name)
            if not pasted.words or not pasted.rest:
                continue
            hits = {
                o.agency
                for o in known.candidates(pasted)
                if lk.distance(pasted, o.parsed, known.places) == 0
            }
            if len(hits) == 1:
                agency = hits.pop()
                if agency not in found:
                    found.append(agency)
                break
    return found


def _verdict(result: dict[str, Any]) -> str:
    if result["kind"] in ("invalid", "empty"):
        return result["kind"]
    statuses = {m["status"] for m in result["matches"]}
    for status, name in (("active", "official"), ("inactive", "inactive")):
        if status in statuses:
            return name
    if statuses:
        return "archived"
    if result.get("fake"):
        return "fake"
    if result.get("lookalikes") or result.get("same_name") or result.get("claims"):
        return "fake" if result["kind"] == "apk" else "lookalike"
    return "unknown"


def _number_lookalikes(index: dict[str, Any], number: str) -> list[dict[str, Any]]:
    """Official numbers one digit off ``number`` (changed, or two neighbours swapped)."""
    found = []
    for kind, official, agency in index["numbers"]:
        if len(official) != len(number) or official == number:
            continue
        diff = [i for i, (a, b) in enumerate(zip(official, number, strict=True)) if a != b]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and official[diff[0]] == number[diff[1]]
            and official[diff[1]] == number[diff[0]]
        )
        if len(diff) == 1 or swapped:
            found.append({"number": official, "type": kind, "agency": agency})
    return found[: lk.MAX_LOOKALIKES]


def check_any(index: dict[str, Any], text: str, platform: str | None = None) -> dict[str, Any]:
    """The checker's answer for one pasted item, with its ``verdict`` (module docstring).
    ``platform``: where a bare handle was seen, when the citizen says so."""
    value = text.strip().strip(".,;:!?()[]\"'")
    result = _read(index, value, platform)
    result["verdict"] = _verdict(result)
    return result


def _read(index: dict[str, Any], value: str, platform: str | None) -> dict[str, Any]:
    if not value:
        return {"kind": "empty", "matches": []}
    if re.search(r"\.apk$", value, re.I) or re.search(r"\.apk(?:[?#]|$)", value, re.I):
        return {"kind": "apk", "matches": [], "claims": mentions(index, value[:-4])}
    words = [w.lower() for w in re.split(r"[^0-9A-Za-z]+", value) if w]
    digits = re.sub(r"[\s.\-]", "", " ".join(re.findall(r"[0-9][0-9\s.\-]{5,}[0-9]", value)))
    if len(words) > 1 and _PAY_WORDS & set(words) and len(digits) >= 7:
        return {
            "kind": "payment",
            "number": digits,
            "matches": [],
            "claims": mentions(index, value),
        }
    store = re.match(_STORE, value)
    if store or (re.fullmatch(_PACKAGE, value) and value.split(".")[0] in _PACKAGE_HEADS):
        package = store.group(1) if store else value
        labels = package.lower().split(".")
        rows = [r for r in index.get("apps", []) if r[1] == package.lower()]
        result: dict[str, Any] = {"kind": "app", "package": package, "matches": []}
        result["matches"] = [{"agency": r[2], "platform": "app", "status": "active"} for r in rows]
        if not rows:
            host = ".".join(reversed(labels))
            alike = domain_lookalikes(index, host)
            result["lookalikes"] = alike or lk.lookalikes(
                index["accounts"], ".".join(labels[1:]), {"website"}
            )
        return result
    mail = re.fullmatch(EMAIL, value)
    if mail:
        return _email(index, mail.group(1), mail.group(2))
    result = check(index, value)
    if result["kind"] == "phone" and not result["matches"]:
        result["lookalikes"] = _number_lookalikes(index, result["number"])
        return result
    if result["kind"] in ("website", "invalid") or (
        result["kind"] == "handle" and not result["matches"]
    ):
        site = _site(index, value)
        if site is not None and (
            result["kind"] != "handle" or site["matches"] or site.get("lookalikes")
        ):
            return site
    if result["kind"] == "invalid" and " " in value and len(value) <= 40:
        name = value.replace(" ", ".")  # an SMS sender or a page name with spaces
        return {
            "kind": "name",
            "name": value,
            "matches": [],
            "lookalikes": lk.lookalikes(index["accounts"], name, set(lk.PLATFORM_FAMILY)),
        }
    return _same_name(index, result, platform)


def _same_name(
    index: dict[str, Any], result: dict[str, Any], platform: str | None
) -> dict[str, Any]:
    """An unregistered account with the exact name of an official one on another platform:
    "this name is official on Instagram, but this Facebook account is not registered"."""
    if result["kind"] == "handle" and platform and result["matches"]:
        here = [m for m in result["matches"] if lk.family(m["platform"]) == lk.family(platform)]
        if not here:
            result["same_name"] = result["matches"]
            result["matches"] = []
            result["platform"] = platform
        else:
            result["matches"] = here
    if result["kind"] == "account" and not result["matches"]:
        name = lk.key_name(result["platform"], result["key"])
        if name:
            result["same_name"] = [
                {"agency": row[3], "platform": row[0], "status": row[2], "since": row[4]}
                for row in index["accounts"]
                if row[0] not in lk.UNNAMED
                and row[0] != result["platform"]
                and lk.key_name(row[0], row[1]) == name.lower()
            ]
    return result


_ITEMS = re.compile(
    "|".join(
        [
            r"(?P<apk>[^\n:;\"'“”]{1,80}?\.apk)\b",
            r"(?P<url>(?:https?://|www\.)[^\s<>\"'“”]+)",
            r"(?P<email>(?:mailto:)?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.\-\u0400-\u04ff]+\.[A-Za-z]{2,})",
            r"(?P<wa>(?:https?://)?(?:wa\.me|api\.whatsapp\.com)/\S+)",
            r"(?P<host>\b[A-Za-z0-9\-\u0400-\u04ff]+(?:\.[A-Za-z0-9\-\u0400-\u04ff]+)+(?:/[^\s<>\"'“”]*)?)",
            r"(?P<phone>(?:\(?\+62\)?|\b62|\b0)[0-9][0-9\s().\-]{6,16}[0-9])",
            r"(?P<handle>@[A-Za-z0-9._]{2,30})",
        ]
    )
)


def scan(index: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Every link, number, handle, e-mail, APK and account of a message, each checked."""
    found: list[dict[str, Any]] = []
    for line in text.splitlines():
        pay = [w.lower() for w in re.split(r"[^0-9A-Za-z]+", line) if w]
        if _PAY_WORDS & set(pay) and re.search(r"[0-9][0-9\s.\-]{5,}[0-9]", line):
            item = check_any(index, line)
            if item["kind"] == "payment":
                found.append({**item, "text": line.strip()})
                continue
        sender = re.match(r"^\s*(?:dari|from|pengirim)\s*:\s*(.+?)\s*$", line, re.I)
        if sender and not re.search(r"[@/]|[0-9]{6}", sender.group(1)):
            name = sender.group(1)
            result = {
                "kind": "sender",
                "name": name,
                "matches": [],
                "lookalikes": lk.lookalikes(index["accounts"], name.replace(" ", "."), {"website"}),
            }
            result["verdict"] = _verdict(result)
            found.append({**result, "text": name})
            continue
        for m in _ITEMS.finditer(line):
            kind, value = m.lastgroup, m.group(0).rstrip(".,;:!?)]")
            hint = None
            if kind == "handle":
                before = re.findall(r"[A-Za-z]+", line[: m.start()].lower())[-3:]
                hint = next(
                    (_PLATFORM_WORDS[w] for w in reversed(before) if w in _PLATFORM_WORDS), None
                )
            if kind == "host" and not domains.split_host(value.split("/")[0].lower())[2]:
                continue
            result = check_any(index, value.strip(), hint)
            found.append({**result, "text": value.strip()})
    return found
