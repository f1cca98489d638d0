"""``kanal fetch`` on a corrupted history store: every problem located, nothing fetched, nothing
rewritten, exit 1, never a traceback.

Each case corrupts a copy of a store that a real ``kanal fetch`` wrote from a loopback feed
server, runs the real command in a subprocess, and compares every byte under ``data/posts``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.safeinput.files import LINK_MESSAGE
from generator.safeinput.yamlerrors import NOT_UTF8
from tests import feedserver as fs
from tests.conftest import FIXTURES, ROOT
from tests.test_hostile_files import FOLDER, report_lines

STATUS = "data/posts/_status.json"
GOOD = "data/posts/instagram/baik.uji/2026.jsonl"
OLD = "data/posts/instagram/lama.uji/2026.jsonl"  # an inactive account: fetched, not built
REFUSED = (
    "Riwayat unggahan (data/posts/) rusak; perbaiki baris di atas, tidak ada feed yang diambil."
)
ROUTES = {
    "/baik": fs.with_etag(fs.rss(fs.numbered_items("baik", 3)), '"b1"'),
    "/lama": fs.good(fs.rss(fs.numbered_items("lama", 2))),
}
SHAPE = "status feed harus objek JSON berisi satu objek per akun"


def agencies(base: str) -> str:
    accounts = [("baik.uji", "active", "/baik"), ("lama.uji", "inactive", "/lama")]
    lines = ["id: dinas-uji", "name: Dinas Uji", "kind: dinas", "accounts:"]
    for handle, status, route in accounts:
        lines += [
            "  - platform: instagram",
            f"    handle: {handle}",
            f"    status: {status}",
            "    reviewed: 2026-10-01",
            f"    feed: {base}{route}",
        ]
    return "\n".join(lines) + "\n"


def fetch(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "fetch", "--data", "data", "--timeout", "5"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def snapshot(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``root``: links by target, files by bytes, folders by name."""
    out: dict[str, tuple[str, bytes]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                out[rel] = ("folder", b"")
            else:
                out[rel] = ("file", path.read_bytes())
    return out


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A folder with ``data/`` whose store a real ``kanal fetch`` wrote (two accounts)."""
    fs.FeedHandler.routes = dict(ROUTES)
    server = fs.FeedServer().start()
    root = tmp_path_factory.mktemp("seeded")
    data = root / "data"
    shutil.copytree(FIXTURES / "tiny", data)
    region = (data / "region.yml").read_text(encoding="utf-8")
    (data / "region.yml").write_text(region + "feeds:\n  allow_private: [127.0.0.1]\n")
    (data / "agencies" / "uji.yml").write_text(agencies(server.base), encoding="utf-8")
    first = fetch(root)
    assert first.returncode == 0, first.stderr
    assert "2 feed: 2 diambil, 0 tidak berubah, 0 gagal; 5 unggahan baru" in first.stdout
    yield root
    server.stop()


def _write(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / rel).write_bytes(data)


def _status_with(entry: str, key: str = "instagram:baik.uji") -> Callable[[Path], None]:
    """The status file with one account's entry replaced (the other left as fetched)."""

    def run(root: Path) -> None:
        path = root / STATUS
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f'"{key}":{entry},' if line.startswith(f'"{key}":') else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return run


def _replace(rel: str, kind: str) -> Callable[[Path], None]:
    """``rel`` replaced by a link to a copy outside data/, or by a folder."""

    def run(root: Path) -> None:
        path = root / rel
        if kind == "link":
            outside = root / "luar" / path.name
            outside.parent.mkdir(exist_ok=True)
            shutil.move(path, outside)
            path.symlink_to(outside)
        else:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            path.mkdir()
            (path / "isi.txt").write_text("x")

    return run


def _append(rel: str, data: bytes) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        with (root / rel).open("ab") as fh:
            fh.write(data)

    return run


def _too_big(root: Path) -> None:
    with (root / STATUS).open("r+b") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: the size alone refuses it


LINE2 = f"{STATUS}:2:1: error: instagram:baik.uji"
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "status not JSON": (
        _write(STATUS, b"{rusak"),
        [
            f"{STATUS}:1:2: error: status feed tidak bisa dibaca: JSON tidak valid: "
            "nama medan harus diapit tanda petik ganda"
        ],
    ),
    "status cut short": (
        _write(STATUS, b'{\n"instagram:baik.uji":{"fails":0,\n'),
        [
            f"{STATUS}:3:1: error: status feed tidak bisa dibaca: JSON tidak valid: nama medan "
            "harus diapit tanda petik ganda"
        ],
    ),
    "status a JSON array": (
        _write(STATUS, b"[]\n"),
        [f"{STATUS}:1:1: error: {SHAPE}, bukan larik"],
    ),
    "status a string": (
        _write(STATUS, b'\n  "x"\n'),
        [f"{STATUS}:2:3: error: {SHAPE}, bukan teks"],
    ),
    "status nested too deep": (
        _write(STATUS, b"[" * 200_000),
        [f"{STATUS}: error: status feed tidak bisa dibaca: JSON bersarang terlalu dalam"],
    ),
    "status number too long": (
        _status_with('{"fails":' + "9" * 5000 + "}"),
        [f"{STATUS}: error: status feed tidak bisa dibaca: angka terlalu panjang"],
    ),
    "entry not an object": (_status_with("5"), [f"{LINE2}: harus objek JSON, bukan angka"]),
    "fails not a number": (
        _status_with('{"fails":"banyak","url":"x"}'),
        [f"{LINE2}.fails: harus bilangan bulat 0 atau lebih (jumlah kegagalan berturut-turut)"],
    ),
    "fails NaN and negative": (
        _write(
            STATUS,
            b'{\n"instagram:baik.uji":{"fails":NaN},\n"instagram:lama.uji":{"fails":-1}\n}\n',
        ),
        [
            f"{LINE2}.fails: harus bilangan bulat 0 atau lebih (jumlah kegagalan berturut-turut)",
            f"{STATUS}:3:1: error: instagram:lama.uji.fails: harus bilangan bulat 0 atau lebih "
            "(jumlah kegagalan berturut-turut)",
        ],
    ),
    "texts of other types": (
        _status_with('{"url":5,"ok":[],"err":null,"err_at":{}}'),
        [
            f"{LINE2}.err: harus teks",
            f"{LINE2}.err_at: harus teks",
            f"{LINE2}.ok: harus teks",
            f"{LINE2}.url: harus teks",
        ],
    ),
    "etag that cannot be a header": (
        _status_with('{"etag":"\\"b\u00e9\\"","modified":"a\\nb","url":"x"}'),
        [
            f"{LINE2}.etag: harus teks ASCII tanpa karakter kendali, paling panjang 200 "
            "karakter (dikirim kembali ke server feed sebagai header HTTP)",
            f"{LINE2}.modified: harus teks ASCII tanpa karakter kendali, paling panjang 200 "
            "karakter (dikirim kembali ke server feed sebagai header HTTP)",
        ],
    ),
    "status a link": (_replace(STATUS, "link"), [f"{STATUS}: error: {LINK_MESSAGE}"]),
    "status a folder": (_replace(STATUS, "folder"), [f"{STATUS}: error: {FOLDER}"]),
    "status too big": (
        _too_big,
        [
            f"{STATUS}: error: berkas terlalu besar (21,0 MB; batas 20,0 MB); "
            "pecah menjadi beberapa berkas"
        ],
    ),
    "status not UTF-8": (_append(STATUS, b'\n{"\xe9"}\n'), [f"{STATUS}:6:3: error: {NOT_UTF8}"]),
    "bad line of an active account": (
        _append(GOOD, b"<<<<<<< HEAD\n"),
        [
            f"{GOOD}:4:1: error: baris riwayat unggahan rusak: bukan JSON yang valid "
            "(Expecting value, kolom 1)"
        ],
    ),
    "bad line of an inactive account": (
        _append(OLD, b'{"n":"x","t":"kemarin","u":"https://contoh.go.id/x"}\n'),
        [
            f"{OLD}:3:1: error: baris riwayat unggahan rusak: medan 't' (waktu) hilang atau tidak valid"
        ],
    ),
    "history not UTF-8": (_append(OLD, b'{"n":"caf\xe9"}\n'), [f"{OLD}:3:10: error: {NOT_UTF8}"]),
    "history a link": (_replace(OLD, "link"), [f"{OLD}: error: {LINK_MESSAGE}"]),
    "history a folder": (_replace(OLD, "folder"), [f"{OLD}: error: {FOLDER}"]),
    "account folder a link": (
        _replace("data/posts/instagram/lama.uji", "link"),
        [f"data/posts/instagram/lama.uji: error: {LINK_MESSAGE}"],
    ),
    "platform folder a link": (
        _replace("data/posts/instagram", "link"),
        [f"data/posts/instagram: error: {LINK_MESSAGE}"],
    ),
    "store a link": (_replace("data/posts", "link"), [f"data/posts: error: {LINK_MESSAGE}"]),
    "account folder a file": (
        lambda root: (
            shutil.rmtree(root / "data/posts/instagram/lama.uji"),
            (root / "data/posts/instagram/lama.uji").write_text("x"),
        ),
        ["data/posts/instagram/lama.uji: error: harus berupa folder"],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_corrupted_store_is_reported_and_left_alone(seeded, tmp_path, name):
    corrupt, expected = CASES[name]
    root = tmp_path / "kasus"
    shutil.copytree(seeded, root, symlinks=True)
    corrupt(root)
    before = snapshot(root)
    fs.FeedHandler.hits.clear()
    result = fetch(root)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert report_lines(result.stderr) == [
        *expected,
        f"{len(expected)} galat, 0 peringatan.",
        REFUSED,
    ]
    assert result.stdout == ""
    assert not fs.FeedHandler.hits  # nothing fetched
    assert snapshot(root) == before  # nothing destroyed, rewritten or tidied away
    good = (seeded / GOOD).read_bytes()
    kept = [content for kind, content in before.values() if kind == "file"]
    assert good.count(b"\n") == 3 and any(c.startswith(good) for c in kept)  # not lost


def test_a_history_damaged_while_fetching_stops_the_run_without_a_traceback(seeded, tmp_path):
    """The check runs first; a file edited during the run is caught when it is appended to."""
    root = tmp_path / "kasus"
    shutil.copytree(seeded, root, symlinks=True)
    good = root / GOOD
    fresh = fs.rss(fs.numbered_items("baik", 4))  # one post more than stored

    def edit_then_answer(handler: fs.FeedHandler) -> None:
        with good.open("ab") as fh:
            fh.write(b"<<<<<<< HEAD\n")
        handler.send(fresh)

    fs.FeedHandler.routes["/baik"] = edit_then_answer
    try:
        before = good.read_bytes()
        result = fetch(root)
    finally:
        fs.FeedHandler.routes = dict(ROUTES)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"galat: riwayat unggahan berubah selama pengambilan: {GOOD}:4: "
        "bukan JSON yang valid (Expecting value, kolom 1)"
    )
    assert good.read_bytes() == before + b"<<<<<<< HEAD\n"  # the edit kept, nothing added to it
