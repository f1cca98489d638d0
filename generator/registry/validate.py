"""Rules that span fields and files, and the step from input models to the Directory.

Each rule records its problem at the line of the field at fault and moves on, so one run of
``kanal check`` lists everything that needs fixing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

from generator.registry import coverage as figures
from generator.registry import names, regions
from generator.registry.accounts import AccountError, normalize_account, shown_name
from generator.registry.cache import AgencyMemo, RegistryCache
from generator.registry.clock import region_today
from generator.registry.contacts import (
    ContactError,
    check_web_url,
    normalize_channel,
)
from generator.registry.duplicates import Claim, DuplicateAccounts
from generator.registry.hierarchy import hierarchy
from generator.registry.impostors import load_impostors, official_keys
from generator.registry.load import RawData, Sourced, SourcedAgency
from generator.registry.lookalike import mixes_scripts
from generator.registry.models import (
    CODE_DEPTH,
    KIND_LABELS,
    Account,
    AccountIn,
    Agency,
    Channel,
    ChannelIn,
    ChannelType,
    Directory,
    Kind,
    Publisher,
    Region,
    RegionLevel,
    Theme,
)
from generator.registry.officialcheck import Claims, check_official, check_statements
from generator.registry.personal import check_registry
from generator.registry.sitehosts import check_site_hosts
from generator.registry.twins import Twins
from generator.safeinput.addresses import AllowList, feed_url_problem, parse_entry
from generator.safeinput.files import MB, linked_part, read_text
from generator.safeinput.invisible import first_invisible, invisible_message
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.yamlio import dotted

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An agency's page is instansi/<id>/ (a kecamatan's village ranking aduan/desa/<id>/): "index"
# is the folder's own page there.
RESERVED_IDS = frozenset({"index"})
CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
EXTRA_CODES_MAX_BYTES = 20 * MB  # the whole Kepmendagri list is under 4 MB
REVIEW_MAX_AGE = dt.timedelta(days=365)


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


def _did_you_mean(code: str, codes: dict[str, str]) -> str:
    """A hint for a code written in BPS form without dots ('3316' -> '33.16')."""
    digits = re.sub(r"[\s.]", "", code)
    if digits.isdigit() and len(digits) in (2, 4, 6, 10):
        dotted = ".".join(
            digits[a:b] for a, b in ((0, 2), (2, 4), (4, 6), (6, 10)) if a < len(digits)
        )
        if dotted in codes and dotted != code:
            return f"; maksud Anda '{dotted}' ({codes[dotted]})?"
    return ""


def region_code_ok(region: Region | None, codes: dict[str, str]) -> bool:
    """Whether the region's own code is usable to check the codes of its units."""
    return region is not None and (
        region.national
        or (
            bool(CODE.match(region.code))
            and regions.depth(region.code) <= 2
            and region.code in codes
        )
    )


def _region(
    raw: RawData, codes: dict[str, str], problems: Problems, claims: Claims | None = None
) -> Region | None:
    model = raw.region
    if model is None or raw.region_lines is None:
        return None
    at = raw.region_lines.locate
    national = model.level is RegionLevel.NASIONAL
    if national:
        if model.code is not None:
            problems.error(
                at(("code",)),
                "code",
                "situs nasional (level: nasional) mencakup seluruh Indonesia dan tidak memakai "
                "kode wilayah; hapus baris code, atau ganti level",
                first=True,
            )
    elif model.code is None:
        problems.error(
            at(()),
            "code",
            "wajib diisi: kode wilayah Kepmendagri daerah ini (misalnya '33.72'), "
            "atau tulis level: nasional untuk seluruh Indonesia",
            first=True,
        )
    elif not CODE.match(model.code) or regions.depth(model.code) > 2:
        problems.error(
            at(("code",)),
            "code",
            f"kode daerah '{model.code}' harus berbentuk 'PP' (provinsi) atau 'PP.KK' (kabupaten/kota)"
            + _did_you_mean(model.code, codes),
            first=True,
        )
    elif model.code not in codes:
        problems.error(
            at(("code",)),
            "code",
            f"kode '{model.code}' tidak ada dalam daftar Kepmendagri 2025",
            first=True,
        )
    elif model.level is not None:
        kind = regions.region_kind(model.code, codes[model.code])
        if model.level.value != kind:
            problems.error(
                at(("level",)),
                "level",
                f"level '{model.level.value}' tidak cocok dengan kode '{model.code}' "
                f"({codes[model.code]}), yaitu {kind}",
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
    publisher_channels: list[Channel] = []
    for name, kind in (
        ("phone", ChannelType.PHONE),
        ("email", ChannelType.EMAIL),
        ("url", ChannelType.WEBSITE),
    ):
        value = getattr(pub, name)
        if value:
            try:
                publisher_channels.append(normalize_channel(ChannelIn(type=kind, value=value)))
            except ContactError as exc:
                problems.error(at(("publisher", name)), f"publisher.{name}", str(exc))
    if not any(getattr(pub, name) for name in ("phone", "email", "url")):
        # Every "report a fake account" path ends at the publisher: it must be reachable.
        # A warning, not an error, so a fresh `kanal init` repository (which leaves the contacts
        # for the office to fill, never made up) still checks and builds; --strict (CI) fails.
        problems.warning(
            at(("publisher",)),
            "publisher",
            "belum ada kontak pengelola; isi setidaknya satu dari url, email atau phone "
            "agar warga bisa melaporkan akun palsu (kanal check --strict menolaknya)",
        )
    if model.site_url:
        try:
            # MkDocs writes site_url into the canonical link unescaped: the character rule of
            # check_web_url keeps a quote from ending that attribute.
            check_web_url(model.site_url)
        except ContactError as exc:
            problems.error(at(("site_url",)), "site_url", str(exc))
    seen_themes: set[str] = set()
    for i, theme in enumerate(model.themes):
        if not SLUG.match(theme.id) or theme.id in seen_themes:
            problems.error(
                at(("themes", i, "id")),
                dotted(("themes", i, "id")),
                f"id tema '{theme.id}' harus unik dan berupa huruf kecil, angka, tanda hubung",
            )
        seen_themes.add(theme.id)
    region = Region(
        name=model.name,
        code="" if national else model.code or "",
        timezone=model.timezone,
        publisher=Publisher(pub.name, pub.url, pub.email, pub.phone, tuple(publisher_channels)),
        site_url=model.site_url,
        demo=model.demo,
        themes=tuple(
            Theme(t.id, t.name, tuple(k for k in t.keywords if k.strip())) for t in model.themes
        ),
        feed_allow_private=_feed_allow_private(raw, problems),
        official=check_official(
            model.official,
            raw.today or region_today(model.timezone),
            at,
            dotted,
            problems,
            claims.for_owner("region.yml", at, dotted) if claims else None,
        ),
        never=check_statements(model.never, model.never_text, at, dotted, problems),
    )
    # Without a code a region is not national: it has no place to check its units against.
    return None if model.code is None and not national else region


def _feed_allow_private(raw: RawData, problems: Problems) -> tuple[str, ...]:
    """region.yml ``feeds.allow_private``, each entry checked and normalized."""
    if raw.region is None or raw.region.feeds is None or raw.region_lines is None:
        return ()
    kept = []
    for i, entry in enumerate(raw.region.feeds.allow_private):
        try:
            kept.append(str(parse_entry(entry)))
        except ValueError as exc:
            where = raw.region_lines.locate(("feeds", "allow_private", i))
            problems.error(where, f"feeds.allow_private[{i}]", str(exc))
    return tuple(kept)


@lru_cache(maxsize=1 << 15)
def _web_url_problem(url: str) -> str | None:
    """Why a feed URL is not a web link; remembered because each feed is checked twice (with
    its account, then for its address) and a province has over ten thousand of them."""
    try:
        check_web_url(url)
    except ContactError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=1 << 15)
def _feed_problem(url: str, allow: AllowList) -> str | None:
    """feed_url_problem, remembered: judged offline from the URL and the region's allow list
    alone, and ``kanal serve`` asks again for a province's 13,000 feeds after every save."""
    return feed_url_problem(url, allow)


def _feed_addresses(
    src: Sourced, items: list[tuple[int, AccountIn]], allow: AllowList, problems: Problems
) -> None:
    """Feeds that would make ``kanal fetch`` reach into a local network (judged offline)."""
    for i, acc in items:
        if not acc.feed:
            continue
        if _web_url_problem(acc.feed):
            continue  # already reported with the account
        problem = _feed_problem(acc.feed, allow)
        if problem:
            where = ("accounts", i, "feed")
            problems.error(src.at(*where), src.field(*where), problem)


def _text_fields(src: SourcedAgency, problems: Problems) -> None:
    # Invisible and control characters in every text are refused by the YAML reader
    # (generator.safeinput.invisible), so names, addresses, labels and notes are all covered there.
    m = src.model
    if not m.name:
        problems.error(src.at("name"), "name", "tidak boleh kosong")
    # A name is what citizens compare an account with: letters of another script that look
    # Latin ("Dinas Kоmunikasi", a Cyrillic о) make an impostor's name read as the office's.
    named = [(("name",), m.name), (("short_name",), m.short_name or "")]
    named += [(("aliases", i), alias) for i, alias in enumerate(m.aliases)]
    for where, text in named:
        word = mixes_scripts(text)
        if word:
            problems.error(
                src.at(*where),
                src.field(*where),
                f"kata '{word}' mencampur huruf Latin dengan huruf aksara lain yang tampak sama "
                "(misalnya о Sirilik untuk o); ketik ulang dengan huruf Latin",
            )


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
        if acc.feed and (problem := _web_url_problem(acc.feed)):
            problems.error(src.at("accounts", i, "feed"), src.field("accounts", i, "feed"), problem)
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


def _agency(
    src: SourcedAgency, today: dt.date, problems: Problems, claims: Claims | None = None
) -> Agency:
    m = src.model

    def at(path: tuple) -> Location:
        return src.at(*path)

    def name(path: tuple) -> str:
        return src.field(*path)

    if not SLUG.match(m.id) or len(m.id) > 80:
        problems.error(
            src.at("id"),
            "id",
            f"id '{m.id}' hanya boleh berisi huruf kecil, angka dan tanda hubung (misalnya 'dinas-kesehatan')",
        )
    elif m.id in RESERVED_IDS:
        problems.error(
            src.at("id"),
            "id",
            f"id '{m.id}' dipakai untuk halaman daftar (instansi/{m.id}/); pilih id lain, misalnya '{m.id}-{m.kind.value}'",
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
        official=check_official(
            m.official,
            today,
            at,
            name,
            problems,
            claims.for_owner(m.id, at, name) if claims else None,
        ),
        never=check_statements(m.never, m.never_text, at, name, problems),
    )


def _region_code(
    src: SourcedAgency,
    region: Region | None,
    codes: dict[str, str],
    problems: Problems,
    siblings: names.Siblings | None = None,
) -> None:
    """The agency's Kepmendagri code: its form, existence, tier, region and official name;
    with ``region`` None (its own code is wrong) the agency is not matched against it."""
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
    code = m.region_code
    if not CODE.match(code):
        problems.error(
            src.at("region_code"),
            "region_code",
            f"kode '{code}' tidak berbentuk kode Kepmendagri (misalnya 33.72.01 atau 33.72.01.2001)"
            + _did_you_mean(code, codes),
        )
        return
    if needed and regions.depth(code) != needed:
        problems.error(
            src.at("region_code"),
            "region_code",
            f"kode {kind_label} harus terdiri dari {needed} bagian, bukan {regions.depth(code)}: '{code}'",
        )
        return
    if code not in codes:
        problems.error(
            src.at("region_code"),
            "region_code",
            f"kode '{code}' tidak ada dalam daftar Kepmendagri 2025",
        )
        return
    if region and not regions.within(code, region.code):
        problems.error(
            src.at("region_code"),
            "region_code",
            f"kode '{code}' ({codes[code]}) tidak berada di wilayah {region.name} ({region.code})",
        )
    elif needed and needed > 2 and not names.same_name(m.name, codes[code]):
        _name_mismatch(src, siblings or names.Siblings(codes), problems)
    if m.kind is Kind.DESA and regions.is_kelurahan_code(code):
        problems.warning(
            src.at("region_code"),
            "kind",
            f"kode '{code}' adalah kelurahan menurut Kepmendagri, bukan desa",
        )
    if (
        m.kind is Kind.KELURAHAN
        and regions.depth(code) == 4
        and not regions.is_kelurahan_code(code)
    ):
        problems.warning(
            src.at("region_code"),
            "kind",
            f"kode '{code}' adalah desa menurut Kepmendagri, bukan kelurahan",
        )


def _name_mismatch(src: SourcedAgency, siblings: names.Siblings, problems: Problems) -> None:
    m = src.model
    code = m.region_code or ""
    codes = siblings.codes
    other = names.sibling_with_name(m.name, code, siblings)
    hint = f"; kode {names.unit_label(other, codes)} adalah {other}" if other else ""
    problems.warning(
        src.at("name"),
        "name",
        f"nama '{m.name}' tidak cocok dengan nama resmi kode {code}: "
        f"{names.unit_label(code, codes)}{hint}",
    )


def _completeness(
    region: Region,
    sources: dict[str, SourcedAgency],
    codes: dict[str, str],
    extra: dict[str, str],
    where: Location,
    problems: Problems,
) -> None:
    """Official units missing from the registry: one line for the missing kecamatan (or
    regencies of a province) and one per registered kecamatan with missing villages."""
    official = figures.region_units(region.code, extra)
    by_code = {s.model.region_code: s for s in sources.values() if s.model.region_code}
    levels = figures.completeness(region.code, official, codes, by_code)
    for level in levels:
        noun = figures.LEVEL_NOUNS[level.level]
        for group in level.missing:
            units = ", ".join(f"{u.name} ({u.code})" for u in group.units)
            parent = by_code.get(group.parent.code)
            if group.parent.code == region.code or region.national:
                below = sum(1 for c in official for u in group.units if c.startswith(u.code + "."))
                extra = f" (beserta {below} desa/kelurahan di dalamnya)" if below else ""
                place = f" di {group.parent.name}" if region.national else ""
                problems.warning(
                    where,
                    "code",
                    f"{len(group.units)} dari {level.official} {noun} belum terdaftar{place}{extra}: {units}",
                )
            elif parent is not None:  # a missing kecamatan's villages are told with it
                total = sum(1 for c in official if regions.parent_code(c) == group.parent.code)
                problems.warning(
                    parent.at("region_code"),
                    "region_code",
                    f"{len(group.units)} dari {total} {noun} di "
                    f"{names.unit_label(group.parent.code, codes)} belum terdaftar: {units}",
                )


def build_directory(
    raw: RawData,
    today: dt.date | None,
    problems: Problems,
    memo: AgencyMemo | None = None,
    partial: bool = False,
) -> Directory | None:
    """Check everything and return the Directory, or None when any error was found.

    ``today`` None means today in the region's time zone (see generator.registry.clock).
    ``memo`` keeps each unchanged agency's own checks from the previous call.
    ``partial``: with errors, still return what is well formed when the region is (a
    :attr:`Directory.unchecked` directory, to check the other inputs against; never
    published)."""
    extra = _load_extra_codes(raw, problems)
    codes = {**regions.reference_codes(), **extra}
    if today is None:
        today = region_today(raw.region.timezone if raw.region else None)
    raw.today = today
    claims = Claims(problems)
    region = _region(raw, codes, problems, claims)
    usable = region_code_ok(region, codes)
    siblings = names.Siblings(codes)
    unmatched = 0

    sources: dict[str, SourcedAgency] = {}
    agencies: dict[str, Agency] = {}
    used_codes: dict[str, SourcedAgency] = {}
    claimed: dict[str, tuple[SourcedAgency, int]] = {}
    duplicates = DuplicateAccounts()
    twins = Twins(raw.region.name if raw.region else None)
    if memo is not None:
        memo.keep_only(raw.agencies)
        memo.checked = 0
    own_region = region if usable else None
    context = (
        today,
        own_region.code if own_region else None,
        own_region.name if own_region else None,
        tuple(sorted(extra.items())),
    )
    for src in raw.agencies:
        m = src.model
        first = sources.get(m.id)
        if first is not None:
            problems.error(src.at("id"), "id", f"id '{m.id}' sudah dipakai di {first.at('id')}")
            continue
        sources[m.id] = src
        twins.add(src)

        def own(found: Problems, src: SourcedAgency = src) -> Agency:
            agency = _agency(src, today, found, claims)
            _region_code(src, own_region, codes, found, siblings)
            return agency

        if memo is None or m.official:
            agency = own(problems)
        else:
            agency = memo.own_checks(src, context, own, problems)
        agencies[m.id] = agency
        unmatched += bool(not usable and m.region_code and m.kind in CODE_DEPTH)
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
            if owner is None:
                claimed[acc.key] = (src, i)  # located only when claimed again
                continue
            first_src, first_i = owner
            duplicates.add(
                acc.url,
                Claim(
                    first_src.model.id,
                    first_src.at("accounts", first_i),
                    first_src.field("accounts", first_i),
                ),
                Claim(m.id, src.at("accounts", i), src.field("accounts", i)),
            )
    duplicates.report(problems)
    check_site_hosts(
        agencies,
        region,
        lambda aid, group, i, key: (
            sources[aid].at(group, i, key),
            sources[aid].field(group, i, key),
        ),
        problems,
    )
    # The repository is public: no personal data in any free text (once every channel is known)
    public = check_registry(raw, agencies.values(), region, problems, memo)
    # The names of the agencies that failed their structure (their files' own errors say
    # why): what names them elsewhere is not reported as naming an unknown agency.
    failed = {stem: stem for stem in raw.unread}  # name -> id (Directory.unchecked)
    for part in raw.salvaged:
        failed.update(dict.fromkeys(part.names, part.names[0] if part.names else ""))
    hierarchy(sources, codes, problems, failed.keys())
    twins.report(sources, problems)
    allow = AllowList.parse(region.feed_allow_private if region else ())
    for src in raw.agencies:
        _feed_addresses(src, list(enumerate(src.model.accounts)), allow, problems)
    for part in raw.salvaged:
        _feed_addresses(part, part.accounts, allow, problems)
    if region is not None and raw.region_lines is not None:
        where = raw.region_lines.locate(("level",) if region.national else ("code",))
        if not usable and unmatched:
            problems.warning(
                where,
                "code",
                f"kode wilayah {unmatched} kecamatan/desa/kelurahan belum dicocokkan dengan "
                "daerah ini; perbaiki kode daerah di atas lalu jalankan kanal check lagi",
                first=True,
            )
        elif usable and not problems.errors:  # a file that failed to load would be "missing"
            _completeness(region, sources, codes, extra, where, problems)
    for part in raw.salvaged:  # agencies with structural errors: still check what is well formed
        _accounts(part, part.accounts, today, problems)
        _channels(part, part.channels, problems)

    impostors = load_impostors(
        raw.data_dir,
        set(sources) | failed.keys(),
        official_keys(agencies.values(), region),
        today,
        problems,
        public,
    )
    if region is None or (problems.errors and not partial):
        return None
    if problems.errors:  # partial: to check the other inputs against (never published)
        return Directory(region, agencies, {}, today, impostors=impostors, unchecked=failed)
    for agency in agencies.values():
        if agency.parent:
            agencies[agency.parent].children.append(agency.id)
    used = {a.region_code for a in agencies.values() if a.region_code}
    used.add(region.code)
    if region.national:  # its pages group places by province: their names
        used |= {code.split(".")[0] for code in used if code}
    official = figures.region_units(region.code, extra)
    return Directory(
        region, agencies, {c: codes[c] for c in used if c in codes}, today, official, impostors
    )


def registry_inputs(raw: RawData) -> list[str]:
    """Every path under the data folder that :func:`load_directory` reads (relative, in
    order): a copy holding these validates as the folder does (``kanal import-registry``
    checks its edits on such a copy; without ``impostors.yml`` it registered a known scam
    account as official and reported the impostor list as emptied)."""
    from generator.registry.impostors import IMPOSTORS_FILE
    from generator.registry.load import AGENCY_DIR, REGION_FILE

    paths = [REGION_FILE, AGENCY_DIR, IMPOSTORS_FILE]
    if raw.region is not None and raw.region.extra_region_codes:
        paths.append(raw.region.extra_region_codes)
    return paths


def load_directory(
    data_dir: Path,
    today: dt.date | None,
    problems: Problems,
    cache: RegistryCache | None = None,
    partial: bool = False,
) -> Directory | None:
    """Load and validate ``data_dir``; problems are added to ``problems``. With a ``cache``,
    unchanged agency files are neither read nor checked again. ``partial``: see
    :func:`build_directory` (then a directory with errors is returned too)."""
    from generator.registry.load import collector_paused, load_raw

    with collector_paused():
        raw = load_raw(data_dir, problems, cache.files if cache else None)
        return build_directory(raw, today, problems, cache.agencies if cache else None, partial)
