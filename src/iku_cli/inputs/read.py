"""Open input files into raw sheets: grids of cell values numbered as Excel numbers them.

The only module that parses spreadsheet files (with ``xlsx_inspect`` and ``zipguard``). It
sniffs what a file really is (a renamed .docx, an encrypted workbook, an HTML page saved as
.xls), checks a zip's parts against the caps of :mod:`.limits`, and only then hands the file to
python-calamine, so every unreadable or hostile file becomes a :class:`ReadFailure` with a
problem code, never a traceback, a hang or an aborted process.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iku_cli import lifetime
from iku_cli.inputs import prefetch
from iku_cli.inputs.cells import Cell
from iku_cli.inputs.find import UNSUPPORTED_SUFFIXES, FoundInputs
from iku_cli.inputs.memory_file import open_workbook
from iku_cli.inputs.regular import NotRegular, open_regular
from iku_cli.inputs.sources import FileSource
from iku_cli.inputs.xlsx_extent import MAX_READ_CELLS
from iku_cli.inputs.xlsx_inspect import Inspection, inspect_xlsx
from iku_cli.inputs.xlsx_pieces import read_pieces
from iku_cli.inputs.zipguard import ZIP_ERRORS, ZipGuard, check_directory
from iku_cli.limits import DEFAULT_LIMITS, MB, Limits
from iku_cli.marker import is_output
from iku_cli.marker import label as marker_label
from iku_cli.numbers import decimal, thousands
from iku_cli.problems import Code, Problem, ReadFailure, make_problem, os_reason

if TYPE_CHECKING:
    from iku_cli.inputs.ods_inspect import OdsInspection

__all__ = ["Cell", "FileInfo", "RawSheet", "ReadFailure",
           "inspect_workbook", "iter_sheets", "load_bytes", "read_source", "sniff_format"]


@dataclass
class RawSheet:
    """A sheet's cells from A1: ``rows[i][j]`` is sheet row i+1, column j+1."""

    name: str
    rows: list[list[Cell]]
    # merged ranges as (first_row, first_col, last_row, last_col), 0-based inclusive;
    # None when the format does not tell (ODS, CSV)
    merged: list[tuple[int, int, int, int]] | None = None
    hidden: bool = False
    kind: str = "worksheet"  # or "chart", "macro", "dialog"
    uncached_formulas: list[str] = field(default_factory=list)  # cell refs such as "D7"
    stray_cells: list[str] = field(default_factory=list)  # far-away cells left out
    error_cells: list[tuple[str, str]] = field(default_factory=list)  # ("D7", "#N/A")
    too_many_rows: int | None = None  # rows past the cap: the sheet was not read
    hidden_rows: int = 0  # hidden or filtered rows holding a value (counted like any other)


@dataclass
class FileInfo:
    size: int
    sha256: str
    modified: float
    format: str  # xlsx, xlsm, xls, ods, csv


# --- sniffing ---------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff_format(data: bytes, suffix: str) -> str:
    """What the bytes are: 'xlsx', 'xlsm', 'xls', 'ods' or 'csv'; else raise ReadFailure."""
    if not data:
        raise ReadFailure(Code.EMPTY_FILE)
    if suffix in UNSUPPORTED_SUFFIXES:
        raise ReadFailure(Code.UNSUPPORTED_FORMAT, format=UNSUPPORTED_SUFFIXES[suffix])
    if data.startswith(_OLE_MAGIC):
        head = data[: 1 << 20]
        if _utf16("EncryptedPackage") in head or _utf16("EncryptionInfo") in head:
            raise ReadFailure(Code.PASSWORD_PROTECTED)  # an encrypted .xlsx is a compound file
        if _utf16("WordDocument") in head:
            raise ReadFailure(Code.NOT_A_SPREADSHEET, "dokumen Word")
        if _biff_encrypted(data):
            raise ReadFailure(Code.PASSWORD_PROTECTED)
        return "xls"
    if data.startswith(_ZIP_MAGIC) or data.startswith(b"PK"):
        return _sniff_zip(data, suffix)
    if suffix == ".csv":
        return "csv"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in head:
        raise ReadFailure(Code.NOT_A_SPREADSHEET, "halaman HTML yang diberi nama " + suffix)
    if head.startswith(b"<?xml"):
        raise ReadFailure(Code.NOT_A_SPREADSHEET, "berkas XML, bukan buku kerja")
    if head.startswith(b"%pdf"):
        raise ReadFailure(Code.NOT_A_SPREADSHEET, "berkas PDF")
    raise ReadFailure(Code.NOT_A_SPREADSHEET, "isinya bukan buku kerja Excel/ODS")


# A BIFF workbook stream starts with a BOF record of the workbook globals (type 0x0809,
# version 0x0600 or 0x0500, kind 0x0005); a FILEPASS record (0x002F) right after it means the
# workbook is encrypted (Excel's "Encrypt with Password").
_BIFF_BOF = re.compile(rb"\x09\x08(\x10\x00|\x08\x00)\x00[\x05\x06]\x05\x00")
_FILEPASS = b"\x2f\x00"


def _biff_encrypted(data: bytes) -> bool:
    """Whether an .xls's workbook globals open with a FILEPASS record."""
    for match in _BIFF_BOF.finditer(data, 0, 1 << 22):
        size = int.from_bytes(match.group(1), "little")
        if data[match.start() + 4 + size: match.start() + 6 + size] == _FILEPASS:
            return True
    return False


def _sniff_zip(data: bytes, suffix: str) -> str:
    check_directory(data)  # (before zipfile reads a table of contents of any size)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except ZIP_ERRORS as error:
        raise ReadFailure(Code.DAMAGED_FILE, "arsip zip tidak utuh") from error
    if "xl/workbook.xml" in names:
        return "xlsm" if suffix == ".xlsm" or "xl/vbaProject.bin" in names else "xlsx"
    if "xl/workbook.bin" in names:
        raise ReadFailure(Code.UNSUPPORTED_FORMAT, format=UNSUPPORTED_SUFFIXES[".xlsb"])
    if "mimetype" in names:
        try:
            # a few bytes, however large the part claims to be (zipfile reads no further)
            with archive.open("mimetype") as part:
                mimetype = part.read(200).decode("ascii", "replace").strip()
        except ZIP_ERRORS as error:
            raise ReadFailure(Code.DAMAGED_FILE, "arsip zip tidak utuh") from error
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
        raise ReadFailure(Code.NOT_A_SPREADSHEET, f"dokumen OpenDocument jenis lain ({mimetype})")
    if "word/document.xml" in names:
        raise ReadFailure(Code.NOT_A_SPREADSHEET, "dokumen Word")
    if "ppt/presentation.xml" in names:
        raise ReadFailure(Code.NOT_A_SPREADSHEET, "presentasi PowerPoint")
    raise ReadFailure(Code.NOT_A_SPREADSHEET, "arsip zip yang bukan buku kerja")


# --- reading ----------------------------------------------------------------------------------


def load_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, FileInfo]:
    """Read a file once (read-only) for both its hash and its content."""
    try:
        with open_regular(path) as (handle, stat):
            if stat.st_size > limits.berkas_mb * MB:
                prefetch.drop()  # (refused unread: the helper is not waited for)
                size = decimal(stat.st_size / MB)
                raise ReadFailure(Code.LIMIT_EXCEEDED, f"berkas berukuran {size} MB",
                                  limit=f"{limits.berkas_mb} MB", key="berkas_mb")
            # (read ahead on a helper thread, if it was: the same file, unchanged)
            taken = prefetch.take(path, stat)
            data = taken[0] if taken else handle.read()
    except NotRegular as error:  # (swapped for a FIFO or a device since it was found)
        raise ReadFailure(Code.NOT_A_REGULAR_FILE, kind=error.kind) from error
    except FileNotFoundError as error:  # (found, then gone: saved again or moved meanwhile)
        raise ReadFailure(Code.FILE_NOT_FOUND, hint="; berkas itu hilang saat akan dibaca "
                          "(disimpan ulang atau dipindah?): jalankan ulang") from error
    except PermissionError as error:  # not damaged: the operator must open its permissions
        raise ReadFailure(Code.FILE_NOT_OPENED, os_reason(error, reading=True)) from error
    except OSError as error:
        raise ReadFailure(Code.FILE_NOT_OPENED, os_reason(error, reading=True)) from error
    fmt = sniff_format(data, path.suffix.lower())
    digest = taken[1] if taken else hashlib.sha256(data).hexdigest()
    info = FileInfo(stat.st_size, digest, stat.st_mtime, fmt)
    return data, info


def read_source(
    source: FileSource, path: Path, limits: Limits, read_sheet: Callable[[RawSheet], None]
) -> Problem | None:
    """Fill ``source`` (hash, size, format) and hand each sheet to ``read_sheet``. Returns the
    galat when the file cannot be read at all (``source.readable`` is then False), or the info
    that it is one of iku's own outputs and was skipped (``source.skipped``). Shared by
    ``iku hitung``/``periksa`` and ``iku ikm``, so both refuse the same files the same way."""
    lifetime.release()  # (the file before's last grid, before this one is read)
    try:
        data, info = load_bytes(path, limits)
        source.sha256, source.size, source.format = info.sha256, info.size, info.format
        source.modified = info.modified
        inspection = inspect_workbook(data, info.format, limits)
        if is_output(inspection.marker):
            assert inspection.marker is not None
            source.skipped = marker_label(inspection.marker)
            return make_problem(Code.OWN_OUTPUT_SKIPPED, file=source.display,
                                kind=source.skipped)
        for sheet in iter_sheets(data, info, limits, inspection):
            if info.format == "csv":
                sheet.name = ""  # a CSV has one sheet, named by its file
            read_sheet(sheet)
        if not source.sheets:
            raise ReadFailure(Code.NO_SHEETS)
    except ReadFailure as failure:
        source.readable = False
        return make_problem(failure.code, file=source.display, detail=failure.detail,
                            **failure.extra)
    return None


def add_same_content(sources: list[FileSource], found: FoundInputs) -> None:
    """The files read once because another file has the same content, each in its place among
    the sources (file order), saying which file was read for it."""
    if not found.same_content:
        return
    read = {source.display: source for source in sources}
    for copy, first in found.same_content:
        original = read.get(first.display)
        sources.append(FileSource(
            copy.display, sha256=original.sha256 if original else None,
            size=original.size if original else None,
            format=original.format if original else None, same_as=first.display))
    sources.sort(key=lambda source: found.order.get(source.display, len(found.order)))


def iter_sheets(
    data: bytes, info: FileInfo, limits: Limits = DEFAULT_LIMITS,
    inspection: Inspection | None = None,
) -> Iterator[RawSheet]:
    """Every sheet of a workbook in workbook order (one per CSV file). ``inspection``: what
    :func:`inspect_workbook` found, if the caller already asked."""
    if info.format == "csv":
        yield _capped(read_csv(data, limits), limits)
        return
    if inspection is None:
        inspection = inspect_workbook(data, info.format, limits)
    yield from _iter_calamine(data, info.format, limits, inspection)


def inspect_workbook(data: bytes, fmt: str, limits: Limits) -> Inspection:
    """Everything checked before calamine sees the file: a zip's parts against the caps (and
    unpacked, safely, once), an xlsx's sheets for what calamine gets wrong, an ods's sheets for
    cells far outside the table; and iku's own mark, if the workbook is one of its outputs."""
    if fmt in ("xlsx", "xlsm"):
        return inspect_xlsx(ZipGuard(data, limits, prefetch.parts_for(data)), limits)
    if fmt == "ods":
        from iku_cli.inputs.ods_inspect import inspect_ods  # (its patterns: .ods files only)

        return inspect_ods(ZipGuard(data, limits))
    if fmt == "xls":
        from iku_cli.inputs.xls_inspect import check_xls

        check_xls(data)
    return Inspection(data)


def _capped(sheet: RawSheet, limits: Limits) -> RawSheet:
    """A sheet with more rows than the cap is dropped (and reported), not read on."""
    if len(sheet.rows) > limits.baris:
        sheet.too_many_rows, sheet.rows = len(sheet.rows), []
    return sheet


def _iter_calamine(
    data: bytes, fmt: str, limits: Limits, inspection: Inspection
) -> Iterator[RawSheet]:
    import python_calamine as calamine

    try:
        workbook = _open(calamine, inspection.data)
    except ReadFailure as failure:
        if fmt != "ods" or failure.code != Code.DAMAGED_FILE:
            raise
        # calamine gives no reason when an .ods fails ("Cannot detect file format"); a far
        # cell the quick look let through is one: walk every sheet, cut, and try once more
        from iku_cli.inputs.ods_inspect import inspect_ods

        inspection = inspect_ods(ZipGuard(data, limits), thorough=True)
        too_large = _too_large(inspection)
        if too_large is not None:
            raise too_large from failure
        if inspection.data is data:
            raise  # nothing far away: the file is damaged in some other way
        workbook = _open(calamine, inspection.data)
    # calamine's enums are not hashable: compare by name
    kinds = {"WorkSheet": "worksheet", "ChartSheet": "chart", "MacroSheet": "macro",
             "DialogSheet": "dialog"}
    with workbook:
        for index, meta in enumerate(workbook.sheets_metadata):
            lifetime.release()  # (the sheet before's grid, before this one is read)
            kind = kinds.get(_enum_name(meta.typ), "other")
            hidden = _enum_name(meta.visible) in ("Hidden", "VeryHidden")
            if kind != "worksheet":
                yield RawSheet(meta.name, [], None, hidden, kind)
                continue
            if inspection.sheet_names is not None and meta.name not in inspection.sheet_names:
                # (named otherwise in the list the inspection read — a TAB the XML parser
                # made a space —: its checks and cuts are not this sheet's)
                raise ReadFailure(Code.DAMAGED_FILE,
                                  f"sheet {meta.name!r} tidak cocok dengan daftar sheet")
            if meta.name in inspection.too_many_rows:
                yield RawSheet(meta.name, [], None, hidden, kind,
                               too_many_rows=inspection.too_many_rows[meta.name])
                continue
            pieces = inspection.pieces.pop(meta.name, None)  # (its XML freed once read)
            read = read_pieces(calamine, pieces, index) if pieces is not None else None
            try:
                if read is None:
                    sheet = workbook.get_sheet_by_index(index)
                    read = sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges
                rows = read[0]
                merged = _merged_ranges(read[1]) or inspection.merged.get(meta.name)
            except calamine.CalamineError as error:
                raise _unreadable(error, meta.name) from error
            yield _capped(RawSheet(
                meta.name, rows, merged, hidden, kind,
                inspection.uncached_formulas.get(meta.name, []),
                inspection.stray_cells.get(meta.name, []),
                inspection.error_cells.get(meta.name, []),
                hidden_rows=inspection.hidden_rows.get(meta.name, 0),
            ), limits)


def _open(calamine: Any, data: bytes) -> Any:
    """The workbook opened by python-calamine, or a ReadFailure saying why not."""
    try:
        return open_workbook(calamine, data)
    except calamine.PasswordError as error:
        raise ReadFailure(Code.PASSWORD_PROTECTED) from error
    except (calamine.CalamineError, OSError, ValueError) as error:
        raise _unreadable(error) from error


_CELL_LIMIT = re.compile(r"Cell limit exceeded \((\d+) cells")


def _unreadable(error: BaseException, sheet: str | None = None) -> ReadFailure:
    """calamine refusing a grid too large (its own cap) says what to do; anything else is a
    damaged file."""
    where = f"sheet {sheet}: " if sheet is not None else ""
    too_large = _CELL_LIMIT.search(str(error))
    if too_large:
        cells = thousands(int(too_large.group(1)))
        return ReadFailure(Code.GRID_TOO_LARGE, f"{where}{cells} sel")
    # calamine's own words are English and for developers: the operator reads what it means
    return ReadFailure(Code.DAMAGED_FILE, where + "isinya tidak bisa dibaca sebagai buku kerja")


def _too_large(inspection: OdsInspection) -> ReadFailure | None:
    """A sheet whose grid calamine refuses even without its far cells."""
    from iku_cli.inputs.ods_inspect import CALAMINE_MAX_CELLS

    for name, (rows, columns) in inspection.grids.items():
        if rows * columns > CALAMINE_MAX_CELLS:
            size = f"{thousands(rows)} baris × {thousands(columns)} kolom"
            return ReadFailure(Code.GRID_TOO_LARGE, f"sheet {name}: {size}")
    return None


def _enum_name(value: object) -> str:
    return str(value).rsplit(".", 1)[-1]


def _merged_ranges(
    ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None,
) -> list[tuple[int, int, int, int]] | None:
    if ranges is None:
        return None
    return [(start[0], start[1], end[0], end[1]) for start, end in ranges]


def _short(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# --- CSV ---------------------------------------------------------------------------------------


MAX_CSV_COLUMNS = 16_384  # Excel's widest sheet: a line of more fields is no rekap
MAX_CSV_FIELD = 1 << 24  # 16 MB in one cell (Python's csv stops at 128 KB by default)
_UTF8_LETTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def read_csv(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawSheet:
    """A CSV file as one sheet: ',', ';' or tab separated; UTF-8 (BOM or not), UTF-16 (Excel's
    "Unicode Text"), cp1252, or UTF-8 with lines pasted from cp1252 (each line read as it was
    written). Its lines are counted, and its rows' width checked, before rows are built."""
    text = _decode_csv(data)
    if "\x00" in text:
        raise ReadFailure(Code.CSV_UNREADABLE, "berisi data biner")
    lines = text.count("\n")
    if lines > limits.baris:  # refused before a row is built (the gate names the cap)
        return RawSheet("", [], None, too_many_rows=lines)
    delimiter = _csv_delimiter(text)
    cells = text.count(delimiter) + lines + 1  # at least: a quoted separator counts too
    if cells > MAX_READ_CELLS:  # refused before a row is built, like a sheet too large
        raise ReadFailure(Code.GRID_TOO_LARGE, f"sampai {thousands(cells)} sel")
    csv.field_size_limit(MAX_CSV_FIELD)
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(row) > MAX_CSV_COLUMNS:
                raise ReadFailure(Code.GRID_TOO_LARGE, f"baris {len(rows) + 1}: "
                                  f"{thousands(len(row))} kolom")
            rows.append(list(row))
    except csv.Error as error:
        detail = ("ada sel lebih panjang dari 16 MB" if "field limit" in str(error)
                  else "tanda kutip tidak berpasangan")
        raise ReadFailure(Code.CSV_UNREADABLE, detail) from error
    return RawSheet("", rows, None)


def _decode_csv(data: bytes) -> str:
    """The text of a CSV however Excel or a person saved it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    head = data[:4096]
    if len(head) > 16 and head[1::2].count(0) > len(head) // 4 and not head[::2].count(0):
        return data.decode("utf-16-le", errors="replace")  # UTF-16 without its mark
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if not _UTF8_LETTER.search(data):
        return data.decode("cp1252", errors="replace")
    # UTF-8 with some lines from a cp1252 file: each line in its own encoding
    decoded = []
    for line in data.splitlines(keepends=True):
        try:
            decoded.append(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "".join(decoded)


def _csv_delimiter(text: str) -> str:
    """';' (Excel in an Indonesian locale) or ',' — whichever splits the first lines more."""
    lines = [line for line in text[:65_536].splitlines()[:20] if line.strip()]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in (";", ",", "\t")}
        return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
