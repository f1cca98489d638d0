"""Where a build finds its parts: Kanal's defaults, and a region repository's own overrides.

Kanal's repository keeps ``mkdocs.yml``, ``content/`` and ``theme/`` at its root; a wheel
carries a copy of them in ``generator/defaults/`` (``setup.py`` puts it there at build time).
A region repository holds ``data/`` and, optionally, ``content/`` pages that override or add to
Kanal's pages and a small ``kanal.yml`` with site settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.safeinput.problems import InvalidData, Location, Problems, display_path
from generator.safeinput.yamlio import read_yaml


@dataclass(frozen=True)
class Project:
    """Where the hand-written parts live: mkdocs.yml, content/, theme/, and the build folder.

    ``config`` is Kanal's mkdocs.yml (the checkout's or the packaged copy) or a power user's
    own. A region repository adds ``workdir`` (its root: the build folder goes there),
    ``overrides`` (its own content/ pages, laid over Kanal's) and ``settings`` (kanal.yml).
    """

    config: Path
    workdir: Path | None = None
    overrides: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # A build's own docs folder while another build or preview holds build/docs (docslock).
    private_docs: Path | None = None

    @property
    def root(self) -> Path:
        return self.workdir or self.config.parent

    @property
    def content(self) -> Path:
        return self.config.parent / "content"

    @property
    def docs(self) -> Path:
        return self.private_docs or self.root / "build" / "docs"

    @property
    def files(self) -> Path:
        """Beside the docs folder: files that reach the site as they are, past MkDocs (posters),
        kept between the rebuilds of ``kanal serve``."""
        return self.docs.with_name(self.docs.name + "-files")

    @property
    def content_dirs(self) -> list[Path]:
        """Kanal's pages, then the region's own (which win on the same path)."""
        dirs = [self.content]
        own = self.overrides
        if own and own.is_dir() and own.resolve() != self.content.resolve():
            dirs.append(own)
        return dirs


PACKAGE = Path(__file__).resolve().parent.parent  # generator/
PACKAGED_DEFAULTS = PACKAGE / "defaults"
CHECKOUT = PACKAGE.parent
DEFAULT_PARTS = ("mkdocs.yml", "content", "theme")
SETTINGS_FILE = "kanal.yml"
SETTINGS_KEYS = ("copyright", "nav")


class ConfigError(Exception):
    """A configuration the user can fix; the message says where Kanal looked and what to run."""


def _complete(folder: Path) -> bool:
    return (
        (folder / "mkdocs.yml").is_file()
        and (folder / "content").is_dir()
        and (folder / "theme").is_dir()
    )


def defaults_dir() -> Path:
    """Kanal's default mkdocs.yml, content/ and theme/: the checkout's, else the packaged copy.

    In a checkout (editable install) the root files are the source of truth, so an edit to
    ``theme/`` shows at once; an installed wheel only has its packaged copy.
    """
    if (CHECKOUT / "pyproject.toml").is_file() and _complete(CHECKOUT):
        return CHECKOUT
    if _complete(PACKAGED_DEFAULTS):
        return PACKAGED_DEFAULTS
    raise ConfigError(
        f"berkas bawaan Kanal (mkdocs.yml, content/, theme/) tidak ditemukan di {PACKAGED_DEFAULTS} "
        f"maupun {CHECKOUT}; pasang ulang Kanal: pip install --force-reinstall kanal"
    )


def load_settings(root: Path, problems: Problems) -> dict[str, Any]:
    """Read ``kanal.yml`` (optional) into MkDocs settings; problems are located in the file."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return {}
    shown = display_path(path)
    parsed = read_yaml(path, shown, problems)
    if parsed is None:
        return {}
    raw, lines = parsed
    if not isinstance(raw, dict):
        problems.error(
            Location(shown, 1, 1), "", "isi kanal.yml harus berupa pasangan kunci: nilai"
        )
        return {}
    settings: dict[str, Any] = {}
    for key, value in raw.items():
        at = lines.locate((key,))
        if key not in SETTINGS_KEYS:
            problems.error(at, key, f"kunci tidak dikenal; yang boleh: {', '.join(SETTINGS_KEYS)}")
        elif key == "nav":
            nav = _nav(value, lines, problems)
            if nav:
                settings["nav"] = nav
        elif not isinstance(value, str) or not value.strip():
            problems.error(at, key, "harus berupa teks")
        else:
            # MkDocs and Material print these without escaping (footer, <meta>).
            settings[key] = str(escape(value.strip()))
    return settings


def _nav(value: Any, lines: Any, problems: Problems) -> list[dict[str, str]]:
    """Extra menu entries: ``- Judul: halaman.md`` (a page in content/) or an https:// link."""
    if not isinstance(value, list):
        problems.error(lines.locate(("nav",)), "nav", "harus berupa daftar '- Judul: halaman.md'")
        return []
    out = []
    for i, item in enumerate(value):
        at, field = lines.locate(("nav", i)), f"nav[{i}]"
        if not (isinstance(item, dict) and len(item) == 1):
            problems.error(at, field, "tulis satu entri per baris: '- Judul: halaman.md'")
            continue
        ((title, target),) = item.items()
        if not isinstance(target, str) or not (
            target.startswith("https://")
            or (
                target.endswith(".md")
                and ".." not in target.split("/")
                and not target.startswith("/")
            )
        ):
            problems.error(
                at,
                field,
                f"'{target}' harus halaman .md di content/ (tanpa '..') atau tautan https://",
            )
            continue
        out.append({str(escape(title)): target})
    return out


def base_nav(config: Path) -> list[Any]:
    """The ``nav`` of a mkdocs.yml, read without MkDocs' validation."""
    import yaml

    loaded = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return list(loaded.get("nav") or [])


def find_project(config: Path | None, workdir: Path, problems: Problems):
    """The Project for a command run in ``workdir``; ``config`` is ``--config`` when given.

    ``--config`` or a ``mkdocs.yml`` in the working folder (Kanal's checkout, a power user's
    repository) is used as is; otherwise Kanal's defaults with the region's overrides.
    Problems in kanal.yml go to ``problems``.
    """

    if config is not None:
        if not config.is_file():
            raise ConfigError(
                f"berkas konfigurasi '{config}' tidak ditemukan (dicari di {config.resolve()}); "
                "hapus --config untuk memakai pengaturan bawaan Kanal"
            )
        return Project(config.resolve())
    own = workdir / "mkdocs.yml"
    if own.is_file():
        return Project(own.resolve())
    defaults = defaults_dir()
    return Project(
        defaults / "mkdocs.yml",
        workdir=workdir.resolve(),
        overrides=(workdir / "content").resolve(),
        settings=load_settings(workdir, problems),
    )


def require_data(data: Path) -> None:
    """Say plainly where the data folder was looked for and how to make one."""
    if not data.is_dir():
        raise ConfigError(
            f"folder data '{data}' tidak ditemukan (dicari di {os.path.abspath(data)}). Jalankan perintah "
            "ini di folder repositori daerah, pakai --data FOLDER, atau buat repositori baru: "
            "kanal init KODE FOLDER (misalnya kanal init 33.16 blora)"
        )


def project_for(data: Path, config: Path | None) -> Project:
    """The project a command builds with (Kanal's defaults plus a region repository's own
    settings); a missing data folder or a bad kanal.yml ends the command with located problems."""
    require_data(data)
    problems = Problems()
    project = find_project(config, Path.cwd(), problems)
    if problems.errors:
        raise InvalidData(problems)
    return project
