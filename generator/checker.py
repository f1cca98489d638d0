"""The official-account checker ("Cek akun resmi"): what the browser needs, and a reference.

The checker runs in the browser (``theme/assets/kanal/checker.js``) from the compact finder
index, without a server. This module gives that script its rules as data
(:func:`platform_table`, the ``PLATFORMS`` table of :mod:`generator.accounts` as JSON) and is
the Python reference of the script's logic (:func:`phone_e164`, :func:`check`), so that one
table of cases (``tests/cases/*.json``) runs against both languages and must agree.

Look-alikes (:func:`lookalikes`). When a handle or profile is not in the registry but looks
like an official one on the same platform (Instagram and Threads count as one: they share
names), the checker warns that it may be an impostor. Both sides are compared as a
*skeleton*: lowercased, without ``.``, ``_`` and ``-``, with the digits impostors use for
letters read as those letters (0→o 1→l 3→e 4→a 5→s 7→t 8→b). From the pasted skeleton only,
impostor affixes are then removed one at a time (trailing official, resmi, id, real, asli,
info, news, cs, admin; leading official, real, the, admin), never down to nothing; the pasted
name matches if its skeleton or any of these shortened forms equals an official skeleton,
or is within Damerau–Levenshtein distance (optimal string alignment) 1 of an official
skeleton of 5 to 9 characters, or 2 of one of 10 or more (shorter ones: equality only).
Numeric IDs (Facebook) and YouTube channel IDs are not names and never compared. checker.js
implements the same rules (``lookalikes`` there); keep both in step.
"""

from __future__ import annotations

import re
from typing import Any

from generator import accounts as acc
from generator.accounts import PLATFORMS, AccountError

# wa.me/62..., api.whatsapp.com/send?phone=62... (what "Chat on WhatsApp" buttons link to).
# Also what the registry accepts as a WhatsApp channel (generator.contacts.parse_phone).
WA_LINK = r"^(?:https?://)?(?:(?:api|www)\.whatsapp\.com/send/?\?(?:.*&)?phone=|(?:api\.)?wa\.me/)\+?([0-9]+)"
# Separators people type inside numbers: spaces, dashes, dots, parentheses, slashes.
PHONE_SEPARATORS = r"[\s().\-/]"
# An Indonesian number without its trunk prefix "0" or country code "62": 8 to 12 digits,
# not starting with 0 (mobile 8xx..., fixed lines with their area code: 21..., 271...).
NATIONAL_NUMBER = r"^[1-9][0-9]{7,11}$"

# Look-alikes: see the module docstring. The same constants are in checker.js.
SKELETON_DROP = "._-"
SKELETON_DIGITS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
IMPOSTOR_SUFFIXES = ("official", "resmi", "id", "real", "asli", "info", "news", "cs", "admin")
IMPOSTOR_PREFIXES = ("official", "real", "the", "admin")
PLATFORM_FAMILY = {"threads": "instagram"}  # Threads profiles use their Instagram name
MAX_LOOKALIKES = 3


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
        "phone": {
            "wa_link": WA_LINK,
            "separators": PHONE_SEPARATORS,
            "national": NATIONAL_NUMBER,
        },
    }


def phone_e164(text: str) -> str | None:
    """An Indonesian phone/WhatsApp number as typed or linked, in E.164 (+62...); else None.

    Accepts 0812-3456-7890, +62 812 3456 7890, 62812..., 812..., (0271) 712345 and wa.me/62...
    links. Only Indonesian numbers: the registry holds those. Lighter than
    :func:`generator.contacts.parse_phone` (no per-area validation), which is fine for a lookup:
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
        name = _name(result["platform"], result["key"])
        result["lookalikes"] = lookalikes(index, name, {result["platform"]}) if name else []
    elif result["kind"] == "handle" and not result["matches"]:
        name = result["handle"].rsplit("/", 1)[-1]
        result["lookalikes"] = lookalikes(index, name, {p for p, _ in pairs})
    return result


def skeleton(name: str) -> str:
    """``name`` as compared for look-alikes: lowercased, no separators, digits read as letters."""
    return "".join(SKELETON_DIGITS.get(c, c) for c in name.lower() if c not in SKELETON_DROP)


def skeleton_forms(name: str) -> list[str]:
    """The pasted skeleton, then what remains after removing each impostor affix in turn."""
    forms = [skeleton(name)]
    while True:
        current = forms[-1]
        shorter = next(
            (
                current[: -len(a)]
                for a in IMPOSTOR_SUFFIXES
                if current.endswith(a) and len(current) > len(a)
            ),
            None,
        )
        if shorter is None:
            shorter = next(
                (
                    current[len(a) :]
                    for a in IMPOSTOR_PREFIXES
                    if current.startswith(a) and len(current) > len(a)
                ),
                None,
            )
        if shorter is None:
            return forms
        forms.append(shorter)


def osa_distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau–Levenshtein distance, optimal string alignment variant (checker.js: osa).

    With ``limit``, stops as soon as the distance is sure to exceed it and then returns
    ``limit + 1`` (a row's smallest value never decreases from one row to the next).
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = prev[j] + 1 if prev[j] < row[j - 1] else row[j - 1] + 1
            if prev[j - 1] + cost < best:
                best = prev[j - 1] + cost
            if (
                i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
                and prev2[j - 2] + 1 < best
            ):
                best = prev2[j - 2] + 1
            row[j] = best
        if limit is not None and min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[len(b)]


def _family(platform: str) -> str:
    return PLATFORM_FAMILY.get(platform, platform)


def _name(platform: str, key: str) -> str | None:
    """The name part of a registry key (``instagram:dinkes.uji`` → ``dinkes.uji``), or None
    for identifiers that are not names: numeric IDs and YouTube channel IDs."""
    name = key.split(":", 1)[1].rsplit("/", 1)[-1]
    if (
        not name
        or name.isdigit()
        or (platform == "youtube" and re.fullmatch(r"UC[A-Za-z0-9_-]{22}", name))
    ):
        return None
    return name


def lookalikes(index: dict[str, Any], name: str, platforms: set[str]) -> list[dict[str, Any]]:
    """Official accounts on ``platforms`` (by family) whose name looks like ``name``.

    Grouped by name, agency and status (one handle on several platforms is one line), closest
    first, at most :data:`MAX_LOOKALIKES`: ``{"handle", "platforms", "agency", "status"}``.
    """
    if not name or name.isdigit():
        return []
    families = {_family(p) for p in platforms}
    forms = skeleton_forms(name)
    groups: dict[tuple[str, int, str], dict[str, Any]] = {}
    best: dict[tuple[str, int, str], tuple[int, int]] = {}
    for position, row in enumerate(index["accounts"]):
        platform, key, status, agency = row[0], row[1], row[2], row[3]
        official = _name(platform, key)
        if (
            _family(platform) not in families
            or official is None
            or official.lower() == name.lower()
        ):
            continue
        target = skeleton(official)
        limit = 0 if len(target) < 5 else 1 if len(target) <= 9 else 2
        # The distance is at least the difference in length: skip the forms that cannot match.
        near = [
            osa_distance(form, target, limit)
            for form in forms
            if abs(len(form) - len(target)) <= limit
        ]
        distance = min(near, default=limit + 1)
        if distance > limit:
            continue
        group = (official.lower(), agency, status)
        if group not in groups:
            groups[group] = {
                "handle": official.lower(),
                "platforms": [],
                "agency": agency,
                "status": status,
            }
            best[group] = (distance, position)
        groups[group]["platforms"].append(platform)
        best[group] = min(best[group], (distance, position))
    order = sorted(groups, key=lambda g: best[g])
    return [groups[g] for g in order[:MAX_LOOKALIKES]]


def _url_platform(text: str) -> str | None:
    try:
        host = acc._split_url(text)[1]
    except AccountError:
        return None
    return acc._HOST_PLATFORM.get(host)
