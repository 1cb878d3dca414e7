"""A workbook handed to python-calamine as a file that lives in memory, where the system has one.

python-calamine opens a file-like object by first copying it into a buffer it grows read call
by read call, holding the interpreter lock: ~40 ms for the 24 MB copy a big sheet's piece is
read from, spent on the thread that meanwhile inspects the rest of the sheet (a thread of the
piece's own would wait for the lock between the reads instead). Opened from a path, calamine
reads the file as it parses, without the lock. An anonymous file in memory (Linux's
``memfd_create``) gives such a path without touching a disk: nothing to clean up, and its
memory is freed once calamine closes it. Elsewhere, for a small workbook, or when the system
refuses one, the workbook is opened from a file-like object as before — which then also says
what is wrong with a workbook that cannot be opened.
"""

from __future__ import annotations

import io
import os
from typing import Any

__all__ = ["AVAILABLE", "MIN_BYTES", "open_workbook"]

MIN_BYTES = 1 << 20  # below this the copy into calamine's buffer costs under 2 ms
_CREATE = getattr(os, "memfd_create", None)  # (Linux only)
AVAILABLE = _CREATE is not None and os.path.isdir("/proc/self/fd")


def open_workbook(calamine: Any, data: bytes) -> Any:
    """``calamine.CalamineWorkbook`` opened on ``data``: from a file in memory where there is
    one (a big workbook), else from a file-like object."""
    if AVAILABLE and len(data) >= MIN_BYTES:
        opened = _from_memory(calamine, data)
        if opened is not None:
            return opened
    return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


def _from_memory(calamine: Any, data: bytes) -> Any:
    """The workbook opened from an anonymous file holding ``data``; None when the system
    refuses one, or calamine does not open it so (the file-like way then answers)."""
    assert _CREATE is not None
    try:
        descriptor = _CREATE("iku-buku-kerja")  # (close-on-exec: no worker inherits it)
    except OSError:
        return None
    try:
        with open(descriptor, "wb", closefd=False) as file:
            file.write(data)
        # calamine opens the file anew by this path: ours is closed below, its own stays open
        # while it reads
        return calamine.CalamineWorkbook.from_path(f"/proc/self/fd/{descriptor}")
    except Exception:  # (memory refused, /proc unreadable, the workbook itself unreadable)
        return None
    finally:
        os.close(descriptor)
