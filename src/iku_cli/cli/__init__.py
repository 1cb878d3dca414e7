"""The `iku` command line: one module per pipeline (``rekap``: hitung, periksa; ``ikm``;
``gabung``: the kabupaten's roll-up), the
templates, over the shared :mod:`.common` (option types, exit codes, the guarded runner) and the
app (:mod:`.app`). No rules and no counting here.

Importing this package registers every command; ``main`` is the console script.
"""

from __future__ import annotations

import gc
import sys

from iku_cli import lifetime

# each module adds its commands to the app; the help lists them in this order
from iku_cli.cli import init  # noqa: F401
from iku_cli.cli.app import app
from iku_cli.cli.memory import release_big_blocks

# isort: split
from iku_cli.cli import rekap  # noqa: F401  (hitung, periksa)

# isort: split
from iku_cli.cli import templat  # noqa: F401

# isort: split
from iku_cli.cli import ikm  # noqa: F401

# isort: split
from iku_cli.cli import gabung  # noqa: F401

# isort: split
from iku_cli.cli import bantuan  # noqa: F401

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    # One command, then the process ends: what a run builds (rows, activities, problems) lives
    # until then, so the cyclic collector would only walk it — three times after a big sheet
    # is read and once more at exit, ~2.5 % of a 100 000-activity run — and free nothing
    # (peak memory of every command measured unchanged). Only the real process: a caller of
    # ``app`` (the tests) keeps its collector — and its C library's memory settings.
    gc.disable()
    release_big_blocks()
    lifetime.one_command_process()  # (it ends once its output is out: cli/leaving.py)
    _only_the_command_asked(sys.argv[1:])
    app()


# it names every command in its help (the others list only their own options)
_NAMES_THE_OTHERS = frozenset({"bantuan"})


def _only_the_command_asked(args: list[str]) -> None:
    """Typer turns every command's parameters into Click's before it runs one (~40 ms for all
    seven at each start, ~10 ms of it for hitung): when the first argument names a command,
    only that one is kept (names in any case, as the app takes them). Anything else — no
    command, an option first, a mistyped name (whose error lists them all) — keeps them all."""
    if not args or args[0].lower() in _NAMES_THE_OTHERS:
        return
    asked = [info for info in app.registered_commands if info.name == args[0].lower()]
    if asked:
        app.registered_commands[:] = asked


if __name__ == "__main__":  # pragma: no cover
    main()
