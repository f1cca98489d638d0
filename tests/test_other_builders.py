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


def test_bulk_pages_are_generated_in_their_own_folder(project_copy, build_site) -> None:
    """Zensical resolves raw-HTML links from the source's folder: agency and week pages are
    written as <id>/index.md, so their links (written for the URL <id>/) hold in both builders."""
    from tests.conftest import FIXTURES

    site = build_site(FIXTURES / "tiny")
    docs = project_copy.docs
    assert sorted(p.name for p in (docs / "instansi").glob("*.md")) == []
    assert (docs / "instansi" / "dinas-kesehatan" / "index.md").is_file()
    assert (site / "instansi" / "dinas-kesehatan" / "index.html").is_file()
