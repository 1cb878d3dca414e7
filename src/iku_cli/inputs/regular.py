"""Open an input as the regular file it was found to be, and look at it through the open handle.

Finding the inputs looks at each path first (a FIFO or a device is reported, never opened), but
the path can be swapped between that look and the read. Opened without waiting (O_NONBLOCK: a
FIFO with no writer does not hold the open) and checked with ``fstat`` on the handle, whatever
the path names at that instant is read only if it is a regular file; its status is the handle's,
so the size checked and the bytes read belong to the same file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# O_BINARY on Windows (no newline translation); O_NONBLOCK where FIFOs exist
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)

_KINDS = (  # what a path that is no regular file is, in the operator's words
    (stat.S_ISFIFO, "pipa (FIFO)"),
    (stat.S_ISCHR, "perangkat"),
    (stat.S_ISBLK, "perangkat"),
    (stat.S_ISSOCK, "soket"),
    (stat.S_ISDIR, "folder"),
)


def kind_of(mode: int) -> str:
    """What a file of this mode is ('pipa (FIFO)', 'perangkat', ...), for the operator."""
    return next((name for test, name in _KINDS if test(mode)), "bukan berkas biasa")


class NotRegular(Exception):
    """The path names no regular file (any more): ``kind`` says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@contextmanager
def open_regular(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """``path`` opened for reading, with its status read through the handle; NotRegular when
    it is no regular file, OSError as the system says."""
    descriptor = os.open(path, _FLAGS)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular(kind_of(status.st_mode))
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:  # (closes the descriptor)
        yield handle, status
