"""The province reads its members over HTTP from real loopback servers, under the fetch guards."""

from __future__ import annotations

import csv
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.pipeline import build
from tests.conftest import TODAY, QuietHandler
from tests.province_util import make_province, make_regency, run_province


def _serve(folder: Path, host: str) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def rembang_site(tmp_path_factory, project_copy) -> Path:
    """Rembang's built site (a folder)."""
    root = tmp_path_factory.mktemp("member-http")
    data = make_regency(root, "33.17", 2, 2, 1, complaints=20, answered_every=2)
    build(data, root / "site", project_copy, TODAY)
    return root / "site"


@pytest.fixture(scope="module")
def rembang_served(rembang_site) -> Iterator[tuple[str, str]]:
    """Rembang's built site served on 127.0.0.1 and the same folder on 127.0.0.2."""
    servers = [_serve(rembang_site, host) for host in ("127.0.0.1", "127.0.0.2")]
    yield tuple(f"http://{s.server_address[0]}:{s.server_address[1]}/" for s in servers)
    for server in servers:
        server.shutdown()
        server.server_close()


def test_province_reads_members_on_its_own_allow_private_list_only(
    rembang_served, tmp_path, project_copy, capsys
):
    """`kanal province` applies the province's region.yml feeds.allow_private, as `kanal fetch`
    does: an intranet server listed there is read, an unlisted private address is still refused.
    (It used to fetch with public addresses only, whatever region.yml said.)"""
    listed, unlisted = rembang_served
    data = make_province(
        tmp_path,
        f'members:\n  - code: "33.17"\n    site: "{listed}"\n'
        f'  - code: "33.16"\n    site: "{unlisted}"\n',
    )
    with (data / "region.yml").open("a", encoding="utf-8") as fh:
        fh.write("feeds:\n  allow_private: [127.0.0.1]\n")
    out = tmp_path / "site"
    code = run_province(data, out, project_copy.config, "5")
    printed = capsys.readouterr().out
    assert code == 0
    assert "33.17 Kabupaten Rembang: Terbaca dan terverifikasi\n" in printed
    assert (
        f"33.16 Kabupaten Blora: Tidak dapat dibaca: {unlisted}data/kanal.json: "
        "alamat tidak publik (127.0.0.2) ditolak\n"
    ) in printed
    with (out / "data" / "provinsi.csv").open(encoding="utf-8") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    rembang = rows["33.17"]
    assert (rembang["status"], rembang["rank"], rembang["site"]) == ("ok", "1", listed)
    assert (rembang["desa_registered"], rembang["desa_active"]) == ("4", "4")
    assert rembang["first_response_within_target"] == "10"
    assert rows["33.16"]["status"] == "unreachable" and rows["33.16"]["desa_active"] == ""


class _Trickle(QuietHandler):
    """Answers every file, each well within the per-file limit, but slowly."""

    delay = 0.7

    def do_GET(self) -> None:
        import time

        time.sleep(self.delay)
        super().do_GET()


def test_a_member_gets_one_deadline_for_all_its_files(rembang_site, tmp_path, project_copy, capsys):
    """Four files at 0.7 s each stay under a 1.5 s limit one by one; the member as a whole does
    not, and is listed as unreachable (it used to pass, holding the build 4 x the limit)."""
    handler = functools.partial(_Trickle, directory=str(rembang_site))
    slow = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{slow.server_address[1]}/"
    try:
        data = make_province(tmp_path, f'members:\n  - code: "33.17"\n    site: "{address}"\n')
        with (data / "region.yml").open("a", encoding="utf-8") as fh:
            fh.write("feeds:\n  allow_private: [127.0.0.1]\n")
        code = run_province(data, tmp_path / "site", project_copy.config, "1.5")
    finally:
        slow.shutdown()
        slow.server_close()
    printed = capsys.readouterr().out
    assert code == 0
    assert (
        f"33.17 Kabupaten Rembang: Tidak dapat dibaca: {address}: "
        "waktu habis (1.5 detik untuk semua berkasnya)\n"
    ) in printed
