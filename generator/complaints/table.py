"""Complaint records as columns: what the loader produces and the figures read.

A million records as Python objects cost about a gigabyte; as columns (numpy arrays of codes,
epoch seconds and texts) they cost a tenth of that. The texts (ids, kecamatan, summaries) are
numpy strings, not lists of ``str``: a forked worker that reads a list touches every string's
reference count and so copies every page holding one (57 MB for a million ids, in each worker);
reading a numpy string array writes nothing it shares with the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.dtypes import StringDType

from generator.complaints.models import Channel, Complaint, Status

MISSING = np.int64(-(2**62))  # a time that is not there
TEXT = StringDType()  # ids: always there
OPTIONAL_TEXT = StringDType(na_object=None)  # kecamatan, summary: None where there is none


def texts(values: Sequence[str | None] | np.ndarray, dtype: Any = OPTIONAL_TEXT) -> np.ndarray:
    """``values`` as a numpy string array (``.tolist()`` gives them back as str and None)."""
    if isinstance(values, np.ndarray) and values.dtype == dtype:
        return values
    if dtype == OPTIONAL_TEXT and isinstance(values, list) and values.count(None) == len(values):
        return np.full(len(values), None, dtype)  # summaries not published: no list to convert
    return np.array(values, dtype=dtype) if len(values) else np.empty(0, dtype)


STATUSES = [Status.OPEN, Status.RESOLVED, Status.REJECTED]
_STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}


def codes(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's index into the sorted distinct values, and those values."""
    labels = sorted(set(values))
    index = {v: i for i, v in enumerate(labels)}
    return np.fromiter(map(index.__getitem__, values), np.int32, len(values)), labels


@dataclass
class Table:
    """Records as columns: codes for repeated values, epoch seconds for times."""

    ids: np.ndarray  # TEXT
    agency: np.ndarray
    agencies: list[str]
    channel: np.ndarray
    channels: list[str]
    category: np.ndarray
    categories: list[str]
    status: np.ndarray  # index into STATUSES
    received: np.ndarray  # int64 epoch seconds (UTC)
    first_response: np.ndarray  # MISSING when none
    resolved: np.ndarray
    kecamatan: np.ndarray  # OPTIONAL_TEXT
    summary: np.ndarray  # OPTIONAL_TEXT

    def __post_init__(self) -> None:
        self.ids = texts(self.ids, TEXT)
        self.kecamatan = texts(self.kecamatan)
        self.summary = texts(self.summary)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_columns(
        cls,
        ids: Sequence[str],
        agency: Sequence[str],
        channel: Sequence[str],
        category: Sequence[str],
        status: Sequence[Status],
        received: np.ndarray,
        first_response: np.ndarray,
        resolved: np.ndarray,
        kecamatan: Sequence[str | None],
        summary: Sequence[str | None],
    ) -> Table:
        agency_codes, agencies = codes(agency)
        channel_codes, channels = codes(channel)
        category_codes, categories = codes(category)
        order = _STATUS_ORDER
        return cls(
            ids=ids,
            agency=agency_codes,
            agencies=agencies,
            channel=channel_codes,
            channels=channels,
            category=category_codes,
            categories=categories,
            status=np.fromiter(map(order.__getitem__, status), np.int8, len(status)),
            received=np.asarray(received, np.int64),
            first_response=np.asarray(first_response, np.int64),
            resolved=np.asarray(resolved, np.int64),
            kecamatan=kecamatan,
            summary=summary,
        )

    @classmethod
    def from_records(cls, records: Sequence[Complaint]) -> Table:
        def seconds(values) -> np.ndarray:
            return np.fromiter(
                (int(v.timestamp()) if v else MISSING for v in values), np.int64, len(records)
            )

        return cls.from_columns(
            ids=[r.id for r in records],
            agency=[r.agency for r in records],
            channel=[r.channel.value for r in records],
            category=[r.category for r in records],
            status=[r.status for r in records],
            received=seconds(r.received for r in records),
            first_response=seconds(r.first_response for r in records),
            resolved=seconds(r.resolved for r in records),
            kecamatan=[r.kecamatan for r in records],
            summary=[r.summary for r in records],
        )

    def records(self, tz: dt.tzinfo) -> list[Complaint]:
        """The rows as :class:`Complaint` objects, times in ``tz`` (for tests and small tools;
        the build never needs them)."""

        def when(seconds: int) -> dt.datetime | None:
            if seconds == MISSING:
                return None
            return dt.datetime.fromtimestamp(seconds, tz)

        return [
            Complaint(
                id=str(self.ids[i]),
                agency=self.agencies[self.agency[i]],
                channel=Channel(self.channels[self.channel[i]]),
                category=self.categories[self.category[i]],
                received=when(int(self.received[i])),
                first_response=when(int(self.first_response[i])),
                resolved=when(int(self.resolved[i])),
                status=STATUSES[self.status[i]],
                kecamatan=self.kecamatan[i],
                summary=self.summary[i],
            )
            for i in range(len(self))
        ]


EMPTY = Table.from_columns([], [], [], [], [], *(np.empty(0, np.int64),) * 3, [], [])
