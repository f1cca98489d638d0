"""A MkDocs plugin that hands Kanal's generated pages to the theme without Python-Markdown.

Every generated page (``generator.site.pages.Renderer.page``) is finished, escaped HTML in a
Markdown file. Python-Markdown would re-parse all of it (``md_in_html``'s raw-HTML parser,
about 10 ms a page: most of MkDocs' time at province scale) only to put the same blocks back.
For those pages this plugin gives Markdown an empty document and restores the HTML right
after, before any other plugin (search, the theme) sees the content. Hand-written pages
(``content/``) still go through Markdown. Raw HTML blocks get no table of contents from the
``toc`` extension anyway, so nothing is lost.

Even an empty document costs MkDocs a new Python-Markdown instance with every extension
(``Page.render``: ~0.5 ms a page, 10 % of MkDocs' time over a national directory's 9,479
pages). The extensions see only the empty text, so the first generated page's result (its
content, table of contents, title and anchors: whatever ``render`` set) is given to the others
(:meth:`RawHtml.render_empty`).

Material's search plugin then parses each indexed page with ``html.parser`` only to skip the
tables, charts and lists of names marked ``data-search-exclude`` (a complaint page's tables
are megabytes). Right around that plugin this one hands it a copy of the page with those
blocks emptied (:func:`search_copy`) and puts the full page back for the theme: the index is
the same, byte for byte, and the published page too.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Collection
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

NAME = "kanal-raw-html"
SEARCH_PLUGINS = ("search", "material/search")
MARK = "data-search-exclude"

# The blocks Kanal marks (generator.site.pages): the attribute comes right after the tag name.
# Quoted attribute values may hold ">", so the opening tag is matched attribute by attribute.
_BLOCK = re.compile(r"<(table|svg|ul) " + MARK + r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
# The attributes Material's search plugin strips from every page after indexing it
# (``\s?data-search-\w+="[^"]+"``); a page holding none is left as it was.
_REWRITTEN = re.compile(r'data-search-\w+="[^"]+"')
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']+|"[^"]*"|'[^']*')*)>""")
# Material's parser keeps no element of these on its stack (material/plugins/search/plugin.py).
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"]
    + ["source", "track", "wbr"]
)
# A block holding one of these is left whole: the parser reads script and style (and, in newer
# Pythons, textarea) as raw text, keeps object on its skip list, and starts a section at a
# heading even inside an excluded block.
_UNSAFE = frozenset(["script", "style", "textarea", "object", "h1", "h2", "h3", "h4", "h5", "h6"])


def _emptiable(inside: str, tag: str) -> bool:
    """Whether Material's parser leaves no trace of ``inside`` (the content of an excluded block).

    True when it is only well-nested tags and text: no comment, declaration or stray ``<``, no
    heading (the parser starts sections even in excluded blocks) and no nested ``tag`` (its end
    would take the outer block off the parser's skip list, which compares elements by name).
    """
    if "<!" in inside or "<?" in inside:
        return False
    stack: list[str] = []
    tags = 0
    for match in _TAG.finditer(inside):  # not findall: a big table's tags would all be in memory
        tags += 1
        closing, name, rest = match.groups()
        name = name.lower()
        if name in _VOID:
            continue
        if closing:
            if not stack or stack.pop() != name:
                return False
        elif name == tag or name in _UNSAFE:
            return False
        elif not rest.endswith("/"):
            stack.append(name)
    return not stack and tags == inside.count("<")


def search_copy(html: str) -> str:
    """``html`` with the insides of its excluded tables, charts and lists removed.

    Material's search parser yields the same index for both: it skips an excluded element's
    content, and the element's own tags (kept here) still end the text before and after it.
    A page with a block that could change the parser's state, or with excluded elements of
    another kind (a block might sit inside one), is returned as it is.
    """
    parts: list[str] = []
    pos = 0
    marks = 0
    for match in _BLOCK.finditer(html):
        start = match.end()
        if start <= pos:  # inside a block already emptied
            continue
        tag = match.group(1)
        end = html.find(f"</{tag}>", start)
        if match.group(0).endswith("/>") or end < 0 or not _emptiable(html[start:end], tag):
            return html
        marks += 1 + html.count(MARK, start, end)
        parts.append(html[pos:start])
        pos = end
    if not parts or marks != html.count(MARK):
        return html
    parts.append(html[pos:])
    return "".join(parts)


class RawHtml(BasePlugin):
    """Skip Markdown for the pages whose source path (``src_uri``) is in ``generated``."""

    def __init__(self, generated: Collection[str]) -> None:
        super().__init__()
        self.generated = frozenset(generated)
        self._held: dict[str, str] = {}
        self._full: tuple[str, str] | None = None  # (page content, the search copy) of one page
        self.searched = False  # whether Material's search plugin runs (install sets it)
        self._empty: dict[str, Any] | None = None  # what Page.render set for an empty document
        self.rendered_empty = 0  # generated pages that went through Python-Markdown

    @event_priority(-100)  # last: whatever other plugins did to the source is kept
    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        src = page.file.src_uri
        if src not in self.generated:
            return markdown
        self._held[src] = markdown
        # This page's render only (an instance attribute), not the class's.
        page.render = functools.partial(self.render_empty, page)
        return ""

    def render_empty(self, page: Any, config: Any, files: Any) -> None:
        """``page.render`` of an empty document, through Python-Markdown for the first page."""
        del page.render  # the instance's: Page.render again
        if self._empty is None:
            before = dict(vars(page))
            page.render(config, files)
            self.rendered_empty += 1
            self._empty = {
                name: value
                for name, value in vars(page).items()
                if name not in before or before[name] is not value
            }
            return
        for name, value in self._empty.items():
            setattr(page, name, copy.copy(value))  # a set or list of its own, as render makes

    @event_priority(100)  # first: other plugins see the page's real content
    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        held = self._held.pop(page.file.src_uri, None)
        return html if held is None else held

    # Material's search plugin indexes pages in its on_page_context (priority 0); these two run
    # right before and right after it.
    @event_priority(1)
    def _hand_search_a_copy(self, context: Any, page: Any, **kwargs: Any) -> Any:
        self._full = None
        full = page.content
        if not self.searched or page.file.src_uri not in self.generated:
            return context
        if _REWRITTEN.search(full):  # search rewrites the page itself (Kanal writes none of those)
            return context
        # A page out of the index is not parsed, but search still runs a regular expression over
        # all of it (0.5 s for the province's agency pages) that can change nothing here.
        copy = "" if (page.meta.get("search") or {}).get("exclude") else search_copy(full)
        if copy is not full:
            self._full = (full, copy)
            page.content = copy
        return context

    @event_priority(-1)
    def _put_the_page_back(self, context: Any, page: Any, **kwargs: Any) -> Any:
        if self._full is None:
            return context
        full, copy = self._full
        self._full = None
        if page.content != copy:  # another plugin changed the copy: its change would be lost
            raise PluginError(
                f"{page.file.src_uri}: plugin lain mengubah halaman saat indeks pencarian dibuat"
            )
        page.content = full
        return context

    on_page_context = CombinedEvent(_hand_search_a_copy, _put_the_page_back)


def install(config: Any, generated: Collection[str]) -> None:
    """Add the plugin to a loaded MkDocs configuration."""
    if generated:
        plugin = RawHtml(generated)
        plugin.searched = any(name in config.plugins for name in SEARCH_PLUGINS)
        config.plugins[NAME] = plugin
