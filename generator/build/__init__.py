"""The build: ``pipeline.build()`` reads load → validate → compute → render → MkDocs → publish.

``compute`` is the compute stage (every figure as plain data before any page exists),
``dates`` the instant a build is "as of", ``project`` where the build finds Kanal's defaults
and a region repository's overrides, ``worker`` a job run in a forked process.
"""
