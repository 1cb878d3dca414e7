"""The command line: exit codes, stdout vs stderr, formats, and that JSON is the core's result."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, simple_rekap, write_xlsx
from iku_cli.cli import app
from iku_cli.rekap.core import hitung, periksa

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})

ACTIVITIES = [
    [1, "12/03/2026", "Rakor Musdes Desa Kenongo", "Rakor", "005/2026", "Ya", "Notulen", None],
    [2, "13/03/2026", "Fasilitasi PAW Kades Sombo", "Berita Acara", "BA-1", "Tidak", None, None],
    [3, "14/03/2026", "Monev Dana Desa Pakel", "Foto", None, "Ya", "Laporan", None],
]


@pytest.fixture
def rekap(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "rekap.xlsx",
        [SheetSpec("Pemerintahan", simple_rekap(ACTIVITIES, title=["KECAMATAN GUCIALIT",
                                                                   "TAHUN 2026"]))],
    )


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "bersih.xlsx",
        [SheetSpec("Trantib", simple_rekap(ACTIVITIES[:2]))],
    )


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_hitung_table_on_stdout_problems_on_stderr(rekap: Path) -> None:
    result = invoke("hitung", str(rekap))
    assert result.exit_code == 1  # one galat: 'Foto' is not evidence
    assert "Seksi Pemerintahan" in result.stdout
    assert "TOTAL" in result.stdout
    assert "50,00%" in result.stdout
    assert "Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti" in result.stdout
    assert "Dibaca: 1 berkas, 1 sheet, 3 baris kegiatan (2 terhitung)" in result.stdout
    assert "galat" not in result.stdout
    assert "1 galat" in result.stderr
    assert "Foto" in result.stderr
    assert "sel D7" in result.stderr  # title (2 rows), blank, header: activities from row 5
    assert "iku periksa" in result.stderr


def test_hitung_clean_input_exits_zero(clean: Path) -> None:
    result = invoke("hitung", str(clean))
    assert result.exit_code == 0, result.stderr
    assert "Seksi Ketentraman dan Ketertiban Umum" in result.stdout
    assert "0 galat" in result.stderr


def test_json_equals_core_result(rekap: Path) -> None:
    result = invoke("hitung", str(rekap), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # stdout holds one JSON object, nothing else
    # the same result; only `dibuat` (when the command ran) is the command's own
    core = json.loads(json.dumps(hitung([str(rekap)]).to_dict()))
    assert core["dibuat"] is None and data["dibuat"] is not None
    assert data == core | {"dibuat": data["dibuat"]}
    assert data["total"] == {
        "jumlah": 2, "ditindaklanjuti": 1, "persentase": 50.0, "target": None, "capaian": None,
        "kategori": None,
    }
    assert data["kecamatan"] == "Gucialit" and data["tahun"] == 2026
    assert set(data) >= {"versi_skema", "indikator", "kecamatan", "tahun", "lengkap", "total",
                         "unit", "periode", "bukti", "masalah", "sumber"}
    assert data["periode"] == []
    first = data["masalah"]["daftar"][0]
    assert set(first) >= {"kode", "tingkat", "berkas", "sheet", "baris", "kolom", "nilai",
                          "pesan"}
    assert data["sumber"][0]["sha256"] and len(data["sumber"][0]["sha256"]) == 64


def test_csv_format_and_indonesian_excel_options(rekap: Path) -> None:
    plain = invoke("hitung", str(rekap), "-f", "csv")
    rows = list(csv.reader(io.StringIO(plain.stdout)))
    assert rows == [
        ["unit", "jumlah", "ditindaklanjuti", "persentase"],
        ["Seksi Pemerintahan", "2", "1", "50.00"],
        ["TOTAL", "2", "1", "50.00"],
    ]
    local = invoke("hitung", str(rekap), "-f", "csv", "--pemisah", ";", "--desimal", ",")
    assert local.stdout.splitlines()[1] == "Seksi Pemerintahan;2;1;50,00"


def test_csv_rejects_same_separator_and_decimal(rekap: Path) -> None:
    result = invoke("hitung", str(rekap), "-f", "csv", "--pemisah", ",", "--desimal", ",")
    assert result.exit_code == 2
    assert "--pemisah" in result.stderr and result.stdout == ""


def test_csv_escapes_formula_like_unit_names(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [SheetSpec("Data", simple_rekap(
        [[1, "12/03/2026", "Rakor", "Rakor", None, "Ya", "ok", None]],
        header=["No", "Tanggal", "Uraian Kegiatan", "Bukti", "Unit", "Status", "Hasil", "Ket"],
    ))])
    wb = openpyxl.load_workbook(path)
    wb["Data"]["E2"] = "=HYPERLINK(\"x\")"
    wb["Data"]["E2"].data_type = "s"
    wb.save(path)
    result = invoke("hitung", str(path), "-f", "csv")
    assert "'=HYPERLINK" in result.stdout


def test_output_workbook_written(rekap: Path, tmp_path: Path) -> None:
    target = tmp_path / "ringkasan.xlsx"
    result = invoke("hitung", str(rekap), "-o", str(target))
    assert result.exit_code == 1
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Ringkasan", "Pengukuran Kinerja", "Bukti", "Rincian",
                                   "Tidak Dihitung", "Masalah", "Sumber", "iku_hasil"]
    assert workbook["iku_hasil"].sheet_state == "hidden"  # the result, for `iku gabung`
    values = [[c.value for c in row][:4] for row in workbook["Ringkasan"].iter_rows()]
    assert ["Seksi Pemerintahan", 2, 1, 50.0] in values
    assert ["TOTAL", 2, 1, 50.0] in values
    problem_rows = list(workbook["Masalah"].iter_rows(values_only=True))
    assert any("bukti-tidak-sah" in row for row in problem_rows)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_into_missing_folder_is_a_clear_error(rekap: Path, tmp_path: Path) -> None:
    result = invoke("hitung", str(rekap), "-o", str(tmp_path / "tidak-ada" / "r.xlsx"))
    assert result.exit_code == 1
    assert "folder tujuan tidak ada" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_file_does_not_stop_the_others(rekap: Path, tmp_path: Path) -> None:
    broken = tmp_path / "rusak.xlsx"
    broken.write_text("bukan excel")
    result = invoke("hitung", str(broken), str(rekap), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["lengkap"] is False
    assert data["total"]["jumlah"] == 2
    assert any(p["kode"] == "bukan-spreadsheet" and p["berkas"] == str(broken)
               for p in data["masalah"]["daftar"])


def test_nothing_readable_exits_3(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"")
    result = invoke("hitung", str(broken))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "berkas kosong" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_exits_3_with_message(tmp_path: Path) -> None:
    result = invoke("hitung", str(tmp_path / "tidak_ada.xlsx"))
    assert result.exit_code == 3
    assert "tidak ditemukan" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert invoke("hitung").exit_code == 2
    assert invoke("hitung", "x.xlsx", "--tidak-ada").exit_code == 2
    assert invoke("hitung", "x.xlsx", "--format", "xml").exit_code == 2


def test_ketat_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", [SheetSpec("Kesos", simple_rekap(
        [[1, "12/03/2026", "Verifikasi DTKS", "BA", None, None, None, None]]))])
    assert invoke("hitung", str(path)).exit_code == 0
    assert invoke("hitung", str(path), "--ketat").exit_code == 1


def test_verbose_lists_info(rekap: Path) -> None:
    quiet = invoke("hitung", str(rekap))
    loud = invoke("hitung", str(rekap), "-v")
    assert "header-ditemukan" not in quiet.stderr
    assert "tabel ditemukan" in loud.stderr
    assert "tabel ditemukan" not in quiet.stderr


def test_periksa_lists_every_problem_and_exit_codes(rekap: Path, clean: Path) -> None:
    result = invoke("periksa", str(rekap))
    assert result.exit_code == 1
    assert "Foto" in result.stdout
    assert "bukti-tidak-sah" not in result.stdout  # the code only with -v: words for people
    assert "bukti-tidak-sah" in invoke("periksa", str(rekap), "-v").stdout
    assert "rekap.xlsx: 1 sheet, 3 baris kegiatan, 2 terhitung — 1 galat" in result.stderr
    assert invoke("periksa", str(clean)).exit_code == 0


def test_periksa_json_schema_equals_core(rekap: Path) -> None:
    result = invoke("periksa", str(rekap), "-f", "json")
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(periksa([str(rekap)]).to_dict()))
    assert {"versi_skema", "lengkap", "galat", "peringatan", "info", "daftar"} <= set(data)
    assert data["galat"] == 1


def test_periksa_csv(rekap: Path) -> None:
    result = invoke("periksa", str(rekap), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    foto = [row for row in rows if row["kode"] == "bukti-tidak-sah"]
    assert foto and foto[0]["baris"] == "7" and foto[0]["nilai"] == "Foto"


def test_version_and_help_are_indonesian() -> None:
    assert invoke("--version").stdout.startswith("iku ")
    top = invoke("--help")
    assert top.exit_code == 0
    assert "Perintah" in top.stdout and "hitung" in top.stdout and "periksa" in top.stdout
    sub = invoke("hitung", "--help")
    assert sub.exit_code == 0
    assert "Kode keluar" in sub.stdout
    assert "Tampilkan bantuan ini" in sub.stdout
    assert "Show this message" not in sub.stdout


@pytest.mark.parametrize("args", [["--help"], ["hitung", "--help"], ["periksa", "--help"]])
def test_help_does_not_import_heavy_modules(args: list[str]) -> None:
    """`iku --help` must start fast: no pandas, numpy, openpyxl or calamine."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iku_cli", *args],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"}, check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines()}
    assert imported.isdisjoint({"pandas", "numpy", "openpyxl", "python_calamine"})
    assert "iku_cli.cli" in imported


def test_python_dash_m_runs_the_cli(clean: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "iku_cli", "hitung", str(clean), "-f", "json"],
        capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"]["jumlah"] == 2


def test_tahun_option_filters_other_years(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("Kesos", simple_rekap([
        [1, "30/12/2025", "Verifikasi DTKS", "BA", None, "Ya", "ok", None],
        [2, "05/01/2026", "Verifikasi PKH", "BA", None, "Ya", "ok", None],
        [3, None, "Verifikasi BLT", "BA", None, "Tidak", None, None],
    ]))])
    result = invoke("hitung", str(path), "--tahun", "2026", "-f", "json")
    data = json.loads(result.stdout)
    assert data["tahun"] == 2026
    assert (data["total"]["jumlah"], data["total"]["ditindaklanjuti"]) == (2, 1)
    assert data["sumber"][0]["sheet"][0]["di_luar_tahun"] == 1
    assert any(p["kode"] == "di-luar-tahun" for p in data["masalah"]["daftar"])
    assert invoke("hitung", str(path), "--tahun", "12").exit_code == 2


def test_templat_writes_refuses_to_overwrite_and_counts_zero(tmp_path: Path) -> None:
    target = tmp_path / "rekap_2027.xlsx"
    first = invoke("templat", "-o", str(target), "--tahun", "2027", "--kecamatan", "Gucialit",
                   "--unit", "Trantib", "--unit", "seksi pmd", "--unit", "Seksi Kebersihan",
                   "--baris", "50")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert "3 sheet unit" in first.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Petunjuk", "Trantib", "PMD", "Seksi Kebersihan"]
    before = target.read_bytes()
    again = invoke("templat", "-o", str(target), "--unit", "Kesos")
    assert again.exit_code == 1
    assert "sudah ada" in again.stderr and "--timpa" in again.stderr
    assert target.read_bytes() == before
    assert invoke("templat", "-o", str(target), "--timpa", "--unit", "Kesos").exit_code == 0
    counted = invoke("hitung", str(target), "-f", "json")  # an unfilled template: nothing
    assert counted.exit_code == 3 and counted.stdout == ""
    assert "Tidak ada satu pun baris kegiatan" in counted.stderr
    assert "templat yang masih kosong" in counted.stderr


def test_templat_bad_values_are_usage_errors(tmp_path: Path) -> None:
    assert invoke("templat", "-o", str(tmp_path / "x.xlsx"), "--baris", "0").exit_code == 2
    assert invoke("templat", "-o", str(tmp_path / "x.xlsx"), "--tahun", "26").exit_code == 2


def test_python_api_activities_frame(rekap: Path) -> None:
    frame = hitung([str(rekap)]).activities.to_frame()
    assert list(frame["baris"]) == [5, 6, 7]
    assert list(frame["alasan"].isna()) == [True, True, False]
