"""The open-data contract: what a Kanal site publishes for others to read and recompute.

``manifest``: the versioned ``data/kanal.json`` (counts with their official denominators and
every file's SHA-256), written by a region's build and read by a province. ``tables``: the
title, keys and links of every published table, and the registry's rows. ``package``:
``datapackage.json`` and Datasette's ``metadata.json``. ``catalog``: ``data.json`` (DCAT-US),
DCAT-AP JSON-LD and the schema.org Dataset, for harvesters and search engines. Imports the
registry and safe input only.
"""
