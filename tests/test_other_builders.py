"""scripts/other_builders.py: the comparison finds missing pages, lost templates, broken links."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import other_builders as ob  # noqa: E402

PAGE = (
    '<html><head><title>{title}</title></head><body><p class="k-demo">Data contoh.</p>'
    '<a href="{link}">x</a><script>aria-label","Cari di situs ini"</script></body></html>'
)


def write(site: Path, files: dict[str, str]) -> ob.SiteSummary:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return ob.read_site(site)


def test_identical_sites_have_no_findings(tmp_path: Path) -> None:
    files = {
        "index.html": PAGE.format(title="Beranda", link="aduan/"),
        "aduan/index.html": PAGE.format(title="Aduan", link="../data/a.csv"),
        "data/a.csv": "x\n",
    }
    assert ob.compare(write(tmp_path / "a", files), write(tmp_path / "b", files)) == []


def test_findings_name_pages_templates_titles_and_links(tmp_path: Path) -> None:
    reference = write(
        tmp_path / "a",
        {
            "index.html": PAGE.format(title="Beranda", link="aduan/"),
            "aduan/index.html": PAGE.format(title="Aduan", link="../data/a.csv"),
            "pantauan/index.html": PAGE.format(title="Pantauan", link="../"),
            "data/a.csv": "x\n",
            "search/search_index.json": "{}",
        },
    )
    other = write(
        tmp_path / "b",
        {
            "index.html": "<html><head><title>Beranda</title></head><body></body></html>",
            "aduan/index.html": PAGE.format(title="Aduan!", link="../../data/a.csv"),
        },
    )
    assert ob.compare(reference, other) == [
        "1 halaman tidak ada: pantauan/index.html",
        "1 halaman tanpa templat Kanal: index.html",
        "1 judul berbeda, mis. aduan/index.html: 'Aduan' / 'Aduan!'",
        "1 tautan rusak, mis. aduan/index.html -> ../../data/a.csv",
        "1 berkas lain tidak ada: data/a.csv",
    ]
