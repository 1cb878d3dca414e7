"""Look inside an .xlsx/.xlsm before python-calamine reads it.

Two things calamine cannot tell us, or gets wrong:

- a formula saved without a cached value (a file written by a program, never opened in Excel)
  reads as a blank cell: the operator must open and save the file once;
- one stray value far away (say in XFD1048576) makes calamine allocate the whole dense grid
  (16 384 × 1 048 576 cells) and abort the process — uncatchable. Such cells are cut out of a
  copy of the workbook before calamine sees it, and reported.

Every XML parse goes through defusedxml; the sheet parts are scanned as bytes (linear time).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from defusedxml import ElementTree

# calamine builds rows × columns cells of ~24 bytes: 10 million cells is ~240 MB
MAX_DENSE_CELLS = 10_000_000
MAX_REAL_COLUMNS = 702  # column ZZ: no rekap is wider; anything further out is stray

# What a damaged zip can raise while it is opened or a member inflated (zlib.error for a
# corrupt deflate stream, NotImplementedError for an unknown compression method, ...).
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
    NotImplementedError, RuntimeError, OverflowError,
)

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")
_WIDE_COLUMN = re.compile(rb'<c r="[A-Z]{3}')
_HIGH_ROW = re.compile(rb'<row r="(\d+)"')
_CELL_POSITION = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"')
_CELL_ELEMENT = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
# One pass for all that the checks below look for: a formula, a column past Z, a row past
# 999 999. A plain sheet has none, and then needs no other scan of its (large) XML.
_ANYTHING_TO_CHECK = re.compile(rb'<(?:f[\s>/]|c r="[A-Z]{2}|row r="\d{7})')


@dataclass
class Inspection:
    """What was found, and the bytes calamine should read (a trimmed copy if needed)."""

    data: bytes
    uncached_formulas: dict[str, list[str]] = field(default_factory=dict)
    stray_cells: dict[str, list[str]] = field(default_factory=dict)


def column_index(letters: bytes) -> int:
    """b'A' -> 1, b'XFD' -> 16384."""
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index


def inspect_xlsx(data: bytes) -> Inspection:
    """Scan every worksheet part; never raises (a broken zip is calamine's to report)."""
    result = Inspection(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = sheet_parts(archive)
    except (*ZIP_ERRORS, ElementTree.ParseError):
        return result
    replacements: dict[str, bytes] = {}
    for name, part in parts.items():
        try:
            xml = archive.read(part)
        except ZIP_ERRORS:
            continue
        if not _ANYTHING_TO_CHECK.search(xml):
            # no formula; columns A-Z and rows in order: only the last row can be too far
            if _last_row(xml) * 26 > MAX_DENSE_CELLS:
                _trim(xml, part, name, result, replacements)
            continue
        formulas = _uncached_formulas(xml)
        if formulas:
            result.uncached_formulas[name] = formulas
        if _too_big(xml):
            _trim(xml, part, name, result, replacements)
    if replacements:
        result.data = _rezip(archive, replacements)
    return result


def _trim(
    xml: bytes, part: str, name: str, result: Inspection, replacements: dict[str, bytes]
) -> None:
    trimmed, dropped = _drop_stray_cells(xml)
    if dropped:
        replacements[part] = trimmed
        result.stray_cells[name] = dropped


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part inside the xlsx zip (defusedxml: no entity tricks)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        # targets are relative to xl/, or absolute inside the package
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = os.path.normpath(part).replace(os.sep, "/")
    return parts


def _uncached_formulas(xml: bytes) -> list[str]:
    """Refs of formula cells without a value: from each formula, back to its cell and on."""
    refs: list[str] = []
    if b"<f" not in xml:
        return refs
    for match in _FORMULA.finditer(xml):
        start = xml.rfind(b"<c ", 0, match.start())
        end = xml.find(b"</c>", match.end())
        if start < 0 or end < 0:
            continue
        cell = xml[start:end]
        if not _HAS_VALUE.search(cell):
            ref = _CELL_REF.search(cell, 0, cell.find(b">"))
            if ref:
                refs.append(ref.group(1).decode("ascii"))
    return refs


def _last_row(xml: bytes) -> int:
    """The number of the last <row> element (0 if none)."""
    tail = xml.rfind(b'<row r="')
    if tail < 0:
        return 0
    match = _HIGH_ROW.match(xml, tail)
    return int(match.group(1)) if match else 0


def _too_big(xml: bytes) -> bool:
    """Whether calamine's dense grid for this sheet would be unreasonably large (cheap check)."""
    last_row = _last_row(xml)
    if re.search(rb'<row r="\d{7}', xml):  # a row past 999 999, wherever it is
        last_row = max(last_row, 1_000_000)
    # an upper bound on the width from the length of the column letters (A-Z, AA-ZZ, AAA-)
    columns = 26
    if _WIDE_COLUMN.search(xml):  # a column past ZZ: find how far
        columns = max(column_index(m) for m in re.findall(rb'<c r="([A-Z]{3})', xml))
    elif re.search(rb'<c r="[A-Z]{2}\d', xml):
        columns = 26 * 27
    return last_row * columns > MAX_DENSE_CELLS


def _drop_stray_cells(xml: bytes) -> tuple[bytes, list[str]]:
    """Cut cells beyond column ZZ, and cells far below the data (after a gap of 10 000+ empty
    rows), so the grid calamine builds is the real table."""
    positions = [(int(row), column_index(col)) for col, row in _CELL_POSITION.findall(xml)]
    if not positions or max(r for r, _ in positions) * max(c for _, c in positions) \
            <= MAX_DENSE_CELLS:
        return xml, []  # the quick estimate was too careful: the real extent is fine
    rows = sorted({row for row, col in positions if col <= MAX_REAL_COLUMNS})
    row_limit = rows[-1] if rows else 0
    for previous, current in itertools.pairwise(rows):
        if current - previous > 10_000:
            row_limit = previous
            break
    dropped: list[str] = []

    def keep(match: re.Match[bytes]) -> bytes:
        col, row = column_index(match.group(1)), int(match.group(2))
        if col > MAX_REAL_COLUMNS or row > row_limit:
            dropped.append((match.group(1) + match.group(2)).decode("ascii"))
            return b""
        return match.group(0)

    trimmed = _CELL_ELEMENT.sub(keep, xml)
    trimmed = _DIMENSION.sub(b"", trimmed, count=1)
    return trimmed, dropped


def _rezip(archive: zipfile.ZipFile, replacements: dict[str, bytes]) -> bytes:
    """A copy of the workbook with some parts replaced (in memory; the input is untouched)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in archive.infolist():
            copy.writestr(item, replacements.get(item.filename, archive.read(item.filename)))
    return buffer.getvalue()
