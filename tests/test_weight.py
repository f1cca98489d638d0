"""Page weight on first load, as a phone on a slow network would fetch it.

The demo site is served with gzip (tests/gzip_server.py, as any real host compresses text);
Chromium loads a page with an empty cache and every byte sent (headers and compressed bodies)
is summed; Material's search worker and index load on the first use of the search box, not
here. Budget: 150 KB per page, and no request may leave 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.gzip_server import serve

pytestmark = pytest.mark.browser

BUDGET = 150 * 1024
PAGES = {"home": "", "agency": "instansi/dinas-pupr/", "checker": "cek-akun/"}


@pytest.fixture(scope="module")
def gzip_url(demo_site: Path) -> Iterator[str]:
    server = serve(demo_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def first_load(browser: Browser, url: str) -> list[tuple[str, int, str]]:
    """(url, bytes sent, content-encoding) of every request of a cold first load."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # what starts after load is counted too
    rows = []
    for request in finished:
        sizes = request.sizes()
        response = request.response()
        headers = response.headers if response else {}
        encoding = headers.get("content-encoding", "-")
        # Chromium reports 0 bytes of body for a worker's script: take the declared length.
        body = max(sizes["responseBodySize"], int(headers.get("content-length", 0)))
        rows.append((request.url, body + sizes["responseHeadersSize"], encoding))
    context.close()
    return rows


@pytest.mark.parametrize("name", PAGES)
def test_first_load_within_budget_and_local(
    browser: Browser, gzip_url: str, name: str, capsys: pytest.CaptureFixture
) -> None:
    rows = first_load(browser, gzip_url + PAGES[name])
    total = sum(size for _, size, _ in rows)
    with capsys.disabled():
        print(f"\n{name}: {total / 1024:.1f} KB in {len(rows)} requests")
        for url, size, encoding in sorted(rows, key=lambda r: -r[1]):
            print(f"  {size / 1024:7.1f} KB  {encoding:5} {urlsplit(url).path}")
    paths = [urlsplit(url).path for url, _, _ in rows]
    assert any(p.endswith(".html") or p.endswith("/") for p in paths)  # the recorder works
    assert any("bundle" in p for p in paths)  # Material's script was counted
    # Material's search worker and index wait for the first use of the search box (main.html).
    assert not any(p.endswith("search_index.json") or "/workers/" in p for p in paths)
    html = next(r for r in rows if urlsplit(r[0]).path == "/" + PAGES[name])
    assert html[2] == "gzip"  # the server really compresses
    foreign = [url for url, _, _ in rows if urlsplit(url).hostname != "127.0.0.1"]
    assert foreign == []
    assert total <= BUDGET, f"{name}: {total / 1024:.1f} KB > {BUDGET / 1024:.0f} KB"
