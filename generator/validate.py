"""Rules that span fields and files, and the step from input models to the Directory.

Each rule records its problem at the line of the field at fault and moves on, so one run of
``kanal check`` lists everything that needs fixing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path, PurePosixPath

from generator import regions
from generator.accounts import AccountError, normalize_account, shown_name
from generator.contacts import (
    ContactError,
    check_email,
    check_web_url,
    normalize_channel,
    parse_phone,
)
from generator.inputfiles import MB, linked_part, read_text
from generator.invisible import first_invisible, invisible_message
from generator.load import RawData, Sourced, SourcedAgency
from generator.models import (
    CODE_DEPTH,
    KIND_LABELS,
    Account,
    AccountIn,
    Agency,
    Channel,
    ChannelIn,
    Directory,
    Kind,
    Publisher,
    Region,
    Theme,
)
from generator.problems import Location, Problems, display_path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
EXTRA_CODES_MAX_BYTES = 20 * MB  # the whole Kepmendagri list is under 4 MB
REVIEW_MAX_AGE = dt.timedelta(days=365)
VILLAGE_KINDS = (Kind.DESA, Kind.KELURAHAN)


def _load_extra_codes(raw: RawData, problems: Problems) -> dict[str, str]:
    region = raw.region
    if region is None or not region.extra_region_codes:
        return {}
    path = raw.data_dir / region.extra_region_codes
    where = (
        raw.region_lines.locate(("extra_region_codes",))
        if raw.region_lines
        else Location(display_path(path))
    )
    if not region.demo:
        problems.error(
            where, "extra_region_codes", "kode wilayah tambahan hanya boleh dipakai bila demo: true"
        )
        return {}
    relative = PurePosixPath(region.extra_region_codes.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or linked_part(raw.data_dir, path):
        problems.error(
            where,
            "extra_region_codes",
            "harus berkas biasa di dalam folder data (tanpa '..', jalur absolut atau tautan simbolik)",
        )
        return {}
    text = read_text(path, display_path(path), problems, EXTRA_CODES_MAX_BYTES)
    if text is None:
        return {}
    try:
        codes = regions.read_codes(io.StringIO(text, newline=""))
    except ValueError as exc:
        problems.error(
            where, "extra_region_codes", f"berkas '{display_path(path)}' tidak bisa dibaca: {exc}"
        )
        return {}
    for code, name in codes.items():
        found = first_invisible(name)
        if found is not None:
            problems.error(
                where, "extra_region_codes", f"nama wilayah {code} {invisible_message(found[1])}"
            )
    return codes


def _region(raw: RawData, codes: dict[str, str], problems: Problems) -> Region | None:
    model = raw.region
    if model is None or raw.region_lines is None:
        return None
    at = raw.region_lines.locate
    if not CODE.match(model.code) or regions.depth(model.code) > 2:
        problems.error(
            at(("code",)),
            "code",
            f"kode daerah '{model.code}' harus berbentuk 'PP' (provinsi) atau 'PP.KK' (kabupaten/kota)",
        )
    elif model.code not in codes:
        problems.error(
            at(("code",)), "code", f"kode '{model.code}' tidak ada dalam daftar Kepmendagri 2025"
        )
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(model.timezone)
    except (ValueError, KeyError, zoneinfo.ZoneInfoNotFoundError):
        problems.error(
            at(("timezone",)),
            "timezone",
            f"zona waktu '{model.timezone}' tidak dikenal; pakai Asia/Jakarta, Asia/Makassar atau Asia/Jayapura",
        )
    pub = model.publisher
    for name, check in (("url", check_web_url), ("email", check_email), ("phone", parse_phone)):
        value = getattr(pub, name)
        if value:
            try:
                check(value)
            except ContactError as exc:
                problems.error(at(("publisher", name)), f"publisher.{name}", str(exc))
    if model.site_url:
        try:
            check_web_url(model.site_url)
        except ContactError as exc:
            problems.error(at(("site_url",)), "site_url", str(exc))
    seen_themes: set[str] = set()
    for i, theme in enumerate(model.themes):
        if not SLUG.match(theme.id) or theme.id in seen_themes:
            problems.error(
                at(("themes", i, "id")),
                f"themes[{i}].id",
                f"id tema '{theme.id}' harus unik dan berupa huruf kecil, angka, tanda hubung",
            )
        seen_themes.add(theme.id)
    return Region(
        name=model.name,
        code=model.code,
        timezone=model.timezone,
        publisher=Publisher(pub.name, pub.url, pub.email, pub.phone),
        site_url=model.site_url,
        demo=model.demo,
        themes=tuple(
            Theme(t.id, t.name, tuple(k for k in t.keywords if k.strip())) for t in model.themes
        ),
    )


def _text_fields(src: SourcedAgency, problems: Problems) -> None:
    # Invisible and control characters in every text are refused by the YAML reader
    # (generator.invisible), so names, addresses, labels and notes are all covered there.
    m = src.model
    if not m.name:
        problems.error(src.at("name"), "name", "tidak boleh kosong")


def _accounts(
    src: Sourced, items: list[tuple[int, AccountIn]], today: dt.date, problems: Problems
) -> list[Account]:
    """Normalize and check accounts; ``items`` keep their index in the file for positions."""
    out: list[Account] = []
    for i, acc in items:
        try:
            norm = normalize_account(acc.platform.value, acc.handle, acc.url)
        except AccountError as exc:
            problems.error(
                src.at("accounts", i, exc.field), src.field("accounts", i, exc.field), exc.message
            )
            continue
        for name in ("since", "reviewed"):
            value = getattr(acc, name)
            if value and value > today:
                problems.error(
                    src.at("accounts", i, name),
                    src.field("accounts", i, name),
                    f"tanggal {value.isoformat()} ada di masa depan",
                )
        if today - acc.reviewed > REVIEW_MAX_AGE:
            problems.warning(
                src.at("accounts", i, "reviewed"),
                src.field("accounts", i, "reviewed"),
                f"akun belum diperiksa lebih dari 12 bulan (terakhir {acc.reviewed.isoformat()}); periksa lalu perbarui tanggalnya",
            )
        if acc.feed:
            try:
                check_web_url(acc.feed)
            except ContactError as exc:
                problems.error(
                    src.at("accounts", i, "feed"), src.field("accounts", i, "feed"), str(exc)
                )
        out.append(
            Account(
                acc.platform,
                norm.handle,
                shown_name(norm),
                norm.url,
                norm.key,
                acc.status,
                acc.since,
                acc.reviewed,
                acc.note,
                acc.feed,
            )
        )
    return out


def _channels(
    src: Sourced, items: list[tuple[int, ChannelIn]], problems: Problems
) -> list[Channel]:
    out = []
    for i, item in items:
        try:
            out.append(normalize_channel(item))
        except ContactError as exc:
            problems.error(
                src.at("channels", i, "value"), src.field("channels", i, "value"), str(exc)
            )
    return out


def _agency(src: SourcedAgency, today: dt.date, problems: Problems) -> Agency:
    m = src.model
    if not SLUG.match(m.id) or len(m.id) > 80:
        problems.error(
            src.at("id"),
            "id",
            f"id '{m.id}' hanya boleh berisi huruf kecil, angka dan tanda hubung (misalnya 'dinas-kesehatan')",
        )
    _text_fields(src, problems)
    return Agency(
        id=m.id,
        name=m.name,
        short_name=m.short_name,
        kind=m.kind,
        parent=m.parent,
        region_code=m.region_code,
        aliases=m.aliases,
        services=m.services,
        description=m.description,
        accounts=_accounts(src, list(enumerate(m.accounts)), today, problems),
        channels=_channels(src, list(enumerate(m.channels)), problems),
        address=m.office.address if m.office else None,
        hours=m.office.hours if m.office else None,
        source=src.at(),
    )


def _region_code(
    src: SourcedAgency, region: Region | None, codes: dict[str, str], problems: Problems
) -> None:
    m = src.model
    needed = CODE_DEPTH.get(m.kind)
    kind_label = KIND_LABELS[m.kind][0].lower()
    if m.region_code is None:
        if needed:
            problems.error(
                src.at(),
                "region_code",
                f"wajib diisi untuk {kind_label} (kode wilayah Kepmendagri)",
            )
        return
    code, at = m.region_code, src.at("region_code")
    if not CODE.match(code):
        problems.error(
            at,
            "region_code",
            f"kode '{code}' tidak berbentuk kode Kepmendagri (misalnya 33.72.01 atau 33.72.01.2001)",
        )
        return
    if needed and regions.depth(code) != needed:
        problems.error(
            at,
            "region_code",
            f"kode {kind_label} harus terdiri dari {needed} bagian, bukan {regions.depth(code)}: '{code}'",
        )
        return
    if code not in codes:
        problems.error(at, "region_code", f"kode '{code}' tidak ada dalam daftar Kepmendagri 2025")
        return
    if region and not (code == region.code or code.startswith(region.code + ".")):
        problems.error(
            at,
            "region_code",
            f"kode '{code}' ({codes[code]}) tidak berada di wilayah {region.name} ({region.code})",
        )
    if m.kind is Kind.DESA and regions.is_kelurahan_code(code):
        problems.warning(
            at, "kind", f"kode '{code}' adalah kelurahan menurut Kepmendagri, bukan desa"
        )
    if (
        m.kind is Kind.KELURAHAN
        and regions.depth(code) == 4
        and not regions.is_kelurahan_code(code)
    ):
        problems.warning(
            at, "kind", f"kode '{code}' adalah desa menurut Kepmendagri, bukan kelurahan"
        )


def _hierarchy(
    sources: dict[str, SourcedAgency], codes: dict[str, str], problems: Problems
) -> None:
    """Unknown parents, parents of the wrong kind, codes that disagree, and cycles."""
    for src in sources.values():
        m = src.model
        if m.parent is None:
            if m.kind in VILLAGE_KINDS:
                problems.error(
                    src.at(), "parent", f"{m.kind.value} harus punya parent: id kecamatannya"
                )
            continue
        parent = sources.get(m.parent)
        if parent is None:
            problems.error(
                src.at("parent"), "parent", f"instansi induk '{m.parent}' tidak ditemukan"
            )
            continue
        if m.kind in VILLAGE_KINDS:
            if parent.model.kind is not Kind.KECAMATAN:
                problems.error(
                    src.at("parent"),
                    "parent",
                    f"induk {m.kind.value} harus kecamatan, bukan {parent.model.kind.value} '{m.parent}'",
                )
            elif (
                m.region_code in codes
                and parent.model.region_code in codes
                and regions.depth(m.region_code) == 4
                and regions.parent_code(m.region_code) != parent.model.region_code
            ):
                problems.error(
                    src.at("region_code"),
                    "region_code",
                    f"kode '{m.region_code}' tidak berada di bawah kecamatan induknya '{m.parent}' ({parent.model.region_code})",
                )
    # Cycles: follow parent links; each agency is visited once overall, so this is linear.
    state: dict[str, int] = {}
    for start in sources:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in sources and state.get(node) is None:
            state[node] = 1
            chain.append(node)
            node = sources[node].model.parent
        if node is not None and state.get(node) == 1:
            loop = chain[chain.index(node) :]
            src = sources[node]
            problems.error(
                src.at("parent"), "parent", "induk berputar: " + " → ".join([*loop, node])
            )
        for item in chain:
            state[item] = 2


def build_directory(raw: RawData, today: dt.date, problems: Problems) -> Directory | None:
    """Check everything and return the Directory, or None when any error was found."""
    codes = {**regions.reference_codes(), **_load_extra_codes(raw, problems)}
    region = _region(raw, codes, problems)

    sources: dict[str, SourcedAgency] = {}
    agencies: dict[str, Agency] = {}
    used_codes: dict[str, SourcedAgency] = {}
    claimed: dict[str, tuple[str, Location]] = {}
    for src in raw.agencies:
        m = src.model
        first = sources.get(m.id)
        if first is not None:
            problems.error(src.at("id"), "id", f"id '{m.id}' sudah dipakai di {first.at('id')}")
            continue
        sources[m.id] = src
        agency = _agency(src, today, problems)
        agencies[m.id] = agency
        _region_code(src, region, codes, problems)
        if m.region_code and m.kind in CODE_DEPTH:
            other = used_codes.setdefault(m.region_code, src)
            if other is not src:
                problems.error(
                    src.at("region_code"),
                    "region_code",
                    f"kode '{m.region_code}' sudah dipakai oleh '{other.model.id}' ({other.at('region_code')})",
                )
        for i, acc in enumerate(agency.accounts):
            owner = claimed.get(acc.key)
            where = src.at("accounts", i)
            if owner is None:
                claimed[acc.key] = (m.id, where)
                continue
            who = "instansi ini juga" if owner[0] == m.id else f"'{owner[0]}'"
            problems.error(
                where,
                src.field("accounts", i),
                f"akun {acc.url} sudah dicantumkan oleh {who} ({owner[1]}); satu akun hanya milik satu instansi",
            )
    _hierarchy(sources, codes, problems)
    for part in raw.salvaged:  # agencies with structural errors: still check what is well formed
        _accounts(part, part.accounts, today, problems)
        _channels(part, part.channels, problems)

    if problems.errors or region is None:
        return None
    for agency in agencies.values():
        if agency.parent:
            agencies[agency.parent].children.append(agency.id)
    used = {a.region_code for a in agencies.values() if a.region_code}
    used.add(region.code)
    return Directory(region, agencies, {c: codes[c] for c in used if c in codes}, today)


def load_directory(data_dir: Path, today: dt.date, problems: Problems) -> Directory | None:
    """Load and validate ``data_dir``; problems are added to ``problems``."""
    from generator.load import load_raw

    raw = load_raw(data_dir, problems)
    return build_directory(raw, today, problems)
