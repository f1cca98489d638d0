"""A MkDocs plugin that hands Kanal's generated pages to the theme without Python-Markdown.

Every generated page (``generator.render.Renderer.page``) is finished, escaped HTML in a
Markdown file. Python-Markdown would re-parse all of it (``md_in_html``'s raw-HTML parser,
about 10 ms a page: most of MkDocs' time at province scale) only to put the same blocks back.
For those pages this plugin gives Markdown an empty document and restores the HTML right
after, before any other plugin (search, the theme) sees the content. Hand-written pages
(``content/``) still go through Markdown. Raw HTML blocks get no table of contents from the
``toc`` extension anyway, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

NAME = "kanal-raw-html"


class RawHtml(BasePlugin):
    """Skip Markdown for the pages whose source path (``src_uri``) is in ``generated``."""

    def __init__(self, generated: Collection[str]) -> None:
        super().__init__()
        self.generated = frozenset(generated)
        self._held: dict[str, str] = {}

    @event_priority(-100)  # last: whatever other plugins did to the source is kept
    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        src = page.file.src_uri
        if src not in self.generated:
            return markdown
        self._held[src] = markdown
        return ""

    @event_priority(100)  # first: other plugins see the page's real content
    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        held = self._held.pop(page.file.src_uri, None)
        return html if held is None else held


def install(config: Any, generated: Collection[str]) -> None:
    """Add the plugin to a loaded MkDocs configuration."""
    if generated:
        config.plugins[NAME] = RawHtml(generated)
