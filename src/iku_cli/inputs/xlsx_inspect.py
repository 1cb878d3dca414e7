"""Look inside an .xlsx/.xlsm before python-calamine reads it.

What calamine cannot tell us, or gets wrong:

- a formula saved without a cached value (a file written by a program, never opened in Excel)
  reads as a blank cell: the operator must open and save the file once;
- an error cell (#N/A, #REF!, #DIV/0!) also reads as a blank cell: the operator must hear
  which cell, or a missing evidence looks like a forgotten one;
- one stray value far away (say in XFD1048576) makes calamine allocate the whole dense grid
  (16 384 × 1 048 576 cells) and abort the process — uncatchable. Such cells are cut out of a
  copy of the workbook before calamine sees it, and reported;
- a million rows formatted but empty under the table make calamine build a million rows of
  blanks: they are cut from the copy too (nothing is lost: they hold no value).

Every part is read through :class:`~.zipguard.ZipGuard` (caps, real size and CRC, no DTD) and
every XML parse goes through defusedxml; the sheet parts are scanned as bytes (linear time).
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException, ElementTree

from iku_cli.inputs import cores
from iku_cli.inputs.bytesearch import find
from iku_cli.inputs.cells import column_index, column_letters
from iku_cli.inputs.xlsx_extent import (
    MAX_DENSE_CELLS,
    MAX_READ_CELLS,
    quick_bound,
    quick_clean,
    quick_rows,
    standard_bound,
    trim,
    walk,
)
from iku_cli.inputs.xlsx_merges import Prefix, merges_first, prefix_for, prefixed_copy
from iku_cli.inputs.xlsx_pieces import (
    MAX_HELD_BYTES,
    STARTED_SHARE,
    Pieces,
    StartedPiece,
    cut,
    piece_count,
)
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.limits import Limits
from iku_cli.marker import kind_in_custom_xml
from iku_cli.problems import Code, ReadFailure

__all__ = ["Inspection", "column_index", "column_letters", "inspect_xlsx", "rezip",
           "sheet_parts"]

# Empty rows past the last value are cut when there are this many (fewer cost nothing).
BLANK_TAIL_ROWS = 10_000
_TAIL_WINDOW = 1 << 20  # the last value of a sheet is looked for in its last MB first

CUSTOM_PROPERTIES = "docProps/custom.xml"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")
_HIGH_ROW = re.compile(rb'<row r="(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')
_ERROR_VALUE = re.compile(rb"<v>(#[^<]{1,20})</v>")
_ERROR_TYPE = re.compile(rb'\st="e"')


@dataclass
class Inspection:
    """What was found, and the bytes calamine should read (a trimmed copy if needed)."""

    data: bytes
    uncached_formulas: dict[str, list[str]] = field(default_factory=dict)
    stray_cells: dict[str, list[str]] = field(default_factory=dict)
    error_cells: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (ref, #N/A)
    too_many_rows: dict[str, int] = field(default_factory=dict)  # sheet -> rows
    # merged ranges (0-based, inclusive) where the reader reports none (.ods)
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    hidden_rows: dict[str, int] = field(default_factory=dict)  # sheet -> hidden rows with values
    marker: str | None = None  # what iku wrote the workbook as (see marker.py), if it did
    pieces: dict[str, Pieces] = field(default_factory=dict)  # big sheets read side by side
    # the sheets looked at, by name (None: not known, e.g. .ods): a sheet calamine names
    # otherwise was not looked at, and is not read
    sheet_names: frozenset[str] | None = None


def inspect_xlsx(guard: ZipGuard, limits: Limits) -> Inspection:
    """Scan every worksheet part, then check every other part. Raises ReadFailure for what
    must not reach calamine (caps, damaged parts, DTDs); a workbook whose structure cannot be
    parsed is left to calamine to report."""
    result = Inspection(guard.data)
    try:
        parts = sheet_parts(guard)
    except (ElementTree.ParseError, KeyError, ValueError):
        parts = {}
    except DefusedXmlException as error:  # the DTD check comes first; this is a second net
        raise ReadFailure(Code.UNSAFE_XML, part="xl/workbook.xml") from error
    else:
        result.sheet_names = frozenset(parts)
    replacements: dict[str, bytes] = {}
    prefixes: dict[str, Prefix] = {}  # python-calamine's merge read stops at once (xlsx_merges)
    held = 0  # sheet XML kept for reading in pieces
    honest: set[str] = set()  # string tables found honest ahead of the last piece's parse
    for name, part in parts.items():
        if part not in guard.infos:
            continue  # calamine reports the missing part
        xml = guard.read(part)
        early = None if held else _early_pieces(guard, name, part, xml, parts, limits, honest)
        if early is None and _sheet_data_elements(xml) > 1:  # (cut into pieces: just one)
            raise ReadFailure(Code.DAMAGED_FILE, f"sheet {name}: lebih dari satu bagian "
                              "sheetData; baris di bagian berikutnya tidak akan terbaca")
        # (each check returns at once, after one find, when the sheet has nothing of it)
        formulas = _uncached_formulas(xml)
        if formulas:
            result.uncached_formulas[name] = formulas
        errors = _error_cells(xml)
        if errors:
            result.error_cells[name] = errors
        if find(xml, b"hidden", 0) >= 0 and (hidden := _hidden_rows(xml)):
            result.hidden_rows[name] = hidden
        fitted, last_row, standard = _fit(xml, name, result,
                                          early.vouched if early is not None else None)
        if last_row > limits.baris:
            result.too_many_rows[name] = last_row
        elif fitted is not xml:
            replacements[part] = fitted
        elif early is not None and standard:  # (as below: the pieces and the parse begun)
            result.pieces[name] = early.pieces
            prefixes[part] = prefix_for(early.pieces.merges, xml)
            held += len(xml)
        elif (merges := merges_first(xml)) is not None:
            count = piece_count(len(xml), cores.available()) if standard else 1
            if held + len(xml) > MAX_HELD_BYTES:
                count = 1  # (later big sheets are read whole: their XML is not kept meanwhile)
            spans = cut(xml, count) if count > 1 else None
            if spans is not None and len(spans) > 1:
                others = frozenset(parts.values()) - {part}  # (a copy needs no other sheet)
                result.pieces[name] = Pieces(guard, part, xml, merges, spans, others)
                held += len(xml)
            # (also for a sheet read in pieces: should a piece fail, it is read whole from the
            # same copy as on one core)
            prefixes[part] = prefix_for(merges, xml)
    for part in guard.infos:
        if part.lower().endswith("sharedstrings.xml") and part not in honest:
            recounted = _honest_string_count(guard.read(part))
            if recounted is not None:
                replacements[part] = recounted
    if CUSTOM_PROPERTIES in guard.infos:
        result.marker = kind_in_custom_xml(guard.read(CUSTOM_PROPERTIES))
    guard.verify_rest()
    if replacements:  # (a sheet cut or a string count dropped: packed anew, merges as read)
        result.data = rezip(guard, replacements)
        result.pieces.clear()  # (their copies would hold the parts as they were)
    elif prefixes:
        result.data = prefixed_copy(guard, prefixes) or result.data
    return result


@dataclass
class _Early:
    """A big sheet's pieces decided before its other checks, the last one's parse begun."""

    pieces: Pieces
    vouched: tuple[int, int]  # the span of sheetData the quick bound already searched


def _early_pieces(guard: ZipGuard, name: str, part: str, xml: bytes, parts: dict[str, str],
                  limits: Limits, honest: set[str]) -> _Early | None:
    """The pieces a sheet will be read in, decided as :func:`inspect_xlsx` decides them below
    for a sheet in the quick bound's form, with the last piece's parse begun on a thread: its
    own span vouched for by the quick bound, and every part its copy carries checked (sizes,
    CRC, DTD, an honest string count) — so that parse runs while the rest is checked here.
    None when the sheet may go another way (cut, too long, read whole) or a part fails its
    check (reported below, in its usual order)."""
    count = piece_count(len(xml), cores.available())
    found = quick_rows(xml)
    if count < 2 or found is None or len(xml) > MAX_HELD_BYTES:
        return None
    last_row = found[2]
    if last_row > limits.baris or (
            last_row > BLANK_TAIL_ROWS and _drop_blank_tail(xml, last_row)[0] is not xml):
        return None
    merges = merges_first(xml)
    if merges is None:
        return None
    spans = cut(xml, count, STARTED_SHARE)
    if spans is None or len(spans) < 2 or not quick_clean(xml, last_row, *spans[-1]):
        return None
    others = frozenset(parts.values()) - {part}
    carried = [item for item, info in guard.infos.items()
               if item not in others and item != part and not info.is_dir()]
    try:
        for item in carried:
            data = guard.read(item)  # (marked checked: verify_rest passes over it)
            if item.lower().endswith("sharedstrings.xml"):
                if _honest_string_count(data) is not None:
                    return None
                honest.add(item)
    except ReadFailure:
        return None
    import python_calamine as calamine  # (what reads the sheets: imported by the run anyway)

    pieces = Pieces(guard, part, xml, merges, spans, others)
    copy = pieces.workbook(len(spans) - 1)
    if copy is None:
        return None
    pieces.last = StartedPiece(calamine, copy, name)
    return _Early(pieces, spans[-1])


_SHEET_DATA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sheetData[\s>/]")


def _sheet_data_elements(xml: bytes) -> int:
    """How many sheetData elements with cells the part may hold (1: at most one): calamine
    reads the cells of the first only (the rows of a second one were lost without a word).
    The word counted first: twice is one element opened and closed (or two empty ones)."""
    if xml.count(b"sheetData") <= 2:
        return 1
    return len(_SHEET_DATA_TAG.findall(xml))


def _fit(xml: bytes, name: str, result: Inspection,
         vouched: tuple[int, int] | None = None) -> tuple[bytes, int, bool]:
    """The sheet as calamine should see it (empty tail and stray cells cut), its last row,
    and whether it is in the standard form (every cell with its reference: see
    :mod:`.xlsx_pieces`). The extent is bounded from what calamine parses
    (:mod:`.xlsx_extent`): a far cell however written is cut, and a sheet still too large is
    refused before calamine sees it. ``vouched``: a span the quick bound already searched."""
    bound = _bound(xml, vouched)
    if bound is not None:
        last_row = _last_row(xml)
        if last_row > BLANK_TAIL_ROWS:
            shorter, last_row = _drop_blank_tail(xml, last_row)
            if shorter is not xml:  # (a sheet with no blank tail is not scanned twice)
                xml, bound = shorter, _bound(shorter)
    if bound is not None and bound <= MAX_DENSE_CELLS:
        return xml, last_row, True
    found = walk(xml)
    rows, columns = found.extent
    if rows * columns <= MAX_DENSE_CELLS and not found.dimensions:
        return xml, rows, False
    trimmed, dropped = trim(xml, found)
    if dropped:
        result.stray_cells[name] = dropped
    found = walk(trimmed)
    rows, columns = found.extent
    if rows * columns > MAX_READ_CELLS:
        raise ReadFailure(Code.GRID_TOO_LARGE,
                          f"sheet {name}: {rows:,} baris × {columns:,} kolom".replace(",", "."))
    return trimmed, rows, False


def _bound(xml: bytes, vouched: tuple[int, int] | None = None) -> int | None:
    """The quick bound of the common sheet, else the standard form's (None: walk it)."""
    bound = quick_bound(xml, vouched)
    return bound if bound is not None else standard_bound(xml)


# (a quoted attribute value may hold '>': the tag ends at the first '>' outside quotes)
_SST_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?sst\b(?:[^>"']|"[^"]*"|'[^']*')*>""")
_COUNT_ATTRIBUTE = re.compile(rb"""\s(?:count|uniqueCount)\s*=\s*(["'])\s*([0-9]+)\s*\1""")
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")


def _honest_string_count(xml: bytes) -> bytes | None:
    """The shared-string table with its announced counts dropped when they claim more strings
    than it holds: calamine reserves room for the announced number up front (4 000 000 000
    announced: 96 GB, and the process aborts). None when the counts are plausible."""
    tag = _SST_TAG.search(xml)
    if tag is None:
        return None
    announced = [int(m.group(2)) for m in _COUNT_ATTRIBUTE.finditer(tag.group(0))]
    if not announced or max(announced) <= len(xml) // 4:  # no item is shorter than "<si/>"
        return None
    held = len(_STRING_ITEM.findall(xml))
    if max(announced) <= held:
        return None
    cleaned = _COUNT_ATTRIBUTE.sub(b"", tag.group(0))
    return xml[:tag.start()] + cleaned + xml[tag.end():]


MAX_WORKBOOK_XML = 10 << 20  # the list of sheets and names: a real one is a few KB


def sheet_parts(guard: ZipGuard) -> dict[str, str]:
    """Sheet name -> its XML part inside the xlsx zip (defusedxml: no entity tricks). A
    workbook part of tens of MB (empty elements by the million) is refused before its tree is
    built: it holds nothing a workbook needs, and building it costs gigabytes."""
    info = guard.infos.get("xl/workbook.xml")
    if info is not None and info.file_size > MAX_WORKBOOK_XML:
        raise ReadFailure(Code.DAMAGED_FILE, f"daftar sheet (xl/workbook.xml) berukuran "
                          f"{info.file_size >> 20} MB, tidak wajar untuk buku kerja")
    workbook = ElementTree.fromstring(guard.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(guard.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        # targets are relative to xl/, or absolute inside the package
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        name = sheet.get("name", "")
        # (calamine opens the part by the name as written: a sheet checked under another
        # name — 'xl/worksheets//sheet1.xml' tidied — or a second sheet of one name, which
        # the checks below would not look at, would reach it unchecked)
        if posixpath.normpath(part) != part:
            raise ReadFailure(Code.DAMAGED_FILE, f"alamat sheet {name} tidak wajar ({target})")
        if name in parts:
            raise ReadFailure(Code.DAMAGED_FILE, f"dua sheet bernama {name}")
        parts[name] = part
    return parts


def _uncached_formulas(xml: bytes) -> list[str]:
    """Refs of formula cells without a value: from each formula, back to its cell and on."""
    refs: list[str] = []
    # ('f' stands in texts too — fasilitasi, informasi — but seldom 50 000 times)
    if find(xml, b"<f", 1, limit=50_000) < 0:
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


_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\shidden\s*=\s*["\'](?:1|true)["\'][^>]*>')


def _hidden_rows(xml: bytes) -> int:
    """How many hidden rows (hidden by hand, or by an active filter) hold a value."""
    count = 0
    for row in _HIDDEN_ROW.finditer(xml):
        if row.group(0).endswith(b"/>"):
            continue
        end = xml.find(b"</row>", row.end())
        if _HAS_VALUE.search(xml, row.end(), end if end >= 0 else len(xml)):
            count += 1
    return count


def _error_cells(xml: bytes) -> list[tuple[str, str]]:
    """(ref, error) of cells holding an Excel error value such as #N/A (type "e")."""
    found: list[tuple[str, str]] = []
    if find(xml, b"<v>#", 3) < 0:
        return found
    for match in _ERROR_VALUE.finditer(xml):
        start = xml.rfind(b"<c ", 0, match.start())
        tag = xml[start: xml.find(b">", start) + 1] if start >= 0 else b""
        ref = _CELL_REF.search(tag)
        if ref and _ERROR_TYPE.search(tag):
            found.append((ref.group(1).decode("ascii"), match.group(1).decode("ascii", "replace")))
    return found


def _last_value(xml: bytes) -> tuple[int, int | None]:
    """Where the last value ends, and its row number (None: cannot tell, rows unnumbered)."""
    end = -1
    for start in (max(0, len(xml) - _TAIL_WINDOW), 0):  # the end first: where it usually is
        end = max(xml.rfind(b"</v>", start), xml.rfind(b"</is>", start))
        if end >= 0:
            break
    if end < 0:
        return -1, 0
    row = xml.rfind(b"<row ", 0, end)
    match = _HIGH_ROW.match(xml, row) if row >= 0 else None
    return end, int(match.group(1)) if match else None


def _drop_blank_tail(xml: bytes, last_row: int) -> tuple[bytes, int]:
    """Cut the rows after the last value when many follow it (formatted but empty rows:
    calamine would build them all); returns the XML and its new last row."""
    end, value_row = _last_value(xml)
    if value_row is None or last_row - value_row <= BLANK_TAIL_ROWS:
        return xml, last_row
    if value_row:
        cut = xml.find(b"</row>", end)
        cut = cut + len(b"</row>") if cut >= 0 else -1
    else:
        cut = xml.find(b"<row ")  # no value at all: no row is kept
    close = xml.rfind(b"</sheetData>")
    if cut < 0 or close < cut:
        return xml, last_row
    return _DIMENSION.sub(b"", xml[:cut], count=1) + xml[close:], value_row


def _last_row(xml: bytes) -> int:
    """The number of the last <row> element (0 if none)."""
    tail = xml.rfind(b'<row r="')
    if tail < 0:
        return 0
    match = _HIGH_ROW.match(xml, tail)
    return int(match.group(1)) if match else 0


def rezip(guard: ZipGuard, replacements: dict[str, bytes]) -> bytes:
    """A copy of the workbook with some parts replaced (in memory; the input is untouched)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy, warnings.catch_warnings():
        # a part named twice stays twice, as in the input: no raw zipfile warning on stderr
        warnings.simplefilter("ignore", UserWarning)
        for item in guard.archive.infolist():
            data = replacements.get(item.filename)
            copy.writestr(item, guard.read(item.filename) if data is None else data)
    return buffer.getvalue()
