"""``kanal fetch``: refresh every feed into the history store, then report.

One broken feed never stops the others: each outcome is recorded in the status file (last
success, last error, consecutive failures) and the run goes on. Network work runs on one
asyncio loop (bounded by a semaphore of ``workers``); parsing runs in worker processes for
large runs (feedparser is pure Python and would hold up the loop); storing runs on one
writer thread, so files are never written by two hands at once.

Before any of that the whole store is checked (``generator.feeds.storecheck``): a damaged
status file or history stops the run before anything is fetched or written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from generator.feeds.csvposts import csv_files, link_rules, read_csv_posts
from generator.feeds.fetch import FetchConfig, Fetched, fetch_one, make_client, run_sync
from generator.feeds.parse import SUMMARY_MAX, TITLE_MAX, ParsedFeed, Post, parse_feed
from generator.feeds.postlinks import LinkRule, link_rule
from generator.feeds.store import Store
from generator.feeds.storecheck import check_store
from generator.registry.models import AccountStatus, Directory
from generator.registry.personal import public_values
from generator.safeinput.privacy import redact_contacts
from generator.safeinput.problems import Problems
from generator.safeinput.publicvalues import PublicValues

POSTS_DIR = "posts"
PROCESS_PARSE_FROM = 200  # feeds; below this, starting worker processes costs more than it saves
STATUS_SAVE_EVERY = 5.0  # seconds


@dataclass(frozen=True)
class Job:
    agency: str
    key: str
    url: str
    # The account's rule for post links (generator.feeds.postlinks); None keeps every link.
    links: LinkRule | None = None


@dataclass
class Summary:
    feeds: int = 0
    fetched: int = 0
    unchanged: int = 0
    failed: int = 0
    new_posts: int = 0
    csv_posts: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_url: str = ""
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # key, url, error
    # key, a message naming the first: links not on the account's platform, not stored
    withheld: list[tuple[str, int, str]] = field(default_factory=list)
    refused: bool = False  # the store is damaged: nothing was fetched or written

    @property
    def done(self) -> int:
        return self.fetched + self.unchanged + self.failed

    def line(self) -> str:
        return (
            f"{self.feeds} feed: {self.fetched} diambil, {self.unchanged} tidak berubah, "
            f"{self.failed} gagal; {self.new_posts} unggahan baru"
            + (f" (+{self.csv_posts} dari CSV)" if self.csv_posts else "")
            + f"; {self.seconds:.1f} detik"
        )


def jobs_of(directory: Directory) -> list[Job]:
    """Every account with a feed that is still official (archived accounts are not fetched)."""
    return [
        Job(agency.id, account.key, account.feed, link_rule(account.platform.value, account.url))
        for agency in directory.agencies.values()
        for account in agency.accounts
        if account.feed and account.status is not AccountStatus.ARCHIVED
    ]


def import_csv(data: Path, directory: Directory, store: Store, problems: Problems) -> int:
    tz = ZoneInfo(directory.region.timezone)
    rules = link_rules(directory)
    added = 0
    public = public_values(directory.agencies.values(), directory.region)
    for path in csv_files(data, problems):
        for key, posts in read_csv_posts(path, tz, rules, problems, public).items():
            added += store.add(key, posts)
    return added


def without_contacts(posts: list[Post], public: PublicValues) -> list[Post]:
    """Posts with NIK/KK, phone numbers and e-mail addresses other than the offices' own
    replaced by markers: the history is committed to the region's public repository, and a
    feed may quote a citizen's number ("Selamat kepada ... 0812-...")."""
    out = []
    for post in posts:
        title = redact_contacts(post.title, public)[:TITLE_MAX]
        summary = redact_contacts(post.summary, public)[:SUMMARY_MAX]
        same = title == post.title and summary == post.summary
        out.append(post if same else replace(post, title=title, summary=summary))
    return out


def _now_text(now: dt.datetime, tz: ZoneInfo) -> str:
    return now.astimezone(tz).isoformat(timespec="seconds")


class _Recorder:
    """Stores results and keeps the status file; runs on the single writer thread."""

    def __init__(
        self,
        store: Store,
        tz: ZoneInfo,
        summary: Summary,
        progress: TextIO | None,
        status: dict[str, dict[str, Any]],
        public: PublicValues | None = None,
    ):
        self.store = store
        self.public = public or PublicValues()  # the offices' own numbers stay in posts
        self.tz = tz
        self.summary = summary
        self.progress = progress
        self.status = status
        self.last_save = time.monotonic()
        self.lock = threading.Lock()

    def record(self, job: Job, got: Fetched, parsed: ParsedFeed | None) -> None:
        now = _now_text(dt.datetime.now(dt.UTC), self.tz)
        st = dict(self.status.get(job.key, {}))
        if st.get("url") != job.url:
            st = {"url": job.url}
        s = self.summary
        error = got.error if got.outcome == "failed" else (parsed.error if parsed else None)
        if error is None:
            if got.outcome == "ok" and parsed is not None:
                if parsed.withheld and job.links is not None:
                    message = job.links.message(parsed.withheld[0])
                    s.withheld.append((job.key, len(parsed.withheld), message))
                s.new_posts += self.store.add(job.key, without_contacts(parsed.posts, self.public))
                s.fetched += 1
            else:
                s.unchanged += 1
            for name, value in (("etag", got.etag), ("modified", got.modified)):
                if value:
                    st[name] = value[:200]
            st["ok"] = now
            st["fails"] = 0
        else:
            s.failed += 1
            s.failures.append((job.key, job.url, error))
            st["err"] = error[:300]
            st["err_at"] = now
            st["fails"] = int(st.get("fails", 0)) + 1
            if got.outcome == "ok":  # bytes came but were no feed: do not trust their ETag
                st.pop("etag", None)
                st.pop("modified", None)
        if got.seconds > s.slowest:
            s.slowest, s.slowest_url = got.seconds, job.url
        self.status[job.key] = st
        if time.monotonic() - self.last_save > STATUS_SAVE_EVERY:
            self.save()
        if self.progress is not None:
            self.progress.write(
                f"\r[{s.done}/{s.feeds}] diambil {s.fetched}, tidak berubah {s.unchanged}, "
                f"gagal {s.failed}, unggahan baru {s.new_posts}   "
            )
            self.progress.flush()

    def save(self) -> None:
        self.store.write_status(self.status)
        self.last_save = time.monotonic()


async def _run(
    jobs: list[Job],
    cfg: FetchConfig,
    recorder: _Recorder,
    tz_name: str,
    parser: Executor,
    writer: Executor,
) -> None:
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(cfg.workers)
    previous = recorder.status

    async with make_client(cfg) as client:

        async def one(job: Job) -> None:
            st = previous.get(job.key, {})
            same = st.get("url") == job.url
            async with gate:
                got = await fetch_one(
                    client,
                    job.url,
                    cfg,
                    st.get("etag") if same else None,
                    st.get("modified") if same else None,
                )
            parsed = None
            if got.outcome == "ok":
                try:
                    parsed = await loop.run_in_executor(
                        parser,
                        parse_feed,
                        got.body,
                        got.content_type,
                        got.final_url or job.url,
                        tz_name,
                        dt.datetime.now(dt.UTC),
                        cfg.max_items,
                        job.links,
                    )
                except Exception as exc:  # noqa: BLE001 - a crashed parse is this feed's failure only
                    parsed = ParsedFeed([], 0, f"feed tidak bisa diurai: {type(exc).__name__}")
                got.body = b""
            await loop.run_in_executor(writer, recorder.record, job, got, parsed)

        await asyncio.gather(*(one(job) for job in jobs))


def run_fetch(
    data: Path,
    directory: Directory,
    cfg: FetchConfig,
    problems: Problems,
    progress: TextIO | None = None,
    jobs: list[Job] | None = None,
) -> Summary:
    """Import CSV posts, fetch every feed, store new posts and statuses; returns the counts.

    A damaged store is reported to ``problems`` and left untouched: ``refused`` is set and
    nothing is fetched, imported or written (not even a killed run's leftovers removed).
    """
    start = time.monotonic()
    store = Store(data / POSTS_DIR)
    jobs = jobs_of(directory) if jobs is None else jobs
    summary = Summary(feeds=len(jobs))
    # Every account, archived ones too: a CSV import may add to any of them.
    keys = [a.key for agency in directory.agencies.values() for a in agency.accounts]
    found = Problems()
    status = check_store(store, [*keys, *(job.key for job in jobs)], found)
    problems.extend(found)
    if found.errors:
        summary.refused = True
        return summary
    store.remove_leftovers()
    summary.csv_posts = import_csv(data, directory, store, problems)
    tz_name = directory.region.timezone
    public = public_values(directory.agencies.values(), directory.region)
    recorder = _Recorder(store, ZoneInfo(tz_name), summary, progress, status, public)
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kanal-store")
    if len(jobs) >= PROCESS_PARSE_FROM and (os.cpu_count() or 1) > 1:
        parser: Executor = ProcessPoolExecutor(
            max_workers=min(4, os.cpu_count() or 1),
            mp_context=multiprocessing.get_context("forkserver"),
        )
    else:
        parser = writer  # small runs: parse on the writer thread
    try:
        if jobs:
            run_sync(_run(jobs, cfg, recorder, tz_name, parser, writer))
    finally:
        writer.shutdown(wait=True)
        if parser is not writer:
            parser.shutdown(wait=True, cancel_futures=True)
        if jobs:
            recorder.save()
        if progress is not None and jobs:
            progress.write("\n")
    summary.seconds = time.monotonic() - start
    return summary


def print_report(summary: Summary, stream: TextIO = sys.stdout, limit: int = 50) -> None:
    for key, url, error in sorted(summary.failures)[:limit]:
        print(f"gagal: {key} ({url}): {error}", file=stream)
    if len(summary.failures) > limit:
        print(f"... dan {len(summary.failures) - limit} feed gagal lainnya", file=stream)
    for key, count, message in sorted(summary.withheld)[:limit]:
        # The posts are stored (they count); only their links are not (generator.feeds.postlinks).
        print(f"peringatan: {key}: {count} unggahan, {message} (contoh pertama)", file=stream)
    print(summary.line(), file=stream)
