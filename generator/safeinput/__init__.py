"""Safe input: everything Kanal reads passes through here first.

Input files (regular files inside their folder, never through a link, bounded in size),
YAML read as located strings with its Indonesian messages (aliases, anchors and deep nesting
refused before expansion), invisible and direction-changing characters, network addresses a
fetch may reach, and the located problems every check reports at once. Imports nothing else
of Kanal.
"""
