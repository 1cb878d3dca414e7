"""The copy python-calamine reads, with each sheet's merged ranges first (inputs/xlsx_merges):
calamine must read from it exactly what it reads from the input — every cell, every merged
range — whatever the sheet looks like; and the copy must be taken for the usual workbook."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine as calamine
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIRST_SHEET as SHEET
from conftest import SheetSpec, with_sheet_xml, workbook_bytes
from iku_cli.inputs.xlsx_inspect import inspect_xlsx
from iku_cli.inputs.xlsx_merges import merges_first
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.limits import DEFAULT_LIMITS


def read_all(data: bytes) -> list[tuple[str, list[list[Any]], Any]]:
    """What python-calamine reads: each sheet's cells and merged ranges."""
    with calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        sheets = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            sheets.append((name, sheet.to_python(skip_empty_area=False),
                           sheet.merged_cell_ranges))
        return sheets


def copy_of(data: bytes) -> bytes:
    return inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS).data


_CELL = st.one_of(st.none(), st.text(st.characters(min_codepoint=32, exclude_categories=("Cs",)),
                                      max_size=8), st.integers(-5, 10**6),
                  st.floats(allow_nan=False, allow_infinity=False), st.booleans())


@st.composite
def sheets_with_merges(draw: st.DrawFn) -> list[SheetSpec]:
    sheets = []
    for number in range(draw(st.integers(1, 3))):
        rows = draw(st.lists(st.lists(_CELL, min_size=1, max_size=6), max_size=12))
        merges: list[str] = []
        taken: set[tuple[int, int]] = set()
        for _ in range(draw(st.integers(0, 4))):
            top, left = draw(st.integers(1, 14)), draw(st.integers(1, 7))
            bottom, right = top + draw(st.integers(0, 3)), left + draw(st.integers(0, 2))
            cells = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
            if len(cells) > 1 and not cells & taken:  # openpyxl refuses overlapping merges
                taken |= cells
                merges.append(f"{openpyxl.utils.get_column_letter(left)}{top}:"
                              f"{openpyxl.utils.get_column_letter(right)}{bottom}")
        sheets.append(SheetSpec(f"S{number}", rows, merges))
    return sheets


@settings(max_examples=60, deadline=None)
@given(sheets_with_merges())
def test_the_copy_reads_as_the_workbook_does(sheets: list[SheetSpec]) -> None:
    data = workbook_bytes(sheets)
    copy = copy_of(data)
    assert zipfile.ZipFile(io.BytesIO(copy)).testzip() is None  # every CRC right
    assert read_all(copy) == read_all(data)


def test_the_usual_workbook_is_read_from_the_copy() -> None:
    """The fast path is not silently lost: the copy is taken, each sheet starting with its
    merged ranges, and no larger than the input but for those few bytes."""
    data = workbook_bytes([SheetSpec("Kesos", [["REKAP"], ["No", "Kegiatan"], [1, "Rapat"]],
                                     ["A1:B1"]),
                           SheetSpec("Umpeg", [["No", "Kegiatan"], [1, "Rapat"]])])
    copy = copy_of(data)
    assert copy is not data and len(copy) < len(data) + 200
    parts = zipfile.ZipFile(io.BytesIO(copy))
    assert parts.read(SHEET).startswith(b'<mergeCells count="1"><mergeCell ref="A1:B1"/>')
    assert parts.read("xl/worksheets/sheet2.xml").startswith(b"<mergeCells></mergeCells>")
    assert read_all(copy) == read_all(data)


_ROWS = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>REKAP</t></is></c></row>'
         b'<row r="2"><c r="A2" t="n"><v>1</v></c><c r="B2" t="n"><v>2</v></c></row></sheetData>')
_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_MERGES = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
SHEET_FORMS = {  # name -> (sheet XML, whether the merges may go first)
    "usual": (b'<?xml version="1.0"?>' + _OPEN + _ROWS + _MERGES + b"</worksheet>", True),
    "no merges": (_OPEN + _ROWS + b"</worksheet>", True),
    "merges before the cells": (_OPEN + _MERGES + _ROWS + b"</worksheet>", True),
    "two merge elements": (_OPEN + _ROWS + _MERGES
                           + _MERGES.replace(b"A1:B1", b"A2:B2") + b"</worksheet>", True),
    "byte order mark": (b"\xef\xbb\xbf" + _OPEN + _ROWS + _MERGES + b"</worksheet>", False),
    "comment hiding one": (_OPEN + b"<!-- " + _MERGES + b" -->" + _ROWS
                           + _MERGES.replace(b"A1:B1", b"A2:B2") + b"</worksheet>", False),
    "cdata": (_OPEN + _ROWS.replace(b"<t>REKAP</t>", b"<t><![CDATA[<mergeCells>]]></t>")
              + _MERGES + b"</worksheet>", False),
    "processing instruction": (_OPEN + b"<?x <mergeCells>?>" + _ROWS + _MERGES
                               + b"</worksheet>", False),
    "prefixed": (_OPEN.replace(b"<worksheet", b"<x:worksheet xmlns:x='urn:x'") + _ROWS
                 + _MERGES.replace(b"<m", b"<x:m").replace(b"</m", b"</x:m")
                 + b"</worksheet>", False),
    "self-closing first": (_OPEN + _ROWS + b'<mergeCells count="0"/>' + _MERGES
                           + b"</worksheet>", False),
    "no end": (_OPEN + _ROWS + b'<mergeCells count="1"><mergeCell ref="A1:B1"/>', False),
}


def test_each_sheet_form_reads_the_same_from_the_copy(tmp_path: Path) -> None:
    """A form the byte searches cannot vouch for is left as it is; every form reads the same
    cells and merged ranges from the copy as from the input (or fails alike)."""
    base = workbook_bytes([SheetSpec("S", [["x"]])])
    for name, (xml, goes_first) in SHEET_FORMS.items():
        assert (merges_first(xml) is not None) == goes_first, name
        data = with_sheet_xml(base, xml)
        try:
            expected: Any = read_all(data)
        except calamine.CalamineError as error:
            expected = type(error)
        try:
            got: Any = read_all(copy_of(data))
        except calamine.CalamineError as error:
            got = type(error)
        assert got == expected, name
