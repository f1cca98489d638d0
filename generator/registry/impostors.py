"""Known impostors (``data/impostors.yml``): fake accounts, numbers, sites, apps, senders and bank
accounts the region has warned about, each with the date and the office's own notice.

```yaml
impostors:
  - kind: whatsapp            # whatsapp, phone, account, domain, email, sms_sender, app, bank_account
    value: "0813-9012-4471"
    imitates: pemerintah-kabupaten-contoh   # optional: the agency it poses as
    reported: 2026-10-12
    notice: https://diskominfo.contohkab.go.id/berita/waspada-nomor-palsu
    note: Memakai foto Bupati, meminta sumbangan.
```

Each value gets the key the checker looks up (:data:`IMPOSTOR_KEYS`). Nothing personal is
kept: a bank account is its bank and number, never the holder's name.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from generator.registry.accounts import AccountError, identify, normalize_account, shown_name
from generator.registry.contacts import ContactError, check_email, check_web_url, e164, parse_phone
from generator.registry.load import validate_model
from generator.registry.models import Agency, Platform, Region
from generator.registry.officialcheck import (
    OfficialError,
    account_digits,
    bank_key,
    normalize_domain,
    normalize_package,
    normalize_sender,
)
from generator.registry.sitehosts import SITE_CHANNELS, host_of, sites
from generator.safeinput.privacy import personal_data
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.publicvalues import PublicValues
from generator.safeinput.yamlio import dotted, read_yaml

IMPOSTORS_FILE = "impostors.yml"


class ImpostorKind(StrEnum):
    WHATSAPP = "whatsapp"
    PHONE = "phone"
    ACCOUNT = "account"
    DOMAIN = "domain"
    EMAIL = "email"
    SMS_SENDER = "sms_sender"
    APP = "app"
    BANK_ACCOUNT = "bank_account"


IMPOSTOR_LABELS = {
    ImpostorKind.WHATSAPP: "Nomor WhatsApp",
    ImpostorKind.PHONE: "Nomor telepon",
    ImpostorKind.ACCOUNT: "Akun media sosial",
    ImpostorKind.DOMAIN: "Situs web",
    ImpostorKind.EMAIL: "Alamat surel",
    ImpostorKind.SMS_SENDER: "Pengirim SMS",
    ImpostorKind.APP: "Aplikasi",
    ImpostorKind.BANK_ACCOUNT: "Rekening bank",
}

IMPOSTOR_KEYS = {
    ImpostorKind.WHATSAPP: "E.164 (+62...)",
    ImpostorKind.PHONE: "E.164 (+62...)",
    ImpostorKind.ACCOUNT: "account key, as accounts: <platform>:<id> (instagram:pemkabcontoh.resmi)",
    ImpostorKind.DOMAIN: "host in lower-case ASCII (a URL's host)",
    ImpostorKind.EMAIL: "address, domain in lower case",
    ImpostorKind.SMS_SENDER: "sender ID in upper case, or short code digits",
    ImpostorKind.APP: "play:<package id>",
    ImpostorKind.BANK_ACCOUNT: "<bank code>:<digits>, as official bank accounts",
}


class ImpostorIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ImpostorKind = Field(
        description="whatsapp, phone, account, domain, email, sms_sender, app, atau bank_account."
    )
    value: str = Field(
        description="Nomor, nama akun atau tautan profil, domain atau tautan, alamat surel, pengirim SMS, ID paket aplikasi, atau nomor rekening."
    )
    platform: Platform | None = Field(
        None, description="Untuk kind: account tanpa tautan: instagram, x, facebook, ..."
    )
    bank: str | None = Field(None, description="Untuk kind: bank_account: nama bank.")
    imitates: str | None = Field(None, description="id instansi yang ditiru, bila ada.")
    reported: dt.date = Field(description="Tanggal peringatan diterbitkan (YYYY-MM-DD).")
    notice: str = Field(description="Tautan ke peringatan resmi kantor (https://...).")
    note: str | None = Field(None, description="Keterangan singkat untuk publik.")


class ImpostorsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    impostors: list[ImpostorIn] = Field(default_factory=list)


@dataclass(frozen=True)
class Impostor:
    kind: ImpostorKind
    key: str
    display: str
    imitates: str | None
    reported: dt.date
    notice: str
    note: str | None
    source: Location


def _key(item: ImpostorIn) -> tuple[str, str, str]:
    """(field at fault, key, display); raises ValueError with the message."""
    kind, value = item.kind, item.value
    try:
        if kind in (ImpostorKind.WHATSAPP, ImpostorKind.PHONE):
            number = parse_phone(value)
            return "value", e164(number), value
        if kind is ImpostorKind.ACCOUNT:
            is_url = "/" in value
            if is_url and item.platform is None:
                found = identify(value if "://" in value else "https://" + value)
                if found is None:
                    return "value", "", f"'{value}' bukan tautan profil media sosial yang dikenal"
                return "value", found.key, shown_name(found)
            if item.platform is None:
                return (
                    "platform",
                    "",
                    "isi platform (instagram, x, ...) atau tulis tautan profilnya",
                )
            norm = normalize_account(
                item.platform.value, None if is_url else value, value if is_url else None
            )
            return "value", norm.key, shown_name(norm)
        if kind is ImpostorKind.DOMAIN:
            host = value
            if "/" in value:
                check_web_url(value if "://" in value else "https://" + value)
                host = urlsplit(value if "://" in value else "https://" + value).hostname or ""
            return "value", normalize_domain(host, "value"), value
        if kind is ImpostorKind.EMAIL:
            address = check_email(value.removeprefix("mailto:"))
            return "value", address, address
        if kind is ImpostorKind.SMS_SENDER:
            sender = normalize_sender(value, "value")
            return "value", sender, sender
        if kind is ImpostorKind.APP:
            package = normalize_package(value, "value")
            return "value", "play:" + package, package
        if not item.bank:
            return "bank", "", "isi nama bank rekening ini"
        digits = account_digits(value, "value")
        return "value", f"{bank_key(item.bank)}:{digits}", f"{item.bank} {value}"
    except (ContactError, AccountError, OfficialError) as exc:
        field = getattr(exc, "field", "value")
        message = getattr(exc, "message", str(exc))
        return field if field in ("value", "platform", "bank") else "value", "", message


def load_impostors(
    data_dir: Path,
    agencies: set[str],
    official_keys: dict[str, str],
    today: dt.date,
    problems: Problems,
    public: PublicValues | None = None,
) -> tuple[Impostor, ...]:
    """Read and check ``data/impostors.yml`` (optional). ``official_keys`` maps the keys of
    active official items to their owner: an impostor equal to one is an error. ``public``:
    the offices' own numbers and addresses, which a note may quote (personal data in a note
    is an error; an impostor's own value is the point of the file and may be quoted too)."""
    path = data_dir / IMPOSTORS_FILE
    if not os.path.lexists(path):
        return ()
    parsed = read_yaml(path, display_path(path), problems)
    if not parsed:
        return ()
    raw, lines = parsed
    model = validate_model(ImpostorsIn, raw, lines, (), problems)
    if model is None:
        return ()
    out: list[Impostor] = []
    seen: dict[tuple[str, str], Location] = {}
    # Each parent domain of an official site's host -> that site's owner: a known fake domain
    # may not hold an official site (www.fake.web.app would be answered "resmi").
    official_below: dict[str, str] = {}
    for found, owner in official_keys.items():
        if found.startswith("domain|"):
            for parent in parent_domains(found.removeprefix("domain|")):
                official_below.setdefault(parent, owner)
    for i, item in enumerate(model.impostors):
        path_ = ("impostors", i)

        def at(*field: str, p: tuple = path_) -> Location:
            return lines.locate((*p, *field))

        def name(*field: str, p: tuple = path_) -> str:
            return dotted((*p, *field))

        field, key, shown = _key(item)
        if not key:
            problems.error(at(field), name(field), shown)
            continue
        kind = item.kind.value
        if item.imitates and item.imitates not in agencies:
            problems.error(
                at("imitates"), name("imitates"), f"instansi '{item.imitates}' tidak ditemukan"
            )
        if item.reported > today:
            problems.error(
                at("reported"),
                name("reported"),
                f"tanggal {item.reported.isoformat()} ada di masa depan",
            )
        try:
            check_web_url(item.notice)
        except ContactError as exc:
            problems.error(at("notice"), name("notice"), str(exc))
        group = "number" if kind in ("whatsapp", "phone") else kind
        owner = official_keys.get(f"{group}|{key}")
        if kind == "domain" and not owner:  # under an official domain with its subdomains
            parents = parent_domains(key)
            owner = next(filter(None, (official_keys.get(f"domain*|{p}") for p in parents)), None)
        if kind == "domain" and not owner:  # an official site under the fake domain (www.)
            owner = official_below.get(key)
        if owner:
            problems.error(
                at("value"),
                name("value"),
                f"'{shown}' tercatat sebagai kanal resmi {owner}; hapus dari daftar peniru atau dari kanal resmi",
            )
            continue
        first = seen.setdefault((group, key), at())
        if first != at():
            problems.error(at("value"), name("value"), f"'{shown}' sudah tercantum di {first}")
            continue
        out.append(
            Impostor(
                item.kind, key, shown, item.imitates, item.reported, item.notice, item.note, at()
            )
        )
    _notes(model, lines, out, public, problems)
    return tuple(out)


def _notes(
    model: ImpostorsIn,
    lines: Any,
    found: list[Impostor],
    public: PublicValues | None,
    problems: Problems,
) -> None:
    """Personal data in the notes; the impostors' own numbers and addresses may be quoted."""
    base = public or PublicValues()
    quoted = replace(
        base,
        numbers=base.numbers | {i.key for i in found if i.kind.value in ("whatsapp", "phone")},
        emails=base.emails | {i.key for i in found if i.kind is ImpostorKind.EMAIL},
    )
    for i, item in enumerate(model.impostors):
        if not item.note:
            continue
        found_here = personal_data(item.note, public=quoted)
        if found_here.stored:
            path = ("impostors", i, "note")
            problems.error(
                lines.locate(path),
                dotted(path),
                f"berisi data pribadi ({found_here.describe_stored()}); nomor atau surel peniru ditulis di value, "
                "data pribadi orang lain dihapus, karena repositori data ini publik",
            )


def parent_domains(host: str) -> list[str]:
    """The domains ``host`` lies under, nearest first, down to two labels ("a.b.web.app" ->
    "b.web.app", "web.app")."""
    labels = host.split(".")
    return [".".join(labels[j:]) for j in range(1, len(labels) - 1)]


def listed_for(listed: dict[str, Impostor], key: str) -> Impostor | None:
    """The known impostor ``key`` (an :func:`official_keys` key) is, or a site's host lies
    under (``domain|www.fake.web.app`` under the fake ``fake.web.app``)."""
    found = listed.get(key)
    if found is None and key.startswith("domain|"):
        parents = parent_domains(key.removeprefix("domain|"))
        found = next(filter(None, (listed.get(f"domain|{p}") for p in parents)), None)
    return found


def listed_keys(impostors: Iterable[Impostor]) -> dict[str, Impostor]:
    """The known impostors by the keys :func:`official_keys` gives official items: what an
    import of the office's spreadsheet may not register as official (``registry.merge``)."""
    found: dict[str, Impostor] = {}
    for item in impostors:
        kind = item.kind.value
        group = "number" if kind in ("whatsapp", "phone") else kind
        found.setdefault(f"{group}|{item.key}", item)
    return found


def channel_key(kind: str, value: str) -> str | None:
    """A contact channel's key among :func:`official_keys` (its normalized ``value``), or None
    for a kind no impostor takes."""
    if kind in ("whatsapp", "phone", "sms"):
        return f"number|{value}"
    if kind == "email":
        return f"email|{value}"
    if kind in {c.value for c in SITE_CHANNELS}:
        return f"domain|{host_of(value)}"
    return None


def official_keys(agencies: Iterable[Agency], region: Region | None) -> dict[str, str]:
    """The keys of every active official item, grouped as impostor kinds are, with a name of
    its owner for messages."""
    found: dict[str, str] = {}
    groups = {
        "web_domain": "domain",
        "email_domain": None,  # a spoofed address at an official domain may be a known fake
        "sms_sender": "sms_sender",
        "app": "app",
        "bank_account": "bank_account",
    }
    owners: list[tuple[str, Any]] = [(f"'{a.id}'", a) for a in agencies]
    for owner, agency in owners:
        for acc in agency.active_accounts:
            found.setdefault(f"account|{acc.key}", owner)
        for _, _, url in sites(agency):  # a listed site is official: its host is no fake
            found.setdefault(f"domain|{host_of(url)}", owner)
        for ch in agency.channels:
            key = channel_key(ch.type.value, ch.value)
            if key is not None and not key.startswith("domain|"):  # sites: above
                found.setdefault(key, owner)
    for owner, items in [
        *((o, a.official) for o, a in owners),
        ("region.yml", region.official if region else ()),
    ]:
        for item in items:
            group = groups.get(item.kind.value)
            if group and item.status.value == "active":
                for key in item.keys:
                    found.setdefault(f"{group}|{key}", owner)
                    if item.subdomains:  # every host under it is official too
                        found.setdefault(f"domain*|{key}", owner)
    return found
