"""Where this Kanal was installed from (PEP 610 ``direct_url.json``), for the CI files.

The CI of a region repository installs Kanal with ``pip install "$KANAL_SPEC"``. A guessed
address may not exist; the source the office actually used does: a git URL and commit, a
version from a package index, or a local file or folder, which CI cannot read (then the
office is told to publish it and the CI files keep the default address, marked as such).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from generator.scaffold.gitrepo import run_git

DEFAULT_KANAL_SPEC = "kanal @ git+https://github.com/kanal-id/kanal.git@main"
_SPEC_SAFE = re.compile(r"[A-Za-z0-9 @:/._+=~<>!,\[\]-]+")
GIT_TIMEOUT = 10


@dataclass(frozen=True)
class InstallSource:
    spec: str  # what CI installs
    note: str  # one line for the CI files' comment: where that comes from
    warning: str | None = None  # for the clerk, printed by kanal init


def _public(url: str) -> str:
    """``url`` without a user name or token (``https://user:TOKEN@host/...``)."""
    parts = urlsplit(url)
    if parts.password or (parts.username and parts.scheme.startswith(("http", "git+http"))):
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def _local(path: str, version: str, what: str) -> InstallSource:
    return InstallSource(
        DEFAULT_KANAL_SPEC,
        f"{what} lokal {path} (kanal {version}), yang tidak bisa dibaca CI; baris di bawah "
        "masih alamat bawaan: terbitkan Kanal (rilis git atau indeks paket) lalu ganti.",
        f"Kanal terpasang dari {what} lokal ({path}); CI tidak bisa memasangnya dari sana. "
        "Terbitkan dulu (misalnya tag di repositori git, atau indeks paket), lalu tulis "
        "alamatnya di KANAL_SPEC pada .github/workflows/*.yml dan .gitlab-ci.yml.",
    )


def _git_out(folder: str, *args: str) -> str | None:
    done = run_git(Path(folder), *args, timeout=GIT_TIMEOUT)
    return done.stdout.strip() if done is not None and done.returncode == 0 else None


def _from_checkout(folder: str, version: str) -> InstallSource:
    """A folder install (``pip install -e .``): its git remote and commit, when it has them."""
    remote = _git_out(folder, "remote", "get-url", "origin")
    commit = _git_out(folder, "rev-parse", "HEAD")
    if remote and commit and remote.startswith("https://"):
        url = _public(remote)
        return InstallSource(
            f"kanal @ git+{url}@{commit}",
            f"checkout lokal {folder} dari git {url}, commit {commit[:12]} (kanal {version}); "
            "pastikan commit itu sudah di-push.",
            f"KANAL_SPEC memakai commit {commit[:12]} dari {url}: pastikan sudah di-push.",
        )
    return _local(folder, version, "folder")


def source_from(direct_url: str | None, version: str) -> InstallSource:
    """The install source described by a ``direct_url.json`` text (None: from an index)."""
    if direct_url is None:
        return InstallSource(
            f"kanal=={version}",
            f"indeks paket, versi {version} (pip install kanal=={version}).",
        )
    try:
        info = json.loads(direct_url)
        url = str(info["url"])
    except (ValueError, KeyError, TypeError):
        return InstallSource(DEFAULT_KANAL_SPEC, "direct_url.json tidak terbaca; alamat bawaan.")
    if url.startswith("file:"):
        path = unquote(urlsplit(url).path)
        if "dir_info" in info:
            return _from_checkout(path, version)
        return _local(path, version, "berkas")
    url = _public(url)
    vcs = info.get("vcs_info") if isinstance(info.get("vcs_info"), dict) else None
    if vcs and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        commit = str(vcs["commit_id"])
        asked = vcs.get("requested_revision")
        spec = f"kanal @ git+{url}@{commit}"
        note = f"git {url}, commit {commit[:12]}" + (f" ({asked})" if asked else "") + "."
    else:
        spec, note = f"kanal @ {url}", f"arsip {url}."
    if not _SPEC_SAFE.fullmatch(spec):
        return InstallSource(
            DEFAULT_KANAL_SPEC, "alamat pemasangan memuat karakter aneh; alamat bawaan."
        )
    return InstallSource(spec, note)


@lru_cache(maxsize=1)
def installed_source() -> InstallSource:
    """The source of the ``kanal`` distribution this process runs."""
    # In a checkout the current folder's kanal.egg-info is found too, without direct_url.json:
    # the installed copy's record, when there is one, says more.
    found = list(metadata.distributions(name="kanal"))
    if not found:
        return InstallSource(
            DEFAULT_KANAL_SPEC, "Kanal tidak terpasang sebagai paket; alamat bawaan."
        )
    recorded = [d for d in found if d.read_text("direct_url.json") is not None]
    dist = (recorded or found)[0]
    return source_from(dist.read_text("direct_url.json"), dist.version)
