"""Precision and recall of the checker's look-alike warning on a synthetic province.

    python benchmarks/checker_precision.py [--write]

Corpus (a): the official handles of the 35 regencies and cities of Jawa Tengah (Kepmendagri
code 33) x 40 agencies, on one to three platforms each, in the naming patterns real offices
use (dinkesblora, dinkes.blora, dinkeskabblora, dinkes_kab_blora, diskominfoblorakab,
dinkes.kotasemarang, pemkabblora, humas.blora...). Corpus (b): impostor handles made from
those by the usual tricks (look-alike letters from Cyrillic and Greek, digits for letters,
doubled letters, separators added or removed, affixes, one-letter typos, swapped letters).
Both are deterministic (seeded); ``--write`` stores them in tests/cases/checker_corpus.json,
which tests/test_checker.py checks in Python and in Chromium.

Printed figures: registered handles flagged as look-alikes of the registry they are in (must
be 0); each registered handle checked against the registry without it (a genuine account not
entered yet, like "@dinsosblora") and flagged as a look-alike of *another* agency (must be 0);
impostors flagged with the agency they copy (recall, must be >= 95%).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.registry import accounts as acc  # noqa: E402
from generator.registry import regions  # noqa: E402
from generator.registry.checker import check, platform_table  # noqa: E402
from generator.registry.lookalike import (  # noqa: E402
    Registry,
    lookalikes,
    parse,
    registry,
    split_words,
)

CORPUS = ROOT / "tests" / "cases" / "checker_corpus.json"
PLATFORMS = ("instagram", "x", "facebook", "tiktok", "youtube", "threads")
# Agencies of a regency or city: (abbreviation used in handles, name).
AGENCIES = [
    ("pemkab", "Pemerintah"),
    ("humas", "Bagian Humas"),
    ("setda", "Sekretariat Daerah"),
    ("dprd", "DPRD"),
    ("diskominfo", "Dinas Komunikasi dan Informatika"),
    ("dinkes", "Dinas Kesehatan"),
    ("dinsos", "Dinas Sosial"),
    ("disdik", "Dinas Pendidikan"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("bappeda", "Bappeda"),
    ("bapenda", "Badan Pendapatan Daerah"),
    ("bpkad", "BPKAD"),
    ("bkpsdm", "BKPSDM"),
    ("bpbd", "BPBD"),
    ("damkar", "Pemadam Kebakaran"),
    ("satpolpp", "Satpol PP"),
    ("kesbangpol", "Kesbangpol"),
    ("inspektorat", "Inspektorat"),
    ("dishub", "Dinas Perhubungan"),
    ("dlh", "Dinas Lingkungan Hidup"),
    ("disnaker", "Dinas Tenaga Kerja"),
    ("disperindag", "Dinas Perindustrian dan Perdagangan"),
    ("dinkopukm", "Dinas Koperasi dan UKM"),
    ("disporapar", "Dinas Kepemudaan, Olahraga dan Pariwisata"),
    ("dispertan", "Dinas Pertanian"),
    ("dkpp", "Dinas Ketahanan Pangan dan Perikanan"),
    ("disperkim", "Dinas Perumahan dan Permukiman"),
    ("dpmptsp", "DPMPTSP"),
    ("dispermades", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("dp3akb", "DP3AKB"),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan"),
    ("disbudpar", "Dinas Kebudayaan dan Pariwisata"),
    ("disnakkeswan", "Dinas Peternakan"),
    ("dislutkan", "Dinas Kelautan dan Perikanan"),
    ("rsud", "RSUD"),
    ("pdam", "Perumda Air Minum"),
    ("bkd", "Badan Kepegawaian Daerah"),
    ("ppid", "PPID"),
    ("lpse", "LPSE"),
]
# How offices write their handles; {a} agency, {r} place, {l} level (kab / kota).
PATTERNS = [
    "{a}{r}",
    "{a}.{r}",
    "{a}_{r}",
    "{a}{l}{r}",
    "{a}.{l}{r}",
    "{a}_{l}_{r}",
    "{a}{l}.{r}",
    "{a}{r}{l}",
    "{a}.{r}{l}",
    "{a}_{l}{r}",
]
HOMOGLYPHS = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "i": "і",
    "x": "х",
    "y": "у",
    "k": "κ",
    "v": "ν",
}  # Cyrillic, and Greek kappa and nu
DIGITS = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "t": "7", "b": "8"}
AFFIXES = [
    "{h}official",
    "{h}_official",
    "official.{h}",
    "{h}.resmi",
    "{h}resmi",
    "{h}.id",
    "{h}_id",
    "{h}info",
    "{h}.info",
    "{h}_",
    "_{h}",
    "{h}.",
    "real{h}",
    "the.{h}",
    "{h}_cs",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def regencies() -> list[tuple[str, str, str]]:
    """(code, name, place in handles, level) for the 35 regencies and cities of Jawa Tengah."""
    out = []
    for code, name in sorted(regions.reference_codes().items()):
        if code.startswith("33.") and regions.depth(code) == 2:
            level = "kota" if name.lower().startswith("kota") else "kab"
            place = name.lower().replace("kabupaten", "").replace("kota", "").replace(" ", "")
            out.append((code, name, place, level))
    return out


def province(seed: int = 33) -> tuple[list[list[Any]], list[list[Any]]]:
    """The agencies [name, short, kind, url, parent, keywords, best] and account rows."""
    rng = random.Random(seed)
    places = Counter(place for _, _, place, _ in regencies())
    agencies: list[list[Any]] = []
    accounts: list[list[Any]] = []
    taken: set[tuple[str, str]] = set()
    for _code, region, place, level in regencies():
        shared = places[place] > 1  # Kabupaten and Kota Semarang: the level must be written
        for abbr, label in AGENCIES:
            position = len(agencies)
            agencies.append([f"{label} {region}", abbr.upper(), "dinas", "", "", "", None])
            a = "pemkot" if level == "kota" and abbr == "pemkab" else abbr
            usable = [p for p in PATTERNS if "{l}" in p] if shared else PATTERNS
            if a in ("pemkab", "pemkot"):
                usable = ["{a}{r}", "{a}.{r}", "{a}_{r}"]
            for pattern in rng.sample(usable, rng.choice((1, 1, 2))):
                handle = pattern.format(a=a, r=place, l=level)
                for platform in rng.sample(PLATFORMS, rng.randint(1, 3)):
                    if platform == "x" and len(handle) > 15:
                        continue
                    if (platform, handle) in taken:
                        continue
                    taken.add((platform, handle))
                    accounts.append([platform, f"{platform}:{handle}", "active", position, ""])
    return agencies, accounts


def impostors(accounts: list[list[Any]], count: int, seed: int = 96) -> list[dict[str, Any]]:
    """Impostor handles made from official ones, one trick each, none of them registered."""
    rng = random.Random(seed)
    registered = {row[1].split(":", 1)[1].lower() for row in accounts}
    tricks = ["homoglyph", "digit", "double", "separator", "affix", "typo", "swap"]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    while len(out) < count:
        platform, key, _, agency, _ = rng.choice(accounts)
        handle = key.split(":", 1)[1]
        trick = tricks[len(out) % len(tricks)]
        fake = _trick(rng, trick, handle)
        if fake is None or fake.lower() in registered or fake in seen:
            continue
        if trick != "homoglyph" and not _valid(platform, fake):
            continue  # an impostor can only register what the platform accepts
        seen.add(fake)
        out.append({"text": "@" + fake, "platform": platform, "agency": agency, "trick": trick})
    return out


def _valid(platform: str, handle: str) -> bool:
    try:
        acc._from_handle(platform, handle)
    except acc.AccountError:
        return False
    return True


def _trick(rng: random.Random, trick: str, h: str) -> str | None:
    spots = [i for i, c in enumerate(h) if c.isalpha()]
    i = rng.choice(spots)
    if trick == "homoglyph":
        spots = [i for i, c in enumerate(h) if c in HOMOGLYPHS]
        if not spots:
            return None
        i = rng.choice(spots)
        return h[:i] + HOMOGLYPHS[h[i]] + h[i + 1 :]
    if trick == "digit":
        spots = [i for i, c in enumerate(h) if c in DIGITS]
        i = rng.choice(spots)
        return h[:i] + DIGITS[h[i]] + h[i + 1 :]
    if trick == "double":
        return h[: i + 1] + h[i] + h[i + 1 :]
    if trick == "separator":
        if any(c in "._" for c in h) and rng.random() < 0.5:
            return h.replace(".", "").replace("_", "")
        j = rng.randrange(1, len(h))
        return h[:j] + rng.choice("._") + h[j:]
    if trick == "affix":
        return rng.choice(AFFIXES).format(h=h)
    if trick == "typo":
        kind = rng.choice(("sub", "ins", "del"))
        if kind == "sub":
            return h[:i] + rng.choice(LETTERS.replace(h[i], "")) + h[i + 1 :]
        if kind == "ins":
            return h[:i] + rng.choice(LETTERS) + h[i:]
        return h[:i] + h[i + 1 :]
    j = rng.choice([k for k in spots if k + 1 < len(h) and h[k + 1].isalpha() and h[k + 1] != h[k]])
    return h[:j] + h[j + 1] + h[j] + h[j + 2 :]


def build(count: int = 420) -> dict[str, Any]:
    agencies, accounts = province()
    return {
        "_comment": "Written by benchmarks/checker_precision.py --write: a synthetic Jawa Tengah "
        "registry (agencies, account rows) and impostors made from it. Do not edit by hand.",
        "agencies": agencies,
        "accounts": accounts,
        "impostors": impostors(accounts, count),
    }


def index_of(corpus: dict[str, Any]) -> dict[str, Any]:
    """A finder index holding the corpus (what check() reads)."""
    return {
        "agencies": corpus["agencies"],
        "accounts": corpus["accounts"],
        "numbers": [],
        "platforms": platform_table(),
    }


def _filler_apart(name: str, other: str) -> bool:
    """Whether two names differ only by naming.yml filler words ("humas.kabblora" and
    "pemkab.blora"): the warning an impostor adding "humas" must get, so a genuine Humas
    account not entered yet gets it too. Counted apart from cross-agency flags."""
    mine, theirs = parse(name), parse(other)
    core = (split_words(mine.words)[0], split_words(theirs.words)[0])
    levels = (split_words(mine.words)[1], split_words(theirs.words)[1])
    # A name that leaves its level out ("humas_kendal") reads as the one that has it.
    same_level = levels[0] == levels[1] or not levels[0] or not levels[1]
    return core[0] == core[1] and mine.rest == theirs.rest and same_level


def measure(corpus: dict[str, Any]) -> dict[str, Any]:
    """The figures: registered flagged, cross-agency flags when left out, impostor recall."""
    index = index_of(corpus)
    accounts = corpus["accounts"]
    known = registry(accounts)
    flagged_in = sum(
        bool(lookalikes(accounts, row[1].split(":", 1)[1], {row[0]}, known)) for row in accounts
    )
    cross: list[tuple[str, str]] = []
    filler_apart: list[tuple[str, str]] = []
    own = 0
    platforms: dict[str, set[str]] = {}
    for row in accounts:
        platforms.setdefault(row[1].split(":", 1)[1].lower(), set()).add(row[0])
    places = Counter(o.parsed.rest for o in known.officials)
    for name in sorted(platforms):
        # The registry without this name: a genuine account nobody has entered yet.
        left = [o for o in known.officials if o.lower != name]
        gone = Counter(o.parsed.rest for o in known.officials if o.lower == name)
        without = Registry(
            left, known.names - {name}, frozenset(p for p in places if places[p] > gone[p])
        )
        agency = next(o.agency for o in known.officials if o.lower == name)
        found = lookalikes(accounts, name, platforms[name], without)
        own += any(m["agency"] == agency for m in found)
        for m in found:
            if m["agency"] == agency:
                continue
            if _filler_apart(name, m["handle"]):
                filler_apart.append((name, m["handle"]))
            else:
                cross.append((name, m["handle"]))
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    missed = []
    for fake in corpus["impostors"]:
        result = check(index, fake["text"])
        totals[fake["trick"]] += 1
        if any(m["agency"] == fake["agency"] for m in result.get("lookalikes", [])):
            hits[fake["trick"]] += 1
        else:
            missed.append(fake["text"])
    return {
        "registered": len(accounts),
        "names": len(platforms),
        "flagged_in_registry": flagged_in,
        "cross_agency_left_out": cross,
        "filler_apart_left_out": filler_apart,
        "own_agency_left_out": own,
        "impostors": sum(totals.values()),
        "recall": sum(hits.values()) / sum(totals.values()),
        "by_trick": {t: (hits[t], totals[t]) for t in sorted(totals)},
        "missed": missed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the corpus in tests/cases/")
    args = parser.parse_args()
    corpus = build()
    if args.write:
        CORPUS.write_text(
            json.dumps(corpus, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
        )
    elif CORPUS.is_file() and json.loads(CORPUS.read_text("utf-8")) != corpus:
        print("note: tests/cases/checker_corpus.json differs from this script; run with --write")
    t0 = time.perf_counter()
    m = measure(corpus)
    took = time.perf_counter() - t0
    print(
        f"corpus (a): {len(corpus['agencies'])} agencies, {m['registered']} registered accounts, {m['names']} names"
    )
    print(
        f"  registered handles flagged as look-alikes (registry as is):      {m['flagged_in_registry']}"
    )
    print(
        f"  left out one at a time, flagged as another agency's look-alike:  {len(m['cross_agency_left_out'])}"
    )
    for name, other in m["cross_agency_left_out"][:10]:
        print(f"    {name} ~ {other}")
    print(
        "  and, apart from those, only by a filler word (humas):           "
        f"{len(m['filler_apart_left_out'])} (counted apart, see _filler_apart)"
    )
    print(
        f"  left out one at a time, matched to its own agency's other names: {m['own_agency_left_out']}"
    )
    print(f"corpus (b): {m['impostors']} impostors, recall {m['recall']:.1%}")
    for trick, (hit, total) in m["by_trick"].items():
        print(f"  {trick:10} {hit:4} / {total:4}")
    print(f"  missed: {', '.join(m['missed'][:15])}")
    print(f"measured in {took:.1f} s")


if __name__ == "__main__":
    main()
