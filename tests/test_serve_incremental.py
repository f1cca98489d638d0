"""The edit loop of `kanal serve` (generator.build.incremental): after any edit the incrementally
built site is, file for file, the site a full build of the same data makes."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.incremental import Outcome, Session
from generator.build.inputcache import tree_stamp
from generator.build.project import Project
from generator.build.stop import checkpoint
from generator.complaints import opendata
from generator.safeinput.problems import Problems
from generator.site import stage
from tests.conftest import FIXTURES, copy_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def folders(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()}


def full_build(base: Path, project: Project, data: Path) -> Path:
    """A fresh session (no cache, its own build folder): a clean MkDocs build."""
    site = Path(tempfile.mkdtemp(dir=base, prefix="full-"))
    docs = Path(tempfile.mkdtemp(dir=base, prefix="docs-"))
    fresh = Project(project.config, private_docs=docs)
    outcome = Session(data, fresh, site, TODAY, False).update()
    assert outcome.ok, outcome.line
    return site


def assert_same_site(base: Path, session: Session) -> None:
    session.settle()  # the open data, written after the pages
    full = full_build(base, session.project, session.data)
    got, want = tree(session.site), tree(full)
    assert sorted(got) == sorted(want)
    differ = [name for name in want if got[name] != want[name]]
    assert differ == []
    assert folders(session.site) == folders(full)
    shutil.rmtree(full)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_kind_of_edit_gives_the_full_build(tmp_path):
    """The demo (complaints, post history): a handle, a new agency, a removed one, a broken
    file (located error, the last good site kept), fixed again."""
    project = copy_project(tmp_path / "project")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    session = Session(data, project, tmp_path / "site", TODAY, False)
    assert session.update().ok
    first = tree(session.site)
    assert (session.site / ".well-known" / "security.txt").is_file()

    agencies = sorted((data / "agencies").rglob("*.yml"))
    dinkes = next(p for p in agencies if p.name == "dinas-kesehatan.yml")
    text = dinkes.read_text(encoding="utf-8")
    handle = next(line for line in text.splitlines() if "handle:" in line)
    _edit(
        dinkes, handle, handle.rstrip().rstrip('"') + 'baru"' if '"' in handle else handle + "baru"
    )
    outcome = session.update()
    assert outcome.ok, outcome.line
    assert "semua halaman" not in outcome.line  # a dirty build
    # The page first: the open data still holds the old handle when update() returns.
    assert "data terbuka menyusul" in outcome.line
    new_handle = handle.split(":", 1)[1].strip().strip('"').lstrip("@") + "baru"
    assert new_handle in (session.site / "instansi" / "dinas-kesehatan" / "index.html").read_text()
    accounts = session.site / "data" / "accounts.csv"
    assert new_handle not in accounts.read_text(encoding="utf-8")
    assert session.memo.reused > 0, (outcome.line, session.memo.rendered)
    assert session.cache.registry.files.parsed == 1
    assert tree(session.site) != first
    assert_same_site(tmp_path, session)
    assert new_handle in accounts.read_text(encoding="utf-8")

    added = dinkes.with_name("dinas-baru.yml")
    added.write_text(
        "id: dinas-baru\nname: Dinas Baru Uji\nkind: dinas\nchannels:\n"
        "  - type: whatsapp\n    value: '0812-9999-0001'\n",
        encoding="utf-8",
    )
    assert session.update().ok
    assert (session.site / "instansi" / "dinas-baru" / "index.html").is_file()
    assert_same_site(tmp_path, session)

    added.unlink()
    assert session.update().ok
    assert not (session.site / "instansi" / "dinas-baru").exists()
    assert_same_site(tmp_path, session)

    before = tree(session.site)
    dinkes.write_text("id: dinas-kesehatan\nname: [rusak\n", encoding="utf-8")
    seen: list[Problems] = []
    outcome = session.update(seen.append)
    assert not outcome.ok
    located = [str(p) for p in seen[0].errors]
    assert any(line.startswith(f"{dinkes}:2:") or ":2:" in line for line in located), located
    assert tree(session.site) == before  # the last good site stays

    dinkes.write_text(text, encoding="utf-8")
    assert session.update().ok
    session.settle()
    assert tree(session.site) == first  # back to the data of the first build
    assert_same_site(tmp_path, session)


def _demo_session(tmp_path: Path, later: list[Outcome]) -> tuple[Session, Path]:
    project = copy_project(tmp_path / "project")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    session = Session(data, project, tmp_path / "site", TODAY, False, later=later.append)
    assert session.update().ok
    assert later == []  # the first build writes its open data itself
    return session, data / "agencies" / "opd" / "dinas-kesehatan.yml"


def test_open_data_follows_the_page_and_says_so(tmp_path):
    """The open data written after the page ends in the site, reported in one line; the site
    is then the full build's, the accounts table included."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert gc.isenabled()
    assert session.update().ok
    session.settle()
    assert gc.isenabled()  # the thread collected what the round made, and turned it back on
    assert [o.ok for o in later] == [True]
    assert later[0].line.startswith("data terbuka diperbarui dalam ")
    agencies = (session.site / "data" / "agencies.csv").read_text(encoding="utf-8")
    assert "Dinas Kesehatan Baru" in agencies
    assert_same_site(tmp_path, session)


def test_open_data_naming_other_files_builds_the_pages_again(tmp_path, monkeypatch):
    """When the open data's files change names (kanal.sqlite grows past the size it is
    compressed at), the pages that name them are built again: still the full build."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    assert (session.site / "data" / "kanal.sqlite").is_file()
    monkeypatch.setattr(opendata, "SQLITE_GZIP_OVER", 0)
    reads: list[int] = []
    real = stage.write_post_data

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stage, "write_post_data", counted)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert session.update().ok
    session.settle()
    assert [o.ok for o in later] == [True]
    assert (session.site / "data" / "kanal.sqlite.gz").is_file()
    assert not (session.site / "data" / "kanal.sqlite").exists()
    assert "kanal.sqlite.gz" in (session.site / "aduan" / "index.html").read_text()
    assert reads == [1]  # the store read once, under the stamp check: not again to rebuild
    assert_same_site(tmp_path, session)


def test_pages_put_before_the_open_data_name_its_files_as_they_are(tmp_path, monkeypatch):
    """A round whose open data follows renders its pages with the file names the last round
    wrote: a compressed database (a province's) stays linked as such, before and after."""
    monkeypatch.setattr(opendata, "SQLITE_GZIP_OVER", 0)
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    page = session.site / "aduan" / "index.html"
    assert "kanal.sqlite.gz" in page.read_text(encoding="utf-8")
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    outcome = session.update()
    assert "menyusul" in outcome.line
    assert "kanal.sqlite.gz" in page.read_text(encoding="utf-8")  # before the open data
    session.settle()
    assert "kanal.sqlite.gz" in page.read_text(encoding="utf-8")
    assert_same_site(tmp_path, session)


def test_a_store_entry_that_cannot_be_looked_at_is_part_of_its_stamp(tmp_path, monkeypatch):
    """The open data compares the post store's stamps (inputcache.tree_stamp, racy=True): an
    entry that cannot be stat'ed is recorded as such, so two stamps never match by both
    being unknown, and a change beside it is still seen."""
    store = tmp_path / "posts"
    (store / "x" / "lama").mkdir(parents=True)
    (store / "x" / "lama" / "2026.jsonl").write_text("{}\n", encoding="utf-8")
    (store / "x" / "baru").mkdir()
    real = os.lstat

    def refused(path, *args, **kwargs):
        if "lama" in str(path):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", refused)
    before = tree_stamp(store, racy=True)
    assert before is not None and len(before) == 1
    assert tree_stamp(store) is None  # as a cache key: not trusted
    (store / "x" / "baru" / "2026.jsonl").write_text("{}\n", encoding="utf-8")
    assert tree_stamp(store, racy=True) != before


def test_open_data_that_fails_is_reported_and_written_whole_next_time(tmp_path, monkeypatch):
    """A failed write of the open data (a full disk) is one located line, no traceback; the
    next round builds everything again and ends as the full build."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    real = stage.write_post_data

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stage, "write_post_data", full_disk)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert session.update().ok
    session.settle()
    assert [o.ok for o in later] == [False]
    assert "data terbuka gagal ditulis" in later[0].line
    assert "No space left on device" in later[0].line
    monkeypatch.setattr(stage, "write_post_data", real)
    outcome = session.update()
    assert outcome.ok and "semua halaman" in outcome.line
    assert "menyusul" not in outcome.line  # written with the pages
    assert_same_site(tmp_path, session)


def _slow_post_data(monkeypatch) -> threading.Event:
    """The post records written only once the returned event is set (a province's 16 s of
    open data), stopping where the real writers do (generator.build.stop.checkpoint)."""
    release = threading.Event()
    real = stage.write_post_data

    def slow(*args, **kwargs):
        while not release.wait(0.01):
            checkpoint()
        return real(*args, **kwargs)

    monkeypatch.setattr(stage, "write_post_data", slow)
    return release


def test_a_new_edit_stops_the_open_data_of_the_last(tmp_path, monkeypatch):
    """An edit while the last round's open data is written stops it (no waiting for it);
    the new round writes its own, and the site ends as the full build."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    release = _slow_post_data(monkeypatch)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert session.update().ok
    _edit(dinkes, "short_name: Dinkes", "short_name: Dinkes Baru")
    assert session.update().ok  # returns: the first round's open data was stopped
    assert [o.line.startswith("data terbuka dihentikan setelah") for o in later] == [True]
    release.set()
    session.settle()
    assert [o.ok for o in later] == [True, True]
    assert later[1].line.startswith("data terbuka diperbarui")
    assert "Dinkes Baru" in (session.site / "data" / "agencies.csv").read_text(encoding="utf-8")
    assert_same_site(tmp_path, session)


def test_open_data_stopped_by_an_invalid_edit_starts_again(tmp_path, monkeypatch):
    """An edit that breaks the data stops the open data being written, then starts it again:
    the site is the last valid data's full build, its open data included."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    release = _slow_post_data(monkeypatch)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert session.update().ok
    good = dinkes.read_text(encoding="utf-8")
    dinkes.write_text("id: dinas-kesehatan\nname: [rusak\n", encoding="utf-8")
    release.set()  # the write started again goes through
    assert not session.update().ok
    session.settle()
    assert [o.ok for o in later] == [True, True]
    assert later[0].line.startswith("data terbuka dihentikan")
    assert later[1].line.startswith("data terbuka diperbarui")
    dinkes.write_text(good, encoding="utf-8")  # the data the site shows
    assert_same_site(tmp_path, session)


NEW_POST = (
    '{"n":"Panen raya jagung uji","t":"2026-11-20T10:00+07:00",'
    '"u":"https://x.com/distan_ctk/status/111111111111111111"}\n'
)


@pytest.mark.parametrize("change", ["broken-line", "new-post-and-broken-agency"])
def test_open_data_never_publishes_posts_the_pages_did_not_check(tmp_path, monkeypatch, change):
    """The open data reads the post store after the round: when the store changed since the
    round checked it (a broken line, a post fetched meanwhile) and the next round is invalid,
    the open data waits (one line says so) instead of publishing what no page counts; the
    next valid round writes it, and the site is the full build again."""
    later: list[Outcome] = []
    session, dinkes = _demo_session(tmp_path, later)
    data_before = {k: v for k, v in tree(session.site).items() if k.startswith("data")}
    release = _slow_post_data(monkeypatch)
    _edit(dinkes, "name: Dinas Kesehatan", "name: Dinas Kesehatan Baru")
    assert session.update().ok  # its open data is held by the slow writer
    posts = session.data / "posts" / "x" / "distan_ctk" / "2026.jsonl"
    good = posts.read_text(encoding="utf-8")
    bappeda = dinkes.with_name("bappeda.yml")
    if change == "broken-line":
        posts.write_text(good + '{"n":"rusak\n', encoding="utf-8")
    else:
        posts.write_text(good + NEW_POST, encoding="utf-8")
        _edit(bappeda, "kind: badan", "kind: [badan")
    release.set()
    assert not session.update().ok  # invalid: the stopped write starts again
    session.settle()
    # Stopped by the invalid round, then waiting; or waiting at once (the thread may start
    # after the store changed): never written, never failed.
    assert all(o.ok for o in later), later
    assert later[-1].line.startswith("data terbuka ditunda: riwayat unggahan"), later
    assert not any("diperbarui dalam" in o.line for o in later)
    now = {k: v for k, v in tree(session.site).items() if k.startswith("data")}
    assert now == data_before  # nothing unchecked published: the data as it was
    if change == "broken-line":
        posts.write_text(good, encoding="utf-8")
    else:
        _edit(bappeda, "kind: [badan", "kind: badan")  # the fetched post stays
    assert session.update().ok
    assert_same_site(tmp_path, session)


def test_region_settings_change_every_page(tmp_path):
    """The region's name is on every page: a clean build, still the same as the full one."""
    project = copy_project(tmp_path / "project")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    session = Session(data, project, tmp_path / "site", TODAY, False)
    assert session.update().ok
    _edit(data / "region.yml", "name: Kota Uji", "name: Kota Uji Lain")
    outcome = session.update()
    assert outcome.ok and "semua halaman" in outcome.line
    assert "Kota Uji Lain" in (session.site / "cek-akun" / "index.html").read_text()
    assert_same_site(tmp_path, session)


# Edits of the tiny region, each a (file, old text, new text) or a file added or removed.
EDITS = {
    "handle": (
        "dinkes.yml",
        'handle: "@Dinkes.Uji"\n    url: https://www.instagram.com/dinkes.uji/',
        'handle: "@Dinkes.Kota"\n    url: https://www.instagram.com/dinkes.kota/',
    ),
    "status": ("dinkes.yml", "    status: archived", "    status: active"),
    "name": ("bappeda.yml", "name: Badan Perencanaan", "name: Badan Riset dan Perencanaan"),
    "village": ("laweyan.yml", "name: Kelurahan Bumi", "name: Kelurahan Bumi Baru"),
    "break": ("bappeda.yml", "kind: badan", "kind: [badan"),
    "parent": (
        "laweyan.yml",
        '  parent: kecamatan-laweyan\n  region_code: "33.72.01.1003"',
        '  parent: kecamatan-tidak-ada\n  region_code: "33.72.01.1003"',
    ),
}
NEW_AGENCY = "id: dinas-sosial\nname: Dinas Sosial\nkind: dinas\naccounts:\n" + (
    "  - platform: instagram\n    handle: dinsos.uji\n    status: active\n    reviewed: 2026-10-01\n"
)


# The demo, with its complaint records and post history: the open data follows the pages.
DEMO_EDITS = {
    "handle": (
        "opd/dinas-kesehatan.yml",
        'handle: "@dinkes_kabcontoh"\n',
        'handle: "@dinkes_kabcontoh_baru"\n',
    ),
    "name": (
        "opd/dinas-kesehatan.yml",
        "name: Dinas Kesehatan Kabupaten",
        "name: Dinkes Kabupaten",
    ),
    "status": ("opd/dinas-kesehatan.yml", "    status: archived", "    status: active"),
    "break": ("opd/bappeda.yml", "kind: badan", "kind: [badan"),
}
DEMO_AGENCY = "id: dinas-uji-baru\nname: Dinas Uji Baru\nkind: dinas\naccounts:\n" + (
    "  - platform: instagram\n    handle: dinasujibaru\n    status: active\n"
    "    reviewed: 2026-10-01\n"
)


def _apply(
    data: Path, step: tuple[str, bool], edits: dict = EDITS, added: str = NEW_AGENCY
) -> None:
    name, forward = step
    agencies = data / "agencies"
    if name == "add":
        path = agencies / "agency-added-by-test.yml"
        if forward:
            path.write_text(added, encoding="utf-8")
        elif path.exists():
            path.unlink()
        return
    file, old, new = edits[name]
    path = agencies / file
    text = path.read_text(encoding="utf-8")
    a, b = (old, new) if forward else (new, old)
    if a in text:
        path.write_text(text.replace(a, b, 1), encoding="utf-8")


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from([*EDITS, "add"]), st.booleans()), min_size=2, max_size=5))
def test_random_edit_sequences_give_the_full_build(tmp_path_factory, steps):
    base = tmp_path_factory.mktemp("edits")
    project = copy_project(base / "project")
    data = base / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    session = Session(data, project, base / "site", TODAY, False)
    assert session.update().ok
    for step in steps:
        session.settle()
        before = tree(session.site)
        _apply(data, step)
        if not session.update().ok:
            assert tree(session.site) == before  # invalid: the last good site stays
    # Whatever the edits left, once valid again the preview is that data's full build.
    _apply(data, ("break", False))
    _apply(data, ("parent", False))
    assert session.update().ok
    assert_same_site(base, session)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from([*DEMO_EDITS, "add"]), st.booleans()), min_size=2, max_size=4
    )
)
def test_random_edits_with_records_give_the_full_build(tmp_path_factory, steps):
    """The same on the demo, whose open data (complaints, posts) is written after the pages:
    however the rounds and their open data interleave, the site ends as the full build."""
    base = tmp_path_factory.mktemp("demo-edits")
    project = copy_project(base / "project")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    session = Session(data, project, base / "site", TODAY, False)
    assert session.update().ok
    for step in steps:
        _apply(data, step, DEMO_EDITS, DEMO_AGENCY)
        session.update()
    _apply(data, ("break", False), DEMO_EDITS, DEMO_AGENCY)
    assert session.update().ok
    assert_same_site(base, session)
