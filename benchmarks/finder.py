"""How well the finder answers citizens: hit rates on the held-out and the development query sets.

    python benchmarks/finder.py [--show N] [--dev-only] [--last N]

Ranks every query of tests/corpora/citizen_queries.yml (held out: measures) and of
tests/corpora/citizen_queries_dev.yml (development: what knowledge and weights are tuned on) with the finder's reference ranking
(generator/finder/rank.py, the same rules as finder.js) on two registries: the demo (data/)
and a fresh ``kanal init 33.16`` (Kabupaten Blora: the seventeen usual OPD, one agency per
kecamatan and desa/kelurahan, no hand-typed services). Prints top-1, top-3 and the share of
queries without an answer for each, the place queries' top-1 (all, and those with one typo)
and the most results any rubbish query gets. Targets: top-3 >= 90 % (demo), >= 80 %
(scaffold), places with one typo top-1 >= 95 %, rubbish <= 3 results. ``--last N`` measures
only the last N development queries: a fresh batch, before its misses are fixed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.commands.init import run_init  # noqa: E402
from generator.finder import knowledge  # noqa: E402
from generator.finder.index import LEVEL_DOCS, finder_data  # noqa: E402
from generator.finder.rank import Finder  # noqa: E402
from generator.registry.models import Directory  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site.pages import finder_index  # noqa: E402

QUERIES = ROOT / "tests" / "corpora" / "citizen_queries.yml"
DEV = ROOT / "tests" / "corpora" / "citizen_queries_dev.yml"
BOUNDARIES = ROOT / "tests" / "corpora" / "finder_boundaries.yml"
# The notices finder.js shows for a level without a concept's own notice (its FAR texts).
LEVEL_NOTICES = {
    "provinsi": "wewenang pemerintah provinsi",
    "pusat": "instansi pusat di daerah (mis. BPN, Polri, KUA, BPJS)",
}
TODAY = dt.date(2026, 11, 22)
PLACE_KINDS = {"desa": ("desa", "kelurahan"), "kecamatan": ("kecamatan",)}


def load(data: Path) -> Directory:
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    if directory is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    return directory


def scaffold(folder: Path) -> Path:
    with contextlib.redirect_stdout(io.StringIO()):
        if run_init("33.16", folder / "blora") != 0:
            raise SystemExit("kanal init 33.16 failed")
    return folder / "blora" / "data"


class Registry:
    """A registry's finder, and what each hit position means for the query set's ids."""

    def __init__(self, directory: Directory) -> None:
        index = finder_index(directory)
        agencies = list(directory.agencies.values())
        self.ids = [a.id for a in agencies]
        self.kinds = [a.kind.value for a in agencies]
        data = finder_data(index["agencies"], self.kinds)
        self.finder = Finder(index["agencies"], data)

    def labels(self, doc: int) -> set[str]:
        """The ids a hit satisfies: its agency id, and "desa"/"kecamatan" for places."""
        for level, position in LEVEL_DOCS.items():
            if doc == position:
                return {level}
        found = {self.ids[doc]}
        for level, kinds in PLACE_KINDS.items():
            if self.kinds[doc] in kinds:
                found.add(level)
        return found

    def hits(self, query: str) -> list[set[str]]:
        return [self.labels(d) for d, _ in self.finder.rank(query).hits]

    def notices(self, query: str) -> list[str]:
        """The notices the answer shows: each concept's own (who handles it), else its
        level's."""
        result = self.finder.rank(query)
        return list(getattr(result, "notes", [])) + [LEVEL_NOTICES[x] for x in result.levels]


def distance(items: list[dict[str, Any]]) -> tuple[int, int]:
    """How many queries hold no thesaurus phrase or term as whole words, and how many hold
    neither one nor an urusan.yml service (the held-out set's header defines it so: both
    lowercased, every run of other characters one space)."""
    phrases = {f" {p} " for c in knowledge.shipped_concepts() for p in c.phrases + c.terms}
    services = {f" {knowledge.spaced(s)} " for k in knowledge.kinds().values() for s in k.services}
    padded = [f" {knowledge.spaced(item['q'])} " for item in items]
    no_phrase = [q for q in padded if not any(p in q for p in phrases)]
    neither = [q for q in no_phrase if not any(s in q for s in services)]
    return len(no_phrase), len(neither)


def rates(reg: Registry, items: list[dict[str, Any]], key: str, show: int) -> dict[str, float]:
    top1 = top3 = empty = counted = 0
    misses = []
    for item in items:
        wanted = set(item[key])
        got = reg.hits(item["q"])
        if not wanted:
            continue  # "none of the usual OPD": measured as no-answer below only
        counted += 1
        empty += not got
        top1 += bool(got and got[0] & wanted)
        hit3 = any(g & wanted for g in got[:3])
        top3 += hit3
        if not hit3:
            misses.append((item["q"], sorted(wanted), [sorted(g) for g in got[:3]]))
    for q, wanted, got in misses[:show]:
        print(f"    miss: {q!r} want {wanted} got {got}")
    return {
        "n": counted,
        "top1": top1 / counted,
        "top3": top3 / counted,
        "none": empty / counted,
    }


def report(
    label: str, corpus: dict[str, Any], regs: list[tuple[str, Registry, str]], show: int
) -> None:
    """Hit rates of a query set on each registry, its places (when it has any) and rubbish."""
    print(
        f"{label}: {len(corpus['queries'])} queries, {len(corpus.get('places', []))} places, "
        f"{len(corpus['rubbish'])} rubbish"
    )
    n = len(corpus["queries"])
    no_phrase, neither = distance(corpus["queries"])
    print(
        f"  {no_phrase} of {n} queries ({no_phrase / n:.1%}) hold no thesaurus phrase, "
        f"{neither} ({neither / n:.1%}) neither one nor an urusan service"
    )
    for name, reg, key in regs:
        r = rates(reg, corpus["queries"], key, show)
        print(
            f"  {name:15} top-1 {r['top1']:6.1%}  top-3 {r['top3']:6.1%}  "
            f"no answer {r['none']:6.1%}  (of {r['n']})"
        )
    places = corpus.get("places", [])
    typo = [p for p in places if p["typo"]]
    demo = regs[0][1]
    for name, items in (("places", places), ("places, 1 typo", typo)):
        if items:
            ok = sum(bool((h := demo.hits(p["q"])) and h[0] & set(p["demo"])) for p in items)
            print(f"  {name:15} top-1 {ok / len(items):6.1%}  ({ok} of {len(items)})")
    for name, reg, _ in regs:
        counts = [len(reg.hits(r["q"])) for r in corpus["rubbish"]]
        print(
            f"  rubbish {name:7} at most {max(counts)} results, {sum(counts)} in all, "
            f"{sum(1 for c in counts if c)} of {len(counts)} queries answered"
        )


def boundaries(corpus: dict[str, Any], regs: list[tuple[str, Registry, str]], show: int) -> None:
    """Words shared inside different fixed phrases, and matters no regency office handles."""
    items = corpus["collisions"]
    print(f"boundaries: {len(items)} collisions, {len(corpus['elsewhere'])} elsewhere")
    for name, reg, key in regs:
        r = rates(reg, items, key, show)
        wrong = [i["q"] for i in items if any(g & set(i["not"]) for g in reg.hits(i["q"])[:3])]
        print(
            f"  collisions {name:15} top-1 {r['top1']:6.1%}  top-3 {r['top3']:6.1%}  "
            f"colliding office in top 3: {len(wrong)} of {len(items)}"
        )
        for q in wrong[:show]:
            print(f"    collision: {q!r}")
    for name, reg, _ in regs:
        far = corpus["elsewhere"]
        none = named = 0
        for item in far:
            got = reg.hits(item["q"])
            said = " ".join(reg.notices(item["q"])).lower()
            none += not got
            named += item["who"].lower() in said
            if show and (got or item["who"].lower() not in said):
                print(f"    elsewhere: {item['q']!r} got {[sorted(g) for g in got[:3]]} {said!r}")
        print(
            f"  elsewhere {name:16} no office {none / len(far):6.1%}  "
            f"notice names who handles it {named / len(far):6.1%}  (of {len(far)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print the first N misses")
    parser.add_argument("--dev-only", action="store_true", help="the development set only")
    parser.add_argument(
        "--last",
        type=int,
        default=0,
        help="only the last N development queries (implies --dev-only)",
    )
    args = parser.parse_args()
    demo = Registry(load(ROOT / "data"))
    with tempfile.TemporaryDirectory() as tmp:
        blora = Registry(load(scaffold(Path(tmp))))
    regs = [("demo", demo, "demo"), ("scaffold 33.16", blora, "scaffold")]
    dev = yaml.safe_load(DEV.read_text("utf-8"))
    if args.last:
        dev["queries"] = dev["queries"][-args.last :]
    report("development", dev, regs, args.show)
    if not (args.dev_only or args.last):
        report("held out", yaml.safe_load(QUERIES.read_text("utf-8")), regs, args.show)
        boundaries(yaml.safe_load(BOUNDARIES.read_text("utf-8")), regs, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
