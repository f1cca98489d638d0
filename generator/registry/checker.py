"""The official-account checker ("Cek akun resmi"): what the browser needs, and a reference.

The checker runs in the browser (``theme/assets/kanal/checker.js``) from the compact finder
index, without a server. This module gives that script its rules as data
(:func:`platform_table`, the ``PLATFORMS`` table of :mod:`generator.registry.accounts` as JSON) and is
the Python reference of the script's logic (:func:`phone_e164`, :func:`check`), so that one
table of cases (``tests/cases/*.json``) runs against both languages and must agree.

Look-alikes: a handle or profile that is not in the registry but looks like an official name
on the same platform (Instagram and Threads count as one) gets a warning; the rules are in
:mod:`generator.registry.lookalike`. A pasted name in other scripts (Cyrillic or Greek letters that look
Latin), which no platform form accepts, is read as a handle to compare, not as an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.registry import accounts as acc
from generator.registry import lookalike as lk
from generator.registry import naming, never
from generator.registry.accounts import PLATFORMS, AccountError
from generator.registry.domains import psl_table
from generator.registry.lookalike import key_name, lookalikes

# wa.me/62..., api.whatsapp.com/send?phone=62... (what "Chat on WhatsApp" buttons link to).
# Also what the registry accepts as a WhatsApp channel (generator.registry.contacts.parse_phone).
WA_LINK = r"^(?:https?://)?(?:(?:api|www)\.whatsapp\.com/send/?\?(?:.*&)?phone=|(?:api\.)?wa\.me/)\+?([0-9]+)"
# Separators people type inside numbers: spaces, dashes, dots, parentheses, slashes.
PHONE_SEPARATORS = r"[\s().\-/]"
# An Indonesian number without its trunk prefix "0" or country code "62": 8 to 12 digits,
# not starting with 0 (mobile 8xx..., fixed lines with their area code: 21..., 271...).
NATIONAL_NUMBER = r"^[1-9][0-9]{7,11}$"

# A name typed with look-alike letters from other scripts: compared, though no platform takes it.
FOREIGN_HANDLE = "^@?[A-Za-z0-9._\\-\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u2113]{2,50}$"


def platform_table() -> dict[str, Any]:
    """The platform rules as JSON for checker.js: hosts, forms (regexes, templates), reserved."""
    return {
        "url": {"scheme": acc._SCHEME, "port": acc._PORT, "hostname": acc._HOSTNAME},
        "platforms": {
            name: {
                "label": rule.label,
                "hosts": list(rule.hosts),
                "reserved": list(rule.reserved),
                "forms": [
                    {
                        "paths": list(form.paths),
                        "handle": form.handle,
                        "url": form.url,
                        "display": form.display,
                        "case_sensitive": form.case_sensitive,
                    }
                    for form in rule.forms
                ],
            }
            for name, rule in PLATFORMS.items()
        },
        "names": names_table(),
        "never": never.rules_table(),  # the "Kami tidak pernah ..." requests (never.py)
        "phone": {
            "wa_link": WA_LINK,
            "separators": PHONE_SEPARATORS,
            "national": NATIONAL_NUMBER,
        },
    }


def channel_rows(agencies: list[Any], position: dict[str, int], keys: set[str]) -> list[list[Any]]:
    """Checker rows beyond accounts: websites and e-mail addresses of the contact channels
    (a key stated by several offices, like a national complaint portal, once), and the names
    of agencies and of their web hosts (platform "name": compared like handles, see
    lookalike.UNNAMED), so that "dukcapil-contoh.com" or "Dinsos Kab Contoh" name an office."""
    from generator.registry.domains import split_host

    rows: list[list[Any]] = []
    for agency in agencies:
        at = position[agency.id]
        rows.append(["name", "name:" + agency.name, "active", at, ""])
        for channel in agency.channels:
            kind = channel.type.value
            if kind == "email":
                key = "email:" + channel.value.lower()
            elif kind in ("website", "complaint_portal"):
                key = _website_key(channel.value)
                if key is None:
                    continue
            else:
                continue
            if key not in keys:
                keys.add(key)
                rows.append(["email" if kind == "email" else "website", key, "active", at, ""])
    hosts: dict[str, set[int]] = {}
    for row in rows:
        if row[0] == "website" and "/" not in row[1]:
            hosts.setdefault(row[1].split(":", 1)[1], set()).add(row[3])
    for agency in agencies:
        for account in agency.accounts:
            if account.platform.value == "website" and "/" not in account.key:
                hosts.setdefault(account.key.split(":", 1)[1], set()).add(position[agency.id])
    for host, owners in sorted(hosts.items()):
        sub, label, suffix = split_host(host.split(":")[0])
        name = ".".join(p for p in (sub.removeprefix("www").strip("."), label) if p)
        # "spmb.contohkab": a sub-domain of filler or topic words names no office of its own.
        if "." in name and lk.parse(name) == lk.parse(label):
            continue
        if len(owners) == 1 and name and suffix:
            rows.append(["name", "name:" + name, "active", owners.pop(), ""])
    return rows


def example_account(agencies: Iterable[Any]) -> tuple[str, str] | None:
    """The checker's example (placeholder): ``(@handle, profile URL)`` of the region's first
    active Instagram account, so no region shows another's (or the demo's) name; None if none."""
    for agency in agencies:
        for account in agency.accounts:
            if (
                account.platform.value == "instagram"
                and account.status.value == "active"
                and account.handle
            ):
                name = account.key.split(":", 1)[1]  # lower case, as the platform shows it
                return "@" + name, PLATFORMS["instagram"].forms[0].url.format(name)
    return None


def names_table() -> dict[str, Any]:
    """The look-alike rules of :mod:`generator.registry.lookalike` as data, so checker.js has one source."""
    return {
        "foreign": FOREIGN_HANDLE,
        "families": list(FAMILIES),
        "confusables": "".join(lk.CONFUSABLES),
        "confusable_as": "".join(lk.CONFUSABLES.values()),
        "digits": lk.DIGITS,
        "separators": lk.SEPARATORS,
        "pairs": [list(p) for p in lk.PAIRS],
        "naming": naming.table(),
        "psl": psl_table(),
        "typo_rest": lk.TYPO_REST,
        "typo_whole": lk.TYPO_WHOLE,
        "family": lk.PLATFORM_FAMILY,
        "max": lk.MAX_LOOKALIKES,
    }


def phone_e164(text: str) -> str | None:
    """An Indonesian phone/WhatsApp number as typed or linked, in E.164 (+62...); else None.

    Accepts 0812-3456-7890, +62 812 3456 7890, 62812..., 812..., (0271) 712345 and wa.me/62...
    links. Only Indonesian numbers: the registry holds those. Lighter than
    :func:`generator.registry.contacts.parse_phone` (no per-area validation), which is fine for a lookup:
    a number the registry does not hold is simply not found.
    """
    raw = text.strip()
    link = re.match(WA_LINK, raw, re.IGNORECASE)
    if link:
        digits, international = link.group(1), True
    else:
        compact = re.sub(PHONE_SEPARATORS, "", raw)
        international = compact.startswith("+")
        digits = compact.removeprefix("+")
        if not digits.isascii() or not digits.isdigit():
            return None
    if international or digits.startswith("62"):
        if not digits.startswith("62"):
            return None  # another country
        national = digits[2:]
        national = national.removeprefix("0")  # "+62 (0)812..." is a common slip
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not re.match(NATIONAL_NUMBER, national):
        return None
    return "+62" + national


def _website_key(text: str) -> str | None:
    """The registry key of a website URL (``website:host/path``), or None if it is not one."""
    try:
        account = acc._normalize_site("website", text)
    except AccountError:
        return None
    return account.key


def _handle_keys(text: str) -> list[tuple[str, str]]:
    """(platform, key) for every platform on which ``text`` is a valid bare handle."""
    found = []
    for name, rule in PLATFORMS.items():
        if not rule.forms:
            continue
        try:
            found.append((name, acc._from_handle(name, text).key))
        except AccountError:
            continue
    return found


# Platforms whose profiles have names (for a pasted name no platform form accepts).
FAMILIES = ("instagram", "x", "facebook", "youtube", "tiktok")


def check(index: dict[str, Any], text: str) -> dict[str, Any]:
    """What the checker answers for ``text``, given the finder index (see checker.js).

    ``kind`` is how the input was read: "empty", "invalid", "account" (a profile URL),
    "handle" (a bare @name: looked up on every platform), "phone" or "website". ``matches``
    lists the registry entries found: agency position, platform or channel type, status.
    A handle or profile that is not found also gets ``lookalikes``: the official accounts its
    name looks like (see :func:`lookalikes`), empty when none.
    """
    value = text.strip()
    result: dict[str, Any] = {"kind": "empty", "matches": []}
    if not value:
        return result
    accounts = index["accounts"]
    number = phone_e164(value)
    wa_link = re.match(WA_LINK, value, re.IGNORECASE) is not None
    looks_numeric = re.fullmatch(r"\+?[0-9\s().\-/]+", value) is not None
    if number and (looks_numeric or wa_link):
        result.update(kind="phone", number=number)
        result["matches"] = [
            {"agency": row[2], "type": row[0], "status": "active"}
            for row in index["numbers"]
            if row[1] == number
        ]
        return result
    if wa_link or (looks_numeric and value.startswith(("+", "0"))):
        result.update(kind="invalid", reason="phone")  # a number, but not a whole Indonesian one
        return result
    account = acc.identify(value)
    if account is not None:
        result.update(kind="account", platform=account.platform, key=account.key)
        keys = {account.key}
    elif acc._looks_like_url(value) or value.lower().startswith(("http:", "https:")):
        host_platform = _url_platform(value)
        if host_platform:  # a post, a search page...: a platform's page, not a profile
            result.update(kind="invalid", platform=host_platform)
            return result
        key = _website_key(value)
        if key is None:
            result["kind"] = "invalid"
            return result
        result.update(kind="website", key=key)
        keys = {key, "other:" + key.split(":", 1)[1]}
    else:
        pairs = _handle_keys(value)
        if not pairs and not value.isascii() and re.match(FOREIGN_HANDLE, value):
            result.update(kind="handle", handle=value.removeprefix("@"), matches=[])
            result["lookalikes"] = lookalikes(accounts, result["handle"], set(FAMILIES))
            return result
        if not pairs:
            result["kind"] = "invalid"
            return result
        result.update(kind="handle", handle=value.removeprefix("@"))
        keys = {key for _, key in pairs}
        site = _website_key(value) if "." in value else None
        if site:  # "dinkes.contoh.go.id" may be a website as much as an Instagram name
            keys |= {site, "other:" + site.split(":", 1)[1]}
    result["matches"] = [
        {"agency": row[3], "platform": row[0], "status": row[2], "since": row[4]}
        for row in accounts
        if row[1] in keys
    ]
    if result["kind"] == "account" and not result["matches"]:
        name = key_name(result["platform"], result["key"])
        result["lookalikes"] = lookalikes(accounts, name, {result["platform"]}) if name else []
    elif result["kind"] == "handle" and not result["matches"]:
        name = result["handle"].rsplit("/", 1)[-1]
        result["lookalikes"] = lookalikes(accounts, name, {p for p, _ in pairs})
    return result


def _url_platform(text: str) -> str | None:
    try:
        host = acc._split_url(text)[1]
    except AccountError:
        return None
    return acc._HOST_PLATFORM.get(host)
