"""How many everyday ways of naming an office ``mentions`` reads, on a scaffolded regency.

``kanal init "Kabupaten Wonosobo"`` in a temporary folder (the registry a region starts with),
then every phrasing of ``tests/corpora/office_phrasings.yml`` through
:func:`generator.registry.vectors.mentions`: right (that agency alone), wrong (another or
several) or missed.

    python benchmarks/office_mentions.py [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.registry import vectors  # noqa: E402
from generator.registry.validate import load_directory  # noqa: E402
from generator.safeinput.problems import Problems  # noqa: E402
from generator.site.pages import finder_index  # noqa: E402

PHRASINGS = ROOT / "tests" / "corpora" / "office_phrasings.yml"
TODAY = dt.date(2026, 11, 22)


def scaffolded_index(region: str, folder: Path, extra: str = "") -> dict[str, Any]:
    """The checker index of a region as ``kanal init`` scaffolds it, with ``extra`` (YAML:
    ``official:``, ``never:``) added to its region.yml."""
    subprocess.run(
        [sys.executable, "-m", "generator", "init", region],
        cwd=folder,
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    repo = next(p for p in folder.iterdir() if (p / "data").is_dir())
    if extra:
        with (repo / "data" / "region.yml").open("a", encoding="utf-8") as region_yml:
            region_yml.write(extra)
    problems = Problems()
    directory = load_directory(repo / "data", TODAY, problems)
    assert directory is not None, [str(p) for p in problems.sorted()[:5]]
    return finder_index(directory)


def measure(index: dict[str, Any], phrasings: list[dict[str, str]]) -> dict[str, list[str]]:
    names = [row[0] for row in index["agencies"]]
    out: dict[str, list[str]] = {"right": [], "wrong": [], "missed": []}
    for item in phrasings:
        got = [names[a] for a in vectors.mentions(index, item["text"])]
        key = "right" if got == [item["agency"]] else "wrong" if got else "missed"
        out[key].append(f"{item['text']!r} -> {got}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", action="store_true", help="list the misses")
    args = parser.parse_args()
    data = yaml.safe_load(PHRASINGS.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index = scaffolded_index(data["region"], Path(tmp))
    result = measure(index, data["phrasings"])
    total = len(data["phrasings"])
    for key in ("right", "wrong", "missed"):
        print(f"{key}: {len(result[key])}/{total}")
        if args.v and key != "right":
            for line in result[key]:
                print("   ", line)


if __name__ == "__main__":
    main()
