"""Shared fixtures: fixture regions, built sites, a loopback HTTP server, Debian Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build.pipeline import Project, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 22)
CHROMIUM = "/usr/bin/chromium"


def copy_project(root: Path) -> Project:
    """Kanal's mkdocs.yml, content/ and theme/ copied into ``root`` (made if missing), so a
    test builds without touching the checkout's build/ or site/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    return Project(root / "mkdocs.yml")


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A private copy of mkdocs.yml, content/ and theme/, so tests never touch build/ or site/."""
    return copy_project(tmp_path_factory.mktemp("project"))


BuildSite = Callable[[Path], Path]


@pytest.fixture(scope="session")
def build_site(project_copy: Project, tmp_path_factory: pytest.TempPathFactory) -> BuildSite:
    """Build the site of a data folder into a fresh folder and return that folder."""

    def run(data: Path) -> Path:
        out = tmp_path_factory.mktemp("site") / "site"
        build(data, out, project_copy, TODAY)
        return out

    return run


@pytest.fixture(scope="session")
def tiny_site(build_site: BuildSite) -> Path:
    return build_site(FIXTURES / "tiny")


@pytest.fixture(scope="session")
def demo_site(build_site: BuildSite) -> Path:
    return build_site(ROOT / "data")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 (a real HTTP server); returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's Chromium; nothing is downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


def without_completeness(lines: list[str]) -> list[str]:
    """Problem lines without the registry-completeness warnings: the tiny fixture registers
    1 of Kota Surakarta's 5 kecamatan, which tests of other rules need not repeat."""
    return [line for line in lines if " belum terdaftar" not in line]


def same_tree(one: Path, two: Path) -> int:
    """Assert two folders hold the same files, byte for byte; how many files."""
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for rel in files:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel
    return len(files)
