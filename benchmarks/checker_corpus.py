"""The checker on the held-out corpora: every vector a scammer copies, per half.

    python benchmarks/checker_corpus.py [--half dev|held|all]

Reads tests/corpora/scams.yml (impostors of the demo registry over every vector, unrelated
items, forwarded messages) and tests/corpora/official_forms.yml (official items of the demo
registry as citizens paste them), checks each against the demo's finder index with the
Python reference (generator/registry/checker.py, the same rules as checker.js) and prints,
per vector:

- official items called anything but official (target 0);
- scam items called official (target 0);
- recall: scam items answered "known fake" (PALSU), "looks like" an official item or agency,
  or "no longer official" (a handle the registry archived) (target >= 95 % per vector);
- unrelated items flagged (fake or look-alike): false alarms;
- forwarded messages: expected items found in the text, and verdicts right.

The split is fixed here, before any rule was written against the corpus: within each vector
of each section, the pattern families are sorted by name and every second one (the 2nd, 4th,
...) is the **development** half; the others (1st, 3rd, ...) are **held out**. A vector
with one family (app_package, sms_sender) is held out whole. Rules may be developed against
the development half only; the held-out half is for the final measurement. Messages are
split the same way by their pattern.

The answer's verdict is read from the result's ``verdict`` (the checker of issue 19); for
an older checker without it, from its matches and look-alikes (see :func:`verdict`), and a
message is pasted whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.registry import checker  # noqa: E402

try:  # the checker of issue 19: every vector, whole messages
    from generator.registry import vectors  # noqa: E402
except ImportError:  # an older checker: one handle, URL or number at a time
    vectors = None
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site.pages import finder_index  # noqa: E402

SCAMS = ROOT / "tests" / "corpora" / "scams.yml"
OFFICIAL = ROOT / "tests" / "corpora" / "official_forms.yml"
TODAY = dt.date(2026, 11, 22)
ALARMS = ("fake", "lookalike")


def split(items: list[dict[str, Any]], vector: str = "vector") -> dict[str, list[dict[str, Any]]]:
    """The development and held-out halves of ``items`` (see the module docstring)."""
    families: dict[str, set[str]] = defaultdict(set)
    for item in items:
        families[item.get(vector, "")].add(item["pattern"])
    dev = {
        (v, p) for v, names in families.items() for i, p in enumerate(sorted(names)) if i % 2 == 1
    }
    halves: dict[str, list[dict[str, Any]]] = {"dev": [], "held": []}
    for item in items:
        halves["dev" if (item.get(vector, ""), item["pattern"]) in dev else "held"].append(item)
    return halves


def verdict(result: dict[str, Any]) -> str:
    """official, inactive, archived, fake, lookalike, unknown or invalid."""
    if "verdict" in result:
        return result["verdict"]
    if result["kind"] in ("invalid", "empty"):
        return "invalid"
    statuses = {m["status"] for m in result["matches"]}
    for status, name in (("active", "official"), ("inactive", "inactive")):
        if status in statuses:
            return name
    if statuses:
        return "archived"
    return "lookalike" if result.get("lookalikes") else "unknown"


def demo_index() -> dict[str, Any]:
    problems = Problems()
    directory = load_directory(ROOT / "data", TODAY, problems)
    assert directory is not None, [str(p) for p in problems.sorted()[:5]]
    return finder_index(directory)


def answer(index: dict[str, Any], item: dict[str, Any]) -> str:
    """The verdict for one pasted item; a handle seen on a named platform says where."""
    platform = item.get("platform") if item["vector"] == "handle" else None
    if vectors is not None:
        return verdict(vectors.check_any(index, item["value"], platform))
    return verdict(checker.check(index, item["value"]))


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def scan(index: dict[str, Any], text: str) -> list[tuple[str, str]]:
    """(text, verdict) of every item the checker reads in a message."""
    if vectors is not None:
        return [(r["text"], verdict(r)) for r in vectors.scan(index, text)]
    if len(text.split()) > 1:  # an older checker reads one item, never a whole message
        return []
    return [(text, verdict(checker.check(index, text)))]


def measure(half: str, impostors: bool = True) -> dict[str, Any]:
    """The figures of one half; ``impostors=False`` empties the demo's list of known impostors
    (data/impostors.yml), to show what the rules catch by themselves."""
    scams = yaml.safe_load(SCAMS.read_text("utf-8"))
    official = yaml.safe_load(OFFICIAL.read_text("utf-8"))["official_forms"]
    index = demo_index()
    if not impostors:
        index["impostors"] = []
    picked = {
        section: (
            scams[section]
            if half == "all"
            else split(scams[section], "channel" if section == "messages" else "vector")[half]
        )
        for section in ("impostors", "unrelated", "messages")
    }
    rows: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    missed: list[tuple[str, str, str]] = []
    if half in ("all", "dev"):  # official forms are no pattern family: measured whole
        for item in official:
            got = answer(index, item)
            rows[item["vector"]]["official"] += 1
            if got != "official":
                rows[item["vector"]]["official_misread"] += 1
                missed.append(("official", item["value"], got))
    for item in picked["impostors"]:
        got = answer(index, item)
        row = rows[item["vector"]]
        row["scam"] += 1
        row["scam_official"] += got == "official"
        hit = got in ALARMS or (got == "archived" and item.get("registry_status") == "archived")
        row["scam_caught"] += hit
        if not hit:
            missed.append((item["pattern"], item["value"], got))
    for item in picked["unrelated"]:
        got = answer(index, item)
        rows[item["vector"]]["unrelated"] += 1
        rows[item["vector"]]["false_alarm"] += got in ALARMS
    messages = {"items": 0, "found": 0, "right": 0, "official_called_alarm": 0}
    for message in picked["messages"]:
        found = scan(index, message["text"])
        for item in message["items"]:
            messages["items"] += 1
            want = _norm(item["value"])
            got = next((v for t, v in found if _norm(t) and want and want in _norm(t)), None)
            if got is None:
                continue
            messages["found"] += 1
            expected = item["verdict"]
            right = (
                got == "official"
                if expected == "official"
                else got in ALARMS
                if expected in ALARMS
                else got not in ("official", *ALARMS)
            )
            messages["right"] += right
            messages["official_called_alarm"] += expected == "official" and got in ALARMS
    return {"rows": rows, "messages": messages, "missed": missed}


def _pct(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:6.1%}" if total else "—"


def report(half: str, figures: dict[str, Any]) -> None:
    rows = figures["rows"]
    print(f"\n== {half} ==")
    print(
        f"{'vector':15} {'official misread':>18} {'scam→official':>14} "
        f"{'recall (fake/look-alike)':>26} {'unrelated flagged':>18}"
    )
    for vector in sorted(rows):
        r = rows[vector]
        print(
            f"{vector:15} {r['official_misread']:>7} of {r['official']:<8} "
            f"{r['scam_official']:>5} of {r['scam']:<5} {_pct(r['scam_caught'], r['scam']):>26} "
            f"{r['false_alarm']:>7} of {r['unrelated']:<8}"
        )
    m = figures["messages"]
    print(
        f"messages: {m['found']}/{m['items']} items found, {m['right']} verdicts right, "
        f"{m['official_called_alarm']} official items flagged"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "held", "all", "both"), default="both")
    parser.add_argument("--missed", action="store_true", help="list what was missed (dev only)")
    parser.add_argument(
        "--rules-only", action="store_true", help="without the demo's known-impostor list"
    )
    args = parser.parse_args()
    halves = ("dev", "held") if args.half == "both" else (args.half,)
    for half in halves:
        figures = measure(half, impostors=not args.rules_only)
        report(half + (" (rules only: no known-impostor list)" if args.rules_only else ""), figures)
        if args.missed and half == "dev":
            for pattern, value, got in figures["missed"]:
                print(f"  missed {pattern:32} {got:10} {value}")


if __name__ == "__main__":
    main()
