"""Writing the generated pages: Markdown files whose body is HTML from autoescaping templates.

MkDocs does not escape anything, so every untrusted string passes through Jinja2 with
``autoescape=True`` (HTML text and quoted attributes), front matter holds pre-escaped text
(Material prints ``page.meta.title`` raw), and JSON meant for scripts is served as a file.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.finder.index import finder_data
from generator.finder.knowledge import Concept, merged
from generator.registry import coverage as fig
from generator.registry.accounts import PLATFORM_LABELS
from generator.registry.checker import channel_rows, example_account, platform_table
from generator.registry.impostors import IMPOSTOR_LABELS
from generator.registry.models import (
    CHANNEL_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    SOCIAL_PLATFORMS,
    STATUS_LABELS,
    AccountStatus,
    Agency,
    Directory,
    Kind,
    Level,
)
from generator.registry.official import OFFICIAL_LABELS, merged_lines
from generator.site import shards
from generator.site.blocks import (
    accounts_block,
    channels_block,
    date_id,
    sorted_channels,
)
from generator.site.groups import GroupPage, coverage_places, directory_places, villages
from generator.site.memo import TEMPLATES, RenderMemo
from generator.site.officialindex import agency_never, official_index
from generator.site.structured import agency_jsonld, script_json

if TYPE_CHECKING:  # the feature packages import this module, so only for type hints
    pass


ICON_FILES = {
    "instagram": "fontawesome/brands/instagram",
    "x": "fontawesome/brands/x-twitter",
    "facebook": "fontawesome/brands/facebook",
    "youtube": "fontawesome/brands/youtube",
    "tiktok": "fontawesome/brands/tiktok",
    "threads": "fontawesome/brands/threads",
    "website": "material/web",
    "other": "material/link-variant",
    "whatsapp": "fontawesome/brands/whatsapp",
    "phone": "material/phone",
    "sms": "material/message-text-outline",
    "email": "material/email-outline",
    "complaint_portal": "material/bullhorn-outline",
    "address": "material/map-marker-outline",
    "hours": "material/clock-outline",
}


def number_id(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# A province's pages format ~300,000 shares and days, mostly the same few thousand values.
@lru_cache(maxsize=65_536)
def decimal_id(value: float) -> str:
    """One decimal with a decimal comma, rounded half up as a spreadsheet does: 6,25 -> 6,3.

    Python's ``:.1f`` rounds half to even (6,2), which a journalist recomputing the figure in
    a spreadsheet would read as an error. The shortest repr of the float is rounded, so
    100 / 16 = 6.25 is a true half.
    """
    if not math.isfinite(value):
        return "–"
    # 100 * 0.2875 (a share as the open data writes it) is 28.749999999999996 in binary: the
    # float's noise is cut at 9 decimals first, so the half rounds up as in a spreadsheet.
    exact = Decimal(repr(float(value))).quantize(Decimal("1e-9"))
    rounded = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",").replace("-0,0", "0,0")


def percent_id(value: float) -> str:
    return decimal_id(value) + "%"


def short_handle(shown: str, limit: int = 24) -> str:
    """An account as a short label for a pinned table column: "@dlh" stays, a long channel
    URL ("youtube.com/channel/UCx...") becomes its last part, cut to ``limit`` characters."""
    tail = shown.rstrip("/").rsplit("/", 1)[-1] if "/" in shown else shown
    return tail if len(tail) <= limit else tail[: limit - 1] + "…"


@dataclass
class _Icons:
    """Collects the icons a page uses, to inline them once as an SVG sprite."""

    used: set[str] = field(default_factory=set)

    def __call__(self, name: str, label: str | None = None) -> Markup:
        self.used.add(name)
        if type(name) is str and (label is None or type(label) is str):  # noqa: E721
            return _icon(name, label)  # exact types: a Markup label equal to a str differs
        return _icon.__wrapped__(name, label)

    def sprite(self) -> str:
        if not self.used:
            return ""
        symbols = "".join(_symbol(name) for name in sorted(self.used))
        return f'<svg class="k-sprite" aria-hidden="true" style="display:none">{symbols}</svg>'


# A national directory's pages show ~380,000 icons of ~20 kinds: each made once.
@lru_cache(maxsize=1024)
def _icon(name: str, label: str | None) -> Markup:
    if label:
        return Markup(
            '<svg class="k-ico" role="img" aria-label="{}"><use href="#i-{}"/></svg>'
        ).format(label, name)
    return Markup('<svg class="k-ico" aria-hidden="true"><use href="#i-{}"/></svg>').format(name)


# Feature stylesheets (theme/assets/kanal/) and the classes they style: a page links one only
# when its HTML uses one of them (theme/main.html reads ``kanal_styles``), instead of every
# page carrying the complaint and monitoring styles as render-blocking extra_css.
FEATURE_STYLES = {
    "aduan": re.compile(
        r'class="[^"]*\bk-(?:figure|cards--static|defs|aduan|rank)\b|data-sortable'
    ),
    "pantauan": re.compile(
        r'class="[^"]*\bk-(?:compact|posts|badge--(?:quiet|dormant|failing|no_feed))\b'
    ),
}
# What each pattern cannot match without: a page that holds none of these (every agency page
# of a national directory) is not scanned by the pattern (~1 s of CPU for 9,479 pages).
_STYLE_WORDS = {
    "aduan": ("k-figure", "k-cards--static", "k-defs", "k-aduan", "k-rank", "data-sortable"),
    "pantauan": ("k-compact", "k-posts", "k-badge--"),
}
_SEARCH_EXCLUDE = re.compile(r"<(table|svg|ul(?= class=\"k-cols\"))\b")
_SVG = re.compile(r'<svg[^>]*viewBox="([^"]+)"[^>]*>(.*)</svg>', re.S)
_symbol_cache: dict[str, str] = {}


def _symbol(name: str) -> str:
    if name not in _symbol_cache:
        path = files("material") / "templates" / ".icons" / (ICON_FILES[name] + ".svg")
        match = _SVG.search(path.read_text(encoding="utf-8"))
        if not match:
            raise RuntimeError(f"icon {name} has no viewBox")
        _symbol_cache[name] = (
            f'<symbol id="i-{name}" viewBox="{match.group(1)}">{match.group(2)}</symbol>'
        )
    return _symbol_cache[name]


# libyaml's emitter writes what PyYAML's writes for printable text of the Basic Multilingual
# Plane, in a fifth of the time (~1.4 s of CPU for a national directory's 9,475 pages); it
# spells other characters differently (astral ones escaped, U+0085 quoted), so those pages
# keep PyYAML's.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", None)


def front_matter(meta: dict[str, Any]) -> str:
    """``yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)``: a page's front matter."""
    dumper: Any = yaml.SafeDumper
    if _FAST_DUMPER is not None and all(
        text.isprintable() and (text.isascii() or max(text) < "\U00010000")
        for text in (meta["title"], meta["description"])
    ):
        dumper = _FAST_DUMPER
    return yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class PageRef:
    """Where a page lives: its source path in the docs folder and its URL from the site root."""

    src: str  # e.g. "instansi/dinkes.md"
    url: str  # e.g. "instansi/dinkes/"

    @property
    def root(self) -> str:
        """Relative path from this page back to the site root."""
        return "../" * self.url.count("/")


def has_own_page(agency: Agency) -> bool:
    """Whether the agency gets a page (instansi/<id>/): villages are shown on their district's."""
    return agency.kind not in (Kind.DESA, Kind.KELURAHAN)


def agency_url(directory: Directory, agency: Agency) -> str:
    """URL from the site root: villages live on their district's page, under an anchor."""
    if agency.kind in (Kind.DESA, Kind.KELURAHAN) and agency.parent:
        return f"instansi/{agency.parent}/#{agency.id}"
    return f"instansi/{agency.id}/"


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _impostors_by_agency(directory: Directory) -> dict[str, list[Any]]:
    """Known impostors (data/impostors.yml) by the agency they imitate, newest first."""
    found: dict[str, list[Any]] = {}
    for item in sorted(directory.impostors, key=lambda i: i.reported, reverse=True):
        if item.imitates:
            found.setdefault(item.imitates, []).append(item)
    return found


def template_environment() -> Environment:
    """Kanal's templates and filters, without a directory's globals (the posters' own
    process, generator.site.posters, renders from plain values)."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        # One build, one set of templates: no stat() of the file at each of the
        # ~20,000 template lookups and macro imports of a province.
        auto_reload=False,
        bytecode_cache=TEMPLATES,
    )
    env.filters.update(
        date_id=date_id, number_id=number_id, percent_id=percent_id, short_handle=short_handle
    )
    # An agency's contact and account blocks: Python, not macros (generator.site.blocks).
    env.globals.update(accounts_block=accounts_block, channels_block=channels_block)
    return env


def _home_counts(d: Directory) -> dict[str, Any]:
    """Agencies per level and active accounts (social, other), in one pass over a province's
    agencies instead of one per level and two per sum."""
    counts = dict.fromkeys(Level, 0)
    social = other = 0
    for a in d.agencies.values():
        counts[a.level] += 1
        active = a.active_accounts
        shown = sum(1 for acc in active if acc.platform in SOCIAL_PLATFORMS)
        social += shown
        other += len(active) - shown
    return {"counts": counts, "accounts": social, "other_accounts": other}


class Renderer:
    """Renders every generated page of one directory into a docs folder."""

    def __init__(self, directory: Directory, docs: Path, memo: RenderMemo | None = None):
        self.d = directory
        self.docs = docs
        self.memo = memo
        self.env = template_environment()
        self.env.globals.update(
            region=directory.region,
            today=directory.today,
            KIND_LABELS=KIND_LABELS,
            LEVEL_LABELS=LEVEL_LABELS,
            LEVEL_NOUNS=fig.LEVEL_NOUNS,
            PLATFORM_LABELS=PLATFORM_LABELS,
            STATUS_LABELS=STATUS_LABELS,
            CHANNEL_LABELS=CHANNEL_LABELS,
            AccountStatus=AccountStatus,
            Level=Level,
            agencies=directory.agencies,
            sorted_channels=sorted_channels,
            region_names=directory.region_names,
            checker_example=example_account(directory.agencies.values()),
            OFFICIAL_LABELS=OFFICIAL_LABELS,
            never_lines=lambda agency: merged_lines(agency.never, directory.region.never),
            IMPOSTOR_LABELS=IMPOSTOR_LABELS,
            impostors_of=_impostors_by_agency(directory),
        )
        if memo is not None:  # every global a template reads, but the agencies it looks up
            g = self.env.globals
            base = (g["region"], g["today"], g["region_names"], g["checker_example"])
            g["agencies"] = memo.start((*base, g["impostors_of"]), directory.agencies)
        self.pages: list[PageRef] = []
        # Feature modules (complaint figures, posting activity) add ready-made, escaped HTML
        # blocks to an agency's page here before render_all() runs; keyed by agency id.
        self.agency_sections: dict[str, list[Markup]] = {}

    def page(
        self,
        ref: PageRef,
        template: str,
        title: str,
        description: str,
        bulk: bool = False,
        **context: Any,
    ) -> None:
        """Render one page. ``bulk`` pages stay out of the built-in search index."""
        target = self.docs / ref.src
        self.pages.append(ref)

        def text() -> str:
            return self._text(ref, template, title, description, bulk, context)

        if self.memo is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text(), encoding="utf-8")
        else:
            parts = (ref, template, title, description, bulk, context)
            self.memo.write(ref.src, target, parts, text)

    def _text(
        self,
        ref: PageRef,
        template: str,
        title: str,
        description: str,
        bulk: bool,
        context: dict[str, Any],
    ) -> str:
        icons = _Icons()
        body = self.env.get_template(template).render(
            page=ref,
            root=ref.root,
            icon=icons,
            url=lambda target: ref.root + target,
            link=lambda agency: ref.root + agency_url(self.d, agency),
            **context,
        )
        # Blank lines and indentation could end a raw HTML block or start a code block in
        # Markdown; the HTML needs neither.
        html = "\n".join([line for line in map(str.strip, body.splitlines()) if line])
        # Tables, charts and lists of names (k-cols) stay out of Material's search index: their
        # cells would be indexed as one run of words ("Platform Instansi dengan akun aktif
        # Persentase Instagram 34 dari 40 ...") and weigh on every first visit, the lists grow
        # with the villages still without an account. Agencies are found by Kanal's finder.
        html = _SEARCH_EXCLUDE.sub(r"<\1 data-search-exclude", html)
        meta: dict[str, Any] = {
            "title": str(escape(title)),
            "description": str(escape(description)),
            # Tables and charts get the whole width at desktop: the right-hand table of
            # contents would take ~300 px and clip wide tables; pages carry their own jump links.
            "hide": ["toc"],
        }
        styles = [
            name
            for name, used in FEATURE_STYLES.items()
            if any(word in html for word in _STYLE_WORDS[name]) and used.search(html)
        ]
        if styles:
            meta["kanal_styles"] = styles
        if bulk:
            meta["search"] = {"exclude": True}
        front = front_matter(meta)
        return f"---\n{front}---\n\n{icons.sprite()}\n{html}\n"

    def _absolute(self, url: str) -> str:
        """A page's URL for structured data: absolute with a site_url, else relative to itself."""
        base = self.d.region.site_url
        return base.rstrip("/") + "/" + url if base else "./"

    def villages(self, agency: Agency) -> list[Agency]:
        """An agency's villages by name (only districts have any)."""
        return villages(self.d, agency)

    def group_pages(self, pages: list[GroupPage]) -> None:
        """The bulk pages of long lists split by place (generator.site.groups)."""
        for g in pages:
            ref = PageRef(g.url.rstrip("/") + ".md", g.url)
            self.page(ref, g.template, g.title, g.description, bulk=True, **g.context)

    def render_all(self, coverage: list[fig.LevelCoverage]) -> None:
        """The core pages; ``coverage`` comes from the compute stage (generator.build.compute)."""
        d = self.d
        national = d.region.national
        opd = [a for a in d.agencies.values() if a.level in (Level.OPD, Level.DAERAH)]
        districts = d.by_level(Level.KECAMATAN)
        groups: dict[Kind, list[Agency]] = {}
        for agency in sorted(opd, key=lambda a: a.name.casefold()):
            groups.setdefault(agency.kind, []).append(agency)
        # A national site lists its 514 regencies and cities on one page per province.
        regencies = [a for a in opd if national and a.kind in (Kind.KABUPATEN, Kind.KOTA)]
        name = d.region.name
        # A province's own units are its regencies/cities; it has no kecamatan or desa to list.
        province = "." not in d.region.code
        units = (
            "kabupaten/kota, kecamatan dan desa/kelurahan"
            if national
            else "perangkat daerah dan kabupaten/kota"
            if province
            else "perangkat daerah, kecamatan dan desa/kelurahan"
        )
        directory_context, directory_pages = directory_places(d, districts, regencies)
        without_groups, coverage_pages = coverage_places(d, coverage)
        self.page(
            PageRef("index.md", ""),
            "home.html.j2",
            f"Akun resmi & kanal layanan {name}",
            f"Cari akun media sosial resmi, WhatsApp dan kanal pengaduan instansi di {name}.",
            units=units,
            places="kabupaten/kota" if province and not national else "desa/kecamatan",
            coverage=coverage,
            **_home_counts(d),
        )
        self.group_pages(directory_pages)  # before their list, as MkDocs has always seen them
        self.page(
            PageRef("direktori/index.md", "direktori/"),
            "directory.html.j2",
            "Direktori instansi",
            f"Semua {units} di {name} beserta akun resminya.",
            groups=[
                (kind, groups[kind])
                for kind in Kind
                if kind in groups and not (regencies and kind in (Kind.KABUPATEN, Kind.KOTA))
            ],
            **directory_context,
        )
        self.group_pages(coverage_pages)
        self.page(
            PageRef("cakupan/index.md", "cakupan/"),
            "coverage.html.j2",
            "Cakupan akun resmi",
            f"Persentase instansi di {name} yang memiliki akun media sosial resmi aktif, per tingkat dan platform.",
            coverage=coverage,
            without_groups=without_groups,
        )
        self.page(
            PageRef("cek-akun/index.md", "cek-akun/"),
            "checker.html.j2",
            "Cek akun resmi",
            f"Periksa apakah akun media sosial, alamat profil atau nomor WhatsApp benar milik instansi di {name}.",
        )
        for agency in d.agencies.values():
            if not has_own_page(agency):
                continue  # shown on their district's page
            self.page(
                PageRef(f"instansi/{agency.id}.md", f"instansi/{agency.id}/"),
                "agency.html.j2",
                agency.name,
                f"Akun resmi dan kontak {agency.name}.",
                bulk=True,
                agency=agency,
                sections=self.agency_sections.get(agency.id, []),
                jsonld=script_json(
                    agency_jsonld(
                        agency,
                        self._absolute(f"instansi/{agency.id}/"),
                        d.agencies.get(agency.parent) if agency.parent else None,
                    )
                ),
                villages=self.villages(agency),
                parent=d.agencies.get(agency.parent) if agency.parent else None,
                units=[
                    d.agencies[c]
                    for c in agency.children
                    if d.agencies[c].kind not in (Kind.DESA, Kind.KELURAHAN)
                ],
            )


# The checker index's format. 2: official channels, statements and known impostors
# (generator.site.officialindex). Any change to the rows bumps it (README, "Untuk pemeriksa fakta").
INDEX_VERSION = 2


def finder_index(directory: Directory) -> dict[str, Any]:
    """The compact index the home page's finder reads (no HTML inside: the script builds text nodes)."""
    rows = []
    accounts = []
    numbers = []
    agencies = list(directory.agencies.values())
    position = {a.id: i for i, a in enumerate(agencies)}
    for agency in agencies:
        parent = directory.agencies.get(agency.parent) if agency.parent else None
        best = sorted_channels(agency)[0] if agency.channels else None
        rows.append(
            [
                agency.name,
                agency.short_name or "",
                KIND_LABELS[agency.kind][0],
                agency_url(directory, agency),
                parent.name if parent else "",
                " · ".join([*agency.services, *agency.aliases]),
                [best.type.value, best.display, best.href] if best else None,
                agency_never(agency),
            ]
        )
        accounts.extend(
            [a.platform.value, a.key, a.status.value, position[agency.id], _iso(a.since)]
            for a in agency.accounts
        )
        numbers.extend(
            [c.type.value, c.value, position[agency.id]]
            for c in agency.channels
            if c.type.value in ("whatsapp", "phone", "sms")
        )
    accounts += channel_rows(agencies, position, {row[1] for row in accounts})
    return {
        "version": INDEX_VERSION,
        "generated": directory.today.isoformat(),
        "agency_fields": [
            "name",
            "short_name",
            "kind",
            "url",
            "parent",
            "keywords",
            "best_channel",
            "never",
        ],
        "agencies": rows,
        "account_fields": ["platform", "key", "status", "agency", "since"],
        "accounts": accounts,
        # For the account checker (checker.js): numbers in E.164 (short service numbers as
        # dialled: 112, 1708), and the platform rules.
        "number_fields": ["type", "number", "agency"],
        "numbers": numbers,
        "platforms": platform_table(),
        **official_index(directory, position),
    }


_KIND_OF_LABEL = {labels[0]: kind.value for kind, labels in KIND_LABELS.items()}


def finder_json(index: dict[str, Any], concepts: tuple[Concept, ...] = ()) -> dict[str, Any]:
    """``assets/kanal/finder.json``: the finder's knowledge for the rows of ``index`` (a
    province's members' rows included), with the region's own thesaurus concepts."""
    rows = index["agencies"]
    return finder_data(rows, [_KIND_OF_LABEL.get(r[2], "") for r in rows], merged(concepts))


FINDER_FILE = "assets/kanal/finder.json"


def write_finder_files(
    index: dict[str, Any],
    concepts: tuple[Concept, ...],
    root: Path,
    save: Callable[[Path, bytes], None] = shards.save_bytes,
    shard_folder: Path | None = None,
    budget: int | None = None,
) -> None:
    """The finder's files under ``root``: ``finder.json`` (:func:`finder_json`) and the index,
    whole or in shards above ``budget`` gzip bytes (generator.site.shards.write, by default
    its WHOLE_BUDGET; ``shard_folder`` where the shards go)."""
    knowledge = finder_json(index, concepts)  # before shards: rows are moved
    budget = shards.WHOLE_BUDGET if budget is None else budget
    shards.write(index, root / shards.INDEX_FILE, budget=budget, save=save, folder=shard_folder)
    save(root / FINDER_FILE, json_bytes(knowledge))


def json_bytes(data: Any) -> bytes:
    """Compact JSON in UTF-8, as the site's own JSON files are written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json_bytes(data))
