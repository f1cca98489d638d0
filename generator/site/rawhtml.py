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

MkDocs reads every page before it renders the first, and keeps each page's content to the
end: a national directory's generated pages held 351 MB of text in the build's process from
then on (its peak). In ``kanal build`` (``lazy``), when no plugin but these and search is
installed, a generated page's file is read up to the end of its front matter before MkDocs
reads the pages (``on_files``: MkDocs parses that only), its body just before the page is
rendered, and let go once the page is written: one page's body in memory at a time.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Collection
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils.meta import YAML_RE, get_data

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
# MkDocs' own front matter pattern (mkdocs.utils.meta.YAML_RE), on the file's bytes.
_FRONT = re.compile(YAML_RE.pattern.encode(), re.DOTALL)
HEAD_BYTES = 1 << 16  # a generated page's front matter is a few hundred bytes
# The plugins a lazy build knows read no page content before it is rendered, and none after.
LAZY_PLUGINS = frozenset(["search", "material/search", "kanal-nav-memo"])
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

    def __init__(self, generated: Collection[str], lazy: bool = False) -> None:
        super().__init__()
        self.generated = frozenset(generated)
        self.lazy = lazy  # a build may read the bodies late (see the module)
        self._bodies: dict[str, tuple[str, int]] = {}  # src_uri -> (file, where its body starts)
        self._held: dict[str, str] = {}
        self._full: tuple[str, str] | None = None  # (page content, the search copy) of one page
        self.searched = False  # whether Material's search plugin runs (install sets it)
        self._empty: dict[str, Any] | None = None  # what Page.render set for an empty document
        self.rendered_empty = 0  # generated pages that went through Python-Markdown
        self.read_late = 0  # bodies read just before their page was rendered

    @event_priority(-100)  # last: the files as the other plugins left them
    def on_files(self, files: Any, /, *, config: Any) -> Any:
        """For a lazy build: each generated page's source is its front matter (read here) until
        it is rendered."""
        self._bodies.clear()
        if not self.lazy or any(
            name not in LAZY_PLUGINS and name != NAME for name in config.plugins
        ):
            return files
        for file in files.documentation_pages():
            if file.src_uri not in self.generated or file.abs_src_path is None:
                continue
            path = file.abs_src_path
            with open(path, "rb") as source:
                head = source.read(HEAD_BYTES)
            match = _FRONT.match(head)
            # No front matter, or a long one, or a carriage return in it (MkDocs reads text
            # with universal newlines, which could end it elsewhere): read whole, as MkDocs does.
            if match is None or b"\r" in head[: match.end()]:
                continue
            self._bodies[file.src_uri] = (path, match.end())
            file.content_string = head[: match.end()].decode("utf-8-sig")
            file.abs_src_path = path  # still the page's file (setting the content forgot it)
        return files

    @event_priority(-100)  # last: whatever other plugins did to the source is kept
    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        src = page.file.src_uri
        if src not in self.generated:
            return markdown
        if src in self._bodies and (markdown or not page.meta):
            # MkDocs could not take the front matter (it would have kept the whole file as
            # Markdown, with no metadata): as when it read the whole file.
            path, _ = self._bodies.pop(src)
            with open(path, encoding="utf-8-sig") as source:
                markdown, page.meta = get_data(source.read())
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

    @event_priority(100)  # first: every other plugin sees the page's real content
    def _read_body(self, context: Any, page: Any, **kwargs: Any) -> Any:
        """A lazy page's body, read as MkDocs would have read it with its front matter."""
        where = self._bodies.get(page.file.src_uri)
        if where is not None:
            self.read_late += 1
            path, start = where
            with open(path, "rb") as source:
                source.seek(start)
                body = source.read().decode("utf-8")
            if "\r" in body:  # universal newlines, as MkDocs reads the file
                body = body.replace("\r\n", "\n").replace("\r", "\n")
            page.content = body.lstrip("\n")
        return context

    @event_priority(-100)  # last: the page is written once this returns
    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        if page.file.src_uri in self._bodies:
            page.content = ""  # let go of it: read again should another build of it run
        return output

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

    on_page_context = CombinedEvent(_read_body, _hand_search_a_copy, _put_the_page_back)


def install(config: Any, generated: Collection[str], lazy: bool = False) -> None:
    """Add the plugin to a loaded MkDocs configuration; ``lazy``: see the module."""
    if generated:
        plugin = RawHtml(generated, lazy)
        plugin.searched = any(name in config.plugins for name in SEARCH_PLUGINS)
        config.plugins[NAME] = plugin
