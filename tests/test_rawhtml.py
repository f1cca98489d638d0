"""Build speed: generated pages skip Markdown (published verbatim), the collector is paused while loading."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import Project, build
from tests.conftest import FIXTURES, TODAY


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

    import generator.build as kanal_build

    seen = []
    real_check = kanal_build.check

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(kanal_build, "check", spy)
    build(FIXTURES / "tiny", tmp_path / "site", project_copy, TODAY)
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() == 0
