"""One big workbook named on the command line, read and unpacked on a helper thread while the
command imports what it needs.

Parts unpack without holding the interpreter lock (:mod:`.inflate`): the 0.04 to 0.1 s a
40 MB sheet takes to unpack then runs beside the ~0.15 s of imports, instead of after them.
What the helper hands over is exactly what the run would have read itself — the file's
bytes and their SHA-256, and its worksheet parts unpacked by :meth:`ZipGuard.read` (size, CRC
and DTD checked) — and the run takes it only for the same file, unchanged (device, inode,
size, modification time), after its own checks of the zip against its own limits
(:func:`take`, :func:`parts_for`). Whatever the helper could not do (a damaged part, a file
that changed), the run does again itself and reports as always: the helper never reports
anything.

Only a single .xlsx/.xlsm file of ``MIN_BYTES`` to ``MAX_BYTES`` is fetched ahead: several
files go to the process pool (which reads in its workers), a small workbook unpacks in
milliseconds. The helper starts before the settings are read, so it works under the default
caps ([batas] of iku.toml may set tighter ones): it holds at most ``MAX_BYTES`` +
``MAX_UNPACKED`` before the run checks its own, and a file past the settings' size cap makes
the run drop it without waiting. A zip's table of contents is checked for size before it is
read (:func:`.zipguard.check_directory`), on the helper as in the run.

The bytes counted are the bytes hashed, as always; a file saved again in place while the run
starts (same size and modification time) is read as it was an instant earlier.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from iku_cli.inputs.regular import open_regular
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.limits import DEFAULT_LIMITS

MIN_BYTES = 1 << 20  # a smaller workbook unpacks in a few milliseconds: not worth a thread
# Nor a larger file than this: the helper does not know the settings' caps yet (the run checks
# them), so what it holds before the run refuses a file must stay small whatever they say.
MAX_BYTES = 32 << 20
# Sheets unpacked ahead wait in memory for their turn (the run unpacks one at a time): at most
# this much of them (declared sizes), in the zip's order.
MAX_UNPACKED = 64 << 20
SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Fetched:
    """What the helper read: the file as it was when read, and its unpacked sheets."""

    path: Path
    identity: tuple[int, int, int, int] | None = None  # (device, inode, size, mtime_ns)
    data: bytes | None = None
    sha256: str | None = None
    parts: dict[str, bytes] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)
    dropped: threading.Event = field(default_factory=threading.Event)  # the run will not take it


_pending: Fetched | None = None  # started, not taken yet
_handed: Fetched | None = None  # taken by the run, its parts not yet


def identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def start(paths: Sequence[str | Path]) -> None:
    """Fetch the one workbook ``paths`` names, if it is one worth fetching; else nothing."""
    global _pending
    if len(paths) != 1 or Path(paths[0]).suffix.lower() not in SUFFIXES:
        return
    path = Path(paths[0])
    try:
        status = path.stat()
    except (OSError, ValueError):
        return  # (finding the inputs says what is wrong)
    if not stat.S_ISREG(status.st_mode) or not MIN_BYTES <= status.st_size <= MAX_BYTES:
        return
    fetched = _pending = Fetched(path)
    # a daemon: Ctrl+C or an early usage error ends the run without waiting for it
    threading.Thread(target=_fetch, args=(fetched,), daemon=True,
                     name="iku-prefetch").start()


def _fetch(fetched: Fetched) -> None:
    try:
        # opened without waiting and looked at through the handle: a path swapped for a FIFO
        # since start() looked at it is left alone, never waited on
        with open_regular(fetched.path) as (handle, status):
            if not MIN_BYTES <= status.st_size <= MAX_BYTES:
                return
            data = handle.read(status.st_size + 1)
        if len(data) != status.st_size:
            return  # (changing while read: the run reads it itself)
        fetched.identity, fetched.data = identity(status), data
        fetched.sha256 = hashlib.sha256(data).hexdigest()
        guard = ZipGuard(data, DEFAULT_LIMITS)
        budget = MAX_UNPACKED
        for name, info in guard.infos.items():
            if fetched.dropped.is_set():
                return
            if name.startswith("xl/worksheets/") and name.endswith(".xml") \
                    and info.file_size <= budget:
                fetched.parts[name] = guard.read(name)
                budget -= info.file_size
    except Exception:  # (the run reads it again and says what is wrong)
        pass
    finally:
        if fetched.dropped.is_set():
            fetched.data, fetched.parts = None, {}
        fetched.done.set()


def take(path: Path, status: os.stat_result) -> tuple[bytes, str] | None:
    """The bytes and SHA-256 of the file at ``path`` as the helper read it, when it read this
    very file and the file has not changed since (``status``: the run's own look at it)."""
    global _pending
    fetched = _pending
    if fetched is None:
        return None
    _pending = None
    # (no time-out: the helper reads a regular file, as the run would, and unpacks under caps)
    fetched.done.wait()
    if fetched.data is None or fetched.sha256 is None or fetched.identity != identity(status):
        return None
    global _handed
    _handed = fetched
    return fetched.data, fetched.sha256


def drop() -> None:
    """The run refuses the file unread (past the settings' size cap): the helper is not waited
    for, and stops keeping what it reads."""
    global _pending
    if _pending is not None:
        _pending.dropped.set()
        _pending = None


def parts_for(data: bytes) -> dict[str, bytes]:
    """The worksheet parts the helper unpacked from ``data`` (the very bytes :func:`take` gave),
    handed over once; {} for any other bytes."""
    global _handed
    fetched = _handed
    if fetched is None or fetched.data is not data:
        return {}
    _handed = None
    parts, fetched.parts = fetched.parts, {}
    return parts
