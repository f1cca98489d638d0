"""The whole build, top to bottom: load, validate, compute, render, MkDocs, publish.

Nothing is written until every input is loaded and valid, and the previous site is only
replaced once the new one is complete.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.complaints.load import ComplaintData, load_complaints
from generator.feeds.activity import Activity, load_activity
from generator.inputfiles import check_tree
from generator.models import Directory
from generator.problems import InvalidData, Problems
from generator.render import PageRef, write_docs
from generator.schema import write_schemas
from generator.validate import load_directory

SITE_MARKER = ".kanal-site"


@dataclass(frozen=True)
class Project:
    """Where the hand-written parts live: mkdocs.yml, content/, theme/, and the build folder."""

    config: Path

    @property
    def root(self) -> Path:
        return self.config.parent

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"


@dataclass
class BuildResult:
    directory: Directory
    pages: list[PageRef]
    warnings: list
    seconds: float


class BuildError(Exception):
    """A build that could not finish for a reason other than invalid data."""


@dataclass
class Inputs:
    """Everything a build reads from ``data/``, validated. Feature data joins the directory here."""

    directory: Directory
    activity: Activity | None = None  # posting activity from the stored history (data/posts/)
    complaints: ComplaintData | None = None  # complaint records (data/complaints/)


def check(data: Path, today: dt.date, strict: bool = False) -> tuple[Inputs | None, Problems]:
    """Load and validate every input; nothing is written. None when anything failed."""
    problems = Problems()
    directory = load_directory(data, today, problems)
    if directory is None or problems.failed(strict):
        return None, problems
    activity = load_activity(data, directory, problems)  # offline: the stored history only
    complaints = load_complaints(data, directory, problems)
    if problems.failed(strict):
        return None, problems
    return Inputs(directory, activity=activity, complaints=complaints), problems


def check_project(project: Project, problems: Problems) -> None:
    """Links and odd entries in content/ and theme/: they would be copied into the site."""
    for folder in (project.content, project.root / "theme"):
        check_tree(folder, problems)


def sync_tree(src: Path, dst: Path) -> None:
    """Make ``dst`` equal to ``src``, touching only files that changed (live reload stays calm)."""
    dst.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(src) for p in src.rglob("*")}
    for rel in sorted(wanted):
        source, target = src / rel, dst / rel
        if source.is_dir():
            target.mkdir(exist_ok=True)
        elif not target.exists() or not filecmp.cmp(source, target, shallow=False):
            shutil.copy2(source, target)
    for path in sorted(dst.rglob("*"), reverse=True):
        if path.relative_to(dst) not in wanted:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def generate(inputs: Inputs, project: Project) -> list[PageRef]:
    """Write the MkDocs sources (hand-written and generated) into the build folder."""
    project.docs.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-", dir=project.docs.parent) as tmp:
        pages = write_docs(
            inputs.directory,
            project.content,
            Path(tmp),
            activity=inputs.activity,
            complaints=inputs.complaints,
        )
        write_schemas(Path(tmp) / "schema")
        sync_tree(Path(tmp), project.docs)
    return pages


def mkdocs_overrides(
    directory: Directory, project: Project, base_extra: dict[str, Any]
) -> dict[str, Any]:
    region = directory.region
    overrides: dict[str, Any] = {
        "docs_dir": str(project.docs),
        # MkDocs prints site_name unescaped into <title> and the header.
        "site_name": str(escape(f"Kanal {region.name}")),
        "extra": {
            **base_extra,
            "kanal": {
                "demo": region.demo,
                "region": region.name,
                "publisher": region.publisher.name,
                "updated": directory.today.isoformat(),
            },
        },
    }
    if region.site_url:
        overrides["site_url"] = region.site_url
    return overrides


def _base_extra(project: Project) -> dict[str, Any]:
    from mkdocs.config import load_config

    return dict(load_config(str(project.config)).get("extra") or {})


def run_mkdocs(directory: Directory, project: Project, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides = mkdocs_overrides(directory, project, _base_extra(project))
    try:
        config = load_config(str(project.config), site_dir=str(site_dir), strict=True, **overrides)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs gagal: {exc}") from None


def publish(new_site: Path, out: Path) -> None:
    """Swap the finished site into place; refuse to replace a folder Kanal did not make."""
    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        raise BuildError(
            f"folder '{out}' sudah berisi berkas lain; Kanal tidak akan menimpanya. Pilih --out lain."
        )
    (new_site / SITE_MARKER).write_text(
        "Dibuat oleh kanal build; boleh diganti seluruhnya.\n", encoding="utf-8"
    )
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    new_site.rename(out)
    if old is not None:
        shutil.rmtree(old)


def build(
    data: Path, out: Path, project: Project, today: dt.date, strict: bool = False
) -> BuildResult:
    """Validate ``data``, generate the pages and build the site into ``out``."""
    start = time.perf_counter()
    inputs, problems = check(data, today, strict)
    check_project(project, problems)
    if inputs is None or problems.errors:
        raise InvalidData(problems)
    pages = generate(inputs, project)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        run_mkdocs(inputs.directory, project, staging)
        publish(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return BuildResult(inputs.directory, pages, problems.warnings, time.perf_counter() - start)
