"""Write output files atomically: a temp file in the target folder, then ``os.replace``.

A failed or interrupted write leaves any previous file exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from iku_cli.problems import OutputError, os_reason


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; move it into place only if the block succeeds."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder tujuan tidak ada: {folder} — buat foldernya dulu")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except PermissionError as error:
        raise OutputError(f"tidak bisa menulis di folder {folder}: {error.strerror}") from error
    os.close(handle)
    temp = Path(temp_name)
    try:
        try:
            yield temp
        except OSError as error:  # the disk filled, a flash drive went away: the user's world
            if isinstance(error, PermissionError):
                raise
            raise OutputError(f"tidak bisa menulis {target}: {os_reason(error)}; berkas lama "
                              "tetap seperti semula") from error
        # mkstemp makes the file private (0600); give it the mode a normal new file gets
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        try:
            os.replace(temp, target)
        except PermissionError as error:
            raise OutputError(
                f"tidak bisa menulis {target}: berkas sedang dibuka (mis. di Excel) atau "
                "tidak boleh ditulis — tutup berkas di Excel lalu ulangi"
            ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temp_path)`` and move the result onto ``target``."""
    with atomic_path(target) as temp:
        write(temp)


def write_text_atomically(target: Path, text: str) -> None:
    """A text output (CSV, JSON) in UTF-8, written atomically."""
    write_atomically(target, lambda temp: temp.write_bytes(text.encode("utf-8")))


def write_saved_atomically(target: Path, save: Callable[[io.BytesIO], object]) -> None:
    """A document a library saves (openpyxl, python-docx): saved into memory first, then
    written in one go — a full disk then fails in our write, not inside the library's zip,
    which would leave a half-closed archive to complain at exit."""
    buffer = io.BytesIO()
    save(buffer)
    write_atomically(target, lambda temp: temp.write_bytes(buffer.getvalue()))
