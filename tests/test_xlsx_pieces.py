"""A big sheet read in row pieces side by side (inputs/xlsx_pieces): the joined grid and the
merged ranges must be exactly what one whole read of the sheet gives, whatever the sheet holds
and wherever the cuts fall; a sheet the cuts could change is read whole; and the inspection
does cut the usual big sheet (the fast path is not silently lost)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterator
from typing import Any
from unittest import mock

import openpyxl
import pytest
import python_calamine as calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIRST_SHEET as SHEET
from conftest import SheetSpec, forced_pieces, with_sheet_xml, workbook_bytes
from iku_cli.inputs import memory_file, xlsx_inspect, xlsx_pieces
from iku_cli.inputs.read import FileInfo, iter_sheets
from iku_cli.inputs.xlsx_extent import quick_bound
from iku_cli.inputs.xlsx_inspect import inspect_xlsx
from iku_cli.inputs.xlsx_merges import merges_first
from iku_cli.inputs.xlsx_pieces import Pieces, cut, read_pieces
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.limits import DEFAULT_LIMITS
from iku_cli.problems import ReadFailure


def whole(data: bytes, index: int = 0) -> tuple[list[list[Any]], Any]:
    with calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        sheet = workbook.get_sheet_by_index(index)
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges


def pieces_of(data: bytes, count: int, part: str = SHEET) -> Pieces | None:
    guard = ZipGuard(data, DEFAULT_LIMITS)
    xml = guard.read(part)
    merges = merges_first(xml)
    spans = cut(xml, count)
    if merges is None or spans is None:
        return None
    return Pieces(guard, part, xml, merges, spans)


_CELL = st.one_of(
    st.none(), st.none(), st.text(st.characters(min_codepoint=32, exclude_categories=("Cs",)),
                                  max_size=6),
    st.integers(-5, 10**6), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 12, 31)))


@st.composite
def sheets(draw: st.DrawFn) -> SheetSpec:
    """A sheet of ragged rows (the widest anywhere), blank runs, an offset start, merges."""
    rows = draw(st.lists(st.one_of(st.just([]), st.lists(_CELL, max_size=7)), max_size=30))
    merges: list[str] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 3))):
        top, left = draw(st.integers(1, 30)), draw(st.integers(1, 7))
        bottom, right = top + draw(st.integers(0, 2)), left + draw(st.integers(0, 2))
        cells = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        if len(cells) > 1 and not cells & taken:
            taken |= cells
            merges.append(f"{openpyxl.utils.get_column_letter(left)}{top}:"
                          f"{openpyxl.utils.get_column_letter(right)}{bottom}")
    return SheetSpec("S", rows, merges, start_row=draw(st.integers(1, 4)),
                     start_col=draw(st.integers(1, 3)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.integers(2, 6))
def test_pieces_read_as_the_whole_sheet(spec: SheetSpec, count: int) -> None:
    _assert_read_as_whole(spec, count)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets(), st.integers(2, 4))
def test_pieces_read_from_files_in_memory_as_the_whole_sheet(spec: SheetSpec, count: int
                                                             ) -> None:
    """A big sheet's copies are opened from files in memory where the system has them
    (inputs/memory_file): here every copy is, however small."""
    with mock.patch.object(memory_file, "MIN_BYTES", 0):
        _assert_read_as_whole(spec, count)


def _assert_read_as_whole(spec: SheetSpec, count: int) -> None:
    data = workbook_bytes([spec])
    expected = whole(data)
    pieces = pieces_of(data, count)
    assert pieces is not None
    assert read_pieces(calamine, pieces, 0) == expected


def test_the_cuts_fall_on_row_tags_and_cover_the_rows() -> None:
    data = workbook_bytes([SheetSpec("S", [[f"r{i}", i] for i in range(200)])])
    xml = ZipGuard(data, DEFAULT_LIMITS).read(SHEET)
    spans = cut(xml, 4)
    assert spans is not None and len(spans) == 4
    assert all(xml.startswith(b'<row r="', start) for start, _ in spans[1:])
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(spans))
    assert xml.startswith(b"</sheetData>", spans[-1][1])
    pieces = pieces_of(data, 4)
    assert pieces is not None
    assert read_pieces(calamine, pieces, 0) == whole(data)


def test_more_pieces_than_rows() -> None:
    data = workbook_bytes([SheetSpec("S", [["a"], ["b"]])])
    spans = cut(ZipGuard(data, DEFAULT_LIMITS).read(SHEET), 8)
    assert spans is not None and len(spans) <= 2
    pieces = pieces_of(data, 8)
    assert pieces is not None
    assert read_pieces(calamine, pieces, 0) == whole(data)


_OPEN = (b'<?xml version="1.0"?><worksheet '
         b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _cell(ref: str, value: int) -> bytes:
    return b'<c r="%s"><v>%d</v></c>' % (ref.encode(), value)


def test_a_cell_placed_above_its_row_element_is_read_whole() -> None:
    """A cell whose reference points above the rows of the piece before it: the join cannot
    place it as calamine does, so the sheet is read whole (read_pieces says None)."""
    rows = b"".join(b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r)) for r in range(1, 41))
    rows += b'<row r="41">' + _cell("B2", 99) + b"</row>"  # B2 from the last row element
    xml = _OPEN + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    pieces = pieces_of(data, 2)
    assert pieces is not None
    spans = pieces.spans
    assert xml.find(b"B2") > spans[1][0]  # the odd cell is in the second piece
    assert read_pieces(calamine, pieces, 0) is None


def test_a_piece_calamine_refuses_is_read_whole() -> None:
    rows = b"".join(b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r)) for r in range(1, 41))
    rows += b'<row r="41"><c r="A41" t="n"><v>not a number</v></c></row>'
    xml = _OPEN + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    pieces = pieces_of(data, 2)
    assert pieces is not None
    try:
        whole(data)
    except calamine.CalamineError:
        assert read_pieces(calamine, pieces, 0) is None
    else:  # calamine reads it: then the pieces read it alike
        assert read_pieces(calamine, pieces, 0) == whole(data)


def _usual(rows: int = 60) -> bytes:
    return workbook_bytes([
        SheetSpec("Kesos", [["REKAP"], ["No", "Kegiatan", "Tanggal"],
                            *[[i, f"Rapat {i}", dt.date(2026, 1 + i % 12, 1)]
                              for i in range(rows)]], ["A1:C1"]),
        SheetSpec("Umpeg", [["No", "Kegiatan"], [1, "Rapat"]])])


def test_the_usual_big_sheet_is_cut_by_the_inspection() -> None:
    data = _usual()
    with forced_pieces(cores=3):
        inspection = inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS)
    assert len(inspection.pieces["Kesos"].spans) == 3
    with forced_pieces(cores=3, piece_bytes=10**9):  # too small to cut
        assert not inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS).pieces
    with forced_pieces(cores=1):  # one core (or IKU_PROSES=1): never cut
        assert not inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS).pieces


def test_sheets_read_in_pieces_are_the_sheets_read_whole() -> None:
    data = _usual()
    info = FileInfo(len(data), "", 0.0, "xlsx")
    expected = list(iter_sheets(data, info))
    with forced_pieces(cores=4) as spy:
        got = list(iter_sheets(data, info))
    assert 0 in [call.args[2] for call in spy.call_args_list]  # Kesos, the first sheet
    assert got == expected


def test_merged_ranges_calamine_refuses_are_read_whole_and_refused_alike() -> None:
    """Piece one's merged ranges fail to read: the pieces give way to the whole read, which
    fails as it always did (a galat naming the sheet, never a traceback)."""
    rows = b"".join(b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r)) for r in range(1, 41))
    bad = b'<mergeCells count="1"><mergeCell ref="ZZZZZZ1:A"/></mergeCells>'
    xml = _OPEN + b"<sheetData>" + rows + b"</sheetData>" + bad + b"</worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    pieces = pieces_of(data, 2)
    assert pieces is not None and read_pieces(calamine, pieces, 0) is None
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with pytest.raises(ReadFailure) as whole_read:
        list(iter_sheets(data, info))
    with forced_pieces(cores=2) as spy, pytest.raises(ReadFailure) as read_in_pieces:
        list(iter_sheets(data, info))
    assert spy.called
    assert (read_in_pieces.value.code, read_in_pieces.value.detail) == (
        whole_read.value.code, whole_read.value.detail)


def test_rows_hidden_in_a_formula_across_a_cut_are_read_as_a_whole_read_reads_them() -> None:
    """An invalid sheet whose rows 15..30 stand inside a formula of row 14 (calamine skips a
    formula's content): the piece before the cut ends inside the formula and is refused, so
    the sheet is read whole — the same grid on any number of cores."""
    rows = []
    for r in range(1, 41):
        if r == 14:
            rows.append(b'<row r="14"><c r="A14"><f>ROW()')
        elif r == 30:
            rows.append(b'<row r="30">' + _cell("A30", 30) + b"</row></f></c></row>")
        else:
            rows.append(b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r)))
    xml = _OPEN + b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    pieces = pieces_of(data, 2)
    assert pieces is not None and pieces.spans[1][0] < xml.find(b"</f>")  # cut in the formula
    assert read_pieces(calamine, pieces, 0) is None
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with forced_pieces(cores=2) as spy:
        assert list(iter_sheets(data, info)) == list(iter_sheets(data, FileInfo(
            len(data), "", 0.0, "xlsx")))
    assert spy.called


def test_a_sheet_whose_piece_fails_is_read_whole_from_the_one_core_copy() -> None:
    """Elements opened before the cut and closed after it: a piece is refused and the sheet
    read whole — from the same merged-ranges-first copy as on one core, not from the input,
    whose stray closing tag after the cells calamine's second (merged ranges) pass trips on."""
    rows = []
    for r in range(1, 41):
        row = b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r))
        rows.append(b"<a><b><d>" + row if r == 14 else row + b"</d></b></a>" if r == 30 else row)
    xml = _OPEN + b"<sheetData>" + b"".join(rows) + b"</sheetData></zz></worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with forced_pieces(cores=1):
        expected = list(iter_sheets(data, info))
    with forced_pieces(cores=2) as spy:
        assert list(iter_sheets(data, info)) == expected
    assert spy.called


def test_a_copy_holds_no_other_sheet_and_few_big_sheets_are_kept() -> None:
    data = workbook_bytes([SheetSpec(name, [[f"{name} {i}", i] for i in range(200)])
                           for name in ("A", "B", "C")])
    with forced_pieces(cores=2):
        inspection = inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS)
    assert set(inspection.pieces) == {"A", "B", "C"}
    copy = inspection.pieces["B"].workbook(1)
    assert copy is not None
    names = zipfile.ZipFile(io.BytesIO(copy)).namelist()
    assert "xl/worksheets/sheet2.xml" in names
    assert "xl/worksheets/sheet1.xml" not in names and "xl/worksheets/sheet3.xml" not in names
    size = len(ZipGuard(data, DEFAULT_LIMITS).read(SHEET))
    with forced_pieces(cores=2), mock.patch.object(xlsx_inspect, "MAX_HELD_BYTES", 2 * size):
        kept = inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS).pieces
    assert len(kept) == 2  # (the third sheet's XML would pass what may be held: read whole)


@pytest.mark.parametrize("form", ["no reference", "comment", "lower-case reference",
                                  "comment under merges that come first", "two sheetData",
                                  "sheetData in an attribute", "closing tags after the cells"])
def test_a_sheet_the_cuts_could_change_is_not_cut(form: str) -> None:
    """Cells placed by the ones before them, or a comment a search could be fooled by: the
    inspection leaves the sheet whole."""
    body = b"".join(b'<row r="%d">%s</row>' % (r, _cell(f"A{r}", r)) for r in range(1, 41))
    if form == "no reference":
        body = body.replace(b'<c r="A7">', b"<c>")
    elif form == "comment":
        body = body.replace(b'<row r="7">', b'<!-- x --><row r="7">')
    elif form == "lower-case reference":
        body = body.replace(b'r="A7"', b'r="a7"')
    merges = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    if form == "comment under merges that come first":  # (vouched up to the merges only)
        body = body.replace(b'<row r="21">', b'<!-- x --><row r="21">')
        xml = _OPEN + merges + b"<sheetData>" + body + b"</sheetData></worksheet>"
    elif form == "two sheetData":  # (a whole read stops at the first one's end)
        half = body.find(b'<row r="21">')
        xml = (_OPEN + b"<sheetData>" + body[:half] + b"</sheetData><sheetData>" + body[half:]
               + b"</sheetData>" + merges + b"</worksheet>")
    elif form == "sheetData in an attribute":
        xml = (_OPEN.replace(b"<worksheet", b"<worksheet x='<sheetData>'") + b"<sheetData>"
               + body + b"</sheetData>" + merges + b"</worksheet>")
    elif form == "closing tags after the cells":
        xml = _OPEN + b"<sheetData>" + body + b"</sheetData></f></c>" + merges + b"</worksheet>"
    else:
        xml = _OPEN + b"<sheetData>" + body + b"</sheetData>" + merges + b"</worksheet>"
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    if form in ("two sheetData", "sheetData in an attribute"):
        # (calamine reads the first sheetData's cells only: refused, not read in part)
        for cores in (1, 3):
            with forced_pieces(cores=cores), pytest.raises(ReadFailure) as refused:
                inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS)
            assert "lebih dari satu bagian sheetData" in str(refused.value.detail)
        return
    with forced_pieces(cores=3):
        inspection = inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS)
    assert not inspection.pieces


# --- the last piece parsed from the inspection on (xlsx_pieces.StartedPiece) ----------------


def _rows_xml(rows: int = 60, extra: dict[int, bytes] | None = None) -> bytes:
    body = b"".join(b'<row r="%d">%s%s</row>' % (r, _cell(f"A{r}", r), (extra or {}).get(r, b""))
                    for r in range(1, rows + 1))
    return _OPEN + b"<sheetData>" + body + b"</sheetData></worksheet>"


@contextlib.contextmanager
def started_copies() -> Iterator[list[bytes]]:
    """The workbook copies the inspection hands to a thread of their own, each checked before
    calamine sees it (else a missed check aborts the test process instead of failing it): its
    sheet within the quick bound, every part whole, no string table claiming more strings
    than it holds."""
    seen: list[bytes] = []
    real = xlsx_pieces.StartedPiece.__init__

    def spy(self: xlsx_pieces.StartedPiece, calamine: Any, workbook: bytes, name: str) -> None:
        seen.append(workbook)
        archive = zipfile.ZipFile(io.BytesIO(workbook))
        assert quick_bound(archive.read(SHEET)) is not None
        assert archive.testzip() is None
        assert all(xlsx_inspect._honest_string_count(archive.read(item)) is None
                   for item in archive.namelist() if item.endswith("sharedStrings.xml"))
        real(self, calamine, workbook, name)

    with mock.patch.object(xlsx_pieces.StartedPiece, "__init__", spy):
        yield seen


def _sheet_of(copy: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(copy)).read(SHEET)


def test_the_last_piece_is_parsed_from_the_inspection_on() -> None:
    data = _usual()
    info = FileInfo(len(data), "", 0.0, "xlsx")
    expected = list(iter_sheets(data, info))
    with forced_pieces(cores=2), started_copies() as seen:
        inspection = inspect_xlsx(ZipGuard(data, DEFAULT_LIMITS), DEFAULT_LIMITS)
        pieces = inspection.pieces["Kesos"]
        assert pieces.last is not None and len(seen) == 1
        # the larger piece: it begins while the rest is checked
        (first, cut_at), (_, end) = pieces.spans
        assert end - cut_at > cut_at - first
        pieces.last.thread.join()
        assert pieces.last.built is not None  # (parsed, not failed over to a whole read)
        assert read_pieces(calamine, pieces, 0) == whole(data)
        assert list(iter_sheets(data, info)) == expected


def test_a_far_cell_before_the_last_piece_leaves_its_parse_unused() -> None:
    """Only the last piece's span is vouched for when its parse begins: a far cell in the
    first piece is found by the rest of the inspection, the sheet is cut and read whole as on
    one core — and what the thread was given never held the far cell."""
    xml = _rows_xml(extra={3: _cell("XFD1048576", 1)})
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), xml)
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with forced_pieces(cores=1):
        expected = list(iter_sheets(data, info))
    assert expected[0].stray_cells == ["XFD1048576"]
    with forced_pieces(cores=2) as spy, started_copies() as seen:
        assert list(iter_sheets(data, info)) == expected
    assert len(seen) == 1 and not spy.called
    assert b"XFD" not in _sheet_of(seen[0])


def _started_on_two_cores(data: bytes) -> list[bytes]:
    """The copies whose parse began during the inspection on two cores; the sheets read there
    are the sheets read on one."""
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with forced_pieces(cores=1):
        expected = list(iter_sheets(data, info))
    with forced_pieces(cores=2), started_copies() as seen:
        assert list(iter_sheets(data, info)) == expected
    return seen


def test_a_far_cell_in_the_last_piece_starts_no_parse() -> None:
    xml = _rows_xml(extra={58: _cell("XFD1048576", 1)})
    assert _started_on_two_cores(with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]),
                                                xml)) == []


def _with_wrong_crc(data: bytes, name: str, crc: int) -> bytes:
    """The workbook with one part's stated CRC (in the central directory and the local header
    alike) replaced: a damaged part."""
    stated = zipfile.ZipFile(io.BytesIO(data)).getinfo(name).CRC.to_bytes(4, "little")
    return data.replace(stated, crc.to_bytes(4, "little"))


def test_a_damaged_part_the_copy_carries_starts_no_parse_and_is_refused_as_before() -> None:
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), _rows_xml())
    data = _with_wrong_crc(data, "xl/styles.xml", 0x12345678)
    info = FileInfo(len(data), "", 0.0, "xlsx")
    with forced_pieces(cores=1), pytest.raises(ReadFailure) as one_core:
        list(iter_sheets(data, info))
    with forced_pieces(cores=2), started_copies() as seen, pytest.raises(ReadFailure) as two:
        list(iter_sheets(data, info))
    assert seen == []
    assert (two.value.code, two.value.detail) == (one_core.value.code, one_core.value.detail)


def test_a_string_table_claiming_too_many_strings_starts_no_parse() -> None:
    """calamine reserves room for the strings a table announces: a copy must never carry an
    inflated count to a thread; the table is recounted and the sheet read as on one core."""
    data = with_sheet_xml(workbook_bytes([SheetSpec("S", [["x"]])]), _rows_xml())
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", b'<sst count="4000000000" uniqueCount='
                         b'"4000000000"><si><t>a</t></si></sst>')
    assert _started_on_two_cores(buffer.getvalue()) == []
