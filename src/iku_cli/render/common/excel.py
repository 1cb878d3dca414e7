"""Small openpyxl helpers shared by every workbook iku writes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.marker import PROPERTY, VERSION_PROPERTY, Kind
from iku_cli.text import clean_text, shown
from iku_cli.version import __version__

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
_RESERVED_SHEET_NAMES = frozenset({"history"})  # Excel reserves it
# XML 1.0 cannot hold these; openpyxl refuses them, so one stray control character in an
# input cell would otherwise stop the whole workbook from being written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_CELL_TEXT = 32_767  # Excel's limit per cell

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT_NAME = "Calibri"  # named: a font without a name prints in a serif face in LibreOffice
BOLD = Font(name=FONT_NAME, bold=True)
LINE_HEIGHT = 15.0  # points per line of 11 pt Calibri
PERCENT_FORMAT = "0.00"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"


def new_workbook(kind: Kind) -> Workbook:
    """A workbook marked as what iku wrote it for (:mod:`..marker`): iku never reads its own
    outputs back as input, whatever the file is called."""
    workbook = Workbook()
    workbook.custom_doc_props.append(StringProperty(name=PROPERTY, value=str(kind)))
    workbook.custom_doc_props.append(StringProperty(name=VERSION_PROPERTY, value=__version__))
    workbook.properties.creator = "iku"
    return workbook


def list_formula(items: Sequence[str]) -> str:
    """A dropdown's list written inline: items comma-separated in one quoted string (Excel
    allows 255 characters at most)."""
    text = ",".join(items)
    if any("," in item or '"' in item for item in items) or len(text) > 255:
        raise ValueError(f"daftar pilihan tidak bisa ditulis sebagai validasi: {text}")
    return f'"{text}"'


def xlsx_text(value: str) -> str:
    """Text as a cell can hold it: characters XML forbids dropped, a byte that was not UTF-8
    (a file name from another system) written as its escape, cut at Excel's limit."""
    if not value.isprintable():
        value = _NOT_XML.sub("", value)
        if _SURROGATE.search(value):
            value = shown(value)
    return value[:MAX_CELL_TEXT]


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell; a string is always stored as text.

    openpyxl stores any string starting with "=" as a formula; text from an input file or the
    operator (a unit name, an activity) must never run as one.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def write_row(
    ws: Worksheet, row: int, values: Sequence[Any], *, bold: bool = False,
    fill: PatternFill | None = None, border: bool = True,
) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(ws, row, column, value)
        if bold:
            cell.font = BOLD
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = BORDER


def set_widths(ws: Worksheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def text_width(value: Any) -> int:
    """Characters a value takes on screen, as its cell shows it."""
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    if hasattr(value, "hour"):
        return 19  # dd/mm/yyyy hh:mm:ss
    if hasattr(value, "strftime"):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_widths(
    ws: Worksheet, first_row: int, *, minimum: float = 6, maximum: float = 60,
    last_row: int | None = None,
) -> None:
    """Column widths that fit the cells from ``first_row`` on (a title block above the table
    may overflow into the next columns, so it does not widen them)."""
    widest: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row, max_row=last_row):
        for cell in row:
            if cell.value is not None and cell.data_type != "f":  # a formula's text is not shown
                widest[cell.column] = max(widest.get(cell.column, 0), text_width(cell.value))
    for column, width in widest.items():
        ws.column_dimensions[get_column_letter(column)].width = max(
            minimum, min(maximum, width * 1.1 + 2)
        )


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (a slight
    overestimate: word wrapping leaves the ends of lines short)."""
    per_line = max(1, int(width) - 2)
    if "\n" not in text:
        return -(-len(text) // per_line) or 1
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def fit_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Row heights for rows with wrapped text: LibreOffice does not compute them when it opens
    the file (Excel would), so a wrapped cell would print over the row below."""
    widths = {letter: dim.width for letter, dim in ws.column_dimensions.items() if dim.width}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.alignment.wrap_text and isinstance(cell.value, str):
                width = widths.get(cell.column_letter, 8.43)
                lines = max(lines, wrapped_lines(cell.value, width))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT


def print_setup(ws: Worksheet, *, landscape: bool = True, title_rows: str | None = None,
                footer: str = "", centered: bool = False) -> None:
    """How every sheet iku writes prints: A4, every column on one page width (as many pages
    tall as the rows need), the header rows on every page, page numbers and the sheet's name
    in the footer."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_options.horizontalCentered = centered
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    ws.page_margins.left = ws.page_margins.right = 0.5  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if footer:
        ws.oddFooter.left.text = footer.replace("&", "&&")
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.right.text = "&A"


def sheet_name(wanted: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A valid, unused Excel sheet name for ``wanted``: forbidden characters dropped, at most 31
    characters, and a " (2)" style suffix when the name (case-blind) is already in ``taken``."""
    base = " ".join(_SHEET_FORBIDDEN.sub(" ", clean_text(wanted)).split())
    # Excel also rejects a name that starts or ends with an apostrophe.
    base = base.strip("'").strip() or "Unit"
    if base.casefold() in _RESERVED_SHEET_NAMES:
        base = f"{base} unit"
    candidate = base[:_SHEET_MAX].rstrip(" '")
    number = 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate = base[: _SHEET_MAX - len(suffix)].rstrip(" '") + suffix
        number += 1
    return candidate


MAX_ROWS = 10_000  # far more than a section's year; keeps the file and the write small
