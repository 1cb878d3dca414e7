"""A copy of a workbook's zip with some parts given new bytes, every other part's packed bytes
copied as they are (nothing unpacked or packed again). In memory; the input is untouched.

Used for the copies python-calamine reads: each sheet's merged ranges placed first
(:mod:`.xlsx_merges`) and a big sheet's row pieces, stored (:mod:`.xlsx_pieces`).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from iku_cli.inputs.inflate import crc32
from iku_cli.inputs.zipguard import ZipGuard

__all__ = ["NewPart", "copy_with", "stored"]

_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END_RECORD = struct.Struct("<4s4H2IH")
_KEPT_FLAGS = 0x806  # UTF-8 names, deflate's option bits; never a data descriptor
_ZIP64_LIMIT = 0xFFFFFFFF

Chunk = bytes | memoryview


@dataclass(frozen=True)
class NewPart:
    """A part's new content as written into the zip (packed by ``method``, in chunks that are
    joined only once, into the copy), and the CRC and size of its unpacked bytes."""

    chunks: Sequence[Chunk]
    method: int
    crc: int
    size: int


def stored(chunks: Sequence[Chunk]) -> NewPart:
    """A part written as it is (not packed): its CRC taken over the chunks in turn."""
    crc = 0
    for chunk in chunks:
        crc = crc32(chunk, crc)  # (releases the interpreter lock for long chunks)
    return NewPart(chunks, zipfile.ZIP_STORED, crc, sum(len(chunk) for chunk in chunks))


def copy_with(guard: ZipGuard, changed: dict[str, NewPart],
              leave_out: frozenset[str] = frozenset()) -> bytes | None:
    """The workbook with each part named in ``changed`` written anew and the parts named in
    ``leave_out`` left out. None (use the input) when the zip is not one to rewrite so: a part
    named twice, a part too large for a plain zip, a method other than deflate or stored."""
    infos = [info for info in guard.archive.infolist() if info.filename not in leave_out]
    if len({info.filename for info in infos}) != len(infos):
        return None
    body: list[Chunk] = []
    central: list[bytes] = []
    offset = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        part = changed.get(info.filename)
        if part is None:
            part = NewPart((guard.packed(info),), info.compress_type, info.CRC, info.file_size)
        packed = sum(len(chunk) for chunk in part.chunks)
        name = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        if max(packed, part.size, offset) >= _ZIP64_LIMIT:
            return None
        flags = info.flag_bits & _KEPT_FLAGS
        if part.method == zipfile.ZIP_STORED:
            flags &= 0x800  # deflate's option bits mean nothing for a stored part
        time, date = _dos_time(info.date_time)
        central.append(_CENTRAL.pack(
            b"PK\x01\x02", 20, 20, flags, part.method, time, date, part.crc, packed, part.size,
            len(name), 0, 0, 0, info.internal_attr, info.external_attr, offset) + name)
        header = _LOCAL.pack(b"PK\x03\x04", 20, flags, part.method, time, date, part.crc,
                             packed, part.size, len(name), 0) + name
        body.append(header)
        body.extend(part.chunks)
        offset += len(header) + packed
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory),
                           offset, 0)
    return b"".join([*body, directory, end])


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11 | minute << 5 | second // 2,
            max(year - 1980, 0) << 9 | month << 5 | day)
