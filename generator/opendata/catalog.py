"""Catalogues others harvest: ``data.json`` (DCAT-US 1.1), DCAT-AP JSON-LD, schema.org Dataset.

Satu Data Indonesia (data.go.id) harvests ``dcat_json`` catalogues, the Project Open Data
``data.json`` (DCAT-US 1.1), as CKAN's DCAT harvesters do; European portals read DCAT-AP.
Both are built from ``datapackage.json``: one dataset per published table (and one for the
SQLite database holding them all), with a distribution per file. Identifiers carry the region's
Kepmendagri code (``kanal:33.72:complaints``); ``modified`` is the build's reference date, so a
rebuild of the same data gives the same bytes. BPS codes are not given: Kanal bundles no
Kepmendagri-to-BPS mapping.

Addresses are absolute when ``region.yml`` has ``site_url`` (harvesters need them); without it
they are relative to the site root, where ``data.json`` lies.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.opendata.package import licence_url
from generator.opendata.tables import TABLES
from generator.registry.models import Region

DATA_JSON = "data.json"  # at the site root, where harvesters look for it
DCAT_AP = "dcat-ap.jsonld"  # under data/
SCHEMA_ORG = "schema-org.jsonld"  # under data/: the Dataset the *Tentang data* page embeds
DATA_DIR = "data/"
LANDING = "tentang-data/"
POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
DATABASE = "database"  # the dataset of kanal.sqlite
# Tables whose rows fall in the complaint reporting period (dct:temporal).
PERIODIC = frozenset({"complaints", "figures", "calendar"})
KEYWORDS = ["Kanal", "data terbuka", "pemerintah daerah", "kode wilayah Kepmendagri"]
TABLE_KEYWORDS = {
    "agencies": ["instansi", "perangkat daerah", "kecamatan", "desa", "kelurahan"],
    "accounts": ["akun resmi", "media sosial"],
    "channels": ["kontak resmi", "pengaduan", "layanan publik"],
    "official_counts": ["cakupan", "wilayah administrasi", "Kepmendagri"],
    "official_units": ["wilayah administrasi", "Kepmendagri", "kecamatan", "desa"],
    "complaints": ["pengaduan", "aduan", "layanan publik", "SP4N-LAPOR!"],
    "figures": ["pengaduan", "kinerja layanan", "indikator"],
    "calendar": ["hari kerja", "hari libur", "cuti bersama"],
    DATABASE: ["SQLite", "Datasette"],
}


@dataclass(frozen=True)
class CatalogInfo:
    """What every dataset of the catalogue shares."""

    region: Region
    licence: str
    modified: dt.date
    period: tuple[dt.date, dt.date]


def _url(region: Region, path: str, at: str = "") -> str:
    """The address of ``path`` (from the site root) for a document in folder ``at``: absolute
    with ``site_url``, else relative to that document (JSON-LD resolves it against the
    document's own address)."""
    base = region.site_url
    if not base:
        return "../" * at.count("/") + path or "./"
    return base.rstrip("/") + "/" + path


def _datasets(package: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The package's resources grouped by dataset (table name, or the database)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for resource in package["resources"]:
        name = resource["name"]
        table = DATABASE if name == "kanal-sqlite" else name.rsplit("-", 1)[0]
        out.setdefault(table, []).append(resource)
    return out


def _about(table: str, resources: list[dict[str, Any]]) -> tuple[str, str]:
    if table == DATABASE or table not in TABLES:  # a feature's own resources describe themselves
        return resources[0]["title"], resources[0]["description"]
    return TABLES[table].title, TABLES[table].description


def _place_code(region: Region) -> str:
    """The region's Kepmendagri code; a national site's is the country's (ISO 3166-1, "ID")."""
    return region.code or "ID"


def identifier(region: Region, table: str) -> str:
    """A dataset's stable identifier: Kanal, the region's Kepmendagri code, the table."""
    return f"kanal:{_place_code(region)}:{table}"


def _spatial(region: Region) -> str:
    if region.national:
        return f"{region.name} (seluruh wilayah Indonesia)"
    return f"{region.name} (kode wilayah Kepmendagri {region.code})"


def data_json(package: dict[str, Any], info: CatalogInfo) -> dict[str, Any]:
    """The DCAT-US 1.1 (Project Open Data v1.1) catalogue of the package's files."""
    region, publisher = info.region, info.region.publisher
    contact: dict[str, Any] = {"@type": "vcard:Contact", "fn": publisher.name}
    if publisher.email:
        contact["hasEmail"] = f"mailto:{publisher.email}"
    datasets = []
    for table, resources in _datasets(package).items():
        title, description = _about(table, resources)
        dataset: dict[str, Any] = {
            "@type": "dcat:Dataset",
            "identifier": identifier(region, table),
            "title": f"{title} – {region.name}",
            "description": description,
            "keyword": [
                *KEYWORDS,
                region.name,
                _place_code(region),
                *TABLE_KEYWORDS.get(table, []),
            ],
            "modified": info.modified.isoformat(),
            "publisher": {"@type": "org:Organization", "name": publisher.name},
            "contactPoint": contact,
            "accessLevel": "public",
            "license": licence_url(info.licence),
            "spatial": _spatial(region),
            "language": ["id"],
            "landingPage": _url(region, LANDING),
            "describedBy": _url(region, DATA_DIR + "datapackage.json"),
            "describedByType": "application/json",
            "distribution": [
                {
                    "@type": "dcat:Distribution",
                    "title": r["title"],
                    "description": r["description"],
                    "downloadURL": _url(region, DATA_DIR + r["path"]),
                    "mediaType": r["mediatype"],
                    "format": r["format"].upper(),
                }
                for r in resources
            ],
        }
        if table in PERIODIC:
            start, end = info.period
            dataset["temporal"] = f"{start.isoformat()}/{end.isoformat()}"
        datasets.append(dataset)
    catalog: dict[str, Any] = {
        "@context": f"{POD_SCHEMA}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": datasets,
    }
    if region.site_url:
        catalog["@id"] = _url(region, DATA_JSON)
    return catalog


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
_MEDIA = "http://www.iana.org/assignments/media-types/"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/IND"
_FILE_TYPES = {"csv": "CSV", "json": "JSON", "sqlite": "SQLITE", "gz": "GZIP"}


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _literal(value: str, kind: str) -> dict[str, str]:
    return {"@value": value, "@type": f"xsd:{kind}"}


def dcat_ap(
    package: dict[str, Any], info: CatalogInfo, sizes: dict[str, int] | None = None
) -> dict[str, Any]:
    """The same catalogue in DCAT-AP 3, as JSON-LD (``data/dcat-ap.jsonld``); ``sizes`` gives
    the bytes of files whose resource states none (a JSON table)."""
    sizes = sizes or {}
    region, publisher = info.region, info.region.publisher
    here = _url(region, DATA_DIR + DCAT_AP, DATA_DIR)
    url = lambda path: _url(region, path, DATA_DIR)  # noqa: E731
    # Nodes other nodes point at, each typed once: the DCAT-AP shapes check the class of what
    # a property points at (a language is a dct:LinguisticSystem, a homepage a foaf:Document).
    typed: dict[str, dict[str, Any]] = {}

    def ref(iri: str, kind: str) -> dict[str, str]:
        typed.setdefault(iri, {"@id": iri, "@type": kind})
        return _iri(iri)

    agent = {"@id": f"{here}#penerbit", "@type": "foaf:Agent", "foaf:name": publisher.name}
    if publisher.url:
        agent["foaf:homepage"] = ref(publisher.url, "foaf:Document")
    contact: dict[str, Any] = {
        "@id": f"{here}#kontak",
        # vcard:Kind as well: the shapes are checked without inferring superclasses.
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": publisher.name,
    }
    if publisher.email:
        contact["vcard:hasEmail"] = _iri(f"mailto:{publisher.email}")
    place = {
        "@id": f"{here}#wilayah",
        "@type": "dct:Location",
        "dct:identifier": _place_code(region),
        "skos:prefLabel": region.name,
    }
    licence = {"@id": licence_url(info.licence), "@type": "dct:LicenseDocument"}
    start, end = info.period
    period = {
        "@id": f"{here}#periode",
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": _literal(start.isoformat(), "date"),
        "dcat:endDate": _literal(end.isoformat(), "date"),
    }
    modified = _literal(info.modified.isoformat(), "date")
    datasets = []
    for table, resources in _datasets(package).items():
        title, description = _about(table, resources)
        node = f"{here}#{table}"
        dataset: dict[str, Any] = {
            "@id": node,
            "@type": "dcat:Dataset",
            "dct:identifier": identifier(region, table),
            "dct:title": {"@value": f"{title} – {region.name}", "@language": "id"},
            "dct:description": {"@value": description, "@language": "id"},
            "dcat:keyword": [
                {"@value": k, "@language": "id"}
                for k in [*KEYWORDS, region.name, *TABLE_KEYWORDS.get(table, [])]
            ],
            "dct:modified": modified,
            "dct:publisher": _iri(agent["@id"]),
            "dcat:contactPoint": _iri(contact["@id"]),
            "dct:spatial": _iri(place["@id"]),
            "dct:language": ref(_EU_LANGUAGE, "dct:LinguisticSystem"),
            "dcat:landingPage": ref(url(LANDING), "foaf:Document"),
            "dcat:distribution": [],
        }
        if table in PERIODIC:
            dataset["dct:temporal"] = _iri(period["@id"])
        for r in resources:
            dist = {
                "@id": f"{node}-{r['format']}",
                "@type": "dcat:Distribution",
                "dct:title": {"@value": r["title"], "@language": "id"},
                "dct:description": {"@value": r["description"], "@language": "id"},
                "dcat:accessURL": _iri(url(DATA_DIR + r["path"])),
                "dcat:downloadURL": _iri(url(DATA_DIR + r["path"])),
                "dcat:mediaType": ref(_MEDIA + r["mediatype"], "dct:MediaType"),
                "dct:format": ref(
                    _EU_FILE_TYPE + _FILE_TYPES[r["format"]], "dct:MediaTypeOrExtent"
                ),
                "dct:license": _iri(licence["@id"]),
                "dct:modified": modified,
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": ref(_SHA256, "spdx:ChecksumAlgorithm"),
                    "spdx:checksumValue": _literal(r["hash"].removeprefix("sha256:"), "hexBinary"),
                },
            }
            size = r.get("bytes", sizes.get(r["path"]))
            if size is not None:
                dist["dcat:byteSize"] = _literal(str(size), "nonNegativeInteger")
            dataset["dcat:distribution"].append(dist)
        datasets.append(dataset)
    catalog = {
        "@id": f"{here}#katalog",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": f"Data terbuka Kanal {region.name}", "@language": "id"},
        "dct:description": {"@value": package["description"], "@language": "id"},
        "dct:publisher": _iri(agent["@id"]),
        "dct:modified": modified,
        "dct:language": ref(_EU_LANGUAGE, "dct:LinguisticSystem"),
        "dct:spatial": _iri(place["@id"]),
        "dct:license": _iri(licence["@id"]),
        "dcat:dataset": [_iri(d["@id"]) for d in datasets],
        "foaf:homepage": ref(url(""), "foaf:Document"),
    }
    graph = [catalog, agent, contact, place, licence, period, *datasets, *typed.values()]
    return {"@context": DCAT_CONTEXT, "@graph": graph}


def schema_org_dataset(package: dict[str, Any], info: CatalogInfo) -> dict[str, Any]:
    """A schema.org ``Dataset`` for the *Tentang data* page (Google Dataset Search): the whole
    open data, each file a ``DataDownload``."""
    region, publisher = info.region, info.region.publisher
    organisation: dict[str, Any] = {"@type": "GovernmentOrganization", "name": publisher.name}
    if publisher.url:
        organisation["url"] = publisher.url
    if publisher.email:
        organisation["email"] = publisher.email
    start, end = info.period
    tables = [t for t in _datasets(package) if t != DATABASE]
    url = lambda path: _url(region, path, LANDING)  # noqa: E731
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"Data terbuka Kanal {region.name}",
        "description": package["description"],
        "url": url(LANDING),
        "identifier": f"kanal:{_place_code(region)}",
        "keywords": [*KEYWORDS, region.name, _place_code(region)],
        "license": licence_url(info.licence),
        "isAccessibleForFree": True,
        "inLanguage": "id",
        "creator": organisation,
        "publisher": organisation,
        "dateModified": info.modified.isoformat(),
        "temporalCoverage": f"{start.isoformat()}/{end.isoformat()}",
        "spatialCoverage": {
            "@type": "AdministrativeArea",
            "name": region.name,
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "ISO 3166-1" if region.national else "Kode wilayah Kepmendagri",
                "value": _place_code(region),
            },
        },
        "variableMeasured": [TABLES[t].title if t in TABLES else t for t in tables],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": r["title"],
                "contentUrl": url(DATA_DIR + r["path"]),
                "encodingFormat": r["mediatype"],
                **({"contentSize": f"{r['bytes']} B"} if "bytes" in r else {}),
            }
            for r in package["resources"]
        ],
    }


def write_catalogs(package: dict[str, Any], info: CatalogInfo, data_dir: Path) -> list[str]:
    """Write ``data.json`` beside ``data_dir`` (the site root), ``dcat-ap.jsonld`` and the
    schema.org Dataset (``schema-org.jsonld``, which the *Tentang data* page embeds) into it;
    returns the names written under ``data_dir``."""

    def write(path: Path, value: dict[str, Any]) -> None:
        path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    write(data_dir.parent / DATA_JSON, data_json(package, info))
    sizes = {r["path"]: (data_dir / r["path"]).stat().st_size for r in package["resources"]}
    write(data_dir / DCAT_AP, dcat_ap(package, info, sizes))
    write(data_dir / SCHEMA_ORG, schema_org_dataset(package, info))
    return [DCAT_AP, SCHEMA_ORG]


def rewrite_catalogs(info: CatalogInfo, data_dir: Path) -> None:
    """Write the catalogues again from ``data_dir/datapackage.json`` as it stands now: features
    that add resources after the complaint open data (post records, a province's comparison)
    must be listed in ``data.json`` and DCAT-AP too."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    write_catalogs(package, info, data_dir)
