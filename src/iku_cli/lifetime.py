"""What a run may leave to the end of its process instead of freeing it.

The ``iku`` command runs one command, then its process ends (:mod:`iku_cli.cli.leaving`):
memory it is done with goes back to the operating system whole. Freeing a big grid object by
object (800 000 cells of a 100 000-activity sheet: ~25 ms) is then time spent for nothing —
when nothing else is read after it. A caller of the library (the tests, a script) keeps its
usual lifetimes: nothing is held for it.
"""

from __future__ import annotations

from typing import Any

_one_command = False
_kept: Any = None  # the last thing let go, held until the next one or the process's end


def one_command_process() -> None:
    """This process runs one command and ends (said by :func:`iku_cli.cli.main` only)."""
    global _one_command
    _one_command = True


def is_one_command_process() -> bool:
    return _one_command


def let_go(thing: Any) -> None:
    """Drop ``thing``: in a one-command process it is held until :func:`release` (or the
    process's end); else freed now."""
    global _kept
    _kept = thing if _one_command else None


def release() -> None:
    """Free what was let go: called before anything big is read (a file, a sheet), so memory
    stays as low as when freeing at once."""
    global _kept
    _kept = None
