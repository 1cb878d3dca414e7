"""Look inside an .xls (BIFF8) before python-calamine reads it: how far each sheet reaches.

calamine allocates the rectangle from A1 to the farthest cell (or what the DIMENSIONS record
claims); one value in IV65536 costs 1.2 GB, one in column 16 384 (a 16-bit column field
allows it) 43 GB and the process aborts. The workbook stream is read from the compound file
with olefile and its records are walked: a sheet reaching beyond the cap is refused before
calamine sees it. (A BIFF file cannot be trimmed as an .xlsx copy can.)
"""

from __future__ import annotations

import io
import struct

from iku_cli.inputs.xlsx_extent import MAX_READ_CELLS
from iku_cli.problems import Code, ReadFailure

BOF, EOF, DIMENSIONS, FILEPASS, BOUNDSHEET = 0x0809, 0x000A, 0x0200, 0x002F, 0x0085
# records that hold one cell: (row, column) are their first two 16-bit fields
CELL_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0201, 0x0205, 0x0006, 0x00D6,
                          0x0207})
ROW_SPAN_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col, …, last col
WORKSHEET = 0x0010


def check_xls(data: bytes) -> None:
    """Raise ReadFailure(GRID_TOO_LARGE) when a worksheet of the .xls reaches too far; say
    nothing when the file cannot be walked (calamine reports what is wrong with it)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return
            stream = ole.openstream(name).read()
    except (OSError, ValueError, struct.error, IndexError, KeyError, RecursionError):
        return  # not a readable compound file: calamine's own message says so
    names = _sheet_names(stream)
    position, sheet, rows, columns, worksheet = 0, -1, 0, 0, False
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4: position + 4 + size]
        position += 4 + size
        if kind == FILEPASS:
            return  # encrypted: the password check speaks for it
        if kind == BOF and len(body) >= 4:
            sheet += 1 if struct.unpack_from("<H", body, 2)[0] != 0x0005 else 0
            worksheet = struct.unpack_from("<H", body, 2)[0] == WORKSHEET
            rows = columns = 0
        elif not worksheet:
            continue
        elif kind in CELL_RECORDS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in ROW_SPAN_RECORDS and len(body) >= 6:
            row = struct.unpack_from("<H", body)[0]
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == DIMENSIONS and len(body) >= 12:
            _, last_row, _, last_column = struct.unpack_from("<IIHH", body)
            rows, columns = max(rows, last_row), max(columns, last_column)
        elif kind == EOF:
            worksheet = False
        if worksheet and rows * columns > MAX_READ_CELLS:
            label = names[sheet] if 0 <= sheet < len(names) else f"ke-{sheet + 1}"
            raise ReadFailure(Code.GRID_TOO_LARGE, f"sheet {label}: sel sampai baris "
                              f"{rows:,} kolom {columns:,}".replace(",", "."))


def _sheet_names(stream: bytes) -> list[str]:
    """The sheets' names from the BOUNDSHEET records, in order (best effort)."""
    names, position = [], 0
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4: position + 4 + size]
        position += 4 + size
        if kind == BOUNDSHEET and len(body) >= 8:
            length, flags = body[6], body[7]
            raw = body[8:8 + (length * 2 if flags & 1 else length)]
            names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace"))
        elif kind == BOF and names:
            break  # the workbook globals are over
    return names
