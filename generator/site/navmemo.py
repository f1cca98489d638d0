"""A MkDocs plugin that renders Material's sidebars once per place in the site, not per page.

Material renders its ``site_nav`` block (the navigation sidebar with every menu entry, and the
table-of-contents sidebar) for every page: about 40 % of the theme's time, the same HTML again
and again. For a page that is not in the menu (every generated agency, group and weekly page)
and has no table of contents, the block's HTML depends on the page only through

- the relative URLs it writes (MkDocs' ``url`` filter, relative to the page's folder): the same
  for two pages whose folders are equally deep and share the longest start that also starts
  one of the URLs the block asked for (:func:`place`);
- the page's ``hide`` setting (``navigation``, ``toc``).

So the block is rendered for the first page of each such key and its HTML reused for the
others: a national directory renders it 3 times for 9,479 pages, and MkDocs takes 15.7-16.7 s
instead of 22.3-27.1 s (with :mod:`generator.site.rawhtml`'s shared empty render). What the
block asked the ``url`` filter for is recorded while it renders (a URL not seen before refines
the keys of the pages after it).

Rendered as before: pages in the menu or below one of its entries (a blog post, an archive
page: entries are then active), pages with a table of contents, pages whose template has code
outside its blocks (``{% set hidden = ... %}`` runs before the block), pages a plugin hands a
navigation, configuration or ``hidden`` of their own, and every page when the theme overrides
the block, ``base.html`` or a partial (:func:`materials_own`). The guards overlap on purpose;
an adversarial review found the blog and template cases. ``tests/test_navmemo.py`` builds the
demo site, random sites and those cases with and without the plugin: every file is the same,
byte for byte.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.exceptions import TemplateNotFound
from mkdocs.plugins import BasePlugin

NAME = "kanal-nav-memo"
BLOCK = "site_nav"
BASE_TEMPLATE = "base.html"  # Material's: the template that defines the block

Block = Callable[..., Iterator[str]]


def folder_parts(url: str) -> tuple[str, ...]:
    """The parts of the folder MkDocs takes relative URLs from for a page at ``url``
    (``mkdocs.utils.get_relative_url``: a last part holding a dot is a file, then normalized)."""
    head, _, last = url.rpartition("/")
    return _parts(head if "." in last else url)


def _parts(path: str) -> tuple[str, ...]:
    """``mkdocs.utils._norm_parts``: the parts of a slash-separated path, normalized."""
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return tuple(path.split("/")) if path else ()


def materials_own(folders: list[str]) -> bool:
    """Whether the block and everything it includes are Material's own: no theme folder before
    Material's holds a ``base.html`` or a ``partials/`` folder (a region's ``nav-item.html``
    or ``toc.html`` may read anything of the page)."""
    import material

    own = (Path(material.__file__).parent / "templates").resolve()
    for folder in map(Path, folders):
        if folder.resolve() == own:
            return True
        if (folder / BASE_TEMPLATE).exists() or (folder / "partials").exists():
            return False
    return False


def _plain_chain(env: Any, name: Any) -> bool:
    from jinja2 import nodes

    seen = set()
    while isinstance(name, str) and name != BASE_TEMPLATE and name not in seen:
        seen.add(name)
        try:
            source, _, _ = env.loader.get_source(env, name)
            body = env.parse(source).body
        except Exception:  # noqa: BLE001 - unreadable here: MkDocs will say why
            return False
        parent = None
        for node in body:
            if isinstance(node, nodes.Extends) and isinstance(node.template, nodes.Const):
                parent = node.template.value
            elif isinstance(node, nodes.Output) and all(
                isinstance(n, nodes.TemplateData) and not n.data.strip() for n in node.nodes
            ):
                continue
            elif not isinstance(node, nodes.Block | nodes.Macro):
                return False
        name = parent
    return name == BASE_TEMPLATE


def target_parts(value: str) -> tuple[str, ...]:
    """The parts MkDocs compares a target URL by (``normalize_url``); none for a full URL."""
    value = value.replace("\\", "/") or "."
    if value.startswith(("/", "#")):
        return ()
    with contextlib.suppress(ValueError):  # unparsable: taken as a path (a finer key)
        parsed = urlsplit(value)
        if parsed.scheme or parsed.netloc:
            return ()
    return _parts(value)


def prefixes(parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [parts[:i] for i in range(len(parts) + 1)]


def place(url: str, starts: set[tuple[str, ...]]) -> tuple[int, tuple[str, ...]]:
    """What every relative URL to the targets whose starts (:func:`prefixes`) are ``starts``
    depends on, for a page at ``url``: how deep its folder is and the longest start of the
    folder that is one of ``starts``. MkDocs counts the parts a target and the folder share
    from the start (never more than that longest start), climbs the rest of the folder with
    ``..`` and appends the rest of the target."""
    parts = folder_parts(url)
    shared = 0
    while shared < len(parts) and parts[: shared + 1] in starts:
        shared += 1
    return len(parts), parts[:shared]


class NavMemo(BasePlugin):
    """Reuse the ``site_nav`` block's HTML between pages that would get the same HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.memo: dict[tuple[Any, ...], str] = {}
        self.starts: set[tuple[str, ...]] = {()}  # of the URLs the block asked the url filter for
        self.recording: list[str] | None = None
        self.off = False  # the url filter was not asked: another plugin replaced it
        self._plain: dict[Any, bool] = {}
        self.rendered = 0  # pages whose block was rendered (not reused); for tests and benchmarks
        self.reused = 0

    def on_env(self, env: Any, **kwargs: Any) -> Any:
        url = env.filters.get("url")
        try:
            base = env.get_template(BASE_TEMPLATE)
        except TemplateNotFound:  # not Material: nothing to reuse
            return env
        block = base.blocks.get(BLOCK)
        config = kwargs.get("config")
        if url is None or block is None or config is None or not materials_own(config.theme.dirs):
            return env

        @pass_context
        def recorded_url(context: Any, value: Any) -> str:
            if self.recording is not None:
                self.recording.append(str(value))
            return url(context, value)

        env.filters["url"] = recorded_url
        base.blocks[BLOCK] = self.wrap(block)
        return env

    def key(self, context: Any, wrapper: Block) -> tuple[Any, ...] | None:
        """The memo's key for this page, or None if its block must be rendered."""
        if self.off or context.blocks.get(BLOCK) != [wrapper]:  # a template overrides the block
            return None
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page.toc or page.parent is not None:
            return None
        # In the menu (read as the page renders: a later on_nav, such as the blog's, may add
        # archive pages), or below a page of it (a blog post): entries are then active.
        if page in nav.pages:
            return None
        if any(getattr(item, "active", False) for item in nav.items):
            return None
        template = page.meta.get("template", "main.html") if page.meta else "main.html"
        if not self.plain(context.environment, template):
            return None
        hide = page.meta.get("hide") if page.meta else None
        # A plugin may hand this page a navigation, configuration or `hidden` of its own.
        extra = (id(nav), id(context.get("config")), repr(context.get("hidden")))
        return (repr(hide), extra, place(page.url, self.starts))

    def plain(self, env: Any, name: Any) -> bool:
        """Whether ``name`` and the templates it extends, up to Material's ``base.html``, hold
        only blocks and macros at their top: code there (``{% set hidden = ... %}``, an import)
        runs before the block and may hand it anything of the page."""
        if name not in self._plain:
            self._plain[name] = _plain_chain(env, name)
        return self._plain[name]

    def wrap(self, block: Block) -> Block:
        def site_nav(context: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
            key = self.key(context, site_nav)
            if key is None:
                yield from block(context, *args, **kwargs)
                return
            html = self.memo.get(key)
            if html is None:
                html = self.render(block, context, args, kwargs)
                key = self.key(context, site_nav)  # finer if the block asked for a new URL
                assert key is not None
                self.memo[key] = html
            else:
                self.reused += 1
            yield html

        return site_nav

    def render(self, block: Block, context: Any, args: Any, kwargs: Any) -> str:
        self.rendered += 1
        self.recording = []
        try:
            html = "".join(block(context, *args, **kwargs))
        finally:
            asked, self.recording = self.recording, None
        if not asked:  # Material's menu always links home: the url filter is no longer ours
            self.off = True
        # Keys made before stay right: pages that render the block alike ask for the same URLs,
        # and a key refined by more starts still says how those URLs come out.
        self.starts.update(start for value in asked for start in prefixes(target_parts(value)))
        return html


def install(config: Any) -> NavMemo:
    """Add the plugin to a loaded MkDocs configuration."""
    plugin = NavMemo()
    config.plugins[NAME] = plugin
    return plugin
