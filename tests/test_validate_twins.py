"""One office registered twice under one parent (``registry.twins``): a clerk copies the
scaffold's Disdukcapil into ``opd/disdukcapil-2.yml`` under another id; ``kanal check`` said
nothing and the finder listed the office twice. Villages of one name in two kecamatan, and
official units of one name under one parent (they carry different codes), are not twins."""

from __future__ import annotations

import shutil
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.init import run_init
from generator.registry import names, regions
from generator.registry.validate import load_directory
from generator.safeinput.problems import Problems
from tests.conftest import TODAY

REMBANG = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Rembang"
TWIN_HINT = (
    "satu instansi cukup satu berkas: pindahkan akun dan kanalnya ke sana lalu hapus berkas "
    "ini, atau bedakan namanya bila memang instansi lain"
)


@pytest.fixture(scope="module")
def scaffolds(tmp_path_factory) -> dict[str, Path]:
    made = {}
    for code in ("33.17", "71.02"):
        root = tmp_path_factory.mktemp(code) / "repo"
        assert run_init(code, root) == 0
        made[code] = root
    return made


def _copy(scaffolds: dict[str, Path], code: str, tmp_path: Path, monkeypatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(scaffolds[code] / "data", target / "data")
    monkeypatch.chdir(target)
    return Path("data")


def _errors(data: Path) -> list[str]:
    problems = Problems()
    load_directory(data, TODAY, problems)
    return [str(p) for p in problems.errors]


def _agency(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_scaffolds_disdukcapil_registered_again_is_an_error_at_its_name(
    scaffolds, tmp_path, monkeypatch
):
    data = _copy(scaffolds, "33.17", tmp_path, monkeypatch)
    assert _errors(data) == []
    _agency(
        data / "agencies/opd/disdukcapil-2.yml",
        f"""\
        id: disdukcapil-2
        name: "{REMBANG}"
        kind: dinas
        parent: pemerintah-kabupaten-rembang
        """,
    )
    assert _errors(data) == [
        f"data/agencies/opd/disdukcapil-2.yml:2:7: error: name: nama '{REMBANG}' sudah dipakai "
        "oleh 'dinas-dukcapil' (data/agencies/opd/dinas-dukcapil.yml:3:7), di bawah induk yang "
        f"sama ('pemerintah-kabupaten-rembang'); {TWIN_HINT}"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN REMBANG",
        "Dinas  Kependudukan dan Pencatatan-Sipil Kab. Rembang",
        "Dinas Kependudukan dan Pencatatan Sipil",  # without the region's name
        "Dinas Kependudukan dan Pencatatan Sipil, Rembang.",
    ],
)
def test_a_name_written_another_way_is_the_same_office(scaffolds, tmp_path, monkeypatch, written):
    data = _copy(scaffolds, "33.17", tmp_path, monkeypatch)
    _agency(
        data / "agencies/opd/zz-dukcapil.yml",
        f"""\
        id: zz-dukcapil
        name: "{written}"
        kind: dinas
        parent: pemerintah-kabupaten-rembang
        """,
    )
    assert _errors(data) == [
        f"data/agencies/opd/zz-dukcapil.yml:2:7: error: name: nama '{written}' sama dengan nama "
        f"'{REMBANG}' milik 'dinas-dukcapil' (data/agencies/opd/dinas-dukcapil.yml:3:7), di "
        f"bawah induk yang sama ('pemerintah-kabupaten-rembang'); {TWIN_HINT}"
    ]


def test_a_name_under_another_parent_or_another_name_is_not_a_twin(
    scaffolds, tmp_path, monkeypatch
):
    """Bagian Umum of the Setda and of the Sekretariat DPRD are two offices; Disdukcapil's
    UPT and a differently numbered Puskesmas are other offices too."""
    data = _copy(scaffolds, "33.17", tmp_path, monkeypatch)
    text = ""
    for parent in ("sekretariat-daerah", "sekretariat-dprd"):
        text += f"- id: bagian-umum-{parent}\n  name: Bagian Umum\n  kind: lainnya\n"
        text += f"  parent: {parent}\n"
    text += "- id: upt-dukcapil\n  name: UPT " + REMBANG + "\n  kind: lainnya\n"
    text += "  parent: pemerintah-kabupaten-rembang\n"
    for number in ("I", "II"):  # name_key would make these one (doubled letters)
        text += f"- id: puskesmas-rembang-{number.lower()}\n  name: Puskesmas Rembang {number}\n"
        text += "  kind: puskesmas\n  parent: dinas-kesehatan\n"
    _agency(data / "agencies/opd/unit.yml", text)
    assert _errors(data) == []


def test_same_named_villages_with_their_own_codes_are_not_twins(scaffolds, tmp_path, monkeypatch):
    """Kecamatan Sonder (71.02.11) has two desa Tounelet Satu (71.02.11.2003 and .2018), as
    the scaffold writes them; with a sibling without a code their names are compared, and
    still their codes tell them apart. A third without a code is a twin of the first."""
    data = _copy(scaffolds, "71.02", tmp_path, monkeypatch)
    sonder = data / "agencies/kecamatan/kecamatan-sonder.yml"
    text = sonder.read_text("utf-8")
    assert text.count('name: "Desa Tounelet Satu"') == 2
    extra = "\n- id: puskesmas-sonder\n  name: Puskesmas Sonder\n  kind: puskesmas\n"
    extra += "  parent: kecamatan-sonder\n"
    sonder.write_text(text + extra, encoding="utf-8")
    assert _errors(data) == []
    extra = "\n- id: balai-tounelet\n  name: Desa Tounelet Satu\n  kind: lainnya\n"
    extra += "  parent: kecamatan-sonder\n"
    sonder.write_text(sonder.read_text("utf-8") + extra, encoding="utf-8")
    [error] = _errors(data)
    assert error.startswith("data/agencies/kecamatan/kecamatan-sonder.yml:") and error.endswith(
        ": error: name: nama 'Desa Tounelet Satu' sudah dipakai oleh 'desa-tounelet-satu-sonder' "
        "(data/agencies/kecamatan/kecamatan-sonder.yml:23:9), di bawah induk yang sama "
        f"('kecamatan-sonder'); {TWIN_HINT}"
    )


REGION = """\
name: Kota Surakarta
code: "33.72"
timezone: Asia/Jakarta
publisher:
  name: Diskominfo Kota Surakarta
  email: diskominfo@surakarta.go.id
"""


def _registry(tmp_path: Path, files: dict[str, str]) -> list[str]:
    data = tmp_path / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "agencies").mkdir(parents=True)
    (data / "region.yml").write_text(REGION, encoding="utf-8")
    for name, text in files.items():
        (data / "agencies" / name).write_text(text, encoding="utf-8")
    return [line for line in _errors(Path("data")) if "belum terdaftar" not in line]


KECAMATAN = 'id: {id}\nname: "{name}"\nkind: kecamatan\nregion_code: "{code}"\n'
PUSKESMAS = 'id: {id}\nname: "{name}"\nkind: puskesmas\nparent: dinkes\nregion_code: "{code}"\n'


def test_one_code_twice_is_said_once(tmp_path, monkeypatch):
    """Two kecamatan files for 33.72.01: the code check says it, the name check does not say
    it again (their names are compared: a sibling without a parent has no code). Two
    puskesmas of one kecamatan (a code their kind does not need) are twins by name."""
    monkeypatch.chdir(tmp_path)
    files = {
        "0.yml": "id: dinkes\nname: Dinas Kesehatan\nkind: dinas\n",
        "a.yml": KECAMATAN.format(
            id="kecamatan-laweyan", name="Kecamatan Laweyan", code="33.72.01"
        ),
        "b.yml": KECAMATAN.format(id="laweyan-2", name="Kecamatan Laweyan", code="33.72.01"),
    }
    [error] = _registry(tmp_path, files)
    assert "error: region_code: kode '33.72.01' sudah dipakai oleh 'kecamatan-laweyan'" in error
    files = {
        "a.yml": "id: dinkes\nname: Dinas Kesehatan\nkind: dinas\n",
        "b.yml": PUSKESMAS.format(id="pkm-1", name="Puskesmas Pajang", code="33.72.01"),
        "c.yml": PUSKESMAS.format(id="pkm-2", name="Puskesmas Pajang", code="33.72.01"),
        "d.yml": PUSKESMAS.format(id="pkm-3", name="Puskesmas Pajang", code="33.72.02"),
    }
    assert _registry(tmp_path, files) == [
        "data/agencies/c.yml:2:7: error: name: nama 'Puskesmas Pajang' sudah dipakai oleh "
        "'pkm-1' (data/agencies/b.yml:2:7), di bawah induk yang sama ('dinkes'); " + TWIN_HINT
    ]


def test_only_the_children_of_a_parent_with_an_uncoded_child_are_keyed(
    scaffolds, tmp_path, monkeypatch
):
    """Linear and nearly free: a kecamatan whose children all carry the codes their kinds
    need has none of their names keyed (a national directory keys none of its 91,561)."""
    data = _copy(scaffolds, "71.02", tmp_path, monkeypatch)
    keyed: list[str] = []
    real = names.office_key

    def counting(name: str, tails: list[list[str]]) -> str:
        keyed.append(name)
        return real(name, tails)

    monkeypatch.setattr(names, "office_key", counting)
    assert _errors(data) == []
    assert keyed and not any(n.startswith(("Desa ", "Kelurahan ")) for n in keyed)


def test_official_units_of_one_name_under_one_parent_carry_different_codes():
    """The reference list has 16 such pairs (14 a kelurahan and a desa); the check must let
    them pass, which it does by their codes, not by their names."""
    codes = regions.reference_codes()
    groups = defaultdict(list)
    for code, name in codes.items():
        if regions.depth(code) >= 2:
            groups[regions.parent_code(code), names.office_key(name, [])].append(code)
    twins = [sorted(v) for v in groups.values() if len(v) > 1]
    assert len(twins) == 16
    assert all(len(set(v)) == len(v) == 2 for v in twins)
    assert ["71.02.11.2003", "71.02.11.2018"] in twins  # Tounelet Satu, tested above


WORDS = ("Dinas", "Kependudukan", "dan", "Pencatatan", "Sipil")


@st.composite
def spelled(draw: st.DrawFn) -> str:
    """The name typed another way: case, spaces, punctuation, the region's name or not."""
    out = ""
    for i, word in enumerate(WORDS):
        word = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in word)
        gap = draw(st.sampled_from([" ", "  ", " - ", ". ", ", ", "\u00a0"])) if i else ""
        out += gap + word
    out += draw(st.sampled_from(["", " Kota Surakarta", " Surakarta", ".", " (Surakarta)"]))
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=spelled(), layout=st.sampled_from(["same parent", "other parent", "own codes"]))
def test_names_differing_in_case_spacing_and_punctuation_are_one(
    tmp_path, monkeypatch, name, layout
):
    monkeypatch.chdir(tmp_path)
    first = "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta"
    parents = {"same parent": ("setda", "setda"), "other parent": ("setda", "dprd")}
    a_parent, b_parent = parents.get(layout, ("setda", "setda"))
    code_a, code_b = ("33.72.01", "33.72.02") if layout == "own codes" else (None, None)

    def agency(aid: str, text: str, parent: str, code: str | None) -> str:
        return f'id: {aid}\nname: "{text}"\nkind: lainnya\nparent: {parent}\n' + (
            f'region_code: "{code}"\n' if code else ""
        )

    files = {
        "0.yml": "id: setda\nname: Sekretariat Daerah\nkind: sekretariat\n",
        "1.yml": "id: dprd\nname: Sekretariat DPRD\nkind: sekretariat\n",
        "a.yml": agency("dukcapil", first, a_parent, code_a),
        "b.yml": agency("dukcapil-2", name, b_parent, code_b),
    }
    errors = _registry(tmp_path, files)
    if layout == "same parent":
        assert len(errors) == 1 and errors[0].startswith("data/agencies/b.yml:2:7: error: name:")
        assert "'dukcapil' (data/agencies/a.yml:2:7)" in errors[0]
    else:
        assert errors == []
