"""Kanal: turns YAML agency directories into a public static transparency site."""

__version__ = "0.1.0"
