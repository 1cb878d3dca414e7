"""Rekap contract, 'Follow-up status (ditindaklanjuti)': the numerator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import SheetSpec, codes, simple_rekap
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
FIRST = 5  # activities start in row 5 (two title lines, blank, header)
DAY = dt.date(2026, 3, 12)
STATUS_CODES = {"status-kosong", "status-tidak-dikenal", "status-ganda"}


def act(no: int, status: Any, hasil: Any = "Notulen", bukti: str = "Rakor") -> list[Any]:
    return [no, DAY + dt.timedelta(days=no), f"Koordinasi kegiatan nomor {no}", bukti, None,
            status, hasil, None]


def run(count: Count, rows: Sequence[Sequence[Any]], header: Sequence[str] | None = None
        ) -> Result:
    kwargs: dict[str, Any] = {"title": TITLE}
    if header is not None:
        kwargs["header"] = header
    return count([SheetSpec("Pemerintahan", simple_rekap(rows, **kwargs))])


def of(result: Result, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def status_problems(result: Result) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in result.problems if p.code in STATUS_CODES]


FOLLOWED = ["ya", "Ya", "YA", "y", "Y", "sudah", "Sudah", "sdh", "selesai", "tuntas",
            "ditindaklanjuti", "Sudah Ditindaklanjuti", "✓", "√", "v", "V", 1, 1.0, "1", "TRUE",
            "true", True, " Ya ", "Ya.", "Sudah!", "selesai,"]
NOT_FOLLOWED = ["tidak", "Tidak", "TIDAK", "t", "T", "belum", "Belum", "blm", "proses",
                "Dalam Proses", "belum ditindaklanjuti", "-", 0, "0", "FALSE", "false", False,
                " Belum. "]


@pytest.mark.parametrize("value", FOLLOWED, ids=repr)
def test_followed_up_values(count: Count, value: Any) -> None:
    result = run(count, [act(1, value)])
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    assert result.activities.followed == [True]
    assert status_problems(result) == []


@pytest.mark.parametrize("value", NOT_FOLLOWED, ids=repr)
def test_not_followed_up_values(count: Count, value: Any) -> None:
    result = run(count, [act(1, value, hasil=None)])
    assert (result.total.counted, result.total.followed_up) == (1, 0)
    assert result.activities.followed == [False]
    assert status_problems(result) == []


def test_blank_status_counts_as_not_followed_with_warning(count: Count) -> None:
    result = run(count, [act(1, "Ya"), act(2, None, hasil=None)])
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert status_problems(result) == [("status-kosong", FIRST + 1)]
    (problem,) = of(result, "status-kosong")
    assert str(problem.severity) == "peringatan"
    assert problem.column == "Ditindaklanjuti"


@pytest.mark.parametrize("value", ["mungkin", "OK", "on going", "2", "Ya/Tidak"])
def test_unknown_status_is_not_followed_and_named(count: Count, value: str) -> None:
    result = run(count, [act(1, value)])
    assert (result.total.counted, result.total.followed_up) == (1, 0)
    assert status_problems(result) == [("status-tidak-dikenal", FIRST)]
    (problem,) = of(result, "status-tidak-dikenal")
    assert str(problem.severity) == "peringatan"
    assert problem.value == value
    assert value in problem.message
    assert problem.cell == f"F{FIRST}"


def test_status_does_not_rescue_a_row_without_evidence(count: Count) -> None:
    """Numerator is a subset of the denominator: 'Ya' on an unevidenced row counts nowhere."""
    result = run(count, [act(1, "Ya"), act(2, "Ya", bukti="Foto")])
    assert (result.total.counted, result.total.followed_up) == (1, 1)


# -- Ya | Tidak tick columns under a Ditindaklanjuti group ----------------------------------

def tick_sheet(*ticks: tuple[Any, Any]) -> SheetSpec:
    rows: list[list[Any]] = [
        ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti", None,
         "Hasil"],
        [None, None, None, None, "Ya", "Tidak", None],
    ]
    for i, (ya, tidak) in enumerate(ticks, start=1):
        rows.append([i, DAY, f"Koordinasi {i}", "Rakor", ya, tidak, "Notulen"])
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "G1:G2")
    return SheetSpec("Pemerintahan", rows, merges=merges)


def test_tick_columns_ya_ticked_is_followed(count: Count) -> None:
    result = count([tick_sheet(("✓", None), ("v", None))])
    assert (result.total.counted, result.total.followed_up) == (2, 2)
    assert status_problems(result) == []


def test_tick_columns_tidak_ticked_is_not_followed(count: Count) -> None:
    result = count([tick_sheet(("✓", None), (None, "✓"))])
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.followed == [True, False]
    assert status_problems(result) == []


def test_tick_columns_both_ticked_is_a_warning_and_not_followed(count: Count) -> None:
    result = count([tick_sheet(("✓", "✓"))])
    assert (result.total.counted, result.total.followed_up) == (1, 0)
    assert status_problems(result) == [("status-ganda", 3)]


def test_tick_columns_neither_ticked_is_a_warning_and_not_followed(count: Count) -> None:
    result = count([tick_sheet(("✓", None), (None, None))])
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    found = status_problems(result)
    assert len(found) == 1
    assert found[0][1] == 4
    assert str(of(result, found[0][0])[0].severity) == "peringatan"


# -- the result column ---------------------------------------------------------------------

def test_followed_up_with_empty_result_is_a_warning(count: Count) -> None:
    result = run(count, [act(1, "Ya", hasil="SK 12"), act(2, "Ya", hasil=None)])
    assert (result.total.counted, result.total.followed_up) == (2, 2)  # still followed
    assert codes(of(result, "hasil-kosong")) == [("hasil-kosong", FIRST + 1)]
    assert str(of(result, "hasil-kosong")[0].severity) == "peringatan"


def test_not_followed_up_with_empty_result_is_fine(count: Count) -> None:
    result = run(count, [act(1, "Belum", hasil=None)])
    assert of(result, "hasil-kosong") == []


def test_sheet_without_result_column_never_warns_about_empty_result(count: Count) -> None:
    header = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
    rows = [[1, DAY, "Rakor Musdes", "Rakor", "Ya"], [2, DAY, "Rakor Pilkades", "BA", "Ya"]]
    result = run(count, rows, header=header)
    assert (result.total.counted, result.total.followed_up) == (2, 2)
    assert of(result, "hasil-kosong") == []


def test_status_and_result_under_a_tindak_lanjut_group(count: Count) -> None:
    """Two-row header: 'Tindak Lanjut' over 'Status | Hasil'."""
    rows: list[list[Any]] = [
        ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Tindak Lanjut", None],
        [None, None, None, None, "Status", "Hasil"],
        [1, DAY, "Rakor Musdes", "Rakor", "Sudah", "Notulen"],
        [2, DAY, "Rakor Pilkades", "Rakor", "Sudah", None],
        [3, DAY, "Monev ADD", "Rakor", "Belum", None],
    ]
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1")
    result = count([SheetSpec("Pemerintahan", rows, merges=merges)])
    assert (result.total.counted, result.total.followed_up) == (3, 2)
    assert codes(of(result, "hasil-kosong")) == [("hasil-kosong", 4)]
    assert of(result, "hasil-kosong")[0].column == "Tindak Lanjut - Hasil"
