"""``kanal schema``: write the JSON Schemas of the YAML format, for editors and CI."""

from __future__ import annotations

import argparse

from generator.site.schemas import SCHEMA_DIR, write_schemas


def run(args: argparse.Namespace) -> int:
    for path in write_schemas(args.out or SCHEMA_DIR):
        print(path)
    return 0
