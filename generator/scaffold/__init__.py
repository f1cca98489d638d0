"""What ``kanal init`` writes: a region repository (``region``) and its CI files
(``workflows``, from the templates in ``ci/``)."""
