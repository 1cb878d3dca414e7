"""Targets and capaian: the formula, target 0, above 100 %, the cap, category edges, quarters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.targets import CapaianScale, achievement

SCALE = CapaianScale()


def test_capaian_is_realisasi_over_target() -> None:
    result = achievement(Decimal(114 * 100) / Decimal(132), 90.0, SCALE)
    assert (result.target, result.percent, result.category) == (90.0, 95.96, "Sangat Tinggi")


@pytest.mark.parametrize("target", [0, 0.0])
def test_target_zero_gives_no_capaian(target: float) -> None:
    result = achievement(Decimal(50), target, SCALE)
    assert (result.target, result.percent, result.category) == (target, None, None)


def test_no_target_gives_nothing() -> None:
    assert achievement(Decimal(50), None, SCALE).to_dict() == {
        "target": None, "capaian": None, "kategori": None}


def test_no_activities_gives_no_capaian() -> None:
    assert achievement(None, 90.0, SCALE).percent is None


def test_above_100_is_shown_as_it_is_unless_capped() -> None:
    assert achievement(Decimal(100), 80.0, SCALE).percent == 125.0
    assert achievement(Decimal(100), 80.0, SCALE, cap=120.0).percent == 120.0


@pytest.mark.parametrize(("capaian", "category"), [
    (100.0, "Sangat Tinggi"), (90.01, "Sangat Tinggi"), (90.0, "Tinggi"), (75.01, "Tinggi"),
    (75.0, "Sedang"), (65.01, "Sedang"), (65.0, "Rendah"), (50.01, "Rendah"),
    (50.0, "Sangat Rendah"), (0.0, "Sangat Rendah"),
])
def test_category_edges(capaian: float, category: str) -> None:
    assert SCALE.category(capaian) == category
    # the same through achievement(): realisasi = capaian when the target is 100
    assert achievement(Decimal(str(capaian)), 100.0, SCALE).category == category


def test_category_read_from_the_rounded_capaian() -> None:
    # 90.004 rounds to 90.00: shown as 90,00 and so 'Tinggi', never 'Sangat Tinggi'
    assert achievement(Decimal("90.004"), 100.0, SCALE).category == "Tinggi"
    assert achievement(Decimal("90.005"), 100.0, SCALE).category == "Sangat Tinggi"


def act(no: int, date: dt.date, status: str = "Ya") -> list[Any]:
    return [no, date, f"Koordinasi nomor {no}", "Rakor", None, status, "ok", None]


def test_quarterly_targets_against_cumulative_realisation(tmp_path: Path) -> None:
    rows = [act(1, dt.date(2026, 1, 5)), act(2, dt.date(2026, 2, 5), "Tidak"),   # TW I 1/2
            act(3, dt.date(2026, 5, 5)), act(4, dt.date(2026, 6, 5))]           # cum. 3/4
    path = write_xlsx(tmp_path / "r.xlsx", [SheetSpec("Pemerintahan", simple_rekap(rows))])
    result = hitung([path], Options(period="triwulan", target=80.0,
                                    quarter_targets=(50.0, 100.0, 80.0, 0.0)))
    quarters = {p.period: p.achievement for p in result.periods if p.unit is None}
    assert (quarters["Triwulan I"].percent, quarters["Triwulan I"].category) == (
        100.0, "Sangat Tinggi")  # 50 % cumulative vs 50
    assert quarters["Triwulan II"].percent == 75.0  # 75 % cumulative vs 100 -> 75, 'Sedang'
    assert quarters["Triwulan II"].category == "Sedang"
    assert quarters["Triwulan III"].percent == 93.75  # still 75 % vs 80
    assert quarters["Triwulan IV"].percent is None  # target 0
    assert result.achievement.percent == 93.75
    data = result.to_dict()
    assert data["total"]["target"] == 80.0 and data["total"]["capaian"] == 93.75
    first = next(p for p in data["periode"] if p["periode"] == "Triwulan I" and p["unit"] is None)
    assert (first["target"], first["capaian"], first["kategori"]) == (50.0, 100.0,
                                                                       "Sangat Tinggi")
