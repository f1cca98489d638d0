"""The history store: atomic, append-only, de-duplicated; survives ``kanal fetch`` being killed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build.pipeline import check
from generator.feeds.parse import Post
from generator.feeds.store import Store, account_dir, decode, encode
from generator.safeinput.problems import Problems, display_path
from tests import feedserver as fs
from tests.conftest import FIXTURES, ROOT, TODAY

WIB = dt.timezone(dt.timedelta(hours=7))


def post(i: int, **kw) -> Post:
    base = dict(
        ident=f"g{i}",
        link=f"https://contoh.go.id/{i}",
        time=dt.datetime(2026, 11, 1 + i % 20, 9, 0, tzinfo=WIB),
        title=f"Judul {i}",
    )
    return Post(**{**base, **kw})


def test_round_trip_is_compact_and_sorted():
    p = post(1, summary="Ringkas", estimated=True)
    line = encode(p)
    assert line == (
        '{"e":1,"g":"g1","n":"Judul 1","s":"Ringkas","t":"2026-11-02T09:00+07:00",'
        '"u":"https://contoh.go.id/1"}'
    )
    assert decode(line) == p
    same = post(2, ident="https://contoh.go.id/2")
    assert '"g"' not in encode(same)  # the guid is stored only when it differs from the link


def test_append_only_dedup_and_year_shards(tmp_path):
    store = Store(tmp_path)
    assert store.add("instagram:uji", [post(1), post(2)]) == 2
    path = account_dir(tmp_path, "instagram:uji") / "2026.jsonl"
    before = path.read_bytes()
    old = post(3, time=dt.datetime(2025, 12, 31, 23, 0, tzinfo=WIB))
    assert store.add("instagram:uji", [post(2), post(4), old, post(4)]) == 2
    after = path.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == 3
    assert (path.parent / "2025.jsonl").read_text().count("\n") == 1
    assert {p.ident for p in store.read("instagram:uji").posts} == {"g1", "g2", "g3", "g4"}


def test_account_folders_are_safe_and_distinct(tmp_path):
    a = account_dir(tmp_path, "youtube:UCabc")
    b = account_dir(tmp_path, "youtube:UCABC")
    c = account_dir(tmp_path, "website:contoh.go.id/../x")
    assert a != b and a.name.lower() != b.name.lower()
    assert c.parent == tmp_path / "website" and ".." not in c.name
    assert account_dir(tmp_path, "instagram:dinkes.uji") == tmp_path / "instagram" / "dinkes.uji"


def test_corrupt_lines_are_reported_with_file_and_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    store = Store(data / "posts")
    store.add("instagram:dinkes.uji", [post(1)])
    path = account_dir(store.root, "instagram:dinkes.uji") / "2026.jsonl"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("<<<<<<< HEAD\n")
        fh.write('{"n":"x","t":"2026-11-01T09:00+07:00","u":"javascript:alert(1)"}\n')
    inputs, problems = check(data, TODAY)
    assert inputs is None
    messages = [str(p) for p in problems.errors]
    assert any(
        ":2:1: error: baris riwayat unggahan rusak: bukan JSON yang valid" in m for m in messages
    )
    assert any(
        ":3:1: error: baris riwayat unggahan rusak: medan 'u' harus alamat http" in m
        for m in messages
    )


N_FEEDS = 120
ITEMS = 20


def _many_data(tmp_path: Path, base: str) -> Path:
    data = tmp_path / "data"
    (data / "agencies").mkdir(parents=True)
    region = (FIXTURES / "tiny" / "region.yml").read_text(encoding="utf-8")
    # the loopback test server, allowed explicitly: kanal fetch refuses it by default
    region += "feeds:\n  allow_private: [127.0.0.1]\n"
    (data / "region.yml").write_text(region, encoding="utf-8")
    lines = []
    for i in range(N_FEEDS):
        lines += [
            f"- id: dinas-{i:03d}",
            f"  name: Dinas Uji {i}",
            "  kind: dinas",
            "  accounts:",
            "    - platform: instagram",
            f"      handle: akun{i:03d}",
            "      status: active",
            "      reviewed: 2026-10-01",
            f"      feed: {base}/many/{i}.xml",
        ]
    (data / "agencies" / "banyak.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def _fetch(data: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "fetch",
            "--data",
            str(data),
            "--workers",
            "4",
            "--timeout",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _check_store(root: Path) -> dict[str, list[Post]]:
    """Every file parses, every post is whole and belongs to its feed; no duplicates."""
    found = {}
    for path in root.rglob("*.jsonl"):
        i = int(path.parent.name.removeprefix("akun"))
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n")
        posts = [decode(line) for line in text.splitlines()]
        for p in posts:
            k = int(p.title.rsplit(" ", 1)[1])
            assert p.title == f"f{i} unggahan {k}"
            assert p.ident == f"f{i}-{k}" and p.link == f"https://www.instagram.com/p/f{i}-{k}/"
        assert len({p.ident for p in posts}) == len(posts)
        found[path.parent.name] = posts
    return found


@pytest.fixture
def slow_many():
    fs.MANY.update(bad_every=0, slow=0.0, items=ITEMS, delay=0.08)
    srv = fs.FeedServer().start()
    yield srv
    srv.stop()
    fs.MANY.update(delay=0.0)


def test_killed_fetch_leaves_a_valid_store_and_the_next_run_completes(slow_many, tmp_path):
    data = _many_data(tmp_path, slow_many.base)
    root = data / "posts"
    proc = _fetch(data)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(root.rglob("*.jsonl"))) < 15:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _check_store(root)
    assert 15 <= len(stored) < N_FEEDS, "the kill should land midway"
    assert all(len(posts) == ITEMS for posts in stored.values())  # a feed's posts land together
    Store(root).read_status()  # the status file, if written, is valid JSON

    done = _fetch(data)
    out, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert f"{N_FEEDS} feed:" in out and "0 gagal" in out
    final = _check_store(root)
    assert len(final) == N_FEEDS
    assert all(len(posts) == ITEMS for posts in final.values())  # de-duplicated
    assert not list(root.rglob("*.tmp"))
    for name, posts in stored.items():  # what was stored before the kill is kept, unchanged
        assert final[name] == posts


def test_csv_posts_are_imported_with_problems_located(tmp_path):
    from generator.feeds.refresh import import_csv
    from generator.registry.validate import load_directory
    from generator.safeinput.problems import Problems

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "posts-csv").mkdir()
    (data / "posts-csv" / "ekspor.csv").write_text(
        "platform,akun,waktu,judul,tautan,ringkasan\n"
        "instagram,@dinkes.uji,2026-11-20 09:30,<b>Posyandu</b> &amp; imunisasi,https://www.instagram.com/p/A1/,\n"
        "instagram,https://www.instagram.com/dinkes.uji/,2026-11-21,Senam pagi,https://www.instagram.com/p/A2/,Ringkas\n"
        "instagram,@dinkes.uji,kemarin,Salah waktu,https://www.instagram.com/p/A3/,\n"
        "instagram,@dinkes.uji,2026-11-21,Tautan jahat,javascript:alert(1),\n"
        "instagram,@bukan.akun,2026-11-21,Akun lain,https://www.instagram.com/p/A4/,\n",
        encoding="utf-8",
    )
    problems = Problems()
    directory = load_directory(data, TODAY, problems)
    store = Store(data / "posts")
    assert import_csv(data, directory, store, problems) == 2
    assert import_csv(data, directory, store, Problems()) == 0  # importing twice is harmless
    posts = sorted(store.read("instagram:dinkes.uji").posts, key=lambda p: p.time)
    assert [(p.title, p.time.isoformat()) for p in posts] == [
        ("Posyandu & imunisasi", "2026-11-20T09:30:00+07:00"),
        ("Senam pagi", "2026-11-21T00:00:00+07:00"),
    ]
    lines = sorted(
        (p.location.line, p.severity.value, p.field)
        for p in problems
        if "belum terdaftar" not in p.message  # the tiny registry's completeness
    )
    assert lines == [(4, "error", "waktu"), (5, "error", "tautan"), (6, "warning", "akun")]


def _run_with_status(tmp_path: Path, command: str, status: str):
    """The tiny region with ``status`` as data/posts/_status.json, then the real
    ``kanal COMMAND --data data`` in a subprocess; returns the data folder and the result."""

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    (data / "posts").mkdir()
    (data / "posts" / "_status.json").write_text(status, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", command, "--data", "data"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return data, result


def test_fetch_refuses_a_damaged_history_without_a_traceback(tmp_path):
    """kanal fetch reports a corrupted status file or post line and leaves the store alone."""
    data, result = _run_with_status(tmp_path, "fetch", "{rusak")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "data/posts/_status.json:1:2: error: status feed tidak bisa dibaca: JSON tidak valid: "
        "nama medan harus diapit tanda petik ganda\n"
    ) in result.stderr
    assert "Riwayat unggahan (data/posts/) rusak" in result.stderr
    assert (data / "posts" / "_status.json").read_text(encoding="utf-8") == "{rusak"


def test_stored_text_is_cleaned_like_a_fetched_feed():
    """A hand-edited history cannot put a bidi override, a zero-width space or a terminal
    escape on the pages, nor a megabyte title."""
    line = (
        '{"n":"Jalan \\u202eakub\\u202c rusak\\u200b \\u001b[2J","s":"' + "x" * 5000 + '",'
        '"t":"2026-11-21T10:00+07:00","u":"https://www.instagram.com/p/zzz/"}'
    )
    post = decode(line)
    assert post.title == "Jalan akub rusak [2J"
    assert len(post.summary) == 160 and post.summary.endswith("…")


@pytest.mark.parametrize("inside", [True, False])
def test_bad_line_location_is_the_display_path(tmp_path, monkeypatch, inside):
    """The store names a file as display_path does, from inside the data or from elsewhere."""
    root = tmp_path / "data" / "posts"
    store = Store(root)
    store.add("instagram:dinkes.uji", [post(1)])
    path = account_dir(root, "instagram:dinkes.uji") / "2026.jsonl"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("rusak\n")
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    monkeypatch.chdir(tmp_path if inside else elsewhere)
    problems = Problems()
    assert [p.ident for p in Store(root).read("instagram:dinkes.uji", problems).posts] == ["g1"]
    expected = "data/posts/instagram/dinkes.uji/2026.jsonl" if inside else str(path)
    assert display_path(path) == expected
    assert [str(p) for p in problems.errors] == [
        f"{expected}:2:1: error: baris riwayat unggahan rusak: bukan JSON yang valid "
        "(Expecting value, kolom 1)"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "[" * 100_000 + "]" * 100_000,
            "data/posts/_status.json: error: status feed tidak bisa dibaca: JSON bersarang terlalu dalam",
        ),
        (
            '{"instagram:x": {"fails": "banyak"}}',
            "data/posts/_status.json:1:2: error: instagram:x.fails: harus bilangan bulat 0 atau lebih (jumlah kegagalan berturut-turut)",
        ),
    ],
)
def test_check_reports_a_damaged_status_file_without_a_traceback(tmp_path, text, expected):
    """kanal check (and build) read the status file with the same checks as kanal fetch: a
    deeply nested file or a text where a count belongs is a located error, not a traceback."""
    _, result = _run_with_status(tmp_path, "check", text)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected + "\n" in result.stderr
