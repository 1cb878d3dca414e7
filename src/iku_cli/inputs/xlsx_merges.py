"""Each sheet's merged ranges placed first in the copy of an .xlsx that python-calamine reads.

python-calamine reads a worksheet twice: once for its cells, then once more through the whole
sheet for the ``<mergeCells>`` element that follows them (calamine's reader stops at the first
such element; without one it reads to the end) — a second XML parse, 0.4 s of a 100 000-row
sheet. In the copy handed to it, each worksheet part starts with a verbatim copy of that first
element (or an empty one when there is none), so the second read stops at once; the cells'
reader passes over it as over any element outside ``sheetData``.

Nothing is packed again: a part's new packed bytes are the element's few packed bytes (a
flushed deflate block) followed by the part's original deflate stream, which a decoder simply
continues — so the copy costs a CRC and a few KB of writing, not a recompression, and stays
the size of the file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

from iku_cli.inputs.zipguard import ZipGuard

__all__ = ["Prefix", "merges_first", "prefixed_copy"]

_START = b"<mergeCells"
_END = b"</mergeCells>"
_EMPTY = b"<mergeCells></mergeCells>"


@dataclass(frozen=True)
class Prefix:
    """What goes before one part: the bytes, and the CRC and size of the part with them."""

    data: bytes
    crc: int
    size: int


def merges_first(xml: bytes) -> Prefix | None:
    """The prefix for a worksheet part: a copy of the first ``<mergeCells>…</mergeCells>``
    element, or an empty one; None when the reader might see the part otherwise than these
    byte searches do (a BOM or spaces first, a comment, CDATA or processing instruction before
    the element ends, a prefixed or self-closing element) — the part is then left as it is."""
    if not xml.startswith(b"<"):
        return None
    start = xml.find(_START)
    if start < 0:
        if xml.find(b":mergeCells") >= 0:
            return None
        element, end = _EMPTY, len(xml)
    else:
        close = xml.find(_END, start)
        if close < 0:
            return None
        end = close + len(_END)
        element = xml[start:end]
        after_name = element[len(_START):len(_START) + 1]
        tag = element[:element.find(b">") + 1]
        if after_name not in (b" ", b"\t", b"\r", b"\n", b">") or tag.endswith(b"/>") \
                or element.count(b"mergeCells") != 2 or xml.find(b":mergeCells", 0, start) >= 0:
            return None
    # a comment, CDATA or processing instruction could hide or fake the element from a search
    if xml.find(b"<!", 0, end) >= 0 or xml.find(b"<?", 1, end) >= 0:
        return None
    return Prefix(element, zlib.crc32(xml, zlib.crc32(element)), len(element) + len(xml))


_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END_RECORD = struct.Struct("<4s4H2IH")
_KEPT_FLAGS = 0x806  # UTF-8 names, deflate's option bits; never a data descriptor
_ZIP64_LIMIT = 0xFFFFFFFF


def prefixed_copy(guard: ZipGuard, prefixes: dict[str, Prefix]) -> bytes | None:
    """A copy of the workbook in which each part named in ``prefixes`` starts with its prefix;
    every other part's packed bytes copied as they are. None (use the input) when the zip is
    not one to rewrite so: a part named twice, a part too large for a plain zip, a method
    other than deflate or stored."""
    infos = guard.archive.infolist()
    if len({info.filename for info in infos}) != len(infos):
        return None
    out = bytearray()
    central = bytearray()
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        packed: bytes | memoryview = guard.packed(info)
        crc, size = info.CRC, info.file_size
        prefix = prefixes.get(info.filename)
        if prefix is not None:
            packed = _prepended(prefix.data, packed, info.compress_type)
            crc, size = prefix.crc, prefix.size
        name = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        if max(len(packed), size, len(out)) >= _ZIP64_LIMIT:
            return None
        flags = info.flag_bits & _KEPT_FLAGS
        time, date = _dos_time(info.date_time)
        central += _CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, info.compress_type, time, date,
                                 crc, len(packed), size, len(name), 0, 0, 0, info.internal_attr,
                                 info.external_attr, len(out)) + name
        out += _LOCAL.pack(b"PK\x03\x04", 20, flags, info.compress_type, time, date, crc,
                           len(packed), size, len(name), 0) + name
        out += packed
    offset = len(out)
    out += central
    out += _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(central), offset, 0)
    return bytes(out)


def _prepended(prefix: bytes, packed: bytes | memoryview, method: int) -> bytes:
    if method == zipfile.ZIP_STORED:
        return prefix + bytes(packed)
    # a raw deflate stream of the prefix, ended by a sync flush (byte-aligned, not final): the
    # part's own stream goes on from there, its back-references never reaching before itself
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(prefix) + packer.flush(zlib.Z_SYNC_FLUSH) + bytes(packed)


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11 | minute << 5 | second // 2,
            max(year - 1980, 0) << 9 | month << 5 | day)
