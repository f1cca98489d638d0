"""The site: generated pages, templates, structured data, charts, the checker's index shards,
the JSON Schemas published beside the data, and the MkDocs plugin for finished HTML pages.

``stage`` is the render stage (the docs folder MkDocs builds, from computed figures); the
other modules are the toolkit feature renderers use (``pages``, ``charts``, ``structured``).
The toolkit imports no feature; only the build imports ``stage``.
"""
