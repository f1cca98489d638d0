"""Province-scale build benchmark: every regency, district and village of Jawa Tengah.

    python benchmarks/province.py [--province 33] [--keep DIR]

Writes one YAML file per agency (35 regencies/cities, 576 districts, 8,563 villages for code
33) from the Kepmendagri 2025 reference list, then times each stage of the real build (load +
validate, render, MkDocs) in one run and prints the page count and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from generator import regions  # noqa: E402
from generator.build import Project, check, generate, run_mkdocs  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def agency_yaml(
    aid: str, name: str, kind: str, code: str, parent: str | None, n: int, rng: random.Random
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
                "    status: active",
                "    reviewed: 2026-10-01",
            ]
    if rng.random() < 0.5:
        lines += ["channels:", "  - type: whatsapp", f'    value: "0812{n:08d}"']
    return "\n".join(lines) + "\n"


def write_province(prefix: str, data: Path) -> int:
    codes = {
        c: n
        for c, n in regions.reference_codes().items()
        if c == prefix or c.startswith(prefix + ".")
    }
    rng = random.Random(33)
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(
        f'name: "Provinsi {codes[prefix].title()}"\ncode: "{prefix}"\ntimezone: Asia/Jakarta\n'
        "publisher:\n  name: Diskominfo Provinsi\n  email: diskominfo@provinsi.example.go.id\n",
        encoding="utf-8",
    )
    ids: dict[str, str] = {}
    count = 0
    for code in sorted(codes, key=lambda c: (regions.depth(c), c)):
        depth = regions.depth(code)
        if depth == 1:
            continue
        name = codes[code]
        if depth == 2:
            kind = "kota" if name.lower().startswith("kota") else "kabupaten"
            label = name if kind == "kota" else name
        elif depth == 3:
            kind, label = "kecamatan", f"Kecamatan {name}"
        else:
            kind = "kelurahan" if regions.is_kelurahan_code(code) else "desa"
            label = f"{kind.title()} {name}"
        aid = f"{kind}-{slug(name)}-{code.replace('.', '')}"
        ids[code] = aid
        parent = ids.get(regions.parent_code(code)) if depth > 2 else None
        folder = data / "agencies" / code[:5]
        folder.mkdir(exist_ok=True)
        (folder / f"{aid}.yml").write_text(
            agency_yaml(aid, label.replace('"', "'"), kind, code, parent, count, rng),
            encoding="utf-8",
        )
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="33")
    parser.add_argument("--keep", type=Path, help="keep the generated data and site here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kanal-bench-"))
    data, site = work / "data", work / "site"
    if data.exists():
        shutil.rmtree(data)
    project = Project(ROOT / "mkdocs.yml")
    # The build folder of a benchmark must not clobber the developer's build/docs.
    bench_project = work / "project"
    if bench_project.exists():
        shutil.rmtree(bench_project)
    bench_project.mkdir(parents=True)
    shutil.copy(project.config, bench_project / "mkdocs.yml")
    shutil.copytree(project.content, bench_project / "content")
    shutil.copytree(project.root / "theme", bench_project / "theme")
    project = Project(bench_project / "mkdocs.yml")

    t0 = time.perf_counter()
    agencies = write_province(args.province, data)
    t1 = time.perf_counter()
    inputs, problems = check(data, TODAY)  # the real pipeline's loading and validation
    if inputs is None:
        for p in problems.sorted()[:20]:
            print(p)
        raise SystemExit(1)
    directory = inputs.directory
    t2 = time.perf_counter()
    pages = generate(inputs, project)
    t3 = time.perf_counter()
    run_mkdocs(directory, project, site)
    t4 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    html = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "assets" / "kanal" / "indeks.json"
    print(
        f"province {args.province}: {agencies} agencies, {len(pages)} generated pages, {len(html)} HTML files, site {size / 1e6:.1f} MB"
    )
    print(f"write YAML        {t1 - t0:6.1f} s  (setup, not part of a build)")
    print(f"load + validate   {t2 - t1:6.1f} s")
    print(f"render pages      {t3 - t2:6.1f} s")
    print(f"mkdocs build      {t4 - t3:6.1f} s")
    print(f"build total       {t4 - t1:6.1f} s  (target: about 120 s for 10,000 agencies)")
    print(f"peak memory       {peak_mb:6.0f} MB")
    pieces = list(index.with_suffix("").rglob("*.json"))
    total = index.stat().st_size + sum(p.stat().st_size for p in pieces)
    print(f"finder index      {total / 1e6:6.2f} MB raw in {len(pieces) + 1} files")
    print("                  (per lookup: python benchmarks/index_transfer.py)")
    print(f"data and site in  {work}")


if __name__ == "__main__":
    main()
