"""The CI files of a region repository (GitHub Actions and GitLab CI), for ``kanal init``."""

from __future__ import annotations

import datetime as dt
import re
import sys
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.registry.zones import ZONE_LABELS, timezone_for
from generator.scaffold.source import _SPEC_SAFE, DEFAULT_KANAL_SPEC, installed_source

__all__ = ["DEFAULT_KANAL_SPEC", "ci_files", "daily_cron", "write_ci_files"]

# Package file -> path in the region repository.
CI_TEMPLATES = {
    "github/kanal-periksa.yml": ".github/workflows/kanal-periksa.yml",
    "github/kanal-terbit.yml": ".github/workflows/kanal-terbit.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}

_REGION_CODE = re.compile(r"\d{2}(\.\d{2})?")


DAILY_LOCAL = (4, 17)  # the daily feed refresh, in the region's own time: before office hours


def daily_cron(zone: str) -> tuple[str, str]:
    """The UTC cron line of 04:17 local time in ``zone``, and that time in UTC ("21:17")."""
    offset = ZoneInfo(zone).utcoffset(dt.datetime(2026, 1, 1))  # Indonesia has no summer time
    assert offset is not None
    local = dt.datetime(2026, 1, 2, *DAILY_LOCAL)
    utc = local - offset
    return f"{utc.minute} {utc.hour} * * *", f"{utc.hour:02d}:{utc.minute:02d}"


def ci_files(
    region_code: str, kanal_spec: str = DEFAULT_KANAL_SPEC, source: str | None = None
) -> dict[str, str]:
    """{relative path: text} of the CI files for the region ``region_code`` ("33.16", "33").

    ``source`` says in a comment where ``kanal_spec`` comes from (see ``installed_source``)."""
    if not _REGION_CODE.fullmatch(region_code):
        raise ValueError(f"kode wilayah provinsi atau kabupaten/kota tidak sah: '{region_code}'")
    # The spec lands inside a double-quoted YAML string and a shell "$KANAL_SPEC".
    if not _SPEC_SAFE.fullmatch(kanal_spec):
        raise ValueError(f"KANAL_SPEC memuat karakter yang tidak diizinkan: '{kanal_spec}'")
    note = " ".join((source or "tidak diketahui; di bawah ini alamat bawaan Kanal.").split())
    zone = timezone_for(region_code)
    cron, utc_time = daily_cron(zone)
    values = {
        "@REGION@": region_code,
        "@KANAL_SPEC@": kanal_spec,
        "@KANAL_SOURCE@": note,
        "@CRON@": cron,
        "@ZONE@": ZONE_LABELS[zone],
        "@UTC_TIME@": utc_time,
        "@TZ@": zone,
    }
    root = resources.files("generator") / "scaffold" / "ci"
    out = {}
    for name, target in CI_TEMPLATES.items():
        text = (root / name).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        out[target] = text
    return out


def write_ci_files(region_code: str, folder: Path) -> list[Path]:
    """Write the CI files into ``folder``; refuses to overwrite any existing file."""
    source = installed_source()
    files = ci_files(region_code, source.spec, source.note)
    targets = [folder / rel for rel in files]
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise FileExistsError(f"berkas sudah ada, tidak ditimpa: {', '.join(existing)}")
    for target, text in zip(targets, files.values(), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return targets


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.scaffold.workflows CODE [DIR]``: until ``kanal init`` writes them."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m generator.scaffold.workflows")
    parser.add_argument("code", help="kode Kepmendagri daerah, mis. 33.16")
    parser.add_argument("folder", nargs="?", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        for path in write_ci_files(args.code, args.folder):
            print(path)
    except (ValueError, FileExistsError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
