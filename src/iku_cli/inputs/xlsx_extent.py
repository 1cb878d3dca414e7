"""How far a worksheet reaches, found the way the reader finds it — not by a byte pattern.

python-calamine allocates the whole rectangle from A1 to the farthest cell of a sheet; a
cell at XFD1048576 asks for 512 GB and the process aborts. The farthest cell must therefore
be found however the XML writes it: attributes in any order, either quote, any whitespace,
lower-case references, namespace prefixes, and cells or rows without a reference at all (their
position is the one after the previous). A sheet in the standard form Excel, LibreOffice and
openpyxl write (``<row r="…">``, ``<c r="A1"…>``) is bounded by a few linear scans; any other
sheet is walked tag by tag.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from iku_cli.inputs.cells import column_index, column_letters

MAX_DENSE_CELLS = 10_000_000  # ~24 bytes a cell in calamine: ~240 MB; past it, look closer
# What one sheet may cost once stray cells are cut: past it the sheet is refused (its cells,
# made Python objects, would take a gigabyte). Equal to the bound above; named apart, because
# one is when to look closer and the other when to refuse.
MAX_READ_CELLS = 10_000_000
MAX_REAL_COLUMNS = 702  # column ZZ: no rekap is wider; anything further out is stray
FAR_ROW_GAP = 10_000  # a value this many empty rows below the data is stray

_SHEET_DATA = b"<sheetData"
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.\-]*:)?(row|c|dimension)(?=[\s/>])([^>]*?)(/?)>")
# (the value taken whole and stripped after: spaces matched both inside and around a lazy
# value made a tag of 20 000 spaces take minutes)
_R_ATTRIBUTE = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])([^"']*)\1""")
_REF = re.compile(rb"^\$?([A-Za-z]{1,4})\$?([0-9]{1,9})$")


_STANDARD_COLUMN = re.compile(rb'<c r="([A-Z]+)[0-9]')
_STANDARD_ROW = re.compile(rb'<row r="([0-9]+)"')


QUICK_COLUMNS = 26  # the quick bound admits columns A..Z only (a rekap is narrower)


def quick_bound(xml: bytes, vouched: tuple[int, int] | None = None) -> int | None:
    """The bound of the common sheet in two scans, or None (then :func:`standard_bound`).

    The last ``<row r="N">`` element names N; the sheet is then bounded by N × 26 when no
    ``<c>`` tag of sheetData is anything but ``<c r="X123"`` with one letter and a row number
    from 1 to N (one search for a tag that breaks it). Row tags need no look: every cell has
    its own reference, and the reader positions a cell by it. A prefixed tag (``<x:c``) is
    walked. ``vouched``: a span of sheetData already searched so (:func:`quick_clean`), not
    searched again."""
    found = quick_rows(xml)
    if found is None:
        return None
    start, end, rows = found
    spans = [(start, end)] if vouched is None else [(start, vouched[0]), (vouched[1], end)]
    if not all(quick_clean(xml, rows, begin, stop) for begin, stop in spans):
        return None
    return rows * QUICK_COLUMNS


def quick_rows(xml: bytes) -> tuple[int, int, int] | None:
    """(start, end of sheetData, N of its last ``<row r="N">``) when the quick bound may hold
    for the sheet (N × 26 within the dense cap), else None."""
    start = xml.find(_SHEET_DATA)
    end = xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return None
    last_tag = xml.rfind(b'<row r="', start, end)
    last = _STANDARD_ROW.match(xml, last_tag) if last_tag >= 0 else None
    if last is None or last.group(1).startswith(b"0"):
        return None
    rows = int(last.group(1))
    if rows * QUICK_COLUMNS > MAX_DENSE_CELLS:
        return None
    return start, end, rows


def quick_clean(xml: bytes, rows: int, begin: int, stop: int) -> bool:
    """Whether ``xml[begin:stop]`` holds no cell tag but ``<c r="X123"`` (one letter, a row
    from 1 to ``rows``) and no prefixed cell or row tag. Searching a sheet's span in pieces
    finds what one search finds when each piece after the first begins at a ``<``: no tag the
    searches look for reaches over a ``<`` (neither a reference nor the byte after a tag name
    is one)."""
    cells = re.compile(rb'<c(?! r="[A-Z](?:%s)")(?=[\s/>])' % numbers_up_to(rows))
    return not cells.search(xml, begin, stop) and not _PREFIXED.search(xml, begin, stop)


_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")  # a namespace-prefixed cell or row tag


def numbers_up_to(limit: int) -> bytes:
    """A regular expression matching the decimal numbers 1..limit written without leading
    zeros (limit ≥ 1): the shorter numbers, then digit by digit those as long as limit."""
    digits = str(limit)
    options = [b"[1-9][0-9]{0,%d}" % (len(digits) - 2)] if len(digits) > 1 else []
    for position, digit in enumerate(digits):
        low = 1 if position == 0 else 0
        if int(digit) > low:
            rest = len(digits) - position - 1
            options.append(b"%s[%d-%d][0-9]{%d}" % (
                digits[:position].encode(), low, int(digit) - 1, rest))
    options.append(digits.encode())
    return b"|".join(options)


def standard_bound(xml: bytes) -> int | None:
    """An upper bound of rows × columns for a sheet in the standard form, from a few linear
    scans; None when the sheet is not in that form (walk it).

    Standard: every ``<c…`` tag of sheetData is ``<c r="A1"`` (upper-case letters, digits) and
    every ``<row…`` tag is ``<row r="1"``: a tag written any other way (other attribute order,
    quotes, spaces, case, no reference, a prefix) makes the counts differ. Then the columns are
    the largest letters written, and no row, of a row or a cell, is longer in digits than the
    last row element's number."""
    start = xml.find(_SHEET_DATA)
    end = xml.rfind(b"</sheetData>")
    if start < 0 or end < start:
        return None if b"sheetData" in xml else 0  # a prefixed sheetData: walk it
    if _PREFIXED.search(xml, start, end):
        return None  # a prefixed cell (<x:c r="XFD1048576">) is counted by no search below
    letters = _STANDARD_COLUMN.findall(xml, start, end)
    if xml.count(b"<c", start, end) != len(letters):
        return None  # (a cell of rich text holding <color> only makes the sheet slower)
    rows = _STANDARD_ROW.findall(xml, start, end)
    if xml.count(b"<row", start, end) != len(rows):
        return None
    if not rows:
        return 0 if not letters else None
    last = max(rows, key=lambda digits: (len(digits), digits))
    if re.compile(rb'<c r="[A-Z]+[0-9]{%d}' % (len(last) + 1)).search(xml, start, end):
        return None  # a cell further down than any row
    columns = max((column_index(word) for word in set(letters)), default=0)
    loose = (10 ** len(last) - 1) * columns  # a cell's row has no more digits than the last
    if loose <= MAX_DENSE_CELLS:
        return loose
    return int(last) * columns if _rows_agree(xml, start, end, last) else None


def _rows_agree(xml: bytes, start: int, end: int, last: bytes) -> bool:
    """Whether no cell stands below the last row element (the exact check, for big sheets)."""
    cells = re.compile(rb'<c r="[A-Z]+([0-9]{%d})"' % len(last)).findall(xml, start, end)
    return not cells or max(cells) <= last


@dataclass
class Walk:
    """Every cell's position and where its element lies in the XML; every row element too."""

    cells: list[tuple[int, int, int, int]] = field(default_factory=list)  # row, col, start, end
    rows: list[tuple[int, int, int]] = field(default_factory=list)  # row, start, end
    dimensions: list[tuple[int, int]] = field(default_factory=list)  # start, end

    @property
    def extent(self) -> tuple[int, int]:
        if not self.cells:
            return (max((r for r, _, _ in self.rows), default=0), 0)
        return (max(c[0] for c in self.cells), max(c[1] for c in self.cells))


def walk(xml: bytes) -> Walk:
    """Each row and cell element in order, positioned as the reader positions it: by its
    reference when it has one (any case), else one after the previous."""
    found = Walk()
    row = column = 0
    open_cell: list[int] | None = None
    open_row: list[int] | None = None
    for match in _TAG.finditer(xml):
        closing, name, attributes, self_closing = match.groups()
        if name == b"dimension":
            found.dimensions.append((match.start(), match.end()))
            continue
        if name == b"row":
            if closing:
                if open_row is not None:
                    found.rows.append((open_row[0], open_row[1], match.end()))
                    open_row = None
                continue
            reference = _R_ATTRIBUTE.search(attributes)
            value = reference.group(2).strip() if reference else b""
            row = int(value) if value.isdigit() else row + 1
            column = 0
            if self_closing:
                found.rows.append((row, match.start(), match.end()))
            else:
                open_row = [row, match.start()]
            continue
        if closing:
            if open_cell is not None:
                found.cells.append((open_cell[0], open_cell[1], open_cell[2], match.end()))
                open_cell = None
            continue
        reference = _R_ATTRIBUTE.search(attributes)
        parsed = _REF.match(reference.group(2).strip()) if reference else None
        if parsed:
            column = column_index(parsed.group(1).upper())
            cell_row = int(parsed.group(2))
        else:
            column += 1
            cell_row = max(row, 1)
        if self_closing:
            found.cells.append((cell_row, column, match.start(), match.end()))
        else:
            open_cell = [cell_row, column, match.start()]
    return found


def trim(xml: bytes, found: Walk) -> tuple[bytes, list[str]]:
    """The sheet without its stray cells — beyond column ZZ, or below a gap of 10 000 empty
    rows under the data — and without its dimension element; the refs cut."""
    rows = sorted({row for row, column, _, _ in found.cells if column <= MAX_REAL_COLUMNS})
    row_limit = rows[-1] if rows else 0
    for previous, current in itertools.pairwise(rows):
        if current - previous > FAR_ROW_GAP:
            row_limit = previous
            break
    cut: list[tuple[int, int]] = list(found.dimensions)
    dropped: list[str] = []
    for row, column, start, end in found.cells:
        if column > MAX_REAL_COLUMNS or row > row_limit:
            cut.append((start, end))
            dropped.append(f"{column_letters(column)}{row}")
    cut += [(start, end) for row, start, end in found.rows if row > row_limit]
    if not cut:
        return xml, dropped
    pieces, position = [], 0
    for start, end in _merged(cut):
        pieces.append(xml[position:start])
        position = end
    pieces.append(xml[position:])
    return b"".join(pieces), dropped


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, a span inside another (a cell inside its cut row) folded into it."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result
