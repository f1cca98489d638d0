"""Screenshots of built pages at phone (360 px) and desktop width, in Debian Chromium.

    python scripts/screenshots.py SITE_DIR OUT_DIR PATH [PATH ...]

Serves SITE_DIR on a loopback port, then writes OUT_DIR/<name>-360.png and -1280.png.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(site: str, out: str, paths: list[str]) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width, height in ((360, 780), (1280, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_").replace("#", "_") or "home"
                page.screenshot(path=f"{out}/{name}-{width}.png", full_page=True)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
