"""The same rekap saved by a real spreadsheet application as .xls and .ods counts the same.

LibreOffice (headless) converts a workbook built here; runs where `soffice` exists (.ci/run
installs libreoffice-calc-nogui).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.rekap.core import hitung

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")

ROWS = [
    ["REKAPITULASI FASILITASI DAN KOORDINASI"],
    ["SEKSI KESEJAHTERAAN SOSIAL KECAMATAN GUCIALIT"],
    ["TAHUN 2026"],
    [],
    ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, "Tindak Lanjut", None],
    [None, None, None, "Jenis", "Nomor", "Status", "Hasil"],
    [1, dt.date(2026, 2, 3), "Verifikasi DTKS Desa Sombo", "BA", "BA-01", "Ya", "DTKS final"],
    [2, "4 Maret 2026", "Rakor penyaluran BLT-DD", "Rakor, Dokumen", "005/1", "Belum", None],
    [3, dt.date(2026, 4, 7), "Pendataan lansia Desa Pakel", "Foto", None, "Ya", "Data"],
    ["JUMLAH", None, None, 3],
    [],
    [None, None, None, None, None, "Gucialit, 31 Desember 2026"],
    [None, None, None, None, None, "NIP. 19700512 199303 1 008"],
]
MERGES = ("A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5", "A10:C10")


def convert(source: Path, fmt: str, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         fmt, "--outdir", str(tmp_path / fmt), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / fmt / f"{source.stem}.{fmt}"


def summary(path: Path) -> tuple:
    result = hitung([path])
    return (
        [(u.unit, u.counted, u.followed_up) for u in result.units],
        sorted((p.code, p.row) for p in result.problems if str(p.severity) != "info"),
        result.activities.row,
    )


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_converted_workbook_counts_like_the_original(tmp_path: Path, fmt: str) -> None:
    original = write_xlsx(tmp_path / "kesos.xlsx", [SheetSpec("Kesos", ROWS, merges=MERGES)])
    expected = summary(original)
    assert expected == (
        [("Seksi Kesejahteraan Sosial", 2, 1)],
        [("bukti-tidak-sah", 9)],
        [7, 8, 9],
    )
    assert summary(convert(original, fmt, tmp_path)) == expected


def test_csv_saved_by_libreoffice(tmp_path: Path) -> None:
    rows = simple_rekap([[1, "03/02/2026", "Verifikasi DTKS", "BA", None, "Ya", "ok", None],
                         [2, "04/02/2026", "Rakor BLT", "Undangan", None, "Ya", "ok", None]])
    original = write_xlsx(tmp_path / "rekap_kesos.xlsx", [SheetSpec("Kesos", rows)])
    converted = convert(original, "csv", tmp_path)
    result = hitung([converted])
    assert [(u.unit, u.counted) for u in result.units] == [("Seksi Kesejahteraan Sosial", 1)]
    assert [(p.code, p.row) for p in result.problems if str(p.severity) == "galat"] == [
        ("bukti-tidak-sah", 3)]
