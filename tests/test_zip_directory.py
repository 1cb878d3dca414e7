"""A zip's table of contents is sized up from its end record before anything reads it
(zipguard.check_directory): zipfile builds an entry for every part listed, so a zip listing
half a million parts cost seconds and hundreds of megabytes before the count of parts could be
checked (found by an attacker helper: 31 MB, 660 000 entries, 16 s and 439 MB)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from hardening_ii_support import iku_argv, run_child
from hostile_support import good_xlsx, listing_zip
from iku_cli.inputs import zipguard
from iku_cli.limits import MAX_ZIP_DIRECTORY, MAX_ZIP_EXTRA, MAX_ZIP_EXTRAS, MAX_ZIP_MEMBERS
from iku_cli.problems import Code, ReadFailure
from iku_cli.rekap.core import hitung


def zipfiles_reading(data: bytes) -> tuple[int, int, int]:
    """(parts listed, size of the contents, where they start) as zipfile itself reads the end
    of ``data``."""
    end = zipfile._EndRecData(io.BytesIO(data))  # type: ignore[attr-defined]
    start = zipfile.ZipFile(io.BytesIO(data)).start_dir  # type: ignore[attr-defined]
    return (end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE],  # type: ignore[attr-defined]
            start)


@pytest.mark.parametrize("comment", [b"", b"x", b"catatan " * 900, b"PK" + b"z" * 65_000])
@pytest.mark.parametrize("zip64", [False, True])
def test_the_end_record_is_read_as_zipfile_reads_it(tmp_path: Path, zip64: bool,
                                                    comment: bytes) -> None:
    data = listing_zip(tmp_path / "a.xlsx", 7, zip64=zip64, comment=comment).read_bytes()
    assert zipguard._end_record(data) == zipfiles_reading(data) == (7, 7 * 56, 57)
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w") as archive:
        archive.comment = comment[:65_535]
        for n in range(3):
            archive.writestr(f"xl/part{n}.xml", "<a/>" * n)
        with archive.open("xl/big.xml", "w", force_zip64=True) as part:  # (a zip64 extra)
            part.write(b"<b/>")
    data = written.getvalue()
    assert zipguard._end_record(data) == zipfiles_reading(data)
    assert zipguard._end_record(data)[0] == 4  # type: ignore[index]
    zipguard.check_directory(data)  # (its entries walked: nothing out of the ordinary)


@pytest.mark.parametrize("data", [b"", b"PK\x05\x06", b"PK\x03\x04" + b"\0" * 40])
def test_a_zip_without_an_end_is_left_to_zipfile(data: bytes) -> None:
    zipguard.check_directory(data)  # (nothing to size up: zipfile refuses it as damaged)


def test_the_caps_on_the_contents_and_their_boundaries(tmp_path: Path) -> None:
    def stated(entries: int, size: int) -> bytes:
        return b"\0" * 40 + zipguard._END.pack(b"PK\x05\x06", 0, 0, entries, entries, size, 0, 0)

    zipguard.check_directory(stated(MAX_ZIP_MEMBERS, MAX_ZIP_DIRECTORY))
    with pytest.raises(ReadFailure, match=f"arsip berisi {MAX_ZIP_MEMBERS + 1} bagian"):
        zipguard.check_directory(stated(MAX_ZIP_MEMBERS + 1, 100))
    with pytest.raises(ReadFailure, match="daftar isi arsip berukuran 3,8 MB"):
        zipguard.check_directory(stated(5, MAX_ZIP_DIRECTORY + 1))
    many = listing_zip(tmp_path / "b.xlsx", 70_000, zip64=True).read_bytes()
    with pytest.raises(ReadFailure, match="arsip berisi 70000 bagian"):  # (not 0xFFFF)
        zipguard.check_directory(many)


@pytest.mark.parametrize(("entries", "declared", "says"), [
    (MAX_ZIP_MEMBERS + 1, None, f"arsip berisi {MAX_ZIP_MEMBERS + 1} bagian"),
    (80_000, 5, "daftar isi arsip berukuran 4,3 MB"),  # a count that lies: the size tells
    (60_000, 5, "arsip berisi lebih dari 10000 bagian"),  # ... within the size: the walk tells
])
def test_a_zip_listing_too_much_is_refused_before_its_contents_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: int, declared: int | None,
    says: str,
) -> None:
    bad = listing_zip(tmp_path / "b_daftar.xlsx", entries, declared=declared)
    read: list[object] = []
    original = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def spy(archive: zipfile.ZipFile) -> None:
        read.append(archive)
        original(archive)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", spy)
    result = hitung([good_xlsx(tmp_path / "a_baik.xlsx"), bad])
    (problem,) = [p for p in result.problems if p.file == str(bad)]
    assert problem.code == Code.DAMAGED_FILE and says in problem.message
    assert result.total.counted == 2
    assert len(read) == 2  # the good workbook's (sniffed, then guarded): never the bad one's


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory of a child from wait4")
def test_half_a_million_listed_parts_cost_neither_seconds_nor_memory(tmp_path: Path) -> None:
    """27 MB listing 500 000 parts: small enough to be read ahead by the prefetch helper too."""
    bad = listing_zip(tmp_path / "rekap.xlsx", 500_000, zip64=True)
    assert 1 << 20 < bad.stat().st_size < 32 << 20
    outcome = run_child([*iku_argv(), "hitung", str(bad), "-f", "json"], timeout=60)
    print(f"500 000 listed parts: {outcome.seconds:.2f} s, peak {outcome.peak:.0f} MB")
    assert outcome.code == 3, outcome.stderr[-600:]  # (nothing readable: no JSON either)
    assert "arsip berisi 500000 bagian" in outcome.stderr
    assert outcome.seconds < 10  # (was 16 s here; now well under one)
    assert outcome.peak < 200  # (was 439 MB: an entry object per listed part)


def test_padded_extra_fields_are_refused_before_zipfile_decodes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """57 entries each padded with 65 532 bytes of empty extra records: a 3.7 MB table that
    zipfile took 1.8 s to decode (re-copying the rest of a field per record), three times a run
    (found by an attacker: 6 s a file)."""
    padding = b"\x00\x99\x00\x00" * 16_383
    bad = listing_zip(tmp_path / "b_tambahan.xlsx", 57, extra=padding)
    read: list[object] = []
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", lambda archive: read.append(1))
    result = hitung([bad])
    (problem,) = result.problems
    assert problem.code == Code.DAMAGED_FILE and "data tambahan 65532 byte" in problem.message
    assert read == []


def test_the_caps_on_extra_fields_and_their_boundaries(tmp_path: Path) -> None:
    ntfs = b"\x0a\x00\x20\x00" + b"\0" * 32  # (an NTFS timestamps field: 36 bytes)
    zipguard.check_directory(listing_zip(tmp_path / "a.xlsx", 500, extra=ntfs).read_bytes())
    most = b"\x00\x99" + (MAX_ZIP_EXTRA - 4).to_bytes(2, "little") + b"\0" * (MAX_ZIP_EXTRA - 4)
    fits = MAX_ZIP_EXTRAS // MAX_ZIP_EXTRA
    zipguard.check_directory(listing_zip(tmp_path / "b.xlsx", fits, extra=most).read_bytes())
    with pytest.raises(ReadFailure, match=f"bagian ke-{fits + 1}"):
        zipguard.check_directory(
            listing_zip(tmp_path / "c.xlsx", fits + 1, extra=most).read_bytes())
    with pytest.raises(ReadFailure, match="bagian ke-1"):
        zipguard.check_directory(
            listing_zip(tmp_path / "d.xlsx", 1, extra=most + b"\0").read_bytes())
