"""Periods: every period of the year, boundaries, cumulative sums, undated rows, several years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result

PEM = "Seksi Pemerintahan"


def act(no: int, date: Any, status: str = "Ya") -> list[Any]:
    return [no, date, f"Koordinasi nomor {no}", "Rakor", None, status, "ok", None]


def run(tmp_path: Path, rows: list[list[Any]], **options: Any) -> Result:
    path = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pemerintahan", simple_rekap(rows))])
    return hitung([path], Options(**options))


def totals(result: Result) -> dict[str, tuple[int, int]]:
    return {p.period: (p.count.counted, p.count.followed_up)
            for p in result.periods if p.unit is None}


def cumulative(result: Result) -> dict[str, tuple[int, int] | None]:
    return {p.period: None if p.cumulative is None else
            (p.cumulative.counted, p.cumulative.followed_up)
            for p in result.periods if p.unit is None}


@pytest.mark.parametrize(("last_day", "first_day", "before", "after"), [
    (dt.date(2026, 3, 31), dt.date(2026, 4, 1), "Triwulan I", "Triwulan II"),
    (dt.date(2026, 6, 30), dt.date(2026, 7, 1), "Triwulan II", "Triwulan III"),
    (dt.date(2026, 9, 30), dt.date(2026, 10, 1), "Triwulan III", "Triwulan IV"),
])
def test_quarter_boundaries(tmp_path: Path, last_day: dt.date, first_day: dt.date,
                            before: str, after: str) -> None:
    result = run(tmp_path, [act(1, last_day), act(2, first_day, "Tidak")], period="triwulan")
    found = totals(result)
    assert found[before] == (1, 1)
    assert found[after] == (1, 0)


def test_every_period_listed_even_empty_with_null_percentage(tmp_path: Path) -> None:
    result = run(tmp_path, [act(1, dt.date(2026, 5, 2))], period="triwulan")
    assert list(totals(result)) == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    first = next(p for p in result.periods if p.unit is None)
    assert first.count.percent is None
    assert first.to_dict()["persentase"] is None


def test_cumulative_sums_numerators_and_denominators_not_percentages(tmp_path: Path) -> None:
    rows = [act(1, dt.date(2026, 1, 5)),                       # TW I: 1/1 = 100 %
            act(2, dt.date(2026, 4, 5)), act(3, dt.date(2026, 4, 6), "Tidak"),
            act(4, dt.date(2026, 4, 7), "Tidak")]              # TW II: 1/3 = 33.33 %
    result = run(tmp_path, rows, period="triwulan")
    assert cumulative(result)["Triwulan II"] == (4, 2)
    second = next(p for p in result.periods if p.period == "Triwulan II" and p.unit is None)
    assert second.cumulative.percent == 50.0  # not (100 + 33.33) / 2
    assert cumulative(result)["Triwulan IV"] == (4, 2)


def test_months_and_leap_day(tmp_path: Path) -> None:
    rows = [act(1, dt.date(2028, 2, 29)), act(2, dt.date(2028, 3, 1)), act(3, "29/02/2028")]
    result = run(tmp_path, rows, period="bulan")
    found = totals(result)
    assert len(found) == 12
    assert found["Februari"] == (2, 2)
    assert found["Maret"] == (1, 1)
    assert result.year == 2028


def test_semester(tmp_path: Path) -> None:
    result = run(tmp_path, [act(1, dt.date(2026, 6, 30)), act(2, dt.date(2026, 7, 1))],
                 period="semester")
    assert totals(result) == {"Semester I": (1, 1), "Semester II": (1, 1)}


def test_undated_go_to_tanpa_tanggal_without_cumulative(tmp_path: Path) -> None:
    result = run(tmp_path, [act(1, dt.date(2026, 2, 1)), act(2, None), act(3, "nanti")],
                 period="triwulan")
    assert totals(result)["Tanpa tanggal"] == (2, 2)
    undated = [p for p in result.periods if p.period == "Tanpa tanggal"]
    assert all(p.cumulative is None for p in undated)
    assert undated[0].to_dict()["kumulatif"] is None
    # the total equals the sum over periods, Tanpa tanggal included
    assert sum(j for j, _ in totals(result).values()) == result.total.counted == 3


def test_per_unit_rows_carry_the_unit_and_period_totals_none(tmp_path: Path) -> None:
    result = run(tmp_path, [act(1, dt.date(2026, 2, 1))], period="triwulan")
    data = result.to_dict()["periode"]
    first_quarter = [p for p in data if p["periode"] == "Triwulan I"]
    assert [p["unit"] for p in first_quarter] == [None, PEM]
    assert first_quarter[1]["kumulatif"] == {"jumlah": 1, "ditindaklanjuti": 1,
                                             "persentase": 100.0}


def test_year_filter_with_periods(tmp_path: Path) -> None:
    rows = [act(1, dt.date(2025, 12, 31)), act(2, dt.date(2026, 1, 1))]
    result = run(tmp_path, rows, period="triwulan", year=2026)
    assert totals(result)["Triwulan I"] == (1, 1)
    assert result.total.counted == 1


def test_several_years_without_tahun_warn_and_label_the_year(tmp_path: Path) -> None:
    rows = [act(1, dt.date(2025, 12, 31)), act(2, dt.date(2026, 1, 1))]
    result = run(tmp_path, rows, period="semester")
    assert result.year is None
    warning = next(p for p in result.problems if p.code == "tahun-ganda")
    assert "2025, 2026" in warning.message
    assert totals(result) == {"Semester I 2025": (0, 0), "Semester II 2025": (1, 1),
                              "Semester I 2026": (1, 1), "Semester II 2026": (0, 0)}


def test_tahun_period_means_no_breakdown(tmp_path: Path) -> None:
    result = run(tmp_path, [act(1, dt.date(2026, 2, 1))])
    assert result.periods == []
    assert result.to_dict()["periode"] == []
