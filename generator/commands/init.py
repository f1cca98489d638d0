"""``kanal init CODE [DIR]``: write a new region repository and say what it holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build.project import ConfigError
from generator.registry import regions
from generator.scaffold.region import SCHEMA_DIR, ZONE_LABELS, scaffold_files, slug, timezone_for


def run(args: argparse.Namespace) -> int:
    return run_init(args.code, args.dir)


def run_init(code: str, target: Path | None) -> int:
    from generator.site.schemas import write_schemas

    region, files = scaffold_files(code)
    target = target or Path(slug(region.name))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(
            f"folder '{target}' sudah ada dan tidak kosong; kanal init hanya menulis ke folder "
            "baru atau kosong. Pilih folder lain, misalnya: "
            f"kanal init {region.code} {slug(region.name)}-baru"
        )
    for rel, text in sorted(files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_schemas(target / SCHEMA_DIR)
    codes = regions.reference_codes()
    under = [c for c in codes if c.startswith(region.code + ".")]
    if region.is_province:
        summary = f"{sum(regions.depth(c) == 2 for c in under)} kabupaten/kota"
    else:
        villages = [c for c in under if regions.depth(c) == 4]
        kelurahan = sum(regions.is_kelurahan_code(c) for c in villages)
        summary = (
            f"{sum(regions.depth(c) == 3 for c in under)} kecamatan, "
            f"{len(villages) - kelurahan} desa, {kelurahan} kelurahan"
        )
    zone = timezone_for(region.code)
    print(
        f"Repositori {region.name} ({region.code}, {ZONE_LABELS[zone]}) dibuat di {target}: "
        f"{summary}."
    )
    print(f"Selanjutnya: cd {target} && kanal check && kanal build", file=sys.stdout)
    return 0
