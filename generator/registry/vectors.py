"""One box for anything: a verdict for every vector a scammer copies, and for a whole message.

:func:`check_any` reads one pasted item (a handle, profile URL, website or bare domain, phone
or WhatsApp number, e-mail, app link or package id, APK file, bank or e-wallet account) and
adds a ``verdict`` to :func:`generator.registry.checker.check`'s answer: "official",
"inactive", "archived" (no longer official), "fake", "lookalike" (looks like an office: its
name, site, e-mail domain or number), "unknown" (not in the registry) or "invalid".
:func:`scan` extracts every item of a forwarded message and checks each.

Domains are split with the public suffix list (:mod:`generator.registry.domains`); names
are compared with the naming knowledge of :mod:`generator.registry.lookalike`. This is the
Python reference; checker.js ``makeVectors`` runs the same rules.
"""

from __future__ import annotations

import re
from typing import Any

from generator.registry import domains, never
from generator.registry import lookalike as lk
from generator.registry.accounts import PLATFORMS
from generator.registry.checker import check
from generator.registry.naming import table

_N = table()
_FREE_MAIL = frozenset(_N["free_mail"])
_SHORTENERS = frozenset(_N["shorteners"])
_PAY_WORDS = frozenset(_N["payment_words"] + _N["banks"] + _N["wallets"])
_PLATFORM_WORDS = {w: p for p, ws in _N["platform_words"].items() for w in ws}
_GOV_SUFFIXES = ("go.id", "desa.id")  # only governments register under these
EMAIL = r"(?:mailto:)?<?([A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+)@([^\s@<>/?#]+\.[^\s@<>/?#]+?)>?"
_PACKAGE = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){2,}"
_PACKAGE_HEADS = ("com", "co", "org", "net", "app", "io", "or", "go")
_ID_SECOND = ("go", "co", "or", "ac", "web", "my", "sch", "desa", "net", "biz")
_STORE = r"(?:https?://)?play\.google\.com/store/apps/details\?(?:.*&)?id=([A-Za-z0-9._]+)"
# An Android app file: a name ending in .apk (or .xapk/.apks, bundles of split APKs). The
# character before the dot ends a name ("Resi_JNT.apk", "Undangan (1).apk", "surat%20tilang.apk"),
# so "file .apk" or "*.apk" in a warning names no file; nothing after it continues a word, a
# host or a package id ("Kapuk.apkx", "com.apk.editor"). checker.js APK_FILE is the same.
APK_FILE = (
    r"[A-Za-z0-9_)\-\u00c0-\u024f\u0400-\u04ff]\.(?:xapk|apks|apk)"
    r"(?![A-Za-z0-9_\-@]|\.[A-Za-z0-9])"
)
_APK = re.compile(APK_FILE, re.IGNORECASE)


def _package_head(labels: list[str]) -> bool:
    """Whether dotted labels start like an Android package id (``com.x``, ``id.go.x``)."""
    return labels[0] in _PACKAGE_HEADS or (labels[0] == "id" and labels[1] in _ID_SECOND)


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


def _readings(run: list[str], head: lk.Parsed) -> list[lk.Parsed]:
    """A run of words read as one name, and, when its first word is only a title or office
    word (``head``: "Kades", "Pemdes"), read with that word apart: written together, "Kades
    Sumberdalem" folds to "kadesumberdalem" and would lose the place's first letter."""
    joined = lk.parse(".".join(run))
    if len(run) < 2 or not head.words or head.rest:
        return [joined]
    tail = lk.parse(".".join(run[1:]))
    words = "+".join(sorted(head.words.split("+") + [w for w in tail.words.split("+") if w]))
    apart = lk.Parsed(joined.whole, words, tail.rest, joined.lead)
    return [joined] if apart == joined else [joined, apart]


def _names(
    known: lk.Registry, pasted: lk.Parsed, o: lk.Official, mine: list[str], levels: set[str]
) -> bool:
    """Whether ``pasted`` (agency words ``mine``, level words ``levels``) is the name of ``o``.
    With a place, an office's words without a level ("Kominfo Wonosobo") name it even where
    the place has two levels (a Kabupaten and a Kecamatan Wonosobo): the caller keeps a name
    only when one agency fits."""
    if pasted.rest:
        leveled = frozenset() if mine and not levels else known.leveled
        return lk.distance(pasted, o.parsed, known.places, leveled) == 0
    theirs, their_levels = lk.split_words(o.parsed.words)
    return o.platform == "name" and sorted(theirs) == sorted(mine) and levels <= their_levels


def mentions(index: dict[str, Any], text: str) -> list[int]:
    """The agencies a text names ("Dinsos Kab Contoh", "Bupati Contoh", "Camat Cikaret",
    "Satpol PP", "Dinas Kominfo", "Kades Sumberdalem"): runs of up to five words read as one
    name, equal to an official name after folding; a name without a place ("Disdagperin")
    names the one office of its kind. A run that fits several offices names none (the
    agencies' own names decide between them)."""
    words = [w for w in re.split(r"[^0-9A-Za-z\u00c0-\u024f]+", text) if w]
    known = lk.registry(index["accounts"])
    found: list[int] = []
    start = 0
    while start < len(words):
        taken = 1
        head = lk.parse(words[start])
        for end in range(min(len(words), start + 5), start, -1):
            agencies: set[int] = set()
            for pasted in _readings(words[start:end], head):
                mine, levels = lk.split_words(pasted.words)
                if not pasted.words or not (pasted.rest or mine):
                    continue
                hits = [
                    o for o in known.candidates(pasted) if _names(known, pasted, o, mine, levels)
                ]
                agencies = {o.agency for o in hits}
                if len(agencies) > 1:
                    agencies = {o.agency for o in hits if o.platform == "name"}
                if len(agencies) == 1:
                    break
            if len(agencies) == 1:
                agency = agencies.pop()
                if agency not in found:
                    found.append(agency)
                taken = end - start
                break
        start += taken
    return found


def _verdict(result: dict[str, Any]) -> str:
    if result["kind"] in ("invalid", "empty"):
        return result["kind"]
    if result["kind"] == "never":  # a request the region (or agency) says it never makes
        return "unknown" if result.get("soft") else "fake"
    statuses = {m["status"] for m in result["matches"]}
    for status, name in (("active", "official"), ("inactive", "inactive")):
        if status in statuses:
            return name
    if statuses:
        return "archived"
    if result.get("fake"):
        return "fake"
    if result["kind"] == "apk":  # sent by message: PALSU whoever it names (apps come from stores)
        return "fake"
    if result.get("lookalikes") or result.get("same_name") or result.get("claims"):
        return "lookalike"
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
    result = _stated(index, _read(index, value, platform), value)
    result["verdict"] = _verdict(result)
    return result


def _host_of(result: dict[str, Any]) -> str:
    if "host" in result:
        return result["host"]
    return result["key"].split(":", 1)[1].split("/")[0].split(":")[0] if "key" in result else ""


def _account_keys(name: str) -> set[str]:
    """The impostor keys of an account ``name`` on every platform that has handles."""
    return {f"{p}:{name}" for p, rule in PLATFORMS.items() if rule.forms}


def _impostor_keys(result: dict[str, Any], value: str) -> tuple[tuple[str, ...], set[str]]:
    """The impostor kinds and keys (data/impostors.yml, index ``impostors``) an item may be."""
    kind = result["kind"]
    if kind == "phone":
        return ("whatsapp", "phone"), {result["number"]}
    if kind == "account":
        return ("account",), {result["key"].lower()}
    if kind == "handle":
        return ("account", "sms_sender"), _account_keys(result["handle"].lower()) | {value.lower()}
    if kind == "website":
        host = _host_of(result)
        return ("domain",), {host, host.removeprefix("www.")}
    if kind == "email":
        return ("email",), {result["address"].lower()}
    if kind == "app":
        return ("app",), {"play:" + result["package"].lower()}
    if kind in ("sender", "name"):
        compact = re.sub(r"\s+", "", value).lower()
        if kind == "sender" and sender_shaped(value):
            # Also a known fake account under that name ("PEMKABCONTOH" for @pemkabcontoh).
            return ("sms_sender", "account"), {value.lower(), compact} | _account_keys(compact)
        return ("sms_sender",), {value.lower(), compact}
    return (), set()


def _stated(index: dict[str, Any], result: dict[str, Any], value: str) -> dict[str, Any]:
    """What the registry states beyond accounts: official channels (index ``official``: web
    and e-mail domains, SMS senders, apps, bank and virtual accounts, hotlines) and known
    impostors (``impostors``, with the office's notice: PALSU)."""
    kind, found = result["kind"], []
    compact = re.sub(r"\s+", "", value).upper()
    for row in index.get("official", []):
        what, keys = row[0], row[1]
        hit = False
        if what == "hotline":
            number = result.get("number") if kind == "phone" else None
            short = compact if re.fullmatch(r"[0-9]{3,8}", compact) else None
            hit = number in keys or (short is not None and short in keys)
        elif what == "web_domain" and kind == "website":
            host = _host_of(result)
            hit = any(host in (k, "www." + k) or (row[5] and host.endswith("." + k)) for k in keys)
        elif what == "email_domain" and kind == "email":
            if result["address"].rsplit("@", 1)[1].lower() in keys:
                result["official_domain"] = True
        elif what == "app" and kind == "app":
            hit = "play:" + result["package"].lower() in keys
        elif what == "bank_account" and kind == "payment":
            hit = any(k.split(":", 1)[1] == result["number"] for k in keys)
        elif what == "virtual_account" and kind == "payment":
            hit = any(result["number"].startswith(k.split(":", 1)[1]) for k in keys)
        elif what == "sms_sender" and kind in ("sender", "name", "handle", "invalid"):
            hit = compact in keys
        if hit:
            found.append({"agency": row[3], "platform": what, "status": row[2]})
    if found and not result["matches"]:
        if kind in ("handle", "name", "invalid") and found[0]["platform"] == "hotline":
            result = {"kind": "phone", "number": compact, "matches": []}
        elif kind in ("handle", "name", "invalid"):
            result = {"kind": "sender", "name": value, "matches": []}
        result["matches"] = found
        result.pop("lookalikes", None)
        result.pop("subdomain", None)
        if result["kind"] == "sender":  # a registered sender claims nothing beyond itself
            result.pop("claims", None)
            result.pop("same_name", None)
            result.pop("platform", None)
    kinds, keys = _impostor_keys(result, value)
    for row in index.get("impostors", []):
        reported = row[0] in kinds and row[1].lower() in keys
        if row[0] == "bank_account" and result["kind"] == "payment":
            reported = row[1].split(":", 1)[1] == result["number"]
        if reported and not result["matches"]:
            result["fake"] = {
                "reported": row[2],
                "notice": row[3],
                "agency": row[4],
                "note": row[5],
                "display": row[6],
            }
            break
    return result


def _read(index: dict[str, Any], value: str, platform: str | None) -> dict[str, Any]:
    if not value:
        return {"kind": "empty", "matches": []}
    apk = _APK.search(value)
    if apk:  # the offices its name (before the extension; %20 is a space) names
        name = value[: apk.start() + 1].replace("%20", " ")
        return {"kind": "apk", "matches": [], "claims": mentions(index, name)}
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
    if store or (re.fullmatch(_PACKAGE, value) and _package_head(value.split("."))):
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
    if sender_shaped(value):
        return _sender(index, value)
    result = check(index, value)
    sites = ("website", "other")
    if (
        result["kind"] == "handle"
        and result["matches"]
        and all(m["platform"] in sites for m in result["matches"])
    ):
        del result["handle"]  # "www.contohkab.go.id": a site, not a handle
        result["kind"] = "website"
    if result["kind"] == "phone" and not result["matches"]:
        result["lookalikes"] = _number_lookalikes(index, result["number"])
        return result
    if result["kind"] == "invalid" and result.get("platform"):
        return result  # a platform's address that is no profile (a post): say so, not "a site"
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


# How a phone shows an alphanumeric SMS sender ID (GSM: at most 11 characters): capitals,
# digits, a dash or a space, at least two letters ("BAPENDA-CTH", "E-PBB CTH"). A handle copied
# from a profile is lower case, and a platform's handle cannot hold a space.
_SENDER_ID = re.compile(r"[A-Z0-9][A-Z0-9 &_\-]{1,10}")


def sender_shaped(value: str) -> bool:
    """Is ``value`` written as an SMS sender ID rather than a handle?"""
    return bool(_SENDER_ID.fullmatch(value)) and len(re.findall(r"[A-Z]", value)) >= 2


def _sender(index: dict[str, Any], value: str) -> dict[str, Any]:
    """An SMS sender: official only when the registry lists it (``official: sms_senders``).

    SMS masking and fake base stations let anyone send under any name, so a sender equal to an
    official account's handle is never official for that: "nama ini resmi di Instagram, tetapi
    bukan pengirim SMS resmi"."""
    result: dict[str, Any] = {
        "kind": "sender",
        "name": value,
        "matches": [],
        "lookalikes": lk.lookalikes(index["accounts"], value.replace(" ", "."), {"website"}),
        "claims": mentions(index, value),
    }
    if " " not in value:
        handle = check(index, value)
        if handle["kind"] == "handle" and handle["matches"]:
            result["same_name"] = handle["matches"]
            result["platform"] = "sms"
            # The office is named once: "nama ini resmi di Instagram (milik X)" says it.
            named = {m["agency"] for m in handle["matches"]}
            result["claims"] = [a for a in result["claims"] if a not in named]
    return result


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


_TITLES = never.HOLDER_TITLES


def _words_of(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# What a message holds, in one pattern (the earliest match wins, then the first alternative):
# a payment account starts at its bank or e-wallet word and ends with the name "a.n." it is
# in; an APK is a file name without slashes (APK_FILE); hosts need a top-level domain (checked
# after).
_PAY_RE = (
    r"\b(?:"
    + _words_of(_N["banks"] + _N["wallets"] + ["rekening", "rek", "va", "virtual account"])
    + r")\b[^0-9\n]{0,20}?[0-9][0-9 .\-]{5,24}[0-9]"
    + r"(?:\s*\(?(?:a\.?\s?n\.?|atas nama)\s*(?:\b(?:"
    + "|".join(_TITLES)
    + r")\.\s?|[^\n;,().]|\.(?!\s|$)){1,60})?"
)
# A holder's name ends at the first word in lower case after it ("a.n. Slamet Riyadi paling
# lambat besok"); titles before it ("dr.", "Ir.", "Hj.") are part of it.
_HOLDER = re.compile(r"\b(?:a\.?\s?n\.?|atas nama)\s*", re.IGNORECASE)
_BANK_LEAD = re.compile(
    r"^(?:rekening|rek|norek)\.?\s+(?=(?:" + _words_of(_N["banks"] + _N["wallets"]) + r")\b)",
    re.IGNORECASE,
)


def _payment_text(value: str) -> str:
    """A payment account as found, told once: "BRI 0021-... a.n. Slamet Riyadi" (not
    "rekening BRI ...", which the page shows as "Rekening rekening BRI ...")."""
    lead = _BANK_LEAD.match(value)
    if lead:
        value = value[lead.end() :]
    holder = _HOLDER.search(value)
    if holder:
        kept: list[str] = []
        for word in value[holder.end() :].split(" "):
            bare = word.rstrip(".").lower()
            if kept and re.match("[a-z]", word) and bare not in _TITLES + ("bin", "binti", "dan"):
                break
            kept.append(word)
        value = value[: holder.end()] + " ".join(kept)
    return value.strip().rstrip(".,;:!?)]")


_ITEMS = re.compile(
    "|".join(
        [
            r"(?P<url>(?:https?://|www\.)[^\s<>\"'“”]+)",
            r"(?P<wa>(?:https?://)?(?:wa\.me|api\.whatsapp\.com)/\S+)",
            r"(?P<email>(?:mailto:)?[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9.\-\u0400-\u04ff]+\.[A-Za-z]{2,})",
            r"(?P<pay>" + _PAY_RE + ")",
            r"(?P<apk>(?:[^\n:;\"'“”/@.!?,]|\.(?!\s)){0,70}?" + APK_FILE + ")",
            r"(?P<host>\b[A-Za-z0-9\-\u0400-\u04ff]+(?:\.[A-Za-z0-9\-\u0400-\u04ff]+)+(?:/[^\s<>\"'“”]*)?)",
            r"(?P<phone>(?:\(\+62\)|\+62|\b62|\b0)[ \-]?[0-9][0-9 ().\-]{6,16}[0-9])",
            r"(?P<handle>@[A-Za-z0-9._]{2,30})",
        ]
    ),
    re.IGNORECASE,
)
# Where a message says who sent it: "Dari: X", "Pengirim X", "SMS dari X" (the intro at the
# start of a line, or after "SMS"/"pesan"), or a sender ID alone before a colon at the start of
# a line ("DINKES-WSB: Vaksin gratis") or in brackets there ("[BAPENDA-CTH] Tagihan PBB"). The
# sender is the run of capitals after the intro (_SENDER_TOKEN: "DINKES-WSB" of "DINKES-WSB.
# Vaksin gratis"), else, after "Dari:", the words up to the end of the sentence. checker.js
# scan reads them the same.
_SENDER_INTRO = re.compile(
    r"(?:^[ \t]*|\b(?:sms|pesan)[ \t]+)(?:dari|from|pengirim)\b[ \t]*(:?)[ \t]*([^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_SENDER_LINE = re.compile(
    r"^[ \t]*(?:\[([A-Z0-9][A-Z0-9&_\-]{1,10})\]|([A-Z0-9][A-Z0-9&_\-]{1,10})[ \t]*:(?!/))",
    re.MULTILINE,
)
_SENDER_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9&_\-]*(?![a-z])(?: [A-Z0-9&_\-]+(?![a-z]))*")
_INTRO_WORDS = ("dari", "from", "pengirim")


def _senders(text: str) -> list[tuple[str, bool]]:
    """The senders a message names, each with whether it was introduced ("Dari:") or only
    stands before a colon or in brackets at the start of a line (kept only when it claims
    something)."""
    found: list[tuple[int, str, bool]] = []
    for m in _SENDER_INTRO.finditer(text):
        line = m.group(2).strip()
        token = _SENDER_TOKEN.match(line)
        if token and len(re.findall(r"[A-Z]", token.group())) >= 2:
            name = token.group().strip(" -_&")
        elif m.group(1):
            name = re.split(r"[.,:;!?](?:\s|$)", line)[0].strip()
        else:
            continue
        if name and not re.search(r"[@/]|[0-9](?:[ .\-]?[0-9]){5}", name):
            found.append((m.start(2), name, True))
    for m in _SENDER_LINE.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group).strip(" -_&")
        taken = any(at == m.start(group) for at, _, _ in found)
        if sender_shaped(name) and name.lower() not in _INTRO_WORDS and not taken:
            found.append((m.start(group), name, False))
    return [(name, introduced) for _, name, introduced in sorted(found)]


def scan(index: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Every link, number, handle, e-mail, APK, sender and account of a message, each checked.

    An unregistered number, account, APK or sender in a message that names an office
    ("Saya Bupati Contoh", "a.n. Dinsos") is answered as claiming that office. First come the
    red flags: each request the region, or an office the message names, says it never makes
    ("kirimkan kode OTP", :func:`generator.registry.never.findings`)."""
    text = text[:20_000]  # a forwarded message, not a book: bounded work
    claimed = mentions(index, text)
    found: list[dict[str, Any]] = never.findings(index, text, claimed)
    for name, introduced in _senders(text):
        if sender_shaped(name):
            result = _sender(index, name)
        else:
            result = {
                "kind": "sender",
                "name": name,
                "matches": [],
                "lookalikes": lk.lookalikes(index["accounts"], name.replace(" ", "."), {"website"}),
            }
        result = _stated(index, result, name)
        if introduced or result["matches"] or result.get("fake") or _verdict(result) != "unknown":
            found.append({**result, "text": name})
    at = 0
    while (m := _ITEMS.search(text, at)) is not None:
        at = m.end() if m.end() > m.start() else m.end() + 1
        kind, value = m.lastgroup, m.group(0).strip().rstrip(".,;:!?)]")
        hint = None
        if kind == "handle":
            before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 40) : m.start()].lower())
            hint = next(
                (_PLATFORM_WORDS[w] for w in reversed(before[-3:]) if w in _PLATFORM_WORDS), None
            )
        if kind == "host" and not domains.split_host(value.split("/")[0].lower())[2]:
            continue
        if kind == "pay":  # the words after the holder's name are read again ("atau 0813...")
            value = _payment_text(value)
            at = m.start() + m.group(0).find(value) + len(value)
        found.append({**check_any(index, value, hint), "text": value})
    for item in found:
        unknown = item["kind"] in ("phone", "payment", "apk", "sender") and not item["matches"]
        if unknown and not item.get("lookalikes") and not item.get("claims") and claimed:
            item["claims"] = claimed
        item["verdict"] = _verdict(item)
    return found
