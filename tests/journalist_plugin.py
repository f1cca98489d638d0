"""Session fixtures of the journalist audit (a pytest plugin the audit's test modules load):
what the methodology page says, the records recomputed, the registry and the post records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.journalist_data import Complaints, load_complaints, load_posts, load_registry
from tests.journalist_helpers import Activity
from tests.journalist_pages import page, parse_date_id, table, words


@pytest.fixture(scope="session")
def method(demo_site: Path) -> dict:
    """What the methodology page says: period, reference date, minimum, office hours, targets."""
    soup = page(demo_site, "aduan/metodologi")
    text = words(soup.article)
    period = re.search(r"Periode laporan: (\d+ \w+ \d{4}) – (\d+ \w+ \d{4})", text)
    zone = re.search(r"waktu setempat, ([\w/]+)\)", text)
    office = re.search(r"jam kantor \((\d\d)\.(\d\d)–(\d\d)\.(\d\d)", text)
    targets = {
        row[0]: (int(row[1]), int(row[2])) for row in table(soup, "Target per kategori").body
    }
    return {
        "text": text,
        "period": (parse_date_id(period[1]), parse_date_id(period[2])),
        "reference": parse_date_id(re.search(r"Tanggal acuan: (\d+ \w+ \d{4})", text)[1]),
        "minimum": int(re.search(r"Sampel minimum untuk peringkat: (\d+) aduan", text)[1]),
        "office": (
            dt.time(int(office[1]), int(office[2])),
            dt.time(int(office[3]), int(office[4])),
        ),
        "zone": zone[1],
        "targets": targets,
    }


@pytest.fixture(scope="session")
def complaints(demo_site: Path, method: dict) -> Complaints:
    return load_complaints(
        demo_site / "data",
        method["period"],
        method["reference"],
        method["targets"],
        method["office"],
        method["zone"],
    )


@pytest.fixture(scope="session")
def registry(demo_site: Path):
    return load_registry(demo_site / "data")


@pytest.fixture(scope="session")
def posts(demo_site: Path):
    return load_posts(demo_site / "data")


@pytest.fixture(scope="session")
def activity(demo_site: Path, method, registry, posts) -> Activity:
    return Activity(demo_site / "data", registry, posts, method["reference"])
