"""Material's sidebars rendered once per place (generator.site.navmemo): the same site, byte for
byte, with fewer renderings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url, normalize_url

from generator.build.pipeline import Project, build
from generator.site import navmemo
from tests.conftest import ROOT, TODAY, same_tree

PART = st.sampled_from(["a", "b", "aduan", "x.y", "instansi", "..", ".", ""])
PATH = st.lists(PART, max_size=4).map("/".join) | st.sampled_from(["/a", "#b", "https://x.id/a"])


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


@given(
    pages=st.lists(st.tuples(PATH, st.booleans()), min_size=2, max_size=6),
    targets=st.lists(st.tuples(PATH, st.booleans()), min_size=1, max_size=5),
)
def test_pages_in_the_same_place_get_the_same_relative_urls(pages, targets):
    """``place`` holds everything MkDocs' relative URLs to the targets depend on."""
    urls = [p + ("/" if slash else "") for p, slash in pages]
    dests = [t + ("/" if slash else "") for t, slash in targets]
    starts = {s for d in dests for s in navmemo.prefixes(navmemo.target_parts(d))}
    seen: dict[tuple, list[str]] = {}
    for url in urls:
        made = [normalize_url(d, _Page(url)) for d in dests]  # the url filter
        made.append(get_relative_url(".", url))  # the page's base_url
        assert seen.setdefault(navmemo.place(url, starts), made) == made, url


def _mkdocs_site(
    tmp_path: Path, name: str, pages: dict[str, str], nav: list, memo: bool, folders: bool = True
) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = tmp_path / name
    docs = root / "docs"
    for src, text in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text("site_name: Uji\ntheme:\n  name: material\nplugins: []\n")
    config = load_config(
        str(config_file), site_dir=str(root / "site"), nav=nav or None, use_directory_urls=folders
    )
    if memo:
        navmemo.install(config)
    mkdocs_build(config)
    return root / "site"


SRC = st.lists(st.sampled_from(["a", "b", "aduan", "instansi", "x"]), min_size=1, max_size=4).map(
    lambda parts: "/".join(parts) + ".md"
)


@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a shrink step is two MkDocs builds
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sources=st.lists(SRC, min_size=1, max_size=8, unique=True),
    in_nav=st.lists(st.booleans(), min_size=8, max_size=8),
    toc=st.lists(st.booleans(), min_size=8, max_size=8),
    hide=st.lists(st.sampled_from([None, "navigation", "toc"]), min_size=8, max_size=8),
    folders=st.booleans(),
)
@example(  # a page in the menu and one outside it, in the same folder
    sources=["a/x.md", "a/y.md"],
    in_nav=[True] + [False] * 7,
    toc=[False] * 8,
    hide=[None] * 8,
    folders=False,
)
def test_random_sites_are_the_same_with_and_without_the_memo(
    tmp_path_factory, sources, in_nav, toc, hide, folders
):
    """Pages in and out of the menu, at any depth, with and without headings and ``hide``, as
    folders (``a/b/``) or as files (``a/b.html``: pages in and out of the menu then share a
    folder)."""
    tmp_path = tmp_path_factory.mktemp("sites")
    pages = {"index.md": "# Beranda\n"}
    nav: list = [{"Beranda": "index.md"}]
    for i, src in enumerate(sources):
        if src in pages or any(src.startswith(p[:-3] + "/") for p in pages):
            continue  # a page and a folder of the same name would collide
        if any(p.startswith(src[:-3] + "/") for p in pages):
            continue
        head = f"---\nhide:\n  - {hide[i]}\n---\n" if hide[i] else ""
        pages[src] = head + (f"# Judul {i}\n\n## Bagian {i}\n" if toc[i] else "<p>isi</p>\n")
        if in_nav[i]:
            nav.append({f"Halaman {i}": src} if i % 2 else {f"Bagian {i}": [{"Isi": src}]})
    plain = _mkdocs_site(tmp_path, "plain", pages, nav, memo=False, folders=folders)
    memo = _mkdocs_site(tmp_path, "memo", pages, nav, memo=True, folders=folders)
    assert same_tree(plain, memo) > len(pages)


OVERRIDES = {
    "main.html": '{% extends "base.html" %}{% block site_nav %}<i>{{ page.url }}</i>{{ super() }}'
    "{% endblock %}",
    "base.html": "<html><body>{% block site_nav %}<i>{{ page.url }}</i>{% endblock %}"
    "{% block content %}{% endblock %}</body></html>",
    "partials/toc.html": "<i>{{ page.url }}</i>",
}


@pytest.mark.parametrize("template", sorted(OVERRIDES))
def test_a_theme_overriding_the_block_is_rendered_for_every_page(tmp_path, template):
    """A block of the region's own (in main.html, or in a base.html replacing Material's), or a
    partial the block includes, may read anything of the page (here its URL, beyond the url
    filter): nothing is reused."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    for name in ("index", "a/satu", "a/dua"):
        (docs / f"{name}.md").write_text(f"<p>{name}</p>\n", encoding="utf-8")
    (tmp_path / "theme" / template).parent.mkdir(parents=True)
    (tmp_path / "theme" / template).write_text(OVERRIDES[template], encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\ntheme:\n  name: material\n  custom_dir: theme\nplugins: []\n"
        "nav:\n  - index.md\n"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = navmemo.install(config)
    mkdocs_build(config)
    assert plugin.reused == 0
    for url in ("a/satu/", "a/dua/"):
        assert f"<i>{url}</i>" in (tmp_path / "site" / url / "index.html").read_text("utf-8")


def test_the_demo_site_is_the_same_and_its_generated_pages_reuse_the_sidebars(
    tmp_path, project_copy: Project, monkeypatch
):
    plugins: list[navmemo.NavMemo] = []
    real = navmemo.install

    def spy(config):
        plugins.append(real(config))
        return plugins[-1]

    monkeypatch.setattr(navmemo, "install", spy)
    fast = tmp_path / "fast"
    build(ROOT / "data", fast, project_copy, TODAY)
    (plugin,) = plugins
    pages = sum(1 for _ in fast.rglob("index.html"))
    # Every generated page outside the menu reuses the sidebars of an earlier one in its place.
    assert plugin.reused >= 0.75 * pages, (plugin.reused, plugin.rendered, pages)

    monkeypatch.setattr(navmemo, "install", lambda config: None)
    plain = tmp_path / "plain"
    build(ROOT / "data", plain, project_copy, TODAY)
    assert same_tree(fast, plain) > pages


def _both(tmp_path: Path, yml: str, files: dict[str, str]) -> tuple[int, navmemo.NavMemo]:
    """Build the site of ``yml`` and ``files`` (paths from the project folder) with and without
    the plugin; the number of files (all the same) and the plugin."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yml, encoding="utf-8")
    sites = []
    plugin = None
    for memo in (False, True):
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / f"s{memo}"))
        if memo:
            plugin = navmemo.install(config)
        mkdocs_build(config)
        sites.append(tmp_path / f"s{memo}")
    assert plugin is not None
    return same_tree(*sites), plugin


POST = "---\ndate: 2024-01-02\ntitle: Post one\n---\nbody text\n\n<!-- more -->\n\nmore\n"
BLOG_NAV = "nav:\n  - Home: index.md\n  - Blog:\n    - blog/index.md\n"


def test_blog_posts_and_archive_pages_below_a_menu_entry_are_rendered(tmp_path):
    """Material's blog: a post's parent is the blog's index (its menu entries are active), and
    the archive pages join the menu after the plugin saw it (found by an adversarial review:
    a post reused the sidebars of a page beside it without the blog marked active)."""
    yml = (
        "site_name: T\nuse_directory_urls: false\ntheme:\n  name: material\n"
        "markdown_extensions:\n  - toc:\n      toc_depth: 3-6\n"
        "plugins:\n  - blog:\n      post_url_format: '{slug}'\n" + BLOG_NAV
    )
    files = {
        "docs/index.md": "Hello\n",
        "docs/blog/index.md": "# Blog\n",
        "docs/blog/other.md": "---\ntitle: Orphan\nhide:\n  - navigation\n---\nplain text\n",
        "docs/blog/archive/notes.md": "plain text\n",
        "docs/blog/posts/p.md": POST.replace("---\nbody", "hide:\n  - navigation\n---\nbody"),
    }
    count, plugin = _both(tmp_path, yml, files)
    assert count > 5


def test_a_page_template_setting_what_the_block_reads_is_rendered(tmp_path):
    """Code at a template's top runs before the block and may set its variables."""
    files = {
        "docs/index.md": "Hello\n",
        "docs/a.md": "---\ntitle: Alpha\n---\nplain\n",
        "docs/b.md": "---\ntitle: Beta\ntemplate: landing.html\n---\nplain\n",
        "docs/c.md": "---\ntitle: Gamma\n---\nplain\n",
        "overrides/landing.html": '{% extends "main.html" %}\n{% set hidden = "hidden" %}\n',
    }
    yml = "site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\nnav:\n  - index.md\n"
    _, plugin = _both(tmp_path, yml, files)
    assert plugin.reused == 1  # c reuses a's sidebars; b's are its own
