"""A kabupaten roll-up: one row per kecamatan and the kabupaten total (Σ numerators / Σ
denominators), kecamatan from the title block or from one folder per kecamatan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.rekap.core import Options, hitung

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def acts(done: int, total: int) -> list[list[Any]]:
    """The same activity texts in every kecamatan: they are not duplicates of each other."""
    return [[i + 1, "12/03/2026", f"Rakor Forkopimka {i + 1}", "Rakor", None,
             "Ya" if i < done else "Belum", "ok", None] for i in range(total)]


KECAMATAN = {"Gucialit": (3, 4), "Pasrujambe": (1, 2), "Senduro": (4, 4)}


def by_title(tmp_path: Path) -> Path:
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    for name, (done, total) in KECAMATAN.items():
        title = [f"SEKSI PEMERINTAHAN KECAMATAN {name.upper()}", "KABUPATEN LUMAJANG",
                 "TAHUN 2026"]
        write_xlsx(folder / f"rekap_{name.lower()}.xlsx",
                   [SheetSpec("Pemerintahan", simple_rekap(acts(done, total), title=title))])
    return folder


def by_folder(tmp_path: Path) -> Path:
    root = tmp_path / "lumajang"
    for name, (done, total) in KECAMATAN.items():
        folder = root / f"Kec. {name}" / "masuk"
        folder.mkdir(parents=True)
        write_xlsx(folder / "rekap_pemerintahan.xlsx",
                   [SheetSpec("Sheet1", simple_rekap(acts(done, total),
                                                     title=["SEKSI PEMERINTAHAN"]))])
    return root


def check(result: Any) -> None:
    rows = [(k.subdistrict, k.count.counted, k.count.followed_up) for k in result.per_subdistrict]
    assert rows == [("Gucialit", 4, 3), ("Pasrujambe", 2, 1), ("Senduro", 4, 4)]
    assert (result.total.counted, result.total.followed_up) == (10, 8)
    assert result.total.percent == 80.0  # 8/10, not the mean of 75, 50 and 100
    assert result.subdistrict is None  # several
    assert not [p for p in result.problems if p.code == "duplikat"]


def test_three_kecamatan_named_in_title_blocks(tmp_path: Path) -> None:
    result = hitung([by_title(tmp_path)], Options(per_subdistrict=True))
    check(result)
    assert result.regency == "Lumajang"
    assert result.per_subdistrict[0].units[0].unit == "Seksi Pemerintahan"


def test_three_kecamatan_one_folder_each(tmp_path: Path) -> None:
    check(hitung([by_folder(tmp_path)], Options(per_subdistrict=True)))


def test_same_rows_within_one_kecamatan_are_still_duplicates(tmp_path: Path) -> None:
    folder = by_title(tmp_path)
    write_xlsx(folder / "rekap_gucialit_salinan.xlsx", [SheetSpec("Pemerintahan", simple_rekap(
        acts(3, 4), title=["KECAMATAN GUCIALIT"]))])
    result = hitung([folder], Options(per_subdistrict=True))
    assert len([p for p in result.problems if p.code == "duplikat"]) == 4
    assert result.total.counted == 10


def test_cli_per_kecamatan_table_json_and_csv(tmp_path: Path) -> None:
    folder = by_title(tmp_path)
    table = runner.invoke(app, ["hitung", str(folder), "--per", "kecamatan"])
    assert table.exit_code == 0, table.stderr
    assert "Pasrujambe" in table.stdout and "KABUPATEN LUMAJANG" in table.stdout
    assert "80,00%" in table.stdout
    data = json.loads(runner.invoke(app, ["hitung", str(folder), "--per", "kecamatan",
                                          "-f", "json"]).stdout)
    assert [k["kecamatan"] for k in data["per_kecamatan"]] == list(KECAMATAN)
    assert data["per_kecamatan"][1] == {
        "kecamatan": "Pasrujambe", "jumlah": 2, "ditindaklanjuti": 1, "persentase": 50.0,
        "unit": [{"unit": "Seksi Pemerintahan", "jumlah": 2, "ditindaklanjuti": 1,
                  "persentase": 50.0}]}
    assert data["kabupaten"] == "Lumajang"
    csv_out = runner.invoke(app, ["hitung", str(folder), "--per", "kecamatan", "-f", "csv"])
    assert csv_out.stdout.splitlines() == [
        "kecamatan,jumlah,ditindaklanjuti,persentase", "Gucialit,4,3,75.00",
        "Pasrujambe,2,1,50.00", "Senduro,4,4,100.00", "KABUPATEN,10,8,80.00"]


def test_unknown_kecamatan_is_warned_with_per_kecamatan(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rekap.xlsx",
                      [SheetSpec("Pemerintahan", simple_rekap(acts(1, 1)))])
    result = hitung([path], Options(per_subdistrict=True))
    assert [k.subdistrict for k in result.per_subdistrict] == ["Tanpa kecamatan"]
    assert any(p.code == "tanpa-kecamatan" for p in result.problems)
