"""Inputs and read-back helpers for the summary workbook tests (test_workbook*.py,
test_cli_workbook.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from conftest import HEADER, simple_rekap

# Text that a spreadsheet would run as a formula if it were stored as one.
FORMULA_TEXTS = ("=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "+62 812 koordinasi",
                 "-rapat evaluasi", "@SUM(A1:A9)")
FORMULA_UNITS = ("=1+1", "@Unit Khusus")
# the last, hidden, carries the result for `iku gabung`
SHEETS = ["Ringkasan", "Pengukuran Kinerja", "Bukti", "Rincian", "Tidak Dihitung", "Masalah",
          "Sumber", "iku_hasil"]
UNIT_HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Bukti", "Unit", "Status", "Hasil", "Ket"]


def _write_text_safe(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Like conftest.write_xlsx, but a string is always stored as text (the input itself must
    hold '=...' as text, as a real rekap typed with a leading apostrophe does)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
    workbook.save(path)
    return path


def audit_rekap(path: Path) -> Path:
    """Three units over a year: counted rows, rows not counted (not evidence, duplicate), two
    evidence types in one cell, undated rows, formula-like activity texts and unit names."""
    pem = [
        [1, dt.date(2026, 1, 12), "Rakor Musdes Desa Kenongo", "Rakor", "005/2026", "Ya",
         "Notulen", None],
        [2, dt.date(2026, 2, 3), "Fasilitasi PAW Kades Sombo", "Berita Acara, Rakor", "BA-1",
         "Tidak", None, None],
        [3, dt.date(2026, 4, 14), "Monev Dana Desa Pakel", "Foto", None, "Ya", "Laporan", None],
        [4, dt.date(2026, 5, 20), FORMULA_TEXTS[0], "SK Camat", "SK-7", "Ya", "SK terbit", None],
        [5, dt.date(2026, 8, 1), FORMULA_TEXTS[1], "Dokumen/Laporan", "L-2", "Ya",
         FORMULA_TEXTS[2], None],
        [6, dt.date(2026, 8, 1), FORMULA_TEXTS[1], "Dokumen/Laporan", "L-2", "Ya",
         FORMULA_TEXTS[2], None],  # an exact duplicate of row 5
        [7, None, "Koordinasi tanpa tanggal", "Rekomendasi", "R-1", "Belum", None, None],
    ]
    trantib = [
        [1, dt.date(2026, 3, 9), "Patroli gabungan Pasar Gucialit", "BA", "BA-9", "Ya",
         "Tertib", None],
        [2, dt.date(2026, 10, 2), FORMULA_TEXTS[3], "Rakor", None, "Ya", "ok", None],
        [3, dt.date(2026, 11, 5), "Pengamanan Pilkades", "Daftar Hadir", None, "Ya", None, None],
    ]
    data_rows = [  # the unit stands in each row
        [1, dt.date(2026, 6, 1), "Koordinasi unit khusus", "Rakor", FORMULA_UNITS[0], "Ya",
         "ok", None],
        [2, dt.date(2026, 7, 1), "Koordinasi unit khusus dua", "BA", FORMULA_UNITS[1],
         "Tidak", None, None],
    ]
    title = ["KECAMATAN GUCIALIT", "TAHUN 2026"]
    return _write_text_safe(path, {
        "Pemerintahan": simple_rekap(pem, title=title),
        "Trantib": simple_rekap(trantib, title=title, header=HEADER),
        "Data": simple_rekap(data_rows, title=title, header=UNIT_HEADER),
    })


def rows_of(ws: Worksheet, first: int = 1) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(min_row=first, values_only=True))


def table(ws: Worksheet) -> list[dict[str, Any]]:
    """A header-row-1 sheet (Rincian, Tidak Dihitung, Masalah) as one dict per row."""
    rows = rows_of(ws)
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def find_row(ws: Worksheet, first_cell: Any) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_cell:
            return row[0].row
    raise AssertionError(f"{first_cell!r} not found in {ws.title}")


def label_values(ws: Worksheet) -> dict[str, Any]:
    """Column A label -> column B value (the title block, the run block of Sumber)."""
    return {row[0]: row[1] for row in ws.iter_rows(min_col=1, max_col=2, values_only=True)
            if isinstance(row[0], str)}
