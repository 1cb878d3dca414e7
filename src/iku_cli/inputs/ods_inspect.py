"""Look inside an .ods before python-calamine reads it: cells far outside the table.

OpenDocument writes a run of blank rows or cells as one element (``table:number-rows-repeated``,
``table:number-columns-repeated``), so one value far away — say in XFD1048007, after a million
blank rows and 16 383 blank cells — costs a few bytes. python-calamine builds every sheet's
dense grid when it opens an .ods: it asks for 17 billion cells and refuses the whole workbook
(as "Cannot detect file format"). As for .xlsx (:mod:`.xlsx_inspect`, whose rule this mirrors),
such cells are cut out of a copy of content.xml before calamine sees it, and reported.

An ordinary file costs a scan of its bytes and a count of its rows. The scan (the quick look)
finds every run: a run of 100 or more before a value of its sheet (rows) or of its row (cells)
points at a sheet to walk cell by cell; LibreOffice's own blank fill (a long run of rows under
the table, a long run of cells ending each row) holds no value and is never walked; shorter runs
are summed. Many short runs, or thousands of written cells, reach as far as one long run: from
the rows counted, the runs summed and the length in bytes of the longest row (no cell is written
in fewer than 19 bytes), an upper bound on every sheet's grid is worked out; only a sheet whose
bound passes MAX_DENSE_CELLS is walked (see :func:`_small`). Should calamine still refuse an
.ods, :mod:`.read` has every sheet walked (``thorough``) and tries once more. content.xml is read
through :class:`~.zipguard.ZipGuard` (caps, real size and CRC, no DTD); the input file is never
changed.

The XML is read as bytes, with regular expressions, as calamine's parser reads it when the file
is well formed: no '<' inside an attribute's value, no comment or CDATA section among the rows.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from itertools import accumulate, repeat

from iku_cli.inputs.cells import column_letters
from iku_cli.inputs.xlsx_extent import MAX_DENSE_CELLS, MAX_READ_CELLS, MAX_REAL_COLUMNS
from iku_cli.inputs.xlsx_inspect import Inspection, rezip
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.marker import kind_in_ods_meta
from iku_cli.numbers import thousands
from iku_cli.problems import Code, ReadFailure

__all__ = ["CALAMINE_MAX_CELLS", "OdsInspection", "inspect_ods"]

CONTENT = "content.xml"
META = "meta.xml"
# calamine refuses a sheet whose grid would hold more cells than this (its own cap)
CALAMINE_MAX_CELLS = 100_000_000
# A row holding values, repeated (number-rows-repeated): LibreOffice writes identical rows so.
# Ten thousand identical activity rows are no rekap; a million cost gigabytes to read.
MAX_VALUE_ROW_REPEAT = 10_000
# calamine, like Excel, does not read past the last row and column (values there are dropped)
LAST_ROW, LAST_COLUMN = 1_048_576, 16_384
GAP_ROWS = 10_000  # as xlsx_inspect: a value after this many empty rows is not the table's
LONG_RUN = 100  # a run this long is judged where it stands; a shorter one is only summed
_TAG_REACH = 4096  # how far back a run's tag is looked for (LibreOffice's tags are < 200 bytes)
_ROW = b"<table:table-row"
_ROW_END = b"</table:table-row>"
_CELLS = (b"<table:table-cell", b"<table:covered-table-cell")
_CELL_BYTES = len(b"<table:table-cell/>")  # no cell is written in fewer bytes

# The blank cells LibreOffice ends a row with: a cell with no attribute but the count (and a
# style), so no value, and nothing after it in its row. One lookbehind (fixed width) per length
# of the style's name. The shorter a lookbehind, the faster: the "l" ending both cells' names is
# enough (before a tag's first attribute stands its name; before any other, a quote).
_STYLES = (b"", *(b'table:style-name="ce' + rb"\d" * digits + b'" ' for digits in range(1, 5)))
_ROW_FILL = (rb"(?:" + rb"|".join(rb"(?<=l %stable:number-columns-repeated)" % style
                                   for style in _STYLES)
             + rb')="\d+"/></table:table-row>')
# Every run but that fill, however its count is written (it is read after). It starts at
# "s-repeated": a rare first byte keeps the one pass over the file fast.
_RUN = re.compile(rb"s-repeated(?!" + _ROW_FILL + rb")")
# A count as programs write it, under LONG_RUN: two digits (any other is judged as long)
_SHORT_COUNT = re.compile(rb'\s*=\s*(?:"\+?(\d{1,2})"|\'\+?(\d{1,2})\')')
# What calamine reads as a value: a value attribute, or a string cell (even an empty one).
# (No leading \s: a literal start lets the regex engine skip ahead fast.)
_VALUE = re.compile(
    rb'office:(?:(?:string-|date-|time-|boolean-)?value\s*=|value-type\s*=\s*["\']string["\'])')
# A tag's attributes: a '>' may stand in a quoted value, a '<' nowhere (so a broken tag is given
# up at the next '<', and the scan stays linear); possessive, so no backtracking.
_ATTRIBUTES = rb'((?:[^<>"\']++|"[^<"]*+"|\'[^<\']*+\')*+)'
_TABLE = re.compile(rb"<table:table(?=[\s/>])" + _ATTRIBUTES + rb">")
_TAG = re.compile(rb"<table:(table-row|table-cell|covered-table-cell)(?=[\s/>])" + _ATTRIBUTES
                  + rb">")
_NAME = re.compile(rb'\stable:name\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_ROWS_REPEATED = re.compile(rb'\stable:number-rows-repeated\s*=\s*(?:"([^"<]*)"|\'([^\'<]*)\')')
_COLUMNS_REPEATED = re.compile(
    rb'(\stable:number-columns-repeated\s*=\s*["\'])\+?(\d+)(["\'])')
_COUNT = re.compile(r"\+?[0-9]+")
_SPANNED = re.compile(rb'\stable:number-(rows|columns)-spanned\s*=\s*["\']\+?(\d+)["\']')
_HIDDEN = re.compile(rb'\stable:visibility\s*=\s*["\'](?:collapse|filter)["\']')
MAX_MERGES = 100_000  # per sheet: more merged ranges than any office sheet has


@dataclass
class OdsInspection(Inspection):
    # sheet -> (rows, columns) of the grid calamine will build, for each sheet walked
    grids: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class _Look:
    """What the quick look found: the tags (positions, in order) of long runs before a value,
    and of short runs with the rows or cells each adds."""

    suspects: list[int] = field(default_factory=list)
    rows: list[tuple[int, int]] = field(default_factory=list)
    columns: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Value:
    """A cell holding a value: where it stands (1-based, with its repeats) and its tag."""

    row: int
    rows: int
    column: int
    columns: int
    tag: re.Match[bytes]

    @property
    def last_row(self) -> int:
        return min(self.row + self.rows - 1, LAST_ROW)

    @property
    def last_column(self) -> int:
        return min(self.column + self.columns - 1, LAST_COLUMN)


def inspect_ods(guard: ZipGuard, thorough: bool = False) -> OdsInspection:
    """Check every part (as before), then cut far cells from a copy of content.xml if any.
    ``thorough``: walk every sheet, not only those the quick look and the bound point at
    (calamine failed)."""
    result = OdsInspection(guard.data)
    if CONTENT not in guard.infos:
        guard.verify_rest()
        return result  # calamine reports the missing part
    xml = guard.read(CONTENT)
    if META in guard.infos:
        result.marker = kind_in_ods_meta(guard.read(META))
    guard.verify_rest()
    if b"-spanned" in xml or b"table:visibility" in xml:
        _merges_and_hidden_rows(xml, result)
    look = None if thorough else _quick_look(xml)
    small = look is not None and _small(xml, look)
    if look is not None and small and not look.suspects:
        return result  # the common case: nothing more to do
    replacements: list[tuple[int, int, bytes]] = []
    for start, end, name in _tables(xml):
        if look is not None and not _holds(look.suspects, start, end) \
                and (small or _sheet_small(xml, start, end, look)):
            continue
        values = _walk(xml, start, end)
        rows, columns = _extent(values)
        if rows * columns > MAX_DENSE_CELLS:  # else calamine copes: leave the sheet as it is
            cut, refs, (rows, columns) = _cut(xml, values)
            if refs:
                replacements.extend(cut)
                result.stray_cells[name] = refs
            if rows * columns > MAX_READ_CELLS:  # a repeated row of values, not stray cells
                size = f"{thousands(rows)} baris × {thousands(columns)} kolom"
                raise ReadFailure(Code.GRID_TOO_LARGE, f"sheet {name}: {size}")
        repeated = max((value.rows for value in values), default=1)
        if repeated > MAX_VALUE_ROW_REPEAT:  # a million copies of one row are no rekap
            raise ReadFailure(Code.GRID_TOO_LARGE, f"sheet {name}: satu baris berisi diulang "
                              f"{thousands(repeated)} kali")
        result.grids[name] = (rows, columns)
    if replacements:
        result.data = rezip(guard, {CONTENT: _replace(xml, replacements)})
    return result


def _quick_look(xml: bytes) -> _Look:
    """Every run of rows or cells, in one pass (LibreOffice's fill ending each row aside): a
    long one before a value of its sheet (rows) or of its row (cells), or holding one, is a
    suspect; a short one is noted. The ends and the next value are searched forward only, so
    the whole is linear."""
    look = _Look()
    next_value = table_end = row_end = -1
    for run in _RUN.finditer(xml):
        name_end = run.start() + 1  # where "-repeated" starts
        tag = xml.rfind(b"<", max(0, name_end - _TAG_REACH), name_end)
        if tag < 0:  # a tag this long is no program's: look closer
            look.suspects.append(name_end)
            continue
        if xml.endswith(b"table:number-rows", 0, name_end) and xml.startswith(_ROW, tag):
            of_rows = True
        elif xml.endswith(b"table:number-columns", 0, name_end) \
                and xml.startswith(_CELLS, tag):
            of_rows = False
        else:
            continue  # a column's width or style (table:table-column), or text: no cell moves
        count = _SHORT_COUNT.match(xml, run.end())
        if count is not None:  # a short run: summed into the bound, wherever it stands
            added = int(count.group(1) or count.group(2)) - 1
            if added > 0:
                (look.rows if of_rows else look.columns).append((tag, added))
            continue
        # a long run, or a count written otherwise (spaces, character references)
        if of_rows:
            if table_end < tag:
                table_end = _find(xml, b"</table:table>", tag)
            end = table_end
        else:
            if row_end < tag:
                row_end = _find(xml, _ROW_END, tag)
            end = row_end
        if next_value < tag:
            found = _VALUE.search(xml, tag)
            next_value = found.start() if found else len(xml)
        if next_value < end:
            look.suspects.append(tag)
    return look


def _small(xml: bytes, look: _Look) -> bool:
    """Whether no sheet's grid can pass MAX_DENSE_CELLS, from the whole file: a count of its rows
    and a look every few kilobytes. False may be wrong (each sheet is then bounded closer, by
    :func:`_sheet_small`); True never is, as the walk would read the sheet. Why: calamine's grid
    runs at most from A1 to R × C, R the last row holding a value and C the last column.

    - R: the rows up to R are those of row elements, each counting its rows. A long run of rows
      the quick look let through has no value in it nor after it in its sheet, so the rows up to
      R all come before it; R <= (row elements) + (rows added by short runs) = ``rows``. (A long
      run before a value is a suspect: its sheet is walked whatever this says.)
    - C: a value's column is one past the columns of the cells before it in its row. A long run
      of cells the quick look let through, like the blank fill LibreOffice ends a row with, has
      no value in it nor after it in its row: it adds nothing. So C <= (cells in the row) +
      (cells added by short runs, in the whole file). A cell is written in 19 bytes or more,
      after its row's start tag (17 or more) and before the next row's: in a row of n bytes (to
      the next row's start, or for the last row to its end tag) stand at most (n - 17) / 19.
    - Windows [w, w + width) for w = first + 1, first + 1 + width, ... up to ``end``: were a row
      2 × width bytes long or more, a window would lie wholly after its start and before the
      next row's start (or its end tag), holding no row's start. When each window holds one,
      every row is shorter than 2 × width <= 19 × ``cells`` bytes: it holds under ``cells`` cells.

    Hence R × C <= rows × (cells + added) = rows × (MAX_DENSE_CELLS // rows) <= MAX_DENSE_CELLS.
    """
    first = xml.find(_ROW)
    if first < 0:
        return True  # no row, no grid
    rows = xml.count(_ROW, first) + sum(added for _, added in look.rows)
    cells = MAX_DENSE_CELLS // rows - sum(added for _, added in look.columns)
    width = cells * _CELL_BYTES // 2
    last = xml.rfind(_ROW)
    end = min(len(xml), _find(xml, _ROW_END, last) + len(_ROW_END))
    if width <= 0 or (end - first) // width > rows:
        return False  # more windows than rows, or too many runs: bound each sheet row by row
    windows = range(first + 1, end - width + 1, width)
    reach = width + len(_ROW) - 1  # a start tag wholly in [w, w + reach) starts in the window
    ends = range(windows.start + reach, windows.stop + reach, width)
    return -1 not in map(xml.find, repeat(_ROW), windows, ends)


def _sheet_small(xml: bytes, start: int, end: int, look: _Look) -> bool:
    """Whether the sheet at [start, end) cannot have a grid past MAX_DENSE_CELLS: as
    :func:`_small`, but from its own rows, and each row's own length and short runs."""
    pieces = xml[start:end].split(_ROW)[1:]  # each row, but for its start tag's first 16 bytes
    if not pieces:
        return True
    rows = len(pieces) + sum(added for at, added in look.rows if start <= at < end)
    room = MAX_DENSE_CELLS // rows  # the columns a row may reach
    added: dict[int, int] = {}  # row -> cells its short runs add
    if runs := [(at, more) for at, more in look.columns if start <= at < end]:
        starts = list(accumulate((len(_ROW) + len(piece) for piece in pieces[:-1]),
                                 initial=xml.find(_ROW, start, end)))
        for at, more in runs:
            if (row := bisect.bisect_right(starts, at) - 1) >= 0:
                added[row] = added.get(row, 0) + more
    # a row of n bytes here holds at most (n - 1) // 19 cells: look closer only at longer ones
    longest = (room - max(added.values(), default=0) + 1) * _CELL_BYTES + 1
    for row in {*added, *(row for row, size in enumerate(map(len, pieces)) if size >= longest)}:
        piece, more = pieces[row], added.get(row, 0)
        if (len(piece) - 1) // _CELL_BYTES + more > room \
                and sum(map(piece.count, _CELLS)) + more > room:  # long texts, or many cells
            return False
    return True


def _holds(positions: list[int], start: int, end: int) -> bool:
    """Whether one of the (sorted) positions lies in [start, end)."""
    at = bisect.bisect_left(positions, start)
    return at < len(positions) and positions[at] < end


def _find(xml: bytes, closing: bytes, start: int) -> int:
    at = xml.find(closing, start)
    return at if at >= 0 else len(xml)


def _tables(xml: bytes) -> list[tuple[int, int, str]]:
    """(start, end, sheet name) of every table, as calamine names the sheets."""
    found: list[tuple[int, int, str]] = []
    position = 0
    while (table := _TABLE.search(xml, position)) is not None:
        end = _find(xml, b"</table:table>", table.end())
        name = _NAME.search(table.group(1))
        raw = (name.group(1) if name.group(1) is not None else name.group(2)) if name else b""
        found.append((table.start(), end, html.unescape(raw.decode("utf-8", "replace"))))
        position = end
    return found


def _walk(xml: bytes, start: int, end: int) -> list[_Value]:
    """Every value cell of a table, numbered as calamine numbers them (repeats counted)."""
    values: list[_Value] = []
    next_row, row, rows, column = 1, 0, 1, 1
    for tag in _TAG.finditer(xml, start, end):
        kind, attributes = tag.group(1), tag.group(2)
        if kind == b"table-row":
            row, rows = next_row, _rows_repeated(attributes)
            next_row, column = row + rows, 1
            continue
        found = _COLUMNS_REPEATED.search(attributes)
        columns = max(int(found.group(2)), 1) if found else 1
        if row and row <= LAST_ROW and column <= LAST_COLUMN and _VALUE.search(attributes):
            values.append(_Value(row, rows, column, columns, tag))
        column += columns
    return values


def _merges_and_hidden_rows(xml: bytes, result: OdsInspection) -> None:
    """What calamine does not report for an .ods: merged cells (a cell spanning rows or
    columns; the cells it covers follow as covered cells) and hidden or filtered rows that hold
    a value. Positions are counted as :func:`_walk` counts them."""
    for start, end, name in _tables(xml):
        merges: list[tuple[int, int, int, int]] = []
        hidden = 0
        next_row, row, rows, column = 1, 0, 1, 1
        for tag in _TAG.finditer(xml, start, end):
            kind, attributes = tag.group(1), tag.group(2)
            if kind == b"table-row":
                row, rows = next_row, _rows_repeated(attributes)
                next_row, column = row + rows, 1
                if _HIDDEN.search(attributes):
                    row_end = _find(xml, _ROW_END, tag.end())
                    if _VALUE.search(xml, tag.end(), row_end):
                        hidden += min(rows, LAST_ROW)
                continue
            found = _COLUMNS_REPEATED.search(attributes)
            columns = max(int(found.group(2)), 1) if found else 1
            if kind == b"table-cell" and b"-spanned" in attributes and len(merges) < MAX_MERGES:
                span = {axis: int(count) for axis, count in _SPANNED.findall(attributes)}
                down, across = span.get(b"rows", 1), span.get(b"columns", 1)
                if (down > 1 or across > 1) and row <= LAST_ROW and column <= LAST_COLUMN:
                    merges.append((row - 1, column - 1, min(row + down - 1, LAST_ROW) - 1,
                                   min(column + across - 1, LAST_COLUMN) - 1))
            column += columns
        if merges:
            result.merged[name] = merges
        if hidden:
            result.hidden_rows[name] = hidden


def _rows_repeated(attributes: bytes) -> int:
    """A row's count of rows, as calamine reads it: character references resolved (calamine
    does so for rows, not for cells), else 1 (a count calamine cannot read fails the file)."""
    found = _ROWS_REPEATED.search(attributes)
    if not found:
        return 1
    count = html.unescape((found.group(1) or found.group(2) or b"").decode("utf-8", "replace"))
    return max(int(count), 1) if _COUNT.fullmatch(count) else 1


def _extent(values: list[_Value]) -> tuple[int, int]:
    """(rows, columns) of the grid from A1 to the last value (0, 0 for no value)."""
    if not values:
        return 0, 0
    return max(v.last_row for v in values), max(v.last_column for v in values)


def _row_limit(values: list[_Value]) -> int:
    """The table's last row: the last row holding a value in a real column, unless a gap of
    more than GAP_ROWS empty rows comes first (what follows the gap is stray)."""
    last = 0
    for value in values:  # in row order
        if value.column > MAX_REAL_COLUMNS:
            continue
        if last and value.row - last > GAP_ROWS:
            break
        last = max(last, value.last_row)
    return last


def _cut(xml: bytes, values: list[_Value]
         ) -> tuple[list[tuple[int, int, bytes]], list[str], tuple[int, int]]:
    """Replacements blanking the cells past column ZZ or below the table (a run of cells
    reaching past ZZ keeps its part up to ZZ), the refs of what was blanked, and the grid left.
    A blanked cell keeps its width, so the cells after it keep their columns."""
    limit = _row_limit(values)
    replacements: list[tuple[int, int, bytes]] = []
    refs: list[str] = []
    rows = columns = 0
    for value in values:
        far = value.row > limit or value.column > MAX_REAL_COLUMNS
        if not far and value.last_column <= MAX_REAL_COLUMNS:
            rows, columns = max(rows, value.last_row), max(columns, value.last_column)
            continue
        tag = value.tag
        end = tag.end()
        if not tag.group(2).rstrip().endswith(b"/"):  # the cell's content goes with it
            closing = b"</table:" + tag.group(1) + b">"
            following = _TAG.search(xml, end)  # the content ends before the next cell or row
            at = xml.find(closing, end, following.start() if following else len(xml))
            if at < 0:
                continue  # unclosed: calamine reports the damaged file
            end = at + len(closing)
        if far:
            replacements.append((tag.start(), end, _blank(value.columns)))
            refs.append(_ref(value.row, value.column, value.last_row, value.last_column))
            continue
        kept = MAX_REAL_COLUMNS - value.column + 1  # the run is cut at ZZ
        start_tag = _COLUMNS_REPEATED.sub(rb"\g<1>%d\g<3>" % kept, tag.group(0), count=1)
        replacements.append((tag.start(), end, start_tag + xml[tag.end():end]
                             + _blank(value.columns - kept)))
        refs.append(_ref(value.row, MAX_REAL_COLUMNS + 1, value.last_row, value.last_column))
        rows, columns = max(rows, value.last_row), MAX_REAL_COLUMNS
    return replacements, refs, (rows, columns)


def _blank(columns: int) -> bytes:
    if columns == 1:
        return b"<table:table-cell/>"
    return b'<table:table-cell table:number-columns-repeated="%d"/>' % columns


def _replace(xml: bytes, replacements: list[tuple[int, int, bytes]]) -> bytes:
    pieces: list[bytes] = []
    position = 0
    for start, end, new in sorted(replacements):
        pieces += [xml[position:start], new]
        position = end
    pieces.append(xml[position:])
    return b"".join(pieces)


def _ref(row: int, column: int, last_row: int, last_column: int) -> str:
    """'XFD1048007', or 'AAA5:XFD5' for a run of cells."""
    first = f"{column_letters(column)}{row}"
    if (row, column) == (last_row, last_column):
        return first
    return f"{first}:{column_letters(last_column)}{last_row}"
