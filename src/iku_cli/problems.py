"""Problems are values: a stable code, a severity, the place, and what to do (in Indonesian).

The codes and their messages are in :mod:`iku_cli.catalogue`; renderers format problems;
nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from iku_cli.catalogue import CATALOGUE, Code, Severity
from iku_cli.text import valid_unicode

__all__ = ["CATALOGUE", "Code", "IkuError", "OutputError", "Problem", "ReadFailure",
           "Severity", "count_by_severity", "display_value", "make_problem"]


class Problem(NamedTuple):
    """One thing the operator should know about, at one place in one input. (A named tuple,
    not a frozen dataclass: a big sheet makes thousands, and a batch's cross back from the
    worker processes — built in 1.3 against 3.1 µs, unpickled in 1.4 against 7.2.)"""

    code: Code
    severity: Severity
    file: str
    sheet: str | None
    row: int | None  # 1-based sheet row as Excel shows it; None for file/sheet problems
    column: str | None  # the header text as written in the sheet
    value: str | None  # the cell's value as text
    message: str
    cell: str | None = None  # e.g. "D14", when known

    def to_dict(self) -> dict[str, Any]:
        return {
            "kode": self.code,
            "tingkat": str(self.severity),
            "berkas": self.file,
            "sheet": self.sheet,
            "baris": self.row,
            "kolom": self.column,
            "sel": self.cell,
            "nilai": self.value,
            "pesan": self.message,
        }

    @property
    def place(self) -> str:
        """'rekap.xlsx › Pemerintahan › baris 14' — how a person finds it."""
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(f"sel {self.cell}")
        elif self.row is not None:
            parts.append(f"baris {self.row}")
        return " › ".join(parts)


def make_problem(
    code: Code,
    *,
    file: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    cell: str | None = None,
    **details: Any,
) -> Problem:
    """Build a problem from the catalogue; ``details`` fill the message template."""
    severity, template = CATALOGUE[code]
    text_value = None if value is None or value == "" else display_value(value)
    message = valid_unicode(template.format(value=text_value, row=row, **details))
    return Problem(code, severity, file, sheet, row, column, text_value, message, cell)


def display_value(value: object) -> str:
    """A cell value as the operator would recognise it (dates as 12/03/2026, 3.0 as 3)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = valid_unicode(str(value))
    return text if len(text) <= 200 else text[:197] + "..."


def count_by_severity(problems: list[Problem]) -> dict[str, int]:
    counts = {str(s): 0 for s in Severity}
    for problem in problems:
        counts[problem.severity] += 1
    return counts


class ReadFailure(Exception):
    """A file that cannot be read at all; ``code`` is a problem code from the catalogue."""

    def __init__(self, code: Code, detail: str = "", **extra: Any) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
        self.extra = extra


class IkuError(Exception):
    """A failure the CLI reports as one Indonesian line (not a traceback)."""

    exit_code = 1


# What the operating system said, in the operator's words (errno -> Indonesian).
OS_REASONS = {
    28: "disk penuh: kosongkan ruang lalu ulangi",  # ENOSPC
    122: "kuota disk habis: kosongkan ruang lalu ulangi",  # EDQUOT
    13: "tidak ada izin menulis di sana",  # EACCES
    1: "tidak ada izin menulis di sana",  # EPERM
    30: "disk itu hanya bisa dibaca",  # EROFS
    5: "galat baca/tulis perangkat (disk atau flashdisk bermasalah?)",  # EIO
    36: "nama berkas terlalu panjang",  # ENAMETOOLONG
}


# ... and when reading (a file or folder given, or found).
READ_REASONS = {
    13: "tidak ada izin membacanya",  # EACCES
    1: "tidak ada izin membacanya",  # EPERM
    2: "tidak ditemukan",  # ENOENT
    40: "tautan melingkar",  # ELOOP
    21: "ini folder",  # EISDIR
    5: "galat baca perangkat (disk atau flashdisk bermasalah?)",  # EIO
    36: "nama terlalu panjang",  # ENAMETOOLONG
    20: "sebagian jalurnya bukan folder",  # ENOTDIR
    6: "perangkatnya tidak ada",  # ENXIO
    11: "sedang dipakai: coba lagi sebentar",  # EAGAIN
    12: "memori tidak cukup: tutup program lain lalu ulangi",  # ENOMEM
    23: "terlalu banyak berkas terbuka: tutup program lain lalu ulangi",  # ENFILE
    24: "terlalu banyak berkas terbuka: tutup program lain lalu ulangi",  # EMFILE
}


def os_reason(error: OSError, *, reading: bool = False) -> str:
    """Why the system refused, in Indonesian (its own words only when the code is unknown)."""
    reasons = READ_REASONS if reading else OS_REASONS
    return reasons.get(error.errno or 0, f"galat sistem {error.errno or ''}".strip())


class OutputError(IkuError):
    """An output file could not be written (the previous file is left as it was)."""
