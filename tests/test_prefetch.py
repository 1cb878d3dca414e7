"""One big workbook read and unpacked ahead on a helper thread (inputs/prefetch): the run must
come out exactly as without it — also when the file changed in between, is damaged, or breaks
a limit of the settings the helper did not know — and the helper must be used at all."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from conftest import FIRST_SHEET, SheetSpec, simple_rekap, with_sheet_xml, write_xlsx
from iku_cli.cli import app
from iku_cli.inputs import inflate, prefetch
from iku_cli.inputs.read import load_bytes
from iku_cli.limits import Limits
from iku_cli.problems import Code, ReadFailure
from iku_cli.rekap.core import Options, hitung, periksa
from iku_cli.rekap.model import Result
from iku_cli.render.rekap.tabular import result_json

ROWS = [[n, f"{n % 28 + 1}/03/2026", f"Rapat koordinasi ke-{n}", "Rapat Koordinasi",
         f"{n}/2026", "Ya" if n % 3 else "Tidak", "Selesai", ""] for n in range(1, 200)]


@pytest.fixture(autouse=True)
def small_workbooks_fetched() -> Iterator[None]:
    """Every workbook of a test fetched ahead (outside tests only those of a megabyte)."""
    with mock.patch.object(prefetch, "MIN_BYTES", 0):
        yield
    prefetch._pending = prefetch._handed = None


def rekap(path: Path, rows: list[list[object]] = ROWS) -> Path:
    return write_xlsx(path, [SheetSpec("Pemerintahan", simple_rekap(rows, title=["REKAP"]))])


def counted(path: Path, fetch: bool, **options: object) -> tuple[str, Result]:
    """The run's JSON (its time left out) and result, with or without the helper."""
    if fetch:
        prefetch.start([path])
        assert prefetch._pending is not None
    result = hitung([path], Options(**options))  # type: ignore[arg-type]
    assert prefetch._pending is None and prefetch._handed is None  # (taken, nothing kept)
    return result_json(result).replace(result.made_at or "", ""), result


def test_a_fetched_workbook_counts_as_one_read_by_the_run(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    fetched, result = counted(path, fetch=True)
    assert fetched == counted(path, fetch=False)[0]
    assert (result.total.counted, result.total.followed_up) == (199, 133)


def test_the_helper_is_used_the_sheet_not_unpacked_again(tmp_path: Path) -> None:
    """The run takes the helper's bytes and its unpacked sheet: the sheet part is unpacked
    once in all (by the helper), not a second time by the run."""
    path = rekap(tmp_path / "rekap.xlsx")
    size = zipfile.ZipFile(path).getinfo(FIRST_SHEET).file_size
    unpacked: list[int] = []  # the output caps of every part unpacked: declared size + 1
    unpack = inflate.unpack

    def spy(packed: bytes | memoryview, limit: int) -> bytes:
        unpacked.append(limit)
        return unpack(packed, limit)

    with mock.patch.object(inflate, "unpack", spy):
        prefetch.start([path])
        hitung([path])
    assert unpacked.count(size + 1) == 1
    assert prefetch._handed is None  # (the parts handed over: nothing kept)


def test_a_file_changed_after_the_fetch_is_read_again(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    prefetch.start([path])
    assert prefetch._pending is not None
    prefetch._pending.done.wait()
    rekap(path, ROWS[:50])  # saved again by the operator meanwhile
    os.utime(path, ns=(1, 1_000_000_000))  # (a different modification time, surely)
    result = hitung([path])
    assert result.total.counted == 50
    assert result.sources[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_sheet_is_reported_by_the_run_as_without_the_helper(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    xml = zipfile.ZipFile(path).read(FIRST_SHEET)
    path.write_bytes(with_sheet_xml(path.read_bytes(),
                                    b'<!DOCTYPE x [<!ENTITY a "b">]>' + xml))
    fetched, result = counted(path, fetch=True)
    assert fetched == counted(path, fetch=False)[0]
    assert [p.code for p in result.problems] == [Code.UNSAFE_XML]


def test_the_settings_limits_still_apply_to_a_fetched_file(tmp_path: Path) -> None:
    """The helper unpacks under the default limits; the run checks the zip against its own
    (here: a cap of 0 MB on the unpacked size) before it takes any part."""
    path = rekap(tmp_path / "rekap.xlsx")
    tiny = Limits(isi_mb=0)
    fetched, result = counted(path, fetch=True, limits=tiny)
    assert fetched == counted(path, fetch=False, limits=tiny)[0]
    assert [p.code for p in result.problems] == [Code.LIMIT_EXCEEDED]


def test_only_a_single_workbook_is_fetched(tmp_path: Path) -> None:
    first, second = rekap(tmp_path / "a.xlsx"), rekap(tmp_path / "b.xlsx", ROWS[:9])
    for paths in ([first, second], [tmp_path], [tmp_path / "tidak-ada.xlsx"],
                  [write_csv_like(tmp_path / "c.csv")]):
        prefetch.start(paths)
        assert prefetch._pending is None, paths
    size = first.stat().st_size
    with mock.patch.object(prefetch, "MIN_BYTES", size + 1):
        prefetch.start([first])
    assert prefetch._pending is None
    with mock.patch.object(prefetch, "MAX_BYTES", size - 1):  # (whatever the settings' caps)
        prefetch.start([first])
    assert prefetch._pending is None
    prefetch.start([first])
    assert prefetch._pending is not None


def write_csv_like(path: Path) -> Path:
    path.write_text("No;Kegiatan\n1;Rapat\n", encoding="utf-8")
    return path


def test_parts_are_handed_over_for_the_fetched_bytes_only(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    prefetch.start([path])
    taken = prefetch.take(path, path.stat())
    assert taken is not None
    data, digest = taken
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert prefetch.parts_for(data[:1] + data[1:]) == {}  # equal bytes, another object
    parts = prefetch.parts_for(data)
    assert set(parts) == {FIRST_SHEET}
    assert parts[FIRST_SHEET] == zipfile.ZipFile(path).read(FIRST_SHEET)
    assert prefetch.parts_for(data) == {}  # once


def test_periksa_takes_the_fetched_workbook_too(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx", [*ROWS[:20], [21, "", "Rapat", "", "", "Ya", "", ""]])
    prefetch.start([path])
    fetched = periksa([path])
    assert prefetch._pending is None
    plain = periksa([path])
    assert fetched.problems == plain.problems


@pytest.mark.parametrize("command", ["hitung", "periksa"])
def test_the_commands_fetch_their_workbook_ahead(tmp_path: Path, command: str) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    taken: list[object] = []
    original = prefetch.take

    def take(*args: object) -> object:
        taken.append(original(*args))
        return taken[-1]

    with mock.patch.object(prefetch, "take", take):
        done = CliRunner().invoke(app, [command, str(path), "-f", "json"])
    assert done.exit_code == 0, done.output
    assert len(taken) == 1 and taken[0] is not None  # (the helper's bytes were used)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_like_a_workbook_is_never_opened_by_the_helper(tmp_path: Path) -> None:
    fifo = tmp_path / "rekap.xlsx"
    os.mkfifo(fifo)
    prefetch.start([fifo])  # (opening it would block the helper, reading nothing)
    assert prefetch._pending is None


def test_a_workbook_named_through_a_symlink_is_taken_for_its_target(tmp_path: Path) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    link = tmp_path / "tautan.xlsx"
    link.symlink_to(path)
    prefetch.start([link])
    assert prefetch.take(path, path.stat()) is not None  # (the same file, however named)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_path_swapped_for_a_fifo_after_the_start_is_never_waited_on(tmp_path: Path) -> None:
    """start() looked at a regular file; by the time the helper opens the path it is a FIFO.
    The helper opens without waiting and looks through the handle: it gives up at once, and
    the run, not waiting for it, reads (and names) the path itself."""
    fifo = tmp_path / "rekap.xlsx"
    os.mkfifo(fifo)
    fetched = prefetch.Fetched(fifo)
    helper = threading.Thread(target=prefetch._fetch, args=(fetched,), daemon=True)
    helper.start()
    helper.join(20)
    if helper.is_alive():  # (let the stuck helper go before failing)
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the helper waited on the FIFO")
    assert fetched.done.is_set() and fetched.data is None


def test_a_file_past_the_settings_size_cap_is_not_waited_for(tmp_path: Path) -> None:
    """The run refuses the file unread: it does not wait for the helper, and tells it to stop
    (it would otherwise go on unpacking sheets the run will never take)."""
    path = rekap(tmp_path / "rekap.xlsx")
    fetched = prefetch._pending = prefetch.Fetched(path)  # (a helper still at work)
    refused: list[Code] = []

    def run() -> None:
        try:
            load_bytes(path, Limits(berkas_mb=0))
        except ReadFailure as failure:
            refused.append(failure.code)

    reader = threading.Thread(target=run, daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # (let the waiting run go before failing)
        fetched.done.set()
        pytest.fail("the run waited for the helper")
    assert refused == [Code.LIMIT_EXCEEDED]
    assert fetched.dropped.is_set() and not fetched.done.is_set()
    assert prefetch._pending is None
    prefetch._fetch(fetched)  # the helper, told to stop, keeps nothing
    assert fetched.done.is_set() and fetched.data is None and fetched.parts == {}


def test_a_fetched_file_past_the_settings_size_cap_is_refused_as_without_the_helper(
    tmp_path: Path,
) -> None:
    path = rekap(tmp_path / "rekap.xlsx")
    fetched, result = counted(path, fetch=True, limits=Limits(berkas_mb=0))
    assert fetched == counted(path, fetch=False, limits=Limits(berkas_mb=0))[0]
    assert [p.code for p in result.problems] == [Code.LIMIT_EXCEEDED]
