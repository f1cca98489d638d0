"""``data/members.yml``: where each regency and city of a province publishes its Kanal site.

```yaml
members:
  - code: "33.16"                      # Kepmendagri code of the regency/city
    site: https://kanal.blorakab.go.id/  # its published site (read over HTTPS) ...
  - code: "33.17"
    path: ../rembang/site               # ... or a built site folder, relative to data/
    owns:                               # accounts the province settled as this member's
      - https://instagram.com/dinkes3317
```
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from generator.registry import regions
from generator.registry.contacts import ContactError, check_web_url
from generator.safeinput.invisible import first_invisible
from generator.safeinput.problems import Location, Problems, display_path
from generator.safeinput.yamlio import read_yaml

MEMBERS_FILE = "members.yml"


class MemberIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(description="Kode Kepmendagri kabupaten/kota anggota, misalnya '33.16'.")
    site: str | None = Field(None, description="Alamat situs Kanal-nya (https://...).")
    path: str | None = Field(
        None, description="Atau folder situs yang sudah dibangun, relatif terhadap folder data."
    )
    owns: list[str] = Field(
        default_factory=list,
        description=(
            "Akun yang diputuskan provinsi milik daerah ini ketika daerah lain juga "
            "mencantumkannya (alamat profil, misalnya https://instagram.com/dinkes3317): "
            "pemeriksa akun provinsi menyebutnya resmi hanya untuk daerah ini."
        ),
    )


class MembersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    members: list[MemberIn] = Field(default_factory=list)


@dataclass(frozen=True)
class Member:
    code: str
    name: str  # official Kepmendagri name
    site: str | None
    path: Path | None
    where: Location
    # Accounts the province has settled as this member's (their checker keys): see
    # generator.province.collect.disputes.
    owns: frozenset[str] = frozenset()


def read_members(
    data_dir: Path, province_code: str, codes: dict[str, str], problems: Problems
) -> list[Member]:
    """The members listed in ``data/members.yml``; every problem located, none fatal to others."""
    from generator.registry.load import validate_model

    path = data_dir / MEMBERS_FILE
    shown = display_path(path)
    if not path.is_file():
        problems.error(
            Location(shown),
            "",
            f"berkas '{MEMBERS_FILE}' tidak ditemukan: tulis daftar kabupaten/kota anggota dan "
            "alamat situsnya (lihat README, bagian 'Province view')",
        )
        return []
    parsed = read_yaml(path, shown, problems)
    if not parsed:
        return []
    raw, lines = parsed
    model = validate_model(MembersIn, raw, lines, (), problems)
    if model is None:
        return []
    out: list[Member] = []
    seen: set[str] = set()
    owners: dict[str, str] = {}  # an account settled by the province -> its member's code
    for i, item in enumerate(model.members):
        at = lambda *p, i=i: lines.locate(("members", i, *p))  # noqa: E731
        field = f"members[{i}]"
        if item.code in seen:
            problems.error(at("code"), f"{field}.code", f"kode '{item.code}' sudah tercantum")
            continue
        seen.add(item.code)
        if regions.depth(item.code) != 2 or not item.code.startswith(province_code + "."):
            problems.error(
                at("code"),
                f"{field}.code",
                f"'{item.code}' bukan kode kabupaten/kota di provinsi {province_code}",
            )
            continue
        if item.code not in codes:
            problems.error(
                at("code"),
                f"{field}.code",
                f"kode '{item.code}' tidak ada dalam daftar Kepmendagri",
            )
            continue
        if (item.site is None) == (item.path is None):
            problems.error(
                at(), field, "isi tepat satu: 'site' (alamat situs) atau 'path' (folder)"
            )
            continue
        if item.site is not None:
            try:
                check_web_url(item.site)
            except ContactError as exc:
                problems.error(at("site"), f"{field}.site", str(exc))
                continue
        owns = _owned(item.owns, owners, item.code, partial(at, "owns"), field, problems)
        folder = (data_dir / item.path).resolve() if item.path else None
        out.append(Member(item.code, codes[item.code], item.site, folder, at(), owns))
    return out


def _owned(
    urls: list[str],
    owners: dict[str, str],
    code: str,
    at: Callable[[int], Location],
    field: str,
    problems: Problems,
) -> frozenset[str]:
    """The checker keys of a member's ``owns`` entries; an entry that names no account of a
    platform, or an account already settled as another member's, is an error at its line."""
    from generator.registry.accounts import identify

    keys = set()
    for j, url in enumerate(urls):
        if first_invisible(url) is not None:
            continue  # the YAML reader has reported it at its place
        account = identify(url)
        if account is None:
            problems.error(
                at(j),
                f"{field}.owns[{j}]",
                f"'{url[:80]}' bukan alamat profil akun media sosial (misalnya "
                "https://instagram.com/namaakun)",
            )
            continue
        other = owners.setdefault(account.key, code)
        if other != code:
            problems.error(
                at(j), f"{field}.owns[{j}]", f"akun {url[:80]} sudah diputuskan milik {other}"
            )
            continue
        keys.add(account.key)
    return frozenset(keys)
