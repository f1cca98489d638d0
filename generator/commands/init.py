"""``kanal init CODE [DIR]``: write a new region repository and say what it holds."""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import sys
from pathlib import Path

from generator.build.project import ConfigError
from generator.registry import regions
from generator.scaffold.gitrepo import create_repository
from generator.scaffold.region import SCHEMA_DIR, ZONE_LABELS, scaffold_files, slug, timezone_for
from generator.scaffold.source import installed_source


def run(args: argparse.Namespace) -> int:
    return run_init(args.code, args.dir)


def run_init(code: str, target: Path | None) -> int:
    from generator.site.schemas import write_schemas

    region, files = scaffold_files(code)
    target = target or Path(slug(region.name))
    other = f"Pilih folder lain, misalnya: kanal init {region.code} {slug(region.name)}-baru"
    _check_target(target, other)
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in sorted(files.items()):
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        write_schemas(target / SCHEMA_DIR)
    except OSError as exc:
        if created:  # nothing half-written is left behind
            shutil.rmtree(target, ignore_errors=True)
        raise ConfigError(f"folder '{target}' tidak bisa ditulis: {_why(exc)}. {other}") from None
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
    for line in create_repository(target, f"kanal init {region.code}: {region.name}"):
        print(line)
    source = installed_source()
    if source.warning:
        print(f"Perhatian: {source.warning}")
    print(f"Selanjutnya: cd {target} && kanal check && kanal build", file=sys.stdout)
    return 0


_REASONS = {
    errno.EACCES: "tidak ada izin menulis di sana",
    errno.EPERM: "tidak diizinkan",
    errno.EROFS: "sistem berkasnya hanya-baca",
    errno.ENOSPC: "disk penuh",
    errno.ENOENT: "folder induknya tidak ada atau tidak bisa diisi",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder",
    errno.EEXIST: "sudah ada sesuatu dengan nama itu",
}


def _why(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or "galat sistem berkas")


def _check_target(target: Path, other: str) -> None:
    """Say plainly why ``target`` cannot be the new repository, before anything is written."""
    if target.is_symlink() and not target.exists():
        raise ConfigError(
            f"'{target}' adalah tautan simbolik ke '{os.readlink(target)}', yang tidak ada. "
            f"Hapus tautannya atau {other[0].lower()}{other[1:]}"
        )
    if target.exists():
        if not target.is_dir():
            raise ConfigError(f"'{target}' adalah berkas, bukan folder. {other}")
        if any(target.iterdir()):
            raise ConfigError(
                f"folder '{target}' sudah ada dan tidak kosong; kanal init hanya menulis ke folder "
                f"baru atau kosong. {other}"
            )
        return
    for parent in target.absolute().parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise ConfigError(
                    f"'{parent}' adalah berkas, bukan folder, jadi '{target}' tidak bisa dibuat. {other}"
                )
            if Path("/proc") in (parent, *parent.parents) or parent == Path("/sys"):
                raise ConfigError(
                    f"'{target}' ada di {parent}, folder sistem yang tidak bisa diisi berkas. {other}"
                )
            break
