"""Province-scale build benchmark: every regency, district and village of Jawa Tengah.

    python benchmarks/province.py [--province 33] [--keep DIR]

Writes one YAML file per agency (35 regencies/cities, 576 districts, 8,563 villages for code
33) from the Kepmendagri 2025 reference list, then times each stage of the real build (load +
validate, render, MkDocs) in one run and prints the page count and peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import inspect
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.pipeline import Project, check, generate, run_mkdocs  # noqa: E402
from generator.registry import regions  # noqa: E402

TODAY = dt.date(2026, 11, 22)
TZ = dt.timezone(dt.timedelta(hours=7))
COMPLAINT_SETTINGS = """complaints:
  default_target:
    first_response_days: 3
    resolution_days: 14
  field_check_categories: [jalan rusak, drainase dan banjir]
  field_check_resolution_days: 60
  min_records: 10
  period:
    start: 2025-11-01
    end: 2026-10-31
"""
CATEGORIES = [
    "jalan rusak",
    "drainase dan banjir",
    "penerangan jalan",
    "sampah",
    "air bersih",
    "administrasi kependudukan",
    "layanan kesehatan",
    "pendidikan",
    "bantuan sosial",
    "perizinan",
    "ketertiban umum",
    "transportasi",
    "pasar dan harga",
    "pajak daerah",
    "lainnya",
]
CHANNELS = ["lapor", "whatsapp", "instagram", "portal", "facebook", "x", "walk-in", "email"]
SUMMARIES = [
    "Jalan berlubang di ruas {place}, membahayakan pengendara motor malam hari.",
    "Saluran air di {place} tersumbat, air meluap ke jalan saat hujan.",
    "Lampu penerangan jalan di {place} mati sejak seminggu.",
    "Tumpukan sampah di TPS {place} belum diangkut sejak beberapa hari.",
    "Air PDAM di {place} tidak mengalir sejak pagi.",
    "Pencetakan KTP-el belum selesai setelah rekam data bulan lalu.",
    "Antrean poli di {place} sangat lama, petugas pendaftaran kurang.",
    "Keluarga kurang mampu di {place} belum terdaftar penerima bantuan.",
]
PLACES = ["Sukamaju", "Tegalrejo", "Banjarharjo", "Sidomulyo", "Wonosari", "Margorejo"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def agency_yaml(
    aid: str,
    name: str,
    kind: str,
    code: str,
    parent: str | None,
    n: int,
    rng: random.Random,
    feeds: bool = False,
) -> str:
    lines = [f"id: {aid}", f'name: "{name}"', f"kind: {kind}", f'region_code: "{code}"']
    if parent:
        lines.append(f"parent: {parent}")
    lines.append(f"services: [pelayanan umum, surat keterangan, {kind}]")
    if rng.random() < 0.7:
        lines.append("accounts:")
        # Real naming: kind prefix, place, then the code's digits to keep names unique.
        prefix = {"kabupaten": "pemkab", "kota": "pemkot", "kecamatan": "kec", "kelurahan": "kel"}
        place = re.sub(r"[^a-z]", "", name.lower().split(" ", 1)[-1])  # "Desa Sukamaju": sukamaju
        handle = f"{prefix.get(kind, 'desa')}.{place[:8]}.{code.replace('.', '')}"
        for platform in rng.sample(
            ["instagram", "facebook", "tiktok", "youtube"], rng.randint(1, 3)
        ):
            url = {
                "instagram": f"https://www.instagram.com/{handle}/",
                "facebook": f"https://www.facebook.com/{handle}",
                "tiktok": f"https://www.tiktok.com/@{handle}",
                "youtube": f"https://www.youtube.com/@{handle}",
            }[platform]
            lines += [
                f"  - platform: {platform}",
                f"    url: {url}",
                *([f"    feed: https://rss.example.id/{platform}/{handle}.xml"] if feeds else []),
                "    status: active",
                "    reviewed: 2026-10-01",
            ]
    if rng.random() < 0.5:
        lines += ["channels:", "  - type: whatsapp", f'    value: "0812{n:08d}"']
    return "\n".join(lines) + "\n"


def write_province(prefix: str, data: Path, records: bool = False, limit: int | None = None) -> int:
    """One agency file per unit under ``prefix``; ``limit``: only the first units, parents
    first (regencies, then districts, then villages), for growth measurements."""
    codes = {
        c: n
        for c, n in regions.reference_codes().items()
        if c == prefix or c.startswith(prefix + ".")
    }
    rng = random.Random(33)
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(
        f'name: "Provinsi {codes[prefix].title()}"\ncode: "{prefix}"\ntimezone: Asia/Jakarta\n'
        "publisher:\n  name: Diskominfo Provinsi\n  email: diskominfo@provinsi.example.go.id\n"
        + (COMPLAINT_SETTINGS if records else ""),
        encoding="utf-8",
    )
    return write_units(data, codes, rng, records, limit)


def unit_identity(code: str, name: str, ids: dict[str, str]) -> tuple[str, str, str, str | None]:
    """(id, label, kind, parent id) of a Kepmendagri unit below a province; ``ids`` holds the
    ids of the units written before it (parents come first)."""
    depth = regions.depth(code)
    if depth == 2:
        kind, label = regions.region_kind(code, name), name
    elif depth == 3:
        kind, label = "kecamatan", f"Kecamatan {name}"
    else:
        kind = "kelurahan" if regions.is_kelurahan_code(code) else "desa"
        label = f"{kind.title()} {name}"
    parent = ids.get(regions.parent_code(code)) if depth > 2 else None
    return f"{kind}-{slug(name)}-{code.replace('.', '')}", label, kind, parent


def write_units(
    data: Path,
    codes: dict[str, str],
    rng: random.Random,
    records: bool = False,
    limit: int | None = None,
) -> int:
    """One agency file per unit of ``codes`` below the provinces, parents first (regencies,
    then districts, then villages), in one folder per regency/city; ``limit``: the first only."""
    ids: dict[str, str] = {}
    count = 0
    for code in sorted(codes, key=lambda c: (regions.depth(c), c)):
        if regions.depth(code) == 1:
            continue
        if limit is not None and count >= limit:
            break
        aid, label, kind, parent = unit_identity(code, codes[code], ids)
        ids[code] = aid
        folder = data / "agencies" / code[:5]
        folder.mkdir(exist_ok=True)
        (folder / f"{aid}.yml").write_text(
            agency_yaml(aid, label.replace('"', "'"), kind, code, parent, count, rng, records),
            encoding="utf-8",
        )
        count += 1
    return count


def write_complaints(
    data: Path, n: int, seed: int = 12, weights: dict[str, float] | None = None
) -> int:
    """``n`` complaint records in CSV files (one per 250,000), spread over the agencies by
    ``weights`` (agency kind -> weight, 1 for a kind not named; default: towards regencies)."""
    import numpy as np

    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    directory = load_directory(data, TODAY, Problems())
    assert directory is not None
    agencies = sorted(directory.agencies.values(), key=lambda a: a.id)
    weight = weights or {"kabupaten": 400.0, "kota": 400.0, "kecamatan": 30.0}
    p = np.array([weight.get(a.kind.value, 1.0) for a in agencies])
    rng = np.random.default_rng(seed)
    start = int(dt.datetime(2025, 11, 1, tzinfo=TZ).timestamp())
    end = int(dt.datetime(2026, 11, 20, tzinfo=TZ).timestamp())
    received = np.sort(rng.integers(start, end, n)) // 60 * 60
    agency = rng.choice(len(agencies), n, p=p / p.sum())
    category = rng.integers(0, len(CATEGORIES), n)
    channel = rng.integers(0, len(CHANNELS), n)
    first = received + (rng.exponential(2.5 * 86400, n)).astype(np.int64) // 60 * 60
    closed = first + (rng.exponential(10 * 86400, n)).astype(np.int64) // 60 * 60
    kind = rng.choice(3, n, p=[0.1, 0.82, 0.08])  # open, resolved, rejected
    unanswered = rng.random(n) < 0.03
    summary = rng.integers(0, len(SUMMARIES), n)
    place = rng.integers(0, len(PLACES), n)
    with_summary = rng.random(n) < 0.3

    def iso(seconds: int) -> str:
        return dt.datetime.fromtimestamp(seconds, TZ).isoformat(timespec="minutes")

    folder = data / "complaints"
    folder.mkdir()
    header = (
        "id,agency,channel,category,received,first_response,resolved,status,kecamatan,summary\n"
    )
    fh = None
    for i in range(n):
        if i % 250_000 == 0:
            if fh:
                fh.close()
            fh = (folder / f"aduan-{i // 250_000 + 1}.csv").open("w", encoding="utf-8")
            fh.write(header)
        status = "open"
        fr = res = ""
        if kind[i] and closed[i] <= end:
            status = "resolved" if kind[i] == 1 else "rejected"
            fr, res = iso(first[i]), iso(closed[i])
        elif not unanswered[i] and first[i] <= end:
            fr = iso(first[i])
        text = SUMMARIES[summary[i]].format(place=PLACES[place[i]]) if with_summary[i] else ""
        text = f'"{text}"' if text else ""  # summaries have commas
        fh.write(
            f"A{i:07d},{agencies[agency[i]].id},{CHANNELS[channel[i]]},"
            f"{CATEGORIES[category[i]]},{iso(received[i])},{fr},{res},{status},,{text}\n"
        )
    if fh:
        fh.close()
    return n


def write_posts(data: Path, n: int, seed: int = 52, weeks: int = 52) -> int:
    """About ``n`` stored posts over the ``weeks`` weeks before TODAY, for every active account."""
    from generator.feeds.parse import Post
    from generator.feeds.store import Store, account_dir, encode
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    directory = load_directory(data, TODAY, Problems())
    assert directory is not None
    accounts = [acc for a in directory.agencies.values() for acc in a.active_accounts if acc.feed]
    rng = random.Random(seed)
    root = data / "posts"
    first_day = dt.datetime.combine(TODAY - dt.timedelta(weeks=weeks), dt.time(6), TZ)
    span = weeks * 7 * 86400
    per_account = n / max(len(accounts), 1)
    total = 0
    status = {}
    for acc in accounts:
        count = int(rng.uniform(0.2, 1.8) * per_account)
        times = sorted(
            first_day + dt.timedelta(seconds=rng.randrange(span) // 60 * 60) for _ in range(count)
        )
        years: dict[int, list[str]] = {}
        for k, when in enumerate(times):
            link = f"{acc.url.rstrip('/')}/p/{k:05d}"
            title = f"{rng.choice(SUMMARIES).format(place=rng.choice(PLACES))} ({k})"
            years.setdefault(when.year, []).append(encode(Post(link, link, when, title)))
        folder = account_dir(root, acc.key)
        folder.mkdir(parents=True, exist_ok=True)
        for year, lines in years.items():
            (folder / f"{year}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        total += count
        fetched = dt.datetime.combine(TODAY, dt.time(6), TZ).isoformat()
        status[acc.key] = {"url": acc.feed, "ok": fetched, "fails": 0}
    Store(root).write_status(status)
    return total


def copy_project(work: Path) -> Path:
    """A fresh copy of this checkout's mkdocs.yml, content and theme in WORK/project, so
    that a benchmark's build folder never clobbers the developer's build/docs."""
    project = Project(ROOT / "mkdocs.yml")
    bench_project = work / "project"
    if bench_project.exists():
        shutil.rmtree(bench_project)
    bench_project.mkdir(parents=True)
    shutil.copy(project.config, bench_project / "mkdocs.yml")
    shutil.copytree(project.content, bench_project / "content")
    shutil.copytree(project.root / "theme", bench_project / "theme")
    return bench_project


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def stage_build(work: Path) -> None:
    """The real build, stage by stage, in this (fresh) process; prints one JSON line."""
    import json

    from generator.build.pipeline import _base_extra, mkdocs_overrides
    from generator.build.swap import clean_leftovers, publish

    project = Project(work / "project" / "mkdocs.yml")
    peaks: list[float] = []

    def peak_now() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    cpu = [time.process_time()]
    t0 = time.perf_counter()
    import generator.build.pipeline as kanal_build

    # As kanal build does (older versions had no loaded_once: comparison runs).
    with getattr(kanal_build, "loaded_once", contextlib.nullcontext)():
        inputs, problems = check(work / "data", TODAY)
    if inputs is None:
        for p in problems.sorted()[:20]:
            print(p, file=sys.stderr)
        raise SystemExit(1)
    t1 = time.perf_counter()
    cpu.append(time.process_time())
    peaks.append(peak_now())
    pages = generate(inputs, project)
    t2 = time.perf_counter()
    cpu.append(time.process_time())
    peaks.append(peak_now())
    out = work / "site"
    clean_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=".site.new-", dir=work))
    if "generated" in inspect.signature(run_mkdocs).parameters:  # older Kanal: compare runs
        # The same page list as kanal build (folded: instansi/x.md -> instansi/x/index.md).
        folded = getattr(kanal_build, "folded", lambda src: src)
        run_mkdocs(inputs.directory, project, staging, generated=[folded(p.src) for p in pages])
    else:
        run_mkdocs(inputs.directory, project, staging)
    t3 = time.perf_counter()
    cpu.append(time.process_time())
    peaks.append(peak_now())
    publish(staging, out)
    t4 = time.perf_counter()
    cpu.append(time.process_time())
    times = {"check": t1 - t0, "generate": t2 - t1, "mkdocs": t3 - t2, "publish": t4 - t3}
    overrides = mkdocs_overrides(inputs.directory, project, _base_extra(project))
    (work / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    peak = peak_now()
    peaks.append(peak)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_times = dict(zip(times, [b - a for a, b in zip(cpu, cpu[1:], strict=False)], strict=True))
    result = {
        "times": times,
        "cpu": cpu_times,
        "peak_mb": peak,
        "peak_after": dict(zip(times, peaks, strict=True)),
        # worker processes (a forked writer): their own peak and CPU time
        "children_peak_mb": children.ru_maxrss / 1024,
        "children_cpu": children.ru_utime + children.ru_stime,
        "pages": len(pages),
    }
    print(json.dumps(result))


def stage_bare(work: Path) -> None:
    """A bare ``mkdocs build`` of the same generated pages (build/docs), same configuration."""
    import json

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.build import sitefiles

    overrides = json.loads((work / "overrides.json").read_text(encoding="utf-8"))
    site = work / "bare-site"
    t0, c0 = time.perf_counter(), time.process_time()
    config = load_config(
        str(work / "project" / "mkdocs.yml"), site_dir=str(site), strict=True, **overrides
    )
    # The finder's files join Kanal's site after MkDocs (generator.build.sitefiles): a page
    # links to one, and strict mode checks the link against the files MkDocs knows.
    sitefiles.install(config, sitefiles.FINDER_FILES)
    mkdocs_build(config)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(site)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak}))


def run_stage(stage: str, work: Path) -> dict:
    import json
    import subprocess

    from generator.build.memory import TreeMemory

    child = subprocess.Popen(
        [sys.executable, __file__, "--stage", stage, "--keep", str(work)],
        stdout=subprocess.PIPE,
        text=True,
    )
    # The whole tree of the stage (its forked workers too), PSS sampled every 50 ms.
    with TreeMemory(pid=child.pid) as memory:
        stdout, _ = child.communicate()
    if child.returncode:
        raise SystemExit(f"stage {stage} failed (exit {child.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["tree_pss_mb"] = (memory.peak or 0) / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="33")
    parser.add_argument("--keep", type=Path, help="keep the generated data and site here")
    parser.add_argument(
        "--records",
        type=float,
        nargs="?",
        const=1.0,
        default=0.0,
        help="add complaint records and stored posts: 1 = 1,000,000 records and "
        "~1,040,000 posts over 52 weeks; 0.25 = a quarter of that",
    )
    parser.add_argument("--reuse", action="store_true", help="reuse the data under --keep")
    parser.add_argument(
        "--no-bare",
        action="store_true",
        help="skip the bare mkdocs comparison (only the site is wanted, e.g. benchmarks/pages.py)",
    )
    parser.add_argument("--stage", choices=["build", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kanal-bench-"))
    if args.stage == "build":
        return stage_build(work)
    if args.stage == "bare":
        return stage_bare(work)
    data = work / "data"
    t0 = time.perf_counter()
    # The build folder of a benchmark must not clobber the developer's build/docs. Copied anew
    # with --reuse too: the data is reused, the checkout's theme and settings are measured.
    copy_project(work)
    if not args.reuse:
        if data.exists():
            shutil.rmtree(data)
        agencies = write_province(args.province, data, records=args.records > 0)
        records = posts = 0
        if args.records:
            records = write_complaints(data, int(1_000_000 * args.records))
            posts = write_posts(data, int(1_040_000 * args.records))
        print(
            f"province {args.province}: {agencies} agencies, {records:,} complaint records, "
            f"{posts:,} stored posts (setup {time.perf_counter() - t0:.0f} s, not measured)",
            flush=True,
        )
    if (work / "site").exists():
        shutil.rmtree(work / "site")
    build = run_stage("build", work)
    bare = None if args.no_bare else run_stage("bare", work)
    site = work / "site"
    html = sum(1 for _ in site.rglob("*.html"))
    size, opendata = tree_size(site), tree_size(site / "data")
    total = sum(build["times"].values())
    print(f"{build['pages']} generated pages, {html} HTML files")
    for name, seconds in build["times"].items():
        print(
            f"  {name:<10} {seconds:7.1f} s  (CPU {build['cpu'][name]:6.1f} s;"
            f" peak so far {build['peak_after'][name]:5.0f} MB)"
        )
    cpu_total = sum(build["cpu"].values())
    print(
        f"kanal build  {total:7.1f} s  (CPU {cpu_total:6.1f} s; target <= 60 s with full records)"
    )
    print(
        f"peak memory  {build['tree_pss_mb']:7.0f} MB whole process tree (PSS, sampled;"
        f" target <= 1024 MB); build process alone {build['peak_mb']:.0f} MB (ru_maxrss)"
    )
    if build["children_cpu"]:
        print(
            f"  worker processes: CPU {build['children_cpu']:.1f} s (in parallel),"
            f" peak {build['children_peak_mb']:.0f} MB"
        )
    if bare:
        print(
            f"bare mkdocs  {bare['seconds']:7.1f} s  (CPU {bare['cpu']:6.1f} s,"
            f" {bare['peak_mb']:.0f} MB) of the same build/docs"
        )
        print(
            f"ratio        {total / bare['seconds']:7.2f} x  (kanal build / bare mkdocs;"
            " target <= 1.15)"
        )
    print(
        f"site         {size / 1e6:7.1f} MB  (target <= 500 MB), open data {opendata / 1e6:.1f} MB"
    )
    for path in sorted((site / "data").iterdir()):
        if path.is_file() and path.stat().st_size > 1e6:
            print(f"  data/{path.name:<22} {path.stat().st_size / 1e6:7.1f} MB")
    index = site / "assets" / "kanal" / "indeks.json"
    if index.exists():
        print(f"finder index {index.stat().st_size / 1e6:7.2f} MB raw")
    print(f"data and site in {work}")
    pieces = list(index.with_suffix("").rglob("*.json")) if index.exists() else []
    if pieces:
        shard_bytes = sum(p.stat().st_size for p in pieces)
        print(f"  index shards {shard_bytes / 1e6:7.2f} MB raw in {len(pieces)} files")
        print("  (per lookup: python benchmarks/index_transfer.py)")


if __name__ == "__main__":
    main()
