"""`kanal init` makes a repository whose CI publishes (issue 17.6) and says plainly why a
target folder cannot be used (issue 17.9)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.scaffold.source import DEFAULT_KANAL_SPEC, source_from
from generator.scaffold.workflows import ci_files, daily_cron

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git")


def _env(tmp_path: Path, identity: bool = True, path: str | None = None) -> dict[str, str]:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Diskominfo Uji\n\temail = uji@example.invalid\n"
        if identity
        else "[user]\n\tuseConfigOnly = true\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": str(ROOT)}
    env["HOME"] = str(tmp_path)
    if path is not None:
        env["PATH"] = path
    return env


def _init(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "init", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def _git(repo: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def test_init_makes_a_git_repository_on_main_with_a_first_commit(tmp_path):
    env = _env(tmp_path)
    done = _init(tmp_path, "33.16", "blora", env=env)
    assert done.returncode == 0, done.stderr
    repo = tmp_path / "blora"
    assert _git(repo, "symbolic-ref", "HEAD", env=env) == "refs/heads/main"
    assert _git(repo, "log", "--format=%s", env=env) == "kanal init 33.16: Kabupaten Blora"
    assert _git(repo, "status", "--porcelain", env=env) == ""  # everything committed
    # the README's review step works at once: kanal diff main HEAD
    diff = subprocess.run(
        [sys.executable, "-m", "generator", "diff", "main", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert diff.returncode == 0, diff.stderr


def test_init_with_a_git_older_than_2_28_still_makes_main(tmp_path):
    """A git without `init -b` (before 2.28): a wrapper refusing -b, as such a git does."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = init ]; then for a in "$@"; do if [ "$a" = -b ]; then\n'
        '  echo "error: unknown switch \\`b\'" >&2; exit 129; fi; done; fi\n'
        f'exec {GIT} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    env = _env(tmp_path, path=f"{bin_dir}:{os.environ['PATH']}")
    (tmp_path / "gitconfig").write_text(  # a git that would make "master"
        "[user]\n\tname = Uji\n\temail = uji@example.invalid\n[init]\n\tdefaultBranch = master\n",
        encoding="utf-8",
    )
    done = _init(tmp_path, "51.71", "denpasar", env=env)
    assert done.returncode == 0, done.stderr
    assert _git(tmp_path / "denpasar", "symbolic-ref", "HEAD", env=env) == "refs/heads/main"


def test_init_without_git_says_how_to_make_the_repository(tmp_path):
    empty = tmp_path / "nobin"
    empty.mkdir()
    done = _init(tmp_path, "33.16", "blora", env=_env(tmp_path, path=str(empty)))
    assert done.returncode == 0, done.stderr
    assert "git tidak ditemukan, jadi repositori git belum dibuat." in done.stdout
    assert (
        'cd blora && git init -b main && git add -A && git commit -m "kanal init 33.16'
        in done.stdout
    )
    assert not (tmp_path / "blora" / ".git").exists()


def test_init_without_a_git_identity_explains_the_first_commit(tmp_path):
    env = _env(tmp_path, identity=False)
    done = _init(tmp_path, "33.16", "blora", env=env)
    assert done.returncode == 0, done.stderr
    assert "git belum tahu nama dan surel Anda" in done.stdout
    assert 'git config --global user.email "anda@instansi.go.id"' in done.stdout
    assert _git(tmp_path / "blora", "symbolic-ref", "HEAD", env=env) == "refs/heads/main"


def test_init_inside_an_existing_repository_makes_no_nested_one(tmp_path):
    env = _env(tmp_path)
    _git(tmp_path, "init", "-q", env=env)
    done = _init(tmp_path, "33.16", "daerah/blora", env=env)
    assert done.returncode == 0, done.stderr
    assert "sudah di dalam repositori git" in done.stdout
    assert not (tmp_path / "daerah/blora/.git").exists()


@pytest.mark.parametrize(
    ("code", "cron", "comment", "zone"),
    [
        ("33.16", "17 21 * * *", "04:17 WIB (21:17 UTC)", "Asia/Jakarta"),
        ("51.71", "17 20 * * *", "04:17 WITA (20:17 UTC)", "Asia/Makassar"),
        ("91.01", "17 19 * * *", "04:17 WIT (19:17 UTC)", "Asia/Jayapura"),
    ],
)
def test_daily_schedule_is_in_the_region_zone(code, cron, comment, zone):
    files = ci_files(code)
    terbit = files[".github/workflows/kanal-terbit.yml"]
    assert f'- cron: "{cron}" # every day at {comment}' in terbit
    assert f'daily "17 4 * * *" {zone}' in files[".gitlab-ci.yml"]
    assert daily_cron(zone)[0] == cron


def test_publish_workflow_runs_for_the_default_branch_whatever_its_name():
    terbit = yaml.safe_load(ci_files("33.16")[".github/workflows/kanal-terbit.yml"])
    on = terbit.get("on", terbit.get(True))
    assert on["push"] is None  # no branch filter: main or master
    assert terbit["jobs"]["bangun"]["if"] == (
        "github.event_name != 'push' || github.ref_name == github.event.repository.default_branch"
    )


def test_install_source_from_pep_610():
    git = source_from(
        json.dumps(
            {
                "url": "https://x-token:ghp_SECRET@github.com/pemda/kanal.git",
                "vcs_info": {"vcs": "git", "commit_id": "a" * 40, "requested_revision": "v0.3"},
            }
        ),
        "0.3.0",
    )
    assert git.spec == f"kanal @ git+https://github.com/pemda/kanal.git@{'a' * 40}"
    assert "SECRET" not in git.note and git.warning is None
    index = source_from(None, "0.3.0")
    assert index.spec == "kanal==0.3.0" and "indeks paket" in index.note
    wheel = source_from(
        json.dumps({"url": "file:///home/uji/kanal-0.3.0-py3-none-any.whl", "archive_info": {}}),
        "0.3.0",
    )
    assert wheel.spec == DEFAULT_KANAL_SPEC
    assert "berkas lokal /home/uji/kanal-0.3.0-py3-none-any.whl" in wheel.note
    assert wheel.warning and "Terbitkan dulu" in wheel.warning
    archive = source_from(json.dumps({"url": "https://contoh.go.id/kanal-0.3.tar.gz"}), "0.3")
    assert archive.spec == "kanal @ https://contoh.go.id/kanal-0.3.tar.gz"
    odd = source_from(json.dumps({"url": 'https://x/"; rm -rf /'}), "0.3")
    assert odd.spec == DEFAULT_KANAL_SPEC


def test_init_target_that_is_a_dangling_link(tmp_path, capsys):
    (tmp_path / "d").symlink_to(tmp_path / "hilang")
    assert main(["init", "33.16", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"galat: '{tmp_path / 'd'}' adalah tautan simbolik ke '{tmp_path / 'hilang'}', yang tidak ada."
    )
    assert "Traceback" not in err and not (tmp_path / "hilang").exists()


def test_init_target_under_a_file(tmp_path, capsys):
    (tmp_path / "f").write_text("berkas")
    assert main(["init", "33.16", str(tmp_path / "f" / "x")]) == 1
    assert capsys.readouterr().err.startswith(
        f"galat: '{tmp_path / 'f'}' adalah berkas, bukan folder, jadi '{tmp_path / 'f' / 'x'}' tidak bisa dibuat."
    )
    assert main(["init", "33.16", str(tmp_path / "f")]) == 1
    assert capsys.readouterr().err.startswith(
        f"galat: '{tmp_path / 'f'}' adalah berkas, bukan folder."
    )


@pytest.mark.parametrize("target", ["/proc/kanal-uji", "/proc/self/kanal-uji"])
def test_init_target_under_proc(target, capsys):
    assert main(["init", "33.16", target]) == 1
    err = capsys.readouterr().err
    assert "folder sistem yang tidak bisa diisi berkas" in err and "Traceback" not in err


def test_init_target_that_cannot_be_written_leaves_nothing(tmp_path, capsys, monkeypatch):
    """A write that fails half-way (disk full, say) is a message, and the folder is removed."""
    import generator.site.schemas as schemas

    def full(folder: Path) -> None:
        (folder / "x").parent.mkdir(parents=True, exist_ok=True)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(schemas, "write_schemas", full)
    assert main(["init", "33.16", str(tmp_path / "blora")]) == 1
    assert capsys.readouterr().err.startswith(
        f"galat: folder '{tmp_path / 'blora'}' tidak bisa ditulis: disk penuh."
    )
    assert not (tmp_path / "blora").exists()
