"""Big blocks of memory given back when freed (glibc), for the one command a process runs.

glibc maps a block of 128 KB or more on its own and unmaps it when freed — but each time such
a block is freed it raises that threshold to the block's size (up to 32 MB). After the first
big block freed (the file's bytes, a sheet's XML, the copy python-calamine read), blocks of
megabytes (the copies of a big sheet's pieces, python-calamine's buffers, results sent back by
the worker processes) come from the heap instead, where a freed one stays resident under the
small objects allocated after it. A count of 100 000 activities then peaked at 181 or 228 MB
by the layout of the environment alone (one variable more or less); with the threshold fixed
at 1 MB, at 154 MB either way (``/usr/bin/time``; 16 MB gave the same there but 183 against
172 MB for 200 files), for ~2 % more time (pages given back are faulted in again). Smaller
blocks (cells, rows, columns) come from the heap as before.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h); setting it fixes the threshold
BIG_BLOCK = 1 << 20


def release_big_blocks() -> None:
    """Fix glibc's threshold for mapping blocks on their own at :data:`BIG_BLOCK` (Linux; a C
    library without ``mallopt`` is left as it is)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, BIG_BLOCK)
    except (OSError, AttributeError):  # (no C library to ask, or one without mallopt)
        pass
