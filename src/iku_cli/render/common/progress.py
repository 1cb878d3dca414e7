"""A progress bar on stderr while many files, or one large workbook, are read.

Only on a terminal: when stderr is a pipe or a file (a script, a log) nothing is drawn, so the
output stays exactly what it was. Wire it around a run::

    with reading_progress() as progress:
        result = hitung(paths, options, progress)

The callback has the core's shape ``(file, index, total)``: it is called before each file is
read (file ``index`` of ``total``). The bar appears only once the run is worth one (many
files, or a large file), and disappears when the reading is done.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from iku_cli.rekap.parallel import ProgressCallback


MIN_FILES = 10  # fewer files are read too fast to need a bar ...
MIN_BYTES = 5_000_000  # ... unless one of them is this large (a year of a big office)


@contextmanager
def reading_progress(stream: TextIO | None = None) -> Iterator[ProgressCallback | None]:
    """The callback for ``hitung``/``periksa``, or None when ``stream`` (stderr) is not a
    terminal."""
    stream = sys.stderr if stream is None else stream
    if not _is_terminal(stream):
        yield None
        return
    bar = _Bar(stream)
    try:
        yield bar.update
    finally:
        bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


class _Bar:
    """Started on the first file that calls for it. (With a process pool, that is after the
    workers are started: its refresh thread never exists when the pool forks.)"""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def update(self, file: str, index: int, total: int) -> None:
        if self.progress is None:
            if total < MIN_FILES and not _large(file):
                return
            self._start(total)
        assert self.progress is not None and self.task is not None
        name = os.path.basename(file) or file
        self.progress.update(self.task, completed=index, total=total, file=name)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self.stream, force_terminal=True)  # isatty() said so
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("Membaca"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[file]}", style="dim"),
            console=console,
            transient=True,  # gone when done: the summary follows on a clean line
        )
        self.task = self.progress.add_task("membaca", total=total, file="")
        self.progress.start()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _large(file: str) -> bool:
    try:
        return os.stat(file).st_size >= MIN_BYTES
    except OSError:
        return False
