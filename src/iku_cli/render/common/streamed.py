"""Big plain tables (Rincian, Tidak Dihitung, Masalah: up to 100 000 rows) written fast.

openpyxl needs ~20 µs per cell even in write-only mode (its XML writer builds an element per
cell): 100 000 activities × 11 columns took ~22 s, ten times longer than reading them. So
openpyxl writes the workbook with only the header row of such a sheet — styles, widths, frozen
header, autofilter and print setup are all its own — and the rows are then streamed straight
into that sheet's XML part: inline strings (never a formula, whatever the text starts with),
numbers, and dates as serials with the date style openpyxl registered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.render.common.excel import (
    BOLD,
    BORDER,
    DATE_FORMAT,
    HEADER_FILL,
    LINE_HEIGHT,
    MAX_CELL_TEXT,
    fit_heights,
    print_setup,
    put,
    text_width,
    wrapped_lines,
)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ROWS_PER_WRITE = 2_000
# deflate level of the saved workbook: the 90 MB of sheet XML of 100 000 activities pack in
# 0.46 s to 7.6 MB at 3, in 0.92 s to 7.0 MB at 5, in 0.40 s to 8.4 MB at 1
_PACKING = 3
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class Column:
    """One column: its header, its values (one per row), how they show, how wide it may get."""

    header: str
    values: Sequence[Any]
    kind: str = "text"  # text | number | date | wrap (long text, wrapped in the cell)
    maximum: float = 50


@dataclass(frozen=True)
class StreamedTable:
    title: str
    columns: Sequence[Column]

    @property
    def row_count(self) -> int:
        return len(self.columns[0].values) if self.columns else 0


@dataclass(frozen=True)
class Prepared:
    """A sheet ready for its rows: the style id and width of each column."""

    table: StreamedTable
    styles: list[int]
    widths: list[float]


def prepare_sheet(ws: Worksheet, table: StreamedTable, footer: str) -> Prepared:
    """Header, widths, frozen header, autofilter and print setup; the rows themselves are
    streamed in by :func:`save`."""
    for index, column in enumerate(table.columns, start=1):
        cell = put(ws, 1, index, column.header)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(table.columns, start=1):
        # the header wraps at its spaces, so only its longest word must fit
        widest = max([_widest(column.values)] + [len(word) for word in column.header.split()])
        ws.column_dimensions[get_column_letter(index)].width = max(
            6, min(column.maximum, widest * 1.1 + 2)
        )
    fit_heights(ws, 1)
    last = get_column_letter(max(len(table.columns), 1))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{table.row_count + 1}"
    print_setup(ws, title_rows="1:1", footer=footer)
    ws.print_options.gridLines = True  # the data cells have no borders (one style per column)
    widths = [ws.column_dimensions[get_column_letter(i)].width
              for i in range(1, len(table.columns) + 1)]
    return Prepared(table, _data_styles(ws, table), widths)


def _widest(values: Sequence[Any]) -> int:
    """The widest of the sampled values (:func:`_sample`), each distinct text measured once."""
    sample = list(_sample(values))
    texts = {value for value in sample if value.__class__ is str}
    others = [value for value in sample if value.__class__ is not str]
    return max(map(text_width, chain(texts, others)), default=0)


def _sample(values: Sequence[Any]) -> Iterator[Any]:
    """Every value of a short column; for a long one, every string's length is still checked
    (fast), other values only in the first rows (their width hardly varies)."""
    if len(values) <= 5_000:
        yield from values
        return
    yield from values[:5_000]
    strings = values if set(map(type, values)) == {str} else [
        v for v in values if isinstance(v, str)]
    if strings:
        yield max(strings, key=len)


def _data_styles(ws: Worksheet, table: StreamedTable) -> list[int]:
    """Register each column's cell style with openpyxl (a throw-away row 2) and read its id."""
    ids = []
    for index, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=2, column=index)
        cell.alignment = _WRAP if column.kind == "wrap" else _TOP
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        ids.append(cell.style_id)
    ws.delete_rows(2)
    return ids


def save(workbook: Workbook, tables: dict[str, Prepared], target: Path) -> None:
    """Save ``workbook`` to ``target`` with each prepared sheet's rows streamed in
    (``tables``: sheet title -> what :func:`prepare_sheet` returned)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    parts = {workbook[title].path.lstrip("/"): entry for title, entry in tables.items()}
    with zipfile.ZipFile(buffer) as source:
        out = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=_PACKING)
        try:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename in parts:
                    _write_sheet(out, info.filename, data, parts[info.filename])
                else:
                    out.writestr(info.filename, data)
        except BaseException:
            # interrupted (Ctrl+C) or failed mid-part: the zip may hold an open writing
            # handle, and closing it would raise a ValueError over the real cause; the file
            # is a temporary one that the caller removes
            out._writing = False  # type: ignore[attr-defined]  # no other way to abandon it
            with contextlib.suppress(Exception):
                out.close()
            raise
        out.close()


def _write_sheet(out: zipfile.ZipFile, name: str, xml: bytes, prepared: Prepared) -> None:
    head, end, tail = xml.rpartition(b"</sheetData>")
    if not end:
        raise ValueError(f"{name}: sheetData tidak ditemukan")
    table = prepared.table
    last = f"{get_column_letter(max(len(table.columns), 1))}{table.row_count + 1}"
    head = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), head, count=1)
    with out.open(name, "w", force_zip64=table.row_count > 1_000_000) as sink:
        sink.write(head)
        for chunk in _row_chunks(prepared):
            sink.write(chunk)
        sink.write(end + tail)


def _row_chunks(prepared: Prepared) -> Iterator[bytes]:
    """The rows' XML, ``_ROWS_PER_WRITE`` rows at a time, built column by column: a column of
    plain texts (or of whole numbers) gets its cells from one comprehension, not a call per
    cell (``_cells``); any other column cell by cell (``_cell_writer``)."""
    table = prepared.table
    columns = table.columns
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    attributes = [_style_attribute(style) for style in prepared.styles]
    writers = [_cell_writer(letter, style) for letter, style in zip(letters, prepared.styles,
                                                                     strict=True)]
    # wrapped columns decide the row height (LibreOffice does not compute it on opening)
    wrapped = [(i, prepared.widths[i], max(1, int(prepared.widths[i]) - 2))
               for i, column in enumerate(columns) if column.kind == "wrap"]
    count = table.row_count
    if any(len(column.values) != count for column in columns):
        raise ValueError("columns of different lengths")  # (as zip(strict=True) said)
    for start in range(0, count, _ROWS_PER_WRITE):
        stop = min(count, start + _ROWS_PER_WRITE)
        numbers = range(start + 2, stop + 2)
        chunk = [list(column.values[start:stop]) for column in columns]
        cells = [_cells(writers[i], letters[i], attributes[i], values, numbers)
                 for i, values in enumerate(chunk)]
        heights = [1] * len(numbers)
        for i, width, per_line in wrapped:
            lines = _wrapped_lines(chunk[i], width, per_line)
            if lines:
                heights = list(map(max, heights, map(lines.get, chunk[i], repeat(1))))
        starts = [f'<row r="{number}" ht="{height * LINE_HEIGHT:g}">' if height > 1
                  else f'<row r="{number}">'
                  for number, height in zip(numbers, heights, strict=True)]
        rows = zip(starts, *cells, repeat("</row>"))
        yield "".join(chain.from_iterable(rows)).encode("utf-8", "replace")


def _wrapped_lines(values: list[Any], width: float, per_line: int) -> dict[Any, int]:
    """The lines each text of a wrapped column takes, for the texts that may take more than
    one (most fit on one line: only those are measured), each distinct text once."""
    return {value: wrapped_lines(value, width) for value in set(values)
            if isinstance(value, str) and (len(value) > per_line or "\n" in value)}


def _cells(write: Callable[[Any, int], str], letter: str, s: str, values: list[Any],
           numbers: range) -> list[str]:
    """The cells of one column for the rows ``numbers`` ('' for a blank one), as ``write``
    gives them one by one (``s``: the column's style attribute). Texts that :func:`escape`
    leaves as they are (asked of the column at once), whole numbers and dates (each distinct
    one's serial found once) go through one comprehension each."""
    kinds = set(map(type, values))
    if kinds == {str} or kinds == {str, type(None)}:
        if _escaped_as_they_are([value for value in values if value]):
            head, tail = f'"{s} t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>"
            return [f'<c r="{letter}{number}{head}{value}{tail}' if value else ""
                    for number, value in zip(numbers, values, strict=True)]
    elif kinds == {int}:
        return [f'<c r="{letter}{number}"{s}><v>{value}</v></c>'
                for number, value in zip(numbers, values, strict=True)]
    elif kinds == {dt.date} or kinds == {dt.date, type(None)}:  # (not datetimes: exact type)
        serials = {value: excel_serial(value) for value in set(values) if value is not None}
        return [f'<c r="{letter}{number}"{s}><v>{serials[value]}</v></c>'
                if value is not None else "" for number, value in zip(numbers, values, strict=True)]
    return [write(value, number) if value is not None and value != "" else ""
            for number, value in zip(numbers, values, strict=True)]


def _style_attribute(style: int) -> str:
    return f' s="{style}"' if style else ""


def _cell_writer(letter: str, style: int) -> Callable[[Any, int], str]:
    """The XML of one cell of this column, by the value's type."""
    s = _style_attribute(style)

    def write(value: Any, row: int) -> str:
        if isinstance(value, str):
            return (f'<c r="{letter}{row}"{s} t="inlineStr"><is><t xml:space="preserve">'
                    f"{escape(value)}</t></is></c>")
        if isinstance(value, bool):
            return f'<c r="{letter}{row}"{s} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int):
            return f'<c r="{letter}{row}"{s}><v>{value}</v></c>'
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return ""
            return f'<c r="{letter}{row}"{s}><v>{value!r}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{letter}{row}"{s}><v>{excel_serial(value)}</v></c>'
        return write(str(value), row)

    return write


def escape(text: str) -> str:
    """Text for an XML text node: forbidden characters dropped, markup escaped."""
    if not text.isprintable():
        text = _NOT_XML.sub("", text)
    text = text[:MAX_CELL_TEXT]
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escaped_as_they_are(texts: list[str]) -> bool:
    """Whether :func:`escape` gives back every one of ``texts`` unchanged — printable, no
    ``&<>``, none past a cell's limit — asked of them all at once (each test is one per
    character, so it holds for the joined texts as for each)."""
    joined = "".join(texts)
    return (joined.isprintable() and "&" not in joined and "<" not in joined
            and ">" not in joined and max(map(len, texts), default=0) <= MAX_CELL_TEXT)


def excel_serial(value: dt.date) -> float | int:
    """Days since 1899-12-30 (Excel's 1900 system, correct from March 1900 on)."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - dt.datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86_400
    return (value - _EXCEL_EPOCH).days
