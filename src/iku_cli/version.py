"""The version of iku (the package, its outputs and its JSON carry it)."""

__version__ = "0.1.0"
