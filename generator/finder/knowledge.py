"""What the finder knows before a clerk types anything: kinds of perangkat daerah and citizens' words.

Three shipped files (``generator/reference/``): ``urusan.yml`` (what each usual kind of office
handles, and ``match`` patterns that recognise a region's own office by its name),
``thesaurus.yml`` (how citizens phrase common problems, mapped to service terms and kinds) and
``lexicon.yml`` (abbreviations and regional words a query word may stand for). A
region may extend the thesaurus with ``data/thesaurus.yml`` (:func:`load_region`): its concepts
are checked with located messages and merged over the shipped ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.safeinput.privacy import personal_data
from generator.safeinput.problems import Problems
from generator.safeinput.yamlio import read_yaml

LEVELS = ("desa", "kecamatan", "provinsi", "pusat")
REGION_FILE = "thesaurus.yml"
MAX_CONCEPTS = 2_000  # a region's own file: bounded like every input
MAX_PHRASES = 200
# A notice is one or two sentences the finder shows as they are (the shipped ones are at most
# 228 characters): who handles the matter and how to reach them.
MAX_NOTICE = 400


@dataclass(frozen=True)
class Kind:
    """A usual kind of perangkat daerah (urusan.yml)."""

    id: str
    services: tuple[str, ...]  # as written in urusan.yml
    match: tuple[str, ...]
    registry_kinds: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """One problem as citizens phrase it (thesaurus.yml)."""

    id: str
    terms: tuple[str, ...]
    kinds: tuple[str, ...]
    phrases: tuple[str, ...]
    level: str | None = None
    # what the citizen is told when the matter is not the regency's: who handles it, and how
    notice: str = ""


def spaced(text: str) -> str:
    """Lower case, every run of other characters than letters and digits one space."""
    return " ".join(re.split(r"[^a-z0-9]+", text.lower())).strip()


def _reference(name: str) -> Any:
    text = resources.files("generator.reference").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    """The shipped kinds of urusan.yml, by id."""
    raw = _reference("urusan.yml")["kinds"]
    return {
        key: Kind(
            key,
            tuple(str(s) for s in v.get("services", [])),
            tuple(spaced(m) for m in v.get("match", [])),
            tuple(v.get("registry_kinds", [])),
        )
        for key, v in raw.items()
    }


def _concept(raw: dict[str, Any]) -> Concept:
    return Concept(
        str(raw["id"]),
        tuple(spaced(t) for t in raw.get("terms", [])),
        tuple(raw.get("kinds", [])),
        tuple(spaced(p) for p in raw.get("phrases", [])),
        raw.get("level"),
        " ".join(str(raw.get("notice", "")).split()),
    )


@lru_cache(maxsize=1)
def fixed_phrases() -> tuple[tuple[str, ...], ...]:
    """thesaurus.yml ``fixed``: phrases whose words mean something else alone ("rawat jalan"
    is outpatient care, not a road), each as its words; the finder reads each as one word."""
    return tuple(tuple(spaced(str(f)).split()) for f in _reference("thesaurus.yml")["fixed"])


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """lexicon.yml: a word as citizens type it (an abbreviation, an informal spelling, a
    Javanese, Sundanese or Betawi word) -> the Indonesian word(s) it stands for."""
    raw = _reference("lexicon.yml")["words"]
    return {spaced(str(k)): spaced(str(v)) for k, v in raw.items()}


@lru_cache(maxsize=1)
def shipped_concepts() -> tuple[Concept, ...]:
    """The shipped thesaurus."""
    return tuple(_concept(c) for c in _reference("thesaurus.yml")["concepts"])


def kinds_of(texts: list[str], registry_kind: str) -> list[str]:
    """The urusan.yml kinds an agency is, from its name, short name and aliases.

    A kind with ``registry_kinds`` is decided by the registry's own kind alone (the word "desa"
    is also in "Dinas Pemberdayaan Masyarakat dan Desa"). Other kinds match when one of their
    patterns occurs as whole words; a merged dinas is several kinds.
    """
    known = kinds()
    own = [k.id for k in known.values() if registry_kind in k.registry_kinds]
    if own:
        return own
    padded = [f" {spaced(t)} " for t in texts if t]
    found = []
    for kind in known.values():
        if kind.registry_kinds:
            continue
        if any(f" {m} " in text for m in kind.match for text in padded):
            found.append(kind.id)
    return found


def _strings(value: Any, where: tuple, lines: Any, problems: Problems, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.error(lines.locate(where), field, "harus berupa daftar teks yang tidak kosong")
        return []
    if len(value) > MAX_PHRASES:
        problems.error(lines.locate(where), field, f"paling banyak {MAX_PHRASES} isian")
        return []
    return value


PERSONAL_FIX = (
    "ungkapan warga ditulis tanpa nomor, NIK/KK, surel atau nama orang, karena repositori "
    "data ini publik"
)
# A notice is published as it is (finder.json, the finder's answer): it names an office and
# its service number or site, never a person's number, NIK/KK or e-mail.
NOTICE_FIX = (
    "pemberitahuan diterbitkan apa adanya di pencari layanan: sebut kantornya dan nomor "
    "layanan singkatnya (PLN 123, 1500-xxx) atau situs webnya, tanpa nomor HP, NIK/KK, surel "
    "atau nama orang, karena repositori data ini publik"
)


def _personal(item: dict[str, Any], at: tuple, lines: Any, problems: Problems) -> None:
    """Personal data in a concept's phrases, terms or note: an error at its line."""
    texts: list[tuple[tuple, str]] = []
    for key in ("phrases", "terms"):
        values = item.get(key)
        if isinstance(values, list):
            texts += [((*at, key, j), v) for j, v in enumerate(values) if isinstance(v, str)]
    if isinstance(item.get("note"), str):
        texts.append(((*at, "note"), item["note"]))
    for path, text in texts:
        found = personal_data(text)
        if found.stored:
            problems.error(
                lines.locate(path),
                "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip("."),
                f"berisi data pribadi ({found.describe_stored()}); {PERSONAL_FIX}",
            )


def _notice(
    item: dict[str, Any], at: tuple, lines: Any, problems: Problems, i: int, level: Any
) -> str:
    """A concept's notice as one line of text; "" (with an error at its line) when it is not
    text, is too long, holds personal data, or would never be shown (a concept without a
    level, its own or the shipped concept's it extends, has no notice)."""
    if "notice" not in item:
        return ""
    value = item["notice"]
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        why = "harus berupa teks yang tidak kosong"
    elif len(text) > MAX_NOTICE:
        why = (
            f"paling banyak {MAX_NOTICE} karakter ({len(text)}); cukup siapa yang menangani "
            "dan cara menghubunginya"
        )
    elif (found := personal_data(text)).stored:
        why = f"berisi data pribadi ({found.describe_stored()}); {NOTICE_FIX}"
    elif level not in LEVELS:
        why = (
            f"pemberitahuan hanya ditampilkan untuk konsep dengan level ({', '.join(LEVELS)}); "
            "isi level atau hapus notice"
        )
    else:
        return text
    problems.error(lines.locate((*at, "notice")), f"concepts[{i}].notice", why)
    return ""


def load_region(data_dir: Path, problems: Problems) -> tuple[Concept, ...]:
    """The region's own concepts from ``data/thesaurus.yml`` (none when the file is absent).

    Each concept has ``id`` and ``phrases``; ``terms``, ``kinds`` (ids of urusan.yml) and
    ``level`` are optional. Every problem is recorded with its line, all at once.
    """
    path = data_dir / REGION_FILE
    if not path.exists():
        return ()
    shown = f"data/{REGION_FILE}"
    read = read_yaml(path, shown, problems)
    if read is None:
        return ()
    doc, lines = read
    if not isinstance(doc, dict) or not isinstance(doc.get("concepts"), list):
        problems.error(lines.locate(()), "concepts", "berkas harus berisi daftar `concepts:`")
        return ()
    unknown = sorted(set(doc) - {"version", "concepts"})
    for key in unknown:
        problems.error(lines.locate((key,)), key, "kolom tidak dikenal (yang boleh: concepts)")
    items = doc["concepts"]
    if len(items) > MAX_CONCEPTS:
        problems.error(lines.locate(("concepts",)), "concepts", f"paling banyak {MAX_CONCEPTS}")
        return ()
    known = kinds()
    shipped_levels = {c.id: c.level for c in shipped_concepts()}
    found: list[Concept] = []
    for i, item in enumerate(items):
        at = ("concepts", i)
        if not isinstance(item, dict):
            problems.error(lines.locate(at), f"concepts[{i}]", "harus berisi id dan phrases")
            continue
        bad = sorted(set(item) - {"id", "terms", "kinds", "phrases", "level", "note", "notice"})
        for key in bad:
            problems.error(
                lines.locate((*at, key)),
                f"concepts[{i}].{key}",
                "kolom tidak dikenal (yang boleh: id, terms, kinds, phrases, level, note, notice)",
            )
        cid = item.get("id")
        if not isinstance(cid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", cid):
            problems.error(
                lines.locate((*at, "id")),
                f"concepts[{i}].id",
                "wajib diisi: huruf kecil, angka dan tanda hubung (mis. jalan-rusak)",
            )
            continue
        phrases = _strings(
            item.get("phrases"), (*at, "phrases"), lines, problems, f"concepts[{i}].phrases"
        )
        _personal(item, at, lines, problems)
        terms = item.get("terms", [])
        if "terms" in item:
            terms = _strings(terms, (*at, "terms"), lines, problems, f"concepts[{i}].terms")
        ks = item.get("kinds", [])
        if "kinds" in item:
            ks = _strings(ks, (*at, "kinds"), lines, problems, f"concepts[{i}].kinds")
        for j, k in enumerate(ks):
            if k not in known:
                problems.error(
                    lines.locate((*at, "kinds", j)),
                    f"concepts[{i}].kinds",
                    f"jenis instansi '{k}' tidak dikenal (lihat generator/reference/urusan.yml)",
                )
        level = item.get("level")
        if level is not None and level not in LEVELS:
            problems.error(
                lines.locate((*at, "level")),
                f"concepts[{i}].level",
                f"harus salah satu dari: {', '.join(LEVELS)}",
            )
        found.append(
            Concept(
                cid,
                tuple(spaced(t) for t in terms),
                tuple(k for k in ks if k in known),
                tuple(spaced(p) for p in phrases),
                level if level in LEVELS else None,
                _notice(item, at, lines, problems, i, level or shipped_levels.get(cid)),
            )
        )
    return tuple(found)


def merged(region: tuple[Concept, ...] = ()) -> tuple[Concept, ...]:
    """The shipped concepts with the region's over them: a region concept with a shipped id
    adds its phrases to it (and replaces terms, kinds and level where it gives them); a new id
    is a new concept."""
    by_id = {c.id: c for c in shipped_concepts()}
    order = list(by_id)
    for own in region:
        old = by_id.get(own.id)
        if old is None:
            by_id[own.id] = own
            order.append(own.id)
            continue
        by_id[own.id] = replace(
            old,
            phrases=old.phrases + tuple(p for p in own.phrases if p not in old.phrases),
            terms=own.terms or old.terms,
            kinds=own.kinds or old.kinds,
            level=own.level or old.level,
            notice=own.notice or old.notice,
        )
    return tuple(by_id[i] for i in order)
