"""Builders of the hostile inputs of issue 18 ("Hardening II"), and a runner that starts `iku` in a
child process and measures it, for tests/test_hardening_ii.py and benchmarks/hostile_cases.py.

Every file is built in a folder the caller gives (tmp_path, or a temporary folder): FIFOs,
symlinks to /dev/zero, symlink loops, device nodes and tmpfs mounts never leave it. The child
runs under an address-space ceiling, in a process group of its own inside a session of its own,
and at its timeout the whole group is killed. Its peak memory is read from os.wait4's rusage
(ru_maxrss of the child, which covers the pool workers it reaped as the largest of them), taken
by a small launcher process so that the test runner's own size does not leak into it, and
sampled from /proc as PSS summed over the session (the pool's workers together).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import HEADER, SheetSpec, simple_rekap, write_csv, write_xlsx

TITLE = ["SEKSI PEMERINTAHAN KECAMATAN GUCIALIT", "TAHUN 2026"]
SHEET = "xl/worksheets/sheet1.xml"
GOOD_ROWS = 2  # activities of every good file, all followed up
BAD_FIRST = 10  # a hostile file's own activities are numbered from here: never duplicates
MEMORY_CEILING = 6 << 30  # RLIMIT_AS of a child: a runaway allocation fails, the machine lives
# Library English that has no place in an Indonesian message, and the words of exit 4.
ENGLISH = ("Cannot detect file format", "field larger than field limit", "Permission denied",
           "No such file", "Errno", "unpack_from requires", "Traceback", "UserWarning",
           "Symlink loop", "Too many levels", "Is a directory", "codec can't",
           "No space left on device", "Broken pipe", "I/O operation on closed file",
           "Expecting alphanumeric", "MemoryError", "open writing handle")
BUG = ("Ini bug iku", "kesalahan tak terduga")
# What must never reach a terminal raw: C0 and C1 controls but the line break ending a line,
# and the bidi controls and marks that reorder what the operator reads.
RAW_CONTROLS = frozenset([*map(chr, range(0x00, 0x0A)), *map(chr, range(0x0B, 0x20)), "\x7f",
                          *map(chr, range(0x80, 0xA0)), "\u061c", "\u200e", "\u200f",
                          *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))])


# -- good inputs ----------------------------------------------------------------------------------

def act(no: int, unit: str | None = None) -> list[object]:
    return [no, "12/03/2026", f"Rakor kegiatan nomor {no}", "Rakor", None, "Ya", "ok", unit]


def good_rows(n: int = GOOD_ROWS, first: int = 1) -> list[list[object]]:
    return simple_rekap([act(first + i) for i in range(n)], title=TITLE)


def good_xlsx(path: Path, n: int = GOOD_ROWS, first: int = 1) -> Path:
    return write_xlsx(path, [SheetSpec("Pemerintahan", good_rows(n, first))])


def good_csv(path: Path, n: int = GOOD_ROWS, first: int = 1) -> Path:
    return write_csv(path, good_rows(n, first))


# -- zip surgery ----------------------------------------------------------------------------------

def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes] | Sequence[tuple[str, bytes]],
                stored: bool = False) -> Path:
    """A zip of ``parts`` (a list may name a part twice), deflated unless ``stored``."""
    items = list(parts.items()) if isinstance(parts, dict) else list(parts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": wanted here
        with zipfile.ZipFile(path, "w",
                             zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return path


def bad_xlsx(path: Path) -> Path:
    """A good workbook with activities of its own (numbered from BAD_FIRST)."""
    return good_xlsx(path, first=BAD_FIRST)


def with_sheet(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """``path`` rebuilt with its first sheet's XML changed."""
    parts = parts_of(path)
    parts[SHEET] = change(parts[SHEET])
    return write_parts(path, parts)


def with_tail(path: Path, tail: bytes) -> Path:
    """A hostile workbook: its own two activities, then ``tail`` (raw rows) before
    </sheetData>."""
    return with_sheet(bad_xlsx(path), lambda xml: xml.replace(b"</sheetData>",
                                                              tail + b"</sheetData>"))


INLINE = b'<is><t>x</t></is>'

# Point 1: the last cell XFD1048576 written so that no byte pattern of today's guard sees it.
STRAY_TAILS: dict[str, bytes] = {
    "attr-order": b'<row r="1048576"><c t="inlineStr" r="XFD1048576">' + INLINE + b"</c></row>",
    "single-quotes": b"<row r='1048576'><c r='XFD1048576' t='inlineStr'>" + INLINE
    + b"</c></row>",
    "double-space": b'<row  r="1048576"><c  r="XFD1048576" t="inlineStr">' + INLINE
    + b"</c></row>",
    "lowercase": b'<row r="1048576"><c r="xfd1048576" t="inlineStr">' + INLINE + b"</c></row>",
    "16384th-unnumbered": b'<row r="1048576">' + b"<c/>" * 16_383 + b'<c t="inlineStr">'
    + INLINE + b"</c></row>",
    # not in the issue: the row's own attributes in another order hide its number
    "row-attr-order": b'<row spans="1:2" r="1048576"><c r="XFD1048576" t="inlineStr">' + INLINE
    + b"</c></row>",
    # found by an attack on the row pieces: one prefixed cell in an otherwise plain sheet was
    # counted by neither form's searches, so the standard form's bound held (process aborted)
    "one-prefixed-cell": b'<row r="1048576"><x:c r="XFD1048576" t="inlineStr">' + INLINE
    + b"</x:c></row>",
}


def stray_xlsx(path: Path, variant: str) -> Path:
    if variant == "namespace-prefix":
        return prefixed_stray_xlsx(path)
    return with_tail(path, STRAY_TAILS[variant])


def prefixed_stray_xlsx(path: Path) -> Path:
    """Not in the issue: the whole sheet written with a namespace prefix (<s:row>, <s:c>),
    which calamine reads by local name; XFD1048576 among its cells."""
    def change(xml: bytes) -> bytes:
        import re

        xml = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                          + INLINE + b"</c></row></sheetData>")
        xml = re.sub(rb"<(/?)([A-Za-z])", rb"<\1s:\2", xml)
        return xml.replace(b"<s:worksheet xmlns=", b"<s:worksheet xmlns:s=", 1)
    return with_sheet(bad_xlsx(path), change)


def unnumbered_row_xlsx(path: Path, row: int = 40_000, cells: int = 1_000) -> Path:
    """Row ``row`` holding ``cells`` cells without a reference, the last one a value: a grid
    of 40 000 × 1 000 cells from a 5 KB file."""
    return with_tail(path, b'<row r="%d">' % row + b"<c/>" * (cells - 1)
                     + b'<c t="inlineStr">' + INLINE + b"</c></row>")


def shared_strings_xlsx(path: Path, unique: int = 4_000_000_000) -> Path:
    """Not in the issue: a shared-string table announcing ``unique`` strings; calamine reserves
    room for all of them (96 GB for 4 000 000 000) and the process aborts."""
    bad_xlsx(path)
    parts = parts_of(path)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d"><si><t>Keterangan</t></si></sst>'
        % (unique, unique))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts[SHEET] = parts[SHEET].replace(
        b'<c r="H5" t="inlineStr"><is><t>Keterangan</t></is></c>', b'<c r="H5" t="s"><v>0</v></c>')
    return write_parts(path, parts)


def wide_merges_xlsx(path: Path, merges: int = 400) -> Path:
    """Not in the issue: ``merges`` merged ranges A{r}:XFD{r+1} under the table (a 6 KB file);
    the merge index keeps all 16 384 columns of each, 32 768 entries per merge."""
    ranges = b"".join(b'<mergeCell ref="A%d:XFD%d"/>' % (100 + 2 * i, 101 + 2 * i)
                      for i in range(merges))
    return with_sheet(bad_xlsx(path), lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="%d">' % merges + ranges
        + b"</mergeCells>"))


# -- .xls (BIFF8), written by hand ----------------------------------------------------------------

def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _compound_file(stream: bytes) -> bytes:
    """A compound file (512-byte sectors, no mini stream) holding one stream, 'Workbook'."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    stream += b"\x00" * (max(4096, -(-len(stream) // 512) * 512) - len(stream))
    sectors = len(stream) // 512
    fat = [0xFFFFFFFD, end, *range(3, sectors + 2), end]  # FAT, directory, the stream's chain
    fat += [free] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<3I", free, free, child) + b"\x00" * 36
                + struct.pack("<3I", start, size, 0))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 2, len(stream))
                 + entry("", 0, free, 0, 0) * 2)
    return header + struct.pack("<128I", *fat) + directory + stream


def biff_xls(path: Path, cells: dict[tuple[int, int], str]) -> Path:
    """An .xls (BIFF8) of one sheet, Pemerintahan, holding text cells {(row, col): text}
    (0-based; a column may pass IV, as the record's 16 bits allow)."""
    strings = list(dict.fromkeys(cells.values()))
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s.encode("latin-1")), 0) + s.encode("latin-1") for s in strings)

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<4H2I", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    name = b"Pemerintahan"
    head = bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    tail = _record(0x00FC, sst) + _record(0x000A, b"")
    sheet_at = len(head) + 4 + 8 + len(name) + len(tail)
    workbook = (head + _record(0x0085, struct.pack("<I4B", sheet_at, 0, 0, len(name), 0) + name)
                + tail)
    rows, columns = max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1
    sheet = bof(0x0010) + _record(0x0200, struct.pack("<2I3H", 0, rows, 0, min(columns, 0xFFFF),
                                                      0))
    for (row, column), text in sorted(cells.items()):
        sheet += _record(0x00FD, struct.pack("<3HI", row, column, 15, strings.index(text)))
    path.write_bytes(_compound_file(workbook + sheet + _record(0x000A, b"")))
    return path


def far_cell_xls(path: Path, column: int) -> Path:
    """A hostile .xls: its own two activities and one value in row 65 536, column ``column``
    (0-based: 255 is IV, the last BIFF8 column; 16 383 is past any Excel writes)."""
    rows = good_rows(first=BAD_FIRST)
    cells = {(r, c): str(v) for r, row in enumerate(rows) for c, v in enumerate(row)
             if v not in (None, "")}
    return biff_xls(path, {**cells, (65_535, column): "x"})


# -- point 2: within every cap --------------------------------------------------------------------

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_MANIFEST = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
             b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
             b'<manifest:file-entry manifest:full-path="/" manifest:media-type="' + ODS_MIME
             + b'"/><manifest:file-entry manifest:full-path="content.xml" '
             b'manifest:media-type="text/xml"/></manifest:manifest>')


def ods_of(path: Path, tables: str, pad: int = 0) -> Path:
    """An .ods whose spreadsheet body is ``tables`` (raw table:table elements); ``pad``: bytes of
    a stored incompressible extra part."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
               f'office:version="1.2"><office:body><office:spreadsheet>{tables}'
               "</office:spreadsheet></office:body></office:document-content>").encode()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIME, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if pad:
            archive.writestr("Thumbnails/pad.bin", os.urandom(pad), zipfile.ZIP_STORED)
    return path


def ods_text(value: object) -> str:
    return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>")


def repeated_row_ods(path: Path, repeats: int = 1_040_000, width: int = 12, pad: int = 0) -> Path:
    """A 1 KB .ods: one row of ``width`` texts repeated ``repeats`` times (under the row cap
    of 1 048 576, and the columns within A-Z): 12.5 million cells. ``pad``: see :func:`ods_of`
    (eight such files with 140 KB each pass the pool's 1 MB threshold)."""
    row = (f'<table:table-row table:number-rows-repeated="{repeats}">' + ods_text("x") * width
           + "</table:table-row>")
    return ods_of(path, f'<table:table table:name="Pemerintahan">{row}</table:table>', pad)


def repeated_activity_ods(path: Path, repeats: int = 1_040_000) -> Path:
    """Not in the issue: a header, then one activity row repeated ``repeats`` times (a 1 KB file
    of a million activities, every one a duplicate of the first)."""
    header = "<table:table-row>" + "".join(map(ods_text, HEADER)) + "</table:table-row>"
    row = (f'<table:table-row table:number-rows-repeated="{repeats}">'
           + "".join(map(ods_text, ("1", "12/03/2026", "Rakor desa", "Rakor", "", "Ya", "ok", "")))
           + "</table:table-row>")
    return ods_of(path, f'<table:table table:name="Pemerintahan">{header}{row}</table:table>')


def one_byte_lines_csv(path: Path, megabytes: int = 40) -> Path:
    """``megabytes`` MB of one-byte lines: 20 971 520 rows of "x" for 40 MB."""
    path.write_bytes(b"x\n" * (megabytes * (1 << 20) // 2))
    return path


def wide_line_csv(path: Path, fields: int = 10_000_000) -> Path:
    """One line of ``fields`` fields "x" (20 MB)."""
    path.write_bytes(b"x," * (fields - 1) + b"x\r\n")
    return path


def wide_rows_csv(path: Path, megabytes: int = 40, width: int = 1_000) -> Path:
    """Not in the issue: ``megabytes`` MB of lines of ``width`` empty fields (40 000 rows of
    1 000 columns for 40 MB: 40 million cells)."""
    line = b"," * (width - 1) + b"\n"
    path.write_bytes(line * (megabytes * (1 << 20) // len(line)))
    return path


def repeated_header_csv(path: Path, lines: int = 10_000) -> Path:
    """Not in the issue: the header line and nothing else, ``lines`` times (520 KB for 10 000).
    Each repeated header looks back over every line since the table began: quadratic since
    05cef10 (2 000 lines 17 s, 5 000 lines 91 s; 0.5 s before it)."""
    path.write_bytes(b"Uraian Kegiatan,Jenis Bukti Dukung,Ditindaklanjuti\r\n" * lines)
    return path


def empty_elements_workbook_xml(path: Path, megabytes: int = 50) -> Path:
    """A hostile workbook whose xl/workbook.xml carries ``megabytes`` MB of empty elements
    before its <sheets>, every part stored (a stored part has no packing ratio to judge)."""
    bad_xlsx(path)
    parts = parts_of(path)
    xml = parts["xl/workbook.xml"]
    at = xml.index(b"<sheets>")
    parts["xl/workbook.xml"] = xml[:at] + b"<x/>" * (megabytes * (1 << 20) // 4) + xml[at:]
    return write_parts(path, parts, stored=True)


# -- point 3: what is not a regular file ----------------------------------------------------------

SPECIAL_KINDS = ("fifo", "dev-zero", "loop", "unreadable-subfolder")


def special_entry(folder: Path, kind: str) -> Path:
    """One entry in ``folder`` that is not a regular file (returns its path): a FIFO named
    rekap.csv, a symlink rekap.xlsx to /dev/zero, a symlink loop, or a subfolder holding a good
    file that its owner cannot read."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(folder / "rekap.csv")
        return folder / "rekap.csv"
    if kind == "dev-zero":
        (folder / "rekap.xlsx").symlink_to("/dev/zero")
        return folder / "rekap.xlsx"
    if kind == "loop":
        (folder / "b_putar.xlsx").symlink_to(folder / "c_putar.xlsx")
        (folder / "c_putar.xlsx").symlink_to(folder / "b_putar.xlsx")
        return folder / "b_putar.xlsx"
    if kind == "unreadable-subfolder":
        sub = folder / "seksi_trantib"
        sub.mkdir()
        bad_xlsx(sub / "trantib.xlsx")
        sub.chmod(0)
        return sub
    raise ValueError(kind)


def can_drop_file_access() -> bool:
    """Whether a child can be made to meet file permissions: as root, through setpriv."""
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


# -- point 4: outputs -----------------------------------------------------------------------------

def report_with_views(path: Path) -> Path:
    """A report workbook holding a custom sheet view, a custom workbook view and ignoredErrors
    (Excel's "Ignore error" on a number stored as text), each where the schema puts it; openpyxl
    drops all three when --ke rewrites the file."""
    write_xlsx(path, [SheetSpec("Laporan", [["Laporan kinerja"], ["Angka sebagai teks", "12"]])])
    parts = parts_of(path)
    guid = b"{8A3C1F2E-1111-4A2B-9C3D-0123456789AB}"
    views = (b'<customSheetViews><customSheetView guid="%s" scale="85"><selection activeCell="B2"'
             b' sqref="B2"/></customSheetView></customSheetViews>' % guid)
    ignored = b'<ignoredErrors><ignoredError sqref="B2" numberStoredAsText="1"/></ignoredErrors>'
    sheet = parts[SHEET].replace(b"</sheetData>", b"</sheetData>" + views, 1)
    parts[SHEET] = sheet.replace(b"</worksheet>", ignored + b"</worksheet>", 1)
    custom = (b'<customWorkbookViews><customWorkbookView name="Kepala Seksi - Pribadi" guid="%s" '
              b'windowWidth="800" windowHeight="600" activeSheetId="1"/></customWorkbookViews>'
              % guid)
    workbook = parts["xl/workbook.xml"]
    at = workbook.index(b">", workbook.index(b"<calcPr")) + 1
    parts["xl/workbook.xml"] = workbook[:at] + custom + workbook[at:]
    return write_parts(path, parts)


VIEW_MARKS = ((SHEET, b"<customSheetView "), (SHEET, b"<ignoredError "),
              ("xl/workbook.xml", b"<customWorkbookView "))


def big_report(path: Path, rows: int = 3_000) -> Path:
    """A report workbook large enough (a second or two to load and save) that two --ke runs
    started together overlap."""
    data = [[f"baris {i}", i, i * 2, "catatan kegiatan bulanan"] * 3 for i in range(rows)]
    return write_xlsx(path, [SheetSpec("Laporan", [["Laporan kinerja"], *data])])


@contextlib.contextmanager
def full_tmpfs(folder: Path) -> Iterator[Path]:
    """``folder`` as a tmpfs of 64 KB, filled up but for an old ringkasan.xlsx ("lama"); raises
    OSError when it cannot be mounted (not root, no mount)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs",
                           str(folder)], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or "mount failed")
    try:
        (folder / "ringkasan.xlsx").write_bytes(b"lama")
        with contextlib.suppress(OSError), (folder / ".isi").open("wb") as filler:
            while True:
                filler.write(b"\x00" * 4096)
                filler.flush()
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


# Ctrl+C arriving while a part of the output workbook is being closed: the KeyboardInterrupt
# leaves the zip with an open writing handle, and closing the zip then raises ValueError.
CTRL_C_IN_ZIP_CLOSE = """
import runpy, sys, zipfile
close = zipfile._ZipWriteFile.close
hit = []
def interrupted(self):
    if not hit and str(self._zipfile.filename or "").endswith(".tmp"):
        hit.append(1)
        raise KeyboardInterrupt
    return close(self)
zipfile._ZipWriteFile.close = interrupted
sys.argv = ["iku", *sys.argv[1:]]
runpy.run_module("iku_cli", run_name="__main__")
"""


# -- point 5: names and text that reach the terminal ----------------------------------------------

ESCAPE_NAME = "rekap\x1b[2J\x1b]0;iku dibobol\x07\x1b[31m.xlsx"  # clears, retitles, turns red
FORGED_NAME = ("a.xlsx\ngalat      laporan_kepala.xlsx: berkas palsu, hapus laporan_kepala.xlsx"
               " lalu jalankan ulang")
FORGED_LINE = "galat      laporan_kepala.xlsx"
RTL_NAME = "rekap_\u202exslx.exe"  # shows as rekap_exe.xlsx
HOSTILE_TEXT = "\x1b[2J\x1b[31m\u202e"


def hostile_text_xlsx(path: Path, text: str = HOSTILE_TEXT) -> Path:
    """A hostile workbook whose sheet name ends with ``text`` (raw in the XML, as calamine reads
    it) and whose status cells read 'Sudah' + ``text`` (an unknown status: a galat quoting it)."""
    bad_xlsx(path)
    parts = parts_of(path)
    raw = text.encode()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'name="Pemerintahan"', b'name="Pemerintahan ' + raw + b'"')
    parts[SHEET] = parts[SHEET].replace(b"<t>Ya</t>", b"<t>Sudah " + raw + b"</t>")
    return write_parts(path, parts)


def hostile_text_csv(path: Path, text: str = HOSTILE_TEXT) -> Path:
    rows = good_rows(first=BAD_FIRST)
    rows[-1][3] = "Notulen " + text  # the evidence of the last activity
    rows[-1][5] = "Sudah " + text  # its status
    return write_csv(path, rows)


NON_UTF8_NAME = b"rekap_\xff\xfe.xlsx"  # a name from a Windows zip, not UTF-8


# -- the fuzzed offset, point 7 -------------------------------------------------------------------

def bad_local_header_offset(path: Path) -> Path:
    """A stored workbook whose central directory sends the sheet's local header to 10 bytes
    before the file's end (what the fuzzer found: struct.error, exit 4)."""
    write_parts(path, parts_of(bad_xlsx(path)), stored=True)
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x01\x02")
    while start >= 0:
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46: start + 46 + length] == SHEET.encode():
            struct.pack_into("<I", data, start + 42, len(data) - 10)
            break
        start = data.find(b"PK\x01\x02", start + 4)
    path.write_bytes(bytes(data))
    return path


def utf16_csv(path: Path) -> Path:
    """What Excel saves as "Unicode Text": UTF-16 LE with a BOM, tab-separated (renamed .csv)."""
    text = "".join("\t".join("" if v is None else str(v) for v in row) + "\r\n"
                   for row in good_rows(first=BAD_FIRST))
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path


def long_field_csv(path: Path, size: int = 200_000) -> Path:
    """A CSV whose last Keterangan is a quoted field of ``size`` characters (Python's csv stops
    at 131 072: "field larger than field limit")."""
    rows = good_rows(first=BAD_FIRST)
    rows[-1][-1] = "panjang, sekali " * (size // 16)
    return write_csv(path, rows)


def broken_ods(path: Path) -> Path:
    """An .ods calamine refuses with "Cannot detect file format" (a float cell whose value is
    not a number)."""
    return ods_of(path, '<table:table table:name="Pemerintahan"><table:table-row>'
                        '<table:table-cell office:value-type="float" office:value="abc">'
                        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>")


def character_reference_xlsx(path: Path) -> Path:
    """A cell reference written with a character reference (r="XFD&#49;048576"): calamine's
    error is English ("Expecting alphanumeric character, got 26")."""
    return with_tail(path, b'<row r="1048576"><c r="XFD&#49;048576" t="inlineStr">' + INLINE
                     + b"</c></row>")


def duplicate_part_xlsx(path: Path) -> Path:
    """A workbook naming docProps/app.xml twice, with a stray cell so that a trimmed copy is
    rezipped: zipfile's "UserWarning: Duplicate name" went to stderr raw."""
    with_tail(path, b'<row r="1048576"><c r="XFD1048576" t="inlineStr">' + INLINE + b"</c></row>")
    parts = parts_of(path)
    return write_parts(path, [*parts.items(), ("docProps/app.xml", parts["docProps/app.xml"])])


MIXED_UTF8 = "Musyawarah desa – café"
MIXED_CP1252 = "Rakor café desa"


def mixed_encoding_csv(path: Path) -> Path:
    """A UTF-8 CSV one line of which was pasted from a cp1252 file; decoded as cp1252 as a
    whole, the UTF-8 line turns to mojibake ("â€“ cafÃ©")."""
    rows = good_rows(first=BAD_FIRST)
    rows[-2][2], rows[-1][2] = MIXED_UTF8, MIXED_CP1252
    lines = write_csv(path, rows).read_bytes().split(b"\r\n")
    lines[-2] = lines[-2].decode("utf-8").encode("cp1252")
    path.write_bytes(b"\r\n".join(lines))
    return path


# -- the child ------------------------------------------------------------------------------------

def iku_argv() -> list[str]:
    """`iku` as installed beside this interpreter (the virtualenv's script), else `-m`."""
    script = Path(sys.executable).with_name("iku")
    return [str(script)] if script.exists() else [sys.executable, "-m", "iku_cli"]


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IKU_", "PYTEST_"))}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    env.update(extra)
    return env


@dataclass
class Outcome:
    """What a child did: its exit code (negative: killed by that signal; None: timed out and
    killed), wall time, peak memory and output."""

    argv: list[str]
    code: int | None
    seconds: float
    peak_mb: float  # ru_maxrss from os.wait4: the largest process of the child's tree
    group_mb: float  # sampled: PSS summed over the child's session (pool workers included)
    stdout: bytes
    stderr_bytes: bytes

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")

    @property
    def peak(self) -> float:
        return max(self.peak_mb, self.group_mb)

    @property
    def first_line(self) -> str:
        """The first stderr line that says something (the count line skipped), controls shown
        escaped."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        said = [line for line in lines if not line.startswith(("Masalah:", "Jalankan `iku"))]
        line = (said or lines or [""])[0]
        return "".join(repr(ch)[1:-1] if ch in RAW_CONTROLS else ch for ch in line)

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout)


def _session_kb(session: int, leave_out: int) -> int:
    """PSS (else RSS) summed over the live processes of ``session`` but ``leave_out``."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == leave_out:
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # state ppid pgrp session ...
                continue
            try:
                with open(f"/proc/{entry.name}/smaps_rollup", "rb") as handle:
                    total += next(int(line.split()[1]) for line in handle
                                  if line.startswith(b"Pss:"))
            except (OSError, StopIteration):
                with open(f"/proc/{entry.name}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * (os.sysconf("SC_PAGESIZE") >> 10)
        except (OSError, IndexError, ValueError):
            continue
    return total


# The child's parent: a bare interpreter (-S) that forks the command under the ceiling in a
# process group of its own, kills that group at the timeout, and writes the command's rusage
# from os.wait4. A process's ru_maxrss starts from the resident size of the process it was
# forked from (Linux records the old memory's high-water mark at exec): forked from this small
# launcher, not from a test runner grown by building large files, the figure is the command's.
LAUNCHER = """
import json, os, resource, sys, time
result, timeout, memory, argv = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
started = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.setpgid(0, 0)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
try:
    os.setpgid(pid, pid)
except OSError:
    pass
timed_out, pause = False, 0.005
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if time.monotonic() - started > timeout:
        timed_out = True
        os.killpg(pid, 9)
        done, status, usage = os.wait4(pid, 0)
        break
    time.sleep(pause)
    pause = min(pause * 1.5, 0.05)
seconds = time.monotonic() - started
try:
    os.killpg(pid, 9)
except OSError:
    pass
with open(result, "w") as out:
    json.dump({"code": None if timed_out else os.waitstatus_to_exitcode(status),
               "seconds": seconds, "maxrss_kb": usage.ru_maxrss}, out)
"""


def run_child(argv: Sequence[str], *, cwd: Path | None = None, timeout: float = 30.0,
              env: dict[str, str] | None = None, drop_file_access: bool = False,
              stdout_path: str | None = None, memory: int = MEMORY_CEILING) -> Outcome:
    """Run ``argv`` (through :data:`LAUNCHER`, in a session of its own) under an address-space
    ceiling of ``memory`` bytes; kill it with its process group at ``timeout`` seconds.
    ``drop_file_access``: file permissions apply even to root (setpriv drops CAP_DAC_OVERRIDE
    and CAP_DAC_READ_SEARCH). ``stdout_path``: stdout goes to that file (e.g. /dev/full)
    instead of being captured."""
    argv = [str(a) for a in argv]
    if drop_file_access and os.geteuid() == 0:
        argv = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *argv]
    with tempfile.TemporaryDirectory(prefix="iku-child-") as scratch, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(stdout_path or os.devnull, "wb") as redirected:
        result = Path(scratch) / "rusage.json"
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(result), str(timeout), str(memory), *argv],
            cwd=cwd, env=env or child_env(), stdin=subprocess.DEVNULL,
            stdout=redirected if stdout_path else out, stderr=err, start_new_session=True)
        started, group_kb, pause = time.perf_counter(), 0, 0.01
        while process.poll() is None:
            group_kb = max(group_kb, _session_kb(process.pid, leave_out=process.pid))
            if time.perf_counter() - started > timeout + 30:  # the launcher itself is stuck
                kill_session(process.pid)
                process.wait()
                break
            time.sleep(pause)
            pause = min(pause * 1.5, 0.1)
        kill_session(process.pid)  # pool workers an abort left behind
        try:
            measured = json.loads(result.read_text())
        except (OSError, ValueError):
            measured = {"code": None, "seconds": time.perf_counter() - started, "maxrss_kb": 0}
        out.seek(0)
        err.seek(0)
        return Outcome(argv, measured["code"], measured["seconds"], measured["maxrss_kb"] / 1024,
                       group_kb / 1024, out.read(), err.read())


def kill_session(session: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(session, signal.SIGKILL)


def run_iku(*args: str | os.PathLike[str] | bytes, timeout: float = 30.0,
            **options: Any) -> Outcome:
    """`iku ARGS` in a child (see :func:`run_child`); a bytes argument is a raw file name."""
    return run_child([*iku_argv(), *(os.fsdecode(a) for a in args)], timeout=timeout,
                     **options)


def snapshot(path: Path) -> tuple[int, bytes]:
    """What ``path`` is, not following a link: its type and its bytes (a link: its target)."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return stat.S_IFMT(mode), os.fsencode(os.readlink(path))
    return stat.S_IFMT(mode), path.read_bytes() if stat.S_ISREG(mode) else b""


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def two_ke_runs_at_once(good: Path, report: Path, **options: Any) -> tuple[dict[str, Outcome],
                                                                           list[str]]:
    """Two `iku hitung GOOD --ke REPORT` started together, into sheets IKU_A and IKU_B: each
    run's outcome, and the report's sheets afterwards."""
    import threading

    import openpyxl

    outcomes: dict[str, Outcome] = {}

    def write(sheet: str) -> None:
        outcomes[sheet] = run_iku("hitung", good, "--ke", report, "--sheet", sheet, **options)

    threads = [threading.Thread(target=write, args=(s,)) for s in ("IKU_A", "IKU_B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, openpyxl.load_workbook(report, read_only=True).sheetnames
