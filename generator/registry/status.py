"""The status every official item carries (accounts and the other official channels)."""

from __future__ import annotations

from enum import StrEnum


class AccountStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    ARCHIVED = "archived"


STATUS_LABELS = {
    AccountStatus.ACTIVE: "Aktif",
    AccountStatus.INACTIVE: "Tidak aktif",
    AccountStatus.ARCHIVED: "Diarsipkan (bukan lagi akun resmi)",
}
