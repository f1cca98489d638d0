"""Run the complaint and post-history loaders of the checkout this file is run from over data
folders, and print one canonical JSON line per folder (for a differential test against
another checkout: tests/test_adversarial_fastpaths.py).

Usage: python adversarial_runner.py BLOCK_ROWS CASE_ROOT...  (each CASE_ROOT holds data/)
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import traceback
from pathlib import Path

TODAY = dt.date(2026, 11, 22)


def _db(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def _files(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(folder))
        raw = path.read_bytes()
        if name.endswith(".sqlite"):
            out[name] = _db(path)
        elif name.endswith(".gz"):
            out[name] = gzip.decompress(raw).decode("utf-8", "replace")
        elif name.endswith((".csv", ".json")) and name not in ("datapackage.json", "data.json"):
            out[name] = raw.decode("utf-8", "replace")
        else:
            out[name] = hashlib.sha256(raw).hexdigest()
    return out


def _problems(problems) -> list[str]:
    return sorted(f"{p.location}|{p.severity}|{p.field}|{p.message}" for p in problems)


def run_case(root: Path, what: str) -> dict[str, object]:
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    os.chdir(root)
    data = Path("data")
    result: dict[str, object] = {}
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    result["directory_problems"] = _problems(problems)
    if directory is None:
        return result
    if "complaints" in what:
        from generator.complaints.figures import compute_data
        from generator.complaints.load import load_complaints
        from generator.complaints.opendata import write_open_data

        problems = Problems()
        try:
            loaded = load_complaints(data, directory, problems)
            result["complaint_problems"] = _problems(problems)
            result["records"] = [repr(r) for r in loaded.records]
            result["redactions"] = repr(loaded.redactions)
            if len(loaded):  # accepted records are published even when others are refused
                with tempfile.TemporaryDirectory() as tmp:
                    figures = compute_data(loaded, TODAY)
                    out = Path(tmp) / "out"
                    write_open_data(figures, out, directory)
                    files = _files(out)
                    result["open_data"] = {
                        k: v for k, v in files.items() if k in ("complaints.csv", "kanal.sqlite")
                    }
        except Exception:  # noqa: BLE001 - a crash is a result to compare
            result["complaint_crash"] = traceback.format_exc().strip().splitlines()[-1]
    if "history" in what:
        from generator.feeds.activity import load_history

        problems = Problems()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                history = load_history(data, directory, problems, records=Path(tmp))
                result["history_problems"] = _problems(problems)
                result["posts"] = {
                    key: {
                        "days": h.days.tolist(),
                        "latest": [repr(p) for p in h.latest],
                        "themes": h.themes,
                    }
                    for key, h in sorted(history.posts.items())
                }
                result["post_records"] = _files(Path(tmp))
        except Exception:  # noqa: BLE001
            result["history_crash"] = traceback.format_exc().strip().splitlines()[-1]
    return result


def digest(result: dict[str, object]) -> str:
    """A canonical result's SHA-256 (the region's own problems left out: not under test)."""
    kept = {k: v for k, v in result.items() if k != "directory_problems"}
    text = json.dumps(json.loads(json.dumps(kept, default=str)), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def main() -> None:
    import generator.complaints.load as load

    load.BLOCK_ROWS = int(sys.argv[1])
    what = sys.argv[2]
    for root in sys.argv[3:]:
        print(json.dumps(run_case(Path(root).resolve(), what), sort_keys=True, default=str))


if __name__ == "__main__":
    main()
