"""Small openpyxl helpers shared by every workbook iku writes."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from ..vocab import clean_text

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
_RESERVED_SHEET_NAMES = frozenset({"history"})  # Excel reserves it


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell; a string is always stored as text.

    openpyxl stores any string starting with "=" as a formula; text from an input file or the
    operator (a unit name, an activity) must never run as one.
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


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
