"""How many cores iku may read with: the ones this process may run on, or ``IKU_PROSES``."""

from __future__ import annotations

import os

WORKERS_VARIABLE = "IKU_PROSES"  # how many processes (and threads) to read with (1: one)


def available() -> int:
    """The cores this process may use, or ``IKU_PROSES`` if set to a number above 0."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
