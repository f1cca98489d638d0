"""Two builds of the same inputs, in different folders and processes, are byte-identical."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMIT_DATE = "2026-11-22T10:00:00+00:00"
EPOCH_2026_11_22 = 1795305600  # 2026-11-22T00:00:00Z


def region_repo(folder: Path) -> Path:
    """A region repository: the demo data (with a site_url, so the sitemap has dates), committed
    on 22 November 2026, and the site settings beside it."""
    folder.mkdir()
    for name in ("mkdocs.yml", "content", "theme", "data"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / name)
    region = folder / "data" / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8") + "site_url: https://kanal.contohkab.go.id/\n",
        encoding="utf-8",
    )
    env = {**os.environ, "GIT_COMMITTER_DATE": COMMIT_DATE, "GIT_AUTHOR_DATE": COMMIT_DATE}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "data"],
        ["-c", "user.name=Uji", "-c", "user.email=uji@example.go.id", "commit", "-qm", "data"],
    ):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    return folder


def kanal_build(repo: Path, out: str, hash_seed: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = hash_seed  # set and dict orders must not leak into the output
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", out],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return repo / out


def files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = files(kanal_build(region_repo(tmp_path / "satu"), "site", "1"))
    second = files(kanal_build(region_repo(tmp_path / "dua"), "publik", "2"))
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert len(first) > 100  # the whole demo site, not an empty folder
    # The registry history (from the repository's one commit) is part of what is identical.
    assert first["riwayat/riwayat.atom"].count(b"<entry>") == 200
    assert "data/registry_changes.csv" in first

    # The build is as of the data's last commit, not the day the test runs.
    sitemap = first["sitemap.xml"].decode()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2026-11-22"}
    mtime = struct.unpack("<I", first["sitemap.xml.gz"][4:8])[0]
    assert mtime == EPOCH_2026_11_22
    assert gzip.decompress(first["sitemap.xml.gz"]).decode() == sitemap
