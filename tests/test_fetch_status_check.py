"""The status file as ``kanal fetch`` reads it: whatever it holds, a located problem or values the
run can use (count on, send back as headers, write again), never an exception."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.feeds.fetch import Fetched
from generator.feeds.refresh import Job, Summary, _Recorder
from generator.feeds.store import Store
from generator.feeds.storecheck import read_fetch_status
from generator.safeinput.problems import Problems

KEYS = ["instagram:a", "instagram:b", "youtube:UCx"]
NAMES = ["url", "etag", "modified", "ok", "err", "err_at", "fails", "lain"]
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=250),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
entries = st.one_of(
    values,
    st.dictionaries(st.sampled_from(NAMES), values, max_size=len(NAMES)),
    # the feed's own URL: the run then uses the entry's other values
    st.fixed_dictionaries(
        {"url": st.just("http://127.0.0.1/feed")}, optional={n: values for n in NAMES[1:]}
    ),
)
statuses = st.one_of(values, st.dictionaries(st.sampled_from(KEYS), entries, max_size=3))


def _problems(path: Path) -> tuple[dict, Problems]:
    problems = Problems()
    return read_fetch_status(path, problems), problems


@SETTINGS
@given(status=statuses)
def test_any_json_is_refused_with_its_place_or_usable(tmp_path, status):
    path = tmp_path / "_status.json"
    path.write_text(json.dumps(status, ensure_ascii=False, indent=1), encoding="utf-8")
    got, problems = _problems(path)
    if problems.errors:
        assert got == {}
        for problem in problems.errors:
            text = str(problem)
            assert text.startswith(f"{path}") and ": error: " in text
            if isinstance(status, dict) and problem.field:  # an entry: found on its line
                assert problem.location.line >= 2
        return
    assert isinstance(got, dict) and all(isinstance(v, dict) for v in got.values())
    # What the run does with it: count failures, send ETags back, write the file again.
    store = Store(tmp_path / "posts")
    recorder = _Recorder(store, ZoneInfo("Asia/Jakarta"), Summary(), None, got)
    for key, entry in got.items():
        headers = {"If-None-Match": entry.get("etag"), "If-Modified-Since": entry.get("modified")}
        httpx.Request("GET", "http://127.0.0.1/", headers={k: v for k, v in headers.items() if v})
        url = entry.get("url", "http://127.0.0.1/")
        recorder.record(Job("uji", key, url), Fetched(url, "failed", error="HTTP 500"), None)
        recorder.record(Job("uji", key, url), Fetched(url, "unchanged", etag='"v2"'), None)
    recorder.save()
    again, problems = _problems(store.status_path)
    assert not problems.errors and set(again) == set(got)


@SETTINGS
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_refused_or_read_never_raised(tmp_path, raw):
    path = tmp_path / "_status.json"
    path.write_bytes(raw)
    got, problems = _problems(path)
    if problems.errors:
        assert got == {} and all(str(p).startswith(str(path)) for p in problems.errors)
    else:
        assert isinstance(got, dict) and all(isinstance(v, dict) for v in got.values())


def test_entries_are_located_on_their_line(tmp_path):
    path = tmp_path / "_status.json"
    path.write_text(
        '{\n"instagram:a":{"fails":0,"ok":"2026-11-20T10:00:00+07:00"},\n'
        '"instagram:b":{"fails":true,"etag":"\\"v\\r\\n1\\"","lain":[1]}\n}\n',
        encoding="utf-8",
    )
    got, problems = _problems(path)
    assert got == {}
    assert [str(p) for p in problems.sorted()] == [
        f"{path}:3:1: error: instagram:b.etag: harus teks ASCII tanpa karakter kendali, paling "
        "panjang 200 karakter (dikirim kembali ke server feed sebagai header HTTP)",
        f"{path}:3:1: error: instagram:b.fails: harus bilangan bulat 0 atau lebih (jumlah "
        "kegagalan berturut-turut)",
    ]


def test_fields_kanal_does_not_know_are_kept(tmp_path):
    path = tmp_path / "_status.json"
    entry = {"fails": 2, "url": "https://contoh.go.id/feed", "baru": {"x": [1]}}
    path.write_text(json.dumps({"instagram:a": entry}), encoding="utf-8")
    got, problems = _problems(path)
    assert not problems.items and got == {"instagram:a": entry}
