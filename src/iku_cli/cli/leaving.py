"""The end of the one command a real process runs: its output flushed, then gone at once.

What a run built (rows, cells, activities, problems) is freed object by object when its frames
unwind and again at the interpreter's finalisation — ~75 ms after a 100 000-activity count has
written everything, for memory the operating system takes back whole anyway. The real process
(:func:`iku_cli.cli.main`) leaves without that; a caller of ``app`` (the tests) ends as before.
"""

from __future__ import annotations

import os
import sys

from iku_cli import lifetime


def leave_if_one_command(code: int) -> None:
    """End the process with ``code`` once stdout and stderr are flushed — if it runs one
    command only. Called when the command is done and every file it writes is closed."""
    if not lifetime.is_one_command_process():
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            return  # (the usual ending reports it, or finds nothing to flush)
    os._exit(code)
