"""Read the input files, on every core when there are many: one process per core, the results
merged in file order.

Until every file is read, files do not depend on each other: duplicates, JUMLAH checks and
each activity's kecamatan are decided afterwards, over the whole run. So a worker process can
read one file into a run of its own, and merging those runs in the sorted file order builds
exactly the run that reading the files one after another in one process builds (same
activities, problems and sources, in the same order). A few files, or little data, are read
in this process: starting processes and sending results back would cost more than it saves.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from iku_cli.inputs import cores
from iku_cli.inputs.find import InputFile
from iku_cli.rekap.options import Options
from iku_cli.rekap.run import Run, gc_paused, read_one_file

if TYPE_CHECKING:
    import multiprocessing.context

ProgressCallback = Callable[[str, int, int], None]  # (file, index, total)

POOL_MIN_FILES = 8  # fewer files are read in this process ...
POOL_MIN_BYTES = 1_000_000  # ... and so is less data (measured break-even: ~0.5 MB of xlsx)
# Where workers are spawned rather than forked (macOS, Windows) each one starts Python and
# imports iku afresh: worth it only for much more data.
POOL_MIN_BYTES_SPAWN = 20_000_000
WORKERS_VARIABLE = cores.WORKERS_VARIABLE  # how many processes to read with (1: no pool)


def worker_count() -> int:
    """The cores this process may use, or ``IKU_PROSES`` if set."""
    return cores.available()


def use_pool(files: Sequence[InputFile], workers: int) -> bool:
    """Whether a process pool pays for itself on these files."""
    if workers < 2 or len(files) < POOL_MIN_FILES:
        return False
    enough = POOL_MIN_BYTES if _context().get_start_method() == "fork" else POOL_MIN_BYTES_SPAWN
    total = 0
    for item in files:
        try:
            total += item.path.stat().st_size
        except OSError:
            continue  # reading it will report why
        if total >= enough:
            return True
    return False


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it exists and is safe (no other thread could hold a lock the child needs):
    workers start in milliseconds. Else spawn, as Python does by default there."""
    import multiprocessing  # (with the pool only: a run of one file does without it)

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def read_files(
    run: Run, files: Sequence[InputFile], options: Options,
    progress: ProgressCallback | None = None, workers: int | None = None,
) -> None:
    """Read every file into ``run``, in order. ``progress`` hears of each file in order: before
    it is read, or, from a pool, before its result is merged."""
    workers = worker_count() if workers is None else workers
    total = len(files)
    with gc_paused():
        if not use_pool(files, workers):
            for index, item in enumerate(files):
                if progress:
                    progress(item.display, index, total)
                read_one_file(run, item, options)
            return
        for index, (item, part) in enumerate(zip(files, _read_in_pool(files, options, workers),
                                                 strict=True)):
            if progress:
                progress(item.display, index, total)
            run.merge(part)


def _read_in_pool(
    files: Sequence[InputFile], options: Options, workers: int
) -> Iterator[Run]:
    """One run per file, in file order, read by ``workers`` processes."""
    workers = min(workers, len(files))
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, _context(), initializer=_start_worker,
                               initargs=(options,))
    try:
        # a few files per task: fewer round trips, and still an even share at the end
        chunk = max(1, min(4, len(files) // (workers * 8)))
        yield from pool.map(_read_one, files, chunksize=chunk)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


_worker_options: Options | None = None  # set once per worker process


def _start_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options  # one copy per process: the matchers' caches key on it
    # one worker of many: its big sheets are read on one thread, not cut in pieces (xlsx_pieces)
    os.environ[WORKERS_VARIABLE] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle


def _read_one(item: InputFile) -> Run:
    if _worker_options is None:
        raise RuntimeError("a worker reads only after _start_worker")
    run = Run()
    with gc_paused():
        read_one_file(run, item, _worker_options)
    return run
