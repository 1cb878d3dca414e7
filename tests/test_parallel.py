"""Reading many files in a process pool gives exactly what reading them in one process gives:
the same activities, problems (and their order), sources, duplicates across files and counts.
Nothing here times anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import SheetSpec, simple_rekap, write_csv, write_ods, write_xlsx
from iku_cli.inputs.find import InputFile
from iku_cli.rekap import parallel
from iku_cli.rekap.core import Options, hitung, periksa, read_inputs
from iku_cli.rekap.run import Run
from iku_cli.render.common.progress import MIN_FILES, reading_progress

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DAY = dt.date(2026, 3, 12)


def act(no: int, text: str, bukti: Any = "Rakor", status: Any = "Ya", date: Any = DAY,
        nomor: Any = None) -> list[Any]:
    return [no, date, text, bukti, nomor, status, "Notulen" if status == "Ya" else None, None]


@pytest.fixture
def kabupaten(tmp_path: Path) -> Path:
    """A kabupaten's folder: two kecamatan, many kinds of files, and the same activity written
    in two files (a duplicate across files, found only when the run is merged)."""
    root = tmp_path / "kabupaten"
    shutil.copytree(EXAMPLES / "masuk", root / "Kec. Gucialit")
    shutil.copy(EXAMPLES / "rekap_gucialit_2026.xlsx", root / "Kec. Gucialit" / "semua.xlsx")
    klakah = root / "Kecamatan Klakah"
    klakah.mkdir()
    shared = act(1, "Rapat koordinasi posyandu Desa Sombo", "BA", nomor="BA/7/2026")
    for index in range(6):  # several small files: the pool gets more than one per worker
        rows = [shared if index in (1, 4) else act(1, f"Rapat ke-{index} lintas sektor")]
        rows += [act(n, f"Monitoring ke-{index}-{n}", bukti) for n, bukti in
                 ((2, "Foto"), (3, "Rakor, BA"), (4, None), (5, "Berita Acra"))]
        rows.append([None, None, f"JUMLAH {len(rows) + index % 2} kegiatan"])
        write_xlsx(klakah / f"rekap_trantib_{index:02d}.xlsx",
                   [SheetSpec("Trantib", simple_rekap(rows, title=["TAHUN 2026"]))])
    write_xlsx(klakah / "tersembunyi.xlsx", [
        SheetSpec("Pemerintahan", simple_rekap([act(1, "Pembinaan RT/RW", date="12 Maret")])),
        SheetSpec("Arsip", simple_rekap([act(1, "Arsip lama", date=dt.date(2025, 1, 2))]),
                  hidden=True),
    ])
    write_ods(klakah / "kesos.ods", [SheetSpec("Kesos", simple_rekap([
        act(1, "Verifikasi DTKS", status="menunggu"), act(2, "Verifikasi PKH", date="-"),
    ]))])
    write_csv(klakah / "pelayanan.csv", simple_rekap([
        act(1, "Rekomendasi SKCK", "Rekom"), shared,
    ]), separator=";")
    (klakah / "rusak.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (klakah / "kosong.xls").write_bytes(b"")
    return root


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Force the pool on any number of files (two workers); records whether it was used."""
    used: list[bool] = []
    real_use_pool = parallel.use_pool

    def spy(files: Any, workers: int) -> bool:
        used.append(real_use_pool(files, workers))
        return used[-1]

    monkeypatch.setattr(parallel, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES_SPAWN", 0)
    monkeypatch.setattr(parallel, "use_pool", spy)
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "2")
    return used


def serially(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")


@pytest.mark.parametrize("options", [
    {}, {"year": 2026}, {"include_hidden": True}, {"per_subdistrict": True, "period": "triwulan"},
], ids=["plain", "tahun", "hidden", "per-kecamatan"])
def test_pool_counts_exactly_as_one_process(
    kabupaten: Path, pool: list[bool], monkeypatch: pytest.MonkeyPatch, options: dict[str, Any],
) -> None:
    in_pool = hitung([kabupaten], Options(**options))
    assert pool == [True]
    serially(monkeypatch)
    alone = hitung([kabupaten], Options(**options))
    assert pool == [True, False]
    assert in_pool.to_dict() == alone.to_dict()  # problems in order, sumber in order, counts
    assert in_pool.activities == alone.activities  # every column of every activity
    assert any(p.code == "duplikat" and "berkas" in p.message for p in in_pool.problems)


def test_pool_reads_the_same_run(kabupaten: Path, pool: list[bool],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole run, JUMLAH-row tables included, before anything is counted."""
    in_pool = read_inputs([kabupaten, "tidak-ada.xlsx"], Options())
    serially(monkeypatch)
    alone = read_inputs([kabupaten, "tidak-ada.xlsx"], Options())
    assert pool == [True, False]
    assert in_pool == alone
    assert not in_pool.complete  # the unreadable files


def test_pool_checks_exactly_as_one_process(kabupaten: Path, pool: list[bool],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    in_pool = periksa([kabupaten], Options())
    serially(monkeypatch)
    assert periksa([kabupaten], Options()).to_dict() == in_pool.to_dict()


def test_progress_is_told_every_file_in_order_either_way(
    kabupaten: Path, pool: list[bool], monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: dict[str, list[tuple[str, int, int]]] = {"pool": [], "alone": []}
    hitung([kabupaten], Options(), lambda *call: calls["pool"].append(call))
    serially(monkeypatch)
    hitung([kabupaten], Options(), lambda *call: calls["alone"].append(call))
    assert calls["pool"] == calls["alone"]
    total = len(calls["pool"])
    assert [(index, count) for _, index, count in calls["pool"]] == [
        (index, total) for index in range(total)
    ]


def test_few_or_small_files_stay_in_one_process(tmp_path: Path) -> None:
    files = [InputFile(str(p), p) for p in sorted((EXAMPLES / "masuk").iterdir())]
    assert not parallel.use_pool(files, 8)  # three files
    many = files * 10
    assert not parallel.use_pool(many, 8)  # thirty, but a few kilobytes
    assert not parallel.use_pool(many, 1)


def test_workers_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "3")
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "lots")
    assert parallel.worker_count() >= 1


def test_merge_shifts_table_starts_and_ands_completeness(kabupaten: Path) -> None:
    first, second = read_inputs([kabupaten / "Kec. Gucialit"], Options()), Run()
    second.merge(first)
    second.merge(first)
    size = len(first.store)
    assert len(second.store) == 2 * size
    assert [place.first for place in second.tables] == (
        [place.first for place in first.tables] + [place.first + size for place in first.tables]
    )
    broken = Run(complete=False)
    second.merge(broken)
    assert second.complete is False


def test_merge_has_a_rule_for_every_field(kabupaten: Path) -> None:
    """A field added to Run (or to its activity store) later must get a merge rule, not be
    dropped silently: merging a run into an empty one gives that run, field by field."""
    part = read_inputs([kabupaten / "Kec. Gucialit"], Options())
    part.complete = False
    merged = Run()
    merged.merge(part)
    for item in dataclasses.fields(Run):
        if item.name != "store":
            theirs = getattr(part, item.name)
            assert theirs not in ([], None, True), f"{item.name}: give it a value to merge"
            assert getattr(merged, item.name) == theirs, item.name
    for column in dataclasses.fields(part.store):
        mine, theirs = getattr(merged.store, column.name), getattr(part.store, column.name)
        assert theirs and mine == theirs, column.name


# --- the progress bar ---------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    with reading_progress(io.StringIO()) as progress:
        assert progress is None


def test_progress_bar_only_when_there_is_much_to_read(tmp_path: Path) -> None:
    terminal = FakeTerminal()
    with reading_progress(terminal) as progress:
        assert progress is not None
        for index in range(3):
            progress(f"rekap_{index}.xlsx", index, 3)
    assert terminal.getvalue() == ""  # three small files: read before a bar would help

    terminal = FakeTerminal()
    with reading_progress(terminal) as progress:
        assert progress is not None
        for index in range(MIN_FILES):
            progress(f"masuk/rekap_{index}.xlsx", index, MIN_FILES)
    assert "Membaca" in terminal.getvalue()


def test_progress_bar_for_one_large_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            ) -> None:
    from iku_cli.render.common import progress as module

    big = tmp_path / "besar.xlsx"
    big.write_bytes(b"\0" * 2048)
    monkeypatch.setattr(module, "MIN_BYTES", 1024)
    terminal = FakeTerminal()
    with reading_progress(terminal) as progress:
        assert progress is not None
        progress(str(big), 0, 1)
    assert "besar.xlsx" in terminal.getvalue()


def test_the_pool_works_under_spawn_as_on_windows(
        kabupaten: Path, pool: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no fork: every worker starts a fresh Python and imports iku. Forced here,
    the pool must still count exactly as one process does (options and results pickle)."""
    import multiprocessing

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    options = Options(year=2026, period="triwulan", target=90)
    in_pool = hitung([kabupaten], options)
    serially(monkeypatch)
    alone = hitung([kabupaten], options)
    assert pool == [True, False]
    assert in_pool.to_dict() == alone.to_dict()
    assert in_pool.activities == alone.activities
