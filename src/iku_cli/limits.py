"""How much one input may cost: caps against zip bombs and runaway sheets, in one place.

The defaults leave any real rekap far below them (100 000 activities are a 4 MB workbook
holding 40 MB of sheet XML, packed 10:1). A file past a cap is refused with a message naming
the cap and its key; the office can raise a cap in the ``[batas]`` table of ``iku.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1 << 20
# A part this small may be packed as tightly as it likes: it cannot cost memory.
RATIO_FROM_BYTES = 1 * MB
MAX_ZIP_MEMBERS = 10_000  # a workbook has tens of parts; a zip of millions is an attack
# Nor does its table of contents run to megabytes (tens of short part names): the size it
# declares is checked before anything reads it, whatever number of parts it claims.
MAX_ZIP_DIRECTORY = MAX_ZIP_MEMBERS * 400
# A part's entry there may carry extra fields (timestamps, zip64 sizes: tens of bytes); zipfile
# decodes them record by record, re-copying the rest each time, so padded ones cost seconds.
MAX_ZIP_EXTRA = 1024  # bytes of extra fields one entry may carry
MAX_ZIP_EXTRAS = 256 * 1024  # ... and all entries together


@dataclass(frozen=True)
class Limits:
    """The caps; the field names are the keys of iku.toml's [batas] table."""

    berkas_mb: int = 200  # one input file's size on disk
    isi_mb: int = 1000  # a workbook's parts unpacked, all together
    rasio: int = 100  # unpacked / packed size of one part (parts past RATIO_FROM_BYTES)
    baris: int = 1_048_576  # rows of one sheet up to its last value (Excel's own maximum)


# key -> what it caps, in Indonesian (iku.toml's schema and the messages use it)
LIMIT_KEYS: dict[str, str] = {
    "berkas_mb": "ukuran berkas (MB)",
    "isi_mb": "isi buku kerja setelah dibuka dari zip (MB)",
    "rasio": "rasio pemadatan zip",
    "baris": "baris per sheet",
}

DEFAULT_LIMITS = Limits()
