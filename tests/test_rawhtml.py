"""Build speed: generated pages skip Markdown (published verbatim), search parses a copy without
the excluded blocks, the collector is paused while loading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.pipeline import Project, build
from generator.site.rawhtml import search_copy
from tests.conftest import FIXTURES, ROOT, TODAY, same_tree


def body(md: Path) -> str:
    """A generated Markdown file's HTML, without its front matter."""
    return md.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()


def article(html: Path) -> str:
    text = html.read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*)</article>", text, re.S).group(1)


def test_generated_pages_are_published_verbatim(tmp_path, project_copy: Project):
    out = tmp_path / "site"
    build(FIXTURES / "tiny", out, project_copy, TODAY)
    docs = project_copy.docs
    pages = sorted(docs.glob("instansi/*/index.md")) + [
        docs / "index.md",
        docs / "direktori/index.md",
    ]
    assert len(pages) > 3
    for md in pages:
        rel = md.relative_to(docs).with_suffix("")
        html = out / (rel.parent if rel.name == "index" else rel) / "index.html"
        # Python-Markdown wrapped the icon sprite in <p>: the generated HTML was not kept as is.
        assert body(md) in article(html), rel


def test_hand_written_pages_still_go_through_markdown(tmp_path, project_copy: Project):
    out = tmp_path / "site"
    build(FIXTURES / "tiny", out, project_copy, TODAY)
    text = article(out / "tentang" / "index.html")
    assert "<strong>akun media sosial resmi</strong>" in text
    assert '<h2 id="siapa-yang-mengelola">Siapa yang mengelola</h2>' in text


def test_build_pauses_the_collector_while_loading_and_restores_it(
    tmp_path, project_copy: Project, monkeypatch
):
    import gc

    import generator.build.pipeline as kanal_build

    seen = []
    real_check = kanal_build.check

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(kanal_build, "check", spy)
    build(FIXTURES / "tiny", tmp_path / "site", project_copy, TODAY)
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_figures_are_frozen_before_the_render_stage_forks(
    tmp_path, project_copy: Project, monkeypatch
):
    """What compute made is frozen too (not only what check loaded): full collections in the
    build and in its forked workers do not rescan the figures or copy their pages."""
    import gc

    import generator.build.pipeline as kanal_build

    counts = {}
    real_compute, real_generate = kanal_build.compute_figures, kanal_build.generate

    def compute_spy(inputs):
        counts["after check"] = gc.get_freeze_count()
        figures = real_compute(inputs)
        return figures

    def generate_spy(*args, **kwargs):
        counts["render"] = gc.get_freeze_count()
        return real_generate(*args, **kwargs)

    monkeypatch.setattr(kanal_build, "compute_figures", compute_spy)
    monkeypatch.setattr(kanal_build, "generate", generate_spy)
    build(FIXTURES / "tiny", tmp_path / "site", project_copy, TODAY)
    assert counts["render"] > counts["after check"] > 0, counts
    assert gc.get_freeze_count() == 0


def _full_collections(block) -> tuple[int, list[int]]:
    """How many full (generation 2) collections run inside ``block()`` and right after it."""
    import gc

    inside: list[int] = []
    done = [False]

    def watch(phase, info):
        if phase == "start" and info["generation"] == 2:
            inside.append(1 if done[0] else 0)

    gc.callbacks.append(watch)
    try:
        block(done)
    finally:
        gc.callbacks.remove(watch)
    return inside.count(0), inside


def test_one_full_collection_defers_the_full_passes_to_its_end():
    """After gc.freeze() the collector counts no long-lived objects, so it runs a full pass
    each time those made since grow by a quarter. Inside one_full_collection none runs while
    long-lived objects pile up; young cycles are still collected; one full pass at the end
    frees the cycles that died old, and the thresholds come back."""
    import gc
    import weakref

    from generator.build.pipeline import one_full_collection

    class Node:
        pass

    def pile_up(keep: list) -> None:
        for _ in range(300_000):  # ~430 collections of generation 0 at the default 700
            keep.append([Node()])

    before = gc.get_threshold()
    kept: list = []
    gc.freeze()
    try:
        # Without the block, the same pile-up runs full passes (what the build paid for).
        plain, _ = _full_collections(lambda done: pile_up(kept))
        assert plain > 0
        kept.clear()

        def deferred(done):
            with one_full_collection():
                pile_up(kept)
                young = Node()
                young.self = young  # a cycle that dies young
                gone = weakref.ref(young)
                del young
                for _ in range(20_000):
                    kept.append([Node()])
                assert gone() is None, "the young generations are still collected"
                old = Node()
                old.self = old
                died_old = weakref.ref(old)
                pile_up(kept)  # promoted to the oldest generation meanwhile
                del old
                done[0] = True
            assert died_old() is None, "the pass at the end frees a cycle that died old"

        inside, passes = _full_collections(deferred)
        assert inside == 0 and passes == [1]
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()
        kept.clear()


def test_one_full_collection_restores_the_thresholds_when_its_block_fails():
    """A failed compute or page stage must not leave the process without full passes (the
    process may go on: the tests, a caller of build()), and none runs while the collector is
    off."""
    import gc

    import pytest

    from generator.build.pipeline import one_full_collection

    before = gc.get_threshold()
    with pytest.raises(KeyboardInterrupt), one_full_collection():
        assert gc.get_threshold()[2] > 1_000_000
        raise KeyboardInterrupt
    assert gc.get_threshold() == before
    gc.disable()
    try:

        def off(done):
            with one_full_collection():
                done[0] = True

        inside, after = _full_collections(off)
        assert inside == 0 and after == [], "no collection while the collector is off"
        assert gc.get_threshold() == before
    finally:
        gc.enable()


def test_the_build_computes_and_renders_inside_one_full_collection(
    tmp_path, project_copy: Project, monkeypatch
):
    import gc

    import generator.build.pipeline as kanal_build

    seen = {}
    real_compute, real_generate = kanal_build.compute_figures, kanal_build.generate

    def compute_spy(inputs):
        seen["compute"] = gc.get_threshold()[2]
        return real_compute(inputs)

    def generate_spy(*args, **kwargs):
        seen["generate"] = gc.get_threshold()[2]
        return real_generate(*args, **kwargs)

    def mkdocs_spy(*args, **kwargs):
        seen["mkdocs"] = gc.get_threshold()[2]
        return real_mkdocs(*args, **kwargs)

    real_mkdocs = kanal_build.run_mkdocs
    monkeypatch.setattr(kanal_build, "compute_figures", compute_spy)
    monkeypatch.setattr(kanal_build, "generate", generate_spy)
    monkeypatch.setattr(kanal_build, "run_mkdocs", mkdocs_spy)
    normal = gc.get_threshold()[2]
    build(FIXTURES / "tiny", tmp_path / "site", project_copy, TODAY)
    assert seen["compute"] == seen["generate"] > 1_000_000 > normal == seen["mkdocs"], seen
    assert gc.get_threshold()[2] == normal


# Material's search index: the plugin hands the search parser a copy of each generated page with
# the insides of its excluded tables and charts removed; the index must not change at all.


def sections(html: str) -> list[tuple[str, str | None, str, str, bool]] | str:
    """What Material's search parser makes of ``html``: one entry per section it would index."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    try:
        parser.feed(html)
        parser.close()
    except ValueError as exc:  # the parser gives up on some broken markup: so must the copy
        return f"ValueError: {exc}"
    return [
        (s.el.tag, s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data
    ]


_WORDS = st.sampled_from(
    [
        "Aduan",
        " ",
        "\n",
        "  \n ",
        "42 dari 50",
        "&amp;",
        "&lt;b&gt;",
        "x&gt;y",
        "data-search-exclude",
    ]
)
_ATTRS = st.sampled_from(
    ["", ' class="k"', " data-search-exclude", ' aria-label="a &gt; b"', ' title="/"', ' id="s"']
    + [' data-search-boost="2"']
)
_TAGS = st.sampled_from(
    ["p", "div", "span", "li", "ul", "td", "tr", "th", "caption", "table", "svg", "g", "text"]
    + ["title", "h2", "h3", "a", "code", "pre", "script", "object", "TABLE"]
)
_LEAVES = st.one_of(
    _WORDS,
    st.sampled_from(["<br>", "<wbr>", '<use href="#i-x"/>', "</td>", "<p>", "<!-- c -->", "<h2>"]),
)
_MOSTLY_CLOSED = st.sampled_from([True, True, True, False])


def _element(
    children: st.SearchStrategy[str],
    tags: st.SearchStrategy[str] = _TAGS,
    attrs: st.SearchStrategy[str] = _ATTRS,
    closed: st.SearchStrategy[bool] = _MOSTLY_CLOSED,
) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attr, inner, close: (
            f"<{tag}{attr}>{''.join(inner)}" + (f"</{tag}>" if close else "")
        ),
        tags,
        attrs,
        st.lists(children, max_size=4),
        closed,
    )


# Anything, broken markup included.
_NOISE = st.recursive(_LEAVES, _element, max_leaves=20)
# Kanal's own blocks: well-formed tables and charts, icons inside.
_INSIDE = st.recursive(
    st.one_of(_WORDS, st.sampled_from(["<br>", "<wbr>", '<use href="#i-x"/>', '<rect x="1"/>'])),
    lambda children: _element(
        children,
        st.sampled_from(["tr", "td", "th", "caption", "span", "a", "g", "text", "title", "svg"]),
        st.sampled_from(["", ' class="k-ico"', " data-search-exclude", ' aria-label="a &gt; b"']),
        st.just(True),
    ),
    max_leaves=20,
)
_BLOCKS = st.builds(
    lambda tag, attr, inner: f"<{tag} data-search-exclude{attr}>{''.join(inner)}</{tag}>",
    st.sampled_from(["table", "svg", "ul"]),
    st.sampled_from(["", ' class="k-chart" role="img"', ' title="a&gt;b"']),
    st.lists(_INSIDE, max_size=4),
)
_HTML = st.lists(
    st.one_of(
        _BLOCKS,
        _BLOCKS,
        _WORDS,
        st.sampled_from(['<h2 id="s">Judul</h2>', "<h3>Sub</h3>", "<p>Teks</p>", "<div>"]),
        _NOISE,
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_HTML)
def test_the_search_copy_indexes_exactly_like_the_page(html: str):
    """Hostile, unbalanced or nested markup included: whatever is emptied leaves no trace."""
    copy = search_copy(html)
    assert sections(copy) == sections(html)
    # Material strips these attributes after indexing; the plugin counts on the copy having
    # none when the page has none.
    strip = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
    assert strip.search(html) or not strip.search(copy)


def test_the_search_copy_empties_excluded_tables_and_charts():
    page = (
        '<h2 id="n">Jumlah</h2><p>Teks</p>\n<div class="k-table-wrap"><table data-search-exclude>'
        '<caption>Tabel</caption><tr><th scope="row"><svg data-search-exclude class="k-ico">'
        '<use href="#i-x"/></svg> X</th><td>1<wbr>2</td></tr></table></div>\n'
        '<svg data-search-exclude class="k-chart" role="img"><title id="t">Grafik</title>'
        '<g><rect width="3"/></g></svg> <p>Akhir</p>'
    )
    assert search_copy(page) == (
        '<h2 id="n">Jumlah</h2><p>Teks</p>\n<div class="k-table-wrap"><table data-search-exclude>'
        '</table></div>\n<svg data-search-exclude class="k-chart" role="img"></svg> <p>Akhir</p>'
    )
    # Left whole: a nested table, a heading inside, an excluded element Kanal did not write.
    for page in (
        "<table data-search-exclude><tr><td><table></table></td></tr></table>",
        '<table data-search-exclude><tr><td><h3 id="x">A</h3></td></tr></table>',
        "<div data-search-exclude><table data-search-exclude><tr></tr></table></div>",
    ):
        assert search_copy(page) is page


def test_search_parses_a_copy_and_the_index_and_pages_stay_the_same(
    tmp_path, project_copy: Project, monkeypatch
):
    """The demo's search index and pages are byte for byte those of Material parsing the pages."""
    from material.plugins.search import plugin as search

    from generator.site import rawhtml

    parsed: list[str] = []
    real = search.SearchIndex.add_entry_from_context

    def spy(index, page):
        if not (page.meta.get("search") or {}).get("exclude"):  # bulk pages are not parsed
            parsed.append(page.content)
        return real(index, page)

    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", spy)
    fast = tmp_path / "fast"
    build(ROOT / "data", fast, project_copy, TODAY)
    seen = "".join(parsed)
    assert "<table data-search-exclude>" in seen and "<caption" not in seen
    assert 'class="k-chart"' in seen and "<rect" not in seen

    monkeypatch.setattr(rawhtml, "SEARCH_PLUGINS", ())  # the plugin leaves search alone
    full = tmp_path / "full"
    build(ROOT / "data", full, project_copy, TODAY)
    assert (full / "search" / "search_index.json").is_file()
    same_tree(full, fast)


def test_a_plugin_changing_the_page_while_search_indexes_it_fails_the_build(tmp_path, caplog):
    """Its change would be lost when the full page is put back: the build says so and stops."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.plugins import BasePlugin

    from generator.site import rawhtml

    class Stamp(BasePlugin):
        def on_page_context(self, context, page, **kwargs):  # priority 0, after search
            page.content += "<p>stempel</p>"
            return context

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "<p>Teks</p><table data-search-exclude><tr><td>1</td></tr></table>\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\ntheme:\n  name: material\nplugins:\n  - search\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    rawhtml.install(config, ["index.md"])
    mkdocs_build(config)  # alone, the plugin keeps the page
    assert "<td>1</td>" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")

    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["stamp"] = Stamp()
    rawhtml.install(config, ["index.md"])
    with pytest.raises(Abort):  # MkDocs logs the plugin's message, then aborts
        mkdocs_build(config)
    assert "index.md: plugin lain mengubah halaman saat indeks pencarian dibuat" in caplog.messages


def test_generated_pages_share_one_empty_markdown_render_and_the_site_stays_the_same(
    tmp_path, project_copy: Project, monkeypatch
):
    """Python-Markdown runs once for all generated pages: the site is the one it makes when it
    runs for each."""
    from generator.site import rawhtml

    plugins: list[rawhtml.RawHtml] = []
    real_install = rawhtml.install

    def spy(config, generated, lazy=False):
        real_install(config, generated, lazy)
        plugins.append(config.plugins[rawhtml.NAME])

    monkeypatch.setattr(rawhtml, "install", spy)
    once = tmp_path / "once"
    build(ROOT / "data", once, project_copy, TODAY)
    (plugin,) = plugins
    assert plugin.rendered_empty == 1 and len(plugin.generated) > 50

    def each(self, page, config, files):
        del page.render
        page.render(config, files)

    monkeypatch.setattr(rawhtml.RawHtml, "render_empty", each)
    every = tmp_path / "every"
    build(ROOT / "data", every, project_copy, TODAY)
    same_tree(once, every)


def test_a_build_reads_each_generated_body_late_holds_one_and_writes_the_same_site(
    tmp_path, project_copy: Project, monkeypatch
):
    """kanal build: every generated page's body is read just before its page is rendered and
    let go once it is written (no two bodies held at once); the site is the one MkDocs makes
    reading every file whole."""
    from mkdocs.plugins import BasePlugin, event_priority

    from generator.site import navmemo, rawhtml

    plugins: list[rawhtml.RawHtml] = []
    held: list[int] = []
    real_install = rawhtml.install

    class Count(BasePlugin):
        """Counts the generated pages holding a body while each page is rendered."""

        @event_priority(0)
        def on_page_context(self, context, page, config, nav):
            plugin = plugins[-1]
            pages = [f.page for f in self.files.documentation_pages() if f.page is not None]
            held.append(sum(1 for p in pages if p.file.src_uri in plugin.generated and p.content))
            return context

        def on_files(self, files, config):
            self.files = files
            return files

    def spy(config, generated, lazy=False):
        real_install(config, generated, lazy)
        plugins.append(config.plugins[rawhtml.NAME])

    real_memo = navmemo.install

    def with_count(config):  # known to the lazy mode (LAZY_PLUGINS below): it stays on
        memo = real_memo(config)
        config.plugins["hitung"] = Count()
        return memo

    monkeypatch.setattr(rawhtml, "install", spy)
    monkeypatch.setattr(rawhtml, "LAZY_PLUGINS", rawhtml.LAZY_PLUGINS | {"hitung"})
    monkeypatch.setattr(navmemo, "install", with_count)
    late = tmp_path / "late"
    build(ROOT / "data", late, project_copy, TODAY)
    plugin = plugins[-1]
    assert plugin.lazy and plugin.read_late == len(plugin.generated) > 50
    # The page being rendered is the only generated page with a body (hand-written pages and
    # those rendered before hold none).
    assert max(held) == 1 and len(held) >= len(plugin.generated)

    held.clear()
    monkeypatch.setattr(
        rawhtml, "install", lambda config, generated, lazy=False: spy(config, generated)
    )
    whole = tmp_path / "whole"
    build(ROOT / "data", whole, project_copy, TODAY)
    assert plugins[-1].read_late == 0
    assert max(held) > 50  # read whole: every body held from the start
    assert same_tree(late, whole) > 50


def _small_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for src, text in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\ntheme:\n  name: material\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


ODD_PAGES = {
    "index.md": "# Beranda\n",
    "a.md": "---\ntitle: Satu\n---\n\n<p>satu</p>\n",
    "b.md": "---\ntitle: [rusak\n---\n<p>dua</p>\n",  # front matter MkDocs cannot parse
    "c.md": "<p>tanpa front matter</p>\n",
    "d.md": "---\n---\n<p>kosong</p>\n",  # empty front matter: no metadata
    "e.md": "---\ndescription: " + "x" * 70_000 + "\n---\n<p>panjang</p>\n",  # past the head
    "f.md": "---\ntitle: É\n...\n\n\n<p>é ✓</p>\n",  # ended by ..., blank lines after it
    "g.md": "---\r\ntitle: CRLF\r\n---\r\n<p>crlf</p>\r\n",
    "h.md": "---\ntitle: CR\r---\n<p>cr</p>\n",  # a lone CR ends a line as MkDocs reads it
    "i.md": "---\ntitle: I\n---\n<p>a\r\nb\rc</p>\n",  # CR in the body only
    "j.md": "---\ntitle: J\r---\nx: y\n---\n<p>j</p>\n",  # a CR ends it before the bytes do
}


@pytest.mark.parametrize("others", ["", "  - kanal-uji-lain\n"])
def test_odd_generated_files_come_out_as_when_read_whole(tmp_path, others):
    """Front matter MkDocs cannot parse, none, an empty one, one longer than the head read, one
    ended by '...', CRLF line ends: each page is what MkDocs makes of the whole file. Another
    plugin installed turns the late reading off."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    from generator.site import rawhtml

    class Other(BasePlugin):
        pass

    sites = {}
    for lazy in (True, False):
        root = tmp_path / str(lazy)
        config_file = _small_site(root, ODD_PAGES)
        config = load_config(str(config_file), site_dir=str(root / "site"))
        if others:
            config.plugins["kanal-uji-lain"] = Other()
        rawhtml.install(config, sorted(ODD_PAGES), lazy=lazy)
        plugin = config.plugins[rawhtml.NAME]
        mkdocs_build(config)
        sites[lazy] = root / "site"
        if lazy:
            late = plugin.read_late
    expected = 0 if others else 3  # a, f and i; b, d read whole again; c, e, g, h never late
    assert late == expected
    assert same_tree(sites[True], sites[False]) > len(ODD_PAGES)
