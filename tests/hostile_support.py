"""Builders of broken and hostile workbooks for test_hostile.py: every file is made in the test,
from a good workbook whose zip parts are rewritten byte by byte."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app

SHEET = "xl/worksheets/sheet1.xml"
TITLE = ["SEKSI PEMERINTAHAN KECAMATAN GUCIALIT", "TAHUN 2026"]
SECRET = "RAHASIA-KANTOR-7f3a9c"  # the content of a file an external entity points at
# "billion laughs": ten levels of ten references, 10^9 'lol' if a parser expanded them
LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                 * 10) for i in range(1, 10)) + b"]>")
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def act(no: int, text: str | None = None, bukti: Any = "Rakor", status: Any = "Ya",
        nomor: Any = None) -> list[Any]:
    return [no, "12/03/2026", text or f"Rakor kegiatan nomor {no}", bukti, nomor, status, "ok",
            None]


def good_xlsx(path: Path, n: int = 2, first: int = 1) -> Path:
    rows = simple_rekap([act(first + i) for i in range(n)], title=TITLE)
    return write_xlsx(path, [SheetSpec("Pemerintahan", rows)])


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes], stored: frozenset[str] = frozenset()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data, zipfile.ZIP_STORED if name in stored else None)
    return path


def rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """The workbook with one part changed (the others as they were)."""
    parts = parts_of(path)
    parts[part] = change(parts[part])
    return write_parts(path, parts)


def with_doctype(doctype: bytes, before: bytes, after: bytes) -> Callable[[bytes], bytes]:
    """A DTD in front of the part's root element, and an entity reference put in its text."""
    def change(xml: bytes) -> bytes:
        if xml.startswith(b"<?xml"):
            declaration, _, rest = xml.partition(b"?>")
            return declaration + b"?>" + doctype + rest.replace(before, after, 1)
        return doctype + xml.replace(before, after, 1)
    return change


def external_entity(target: Path) -> bytes:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'.encode()


# (signature, offset of the name length, offset of the name, offset of the unpacked size)
_ZIP_HEADERS = ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24))


def set_declared_size(path: Path, member: str, size: int) -> Path:
    """Make a part claim another unpacked size (local header and central directory alike)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, name_length_at, name_at, size_at in _ZIP_HEADERS:
        start = data.find(signature)
        while start >= 0:
            length = struct.unpack_from("<H", data, start + name_length_at)[0]
            if data[start + name_at: start + name_at + length] == name:
                struct.pack_into("<I", data, start + size_at, size)
                break
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def bomb_xlsx(path: Path, megabytes: int) -> Path:
    """A real workbook whose sheet ends in ``megabytes`` MB of empty rows packed ~1000:1."""
    good_xlsx(path)
    parts = parts_of(path)
    filler = b"<row/>" * (megabytes * (1 << 20) // 6)
    parts[SHEET] = parts[SHEET].replace(b"</sheetData>", filler + b"</sheetData>")
    return write_parts(path, parts)


def blank_formatted_rows(path: Path, rows: int, cells: bool) -> Path:
    """A rekap followed by ``rows`` rows formatted but empty, written straight into the XML
    (``cells``: each row also holds two styled cells without a value, as Excel writes when a
    whole column was formatted)."""
    good_xlsx(path, 3)
    parts = parts_of(path)
    xml = parts[SHEET]
    last = int(xml.rsplit(b'<row r="', 1)[1].split(b'"', 1)[0])
    if cells:
        filler = b"".join(b'<row r="%d"><c r="A%d" s="1"/><c r="H%d" s="1"/></row>' % (r, r, r)
                          for r in range(last + 1, last + 1 + rows))
    else:
        filler = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % r
                          for r in range(last + 1, last + 1 + rows))
    xml = xml.replace(b"</sheetData>", filler + b"</sheetData>")
    parts[SHEET] = xml.replace(b'<dimension ref="A1:H6" />',
                               b'<dimension ref="A1:H%d" />' % (last + rows))
    return write_parts(path, parts)


def error_cells(path: Path, cells: dict[str, bytes]) -> Path:
    """Cells turned into Excel error cells: ref -> error value (b'#N/A'), as Excel saves a
    formula that failed."""
    def change(xml: bytes) -> bytes:
        for ref, error in cells.items():
            start = xml.index(b'<c r="%s"' % ref.encode())
            end = xml.index(b"</c>", start) + 4
            xml = xml[:start] + (b'<c r="%s" t="e"><f>VLOOKUP(A1,Z1:Z2,2,0)</f><v>%s</v></c>'
                                 % (ref.encode(), error)) + xml[end:]
        return xml
    return rewrite(path, SHEET, change)


def deflate_raw(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def lo_python() -> str | None:
    """The system python3 when it has LibreOffice's uno module (and soffice exists)."""
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    if not shutil.which("soffice") or python is None or python == sys.executable:
        return None
    done = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=60)
    return python if done.returncode == 0 else None


_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # a central directory entry (zipfile's layout)


def listing_zip(path: Path, entries: int, *, declared: int | None = None,
                zip64: bool = False, comment: bytes = b"", extra: bytes = b"") -> Path:
    """A zip of one small part whose table of contents lists it ``entries`` times (each entry
    pointing at the same local header): tens of megabytes of contents for a few bytes of data.
    ``declared``: the number of entries its end record states (default: the true one);
    ``zip64``: that number and the contents' size stand in a zip64 end record; ``extra``: the
    extra field of every entry."""
    name, content = b"[Content_Types].xml", b"<Types/>"
    crc = zlib.crc32(content)
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(content),
                        len(content), len(name), 0) + name + content
    central = b"".join(
        _CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, 0, 0, 0, 0, crc, len(content), len(content),
                      10, len(extra), 0, 0, 0, 0, 0) + b"p%09d" % n + extra
        for n in range(entries))
    stated = entries if declared is None else declared
    end = b""
    if zip64:
        record_at = len(local) + len(central)
        end += struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, stated, stated,
                           len(central), len(local))
        end += struct.pack("<4sLQL", b"PK\x06\x07", 0, record_at, 1)
        end += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                           0xFFFFFFFF, len(comment))
    else:
        end += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, stated & 0xFFFF, stated & 0xFFFF,
                           len(central), len(local), len(comment))
    path.write_bytes(local + central + end + comment)
    return path
