"""A zip's parts unpacked and checksummed by ISA-L (python-isal, where installed) or by zlib:
the same bytes, the same CRC, the same verdict on a damaged part."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_support import SHEET, bomb_xlsx, good_xlsx, set_declared_size
from iku_cli.inputs import inflate
from iku_cli.inputs.zipguard import ZipGuard
from iku_cli.limits import DEFAULT_LIMITS
from iku_cli.problems import ReadFailure

LIBRARIES = ["isal", "zlib"]


def _use(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if library == "isal":
        pytest.importorskip("isal")
        assert inflate.library().__name__.endswith("isal_zlib")
    else:
        monkeypatch.setattr(inflate, "_isal", None)
        assert inflate.library() is zlib


def _packed(data: bytes, level: int) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, inflate.RAW_DEFLATE)
    return packer.compress(data) + packer.flush()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000) | st.text(max_size=2000).map(str.encode),
       st.integers(0, 9), st.integers(0, 5000), st.integers(0, 2**32 - 1))
def test_unpacking_and_the_crc_are_zlibs(data: bytes, level: int, limit: int,
                                         start: int) -> None:
    """Whatever does the work, a part unpacks to zlib's bytes, cut at the same limit (the cap
    of a part's declared size), and its CRC is zlib's, continued from any value."""
    packed = _packed(data, level)
    assert inflate.unpack(packed, limit) == zlib.decompressobj(-15).decompress(packed, limit)
    assert inflate.unpack(memoryview(packed), len(data) + 1) == data
    assert inflate.crc32(data) == zlib.crc32(data)
    assert inflate.crc32(data, start) == zlib.crc32(data, start)


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_same_verdicts_on_damaged_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            library: str) -> None:
    """A good part reads alike; a part unpacking past its declared size, one shorter than
    declared, one whose packed stream is broken: each is a damaged file, said alike."""
    _use(library, monkeypatch)
    good = good_xlsx(tmp_path / "a_baik.xlsx").read_bytes()
    assert ZipGuard(good, DEFAULT_LIMITS).read(SHEET) == zlib_read(good)
    guard = ZipGuard(good, DEFAULT_LIMITS)
    offset = good.find(bytes(guard.packed(guard.infos[SHEET])[:32]))  # the packed stream
    broken = bytearray(good)
    broken[offset:offset + 8] = b"\xff" * 8  # (an invalid block type at once)
    cases = {
        "lebih besar daripada ukuran yang tertulis": set_declared_size(
            bomb_xlsx(tmp_path / "b_bohong.xlsx", 2), SHEET, 4096).read_bytes(),
        "CRC tidak cocok": set_declared_size(
            good_xlsx(tmp_path / "b_kurang.xlsx"), SHEET, 999_999).read_bytes(),
        "tidak bisa dibuka": bytes(broken),
    }
    for says, data in cases.items():
        with pytest.raises(ReadFailure) as failure:
            ZipGuard(data, DEFAULT_LIMITS).read(SHEET)
        assert says in failure.value.detail, (library, says, failure.value.detail)


def zlib_read(data: bytes) -> bytes:
    """The sheet unpacked by the standard library's zipfile (zlib)."""
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
