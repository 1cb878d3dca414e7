"""A big worksheet read by python-calamine in row pieces side by side, joined into the grid one
whole read gives.

python-calamine parses a sheet with the interpreter lock released, so pieces of one sheet can
be parsed at once on as many cores (threads; no process to start, nothing to send back). A
piece is the sheet part with a run of its ``<row>`` elements only: the part's head (up to and
with ``<sheetData…>``), the run, the part's tail (from ``</sheetData>``). Each piece is read
from a copy of the workbook of its own, the piece stored, not packed (nothing to inflate), with
the merged-ranges element first so calamine's second pass stops at once (:mod:`.xlsx_merges`);
the first piece carries the sheet's merged ranges.

A sheet is cut only where cutting cannot change what is read, as the inspection vouched:

- every cell carries its own reference in the standard form, no tag has a prefix (the
  far-cell bound's quick or standard form): where a cell lands never depends on the cells
  before it;
- one plain ``<sheetData>`` (the word stands twice in the part), and no comment, CDATA or
  processing instruction in it (:func:`cut`; before it, :func:`.merges_first`): a
  ``<row r="`` found there is a row tag, and a row element is never cut.

Rows between pieces that hold no cell are blank rows of the grid, as in a whole read; a piece
narrower than the sheet is padded with blanks. When a piece cannot be read, the sheet is read
whole, as it would have been.

The last piece may be parsed from the inspection on (:class:`StartedPiece`): as soon as its own
span is vouched for, while the rest of the sheet is still being checked on this thread — the
far-cell bound holds for a piece on its own (its cells' rows and columns), and the parts its
copy carries are checked first. Should the inspection then decide otherwise (the sheet cut,
read whole, refused), what it parsed is dropped.

Why a cut inside an element cannot go unnoticed (calamine's cell reader, read in its source):
past sheetData's own level it is inside a cell (reading events up to ``</c>``), a formula or a
value (skipping to ``</f>``, ``</v>``) or an inline string (up to ``</is>``). A piece cut there
ends with the part's tail, which must hold no such closing tag (checked): that piece then meets
the end of its part unclosed, calamine refuses it, and the sheet is read whole. So rows hidden
in a formula of an invalid sheet (a crafted file) are hidden alike on one core or on eight.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from typing import Any, NamedTuple

from iku_cli.inputs import memory_file
from iku_cli.inputs.bytesearch import find
from iku_cli.inputs.cells import Cell
from iku_cli.inputs.xlsx_merges import EMPTY_MERGES
from iku_cli.inputs.zip_copy import copy_with, stored
from iku_cli.inputs.zipguard import ZipGuard

__all__ = ["STARTED_SHARE", "Pieces", "StartedPiece", "cut", "piece_count", "read_pieces"]

PIECE_BYTES = 4 << 20  # a piece must be worth its thread and its copy: ~10 000 rows of XML
MAX_PIECES = 4  # (each piece holds its copy and its range at once: memory grows with them)
MAX_HELD_BYTES = 64 << 20  # sheet XML kept from the inspection to the read, all sheets together
# The piece parsed from the inspection on is this much larger than each other one: it begins
# while the rest of the sheet is still checked (~0.15 s of a 40 MB sheet) and ends with them.
# Opened from a file in memory its copy costs that check no time, but the piece reads a little
# slower (through the file): best measured 1.2 there (1.3: the same; 1.5: 1.5 % slower).
STARTED_SHARE = 1.2 if memory_file.AVAILABLE else 1.5
_ROW_TAG = b'<row r="'
# what would close a cell, a value, a formula or an inline string, written after sheetData
_CELL_CLOSER = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?(?:c|f|v|is|t|row|sheetData)[\s>]")


def piece_count(size: int, cores: int) -> int:
    """How many pieces a sheet part of ``size`` bytes is read in on ``cores`` cores."""
    return max(1, min(cores, MAX_PIECES, size // PIECE_BYTES))


def cut(xml: bytes, count: int, last_share: float = 1.0) -> list[tuple[int, int]] | None:
    """Where the pieces lie: ``count`` spans (fewer for a sheet of few row tags) of whole row
    elements inside sheetData, each starting at a ``<row r="`` tag; None when the part has no
    plain ``<sheetData>`` to cut. ``last_share``: the last piece's size against each other's
    (more when its parse begins ahead of the others')."""
    start = xml.find(b"<sheetData>")
    close = xml.rfind(b"</sheetData>")
    if start < 0 or close < start or xml.count(b"sheetData") != 2:
        return None  # (a second sheetData, or the word in a comment or an attribute value)
    begin = start + len(b"<sheetData>")
    # (merges_first vouched up to the merged ranges only, which may come before the cells)
    if find(xml, b"<!", 1, begin, close) >= 0 or find(xml, b"<?", 1, begin, close) >= 0:
        return None
    if _CELL_CLOSER.search(xml, close + len(b"</sheetData>")):
        return None  # (see the module's note: every piece ends with this tail)
    shares = count - 1 + last_share
    bounds = [begin]
    for number in range(1, count):
        tag = xml.find(_ROW_TAG, begin + int((close - begin) * number / shares), close)
        if tag < 0:
            break
        if tag > bounds[-1]:
            bounds.append(tag)
    bounds.append(close)
    return list(itertools.pairwise(bounds))


class Built(NamedTuple):
    """A piece's rows as Python lists (``to_python``), and where they stand in the sheet."""

    top: int  # the sheet row of rows[0] (-1: the piece holds no cell)
    width: int  # columns from A to the piece's last one
    rows: list[list[Cell]]  # from column A (blanks put before a piece's first column)


NO_CELLS = Built(-1, 0, [])


def built(sheet: Any) -> Built:
    """A parsed piece's rows, built by the thread that parsed it: a piece parsed ahead of
    the others builds them while the others are still parsed without the interpreter lock."""
    if sheet.start is None:
        return NO_CELLS
    top, left = sheet.start
    rows = sheet.to_python(skip_empty_area=True)
    if left:
        rows = [[""] * left + row for row in rows]
    return Built(top, sheet.end[1] + 1, rows)


class StartedPiece:
    """A piece being parsed on a thread of its own (by the sheet's name: the copy holds no
    other sheet), begun before the read of the rest of the sheet. The copy is opened here:
    opening from a file-like object holds the interpreter lock, and a thread opening it while
    this one runs the inspection's searches waits for the lock again and again (from a file in
    memory, :mod:`.memory_file`, opening costs this thread a write of the copy)."""

    def __init__(self, calamine: Any, workbook: bytes, name: str) -> None:
        self.built: Built | None = None  # what it read; None: it failed (read whole)
        try:
            opened = memory_file.open_workbook(calamine, workbook)
        except Exception:  # (the whole read then says what is wrong)
            opened = None
        # daemon: Ctrl+C ends the run without waiting for the parse
        self.thread = threading.Thread(target=self._parse, args=(opened, name), daemon=True)
        self.thread.start()

    def _parse(self, workbook: Any, name: str) -> None:
        if workbook is None:
            return
        try:
            with workbook:
                sheet = workbook.get_sheet_by_name(name)
            self.built = built(sheet)
        except Exception:  # (the whole read then says what is wrong)
            self.built = None


@dataclass
class Pieces:
    """A sheet part cut in pieces, and the workbook copy each piece is read from."""

    guard: ZipGuard
    part: str  # the sheet's part in the zip
    xml: bytes  # the part as the inspection read and vouched for it
    merges: bytes  # its first merged-ranges element (or an empty one)
    spans: list[tuple[int, int]]
    other_sheets: frozenset[str] = frozenset()  # parts a piece's copy leaves out
    last: StartedPiece | None = None  # the last piece, parsed from the inspection on

    def workbook(self, number: int) -> bytes | None:
        """The copy of the workbook whose sheet part is piece ``number`` (None: not one to
        copy so)."""
        view = memoryview(self.xml)
        start, end = self.spans[number]
        head, tail = self.spans[0][0], self.spans[-1][1]
        first = self.merges if number == 0 else EMPTY_MERGES
        chunks = (first, view[:head], view[start:end], view[tail:])
        return copy_with(self.guard, {self.part: stored(chunks)}, leave_out=self.other_sheets)


def read_pieces(calamine: Any, pieces: Pieces, index: int) -> tuple[list[list[Cell]], Any] | None:
    """The sheet at ``index`` read in pieces, one thread each (the first on this one): its
    grid from A1 — as ``to_python(skip_empty_area=False)`` of a whole read gives it — and its
    merged ranges as calamine reads them. None when a piece could not be read."""
    started = pieces.last
    # every copy built first, so the sheet's XML is freed before calamine copies each in
    workbooks = [pieces.workbook(number) for number in range(len(pieces.spans) - bool(started))]
    pieces.xml = b""
    sheets: list[Built | None] = [None] * len(pieces.spans)
    merged: list[Any] = [None]

    def parse(number: int) -> None:
        data, workbooks[number] = workbooks[number], None
        if data is None:
            return
        try:
            workbook = memory_file.open_workbook(calamine, data)
            del data  # (calamine holds its own copy, or reads it from a file in memory)
            with workbook:
                sheet = workbook.get_sheet_by_index(index)
                if number == 0:
                    merged[0] = sheet.merged_cell_ranges
            sheets[number] = built(sheet)
        except Exception:  # (the whole read then says what is wrong)
            sheets[number] = None

    # daemon threads: Ctrl+C in this thread ends the run without waiting for a parse
    threads = [threading.Thread(target=parse, args=(number,), daemon=True)
               for number in range(1, len(workbooks))]
    for thread in threads:
        thread.start()
    parse(0)
    joins: list[threading.Thread | _Handed] = [*threads]
    if started is not None:
        joins.append(_Handed(started, sheets))
    try:
        grid = _joined(sheets, joins)
    except Exception:  # (the whole read then says what is wrong)
        return None
    return None if grid is None else (grid, merged[0])


class _Handed:
    """A started piece as the join below takes it: joined, its rows put in their place."""

    def __init__(self, started: StartedPiece, sheets: list[Built | None]) -> None:
        self.started, self.sheets = started, sheets

    def join(self) -> None:
        self.started.thread.join()
        self.sheets[-1], self.started.built = self.started.built, None


def _joined(sheets: list[Built | None], threads: list[threading.Thread | _Handed]
            ) -> list[list[Cell]] | None:
    """One grid from A1 out of the pieces' rows in order, each taken once its thread is done;
    None when a piece could not be read, or reaches up to the rows of the one before it (a
    cell referring to a row above its row element: only a whole read places it as calamine
    does)."""
    grid: list[list[Cell]] = []
    widths: list[tuple[int, int]] = []  # (first grid row, width) of each piece's rows
    for number in range(len(sheets)):
        if number:
            threads[number - 1].join()
        piece, sheets[number] = sheets[number], None
        if piece is None:
            return None
        if piece is NO_CELLS:
            continue
        if piece.top < len(grid):
            return None
        widths.append((len(grid), piece.width))
        grid.extend([""] * piece.width for _ in range(piece.top - len(grid)))
        grid.extend(piece.rows)
    _pad(grid, widths)
    return grid


def _pad(grid: list[list[Cell]], widths: list[tuple[int, int]]) -> None:
    """Every row as wide as the widest piece (a whole read's range spans them all)."""
    widest = max((width for _, width in widths), default=0)
    ends = [first for first, _ in widths[1:]] + [len(grid)] if widths else []
    for (first, width), end in zip(widths, ends, strict=True):
        if width < widest:
            padding = [""] * (widest - width)
            for row in grid[first:end]:
                row.extend(padding)
