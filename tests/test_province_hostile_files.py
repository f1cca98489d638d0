"""A hostile member's files: links, huge files of tiny rows, a boolean version, invisible
characters in names, and fetch errors worded for a province. Each case used to pass or crash."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.province.collect import read_folder
from tests.conftest import TODAY, QuietHandler
from tests.province_util import make_province, make_regency, rehash, run_province

CODE = "33.17"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def member_site(tmp_path_factory, project_copy) -> Path:
    root = tmp_path_factory.mktemp("hostile-member")
    data = make_regency(root, CODE, 2, 2, 2, complaints=20, answered_every=2)
    build(data, root / "site", project_copy, TODAY)
    return root / "site"


@pytest.fixture
def member(member_site, tmp_path) -> Path:
    """A private copy of the member's site, to be made hostile."""
    copy = tmp_path / "member"
    shutil.copytree(member_site, copy)
    return copy


def test_untouched_copy_is_read(member):
    assert read_folder(member, CODE, "Kabupaten Rembang", TODAY).status == "ok"


@pytest.mark.parametrize("name", ["agencies.csv", "kanal.json", "."])
def test_links_inside_a_folder_member_are_refused(member, tmp_path, name):
    """The same bytes through a link: the old reader followed it and verified the member."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = member / "data" / name
    moved = outside / ("data" if name == "." else name)
    shutil.move(target, moved)
    (member / "data" / name if name != "." else member / "data").symlink_to(moved)
    result = read_folder(member, CODE, "Kabupaten Rembang", TODAY)
    assert result.status == "unreachable"
    assert "tautan simbolik" in (result.reason or ""), result.reason
    assert result.agencies == [] and not result.shown


def test_a_link_to_proc_environ_is_never_opened(member, monkeypatch):
    monkeypatch.setenv("KANAL_SECRET_FOR_TEST", "rahasia-lingkungan")
    (member / "data" / "kanal.json").unlink()
    (member / "data" / "kanal.json").symlink_to("/proc/self/environ")
    result = read_folder(member, CODE, "Kabupaten Rembang", TODAY)
    assert (result.status, result.reason) == (
        "unreachable",
        "data/kanal.json berupa tautan simbolik; Kanal tidak mengikuti tautan (isinya bisa "
        "berasal dari luar repositori), salin berkasnya ke sini",
    )


_MEASURE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import datetime as dt
from pathlib import Path
from generator.province.collect import read_folder
r = read_folder(Path(sys.argv[2]), "33.17", "Kabupaten Rembang", dt.date.fromisoformat(sys.argv[3]))
# This process's own peak (VmHWM: since its exec). ru_maxrss would also count the pages of
# the test process it was forked from, a gigabyte late in a full run.
status = Path("/proc/self/status").read_text()
peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
print(json.dumps({"status": r.status, "reason": r.reason, "peak": peak}))
"""


@pytest.mark.parametrize(
    ("name", "header", "limit"),
    [
        ("agencies.csv", "id,name,short_name,kind,parent,region_code", "200.000"),
        ("accounts.csv", "agency,platform,handle,url,status,since,reviewed", "200.000"),
        ("figures.csv", "dimension,records", "2.000.000"),
    ],
)
def test_sixty_megabytes_of_two_byte_rows_are_refused_in_bounded_memory(
    member, name, header, limit
):
    """30 million rows under the 64 MB file cap, re-hashed: refused by their number of rows,
    in a fresh process that stays far under 1 GB (the old reader needed more than 4 GB).
    An agency row must name a known kind and a new id (else it is refused at once): 3.4
    million such rows of 18 bytes."""
    path = member / "data" / name
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        if name == "agencies.csv":
            for start in range(0, 3_400_000, 100_000):
                fh.write("".join(f"{i:07d},n,,desa,,\n" for i in range(start, start + 100_000)))
        else:
            block = "a\n" * 1_000_000
            for _ in range(30):
                fh.write(block)
    assert path.stat().st_size > 60_000_000
    rehash(member / "data")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(ROOT), str(member), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    got = json.loads(done.stdout)
    assert got["status"] == "inconsistent"
    assert got["reason"] == f"{name} memuat lebih dari {limit} baris"
    assert got["peak"] < 1_000_000_000, got["peak"]


def test_a_boolean_version_is_not_version_two(member):
    path = member / "data" / "kanal.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["version"] = True
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = read_folder(member, CODE, "Kabupaten Rembang", TODAY)
    assert (result.status, result.reason) == (
        "unknown_version",
        "versi manifes True tidak dikenal (dikenal: [2, 3])",
    )


@pytest.mark.parametrize(
    ("char", "described"),
    [("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"), ("\x00", "U+0000 (karakter kendali)")],
)
def test_invisible_characters_in_member_names_are_refused(member, char, described):
    """The region's own text rules: a name that a region's data may not hold is not
    republished from a member either."""
    path = member / "data" / "agencies.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = lines[1].split(",")
    row[1] = f"Dinas{char}anirak"
    lines[1] = ",".join(row)
    path.write_text("".join(lines), encoding="utf-8")
    rehash(member / "data")
    result = read_folder(member, CODE, "Kabupaten Rembang", TODAY)
    assert (result.status, result.reason) == (
        "inconsistent",
        f"agencies.csv baris 2, kolom name: berisi karakter tak terlihat {described}",
    )
    assert result.agencies == []


class _BadRedirect(QuietHandler):
    """Sends every request on to a host name IDNA refuses."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "http://xn--a.example/data/kanal.json")
        self.end_headers()


def test_fetch_errors_speak_of_the_members_site_not_of_a_feed(
    member_site, tmp_path, project_copy, capsys
):
    """A redirect to a host name that cannot be encoded: the old reader crashed the whole
    province build with a traceback; the message is about the member's site."""
    handler = functools.partial(_BadRedirect, directory=str(member_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        data = make_province(tmp_path, f'members:\n  - code: "{CODE}"\n    site: "{address}"\n')
        with (data / "region.yml").open("a", encoding="utf-8") as fh:
            fh.write("feeds:\n  allow_private: [127.0.0.1]\n")
        code = run_province(data, tmp_path / "site", project_copy.config)
    finally:
        server.shutdown()
        server.server_close()
    printed = capsys.readouterr().out
    assert code == 0
    line = next(x for x in printed.splitlines() if x.startswith(CODE))
    assert line == (
        f"{CODE} Kabupaten Rembang: Tidak dapat dibaca: {address}data/kanal.json: "
        "alamat situs anggota tidak valid"
    )
    assert "feed" not in line
