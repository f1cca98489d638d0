"""Complaint records as columns: what the loader produces and the figures read.

A million records as Python objects cost about a gigabyte; as columns (numpy arrays of codes and
epoch seconds, plus lists of the texts that are published) they cost a tenth of that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from generator.complaints.models import Channel, Complaint, Status

MISSING = np.int64(-(2**62))  # a time that is not there
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

    ids: list[str]
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
    kecamatan: list[str | None]
    summary: list[str | None]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_columns(
        cls,
        ids: list[str],
        agency: Sequence[str],
        channel: Sequence[str],
        category: Sequence[str],
        status: Sequence[Status],
        received: np.ndarray,
        first_response: np.ndarray,
        resolved: np.ndarray,
        kecamatan: list[str | None],
        summary: list[str | None],
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
                id=self.ids[i],
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
