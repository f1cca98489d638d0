"""``kanal diff``: what changed between two versions of a region's data, for review.

Changing an official account's handle or URL is how an account gets hijacked, and a new
WhatsApp number on a complaint line redirects citizens: those changes are flagged as
sensitive, so a workflow can require a second reviewer (exit status ``SENSITIVE``).

The same holds for what the checker trusts. A new official bank account, web domain or SMS sender
is exactly what a scammer would slip into a pull request: from then on the checker answers
"resmi" for it. So are a reactivated or widened item (``subdomains: true``), a changed holder, a
removed "Kami tidak pernah ..." statement (the scam it warned about is then never refuted) and an
impostor taken off the list (the checker stops saying PALSU). Retiring an item, adding a
statement or an impostor are not sensitive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from generator.registry.coverage import coverage
from generator.registry.impostors import IMPOSTOR_LABELS, Impostor
from generator.registry.models import (
    AccountStatus,
    Agency,
    Channel,
    ChannelType,
    Directory,
    Level,
)
from generator.registry.official import OFFICIAL_LABELS, OfficialItem, Statements

EXIT_SENSITIVE = 3  # 0: nothing sensitive, 1: invalid data, 2: usage, 3: sensitive changes

# A changed or new number or complaint address sends citizens (and their personal data) elsewhere.
SENSITIVE_NEW_CHANNELS = frozenset(
    {ChannelType.WHATSAPP, ChannelType.PHONE, ChannelType.SMS, ChannelType.COMPLAINT_PORTAL}
)


@dataclass(frozen=True)
class Change:
    """One change, in words for people and in fields for tools."""

    kind: str  # e.g. "account_changed"; stable for JSON consumers
    agency: str  # agency id
    agency_name: str
    text: str  # Indonesian, without the agency (the formatter prefixes it)
    sensitive: bool = False
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class CoverageRow:
    level: Level
    before: tuple[int, int]  # agencies with an active account, agencies in the level
    after: tuple[int, int]


@dataclass
class DataDiff:
    before_label: str
    after_label: str
    changes: list[Change] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)

    @property
    def sensitive(self) -> list[Change]:
        return [c for c in self.changes if c.sensitive]

    def to_json(self) -> dict:
        return {
            "before": self.before_label,
            "after": self.after_label,
            "sensitive": bool(self.sensitive),
            "changes": [asdict(c) for c in self.changes],
            "coverage": [
                {
                    "level": row.level.value,
                    "before": {"count": row.before[0], "total": row.before[1]},
                    "after": {"count": row.after[0], "total": row.after[1]},
                }
                for row in self.coverage
            ],
        }


STATUS_WORDS = {
    AccountStatus.ACTIVE: "aktif",
    AccountStatus.INACTIVE: "tidak aktif",
    AccountStatus.ARCHIVED: "diarsipkan",
}


def _pair_up(before: list, after: list, group, key) -> tuple[list, list, list, list]:
    """Match items by ``key`` (same thing), then pair the leftovers of one group in list order
    (the same slot edited: "changed"), and return (same, changed, removed, added)."""
    after_by_key = {key(item): item for item in after}
    same = [(b, after_by_key[key(b)]) for b in before if key(b) in after_by_key]
    matched = {key(b) for b, _ in same}
    left_before: dict = defaultdict(list)
    left_after: dict = defaultdict(list)
    for item in before:
        if key(item) not in matched:
            left_before[group(item)].append(item)
    for item in after:
        if key(item) not in matched:
            left_after[group(item)].append(item)
    changed: list = []
    removed: list = []
    added: list = []
    for g in sorted(set(left_before) | set(left_after), key=str):
        olds, news = left_before.get(g, []), left_after.get(g, [])
        changed += list(zip(olds, news, strict=False))
        removed += olds[len(news) :]
        added += news[len(olds) :]
    return same, changed, removed, added


def account_changes(old: Agency, new: Agency) -> list[Change]:
    out: list[Change] = []

    def change(kind: str, text: str, sensitive=False, before=None, after=None) -> None:
        out.append(Change(kind, new.id, new.name, text, sensitive, before, after))

    same, changed, removed, added = _pair_up(
        old.accounts, new.accounts, group=lambda a: a.platform, key=lambda a: a.key
    )
    retired_platforms = set()
    for a, b in same:
        label = f"akun {b.platform.value} {b.shown}"
        if a.url != b.url:
            change(
                "account_url_changed",
                f"{label}: alamat berubah dari {a.url} menjadi {b.url}",
                True,
                a.url,
                b.url,
            )
        if a.status != b.status:
            if b.status is AccountStatus.ARCHIVED:
                kind, verb = "account_archived", "diarsipkan (bukan lagi akun resmi)"
            elif a.status is AccountStatus.ARCHIVED:
                kind, verb = "account_reactivated", f"diaktifkan lagi ({STATUS_WORDS[b.status]})"
            else:
                kind, verb = "account_status", f"kini {STATUS_WORDS[b.status]}"
            if b.status is not AccountStatus.ACTIVE:
                retired_platforms.add(b.platform)
            change(kind, f"{label} {verb}", False, a.status.value, b.status.value)
    for a, b in changed:
        change(
            "account_changed",
            f"akun {b.platform.value} berubah dari {a.shown} ({a.url}) menjadi {b.shown} ({b.url})",
            True,
            a.url,
            b.url,
        )
    for a in removed:
        change(
            "account_removed",
            f"akun {a.platform.value} {a.shown} ({a.url}) dihapus",
            before=a.url,
        )
    for b in added:
        # Archiving the official account and adding another on the same platform in one
        # change is the same substitution as editing its URL.
        replaces = b.platform in retired_platforms
        text = f"akun {b.platform.value} {b.shown} ({b.url}) ditambahkan"
        if replaces:
            text += f" menggantikan akun {b.platform.value} yang dinonaktifkan"
        change("account_added", text, replaces, None, b.url)
    return out


def channel_changes(old: Agency, new: Agency) -> list[Change]:
    out: list[Change] = []
    same, changed, removed, added = _pair_up(
        old.channels, new.channels, group=lambda c: c.type, key=lambda c: (c.type, c.value)
    )

    def name(channel: Channel) -> str:
        label = f" ({channel.label})" if channel.label else ""
        return f"{_CHANNEL_WORDS[channel.type]}{label}"

    for a, b in same:
        if (a.label or "") != (b.label or ""):
            text = f"{name(b)} {b.display}: keterangan berubah dari '{a.label or ''}'"
            out.append(Change("channel_label", new.id, new.name, text, False, a.label, b.label))
    for a, b in changed:
        text = f"{name(b)} berubah dari {a.display} menjadi {b.display}"
        out.append(Change("channel_changed", new.id, new.name, text, True, a.display, b.display))
    for a in removed:
        text = f"{name(a)} {a.display} dihapus"
        out.append(Change("channel_removed", new.id, new.name, text, False, a.display, None))
    for b in added:
        sensitive = b.type in SENSITIVE_NEW_CHANNELS
        text = f"{name(b)} {b.display} ditambahkan"
        out.append(Change("channel_added", new.id, new.name, text, sensitive, None, b.display))
    return out


_CHANNEL_WORDS = {
    ChannelType.WHATSAPP: "WhatsApp",
    ChannelType.PHONE: "telepon",
    ChannelType.SMS: "SMS",
    ChannelType.EMAIL: "surel",
    ChannelType.WEBSITE: "situs web",
    ChannelType.COMPLAINT_PORTAL: "kanal pengaduan",
}


def _agency_text(agency: Agency) -> str:
    accounts = len(agency.accounts)
    return f"{agency.kind.value}, {accounts} akun"


def compare(before: Directory, after: Directory, before_label: str, after_label: str) -> DataDiff:
    """Every change from ``before`` to ``after``, agencies in id order, then coverage."""
    result = DataDiff(before_label, after_label)
    old_ids, new_ids = set(before.agencies), set(after.agencies)
    removed = sorted(old_ids - new_ids)
    added = sorted(new_ids - old_ids)
    # An id that changed while the name (or the Kepmendagri code) stayed is a move, not a
    # removal plus an addition: its accounts are then compared like any other agency's.
    moved: dict[str, str] = {}
    for new_id in added:
        b = after.agencies[new_id]
        for old_id in removed:
            a = before.agencies[old_id]
            if old_id in moved.values():
                continue
            if a.name == b.name or (a.region_code and a.region_code == b.region_code):
                moved[new_id] = old_id
                break
    pairs = [(i, i) for i in sorted(old_ids & new_ids)] + sorted(
        (old, new) for new, old in moved.items()
    )
    for old_id in removed:
        if old_id in moved.values():
            continue
        a = before.agencies[old_id]
        result.changes.append(
            Change("agency_removed", a.id, a.name, f"instansi dihapus ({_agency_text(a)})")
        )
    for new_id in added:
        if new_id in moved:
            continue
        b = after.agencies[new_id]
        result.changes.append(
            Change("agency_added", b.id, b.name, f"instansi ditambahkan ({_agency_text(b)})")
        )
    for old_id, new_id in sorted(pairs, key=lambda p: p[1]):
        a, b = before.agencies[old_id], after.agencies[new_id]
        if old_id != new_id:
            result.changes.append(
                Change(
                    "agency_id_changed",
                    b.id,
                    b.name,
                    f"pengenal berubah dari '{old_id}' menjadi '{new_id}'",
                    False,
                    old_id,
                    new_id,
                )
            )
        if a.name != b.name:
            result.changes.append(
                Change(
                    "agency_renamed",
                    b.id,
                    b.name,
                    f"nama berubah dari '{a.name}' menjadi '{b.name}'",
                    False,
                    a.name,
                    b.name,
                )
            )
        result.changes += account_changes(a, b)
        result.changes += channel_changes(a, b)
    result.changes += trust_changes(before, after, pairs)
    old_cov = {c.level: c.any_active for c in coverage(before)}
    new_cov = {c.level: c.any_active for c in coverage(after)}
    for level in Level:
        if level in old_cov or level in new_cov:
            o, n = old_cov.get(level), new_cov.get(level)
            result.coverage.append(
                CoverageRow(
                    level,
                    (o.count, o.total) if o else (0, 0),
                    (n.count, n.total) if n else (0, 0),
                )
            )
    return result


# ---------------------------------------------------------------- what the checker trusts

# Agency id under which the region's own items (region.yml) are listed.
REGION_ID = "region.yml"


def _item_name(item: OfficialItem) -> str:
    return f"{OFFICIAL_LABELS[item.kind].lower()} {item.display}"


def _detail(item: OfficialItem) -> str:
    return ", ".join(f"{label}: {value}" for label, value in item.detail)


def official_changes(
    agency: str, name: str, before: Iterable[OfficialItem], after: Iterable[OfficialItem]
) -> list[Change]:
    """Changes of one owner's official items, matched by kind and lookup keys."""
    old = {(i.kind, i.keys): i for i in before}
    new = {(i.kind, i.keys): i for i in after}
    out: list[Change] = []

    def change(kind: str, text: str, sensitive: bool, a: str | None, b: str | None) -> None:
        out.append(Change(kind, agency, name, text, sensitive, a, b))

    for key in sorted(old.keys() - new.keys(), key=str):
        a = old[key]
        change(
            "official_removed", f"{_item_name(a)} dihapus dari kanal resmi", False, a.display, None
        )
    for key in sorted(new.keys() - old.keys(), key=str):
        b = new[key]
        text = f"{_item_name(b)} ditambahkan sebagai kanal resmi"
        if b.detail:
            text += f" ({_detail(b)})"
        if b.subdomains:
            text += ", termasuk semua subdomainnya"
        change("official_added", text, b.status is AccountStatus.ACTIVE, None, b.display)
    for key in sorted(old.keys() & new.keys(), key=str):
        a, b = old[key], new[key]
        label = _item_name(b)
        if a.status != b.status:
            # Back to active: the checker says "resmi" again for something once retired.
            reactivated = b.status is AccountStatus.ACTIVE
            text = f"{label}: status berubah dari {a.status.value} menjadi {b.status.value}"
            change("official_status", text, reactivated, a.status.value, b.status.value)
        if a.detail != b.detail:
            text = f"{label}: keterangan berubah dari '{_detail(a)}' menjadi '{_detail(b)}'"
            change("official_detail", text, True, _detail(a), _detail(b))
        if a.subdomains != b.subdomains:
            widened = b.subdomains
            text = f"{label}: " + (
                "kini semua subdomain ikut resmi" if widened else "subdomain tidak lagi ikut resmi"
            )
            change("official_subdomains", text, widened, str(a.subdomains), str(b.subdomains))
    return out


def statement_changes(
    agency: str, name: str, before: Statements, after: Statements
) -> list[Change]:
    """Removed "Kami tidak pernah ..." lines are sensitive; added ones are not."""
    old, new = before.lines(), after.lines()
    out = [
        Change("statement_removed", agency, name, f"pernyataan dihapus: '{line}'", True, line, None)
        for line in old
        if line not in new
    ]
    out += [
        Change(
            "statement_added", agency, name, f"pernyataan ditambahkan: '{line}'", False, None, line
        )
        for line in new
        if line not in old
    ]
    return out


def _impostor_owner(imp: Impostor, directory: Directory) -> tuple[str, str]:
    if imp.imitates and imp.imitates in directory.agencies:
        return imp.imitates, directory.agencies[imp.imitates].name
    return "impostors.yml", "Daftar akun/kanal palsu"


def impostor_changes(before: Directory, after: Directory) -> list[Change]:
    """An impostor taken off the list is sensitive: the checker stops calling it PALSU."""
    old = {(i.kind, i.key): i for i in before.impostors}
    new = {(i.kind, i.key): i for i in after.impostors}
    out: list[Change] = []
    for key in sorted(old.keys() - new.keys(), key=str):
        imp = old[key]
        agency, name = _impostor_owner(imp, before)
        text = f"{IMPOSTOR_LABELS[imp.kind].lower()} palsu {imp.display} dihapus dari daftar palsu"
        out.append(Change("impostor_removed", agency, name, text, True, imp.display, None))
    for key in sorted(new.keys() - old.keys(), key=str):
        imp = new[key]
        agency, name = _impostor_owner(imp, after)
        text = (
            f"{IMPOSTOR_LABELS[imp.kind].lower()} palsu {imp.display} ditambahkan ke daftar palsu"
        )
        out.append(Change("impostor_added", agency, name, text, False, None, imp.display))
    return out


def trust_changes(
    before: Directory, after: Directory, pairs: list[tuple[str, str]]
) -> list[Change]:
    """Every change to what the checker trusts: the region's, each agency's, the impostors."""
    region = after.region.name
    out = official_changes(REGION_ID, region, before.region.official, after.region.official)
    out += statement_changes(REGION_ID, region, before.region.never, after.region.never)
    for old_id, new_id in pairs:
        a, b = before.agencies[old_id], after.agencies[new_id]
        out += official_changes(b.id, b.name, a.official, b.official)
        out += statement_changes(b.id, b.name, a.never, b.never)
    # A removed agency takes its official items with it (not sensitive); a new agency's active
    # items are new trust, hence sensitive, as if added one by one.
    for new_id in sorted(after.agencies.keys() - {n for _, n in pairs}):
        b = after.agencies[new_id]
        out += official_changes(b.id, b.name, (), b.official)
    out += impostor_changes(before, after)
    return out
