"""The open-data contract: what a Kanal site publishes for others to read and recompute.

``manifest``: the versioned ``data/kanal.json`` (counts with their official denominators and
every file's SHA-256), written by a region's build and read by a province. Imports the
registry and safe input only.
"""
