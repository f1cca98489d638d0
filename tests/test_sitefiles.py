"""Files past MkDocs (generator.build.sitefiles): the posters reach the site without MkDocs
listing or copying them, a failed build keeps the last good site, and the preview's site holds
exactly what the files folder holds."""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import pipeline
from generator.build.pipeline import BuildError, build, second_core_free
from generator.build.sitefiles import FilesClash, link_changed, link_into, move_into
from generator.registry.models import Directory
from generator.registry.validate import load_directory
from generator.safeinput.problems import InvalidData, Location, Problems
from generator.site import posters, shards
from generator.site.pages import FINDER_FILE, finder_index, write_finder_files
from generator.site.posters import (
    BLOCK,
    FINDER_CLAIM,
    FINDER_DONE,
    FinderJob,
    claim,
    spawned_posters,
    write_payload,
    write_posters,
)
from generator.site.shards import INDEX_FILE, SHARD_FOLDER, WHOLE_BUDGET
from tests.conftest import FIXTURES, ROOT, TODAY, copy_project


def test_posters_reach_the_site_past_mkdocs_and_a_failed_build_keeps_them(tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out" / "site"
    build(FIXTURES / "tiny", out, project, TODAY)
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert directory is not None
    posters = {p.stem for p in (out / "poster").iterdir()}
    assert posters == set(directory.agencies)
    for name in posters:
        assert "Poster akun resmi" in (out / "poster" / f"{name}.html").read_text("utf-8")
    # MkDocs never saw them: its docs folder has no poster/ (it listed and copied each one).
    assert not (project.docs / "poster").exists()
    assert not project.files.exists() or not any(project.files.iterdir())
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging left

    # A page with a broken link: MkDocs fails in strict mode after the posters were written.
    (project.content / "rusak.md").write_text("[x](tidak-ada.md)\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(BuildError, match="MkDocs gagal"):
        build(FIXTURES / "tiny", out, project, TODAY)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


@pytest.mark.parametrize("records", [False, True])
def test_index_shards_reach_the_site_past_mkdocs(tmp_path, monkeypatch, records):
    """A build writes a sharded index beside the staged site, not into MkDocs' docs folder
    (which listed and copied each shard: 5,276 of them for a national directory), and the
    site gets the same files as the shards written in place. Without records the posters'
    process makes them all, with the finder's other files; with a post store (a worker then
    takes the second core) the build makes them, the shards still past MkDocs."""
    project = copy_project(tmp_path / "project")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    if records:
        (data / "posts").mkdir()
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 2)  # whatever runs the test
    assert second_core_free(data) is not records
    out = tmp_path / "out" / "site"
    real_write = shards.write
    monkeypatch.setattr(shards, "WHOLE_BUDGET", 0)  # read by the build (the process's job too)
    build(data, out, project, TODAY)
    directory = load_directory(data, TODAY, Problems())
    assert directory is not None
    expected = tmp_path / "expected"
    assert real_write(finder_index(directory), expected / "indeks.json", budget=0)
    site_index = out / shards.INDEX_FILE
    assert json.loads(site_index.read_bytes())["sharded"]["base"] == "indeks/"
    assert site_index.read_bytes() == (expected / "indeks.json").read_bytes()
    assert tree(out / shards.SHARD_FOLDER) == tree(expected / "indeks")
    assert len(tree(expected / "indeks")) > 3  # agency rows, terms, keys
    assert not (project.docs / shards.SHARD_FOLDER).exists()  # MkDocs never listed them
    assert (project.docs / shards.INDEX_FILE).exists() is records
    assert (project.docs / FINDER_FILE).exists() is records
    assert json.loads((out / FINDER_FILE).read_bytes())["stem"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging left


def test_move_into_refuses_a_path_mkdocs_made(tmp_path):
    files, site = tmp_path / "files", tmp_path / "site"
    (files / "poster" / "a").mkdir(parents=True)
    (site / "poster").mkdir(parents=True)
    with pytest.raises(FilesClash):
        move_into(files, site)
    (site / "poster").rmdir()
    move_into(files, site)
    assert (site / "poster" / "a").is_dir() and list(files.iterdir()) == []
    # A folder inside one MkDocs made (assets/kanal/indeks): moved into it, not beside it.
    (files / shards.SHARD_FOLDER / "a").mkdir(parents=True)
    (files / shards.SHARD_FOLDER / "a" / "0.json").write_text("[]", encoding="utf-8")
    (site / "assets" / "kanal").mkdir(parents=True)
    (site / "assets" / "kanal" / "kanal.css").write_text("", encoding="utf-8")
    move_into(files, site)
    assert (site / shards.SHARD_FOLDER / "a" / "0.json").read_text("utf-8") == "[]"
    assert (site / "assets" / "kanal" / "kanal.css").exists()
    (files / shards.SHARD_FOLDER).mkdir()
    with pytest.raises(FilesClash):
        move_into(files, site)


def tree(root: Path) -> dict[str, bytes | None]:
    """Every entry under ``root``: a file's bytes, None for a folder."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


NAMES = st.sampled_from(["a", "b", "c", "index.html"])
# A small tree: path parts -> bytes (files) under poster/.
TREES = st.dictionaries(st.lists(NAMES, min_size=1, max_size=3).map(tuple), st.binary(max_size=8))


def _write(root: Path, files: dict[tuple[str, ...], bytes]) -> None:
    for parts, body in files.items():
        path = root.joinpath("poster", *parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                continue  # a folder already took the name
            path.write_bytes(body)
        except (FileExistsError, NotADirectoryError):
            continue  # a file already took a folder's name


def _replace(root: Path, edit: dict[tuple[str, ...], bytes]) -> list[str]:
    """Replace the files ``edit`` names that exist under ``root``/poster (a new inode and time,
    as sync_tree does); returns their paths relative to ``root``."""
    written = []
    for parts, body in edit.items():
        path = root.joinpath("poster", *parts)
        if path.is_file():
            fresh = path.with_name(path.name + ".tmp")
            fresh.write_bytes(body + b"!")
            os.replace(fresh, path)
            written.append(str(path.relative_to(root)))
    return written


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(wanted=TREES, stale=TREES, edit=TREES)
def test_link_into_makes_the_site_hold_exactly_the_files_folder(tmp_path, wanted, stale, edit):
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    files, site = base / "files", base / "site"
    _write(files, wanted)
    files.mkdir(exist_ok=True)
    _write(site, stale)  # what a previous build left, or MkDocs' clean build did not
    (site / "other").mkdir(parents=True, exist_ok=True)
    (site / "other" / "index.html").write_bytes(b"MkDocs")
    link_into(files, site, ["poster"])
    assert tree(site / "poster") == tree(files / "poster")
    assert (site / "other" / "index.html").read_bytes() == b"MkDocs"
    assert link_into(files, site, ["poster"]) == 0  # nothing changed: nothing linked again
    # An edit replaces files (a new inode and time, as sync_tree does): the site follows.
    _replace(files, edit)
    link_into(files, site, ["poster"])
    assert tree(site / "poster") == tree(files / "poster")


def test_a_failing_poster_process_is_a_build_error_without_traceback(tmp_path):
    """The posters' own process (generator.site.posters) reports why it failed, in one line."""
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert directory is not None
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder", encoding="utf-8")  # poster/ cannot be made under a file
    failed = pytest.raises(OSError, match="poster instansi gagal ditulis: .*berkas")
    with failed as caught, spawned_posters(directory, blocked) as run:
        run.wait()
    assert "Traceback" not in str(caught.value)
    folder = tmp_path / "site"
    with spawned_posters(directory, folder) as run:
        assert run.wait() == len(directory.agencies)
    assert {p.stem for p in (folder / "poster").iterdir()} == set(directory.agencies)


def test_the_poster_process_ignores_a_generator_folder_in_the_working_folder(tmp_path, monkeypatch):
    """A region's repository with a folder named ``generator`` does not replace Kanal's code."""
    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert directory is not None
    fake = tmp_path / "repo" / "generator"
    (fake / "site").mkdir(parents=True)
    (fake / "__init__.py").write_text("raise SystemExit('bukan Kanal')\n", encoding="utf-8")
    (fake / "site" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    with spawned_posters(directory, tmp_path / "site") as run:
        assert run.wait() == len(directory.agencies)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(wanted=TREES, edit=TREES)
def test_linking_only_what_a_rebuild_wrote_equals_linking_all(tmp_path, wanted, edit):
    """``kanal serve`` after an edit that removed no poster links only the posters written
    again (link_changed); the site must then hold what link_into would have made."""
    base = Path(tempfile.mkdtemp(dir=tmp_path))
    files, site = base / "files", base / "site"
    _write(files, wanted)
    files.mkdir(exist_ok=True)
    link_into(files, site, ["poster"])
    written = _replace(files, edit)
    assert link_changed(files, site, written) == len(written)
    assert tree(site / "poster") == tree(files / "poster")
    assert link_into(files, site, ["poster"]) == 0  # nothing left for the full walk to do


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def test_posters_written_past_the_pages_are_waited_for_or_killed(tmp_path):
    """The build waits for the posters' process after MkDocs (generator.site.stage.Later); a
    build failing before that kills it instead of leaving it writing on."""
    from generator.site.stage import Later

    directory = load_directory(FIXTURES / "tiny", TODAY, Problems())
    assert directory is not None
    before = _children()
    later = Later()
    with later.stack:
        later.start_posters(directory, tmp_path / "a")
        assert _children() - before  # running while the build goes on
        later.wait()
    assert {p.stem for p in (tmp_path / "a" / "poster").iterdir()} == set(directory.agencies)
    assert _children() == before

    later = Later()
    with pytest.raises(RuntimeError, match="MkDocs"), later.stack:
        later.start_posters(directory, tmp_path / "b")
        raise RuntimeError("MkDocs gagal")
    assert _children() == before  # killed and reaped, not left running


def test_posters_are_written_from_the_check_stage_and_killed_if_the_build_fails(
    tmp_path, monkeypatch
):
    """The build starts the posters as soon as the directory is valid (they need nothing
    else): posters appear while the complaint records are read; a build failing after that
    (records with errors, or compute raising) leaves no poster process and no staging."""
    import time

    from generator.build import pipeline

    project = copy_project(tmp_path / "project")
    out = tmp_path / "out" / "site"
    real = pipeline.load_complaints
    seen: list[int] = []

    def waiting(data, directory, problems):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            written = list(out.parent.glob(".site.new-*/poster/*.html"))
            if written:
                seen.append(len(written))
                break
            time.sleep(0.02)
        return real(data, directory, problems)

    monkeypatch.setattr(pipeline, "load_complaints", waiting)
    build(FIXTURES / "tiny", out, project, TODAY)
    assert seen and seen[0] > 0  # written before the records were read

    before = _children()

    def wrong(data, directory, problems):
        found = real(data, directory, problems)
        assert _children() - before  # the posters' process runs
        problems.error(Location("data/aduan/x.csv", 2), "received", "tanggal salah")
        return found

    monkeypatch.setattr(pipeline, "load_complaints", wrong)
    with pytest.raises(InvalidData):
        build(FIXTURES / "tiny", out, project, TODAY)
    assert _children() == before  # the posters' process killed and reaped
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging left

    def failing(inputs):
        raise RuntimeError("compute gagal")

    monkeypatch.setattr(pipeline, "load_complaints", real)
    monkeypatch.setattr(pipeline, "compute_figures", failing)
    with pytest.raises(RuntimeError, match="compute gagal"):
        build(FIXTURES / "tiny", out, project, TODAY)
    assert _children() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_the_poster_process_runs_at_a_lower_priority(tmp_path):
    """The posters are background work (waited for after MkDocs): their process lowers its
    priority (nice, and on Linux the idle scheduling class, SCHED_IDLE) so that it takes only
    what the build's own processes leave of the CPU."""
    import time

    from generator.site.posters import POSTER_NICENESS

    directory = load_directory(ROOT / "data", TODAY, Problems())  # the demo: 307 posters
    assert directory is not None
    before = _children()
    lowered = min(os.nice(0) + POSTER_NICENESS, 19)  # nice values are relative to the build's
    seen: set[tuple[int, int]] = set()
    wanted = (lowered, os.SCHED_IDLE)
    with spawned_posters(directory, tmp_path / "site") as run:
        (pid,) = _children() - before
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and wanted not in seen:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                break
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] == "Z":  # done: a zombie until waited for
                break
            seen.add((int(fields[16]), int(fields[38])))  # fields 19 and 41: nice, policy
            time.sleep(0.002)
        assert run.wait() == len(directory.agencies)
    assert wanted in seen and lowered != os.nice(0)  # the build itself is not lowered
    assert os.sched_getscheduler(0) != os.SCHED_IDLE


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


@pytest.fixture(scope="module")
def demo_posters(tmp_path_factory) -> tuple[Directory, dict[str, bytes]]:
    """The demo's 307 posters (10 blocks) as one process alone writes them."""
    directory = load_directory(ROOT / "data", TODAY, Problems())
    assert directory is not None
    folder = tmp_path_factory.mktemp("alone")
    with tempfile.TemporaryFile() as payload:
        write_payload(directory, payload)
        payload.seek(0)
        assert write_posters(payload, folder) == len(directory.agencies)
    return directory, _files(folder)


@pytest.mark.parametrize("helped", [0, 1, 3, 99])
def test_posters_shared_with_the_build_are_each_written_once_as_alone(
    tmp_path, demo_posters, helped
):
    """The build renders blocks from the last one down while the posters' process renders
    from the first (PosterRun): together they write every poster once, byte for byte as the
    process alone, however many blocks the build took before its final wait."""
    directory, alone = demo_posters
    folder = tmp_path / "site"
    with spawned_posters(directory, folder) as run:
        assert len(run.blocks) == -(-len(directory.agencies) // BLOCK) > 3
        took = sum(run.help() for _ in range(helped))
        # The process, started just now, cannot have reached the last block yet.
        assert min(helped, 1) <= took <= min(helped, len(run.blocks))
        assert run.wait() == len(directory.agencies)
        claimed = sorted(int(p.name) for p in run.claims.iterdir())
    assert claimed == list(range(len(run.blocks)))  # every block taken, once
    assert _files(folder) == alone
    assert os.listdir(folder) == ["poster"]  # the claims are gone
    assert not run.help()  # nothing left once waited for


@pytest.mark.parametrize("helped", [0, 1, 4])
@pytest.mark.parametrize("budget", [0, WHOLE_BUDGET])
def test_the_finder_files_are_written_once_by_the_process_or_the_build(
    tmp_path, demo_posters, helped, budget
):
    """With a finder job (kanal build), the finder's files (the index whole or in shards, and
    finder.json) are written by whichever of the posters' process and the build claims the
    job first, byte for byte as write_docs writes them in its own process, with every poster."""
    directory, alone = demo_posters
    expected = tmp_path / "expected"
    index = finder_index(directory)
    write_finder_files(index, (), expected, shard_folder=expected / SHARD_FOLDER, budget=budget)
    folder = tmp_path / "site"
    job = FinderJob(finder_index(directory), (), budget)
    with spawned_posters(directory, folder, job) as run:
        for _ in range(helped):
            run.help()
        run.finder()  # the build, before MkDocs: the files are there once it returns
        assert (folder / INDEX_FILE).is_file() and (folder / FINDER_FILE).is_file()
        assert run.wait() == len(directory.agencies)
        claimed = sorted(p.name for p in run.claims.iterdir())
    marks = [FINDER_CLAIM, *map(str, range(len(run.blocks)))]
    assert claimed in (sorted(marks), sorted([*marks, FINDER_DONE]))  # done: by the process
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}
    assert {k: v for k, v in files.items() if k.startswith("poster/")} == alone
    finder_files = {k: v for k, v in files.items() if not k.startswith("poster/")}
    assert finder_files == {
        p.relative_to(expected).as_posix(): p.read_bytes() for p in expected.rglob("*.*")
    }
    assert (INDEX_FILE in finder_files) and (FINDER_FILE in finder_files)
    assert any(k.startswith(SHARD_FOLDER + "/") for k in finder_files) == (budget == 0)


@pytest.mark.parametrize("taker", ["process", "build"])
def test_a_failed_finder_job_fails_the_build_at_once_whoever_took_it(tmp_path, demo_posters, taker):
    """The finder's files cannot be written (``assets`` is a file): the build learns it as
    the finder's failure, from the process at its next block or from its own attempt, and
    renders no poster for a failed build."""
    directory, _ = demo_posters
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "assets").write_text("bukan folder", encoding="utf-8")
    job = FinderJob(finder_index(directory), (), WHOLE_BUDGET)
    with spawned_posters(directory, folder, job) as run:
        if taker == "process":
            for _ in range(500):  # the process claims the job first thing
                if (run.claims / FINDER_CLAIM).is_dir():
                    break
                time.sleep(0.01)
            assert (run.claims / FINDER_CLAIM).is_dir()
        with pytest.raises(OSError, match=r"^indeks pencari gagal ditulis: .*Not a directory"):
            run.finder()
        if taker == "process":
            with pytest.raises(OSError, match=r"^indeks pencari gagal ditulis"):
                run.help()  # no poster rendered here for a failed build
        built = {p.name for p in run.claims.iterdir() if p.name.isdigit()}
        assert str(len(run.blocks) - 1) not in built or taker == "process"


@settings(max_examples=40, deadline=None)
@given(blocks=st.integers(1, 12), taken=st.integers(0, 12))
def test_the_posters_process_stops_at_the_first_block_the_build_took(blocks, taken):
    """write_posters with claims writes the blocks below the lowest one the build claimed (the
    build claims from the top down), and claims each of them."""
    taken = min(taken, blocks)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        claims, folder = base / "claims", base / "out"
        claims.mkdir()
        stream = io.BytesIO()
        pickle.dump({}, stream)
        pickle.dump(None, stream)  # no finder job
        for b in range(blocks):
            pickle.dump([(f"p/{b}-{i}.html", {}) for i in range(2)], stream)
        stream.seek(0)
        for b in range(blocks - taken, blocks):
            assert claim(claims, b)
        rows = posters._write_rows
        written: list[str] = []
        try:
            posters._write_rows = lambda batch, *a: written.extend(src for src, _ in batch)
            assert write_posters(stream, folder, claims) == 2 * (blocks - taken)
        finally:
            posters._write_rows = rows
        assert written == [f"p/{b}-{i}.html" for b in range(blocks - taken) for i in range(2)]
        assert sorted(int(p.name) for p in claims.iterdir()) == list(range(blocks))
        assert not claim(claims, 0)  # a block is taken once


def test_one_core_keeps_the_finder_in_the_build(tmp_path, monkeypatch):
    """On one core the posters' process would only wait for the build's own work, and the
    build for its job before MkDocs: the build writes the finder's files itself."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert 0 < pipeline.usable_cores() <= 2  # a container's quota may say less
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 2)
    assert second_core_free(data)
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 1.5)  # --cpus=1.5
    assert not second_core_free(data)
    monkeypatch.undo()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert pipeline.usable_cores() <= 1 and not second_core_free(data)
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 2)
    (data / "complaints").mkdir()
    assert second_core_free(data)  # an empty folder holds no records
    (data / "complaints" / "aduan.csv").write_text("", encoding="utf-8")
    assert not second_core_free(data)


def test_without_a_safe_fork_the_posters_process_writes_the_finder_itself(
    tmp_path, demo_posters, monkeypatch
):
    """Where forking is not safe the finder's job runs in the posters' process, then its
    posters: the same files."""
    import generator.build.worker as worker

    directory, alone = demo_posters
    monkeypatch.setattr(worker, "can_fork", lambda: False)
    folder = tmp_path / "site"
    with tempfile.TemporaryFile() as payload:
        write_payload(directory, payload, FinderJob(finder_index(directory), (), WHOLE_BUDGET))
        payload.seek(0)
        assert write_posters(payload, folder) == len(directory.agencies)
    assert _files(folder) == alone
    assert (folder / INDEX_FILE).is_file() and (folder / FINDER_FILE).is_file()


def test_a_process_stopped_by_a_signal_is_said_so_not_by_its_last_line():
    """The posters' process killed (SIGKILL, the machine's OOM killer): its last line, a
    warning perhaps, is not the reason; the finder's wait says it is the finder's failure."""
    run = posters.PosterRun.__new__(posters.PosterRun)
    with tempfile.TemporaryFile() as errors:
        errors.write(b"<frozen runpy>:128: RuntimeWarning: bukan alasannya\n")
        run.errors = errors
        run._failed(0)
        run._failed(None)
        with pytest.raises(
            OSError, match=r"^poster instansi gagal ditulis: proses poster dihentikan sinyal 9$"
        ):
            run._failed(-9)
        with pytest.raises(
            OSError, match=r"^indeks pencari gagal ditulis: proses poster dihentikan sinyal 15$"
        ):
            run._failed(-15, posters.FINDER_FAILED)
        with pytest.raises(OSError, match=r"^poster instansi gagal ditulis: .*bukan alasannya$"):
            run._failed(1)
        errors.write(b"indeks pencari gagal ditulis: OSError: disk penuh\n")
        with pytest.raises(OSError, match=r"^indeks pencari gagal ditulis: OSError: disk penuh$"):
            run._failed(1)
