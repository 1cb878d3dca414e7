"""Look inside an .ods before python-calamine reads it: cells far outside the table.

OpenDocument writes a run of blank rows or cells as one element (``table:number-rows-repeated``,
``table:number-columns-repeated``), so one value far away — say in XFD1048007, after a million
blank rows and 16 383 blank cells — costs a few bytes. python-calamine builds every sheet's
dense grid when it opens an .ods: it asks for 17 billion cells and refuses the whole workbook
(as "Cannot detect file format"). As for .xlsx (:mod:`.xlsx_inspect`, whose rule this mirrors),
such cells are cut out of a copy of content.xml before calamine sees it, and reported.

An ordinary file costs one scan of its bytes: a far cell sits behind a long run (programs write
blank runs as repeats), so a sheet is walked cell by cell only when a run of 100 or more comes
before a value of its sheet (rows) or of its row (cells). LibreOffice's own blank fill (a long
run of rows under the table, a long run of cells ending each row) holds no value and is never
walked. Should calamine still refuse an .ods, :mod:`.read` has every sheet walked
(``thorough``) and tries once more. content.xml is read through :class:`~.zipguard.ZipGuard`
(caps, real size and CRC, no DTD); the input file is never changed.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from .xlsx_inspect import MAX_DENSE_CELLS, MAX_REAL_COLUMNS, Inspection, rezip
from .zipguard import ZipGuard

__all__ = ["CALAMINE_MAX_CELLS", "OdsInspection", "inspect_ods"]

CONTENT = "content.xml"
# calamine refuses a sheet whose grid would hold more cells than this (its own cap)
CALAMINE_MAX_CELLS = 100_000_000
# calamine, like Excel, does not read past the last row and column (values there are dropped)
LAST_ROW, LAST_COLUMN = 1_048_576, 16_384
GAP_ROWS = 10_000  # as xlsx_inspect: a value after this many empty rows is not the table's
_TAG_REACH = 4096  # how far back a run's tag is looked for (LibreOffice's tags are < 200 bytes)

# A run of 100+ rows or cells (3 digits), except the blank cells LibreOffice ends a row with.
# (It starts at "-repeated": a rare first byte keeps the one pass over the file fast.)
_RUN = re.compile(rb'-repeated=["\']\+?\d{3,}["\'](?!/></table:table-row>)')
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
_ROWS_REPEATED = re.compile(rb'\stable:number-rows-repeated\s*=\s*["\']\+?(\d+)["\']')
_COLUMNS_REPEATED = re.compile(
    rb'(\stable:number-columns-repeated\s*=\s*["\'])\+?(\d+)(["\'])')


@dataclass
class OdsInspection(Inspection):
    # sheet -> (rows, columns) of the grid calamine will build, for each sheet walked
    grids: dict[str, tuple[int, int]] = field(default_factory=dict)


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
    ``thorough``: walk every sheet, not only those the quick look points at (calamine failed)."""
    result = OdsInspection(guard.data)
    if CONTENT not in guard.infos:
        guard.verify_rest()
        return result  # calamine reports the missing part
    xml = guard.read(CONTENT)
    guard.verify_rest()
    suspects = None if thorough else _long_runs_before_values(xml)
    if suspects == []:
        return result  # the common case: nothing more to do
    replacements: list[tuple[int, int, bytes]] = []
    for start, end, name in _tables(xml):
        if suspects is not None and not _holds(suspects, start, end):
            continue
        values = _walk(xml, start, end)
        rows, columns = _extent(values)
        if rows * columns > MAX_DENSE_CELLS:  # else calamine copes: leave the sheet as it is
            cut, refs, (rows, columns) = _cut(xml, values)
            if refs:
                replacements.extend(cut)
                result.stray_cells[name] = refs
        result.grids[name] = (rows, columns)
    if replacements:
        result.data = rezip(guard, {CONTENT: _replace(xml, replacements)})
    return result


def _long_runs_before_values(xml: bytes) -> list[int]:
    """Where a long run of rows comes before a value of its sheet, or a long run of cells
    before a value of its row (or holds one): the tags' positions. One pass in the usual case;
    the ends and the next value are searched forward only, so the whole is linear."""
    suspects: list[int] = []
    next_value = table_end = row_end = -1
    for run in _RUN.finditer(xml):
        tag = xml.rfind(b"<", max(0, run.start() - _TAG_REACH), run.start())
        if tag < 0:  # a tag this long is no program's: look closer
            suspects.append(run.start())
            continue
        if xml.endswith(b"table:number-rows", 0, run.start()) \
                and xml.startswith(b"<table:table-row", tag):
            if table_end < tag:
                table_end = _find(xml, b"</table:table>", tag)
            end = table_end
        elif xml.endswith(b"table:number-columns", 0, run.start()) and xml.startswith(
                (b"<table:table-cell", b"<table:covered-table-cell"), tag):
            if row_end < tag:
                row_end = _find(xml, b"</table:table-row>", tag)
            end = row_end
        else:
            continue  # a column's width or style (table:table-column), or text: no cell moves
        if next_value < tag:
            found = _VALUE.search(xml, tag)
            next_value = found.start() if found else len(xml)
        if next_value < end:
            suspects.append(tag)
    return suspects


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
            row, rows = next_row, _repeats(_ROWS_REPEATED, attributes)
            next_row, column = row + rows, 1
            continue
        columns = _repeats(_COLUMNS_REPEATED, attributes, 2)
        if row and row <= LAST_ROW and column <= LAST_COLUMN and _VALUE.search(attributes):
            values.append(_Value(row, rows, column, columns, tag))
        column += columns
    return values


def _repeats(pattern: re.Pattern[bytes], attributes: bytes, group: int = 1) -> int:
    found = pattern.search(attributes)
    return max(int(found.group(group)), 1) if found else 1


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


def column_letters(column: int) -> str:
    """1 -> 'A', 16384 -> 'XFD'."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _ref(row: int, column: int, last_row: int, last_column: int) -> str:
    """'XFD1048007', or 'AAA5:XFD5' for a run of cells."""
    first = f"{column_letters(column)}{row}"
    if (row, column) == (last_row, last_column):
        return first
    return f"{first}:{column_letters(last_column)}{last_row}"
