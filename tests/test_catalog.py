"""Catalogues others harvest: data.json against the published DCAT-US 1.1 JSON Schemas,
DCAT-AP JSON-LD, and the schema.org Dataset on *Tentang data* (Google's Dataset properties)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, FormatChecker
from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from rfc3986_validator import validate_rfc3986

from generator.opendata import catalog
from generator.registry.models import Publisher, Region
from tests.conftest import ROOT, TODAY

SCHEMAS = Path(__file__).parent / "schemas" / "dcat-us-1.1"
DCAT_AP_SHAPES = Path(__file__).parent / "schemas" / "dcat-ap-3.0.1" / "dcat-ap-SHACL.ttl"
SITE_URL = "https://kanal.contohkab.go.id/"
# US federal OMB codes (see tests/schemas/dcat-us-1.1/README.md); nothing else is relaxed.
FEDERAL_ONLY = {"bureauCode", "programCode"}


def _validator(federal: bool, relative: bool = False) -> Draft4Validator:
    """The DCAT-US catalogue validator, formats checked; ``relative`` accepts relative
    references where the schema wants a URI."""
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    if not federal:
        schemas["dataset"] = copy.deepcopy(schemas["dataset"])
        required = schemas["dataset"]["required"]
        schemas["dataset"]["required"] = [r for r in required if r not in FEDERAL_ONLY]
    registry = Registry().with_resources(
        (s["id"].rstrip("#"), Resource.from_contents(s, default_specification=DRAFT4))
        for s in schemas.values()
    )
    formats = Draft4Validator.FORMAT_CHECKER
    if relative:
        formats = FormatChecker()
        formats.checks("uri")(lambda v: bool(validate_rfc3986(v, rule="URI_reference")))
    return Draft4Validator(schemas["catalog"], registry=registry, format_checker=formats)


@pytest.fixture(scope="module")
def published_site(build_site, tmp_path_factory) -> Path:
    """The demo with its public address set, as a region publishing for harvesters does."""
    data = tmp_path_factory.mktemp("published") / "data"
    shutil.copytree(ROOT / "data", data)
    region = data / "region.yml"
    region.write_text(
        region.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n", encoding="utf-8"
    )
    return build_site(data)


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_data_json_validates_against_the_dcat_us_schema(published_site: Path):
    catalog = _json(published_site / "data.json")
    errors = sorted(_validator(federal=False).iter_errors(catalog), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]
    # The verbatim federal schema finds nothing else missing or wrong.
    federal = list(_validator(federal=True).iter_errors(catalog))
    assert federal and {e.validator for e in federal} == {"required"}
    assert {m for e in federal for m in FEDERAL_ONLY if repr(m) in e.message} == FEDERAL_ONLY
    assert catalog["@id"] == SITE_URL + "data.json"


def test_data_json_lists_every_published_file_with_region_identifiers(published_site: Path):
    catalog = _json(published_site / "data.json")
    package = _json(published_site / "data" / "datapackage.json")
    urls = [d["downloadURL"] for ds in catalog["dataset"] for d in ds["distribution"]]
    assert sorted(urls) == sorted(SITE_URL + "data/" + r["path"] for r in package["resources"])
    for url in urls:
        assert (published_site / urlsplit(url).path.lstrip("/")).is_file(), url
    ids = [d["identifier"] for d in catalog["dataset"]]
    assert len(set(ids)) == len(ids) and all(i.startswith("kanal:99.01:") for i in ids)
    for dataset in catalog["dataset"]:
        assert dataset["modified"] == TODAY.isoformat()
        assert dataset["accessLevel"] == "public"
        assert dataset["publisher"]["name"].startswith("Dinas Komunikasi")
        assert dataset["contactPoint"]["hasEmail"] == "mailto:diskominfo@contohkab.go.id"
        assert dataset["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
        assert "99.01" in dataset["spatial"] and "99.01" in dataset["keyword"]
    by_id = {d["identifier"]: d for d in catalog["dataset"]}
    assert by_id["kanal:99.01:complaints"]["temporal"] == "2025-11-01/2026-10-31"


def test_without_site_url_addresses_are_relative_to_data_json(demo_site: Path):
    """Harvesters need site_url; without it every address still leads to its file."""
    catalog = _json(demo_site / "data.json")
    assert "@id" not in catalog
    assert not _validator(federal=False).is_valid(catalog)  # relative references are not URIs
    errors = list(_validator(federal=False, relative=True).iter_errors(catalog))
    assert not errors, [e.message for e in errors[:5]]
    for dataset in catalog["dataset"]:
        for dist in dataset["distribution"]:
            assert (demo_site / dist["downloadURL"]).is_file(), dist["downloadURL"]


def _ld_json(page: Path) -> list[dict]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_tentang_data_carries_a_schema_org_dataset_google_can_read(
    demo_site: Path, published_site: Path
):
    for site, base in ((demo_site, "http://127.0.0.1/"), (published_site, SITE_URL)):
        page_url = base + "tentang-data/"
        (dataset,) = _ld_json(site / "tentang-data" / "index.html")
        assert dataset["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
        # Required by Google's Dataset rich results.
        assert dataset["name"] and 50 <= len(dataset["description"]) <= 5000
        # Recommended ones Kanal can state truthfully.
        assert urljoin(page_url, dataset["url"]) == page_url
        assert dataset["license"].startswith("https://spdx.org/licenses/")
        assert dataset["creator"]["@type"] == "GovernmentOrganization"
        assert dataset["creator"]["name"]
        assert dataset["identifier"] == "kanal:99.01"
        assert dataset["isAccessibleForFree"] is True
        assert dataset["keywords"] and dataset["variableMeasured"]
        assert dataset["temporalCoverage"] == "2025-11-01/2026-10-31"
        assert dataset["spatialCoverage"]["identifier"]["value"] == "99.01"
        assert dataset["dateModified"] == TODAY.isoformat()
        package = _json(site / "data" / "datapackage.json")
        assert len(dataset["distribution"]) == len(package["resources"])
        for download in dataset["distribution"]:
            assert download["@type"] == "DataDownload" and download["encodingFormat"]
            url = urljoin(page_url, download["contentUrl"])
            assert url.startswith(base + "data/")
            assert (site / url.removeprefix(base)).is_file(), url
    # Only the page that asks for it.
    assert not [d for d in _ld_json(demo_site / "index.html") if d.get("@type") == "Dataset"]


def test_a_hostile_publisher_name_stays_inside_the_json_ld(build_site, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    region = data / "region.yml"
    hostile = 'Diskominfo </script><script>alert("x")</script> & <!--'
    text = region.read_text(encoding="utf-8").replace(
        "  name: Dinas Komunikasi dan Informatika Kabupaten Contoh",
        f"  name: '{hostile}'",
    )
    region.write_text(text, encoding="utf-8")
    site = build_site(data)
    page = site / "tentang-data" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")[:40]]
    (dataset,) = _ld_json(page)
    assert dataset["creator"]["name"] == hostile
    assert _json(site / "data.json")["dataset"][0]["publisher"]["name"] == hostile


def _shacl(document: dict, base: str) -> tuple[bool, str]:
    data = Graph().parse(data=json.dumps(document), format="json-ld", publicID=base)
    shapes = Graph().parse(DCAT_AP_SHAPES, format="turtle")
    conforms, _, text = shacl_validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_dcat_ap_jsonld_conforms_to_the_dcat_ap_shapes(published_site: Path, demo_site: Path):
    for site, base in ((published_site, SITE_URL), (demo_site, "http://127.0.0.1/")):
        document = _json(site / "data" / "dcat-ap.jsonld")
        conforms, text = _shacl(document, base + "data/dcat-ap.jsonld")
        assert conforms, text[:3000]
    graph = Graph().parse(published_site / "data" / "dcat-ap.jsonld", format="json-ld")
    dcat = "http://www.w3.org/ns/dcat#"
    datasets = set(graph.subjects(RDF.type, URIRef(dcat + "Dataset")))
    package = _json(published_site / "data" / "datapackage.json")
    downloads = {str(o) for o in graph.objects(None, URIRef(dcat + "downloadURL"))}
    assert downloads == {SITE_URL + "data/" + r["path"] for r in package["resources"]}
    assert len(datasets) == len(_json(published_site / "data.json")["dataset"])
    # Every file's size, JSON tables included (their Data Package resource states none).
    for dist in graph.subjects(URIRef(dcat + "downloadURL"), None):
        url = str(graph.value(dist, URIRef(dcat + "downloadURL")))
        size = graph.value(dist, URIRef(dcat + "byteSize"))
        assert int(size) == (published_site / url.removeprefix(SITE_URL)).stat().st_size, url
    # The shapes do bite: a dataset without its description does not conform.
    (dataset,) = [n for n in document["@graph"] if n["@id"].endswith("#complaints")]
    del dataset["dct:description"]
    conforms, text = _shacl(document, "http://127.0.0.1/data/dcat-ap.jsonld")
    assert not conforms and "description" in text


_SEGMENT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789-.", min_size=1, max_size=8
).filter(lambda s: s not in (".", ".."))


@settings(max_examples=200, deadline=None)
@given(
    path=st.lists(_SEGMENT, min_size=0, max_size=4).map("/".join),
    at=st.lists(_SEGMENT, min_size=0, max_size=3).map(
        lambda parts: "".join(p + "/" for p in parts)
    ),
)
def test_relative_addresses_resolve_to_the_same_file_as_absolute_ones(path: str, at: str):
    """Without site_url a document in folder ``at`` points at ``path`` relatively; JSON-LD and
    browsers resolve it against the document's own address to where site_url would point."""
    site = "https://kanal.contoh.go.id/"
    without = _region(None)
    with_url = _region(site)
    document = site + at + "dokumen.jsonld"
    assert urljoin(document, catalog._url(without, path, at)) == catalog._url(with_url, path, at)
    assert catalog._url(with_url, path, at) == site + path


def _region(site_url: str | None) -> Region:
    publisher = Publisher("Diskominfo", None, None, None)
    return Region("Kota Uji", "33.72", "Asia/Jakarta", publisher, site_url, False)
