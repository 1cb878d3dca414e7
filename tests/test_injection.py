"""Issue 8, nothing injected: text from an input never becomes a formula in any CSV or
workbook iku writes (OWASP CSV injection: cells starting with = + - @ tab CR), and JSON stays
valid whatever a cell holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import HEADER
from host_support import host_workbook
from hostile_support import SHEET, good_xlsx, invoke, rewrite
from ikm_support import HAND, survey
from iku_cli.render.common.tabular import FORMULA_PREFIXES
from workbook_support import _write_text_safe

# one per prefix OWASP lists; each would run (or be mangled) if a spreadsheet saw a formula
HOSTILE = ['=HYPERLINK("http://contoh.invalid","klik")', "+62 812 3456", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
UNIT_HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Bukti", "Unit", "Status", "Hasil", "Nomor"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder per kecamatan (one named like a formula) of rekap whose every text column
    carries formula-like text: activity, unit, status, evidence, result, number."""
    rows: list[list[Any]] = []
    for number, text in enumerate(HOSTILE, start=1):
        rows.append([number, f"{number}/03/2026", text, "Rakor", text, "Ya", text, text])
        rows.append([number + 10, f"{number}/04/2026", f"Kegiatan {number}", text, "PMD", text,
                     None, None])
    folder = tmp_path / "kabupaten"
    for kecamatan in ("=cmd", "Gucialit"):
        (folder / kecamatan).mkdir(parents=True)
        # no KECAMATAN in the title: the folder names the kecamatan
        _write_text_safe(folder / kecamatan / "=rekap.xlsx",
                         {"Data": [["REKAP FASILITASI"], ["TAHUN 2026"], [], UNIT_HEADER, *rows]})
    return folder


def csv_cells(text: str, separator: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]


def assert_no_formula_cell(text: str, separator: str = ",") -> None:
    cells = csv_cells(text, separator)
    assert len(cells) > 4
    bad = [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
    assert bad == [], bad


@pytest.mark.parametrize("args", [
    ["hitung", "-f", "csv"],
    ["hitung", "-f", "csv", "--periode", "triwulan", "--pemisah", ";", "--desimal", ","],
    ["hitung", "-f", "csv", "--per", "kecamatan"],
    ["hitung", "-f", "lkjip-csv"],
    ["periksa", "-f", "csv", "-v"],
], ids=["hitung", "hitung-periode", "hitung-per-kecamatan", "lkjip", "periksa"])
def test_csv_outputs_never_start_a_cell_with_a_formula(hostile: Path, args: list[str],
                                                       tmp_path: Path) -> None:
    config = tmp_path / "iku.toml"
    config.write_text('indikator = "=HYPERLINK(\\"http://contoh.invalid\\")"\n')
    result = invoke(args[0], str(hostile), *args[1:], "--config", str(config))
    assert result.exit_code in (0, 1), result.stderr[-300:]
    assert_no_formula_cell(result.stdout, ";" if ";" in args else ",")
    if args[0] == "periksa":  # the problem list names the hostile values, made safe
        assert "'=HYPERLINK" in result.stdout and "'@SUM" in result.stdout


def test_ikm_csv_never_starts_a_cell_with_a_formula(tmp_path: Path) -> None:
    profile = [[k, HOSTILE[k % len(HOSTILE)], "L", 30, "SMA", "+cmd"] for k in range(1, 5)]
    path = _write_text_safe(tmp_path / "=survei.xlsx", {"Data": survey(HAND, profile=profile)})
    result = invoke("ikm", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert_no_formula_cell(result.stdout)
    json.loads(invoke("ikm", str(path), "-f", "json").stdout)


def formulas_in(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula cell of a workbook, and every <f> in its XML."""
    workbook = openpyxl.load_workbook(path)
    found = [(ws.title, cell.coordinate, str(cell.value)) for ws in workbook.worksheets
             for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
    with zipfile.ZipFile(path) as archive:
        xml_formulas = sum(archive.read(name).count(b"<f>") + archive.read(name).count(b"<f ")
                           for name in archive.namelist() if name.startswith("xl/worksheets/"))
    assert xml_formulas == len(found)
    return found


def only_check_formulas(found: list[tuple[str, str, str]], sheet: str) -> None:
    """The auditor's check formulas beside the TOTAL row, nothing else (never input text)."""
    assert [(title, formula.split("(")[0]) for title, _, formula in found] == [
        (sheet, "=SUM"), (sheet, "=SUM"), (sheet, "=IF")]


def test_workbook_outputs_never_hold_a_formula_from_the_input(hostile: Path,
                                                              tmp_path: Path) -> None:
    summary, problems = tmp_path / "ringkasan.xlsx", tmp_path / "masalah.xlsx"
    report = host_workbook(tmp_path / "laporan.xlsx")
    result = invoke("hitung", str(hostile), "-o", str(summary), "--ke", str(report),
                    "--periode", "triwulan", "--per", "kecamatan")
    assert result.exit_code == 1, result.stderr[-300:]
    only_check_formulas(formulas_in(summary), "Ringkasan")
    only_check_formulas(formulas_in(report), "IKU")
    assert invoke("periksa", str(hostile), "-o", str(problems)).exit_code == 1
    assert formulas_in(problems) == []
    texts = {cell.value for ws in openpyxl.load_workbook(summary).worksheets
             for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert HOSTILE[0] in texts and "=Cmd" in texts  # kept, as text


def test_ikm_workbook_never_holds_a_formula_from_the_input(tmp_path: Path) -> None:
    profile = [[k, HOSTILE[k % len(HOSTILE)], "L", 30, "SMA", "+cmd"] for k in range(1, 5)]
    path = _write_text_safe(tmp_path / "survei.xlsx", {"Data": survey(HAND, profile=profile)})
    target = tmp_path / "ikm.xlsx"
    assert invoke("ikm", str(path), "-o", str(target)).exit_code == 0
    assert formulas_in(target) == []


ODD = "Rakor_x0000_nol_x001B_esc \u200f\u202bمرحبا\u202c \U0001F600 \ufeff\u00a0akhir"


@pytest.mark.parametrize("command", ["hitung", "periksa"])
def test_json_is_valid_for_any_cell_content(tmp_path: Path, command: str) -> None:
    """NUL and ESC (as Excel stores them, _x0000_), right-to-left marks, Arabic, an emoji and
    a BOM in an activity and in an unknown status: valid JSON that reads back the same."""
    path = rewrite(good_xlsx(tmp_path / "rekap.xlsx"), SHEET, lambda xml: xml.replace(
        b"Rakor kegiatan nomor 1", ODD.encode()).replace(b"<t>Ya</t>", ODD.encode().join(
            [b"<t>", b"</t>"]), 1))
    result = invoke(command, str(path), "-f", "json", "-v")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)  # strict: control characters must be escaped
    assert "\x00" not in result.stdout and "\x1b" not in result.stdout
    problems = data["masalah"]["daftar"] if command == "hitung" else data["daftar"]
    values = [p["nilai"] for p in problems if p["kode"] == "status-tidak-dikenal"]
    assert values and "\x00" in values[0] and "\U0001F600" in values[0]
    summary = tmp_path / "ringkasan.xlsx"
    assert invoke("hitung", str(path), "-o", str(summary)).exit_code in (0, 1)
    texts = [cell.value for row in openpyxl.load_workbook(summary)["Rincian"].iter_rows()
             for cell in row if isinstance(cell.value, str) and "Rakor" in cell.value]
    assert any("\U0001F600" in text and "\x00" not in text for text in texts)


def test_csv_input_with_formula_text_round_trips_as_text(tmp_path: Path) -> None:
    """A CSV input (an office export) holding formula text: the outputs keep it as text."""
    path = tmp_path / "rekap_pemerintahan.csv"
    rows = [HEADER, *[[n, "12/03/2026", text, "Rakor", "", "Ya", text, ""]
                      for n, text in enumerate(HOSTILE, start=1)]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    summary = tmp_path / "ringkasan.xlsx"
    assert invoke("hitung", str(path), "-o", str(summary)).exit_code == 0
    only_check_formulas(formulas_in(summary), "Ringkasan")
