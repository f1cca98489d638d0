"""The province view: a province site built from the published data of its regencies and cities.

``members`` reads ``data/members.yml`` (which regency or city publishes where); ``collect``
reads each member's manifest and data files from a folder or over HTTP(S), checks every file
against the manifest's hash and recomputes its figures; ``render`` writes the comparison page
and its open data. A member that cannot be read, has an unknown format version or a file whose
hash does not match is listed as such: it never breaks the build and never shows figures.
"""
