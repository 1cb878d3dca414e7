"""Open a workbook's zip without trusting it (.xlsx, .xlsm, .ods).

A zip states each part's packed and unpacked size, and both can lie. Before python-calamine
(which unpacks parts itself) is handed a file, every part is checked here: the declared sizes
against the caps of :mod:`.limits`, then the part itself unpacked under a cap of its declared
size, so a part that unpacks to more than it claims (a zip bomb in disguise) is caught after
at most one byte too many. A part whose size or CRC does not match is a damaged file, and an
XML part with a DTD (entity tricks: "billion laughs", external entities) is refused — Excel and
LibreOffice never write one.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from iku_cli.inputs import inflate
from iku_cli.limits import (
    MAX_ZIP_DIRECTORY,
    MAX_ZIP_EXTRA,
    MAX_ZIP_EXTRAS,
    MAX_ZIP_MEMBERS,
    MB,
    RATIO_FROM_BYTES,
    Limits,
)
from iku_cli.numbers import decimal
from iku_cli.problems import Code, ReadFailure

# What a damaged zip can raise while it is opened or a member inflated (inflate.ERRORS for a
# corrupt deflate stream, NotImplementedError for an unknown compression method, ...).
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, *inflate.ERRORS, EOFError, OSError, ValueError, KeyError,
    NotImplementedError, RuntimeError, OverflowError, struct.error,
)

_LOCAL_HEADER = struct.Struct("<4s5H3I2H")  # signature ... name length, extra length
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")  # the prolog (where a DTD must stand) ends here
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_ENCRYPTED = 0x1  # general purpose flag: the part is encrypted (zip's own password)
_DATA_DESCRIPTOR = 0x8  # sizes and CRC follow the data; the local header holds zeros
# The end of the zip, as zipfile finds it: the end record (after it only a comment of at most
# 64 KiB), and for zip64 a locator and a record of its own just before it.
_END = struct.Struct("<4s4H2LH")  # signature, disks, entries here, entries, size, offset, comment
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")  # signature ... entries here, entries, size, offset
_ENTRY = 46  # a central directory entry's fixed part; its name, extra, comment lengths at 28
_ENTRY_SIGNATURE = b"PK\x01\x02"
_LENGTHS = struct.Struct("<3H")


def damaged(detail: str) -> ReadFailure:
    return ReadFailure(Code.DAMAGED_FILE, detail)


class ZipGuard:
    """A workbook's zip, its declared sizes checked; :meth:`read` unpacks one part safely."""

    def __init__(self, data: bytes, limits: Limits,
                 unpacked: dict[str, bytes] | None = None) -> None:
        """``unpacked``: parts of these very bytes already unpacked by :meth:`read` (on the
        prefetch thread): handed out once, as read would unpack them."""
        check_directory(data)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except ZIP_ERRORS as error:
            raise damaged("arsip zip tidak utuh") from error
        self.data = data
        self.limits = limits
        self.infos = {info.filename: info for info in infos}
        self.checked: set[str] = set()
        check_declared(infos, limits)
        self.unpacked = unpacked or {}  # (after the declared sizes passed this run's limits)

    def names(self) -> set[str]:
        return set(self.infos)

    def read(self, name: str) -> bytes:
        """One part, unpacked under the cap of its declared size; size, CRC and DTD checked."""
        info = self.infos.get(name)
        if info is None:
            raise damaged(f"bagian {name} tidak ada")
        ahead = self.unpacked.pop(name, None)
        if ahead is not None:
            self.checked.add(name)
            return ahead
        try:
            raw = self.packed(info)
            if info.compress_type == zipfile.ZIP_STORED:
                data = bytes(raw)
            elif info.compress_type == zipfile.ZIP_DEFLATED:
                # at most one byte past the declared size: enough to know it lied
                data = inflate.unpack(raw, info.file_size + 1)
            else:
                raise damaged(f"cara pemadatan bagian {name} tidak dikenal")
        except inflate.ERRORS as error:
            raise damaged(f"bagian {name} tidak bisa dibuka") from error
        if len(data) > info.file_size:
            raise damaged(f"bagian {name} lebih besar daripada ukuran yang tertulis")
        if len(data) < info.file_size or inflate.crc32(data) != info.CRC:
            raise damaged(f"bagian {name} terpotong atau berubah (CRC tidak cocok)")
        if name.endswith(_XML_SUFFIXES) and declares_dtd(data):
            raise ReadFailure(Code.UNSAFE_XML, part=name)
        self.checked.add(name)
        return data

    def verify_rest(self) -> None:
        """Unpack every part not read yet (and drop it): calamine reads parts we do not."""
        for name, info in self.infos.items():
            if name not in self.checked and not info.is_dir():
                self.read(name)

    def packed(self, info: zipfile.ZipInfo) -> memoryview:
        """The part's packed bytes, found through its local header (which must agree)."""
        start = info.header_offset
        if not 0 <= start <= len(self.data) - _LOCAL_HEADER.size:  # a damaged central directory
            raise damaged(f"bagian {info.filename} tidak ditemukan di arsip")
        header = _LOCAL_HEADER.unpack_from(self.data, start)
        if header[0] != b"PK\x03\x04":
            raise damaged(f"bagian {info.filename} tidak ditemukan di arsip")
        flags, method, crc, packed, size = header[2], header[3], header[6], header[7], header[8]
        if flags & _ENCRYPTED:
            raise ReadFailure(Code.PASSWORD_PROTECTED)
        if method != info.compress_type or (
            not flags & _DATA_DESCRIPTOR and (crc, packed, size) != (
                info.CRC, info.compress_size, info.file_size)
            and packed != 0xFFFFFFFF  # zip64: the sizes stand in the extra field
        ):
            raise damaged(f"ukuran bagian {info.filename} tidak konsisten")
        begin = start + _LOCAL_HEADER.size + header[9] + header[10]
        end = begin + info.compress_size
        if end > len(self.data):
            raise damaged(f"bagian {info.filename} terpotong")
        return memoryview(self.data)[begin:end]


def check_directory(data: bytes) -> None:
    """The zip's table of contents sized up before zipfile reads it: zipfile builds an entry
    for each part listed and decodes each entry's extra fields, so a zip listing a million
    parts, or padding its entries with extra fields, costs seconds and hundreds of MB before
    :func:`check_declared` could count anything. The end record states the number of parts and
    the table's size (checked first: the record can lie, the table cannot); then the table is
    walked entry by entry, counting the parts and their extra fields. A zip whose end or table
    cannot be followed is left to zipfile to refuse."""
    end = _end_record(data)
    if end is None:
        return
    entries, size, start = end
    if entries > MAX_ZIP_MEMBERS:
        raise damaged(f"arsip berisi {entries} bagian, bukan buku kerja biasa")
    if size > MAX_ZIP_DIRECTORY:
        raise damaged(f"daftar isi arsip berukuran {decimal(size / MB, 1)} MB, "
                      "bukan buku kerja biasa")
    _walk_directory(data, start, start + size)


def _walk_directory(data: bytes, at: int, end: int) -> None:
    """Count the entries from ``at`` to ``end`` (zipfile's reading of the table) and their
    extra fields, against the caps; stop where an entry is no entry (zipfile refuses it)."""
    if at < 0 or end > len(data):
        return
    count = extras = 0
    while at + _ENTRY <= end and data[at:at + 4] == _ENTRY_SIGNATURE:
        name, extra, comment = _LENGTHS.unpack_from(data, at + 28)
        count += 1
        extras += extra
        if count > MAX_ZIP_MEMBERS:
            raise damaged(f"arsip berisi lebih dari {MAX_ZIP_MEMBERS} bagian, "
                          "bukan buku kerja biasa")
        if extra > MAX_ZIP_EXTRA or extras > MAX_ZIP_EXTRAS:
            raise damaged(f"daftar isi arsip memuat data tambahan {extras} byte "
                          f"(bagian ke-{count}), bukan buku kerja biasa")
        at += _ENTRY + name + extra + comment


def _end_record(data: bytes) -> tuple[int, int, int] | None:
    """(parts listed, size of the table of contents, where the table starts) as zipfile will
    read them, or None."""
    at = len(data) - _END.size
    if at < 0:
        return None
    if data[at:at + 4] != _END_SIGNATURE or data[-2:] != b"\0\0":  # (a comment follows it)
        at = data.rfind(_END_SIGNATURE, max(at - (1 << 16), 0))
        if at < 0 or at + _END.size > len(data):
            return None
    end = _END.unpack_from(data, at)
    entries, size, start = end[4], end[5], at - end[5]
    locator = at - _END64_LOCATOR.size
    record = locator - _END64.size
    if record >= 0 and data[locator:locator + 4] == b"PK\x06\x07" \
            and data[record:record + 4] == b"PK\x06\x06":
        end64 = _END64.unpack_from(data, record)
        entries, size = end64[7], end64[8]
        start = record - size  # (zipfile: the table ends where the zip64 record begins)
    return entries, size, start


def check_declared(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The caps on what the zip says it holds: parts, total unpacked size, packing ratio."""
    if len(infos) > MAX_ZIP_MEMBERS:
        raise damaged(f"arsip berisi {len(infos)} bagian, bukan buku kerja biasa")
    total = sum(info.file_size for info in infos)
    if total > limits.isi_mb * MB:
        raise ReadFailure(Code.LIMIT_EXCEEDED, f"isinya {decimal(total / MB)} MB setelah dibuka",
                          limit=f"{limits.isi_mb} MB", key="isi_mb")
    for info in infos:
        if info.file_size > RATIO_FROM_BYTES and \
                info.file_size > limits.rasio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            unpacked, packed = decimal(info.file_size / MB), decimal(info.compress_size / MB, 1)
            raise ReadFailure(
                Code.LIMIT_EXCEEDED,
                f"bagian {info.filename} dipadatkan {decimal(ratio)}:1 "
                f"({unpacked} MB dari {packed} MB)",
                limit=f"{limits.rasio}:1", key="rasio")


def declares_dtd(xml: bytes) -> bool:
    """Whether the XML's prolog (before the root element) holds a DTD or an entity."""
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16, which XML allows
        xml = xml.decode("utf-16", "replace").encode("utf-8")
    root = _ROOT_ELEMENT.search(xml)
    prolog = xml[: root.start()] if root else xml
    return _DTD.search(prolog) is not None
