"""Rekap contract, 'Dates': date cells, Excel serials, text forms, dates without a year,
unreadable and missing dates, and the --tahun filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import HEADER, SheetSpec, codes, simple_rekap
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
NO_YEAR_TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT")
FIRST = 5
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_CODES = {"tanggal-tidak-ada", "tanggal-kosong", "tanggal-tidak-terbaca", "tanggal-tanpa-tahun"}


def serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def act(no: int, date: Any, bukti: str = "Rakor", status: str = "Ya") -> list[Any]:
    return [no, date, f"Koordinasi kegiatan nomor {no}", bukti, None, status, "Notulen", None]


def run(count: Count, dates: Sequence[Any], title: Sequence[str] = TITLE, **options: Any
        ) -> Result:
    rows = simple_rekap([act(i + 1, d) for i, d in enumerate(dates)], title=title)
    return count([SheetSpec("Pemerintahan", rows)], **options)


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def date_problems(result: Result) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in result.problems if p.code in DATE_CODES]


# -- real dates and serials ---------------------------------------------------------------------

def test_real_date_cells(count: Count) -> None:
    result = run(count, [dt.date(2026, 3, 12), dt.datetime(2026, 11, 5, 9, 30)])
    assert result.activities.date == [dt.date(2026, 3, 12), dt.date(2026, 11, 5)]
    assert date_problems(result) == []


@pytest.mark.parametrize(
    "value", [serial(dt.date(2026, 3, 12)), float(serial(dt.date(2026, 3, 12))),
              str(serial(dt.date(2026, 3, 12)))], ids=["int", "float", "text"]
)
def test_excel_serial_numbers_are_dates(count: Count, value: Any) -> None:
    result = run(count, [value])
    assert result.activities.date == [dt.date(2026, 3, 12)]
    assert date_problems(result) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [(serial(dt.date(1990, 1, 1)), dt.date(1990, 1, 1)),
     (serial(dt.date(2100, 12, 31)), dt.date(2100, 12, 31))],
    ids=["1990", "2100"],
)
def test_excel_serials_at_the_edges_of_1990_2100(count: Count, value: int,
                                                 expected: dt.date) -> None:
    result = run(count, [value])
    assert result.activities.date == [expected]


@pytest.mark.parametrize(
    "value", [5, 2026, serial(dt.date(1989, 12, 31)), serial(dt.date(2101, 1, 1))],
    ids=["tiny", "a-year", "1989", "2101"],
)
def test_numbers_outside_1990_2100_are_not_dates(count: Count, value: int) -> None:
    result = run(count, [value])
    assert result.activities.date == [None]
    assert date_problems(result) == [("tanggal-tidak-terbaca", FIRST)]
    assert result.total.counted == 1  # still counted


# -- text forms ----------------------------------------------------------------------------------

MARCH_12 = dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/2026", MARCH_12),
        ("12-03-2026", MARCH_12),
        ("12.03.2026", MARCH_12),
        ("12/03/26", MARCH_12),
        ("2026-03-12", MARCH_12),
        ("12 Maret 2026", MARCH_12),
        ("12 Mar 2026", MARCH_12),
        ("Kamis, 12 Maret 2026", MARCH_12),
        ("12 MARET 2026", MARCH_12),
        ("12 March 2026", MARCH_12),
        ("05/03/2026", dt.date(2026, 3, 5)),  # day first, never 3 May
        ("1/2/2026", dt.date(2026, 2, 1)),
        ("31/12/26", dt.date(2026, 12, 31)),
        (" 12/03/2026 ", MARCH_12),
    ],
)
def test_text_date_forms(count: Count, text: str, expected: dt.date) -> None:
    result = run(count, [text])
    assert result.activities.date == [expected]
    assert date_problems(result) == []


@pytest.mark.parametrize(
    ("month", "number"),
    [("Jan", 1), ("Januari", 1), ("Feb", 2), ("Februari", 2), ("Apr", 4), ("April", 4),
     ("Mei", 5), ("Jun", 6), ("Juni", 6), ("Jul", 7), ("Juli", 7), ("Agu", 8), ("Agt", 8),
     ("Ags", 8), ("Agustus", 8), ("Sep", 9), ("Sept", 9), ("September", 9), ("Okt", 10),
     ("Oktober", 10), ("Nov", 11), ("Nop", 11), ("November", 11), ("Des", 12),
     ("Desember", 12), ("May", 5), ("August", 8), ("Aug", 8), ("October", 10), ("Oct", 10),
     ("December", 12), ("Dec", 12), ("February", 2), ("June", 6), ("July", 7)],
)
def test_month_names_and_short_forms(count: Count, month: str, number: int) -> None:
    result = run(count, [f"3 {month} 2026"])
    assert result.activities.date == [dt.date(2026, number, 3)]
    assert date_problems(result) == []


@pytest.mark.parametrize(("text", "why"), [
    ("31/02/2026", "Februari 2026 hanya 28 hari"),
    ("31 Juni 2026", "Juni 2026 hanya 30 hari"),
    ("Kamis, 31 April 2026", "April 2026 hanya 30 hari"),
    ("2026-02-29", "Februari 2026 hanya 28 hari"),
    ("12/13/2026", "bulan 13 tidak ada (tanggal ditulis hari dulu"),
])
def test_a_day_the_calendar_does_not_have_says_so(count: Count, text: str, why: str) -> None:
    """Written in a known form, but no such day: the message says why, not 'unreadable' nor
    'no year' (issue 13)."""
    result = run(count, [text])
    assert result.activities.date == [None]
    assert result.total.counted == 1  # still counted, in 'Tanpa tanggal'
    assert date_problems(result) == [("tanggal-tidak-ada", FIRST)]
    (problem,) = of(result, "tanggal-tidak-ada")
    assert why in problem.message and "tahun" not in problem.message.split(":")[0]
    assert str(problem.severity) == "peringatan" and problem.cell == f"B{FIRST}"


@pytest.mark.parametrize("text", ["2026/03/07", "2026.03.07", "2026 / 3 / 7"])
def test_year_first_with_slashes_or_dots(count: Count, text: str) -> None:
    result = run(count, [text])
    assert result.activities.date == [dt.date(2026, 3, 7)]
    assert date_problems(result) == []


# -- dates without a year -----------------------------------------------------------------------

def test_date_without_year_takes_the_title_block_year(count: Count) -> None:
    title = ("REKAP FASILITASI DAN KOORDINASI SEKSI PEMERINTAHAN", "TAHUN 2025")
    result = run(count, ["12 Maret", "3 Jan"], title=title)
    assert result.activities.date == [dt.date(2025, 3, 12), dt.date(2025, 1, 3)]
    assert date_problems(result) == []


def test_date_without_year_takes_the_tahun_option(count: Count) -> None:
    result = run(count, ["12 Maret"], title=NO_YEAR_TITLE, year=2026)
    assert result.activities.date == [MARCH_12]
    assert date_problems(result) == []


def test_date_without_year_and_no_year_anywhere_is_unreadable(count: Count) -> None:
    result = run(count, ["12 Maret", "13/03/2026"], title=NO_YEAR_TITLE)
    assert result.activities.date == [None, dt.date(2026, 3, 13)]
    assert date_problems(result) == [("tanggal-tanpa-tahun", FIRST)]
    assert str(of(result, "tanggal-tanpa-tahun")[0].severity) == "peringatan"
    assert result.total.counted == 2


# -- missing and unreadable dates ------------------------------------------------------------

def test_missing_date_is_a_warning_and_still_counted(count: Count) -> None:
    result = run(count, [MARCH_12, None])
    assert (result.total.counted, result.total.followed_up) == (2, 2)
    assert result.activities.date == [MARCH_12, None]
    assert date_problems(result) == [("tanggal-kosong", FIRST + 1)]
    assert str(of(result, "tanggal-kosong")[0].severity) == "peringatan"
    assert codes(result.problems, "galat") == []


@pytest.mark.parametrize("text", ["besok", "Maret", "tgl 12", "??", "12//2026"])
def test_unreadable_date_is_a_warning_naming_the_value(count: Count, text: str) -> None:
    result = run(count, [text])
    assert result.total.counted == 1
    assert result.activities.date == [None]
    assert date_problems(result) == [("tanggal-tidak-terbaca", FIRST)]
    (problem,) = of(result, "tanggal-tidak-terbaca")
    assert problem.value == text.strip()
    assert problem.cell == f"B{FIRST}"


def test_sheet_without_a_date_column_gets_one_sheet_warning(count: Count) -> None:
    header = [h for h in HEADER if h != "Tanggal"]
    rows = simple_rekap([[1, "Rakor A", "Rakor", None, "Ya", "x", None],
                         [2, "Rakor B", "BA", None, "Ya", "x", None],
                         [3, "Rakor C", "SK", None, "Ya", "x", None]], title=TITLE, header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.total.counted == 3
    assert result.activities.date == [None, None, None]
    assert [(p.code, p.row) for p in result.problems
            if p.code in DATE_CODES | {"tanpa-kolom-tanggal"}] == [("tanpa-kolom-tanggal", None)]


@pytest.mark.parametrize(
    "text", ["12-14 Maret 2026", "12 - 14 Maret 2026", "12 s.d. 14 Maret 2026",
             "12 Maret 2026 - 14 Maret 2026"])
def test_date_range_uses_its_start_date(count: Count, text: str) -> None:
    """Not spelt out in the contract; the catalogue's 'tanggal-rentang' says: the start date."""
    result = run(count, [text])
    assert result.activities.date == [MARCH_12]
    assert [(p.code, p.row) for p in of(result, "tanggal-rentang")] == [
        ("tanggal-rentang", FIRST)]


# -- the --tahun filter -------------------------------------------------------------------------

def test_tahun_excludes_dated_activities_of_other_years(count: Count) -> None:
    result = run(count, [MARCH_12, dt.date(2025, 12, 30), None, dt.date(2026, 1, 2)], year=2026)
    assert result.total.counted == 3  # 2026 twice, plus the undated one
    assert result.activities.reason[1] == "di luar tahun"
    assert result.activities.reason[2] is None  # undated stays in


def test_tahun_filter_warns_once_per_sheet_listing_the_rows(count: Count) -> None:
    dates = [dt.date(2025, 12, 30), MARCH_12, dt.date(2027, 1, 4)]
    result = run(count, dates, year=2026)
    others = [p for p in result.problems if str(p.severity) == "peringatan"
              and p.code not in DATE_CODES and p.sheet == "Pemerintahan"]
    assert len(others) == 1
    assert others[0].row is None
    assert str(FIRST) in others[0].message
    assert str(FIRST + 2) in others[0].message
    assert result.total.counted == 1


def test_without_tahun_every_year_counts(count: Count) -> None:
    result = run(count, [MARCH_12, dt.date(2025, 12, 30)])
    assert result.total.counted == 2


def test_tahun_filter_reports_a_per_sheet_count_in_sumber(count: Count) -> None:
    """'a per-sheet count in `sumber`': some new key of the sheet entry holds the 2 rows."""
    dates = [dt.date(2025, 12, 30), MARCH_12, dt.date(2027, 1, 4)]
    result = run(count, dates, year=2026)
    entry = result.to_dict()["sumber"][0]["sheet"][0]
    known = {"nama", "unit", "baris_kegiatan", "terhitung", "semua_unit", "dilewati"}
    assert 2 in [entry[key] for key in set(entry) - known]
    assert entry["terhitung"] == 1


def test_tahun_option_means_no_tahun_ganda(count: Count) -> None:
    result = run(count, [MARCH_12, dt.date(2025, 12, 30)], year=2026)
    assert result.year == 2026
    assert of(result, "tahun-ganda") == []
