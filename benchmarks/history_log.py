"""Registry-history benchmark: read years of daily commits into the change log.

    python benchmarks/history_log.py [--days 1100] [--files 300] [--per-day 3] [--keep DIR]

Writes a synthetic region repository with ``git fast-import`` (no checkout, seconds): one
commit laying down ``--files`` agency files (OPD, kecamatan and desa, each with accounts and
channels), then one commit a day for ``--days`` days changing up to ``--per-day`` files
(a review date, an account added, archived, reactivated or given another handle, a WhatsApp
number changed). Then, in a fresh process, measures ``registry.history.read_history``: wall
and CPU time (its own and its git processes'), the peak memory (ru_maxrss) of the process and
of its largest git child, and what was read. A second run with ``--max-commits`` shows the cap.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = 1_700_000_000  # 2023-11-14: three years of days end near the demo's date
DAY = 86_400
REGION = """name: Kabupaten Uji Riwayat
code: "33.01"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo
  email: diskominfo@example.go.id
"""


def agency(i: int, state: dict) -> str:
    kind, code = ("dinas", None) if i < 40 else ("kecamatan", f"33.01.{i:02d}")
    if i >= 60:
        kind, code = "desa", f"33.01.{i % 20 + 40:02d}.{2000 + i:04d}"
    lines = [f"id: unit-{i}", f"name: Unit Uji {i}", f"kind: {kind}"]
    if code:
        lines.append(f'region_code: "{code}"')
    if kind == "desa":
        lines.append(f"parent: unit-{i % 20 + 40}")
    lines.append("accounts:")
    for n, (handle, status) in enumerate(state["accounts"]):
        platform = ("instagram", "facebook", "x")[n % 3]
        lines += [
            f"  - platform: {platform}",
            f'    handle: "{handle}"',
            f"    status: {status}",
            f"    reviewed: {state['reviewed']}",
        ]
    lines += [
        "channels:",
        "  - type: whatsapp",
        f'    value: "{state["whatsapp"]}"',
        "  - type: email",
        f"    value: unit{i}@example.go.id",
    ]
    return "\n".join(lines) + "\n"


def _blob(out: list[bytes], text: str) -> None:
    body = text.encode()
    out.append(b"data %d\n" % len(body) + body + b"\n")


def write_repo(folder: Path, days: int, files: int, per_day: int) -> int:
    """The repository, written by git fast-import; returns the number of commits."""
    rng = random.Random(20)
    states = {
        i: {
            "accounts": [(f"unit.uji{i}", "active")],
            "whatsapp": f"0812-{3000 + i:04d}-{1000 + i:04d}",
            "reviewed": "2023-11-01",
        }
        for i in range(files)
    }
    stream: list[bytes] = []

    def commit(n: int, when: int, changed: dict[str, str]) -> None:
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"committer Uji <uji@example.go.id> %d +0700\n" % when)
        _blob(stream, f"hari {n}")  # later commits continue the branch in the stream
        for path, text in changed.items():
            stream.append(b"M 100644 inline " + path.encode() + b"\n")
            _blob(stream, text)

    first = {"data/region.yml": REGION}
    first |= {f"data/agencies/unit-{i}.yml": agency(i, states[i]) for i in range(files)}
    commit(0, START, first)
    for day in range(1, days + 1):
        changed = {}
        for i in rng.sample(range(files), rng.randint(1, per_day)):
            s = states[i]
            action = rng.random()
            if action < 0.5:
                s["reviewed"] = time.strftime("%Y-%m-%d", time.gmtime(START + day * DAY))
            elif action < 0.65:
                s["accounts"] = [*s["accounts"], (f"unit{i}.baru{day}", "active")][:3]
            elif action < 0.8:
                h, status = s["accounts"][0]
                s["accounts"][0] = (h, "archived" if status == "active" else "active")
            elif action < 0.9:
                s["accounts"][0] = (f"unit{i}.ganti{day}", s["accounts"][0][1])
            else:
                s["whatsapp"] = f"0813-{day:04d}-{1000 + i:04d}"
            changed[f"data/agencies/unit-{i}.yml"] = agency(i, s)
        commit(day, START + day * DAY + 3 * 3600, changed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=folder, input=b"".join(stream), check=True
    )
    # The data folder as a region repository has it (the reader itself checks nothing out).
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True)
    return days + 1


MEASURE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from generator.registry.history import read_history
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0, c0 = time.perf_counter(), time.process_time()
h = read_history(Path(sys.argv[2]), "Asia/Jakarta", max_commits=int(sys.argv[3]))
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "available": h.available, "reason": h.reason, "commits": h.commits, "cut": h.cut,
    "changes": len(h.changes), "months": len(h.months), "unreadable": h.unreadable,
    "wall": wall, "cpu": cpu, "git_cpu": kids.ru_utime + kids.ru_stime,
    "rss_before_mb": before / 1024, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "git_peak_mb": kids.ru_maxrss / 1024,
}))
"""


def measure(data: Path, max_commits: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ROOT), str(data), str(max_commits)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1100)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--per-day", type=int, default=3)
    parser.add_argument("--max-commits", type=int, default=365)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kanal-history-") as tmp:
        folder = args.keep or Path(tmp) / "repo"
        t0 = time.perf_counter()
        commits = write_repo(folder, args.days, args.files, args.per_day)
        print(
            f"repositori: {commits} commit, {args.files} berkas instansi "
            f"({time.perf_counter() - t0:.1f} s dengan git fast-import)"
        )
        from generator.registry.history import MAX_COMMITS

        for cap in (MAX_COMMITS, args.max_commits):
            r = measure(folder / "data", cap)
            if not r["available"]:
                raise SystemExit(r["reason"])
            print(
                f"batas {cap} commit: {r['commits']} commit dibaca (dipotong: {r['cut']}), "
                f"{r['changes']} perubahan, {r['months']} bulan; "
                f"{r['wall']:.2f} s wall, CPU {r['cpu']:.2f} s + git {r['git_cpu']:.2f} s; "
                f"memori puncak {r['rss_peak_mb']:.0f} MB (sebelum {r['rss_before_mb']:.0f} MB), "
                f"git {r['git_peak_mb']:.0f} MB; beban mesin {os.getloadavg()[0]:.1f}"
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
