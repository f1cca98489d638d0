"""Complaint (aduan) records: loading, privacy, working days, figures, open data and pages.

One module per stage: ``models`` (schema), ``load`` (CSV/YAML with file:line:col problems),
``privacy`` (redaction), ``workdays`` (calendar), ``figures`` (aggregates), ``opendata``
(CSV/JSON/SQLite/Data Package), ``render`` (pages) and ``importers`` (``kanal import``).
"""
