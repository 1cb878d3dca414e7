"""`iku ikm` from the command line: exit codes, stdout vs stderr, formats, the workbook, and
`iku templat --ikm`."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import SheetSpec, write_xlsx
from ikm_support import HAND, survey
from iku_cli.cli import app
from iku_cli.ikm import IkmOptions, ikm
from iku_cli.ikm.vocab import UNSUR

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "survei.xlsx", [SheetSpec("Data", survey(HAND))])


@pytest.fixture
def flawed(tmp_path: Path) -> Path:
    rows = survey([*HAND, [4, 4, 4, 4, "baik", 4, 4, 4, 4]])
    return write_xlsx(tmp_path / "survei_salah.xlsx", [SheetSpec("Data", rows)])


def test_table_on_stdout_problems_on_stderr(flawed: Path) -> None:
    result = invoke("ikm", str(flawed))
    assert result.exit_code == 1  # one galat
    out = result.stdout
    assert "Indeks Kepuasan Masyarakat" in out and "Kecamatan Gucialit" in out
    assert "Penanganan Pengaduan, Saran dan Masukan" in out
    assert "79,09" in out and "mutu pelayanan B" in out and "kinerja unit pelayanan Baik" in out
    assert "Prioritas perbaikan" in out and "U8 Penanganan Pengaduan" in out
    assert "kolom U1–U9 menurut urutan" in out  # which order was used (the caption wraps)
    assert "5 baris responden (4 terhitung)" in out
    assert "galat" not in out
    assert "1 galat" in result.stderr and "sel F10" in result.stderr
    assert "'baik'" in result.stderr


def test_clean_survey_exits_zero(clean: Path) -> None:
    result = invoke("ikm", str(clean))
    assert result.exit_code == 0, result.stderr
    assert "0 galat" in result.stderr


def test_json_equals_the_core_result(flawed: Path) -> None:
    result = invoke("ikm", str(flawed), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(ikm([str(flawed)]).to_dict()))
    assert data["ikm"] == 79.09 and data["responden"] == 4 and data["bobot"] == 0.111
    assert data["masalah"]["galat"] == 1


def test_bobot_option(clean: Path) -> None:
    data = json.loads(invoke("ikm", str(clean), "-f", "json", "--bobot", "1/9").stdout)
    assert data["ikm"] == 79.17 and data["bobot"] == pytest.approx(1 / 9)
    data = json.loads(invoke("ikm", str(clean), "-f", "json", "--bobot", "0,11").stdout)
    assert data["ikm"] == 78.38 and data["bobot"] == 0.11
    result = invoke("ikm", str(clean), "--bobot", "0.2")
    assert result.exit_code == 2 and "--bobot" in result.stderr


def test_urutan_option(clean: Path) -> None:
    data = json.loads(invoke("ikm", str(clean), "-f", "json", "--urutan", "sarana-u8").stdout)
    assert [u["nama"] for u in data["unsur"]][7:] == [UNSUR[8], UNSUR[7]]
    assert invoke("ikm", str(clean), "--urutan", "lain").exit_code == 2


def test_csv(clean: Path) -> None:
    result = invoke("ikm", str(clean), "-f", "csv", "--pemisah", ";", "--desimal", ",")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=";"))
    assert rows[0] == ["kode", "nama", "jumlah_nilai", "nrr", "nrr_tertimbang", "nilai",
                       "mutu", "kinerja"]
    assert rows[1] == ["U1", "Persyaratan", "12", "3,000", "0,3330", "75,00", "C",
                       "Kurang Baik"]
    assert rows[-1][0] == "IKM" and rows[-1][2:] == ["114", "", "3,1635", "79,09", "B", "Baik"]
    assert len(rows) == 11


def test_populasi_warns_when_the_sample_is_too_small(clean: Path) -> None:
    result = invoke("ikm", str(clean), "--populasi", "100")
    assert result.exit_code == 0  # a warning
    assert "minimum 80 untuk populasi 100" in result.stdout
    assert "kurang dari sampel minimum 80" in result.stderr
    assert invoke("ikm", str(clean), "--populasi", "100", "--ketat").exit_code == 1
    assert invoke("ikm", str(clean), "--populasi", "0").exit_code == 2


def test_nothing_readable_exits_three(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lain.xlsx", [SheetSpec("Data", [["No", "Nama", "Alamat"]])])
    result = invoke("ikm", str(path))
    assert result.exit_code == 3
    assert "Tidak ada tabel survei IKM" in result.stderr and result.stdout == ""


def test_missing_argument_is_a_usage_error() -> None:
    assert invoke("ikm").exit_code == 2


def test_workbook_output(flawed: Path, tmp_path: Path) -> None:
    target = tmp_path / "ikm.xlsx"
    result = invoke("ikm", str(flawed), "-o", str(target), "-f", "json")
    assert result.exit_code == 1 and target.exists()
    assert f"ditulis ke {target}" in result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Ringkasan IKM", "Pengolahan IKM", "Masalah"]
    summary = workbook["Ringkasan IKM"]
    assert [summary.cell(row=r, column=2).value for r in range(7, 16)] == list(UNSUR)
    assert summary.cell(row=17, column=6).value == 79.09
    assert summary.cell(row=17, column=7).value == "B"
    assert len(summary._charts) == 1  # NRR per unsur
    processing = workbook["Pengolahan IKM"]
    texts = [[c for c in row if c is not None] for row in processing.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(texts) if "U1" in row)
    assert texts[header][:9] == [f"U{k}" for k in range(1, 10)]
    assert texts[header + 1][:10] == [1, *HAND[0]]
    sums = next(row for row in texts if row and row[0] == "Σ Nilai/Unsur")
    assert sums[1:] == [12, 14, 11, 16, 13, 13, 15, 9, 11]
    index = next(row for row in texts if row and row[0] == "**) IKM Unit Pelayanan")
    assert index[1] == 79.09
    problems = workbook["Masalah"]
    assert any(row[1] == "ikm-jawaban-tidak-sah" for row in problems.iter_rows(values_only=True))


def test_the_workbook_is_never_read_back_and_holds_the_same_index(
    flawed: Path, tmp_path: Path
) -> None:
    """iku's own IKM workbook is skipped as input (its mark); its Pengolahan sheet, read as
    a plain survey once the mark is gone, gives the same index: the data in it is faithful."""
    target = tmp_path / "ikm.xlsx"
    invoke("ikm", str(flawed), "-o", str(target))
    skipped = ikm([target], IkmOptions())
    assert skipped.responden == 0
    assert [p.code for p in skipped.problems] == ["keluaran-iku-dilewati"]
    unmarked = tmp_path / "tanpa_tanda.xlsx"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(unmarked, "w") as copy:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                copy.writestr(item, source.read(item.filename))
    again = ikm([unmarked], IkmOptions())
    assert again.responden == 4 and str(again.index.ikm) == "79.09"
    assert [p.code for p in again.problems if str(p.severity) != "info"] == []


def test_text_from_the_input_never_becomes_a_formula(tmp_path: Path) -> None:
    profile = [[k, "=HYPERLINK(\"x\")", "L", 30, "SMA", "+cmd"] for k in range(1, 5)]
    path = write_xlsx(tmp_path / "s.xlsx", [SheetSpec("Data", survey(HAND, profile=profile))])
    target = tmp_path / "ikm.xlsx"
    assert invoke("ikm", str(path), "-o", str(target)).exit_code == 0
    workbook = openpyxl.load_workbook(target)
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


# --- iku templat --ikm ---------------------------------------------------------------------


def test_templat_ikm_writes_the_survey_form(tmp_path: Path) -> None:
    target = tmp_path / "survei.xlsx"
    result = invoke("templat", "--ikm", "-o", str(target), "--kecamatan", "Gucialit",
                    "--tahun", "2026", "--baris", "50")
    assert result.exit_code == 0, result.stderr
    assert "Templat survei IKM ditulis" in result.stderr
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Petunjuk", "Survei IKM"]
    ws = workbook["Survei IKM"]
    values = [cell for row in ws.iter_rows(values_only=True) for cell in row if cell]
    for name in UNSUR:
        assert name in values
    lists = [v for v in ws.data_validations.dataValidation if v.formula1 == '"1,2,3,4"']
    assert len(lists) == 1 and lists[0].errorStyle == "stop"
    assert str(lists[0].sqref) == "H7:P56"  # 3 title lines, a blank row, 2 header rows


def test_templat_ikm_default_name_and_no_overwrite(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("templat", "--ikm", "--tahun", "2026").exit_code == 0
    assert (tmp_path / "survei_ikm_2026.xlsx").exists()
    again = invoke("templat", "--ikm", "--tahun", "2026")
    assert again.exit_code == 1 and "sudah ada" in again.stderr
    assert invoke("templat", "--ikm", "--unit", "PMD").exit_code == 2


def test_a_filled_template_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "survei.xlsx"
    assert invoke("templat", "--ikm", "-o", str(target), "--kecamatan", "Gucialit",
                  "--tahun", "2026", "--baris", "20").exit_code == 0
    workbook = openpyxl.load_workbook(target)
    ws = workbook["Survei IKM"]
    first = 7  # title (3 lines), blank, two header rows, then the first data row
    for offset, answers in enumerate(HAND):
        row = first + offset
        ws.cell(row=row, column=1, value=offset + 1)
        ws.cell(row=row, column=3, value="Surat Keterangan")
        ws.cell(row=row, column=4, value="Perempuan")
        ws.cell(row=row, column=5, value=40)
        for k, answer in enumerate(answers):
            ws.cell(row=row, column=8 + k, value=answer)
    workbook.save(target)
    result = ikm([target])
    assert result.responden == 4 and str(result.index.ikm) == "79.09"
    assert result.mapping == "nama" and result.kecamatan == "Gucialit"
    assert [s.layanan for s in result.per_layanan] == ["Surat Keterangan"]
    assert [p.code for p in result.problems if str(p.severity) != "info"] == []
