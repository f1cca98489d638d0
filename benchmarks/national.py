"""National aggregation benchmark: every regency and city of Indonesia as a published Kanal site.

    python benchmarks/national.py [--keep DIR] [--limit N]

Writes the open data a Kanal site publishes (``data/kanal.json`` with hashes, ``agencies.csv``
with every kecamatan and desa/kelurahan of the Kepmendagri 2025 list, ``accounts.csv``,
``figures.csv`` with the ``complaints.csv`` records and ``calendar.csv`` that give it, and the
post records ``posts-2026.csv.gz``) for all 514 regencies and cities, then times the aggregation step of the
design (each province reads its members, a national view reads every member): reading and
hash-checking every manifest and file, recomputing the figures, and writing each province's
comparison table. Prints the time and peak memory of the aggregation alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.complaints.figures import wilson  # noqa: E402
from generator.feeds.fetch import FetchConfig  # noqa: E402
from generator.opendata.manifest import (  # noqa: E402
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    sha256_file,
)
from generator.province.collect import collect, units_by_regency  # noqa: E402
from generator.province.members import Member  # noqa: E402
from generator.province.render import rows_of, write_data  # noqa: E402
from generator.registry import regions  # noqa: E402
from generator.registry.zones import timezone_for  # noqa: E402
from generator.safeinput.problems import Location  # noqa: E402

TODAY = dt.date(2026, 11, 22)
OPD = ["dinkes", "dinsos", "diskominfo", "dpupr", "bappeda", "disdukcapil", "inspektorat", "setda"]


PERIOD = (dt.date(2025, 11, 1), dt.date(2026, 10, 31))


def _complaints(data: Path, rng: random.Random) -> tuple[int, int, int]:
    """complaints.csv (all answered, target 3 working days) and calendar.csv (weekdays are
    working days); returns the records, those answered within target and the median."""
    start = PERIOD[0] - dt.timedelta(days=31)
    days = [start + dt.timedelta(days=i) for i in range((TODAY - start).days + 1)]
    (data / "calendar.csv").write_text(
        "date,workday,holiday\n"
        + "".join(f"{d},{'true' if d.weekday() < 5 else 'false'},\n" for d in days),
        encoding="utf-8",
    )
    records = rng.randint(20, 400)
    within = int(records * rng.uniform(0.3, 0.98))
    lines = ["id,received,first_response,first_response_target_days"]
    answered = []
    for i in range(records):
        received = dt.date(2026, 3, 2) + dt.timedelta(weeks=i % 30)  # a Monday
        late = 1 if i < within else 5  # Tuesday, or the next Monday
        answered.append(late)
        first = received + dt.timedelta(days=1 if late == 1 else 7)
        lines.append(f"C{i},{received}T09:00+07:00,{first}T10:00+07:00,3")
    (data / "complaints.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    answered.sort()
    return records, within, answered[(records * 50 + 99) // 100 - 1]


def write_site(
    folder: Path, code: str, codes: dict[str, str], index: dict, rng: random.Random
) -> None:
    """The published data of one regency: registry, accounts, an overall figures row, manifest."""
    data = folder / "data"
    data.mkdir(parents=True)
    units = sorted(index.get(code, {}).get(3, set()) | index.get(code, {}).get(4, set()))
    agencies = ["id,name,short_name,kind,parent,region_code"]
    accounts = ["agency,platform,handle,url,status,since,reviewed"]
    reach = rng.random()  # how far this regency got: some reach every desa, some stop early
    counts = {"opd": [0, 0], "kecamatan": [0, 0], "desa": [0, 0]}
    level_of: dict[str, str] = {}
    for name in OPD:
        agencies.append(f"{name},{name},,dinas,,")
        level_of[name] = "opd"
        counts["opd"][0] += 1
        if rng.random() < 0.9:
            handle = name.replace("-", "_") + code.replace(".", "")  # one account per agency
            accounts.append(
                f"{name},instagram,{handle},https://www.instagram.com/{handle}/,active,,2026-10-01"
            )
            counts["opd"][1] += 1
    for unit in units:
        depth = regions.depth(unit)
        if rng.random() > reach + 0.2:
            continue  # not registered yet
        uid = "u" + unit.replace(".", "")
        kind = (
            "kecamatan"
            if depth == 3
            else ("kelurahan" if regions.is_kelurahan_code(unit) else "desa")
        )
        parent = "u" + regions.parent_code(unit).replace(".", "") if depth == 4 else ""
        agencies.append(f'{uid},"{codes[unit]}",,{kind},{parent},{unit}')
        level = "kecamatan" if depth == 3 else "desa"
        level_of[uid] = level
        counts[level][0] += 1
        if rng.random() < reach:
            accounts.append(
                f"{uid},instagram,{uid},https://www.instagram.com/{uid}/,active,,2026-10-01"
            )
            counts[level][1] += 1
    (data / "agencies.csv").write_text("\n".join(agencies) + "\n", encoding="utf-8")
    (data / "accounts.csv").write_text("\n".join(accounts) + "\n", encoding="utf-8")
    # Posts: some agencies with an active account posted three days before the reference date.
    posts = ["agency,platform,account,time,date,estimated,link,title"]
    posting = {"opd": 0, "kecamatan": 0, "desa": 0}
    day = TODAY - dt.timedelta(days=3)
    for line in accounts[1:]:
        agency, _platform, _handle, url = line.split(",")[:4]
        if rng.random() < 0.6:
            posts.append(f"{agency},instagram,{url},{day}T09:00+07:00,{day},false,{url}p/1,Kabar")
            posting[level_of[agency]] += 1
    with gzip.open(data / "posts-2026.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(posts) + "\n")
    records, within, median = _complaints(data, rng)
    eligible = records
    # The real Wilson bounds: a province checks a member's shares against its own counts.
    low, high = wilson(within, eligible)
    (data / "figures.csv").write_text(
        "dimension,records,first_response_eligible,first_response_within_target,"
        "first_response_within_share,first_response_within_low,first_response_within_high,"
        "first_response_median_workdays,reference_date\n"
        f"overall,{records},{eligible},{within},{within / eligible:.6f},{low:.6f},{high:.6f},"
        f"{median},{TODAY}\n",
        encoding="utf-8",
    )
    files = [
        {"path": p.name, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(data.iterdir())
    ]
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "generator": "kanal bench",
        "region": {
            "code": code,
            "name": codes[code],
            "kind": "kabupaten",
            "timezone": timezone_for(code),  # a province refuses another region's clock
            "demo": False,
            "site_url": None,
        },
        "publisher": {"name": "Diskominfo", "url": None, "email": None, "phone": None},
        "reference_date": TODAY.isoformat(),
        "coverage": [
            {
                "level": lvl,
                "registered": n,
                "official": None,
                "with_active_account": a,
                "posting_30": posting[lvl],
            }
            for lvl, (n, a) in counts.items()
        ],
        "complaints": {
            "period_start": "2025-11-01",
            "period_end": "2026-10-31",
            "records": records,
            "first_response_eligible": eligible,
            "first_response_within_target": within,
            "first_response_within_share": None,
            "first_response_within_low": None,
            "first_response_within_high": None,
            "first_response_median_workdays": median,
            "resolution_eligible": 0,
            "resolution_within_target": 0,
            "resolution_within_share": None,
        },
        "activity": {
            "agencies_monitored": sum(a for _, a in counts.values()),
            "agencies_posting_30": sum(posting.values()),
        },
        "files": files,
    }
    (data / "kanal.json").write_text(json.dumps(manifest), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", type=Path, default=None, help="write the sites here and keep them"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N regencies (0: all)")
    parser.add_argument("--aggregate", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.aggregate:
        return aggregate(args.aggregate)
    codes = regions.reference_codes()
    members_codes = sorted(c for c in codes if regions.depth(c) == 2)
    if args.limit:
        members_codes = members_codes[: args.limit]
    root = args.keep or Path(tempfile.mkdtemp(prefix="kanal-national-"))
    rng = random.Random(514)
    index = units_by_regency(codes)
    start = time.perf_counter()
    for code in members_codes:
        write_site(root / code, code, codes, index, rng)
    made = time.perf_counter() - start
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    print(
        f"published data: {len(members_codes)} regencies/cities, {size / 1e6:.1f} MB, "
        f"written in {made:.1f} s"
    )
    # The aggregation runs in a fresh process, so its peak memory is its own.
    done = subprocess.run(
        [sys.executable, __file__, "--aggregate", str(root)],
        check=False,
        capture_output=True,
        text=True,
    )
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(root)
    return done.returncode


def aggregate(root: Path) -> int:
    """Read every member under ``root`` as a province/national aggregator does; print figures."""
    codes = regions.reference_codes()
    members = [
        Member(p.name, codes[p.name], None, p, Location(p.name))
        for p in sorted(root.iterdir())
        if p.name in codes
    ]
    start = time.perf_counter()
    results = collect(members, TODAY, FetchConfig(timeout=30, workers=8), codes)
    provinces = sorted({m.code.split(".")[0] for m in members})
    out = root / "_national"
    for p in provinces:
        rows = rows_of([r for r in results if r.member.code.startswith(p + ".")], p, codes)
        write_data(rows, out / p)
    seconds = time.perf_counter() - start
    ok = sum(1 for r in results if r.status == "ok")
    digest = hashlib.sha256(b"".join((out / p / "provinsi.csv").read_bytes() for p in provinces))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"aggregation: {ok}/{len(results)} verified, {len(provinces)} provinces, {seconds:.2f} s")
    print(f"peak memory of the aggregation process (max RSS): {rss:.0f} MB")
    print(f"tables sha256: {digest.hexdigest()[:16]}")
    return 0 if ok == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
