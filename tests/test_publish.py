"""Publishing: one atomic swap, leftovers of killed builds cleaned, a site any user can read."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from generator.build.swap import SITE_MARKER, clean_leftovers, publish, set_modes
from tests.test_serve import free_port

ROOT = Path(__file__).resolve().parent.parent


def staged(parent: Path, text: str, pid: int | None = None, name: str = "site") -> Path:
    """A finished site in a staging folder made like the build makes it (mkdtemp: mode 0700)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{name}.new-{pid or os.getpid()}-", dir=parent))
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "index.html").write_text(text, encoding="utf-8")
    return folder


def modes(site: Path) -> set[tuple[str, int]]:
    return {
        ("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode))
        for p in [site, *site.rglob("*")]
    }


def kill_at_swap(script: str, *args: str) -> None:
    """Run ``script`` in a new Python; SIGKILL it the moment it prints SWAP."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline() == "SWAP\n"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()


def test_published_site_is_world_readable(tmp_path):
    out = tmp_path / "site"
    publish(staged(tmp_path, "satu"), out)
    assert modes(out) == {("dir", 0o755), ("file", 0o644)}
    publish(staged(tmp_path, "dua"), out)
    assert modes(out) == {("dir", 0o755), ("file", 0o644)}
    assert (out / "index.html").read_text() == "dua"


def test_modes_fixed_deep_down_and_links_left_alone(tmp_path):
    """Only wrong modes are changed, at any depth; a link (even to a file outside) is not followed."""
    site = staged(tmp_path, "x")
    outside = tmp_path / "outside.txt"
    outside.write_text("rahasia", encoding="utf-8")
    outside.chmod(0o600)
    deep = site / "a" / "b"
    deep.mkdir(parents=True)
    (site / "a").chmod(0o700)
    (deep / "private.html").write_text("p", encoding="utf-8")
    (deep / "private.html").chmod(0o600)
    (deep / "script.sh").write_text("s", encoding="utf-8")
    (deep / "script.sh").chmod(0o775)
    (site / "sub" / "link").symlink_to(outside)
    set_modes(site)
    (site / "sub" / "link").unlink()  # modes() follows links
    assert modes(site) == {("dir", 0o755), ("file", 0o644)}
    assert stat.S_IMODE(outside.stat().st_mode) == 0o600


def test_keep_umask_applies_a_stricter_umask(tmp_path):
    site = staged(tmp_path, "x")
    old = os.umask(0o027)
    try:
        set_modes(site, keep_umask=True)
    finally:
        os.umask(old)
    assert modes(site) == {("dir", 0o750), ("file", 0o640)}


def test_build_site_served_by_another_user(tmp_path):
    """The built folder, copied nowhere, answers 200 to a web server running as nobody."""
    base = Path(tempfile.mkdtemp(prefix="kanal-serve-"))  # tmp_path's parents are 0700
    try:
        os.chmod(base, 0o755)
        out = base / "site"
        publish(staged(base, "<h1>Kanal</h1>"), out)
        if os.geteuid() != 0:  # cannot switch user: the modes are what a server needs
            assert modes(out) == {("dir", 0o755), ("file", 0o644)}
            return
        port = free_port()
        server = subprocess.Popen(
            [
                "runuser",
                "-u",
                "nobody",
                "--",
                "python3",
                "-m",
                "http.server",
                "-d",
                str(out),
                "--bind",
                "127.0.0.1",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            body, deadline = None, time.monotonic() + 20
            while body is None and time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sub/", timeout=2) as r:
                        body = (r.status, r.read().decode())
                except OSError:
                    time.sleep(0.2)
            assert body == (200, "<h1>Kanal</h1>")
        finally:
            server.terminate()
            server.wait(10)
    finally:
        shutil.rmtree(base)


# A build that stops at the swap: `exchange` (or the fallback's renames) wrapped to announce
# the moment and wait there to be killed.
KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import generator.build.swap as b

    parent, when = Path(sys.argv[1]), sys.argv[2]
    real_exchange, real_rename = b.exchange, Path.rename

    def exchange(a, b_):
        if when == "fallback":
            return False
        if when == "before":
            print("SWAP", flush=True); time.sleep(60)
        done = real_exchange(a, b_)
        print("SWAP", flush=True); time.sleep(60)
        return done

    def rename(self, target):
        result = real_rename(self, target)
        if when == "fallback" and ".old-" in str(target):
            print("SWAP", flush=True); time.sleep(60)
        return result

    b.exchange, Path.rename = exchange, rename
    folder = parent / f".site.new-{__import__('os').getpid()}-x"
    folder.mkdir()
    (folder / "index.html").write_text("baru")
    b.publish(folder, parent / "site")
    """
)


@pytest.mark.parametrize("when", ["before", "after", "fallback"])
def test_build_killed_at_the_swap_leaves_a_complete_site(tmp_path, when):
    out = tmp_path / "site"
    publish(staged(tmp_path, "lama"), out)
    kill_at_swap(KILLED_BUILD, str(tmp_path), when)
    if when != "fallback":  # renameat2: a complete site at every instant
        assert (out / "index.html").read_text() == ("lama" if when == "before" else "baru")
        assert (out / SITE_MARKER).is_file()
    leftovers = sorted(p.name.split("-")[0] for p in tmp_path.glob(".site.*"))
    assert leftovers  # the killed build's staging folder is still there
    # The next build cleans up first, and puts the old site back if the kill left none.
    clean_leftovers(out)
    assert list(tmp_path.glob(".site.*")) == []
    assert (out / "index.html").read_text() in ("lama", "baru")
    assert (out / SITE_MARKER).is_file()


@pytest.mark.parametrize("name", ["site", "situs-kab-blora"])
def test_leftovers_of_a_running_build_are_kept(tmp_path, name):
    out = tmp_path / name
    publish(staged(tmp_path, "lama", name=name), out)
    running = staged(tmp_path, "sedang", pid=os.getppid(), name=name)
    dead = staged(tmp_path, "mati", pid=2**22 + 1, name=name)  # above pid_max: never alive
    clean_leftovers(out)
    assert running.exists() and not dead.exists()
    assert (out / "index.html").read_text() == "lama"


def test_the_previous_site_is_removed_by_a_process_of_its_own(tmp_path):
    """publish() hands the previous site to a detached deleter and returns; it leaves no
    child behind, and soon nothing beside the new site."""
    from tests.test_opendata_worker import _children

    out = tmp_path / "site"
    old = staged(tmp_path, "lama")
    for i in range(300):
        (old / "sub" / f"{i}.html").write_text("x", encoding="utf-8")
    publish(old, out)
    before = _children()
    publish(staged(tmp_path, "baru"), out)
    assert _children() == before  # not our child: not waited for, never a zombie
    assert (out / "index.html").read_text() == "baru" and (out / SITE_MARKER).is_file()
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".site.*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_killed_before_its_deleter_starts_leaves_trash_never_published(tmp_path):
    """Killed (SIGKILL) after the previous site was renamed to trash and before its deleter
    ran: the new site is complete; the next build removes the trash, and never puts it back,
    not even when the site itself is gone."""
    out = tmp_path / "site"
    publish(staged(tmp_path, "lama"), out)
    script = textwrap.dedent(
        """
        import subprocess, sys, time
        from pathlib import Path
        import generator.build.discard as d
        import generator.build.pipeline as b

        def run(*args, **kwargs):
            print("SWAP", flush=True); time.sleep(60)

        d.subprocess = type("S", (), {"run": staticmethod(run), "DEVNULL": -3,
                                      "SubprocessError": subprocess.SubprocessError})
        parent = Path(sys.argv[1])
        folder = parent / f".site.new-{__import__('os').getpid()}-x"
        folder.mkdir()
        (folder / "index.html").write_text("baru")
        b.publish(folder, parent / "site")
        """
    )
    kill_at_swap(script, str(tmp_path))
    assert (out / "index.html").read_text() == "baru" and (out / SITE_MARKER).is_file()
    (trash,) = tmp_path.glob(".site.trash-*")
    assert (trash / "index.html").read_text() == "lama" and (trash / SITE_MARKER).is_file()
    shutil.rmtree(out)  # even with no site, the trash is no candidate to put back
    clean_leftovers(out)
    assert list(tmp_path.iterdir()) == []


def test_trash_of_a_running_deleter_is_kept(tmp_path):
    out = tmp_path / "site"
    publish(staged(tmp_path, "lama"), out)
    running = tmp_path / f".site.trash-{os.getppid()}-abc"
    dead = tmp_path / f".site.trash-{2**22 + 1}-abc"  # above pid_max: never alive
    for folder in (running, dead):
        folder.mkdir()
        (folder / SITE_MARKER).write_text("x", encoding="utf-8")
    clean_leftovers(out)
    assert running.exists() and not dead.exists()
    assert (out / "index.html").read_text() == "lama"
