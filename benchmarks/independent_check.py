"""Measure the never red flags and the finder on the independent corpora.

    python benchmarks/independent_check.py [--quiet]

tests/corpora/never_independent.yml: recall per key over the scam messages (an item is
caught when every expected key is returned), false positives over the legitimate ones.
tests/corpora/finder_independent.yml, demo registry (data/): top-1 / top-3 over the word
collisions (and how often the colliding office is in the top 3), "no office" and "notice
names who handles it" over the non-regency matters, top-1 / top-3 over the look-alikes.
Prints every miss and false positive unless --quiet.
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
NEVER = ROOT / "tests" / "corpora" / "never_independent.yml"
FINDER = ROOT / "tests" / "corpora" / "finder_independent.yml"


def one_line(text: str) -> str:
    return " ".join(text.split())


def check_never(show: bool) -> None:
    corpus = yaml.safe_load(NEVER.read_text("utf-8"))
    want = Counter()
    got = Counter()
    caught = 0
    misses = []
    for item in corpus["requests"]:
        found = never.requests(item["text"], KEYS)
        keys = {k for k, _, _ in found}
        for k in item["keys"]:
            want[k] += 1
            got[k] += k in keys
        if set(item["keys"]) <= keys:
            caught += 1
        else:
            misses.append((item, sorted(keys), found))
    n = len(corpus["requests"])
    print(f"never: {n} requests, {len(corpus['mentions'])} mentions")
    print(f"  requests caught (every expected key): {caught}/{n} = {caught / n:.1%}")
    for k in KEYS:
        if want[k]:
            print(f"  recall {k:17} {got[k]:3}/{want[k]:<3} = {got[k] / want[k]:6.1%}")
    fps = []
    for item in corpus["mentions"]:
        found = never.requests(item["text"], KEYS)
        if found:
            fps.append((item, found))
    m = len(corpus["mentions"])
    print(f"  false positives: {len(fps)}/{m} = {len(fps) / m:.1%}")
    if show:
        for item, keys, found in misses:
            print(f"    MISS want {item['keys']} got {keys}: {one_line(item['text'])[:150]!r}")
            if found:
                print(f"         phrases {[(k, p) for k, _, p in found]}")
        for item, found in fps:
            print(f"    FP {[(k, p) for k, _, p in found]}: {one_line(item['text'])[:150]!r}")


def check_finder(show: bool) -> None:
    corpus = yaml.safe_load(FINDER.read_text("utf-8"))
    reg = Registry(load(ROOT / "data"))

    def rank(items, label, with_not):
        top1 = top3 = empty = colliding = noticed = 0
        lines = []
        for item in items:
            wanted = set(item["demo"])
            hits = reg.hits(item["q"])
            empty += not hits
            t1 = bool(hits and hits[0] & wanted)
            t3 = any(h & wanted for h in hits[:3])
            top1 += t1
            top3 += t3
            bad = with_not and any(h & set(item.get("not", [])) for h in hits[:3])
            colliding += bool(bad)
            notes = reg.notices(item["q"])
            noticed += bool(notes)
            if notes and t1 and not bad:
                lines.append(f"    NOTE  {item['q']!r} (right office) notes {notes}")
            if not t1 or bad:
                tag = "MISS3" if not t3 else "MISS1" if not t1 else "COLL "
                if bad and t1:
                    tag = "COLL "
                lines.append(
                    f"    {tag} {item['q']!r} want {sorted(wanted)} got "
                    f"{[sorted(h) for h in hits[:3]]}" + (f" notes {notes}" if notes else "")
                )
        n = len(items)
        extra = f"  colliding office in top 3: {colliding}/{n}" if with_not else ""
        print(
            f"  {label:11} top-1 {top1}/{n} = {top1 / n:6.1%}  top-3 {top3}/{n} = {top3 / n:6.1%}"
            f"  no answer {empty}{extra}  'elsewhere' notice shown {noticed}/{n}"
        )
        if show:
            print("\n".join(lines))

    print(
        f"finder (demo): {len(corpus['collisions'])} collisions, "
        f"{len(corpus['elsewhere'])} elsewhere, {len(corpus['lookalikes'])} look-alikes"
    )
    rank(corpus["collisions"], "collisions", True)
    far = corpus["elsewhere"]
    none = shown = named = 0
    lines = []
    for item in far:
        hits = reg.hits(item["q"])
        notes = reg.notices(item["q"])
        said = " ".join(notes).lower()
        ok_name = any(w.lower() in said for w in item["who"])
        none += not hits
        shown += bool(notes)
        named += ok_name
        if hits or not ok_name:
            lines.append(
                f"    {'OFFICE' if hits else 'NONAME'} {item['q']!r} got "
                f"{[sorted(h) for h in hits[:3]]} notes {notes} (want one of {item['who']})"
            )
    n = len(far)
    print(
        f"  elsewhere   no office {none}/{n} = {none / n:6.1%}  notice shown {shown}/{n} = "
        f"{shown / n:6.1%}  notice names who {named}/{n} = {named / n:6.1%}"
    )
    if show:
        print("\n".join(lines))
    rank(corpus["lookalikes"], "look-alikes", False)


def check_scaffold_elsewhere(show: bool) -> None:
    """The non-regency matters on a fresh `kanal init 33.16` (needs no agency ids)."""
    far = yaml.safe_load(FINDER.read_text("utf-8"))["elsewhere"]
    with tempfile.TemporaryDirectory() as tmp:
        reg = Registry(load(scaffold(Path(tmp))))
    none = named = 0
    for item in far:
        hits = reg.hits(item["q"])
        said = " ".join(reg.notices(item["q"])).lower()
        ok_name = any(w.lower() in said for w in item["who"])
        none += not hits
        named += ok_name
        if show and (hits or not ok_name):
            print(f"    {'OFFICE' if hits else 'NONAME'} {item['q']!r} got {len(hits)} offices")
    n = len(far)
    print(
        f"  elsewhere on scaffold 33.16: no office {none}/{n} = {none / n:6.1%}  "
        f"notice names who {named}/{n} = {named / n:6.1%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="numbers only")
    parser.add_argument(
        "--scaffold", action="store_true", help="also the elsewhere set on kanal init 33.16"
    )
    args = parser.parse_args()
    check_never(not args.quiet)
    check_finder(not args.quiet)
    if args.scaffold:
        check_scaffold_elsewhere(not args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
