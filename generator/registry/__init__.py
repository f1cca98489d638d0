"""The registry: the region, its agencies, their accounts and contact channels.

Models (``models``, ``settings``), reading ``data/`` (``load``), the rules that span fields
and files (``validate``), account and contact identities (``accounts``, ``contacts``),
official names and Kepmendagri codes (``names``, ``regions``), look-alikes and the checker's
reference (``lookalike``, ``checker``), coverage figures (``coverage``) and the review diff
(``diff``). Imports only ``generator.safeinput``.
"""
