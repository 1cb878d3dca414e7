"""`iku periksa`: every problem at the row Excel shows, and the workbook for section heads."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from conftest import SheetSpec, write_xlsx
from iku_cli.cli import app
from iku_cli.rekap.core import periksa

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def awkward_sheet() -> SheetSpec:
    """Title block, a blank row, a merged two-row header, a number row, section rows, blanks."""
    rows = [
        ["REKAPITULASI FASILITASI DAN KOORDINASI"],                       # 1
        ["SEKSI PEMBERDAYAAN MASYARAKAT DAN DESA"],                       # 2
        [],                                                               # 3
        ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, "Tindak Lanjut", None],  # 4
        [None, None, None, "Jenis", "Nomor", "Status", "Hasil"],         # 5
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],                # 6
        ["TRIWULAN I"],                                                   # 7
        [1, "05/01/2026", "Musdes Desa Sombo", "BA", "1", "Ya", "BA"],    # 8
        [],                                                               # 9
        [2, "06/01/2026", "Rakor stunting", "Foto", None, "Ya", "ok"],    # 10 galat
        ["JANUARI"],                                                      # 11
        [3, "07/01/2026", "Monev BLT-DD", "Laporan", None, None, None],   # 12 peringatan
    ]
    return SheetSpec("PMD", rows, merges=["B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4"],
                     start_row=1, start_col=2)


def test_rows_are_excel_rows_under_title_merged_header_and_sections(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "pmd.xlsx", [awkward_sheet()])
    report = periksa([path])
    found = {(p.code, p.row, p.cell) for p in report.problems if p.severity != "info"}
    assert found == {("bukti-tidak-sah", 10, "E10"), ("status-kosong", 12, "G12")}


def test_problem_workbook_one_sheet_per_unit(tmp_path: Path) -> None:
    """The list that goes back to the sections: a guide first, then one sheet per unit with
    galat before peringatan (info only with -v), the file as the section knows it, the cell
    of every row problem (a duplicate's too), and the code last."""
    path = write_xlsx(tmp_path / "rekap.xlsx", [
        awkward_sheet(),
        SheetSpec("Kesos", [["No", "Uraian Kegiatan", "Bukti", "Status"],
                            [1, "Verifikasi DTKS", "Undangan", "Ya"],
                            [2, "Rakor PKH", "Rakor", "Ya"],
                            [3, "Rakor PKH", "Rakor", "Ya"],
                            [4, "Monitoring", "BA", "mungkin"]]),
    ])
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 potongan")
    target = tmp_path / "masalah.xlsx"
    result = runner.invoke(app, ["periksa", str(path), str(broken), "-o", str(target)])
    assert result.exit_code == 1
    assert "Daftar masalah ditulis ke" in result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Petunjuk", "PMD", "Kesos", "Berkas"]
    guide = [row for row in workbook["Petunjuk"].iter_rows(values_only=True) if row[0]]
    assert "galat lebih dulu" in guide[1][0] and "kirim ulang rekapnya" in guide[2][0]
    pmd = workbook["PMD"]
    assert pmd.freeze_panes == "A2"
    assert pmd.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in pmd[1]]
    assert header == ["Tingkat", "Berkas", "Sheet", "Sel", "Kolom", "Nilai",
                      "Masalah dan cara memperbaikinya", "Kode"]
    rows = [dict(zip(header, values, strict=True))
            for values in pmd.iter_rows(min_row=2, values_only=True)]
    foto = next(row for row in rows if row["Kode"] == "bukti-tidak-sah")
    assert (foto["Berkas"], foto["Sel"], foto["Nilai"]) == ("rekap.xlsx", "E10", "Foto")
    levels = [row["Tingkat"] for row in rows]
    assert levels == sorted(levels, key=["galat", "peringatan"].index)  # galat first, no info
    kesos = [dict(zip(header, values, strict=True))
             for values in workbook["Kesos"].iter_rows(min_row=2, values_only=True)]
    assert any("Undangan" in (row["Masalah dan cara memperbaikinya"] or "") for row in kesos)
    duplicate = next(row for row in kesos if row["Kode"] == "duplikat")
    assert duplicate["Sel"] == "B4"  # the copy's activity cell, not a bare row number
    berkas = list(workbook["Berkas"].iter_rows(min_row=2, values_only=True))
    assert berkas[0][7] == "berkas-rusak" and berkas[0][1] == "rusak.xlsx"
    # -v: the info too, after the others
    runner.invoke(app, ["periksa", str(path), "-o", str(target), "-v"])
    every = openpyxl.load_workbook(target)["PMD"]
    levels = [row[0] for row in every.iter_rows(min_row=2, values_only=True)]
    assert "info" in levels and levels == sorted(levels, key=["galat", "peringatan",
                                                              "info"].index)


def test_periksa_nothing_readable_exits_3(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["periksa", str(empty)])
    assert result.exit_code == 3
    assert "kosong.xlsx: tidak terbaca" in result.stderr


def test_periksa_ketat(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", [SheetSpec("Kesos", [
        ["No", "Uraian Kegiatan", "Bukti", "Status"], [1, "Verifikasi DTKS", "BA", ""]])])
    assert runner.invoke(app, ["periksa", str(path)]).exit_code == 0
    assert runner.invoke(app, ["periksa", str(path), "--ketat"]).exit_code == 1


def test_a_csv_files_problems_go_to_its_units_sheet(tmp_path: Path) -> None:
    """A CSV has no sheet: its problems still go back to the unit it was counted for."""
    from conftest import write_csv

    csv_path = write_csv(tmp_path / "rekap_pelayanan.csv",
                         [["No", "Uraian Kegiatan", "Bukti", "Status", "Unit"],
                          [1, "Pelayanan KTP", "Foto", "Ya", "Seksi Pelayanan Umum"]])
    target = tmp_path / "masalah.xlsx"
    runner.invoke(app, ["periksa", str(csv_path), "-o", str(target)])
    assert openpyxl.load_workbook(target).sheetnames == ["Petunjuk", "Pelayanan"]
