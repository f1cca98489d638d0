"""Spreadsheet entries matched to the region's agencies, and the file edits that add them.

A row names its unit by Kanal id, Kepmendagri code, or name: the official name, the short
name, an alias, or the name without the region's ("Dinas Kesehatan" for "Dinas Kesehatan
Kabupaten Blora"), compared as ``kanal check`` compares names (``registry.names.name_key``:
case, spacing, punctuation, tier words, old spellings). A tier word ("Desa", "Kec."), the
sheet's name ("Desa", "Kecamatan", "OPD") and a "Kecamatan" column narrow the choice; a name
that still fits several units is ambiguous, one that fits none is unmatched, with the nearest
official names offered.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.registry.accounts import normalize_account
from generator.registry.contacts import ContactError, normalize_channel
from generator.registry.impostors import Impostor, channel_key, listed_for
from generator.registry.load import RawData, SourcedAgency
from generator.registry.models import AccountStatus, ChannelIn, Kind
from generator.registry.names import name_key, region_suffixes
from generator.registry.spreadsheet import Entry, NewAccount, NewChannel
from generator.registry.yamlsplice import Item, account_item, channel_item
from generator.safeinput.problems import Problems

_TIER_OF_KIND = {
    Kind.KECAMATAN: "kecamatan",
    Kind.DESA: "desa",
    Kind.KELURAHAN: "desa",
    Kind.KABUPATEN: "kabupaten",
    Kind.KOTA: "kota",
}
_TIER_WORDS = {
    "desa": "desa",
    "ds": "desa",
    "kelurahan": "desa",
    "kel": "desa",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "dinas": "opd",
    "badan": "opd",
    "sekretariat": "opd",
    "inspektorat": "opd",
    "satuan": "opd",
    "kantor": "opd",
    "rsud": "opd",
    "bagian": "opd",
}


def _tier(agency: SourcedAgency) -> str:
    return _TIER_OF_KIND.get(agency.model.kind, "opd")


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()


def _tier_hint(entry: Entry) -> str | None:
    """The tier a row names: its first word ("Desa Jepon"), else its sheet ("Data Desa")."""
    first = _words(entry.unit)[:1]
    if first and first[0] in _TIER_WORDS:
        return _TIER_WORDS[first[0]]
    sheet = set(_words(entry.sheet or ""))
    for word, tier in (
        ("desa", "desa"),
        ("kelurahan", "desa"),
        ("kecamatan", "kecamatan"),
        ("opd", "opd"),
    ):
        if word in sheet:
            return tier
    return None


def dotted_code(text: str) -> str:
    """'3316012001' or '33.16.01.2001' -> '33.16.01.2001' (Kepmendagri: 2.2.2.4 digits)."""
    digits = re.sub(r"\D", "", text)
    parts = [digits[:2], digits[2:4], digits[4:6], digits[6:]]
    return ".".join(p for p in parts if p)


class Index:
    """The region's agencies by id, code and every name they answer to."""

    def __init__(self, raw: RawData):
        self.by_id: dict[str, SourcedAgency] = {}
        self.by_code: dict[str, list[SourcedAgency]] = {}
        self.by_key: dict[str, list[SourcedAgency]] = {}
        region = raw.region
        self.suffixes: list[str] = []
        if region is not None:
            self.suffixes = region_suffixes(region.name)
        for src in raw.agencies:
            m = src.model
            self.by_id.setdefault(m.id, src)
            if m.region_code:
                self.by_code.setdefault(m.region_code, []).append(src)
            keys = set().union(*(self.keys(n) for n in (m.name, m.short_name or "", *m.aliases)))
            for key in keys:
                self.by_key.setdefault(key, []).append(src)

    def keys(self, text: str) -> set[str]:
        """``text``'s name key, and the key without the region's name at its end."""
        if not text.strip():
            return set()
        found = {name_key(text)}
        if text.casefold().startswith("pemerintah "):  # a province's "Pemerintah Kota X"
            found.add(name_key(text[len("pemerintah ") :]))
        for suffix in self.suffixes:
            if text.casefold().endswith(" " + suffix.casefold()):
                found.add(name_key(text[: -len(suffix)]))
        return found

    def named(self, text: str) -> list[SourcedAgency]:
        out: list[SourcedAgency] = []
        for key in self.keys(text):
            out += [s for s in self.by_key.get(key, []) if s not in out]
        return out

    def near(self, entry: Entry, tier: str | None) -> list[str]:
        """Official names close to a row's unit; among a named kecamatan's units, looser."""

        def fits(src: SourcedAgency) -> bool:
            return tier is None or _tier(src) == tier

        parent = name_key(entry.parent) if entry.parent else None
        if parent:
            fits_tier = fits

            def fits(src: SourcedAgency) -> bool:
                up = self.by_id.get(src.model.parent or "")
                return fits_tier(src) and up is not None and name_key(up.model.name) == parent

        keys = [k for k, srcs in self.by_key.items() if any(fits(s) for s in srcs)]
        cutoff = 0.6 if parent else 0.75
        close = difflib.get_close_matches(name_key(entry.unit), keys, n=3, cutoff=cutoff)
        # A unit's own name after a name the registry knows: "RSUD KRT Setjonegoro" for the
        # scaffold's "RSUD", "Puskesmas Kertek 1" for "Puskesmas Kertek".
        words = entry.unit.split()
        for k in range(len(words) - 1, 0, -1):
            key = name_key(" ".join(words[:k]))
            if len(key) >= 3 and 0 < len(self.by_key.get(key, [])) <= 3:
                close.append(key)
                break
        return sorted({_label(s) for k in close for s in self.by_key[k] if fits(s)})


def _label(src: SourcedAgency) -> str:
    return f"{src.model.name} ({src.model.id})"


@dataclass
class Match:
    agency: SourcedAgency | None
    message: str = ""  # why none: unmatched or ambiguous
    ambiguous: bool = False


def match(entry: Entry, index: Index) -> Match:
    """The one agency a row names, or why there is none."""
    if entry.id:
        found = index.by_id.get(entry.id)
        return (
            Match(found) if found else Match(None, f"id '{entry.id}' tidak ada di data/agencies/")
        )
    if entry.code:
        code = dotted_code(entry.code)
        found_code = index.by_code.get(code, [])
        if len(found_code) == 1:
            return Match(found_code[0])
        if found_code:
            return Match(None, f"kode '{code}' dipakai {len(found_code)} instansi", ambiguous=True)
        if not entry.unit:
            return Match(None, f"kode wilayah '{entry.code}' tidak ada di data/agencies/")
    candidates = index.named(entry.unit)
    tier = _tier_hint(entry)
    if tier:
        candidates = [c for c in candidates if _tier(c) == tier]
    if len(candidates) > 1 and entry.parent:
        parent_key = name_key(entry.parent)
        narrowed = [
            c
            for c in candidates
            if c.model.parent in index.by_id
            and name_key(index.by_id[c.model.parent].model.name) == parent_key
        ]
        candidates = narrowed or candidates
    elif len(candidates) == 1 and entry.parent and candidates[0].model.parent in index.by_id:
        parent = index.by_id[candidates[0].model.parent].model
        if _tier(candidates[0]) == "desa" and name_key(parent.name) != name_key(entry.parent):
            return Match(
                None,
                f"'{entry.unit}' ada di {parent.name}, bukan Kecamatan {entry.parent}; periksa kolom kecamatan",
                ambiguous=True,
            )
    if len(candidates) == 1:
        return Match(candidates[0])
    if candidates:
        names = "; ".join(_label(c) for c in candidates[:5])
        return Match(
            None,
            f"'{entry.unit}' cocok dengan {len(candidates)} instansi: {names}; "
            "tambahkan kolom Kecamatan, Kode Wilayah atau ID",
            ambiguous=True,
        )
    near = index.near(entry, tier)
    hint = (
        f"; maksud Anda {' atau '.join(near)}? Bila ya, tambahkan '{entry.unit}' ke aliases "
        "di berkas instansi itu, lalu impor lagi"
        if near
        else "; tambahkan nama ini ke aliases di berkas instansinya, atau tulis kolom ID"
    )
    return Match(None, f"'{entry.unit}' tidak cocok dengan instansi mana pun{hint}")


@dataclass
class Plan:
    """What the import adds, per file and agency; and what it counted."""

    edits: dict[Path, dict[tuple[int, ...], dict[str, list[Item]]]] = field(default_factory=dict)
    matched: int = 0
    unmatched: int = 0
    ambiguous: int = 0
    accounts: int = 0
    channels: int = 0
    known: int = 0  # already listed for that agency
    notes: int = 0

    @property
    def blocked(self) -> bool:
        return bool(self.unmatched or self.ambiguous)


def _existing_keys(src: SourcedAgency) -> tuple[set[str], set[str]]:
    accounts, channels = set(), set()
    for acc in src.model.accounts:
        try:
            accounts.add(normalize_account(acc.platform.value, acc.handle, acc.url).key)
        except ValueError:
            continue
    for ch in src.model.channels:
        try:
            channels.add(
                f"{ch.type.value}:{normalize_channel(ChannelIn(type=ch.type, value=ch.value)).value}"
            )
        except (ContactError, ValueError):
            continue
    return accounts, channels


def plan(
    entries: list[Entry],
    raw: RawData,
    today: dt.date,
    problems: Problems,
    impostors: dict[str, Impostor] | None = None,
) -> Plan:
    """Match every row and collect the new accounts and channels; problems at their row.
    ``impostors`` (``impostors.listed_keys``): a row may not register a known impostor as
    official; refused at its cell, where ``kanal check`` would point at data/impostors.yml."""
    impostors = impostors or {}
    index = Index(raw)
    result = Plan()
    owner: dict[str, SourcedAgency] = {}  # account key -> agency that lists it (file or import)
    seen: dict[str, tuple[set[str], set[str]]] = {}
    for src in raw.agencies:
        accounts, channels = _existing_keys(src)
        seen[src.model.id] = (accounts, channels)
        for key in accounts:
            owner.setdefault(key, src)
    for entry in entries:
        found = match(entry, index)
        if found.agency is None:
            problems.error(entry.where, "", found.message)
            result.ambiguous += found.ambiguous
            result.unmatched += not found.ambiguous
            continue
        src = found.agency
        result.matched += 1
        result.notes += entry.notes
        accounts, channels = seen[src.model.id]
        for acc in entry.accounts:
            active = acc.status is AccountStatus.ACTIVE  # kanal check compares active ones
            if active and _refused(impostors.get(f"account|{acc.key}"), acc.url, acc, problems):
                continue
            if _add_account(acc, src, owner, accounts, result, today, problems):
                result.accounts += 1
            else:
                result.known += acc.key in accounts
        for ch in entry.channels:
            listed = channel_key(ch.type.value, ch.key)
            if _refused(listed_for(impostors, listed) if listed else None, ch.value, ch, problems):
                continue
            key = f"{ch.type.value}:{ch.key}"
            if key in channels:
                result.known += 1
                continue
            channels.add(key)
            _edits_for(result, src).setdefault("channels", []).append(
                channel_item(ch.type.value, ch.value)
            )
            result.channels += 1
    return result


def _refused(
    impostor: Impostor | None, shown: str, new: NewAccount | NewChannel, problems: Problems
) -> bool:
    if impostor is None:
        return False
    problems.error(
        new.where,
        new.column,
        f"'{shown}' tercatat sebagai peniru di {impostor.source} (dilaporkan "
        f"{impostor.reported.isoformat()}); tidak didaftarkan sebagai kanal resmi. Periksa lagi "
        "dengan pemiliknya; bila ternyata resmi, hapus dulu dari data/impostors.yml",
    )
    return True


def _edits_for(result: Plan, src: SourcedAgency) -> dict[str, list[Item]]:
    """The new items of ``src``'s file, made when the first one comes: a matched row with
    nothing new leaves its file alone (a second run said "N berkas diubah")."""
    path = Path(src.lines.file)
    return result.edits.setdefault(path, {}).setdefault(tuple(src.prefix), {})  # type: ignore[arg-type]


def _add_account(
    acc: NewAccount,
    src: SourcedAgency,
    owner: dict[str, SourcedAgency],
    accounts: set[str],
    result: Plan,
    today: dt.date,
    problems: Problems,
) -> bool:
    holder = owner.get(acc.key)
    if holder is not None and holder is not src:
        problems.error(
            acc.where,
            acc.column,
            f"akun {acc.url} sudah milik '{holder.model.id}' ({holder.at()}), bukan "
            f"'{src.model.id}'; satu akun hanya milik satu instansi",
        )
        return False
    if acc.key in accounts:
        return False
    accounts.add(acc.key)
    owner[acc.key] = src
    _edits_for(result, src).setdefault("accounts", []).append(
        account_item(acc.platform, acc.url, acc.status.value, today)
    )
    return True


__all__ = ["Index", "Match", "NewChannel", "Plan", "dotted_code", "match", "plan"]
