"""Pantauan's per-level "posting in the last 30 days" divides by what Cakupan divides by: the
official number of kecamatan and desa/kelurahan while the registry is incomplete, so the two
pages never give one figure two denominators."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import FIXTURES

POST = '{{"n":"Kegiatan kecamatan","t":"2026-11-{day:02d}T09:00+07:00","u":"{url}"}}\n'


def _text(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_pantauan_levels_use_the_official_counts_of_cakupan(tmp_path, build_site):
    # The tiny region (Kota Uji, 33.72) registers 1 of its official kecamatan and 2 of its
    # kelurahan; the district and one kelurahan posted this month.
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    for folder, url in (
        ("instagram/kec.laweyan", "https://www.instagram.com/p/abc/"),
        ("tiktok/kelbumi", "https://www.tiktok.com/@kelbumi/video/1"),
    ):
        (data / "posts" / folder).mkdir(parents=True)
        (data / "posts" / folder / "2026.jsonl").write_text(
            POST.format(day=10, url=url), encoding="utf-8"
        )
    site = build_site(data)
    cakupan, pantauan = _text(site, "cakupan"), _text(site, "pantauan")
    assert "Registri belum lengkap" in cakupan
    shares = re.findall(r"(\d+) dari (\d+) \([\d,]+%\) aktif mengunggah dalam 30 hari", cakupan)
    # OPD against the 2 registered; the kecamatan and kelurahan against the official 5 and 54
    # (1 and 2 registered).
    assert shares == [("0", "2"), ("1", "5"), ("1", "54")]
    for count, total in shares[1:]:
        # The same share on Pantauan's per-level table, marked as the official count.
        assert f"{count} dari {total} resmi (" in pantauan
    assert "0 dari 2 (" in pantauan
    assert "1 dari 1 (" not in pantauan and "1 dari 2 (" not in pantauan
