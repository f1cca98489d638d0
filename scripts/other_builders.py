"""Build Kanal's generated pages with other builders than MkDocs and report what differs.

MkDocs 1.x is unmaintained and Material is in maintenance until about May 2027. This script
(run by Kanal's own CI, never failing it) builds the demo with MkDocs as `kanal build` does,
then with Zensical (reads mkdocs.yml) and ProperDocs (a MkDocs 1.x continuation), each from
its own virtualenv, and compares: pages missing, templates not applied, links broken, titles.

    python scripts/other_builders.py [--data data] [--budget 900] [--venvs ~/.cache/kanal-builders]

The cheap fixes are applied here, in the generated configuration: a relative ``docs_dir``
(Zensical panics on an absolute one) and a ``site_dir`` inside the project root.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.pipeline import Project, _base_extra, build, mkdocs_overrides  # noqa: E402

# Builder -> (pip requirements, command). Zensical 0.1.x did not install from the index
# (a dependency was missing) when this was written; pip then picks the newest that does.
BUILDERS = {
    "zensical": (["zensical"], ["zensical", "build", "--config-file", "{config}"]),
    "properdocs": (
        ["properdocs", "mkdocs-material>=9.5,<10"],
        ["properdocs", "build", "--config-file", "{config}"],
    ),
}
# Each builder's own scripts, styles and search index, and the marker `kanal build` adds.
BUILDER_OWN = ("assets/javascripts/", "assets/stylesheets/", "search/", ".kanal-site")
# Rendered by Kanal's theme overrides (theme/): a page without them missed the templates.
THEME_MARKERS = ('class="k-demo"', "Cari di situs ini")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.links: list[str] = []
        self.jsonld = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self.jsonld += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@dataclass
class SiteSummary:
    pages: dict[str, _Page] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    raw: dict[str, str] = field(default_factory=dict)


def read_site(site: Path) -> SiteSummary:
    out = SiteSummary()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        out.files.add(rel)
        if rel.endswith(".html") and not rel.startswith("assets/"):
            text = path.read_text(encoding="utf-8", errors="replace")
            page = _Page()
            page.feed(text)
            out.pages[rel] = page
            out.raw[rel] = text
    return out


def broken_links(site: SiteSummary) -> list[str]:
    """Relative links of every page that point at no file of the site."""
    broken = []
    for rel, page in site.pages.items():
        base = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
        for href in page.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", href, re.I):
                continue
            target = href.split("#")[0].split("?")[0]
            if not target:
                continue
            path = os.path.normpath(base + target).replace(os.sep, "/")
            if path.startswith("../"):
                broken.append(f"{rel} -> {href}")
                continue
            if target.endswith("/") or path == ".":
                path = (path.rstrip("/") + "/index.html").lstrip("./").lstrip("/")
            if path not in site.files and path + "/index.html" not in site.files:
                broken.append(f"{rel} -> {href}")
    return broken


def compare(reference: SiteSummary, other: SiteSummary) -> list[str]:
    """Findings, most important first; an empty list means no difference found."""
    findings = []
    missing = sorted(set(reference.pages) - set(other.pages))
    if missing:
        findings.append(f"{len(missing)} halaman tidak ada: {', '.join(missing[:8])}")
    no_theme = [
        rel
        for rel in sorted(set(reference.pages) & set(other.pages))
        if any(m in reference.raw[rel] and m not in other.raw[rel] for m in THEME_MARKERS)
    ]
    if no_theme:
        findings.append(f"{len(no_theme)} halaman tanpa templat Kanal: {', '.join(no_theme[:8])}")
    titles = [
        rel
        for rel in sorted(set(reference.pages) & set(other.pages))
        if reference.pages[rel].title.strip() != other.pages[rel].title.strip()
    ]
    if titles:
        rel = titles[0]
        findings.append(
            f"{len(titles)} judul berbeda, mis. {rel}: "
            f"'{reference.pages[rel].title.strip()}' / '{other.pages[rel].title.strip()}'"
        )
    jsonld = [
        rel
        for rel in sorted(set(reference.pages) & set(other.pages))
        if reference.pages[rel].jsonld != other.pages[rel].jsonld
    ]
    if jsonld:
        findings.append(f"{len(jsonld)} halaman dengan JSON-LD berbeda: {', '.join(jsonld[:5])}")
    ref_broken, other_broken = set(broken_links(reference)), set(broken_links(other))
    new_broken = sorted(other_broken - ref_broken)
    if new_broken:
        findings.append(f"{len(new_broken)} tautan rusak, mis. {'; '.join(new_broken[:5])}")
    data_missing = sorted(
        f
        for f in reference.files - other.files
        if not f.endswith(".html") and not f.startswith(BUILDER_OWN)
    )
    if data_missing:
        findings.append(f"{len(data_missing)} berkas lain tidak ada: {', '.join(data_missing[:5])}")
    return findings


def builder_config(project_root: Path, directory, name: str) -> Path:
    """mkdocs.yml with what `kanal build` passes to MkDocs, written as a file any builder reads:
    docs_dir relative to it and site_dir inside the project root."""
    config = yaml.safe_load((project_root / "mkdocs.yml").read_text(encoding="utf-8"))
    project = Project(project_root / "mkdocs.yml")
    config.update(mkdocs_overrides(directory, project, _base_extra(project)))
    config["docs_dir"] = "build/docs"
    config["site_dir"] = f"site-{name}"
    # site_name reaches MkDocs as Markup, escaped once (its theme prints it raw); a YAML file
    # holds text, which the other builder escapes itself.
    config = {k: v.unescape() if isinstance(v, Markup) else v for k, v in config.items()}
    path = project_root / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def ensure_venv(venvs: Path, name: str, requirements: list[str], timeout: float) -> Path:
    venv = venvs / name
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=timeout)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
        check=True,
        timeout=timeout,
    )
    return venv


def version(venv: Path, package: str) -> str:
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "show", package],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = re.search(r"^Version: (.+)$", out, re.M)
    return found.group(1) if found else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--budget", type=float, default=900, help="detik untuk semua pembangun")
    parser.add_argument(
        "--venvs", type=Path, default=Path.home() / ".cache" / "kanal-builders", help="virtualenv"
    )
    parser.add_argument("--only", choices=sorted(BUILDERS), action="append")
    parser.add_argument("--keep", type=Path, help="simpan proyek dan situsnya di folder ini")
    args = parser.parse_args()
    deadline = time.monotonic() + args.budget
    today = dt.date(2026, 11, 22)
    with tempfile.TemporaryDirectory(prefix="kanal-builders-") as tmp:
        root = Path(tmp)
        for name in ("mkdocs.yml", "content", "theme"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
        start = time.perf_counter()
        result = build(args.data, root / "site-mkdocs", Project(root / "mkdocs.yml"), today)
        print(f"mkdocs: {len(result.pages)} halaman dibuat, {time.perf_counter() - start:.1f} s")
        reference = read_site(root / "site-mkdocs")
        for name in args.only or sorted(BUILDERS):
            requirements, command = BUILDERS[name]
            left = deadline - time.monotonic()
            if left < 30:
                print(f"{name}: dilewati (anggaran waktu habis)")
                continue
            try:
                venv = ensure_venv(args.venvs, name, requirements, left)
            except (subprocess.SubprocessError, OSError) as exc:
                print(f"{name}: tidak bisa dipasang: {exc}")
                continue
            config = builder_config(root, result.directory, name)
            argv = [str(venv / "bin" / command[0])] + [
                c.replace("{config}", config.name) for c in command[1:]
            ]
            start = time.perf_counter()
            try:
                run = subprocess.run(
                    argv,
                    cwd=root,
                    capture_output=True,
                    text=True,
                    timeout=max(10.0, deadline - time.monotonic()),
                )
            except subprocess.TimeoutExpired:
                print(f"{name}: melewati anggaran waktu")
                continue
            seconds = time.perf_counter() - start
            label = f"{name} {version(venv, name)}"
            if run.returncode != 0 or not (root / f"site-{name}").is_dir():
                tail = (run.stderr or run.stdout).strip().splitlines()[-5:]
                print(f"{label}: GAGAL (status {run.returncode}, {seconds:.1f} s)")
                for line in tail:
                    print(f"    {line}")
                continue
            findings = compare(reference, read_site(root / f"site-{name}"))
            pages = len(read_site(root / f"site-{name}").pages)
            verdict = "sama dengan MkDocs" if not findings else f"{len(findings)} perbedaan"
            print(f"{label}: {pages} halaman HTML, {seconds:.1f} s, {verdict}")
            for finding in findings:
                print(f"    - {finding}")
        if args.keep:
            shutil.copytree(root, args.keep, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
