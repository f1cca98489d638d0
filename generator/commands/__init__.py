"""The ``kanal`` commands, one module each: ``cli.py`` parses the arguments and calls ``run``.

Commands print to the terminal and return exit codes; they call the build, the features and
the registry, and nothing below imports them.
"""
