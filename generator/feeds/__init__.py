"""Post feeds: fetch them safely (``fetch``), normalize posts (``parse``, ``csvposts``), keep
every post seen (``store``), and turn the history into activity figures and pages
(``activity``, ``render``). ``kanal fetch`` is the only part that touches the network;
``kanal build`` reads the stored history only.
"""
