"""The stored post history read a group of accounts at a time (the build's one pass over it).

A province has 13,000 accounts of ~80 posts in 26,000 small year files. Read and checked one
account at a time, the fixed cost of each step (a JSON decode, a numpy call, a sort) cost more
than its work. So the files of consecutive accounts are read until about ``GROUP_BYTES`` have
been, then checked as one text (:func:`generator.feeds.store.check_texts`) and turned into
histories and post records with one numpy call per step for the whole group
(:func:`generator.feeds.history.collect_group`, ``PostRecords.add_group``). When any line of
the group is not a good post, each file is checked alone, as before: a bad line is reported
with its file and line, and the good ones kept. Results and problems are those of reading the
accounts one by one (``tests/test_feeds_history_group.py``).

A post whose link is not on its account's own platform or site
(:mod:`generator.feeds.postlinks`) is kept without its link, before anything is made of the
group: the pages and the post records show the same posts, none of them with that link, and
the first such link of each file is reported as a warning at its file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from generator.feeds.history import AccountHistory, ThemePatterns, collect_group, local_days
from generator.feeds.parse import Post
from generator.feeds.postlinks import link_rule, withhold
from generator.feeds.postrecords import PostRecords
from generator.feeds.store import Store, check_line, check_texts, clean_titles, record_post
from generator.feeds.storebatch import Batch
from generator.feeds.storeprivacy import check_batch, may_hold
from generator.registry.models import Account
from generator.safeinput.files import MB
from generator.safeinput.problems import Location, Problems
from generator.safeinput.publicvalues import PublicValues

# Text read before a group is checked (~1,500 posts): small enough to stay in the CPU's caches
# through the passes over it (groups of 2 MB cost more than checking each file alone).
GROUP_BYTES = MB // 4


@dataclass
class _Pending:
    agency: str
    account: Account
    files: list[tuple[str, str, str]]  # (path, shown path, text) of each year file


def _post_at(batch: Batch, titles: list[str], i: int) -> Post:
    return record_post(batch.whens[i], batch.recs[i], titles[i])


class GroupReader:
    """Reads accounts' stored posts into ``posts`` (account key -> history, in the order the
    accounts were added) and ``writer`` (the post records), a group at a time."""

    def __init__(
        self,
        store: Store,
        public: PublicValues,
        problems: Problems,
        today: dt.date,
        zone: str,
        patterns: ThemePatterns,
        writer: PostRecords | None,
        posts: dict[str, AccountHistory],
    ):
        self.store, self.public, self.problems = store, public, problems
        self.today, self.zone, self.patterns = today, zone, patterns
        self.writer = writer
        self.posts = posts
        self.pending: list[_Pending] = []
        self.size = 0

    def add(self, agency: str, account: Account, stored: bool) -> None:
        """Read an account's files (none when there is no store); its history is made when
        its group is full or :meth:`flush` is called."""
        files = self.store.texts(account.key, self.problems) if stored else []
        self.pending.append(_Pending(agency, account, files))
        self.size += sum(len(text) for _, _, text in files)
        if self.size >= GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        """Check the waiting accounts' posts and make their histories and records."""
        group, self.pending, self.size = self.pending, [], 0
        if not group:
            return
        whole, sizes, files = self._checked(group)
        self._withhold_foreign(group, whole, sizes, files)
        times = whole.times()
        days = local_days(times, self.zone)
        titles = clean_titles(whole.titles)
        if self.writer is not None:
            owners = [(p.agency, p.account) for p in group]
            self.writer.add_group(owners, sizes, whole, titles, times, days)
        histories = collect_group(
            sizes,
            times,
            days,
            partial(_post_at, whole, titles),
            titles.__getitem__,
            self.today,
            self.zone,
            self.patterns,
        )
        for pending, history in zip(group, histories, strict=True):
            self.posts[pending.account.key] = history

    def _checked(self, group: list[_Pending]) -> tuple[Batch, list[int], list[int]]:
        """The group's good posts, in account and file order, each account's number of them
        and each file's; each bad line, and each text holding personal data, reported."""
        store, public, problems = self.store, self.public, self.problems
        checked = check_texts([text for p in group for _, _, text in p.files])
        sizes = []
        if checked is not None:
            whole, file_sizes = checked
            searched = may_hold(whole)  # else no text of any file holds personal data
            at = 0
            files = iter(file_sizes)
            for p in group:
                start = at
                for _ in p.files:
                    end = at + next(files)
                    if searched:  # file by file, as each was searched alone
                        check_batch(store, p.account.key, whole.part(at, end), public, problems)
                    at = end
                sizes.append(at - start)
            return whole, sizes, file_sizes
        whole = Batch()
        file_sizes = []
        for p in group:
            start = len(whole)
            for path, shown, text in p.files:
                part = store.file_batch(path, shown, text, problems)
                check_batch(store, p.account.key, part, public, problems)
                whole.extend(part)
                file_sizes.append(len(part))
            sizes.append(len(whole) - start)
        return whole, sizes, file_sizes

    def _withhold_foreign(
        self, group: list[_Pending], whole: Batch, sizes: list[int], file_sizes: list[int]
    ) -> None:
        """Each post whose link is not on its account's platform or site loses its link in
        ``whole`` (:func:`generator.feeds.postlinks.withhold`); a warning at the first of
        each file, with their number."""
        if "u" not in whole.keys:
            return
        links = whole.column("u")
        at = 0
        files = iter(file_sizes)
        for p, size in zip(group, sizes, strict=True):
            rule = link_rule(p.account.platform.value, p.account.url)
            foreign = rule.foreign(links[at : at + size])
            if not foreign:
                at += size
                for _ in p.files:
                    next(files)
                continue
            start = at
            for _, shown, text in p.files:
                end = start + next(files)
                here = [i for i in foreign if start <= i + at < end]
                if here:
                    # One warning a file, at its first foreign link: a feed that went bad
                    # gives many, and the log would bury everything else.
                    first = here[0] + at
                    line = _line_numbers(text, end - start)[first - start]
                    more = f" (dan {len(here) - 1} unggahan lain di berkas ini)" if here[1:] else ""
                    message = rule.message(links[first]) + more
                    self.problems.warning(Location(shown, line), "u", message)
                    for i in here:
                        whole.recs[i + at] = withhold(whole.recs[i + at])
                start = end
            at += size


def _line_numbers(text: str, count: int) -> list[int]:
    """The line number of each of a file's ``count`` good posts: every line when each was
    one (the file was checked whole), else the lines :func:`check_line` accepts."""
    lines = text.splitlines()
    if len(lines) == count:
        return list(range(1, count + 1))
    good = []
    for number, line in enumerate(lines, 1):
        try:
            check_line(line)
        except ValueError:
            continue
        good.append(number)
    return good
