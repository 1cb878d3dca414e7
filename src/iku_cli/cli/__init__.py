"""The `iku` command line: one module per pipeline (``rekap``: hitung, periksa; ``ikm``), the
templates, over the shared :mod:`.common` (option types, exit codes, the guarded runner) and the
app (:mod:`.app`). No rules and no counting here.

Importing this package registers every command; ``main`` is the console script.
"""

from __future__ import annotations

from iku_cli.cli import ikm, rekap, templat  # noqa: F401  (each adds its commands to the app)
from iku_cli.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
