"""Second blind check: the "Kami tidak pernah" red flags and the agency finder on corpora
written without reading either feature (tests/corpora/never_blind2.yml, finder_blind2.yml).

    python benchmarks/blind2_check.py [--quiet] [--scaffold]

Prints recall per key, false positives, finder top-1/top-3 per group, "no office" and notice
rates, and every miss. Calls the features the way benchmarks/independent_check.py does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from finder import Registry, load, scaffold  # noqa: E402  (the public benchmark helper)

from generator.registry import never  # noqa: E402

KEYS = list(never.RULES)  # every statement that has rules (apk has none: a file is PALSU)
NEVER = ROOT / "tests" / "corpora" / "never_blind2.yml"
FINDER = ROOT / "tests" / "corpora" / "finder_blind2.yml"


def one_line(text: str) -> str:
    return " / ".join(part.strip() for part in text.strip().splitlines())


def check_never(show: bool) -> None:
    items = yaml.safe_load(NEVER.read_text("utf-8"))["items"]
    scams = [i for i in items if i["expected"]]
    legit = [i for i in items if not i["expected"]]
    want = Counter()
    got = Counter()
    caught = 0
    extra_keys = 0
    misses = []
    for item in scams:
        found = {key for key, _pos, _phrase in never.requests(item["text"], KEYS)}
        expected = set(item["expected"])
        for key in expected:
            want[key] += 1
            got[key] += key in found
        caught += expected <= found
        extra_keys += bool(found - expected)
        if not expected <= found or found - expected:
            misses.append((item, sorted(expected), sorted(found)))
    fps = []
    for item in legit:
        found = never.requests(item["text"], KEYS)
        if found:
            fps.append((item, found))
    print(f"never: {len(scams)} scams, {len(legit)} legitimate")
    print(f"  scams caught (every expected key) {caught}/{len(scams)} = {caught / len(scams):6.1%}")
    for key in KEYS:
        if want[key]:
            print(f"    {key:17} recall {got[key]}/{want[key]} = {got[key] / want[key]:6.1%}")
    print(f"  scams with an unexpected extra key {extra_keys}/{len(scams)}")
    print(
        f"  legitimate flagged (false positives) {len(fps)}/{len(legit)} = "
        f"{len(fps) / len(legit):6.1%}"
    )
    if show:
        for item, exp, found in misses:
            tag = "MISS " if not set(exp) <= set(found) else "EXTRA"
            print(f"    {tag} {item['id']} want {exp} got {found}: {one_line(item['text'])[:160]}")
        for item, found in fps:
            print(
                f"    FP    {item['id']} {[(k, p) for k, _pos, p in found]}: {one_line(item['text'])[:160]}"
            )


def rank(reg: Registry, items: list[dict], label: str, show: bool) -> None:
    top1 = top3 = empty = noticed = 0
    lines = []
    for item in items:
        wanted = set(item["expected"])
        hits = reg.hits(item["q"])
        notes = reg.notices(item["q"])
        t1 = bool(hits and hits[0] & wanted)
        t3 = any(h & wanted for h in hits[:3])
        top1 += t1
        top3 += t3
        empty += not hits
        noticed += bool(notes)
        if not t1 or notes:
            tag = "MISS3" if not t3 else "MISS1" if not t1 else "NOTE "
            lines.append(
                f"    {tag} {item['id']} {item['q']!r} want {sorted(wanted)} got "
                f"{[sorted(h) for h in hits[:3]]}" + (f" notes {notes}" if notes else "")
            )
    n = len(items)
    print(
        f"  {label:10} top-1 {top1}/{n} = {top1 / n:6.1%}  top-3 {top3}/{n} = {top3 / n:6.1%}"
        f"  no answer {empty}  notice shown {noticed}/{n}"
    )
    if show:
        print("\n".join(lines))


def elsewhere(reg: Registry, items: list[dict], label: str, show: bool) -> None:
    none = shown = named = 0
    lines = []
    for item in items:
        hits = reg.hits(item["q"])
        notes = reg.notices(item["q"])
        said = " ".join(notes).lower()
        ok_name = any(w.lower() in said for w in item["handler"])
        none += not hits
        shown += bool(notes)
        named += ok_name
        if hits or not ok_name:
            tag = "OFFICE" if hits else "NONAME"
            lines.append(
                f"    {tag} {item['id']} {item['q']!r} got {[sorted(h) for h in hits[:3]]}"
                f" notes {notes} (want one of {item['handler']})"
            )
    n = len(items)
    print(
        f"  {label:10} no office {none}/{n} = {none / n:6.1%}  notice shown {shown}/{n} = "
        f"{shown / n:6.1%}  notice names who {named}/{n} = {named / n:6.1%}"
    )
    if show:
        print("\n".join(lines))


def check_finder(show: bool, with_scaffold: bool) -> None:
    items = yaml.safe_load(FINDER.read_text("utf-8"))["items"]
    groups = {
        g: [i for i in items if i["group"] == g] for g in ("shared", "elsewhere", "lookalike")
    }
    reg = Registry(load(ROOT / "data"))
    print("finder (demo): " + ", ".join(f"{len(v)} {k}" for k, v in groups.items()))
    rank(reg, groups["shared"], "shared", show)
    elsewhere(reg, groups["elsewhere"], "elsewhere", show)
    rank(reg, groups["lookalike"], "lookalike", show)
    if with_scaffold:
        with tempfile.TemporaryDirectory() as tmp:
            sreg = Registry(load(scaffold(Path(tmp))))
        print("finder (scaffold kanal init 33.16):")
        elsewhere(sreg, groups["elsewhere"], "elsewhere", show)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="numbers only, no misses")
    parser.add_argument(
        "--scaffold", action="store_true", help="also elsewhere on kanal init 33.16"
    )
    args = parser.parse_args()
    check_never(not args.quiet)
    check_finder(not args.quiet, args.scaffold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
