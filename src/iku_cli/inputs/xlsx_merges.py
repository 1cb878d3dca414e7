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

import zipfile
import zlib
from dataclasses import dataclass

from iku_cli.inputs.bytesearch import find
from iku_cli.inputs.inflate import crc32
from iku_cli.inputs.zip_copy import NewPart, copy_with
from iku_cli.inputs.zipguard import ZipGuard

__all__ = ["EMPTY_MERGES", "Prefix", "merges_first", "prefix_for", "prefixed_copy"]

_START = b"<mergeCells"
_END = b"</mergeCells>"
EMPTY_MERGES = b"<mergeCells></mergeCells>"  # (what a part without merged ranges gets)


@dataclass(frozen=True)
class Prefix:
    """What goes before one part: the bytes, and the CRC and size of the part with them."""

    data: bytes
    crc: int
    size: int


def merges_first(xml: bytes) -> bytes | None:
    """What goes first in a worksheet part: a copy of its first ``<mergeCells>…</mergeCells>``
    element, or an empty one; None when the reader might see the part otherwise than these
    byte searches do (a BOM or spaces first, a comment, CDATA or processing instruction before
    the element ends, a prefixed or self-closing element) — the part is then left as it is."""
    if not xml.startswith(b"<"):
        return None
    start = xml.find(_START)
    if start < 0:
        if find(xml, b":mergeCells", 0) >= 0:
            return None
        element, end = EMPTY_MERGES, len(xml)
    else:
        close = xml.find(_END, start)
        if close < 0:
            return None
        end = close + len(_END)
        element = xml[start:end]
        after_name = element[len(_START):len(_START) + 1]
        tag = element[:element.find(b">") + 1]
        if after_name not in (b" ", b"\t", b"\r", b"\n", b">") or tag.endswith(b"/>") \
                or element.count(b"mergeCells") != 2 or find(xml, b":mergeCells", 0, 0, start) >= 0:
            return None
    # a comment, CDATA or processing instruction could hide or fake the element from a search
    if find(xml, b"<!", 1, 0, end) >= 0 or find(xml, b"<?", 1, 1, end) >= 0:
        return None
    return element


def prefix_for(element: bytes, xml: bytes) -> Prefix:
    """The prefix of a part: its merged-ranges element, with the CRC and size of the whole."""
    return Prefix(element, crc32(xml, crc32(element)), len(element) + len(xml))


def prefixed_copy(guard: ZipGuard, prefixes: dict[str, Prefix]) -> bytes | None:
    """A copy of the workbook in which each part named in ``prefixes`` starts with its prefix;
    every other part's packed bytes copied as they are. None (use the input) when the zip is
    not one to rewrite so (:func:`.zip_copy.copy_with`)."""
    changed: dict[str, NewPart] = {}
    for name, prefix in prefixes.items():
        info = guard.infos[name]
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        chunks = (_packed(prefix.data, info.compress_type), guard.packed(info))
        changed[name] = NewPart(chunks, info.compress_type, prefix.crc, prefix.size)
    return copy_with(guard, changed)


def _packed(prefix: bytes, method: int) -> bytes:
    """The prefix packed to go before the part's own packed bytes."""
    if method == zipfile.ZIP_STORED:
        return prefix
    # a raw deflate stream of the prefix, ended by a sync flush (byte-aligned, not final): the
    # part's own stream goes on from there, its back-references never reaching before itself
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(prefix) + packer.flush(zlib.Z_SYNC_FLUSH)
