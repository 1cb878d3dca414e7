"""Layouts held-out checks found counted wrong (issue 12), each in .xlsx and — saved through
LibreOffice — .xls and .ods: stacked tables under unit headings, headings with a dotted prefix,
a later wider header, merged cells, activities that start like a total, signature blocks in the
activity and status columns; sheet names, a unit column filled down, exact header spellings,
notes inside evidence cells, hidden rows."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SheetSpec, write_xlsx
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result

D = dt.date
KESOS = "Seksi Kesejahteraan Sosial"
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"
RENKEU = "Subbagian Perencanaan dan Keuangan"
PMD = "Seksi Pemberdayaan Masyarakat dan Desa"
PELUM = "Seksi Pelayanan Umum"

ONE_ROW = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti", "Hasil"]
TWO_ROW = (["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, "Tindak Lanjut", None],
           [None, None, None, "Jenis", "Nomor", "Status", "Hasil"])
TICKS = (["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, None, None, None,
          "Ditindaklanjuti"],
         [None, None, None, "Rakor", "Dok/Lap", "SK", "Rekom", "BA", None])
NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
SIGNATURE = [
    [],
    [None, None, "Mengetahui,", None, "Gucialit, 31 Desember 2026"],
    [None, None, "Camat Gucialit", None, "Kepala Seksi Kesejahteraan Sosial"],
    [],
    [None, None, "Drs. H. Sutrisno, M.Si", None, "Budi Santoso, S.Sos"],
    [None, None, "NIP. 19700512 199303 1 008", None, "NIP. 19800101 200501 1 002"],
]


@dataclass
class Case:
    """A workbook built here and what a careful reader counts in it."""

    name: str
    sheets: list[SheetSpec]
    units: dict[str, tuple[int, int]]  # unit -> (jumlah, ditindaklanjuti)
    problems: list[tuple[str, int | None]] = field(default_factory=list)  # galat/peringatan
    info: list[str] = field(default_factory=list)  # info codes that must be there
    file: str = "rekap.xlsx"
    formats: tuple[str, ...] = ("xlsx", "xls", "ods")


def one(no: int, day: dt.date, text: str, bukti: Any = "Rakor", status: Any = "Ya",
        hasil: Any = "ok") -> list[Any]:
    return [no, day, text, bukti, status, hasil]


def two(no: int, day: dt.date, text: str, bukti: Any = "BA", status: Any = "Ya") -> list[Any]:
    return [no, day, text, bukti, f"00{no}/2026", status, "selesai" if status == "Ya" else None]


def tick(no: int, day: dt.date, text: str, column: int, status: Any = "Ya") -> list[Any]:
    marks: list[Any] = [None] * 5
    marks[column] = "✓"
    return [no, day, text, *marks, status]


def stacked_one_row() -> Case:
    rows = [["REKAPITULASI FASILITASI DAN KOORDINASI KECAMATAN GUCIALIT TAHUN 2026"], [],
            ["A.", KESOS], ONE_ROW,
            one(1, D(2026, 2, 3), "Verifikasi DTKS Desa Sombo", "BA"),
            one(2, D(2026, 2, 4), "Rakor penyaluran BLT", "Rakor", "Tidak", None),
            ["JUMLAH", None, 2], [],
            ["B.", PEM], ONE_ROW,
            one(1, D(2026, 3, 3), "Fasilitasi PAW Desa Pakel"),
            one(2, D(2026, 3, 4), "Rakor pilkades serentak", "BA", "Ya"),
            one(3, D(2026, 3, 5), "Pembinaan perangkat desa", "Dokumen", "Ya"),
            ["JUMLAH", None, 3]]
    return Case("stacked_one_row", [SheetSpec("Rekap", rows)],
                {KESOS: (2, 1), PEM: (3, 3)}, info=["baris-jumlah"])


def stacked_two_row() -> Case:
    top, sub = TWO_ROW
    rows = [["A.", KESOS], top, sub, NUMBERS,
            two(1, D(2026, 2, 3), "Verifikasi DTKS"),
            two(2, D(2026, 2, 5), "Rakor bansos", "Rakor", "Belum"),
            ["JUMLAH", None, 2],
            ["B.", TRANTIB], top, sub, NUMBERS,
            two(1, D(2026, 3, 3), "Patroli gabungan"),
            ["JUMLAH", None, 1]]
    merges = ("D2:E2", "F2:G2", "A2:A3", "B2:B3", "C2:C3",
              "D9:E9", "F9:G9", "A9:A10", "B9:B10", "C9:C10")
    return Case("stacked_two_row", [SheetSpec("Sheet1", rows, merges=merges)],
                {KESOS: (2, 1), TRANTIB: (1, 1)}, info=["baris-nomor-kolom"])


def stacked_ticks() -> Case:
    top, sub = TICKS
    rows = [["I. SEKSI PEMERINTAHAN"], top, sub,
            tick(1, D(2026, 1, 10), "Rakor lintas sektor", 0),
            tick(2, D(2026, 1, 12), "Penyusunan laporan desa", 1, "Tidak"),
            ["II. SEKSI PEMBERDAYAAN MASYARAKAT DAN DESA"], top, sub,
            tick(1, D(2026, 4, 10), "Musrenbang desa", 4),
            tick(2, D(2026, 4, 11), "Pembinaan BUMDes", 0),
            tick(3, D(2026, 4, 12), "Rekomendasi pencairan DD", 3, "Belum")]
    merges = ("D2:H2", "A2:A3", "B2:B3", "C2:C3", "I2:I3",
              "D7:H7", "A7:A8", "B7:B8", "C7:C8", "I7:I8")
    return Case("stacked_ticks", [SheetSpec("Sheet1", rows, merges=merges)],
                {PEM: (2, 1), PMD: (3, 2)})


def dotted_headings() -> Case:
    rows = [ONE_ROW,
            ["B. SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"],
            one(1, D(2026, 2, 3), "Patroli malam"),
            ["D. SUBBAG RENKEU"],
            one(2, D(2026, 2, 4), "Rakor anggaran", "Rakor"),
            one(3, D(2026, 2, 5), "Penyusunan RKA", "Dokumen", "Tidak", None),
            ["A) Seksi Pelayanan Umum"],
            one(4, D(2026, 2, 6), "Pelayanan KTP keliling", "Laporan"),
            ["B - SEKSI PMD"],
            one(5, D(2026, 2, 7), "Pendampingan Musdes", "BA"),
            ["C", "SEKSI KESEJAHTERAAN SOSIAL"],
            one(6, D(2026, 2, 8), "Verifikasi PKH", "BA")]
    return Case("dotted_headings", [SheetSpec("Sheet1", rows)],
                {RENKEU: (2, 1), TRANTIB: (1, 1), PMD: (1, 1), KESOS: (1, 1), PELUM: (1, 1)},
                info=["baris-bagian"])


def later_wider_header() -> Case:
    wider = [*ONE_ROW, "Keterangan"]
    rows = [["Seksi Kesejahteraan Sosial"], ONE_ROW,
            one(1, D(2026, 2, 3), "Verifikasi DTKS"),
            one(2, D(2026, 2, 4), "Rakor BLT", "Rakor", "Tidak", None),
            ["JUMLAH", None, 2], [],
            ["Seksi Pemerintahan"], wider,
            [*one(1, D(2026, 3, 3), "Fasilitasi PAW"), "desa Pakel"],
            ["JUMLAH", None, 1], [],
            ["Seksi Pelayanan Umum"], ONE_ROW,
            one(1, D(2026, 3, 5), "Layanan KTP", "Dokumen"),
            one(2, D(2026, 3, 6), "Layanan KK", "Dokumen")]
    return Case("later_wider_header", [SheetSpec("Sheet1", rows)],
                {KESOS: (2, 1), PEM: (1, 1), PELUM: (2, 2)})


def wider_header_without_totals() -> Case:
    shifted = ["No", "Unit Kerja", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung",
               "Ditindaklanjuti", "Hasil"]
    rows = [ONE_ROW,
            one(1, D(2026, 2, 3), "Verifikasi DTKS"),
            [],
            shifted,
            [1, "Trantib", D(2026, 3, 3), "Patroli", "BA", "Ya", "ok"],
            [2, "PMD", D(2026, 3, 4), "Musdes", "Rakor", "Tidak", None]]
    return Case("wider_header_without_totals", [SheetSpec("Kesos", rows)],
                {TRANTIB: (1, 1), PMD: (1, 0), KESOS: (1, 1)})


def merged_cells() -> Case:
    rows = [["SEKSI PEMERINTAHAN"], ONE_ROW,
            one(1, D(2026, 2, 3), "Rakor Musdes"),
            [2, None, "Rakor pilkades", None, None, "ok"],
            [3, None, "Rakor BPD", None, None, "ok"],
            one(4, D(2026, 2, 4), "Pembinaan RT", "BA", "Tidak", None),
            [5, None, "Pembinaan RW", None, "Ya", "ok"]]
    merges = ("B3:B5", "D3:D5", "E3:E5", "B6:B7", "D6:D7")
    return Case("merged_cells", [SheetSpec("Sheet1", rows, merges=merges)], {PEM: (5, 4)})


def total_words_in_tick_layout() -> Case:
    top, sub = TICKS
    rows = [["SEKSI PEMERINTAHAN"], top, sub,
            tick(1, D(2026, 2, 3), "Rekapitulasi data penduduk desa", 0),
            tick(2, D(2026, 2, 4), "Jumlah penerima bantuan diverifikasi", 1),
            tick(3, D(2026, 2, 5), "Total luas lahan didata", 4, "Tidak"),
            ["JUMLAH", None, None, 1, 1, None, None, 1, 2]]
    merges = ("D2:H2", "A2:A3", "B2:B3", "C2:C3", "I2:I3")
    return Case("total_words_in_tick_layout", [SheetSpec("Sheet1", rows, merges=merges)],
                {PEM: (3, 2)})


def signatures_in_any_column() -> Case:
    rows = [["SEKSI KESEJAHTERAAN SOSIAL KECAMATAN GUCIALIT"], ["TAHUN 2026"], [], ONE_ROW,
            one(1, D(2026, 2, 3), "Verifikasi DTKS"),
            one(2, D(2026, 2, 4), "Rakor BLT", "Rakor", "Tidak", None),
            *SIGNATURE]
    return Case("signatures_in_any_column", [SheetSpec("Kesos", rows)], {KESOS: (2, 1)},
                info=["kaki-diabaikan"])


def stacked_with_signatures_and_totals() -> Case:
    top, sub = TWO_ROW
    rows = [["REKAP KECAMATAN GUCIALIT TAHUN 2026"], ["A. | SEKSI KESOS"],
            ["A.", KESOS], top, sub,
            two(1, D(2026, 2, 3), "Verifikasi DTKS"),
            ["JUMLAH", None, 1],
            ["B.", PEM], top, sub,
            two(1, D(2026, 3, 3), "Fasilitasi PAW"),
            two(2, D(2026, 3, 4), "Rakor pilkades", "Rakor", "Tidak"),
            ["JUMLAH", None, 2],
            *SIGNATURE]
    merges = ("D4:E4", "F4:G4", "D9:E9", "F9:G9")
    return Case("stacked_with_signatures_and_totals",
                [SheetSpec("Sheet1", rows, merges=merges)], {KESOS: (1, 1), PEM: (2, 1)})


def sheet_names() -> Case:
    def sheet(name: str, text: str) -> SheetSpec:
        return SheetSpec(name, [ONE_ROW, one(1, D(2026, 5, 1), text)])

    return Case("sheet_names", [sheet("Pemerintahan 2026", "a"), sheet("Trantib TW I", "b"),
                                sheet("PMD (revisi)", "c"), sheet("Kesos_2026", "d")],
                {PEM: (1, 1), TRANTIB: (1, 1), PMD: (1, 1), KESOS: (1, 1)})


def unit_filled_down() -> Case:
    header = ["No", "Seksi/Subbagian", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung",
              "Ditindaklanjuti", "Hasil"]
    rows = [header,
            [1, "Trantib", D(2026, 1, 5), "Patroli", "BA", "Ya", "ok"],
            [2, None, D(2026, 1, 6), "Razia PKL", "BA", "Tidak", None],
            [3, "Kesos", D(2026, 1, 7), "Verifikasi DTKS", "BA", "Ya", "ok"],
            [4, None, D(2026, 1, 8), "Rakor PKH", "Rakor", "Ya", "ok"],
            [5, None, D(2026, 1, 9), "Bansos", "Laporan", "Ya", "ok"]]
    return Case("unit_filled_down", [SheetSpec("Rekap", rows)],
                {TRANTIB: (2, 1), KESOS: (3, 3)}, info=["unit-diisi-ke-bawah"])


def exact_header_wins() -> Case:
    header = ["No", "Tanggal", "Uraian Kegiatan", "Status Kegiatan", "Jenis Bukti Dukung",
              "Ditindaklanjuti", "Hasil"]
    rows = [header,
            [1, D(2026, 1, 5), "Patroli", "Terlaksana", "BA", "Ya", "ok"],
            [2, D(2026, 1, 6), "Razia", "Terlaksana", "BA", "Tidak", None]]
    return Case("exact_header_wins", [SheetSpec("Trantib", rows)], {TRANTIB: (2, 1)})


def evidence_notes_and_lists() -> Case:
    rows = [ONE_ROW,
            one(1, D(2026, 1, 5), "Rakor a", "BA (terlampir)"),
            one(2, D(2026, 1, 6), "Rakor b", "1. Rakor\n2. BA"),
            one(3, D(2026, 1, 7), "Rakor c", "- Rakor\n- BA"),
            one(4, D(2026, 1, 8), "Rakor d", "BA. Musdes"),
            one(5, D(2026, 1, 9), "Rakor e", "Lap. Kegiatan"),
            one(6, D(2026, 1, 10), "Rakor f", "Rakor/Foto")]
    return Case("evidence_notes_and_lists", [SheetSpec("PMD", rows)], {PMD: (6, 6)},
                problems=[("bukti-sebagian-tidak-sah", 7)])


CASES = [stacked_one_row(), stacked_two_row(), stacked_ticks(), dotted_headings(),
         later_wider_header(), wider_header_without_totals(), merged_cells(),
         total_words_in_tick_layout(), signatures_in_any_column(),
         stacked_with_signatures_and_totals(), sheet_names(), unit_filled_down(),
         exact_header_wins(), evidence_notes_and_lists()]


def summary(result: Result) -> tuple[dict[str, tuple[int, int]], list[tuple[str, int | None]]]:
    units = {u.unit: (u.counted, u.followed_up) for u in result.units}
    problems = [(p.code, p.row) for p in result.problems if str(p.severity) != "info"]
    return units, problems


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every case as .xlsx, and as .xls and .ods saved by LibreOffice (one call per format)."""
    folder = tmp_path_factory.mktemp("layouts")
    files = {case.name: {"xlsx": write_xlsx(folder / f"{case.name}.xlsx", case.sheets)}
             for case in CASES}
    if shutil.which("soffice"):
        for fmt in ("xls", "ods"):
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                 "--convert-to", fmt, "--outdir", str(folder / fmt),
                 *(str(paths["xlsx"]) for paths in files.values())],
                check=True, capture_output=True, timeout=300)
            for name, paths in files.items():
                paths[fmt] = folder / fmt / f"{name}.{fmt}"
    return files


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_layout_counts_as_a_careful_reader_does(
    case: Case, fmt: str, saved: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    if fmt not in saved[case.name]:
        pytest.skip("LibreOffice missing")
    path = tmp_path / case.file.replace(".xlsx", f".{fmt}")
    shutil.copy(saved[case.name][fmt], path)
    result = hitung([path], Options())
    units, problems = summary(result)
    assert units == case.units
    assert problems == case.problems
    codes = {p.code for p in result.problems}
    assert set(case.info) <= codes


def test_a_unit_heading_is_never_a_header_group_row() -> None:
    """Read alone, the heading row above a header is no header, and the header row is."""
    from iku_cli.rekap.header import evaluate_header
    from iku_cli.rekap.vocab import DEFAULT_VOCABULARY

    for heading in (["A.", KESOS], ["B. SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"],
                    ["C", "|", "SEKSI PMD"][::2], [KESOS]):
        grid: list[list[Any]] = [list(heading), list(ONE_ROW), one(1, D(2026, 1, 2), "x")]
        assert evaluate_header(grid, 0, {}, DEFAULT_VOCABULARY) is None
        found = evaluate_header(grid, 1, {}, DEFAULT_VOCABULARY)
        assert found is not None and found.header_rows == (1,)


def test_hidden_rows_are_counted_and_said(tmp_path: Path) -> None:
    rows = [ONE_ROW, one(1, D(2026, 1, 5), "a"), one(2, D(2026, 1, 6), "b"),
            one(3, D(2026, 1, 7), "c")]
    path = write_xlsx(tmp_path / "rekap_pmd.xlsx", [SheetSpec("PMD", rows)])
    workbook = openpyxl.load_workbook(path)
    workbook["PMD"].row_dimensions[3].hidden = True
    workbook["PMD"].row_dimensions[4].hidden = True
    workbook.save(path)
    result = hitung([path], Options())
    assert result.total.counted == 3
    (said,) = [p for p in result.problems if p.code == "baris-tersembunyi"]
    assert str(said.severity) == "info" and said.message.startswith("2 baris")


def test_hidden_rows_of_an_ods_are_counted_and_said(tmp_path: Path) -> None:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice missing")
    rows = [ONE_ROW, one(1, D(2026, 1, 5), "a"), one(2, D(2026, 1, 6), "b")]
    path = write_xlsx(tmp_path / "rekap_pmd.xlsx", [SheetSpec("PMD", rows)])
    workbook = openpyxl.load_workbook(path)
    workbook["PMD"].row_dimensions[2].hidden = True
    workbook.save(path)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(path)],
                   check=True, capture_output=True, timeout=180)
    result = hitung([tmp_path / "ods" / "rekap_pmd.ods"], Options())
    assert result.total.counted == 2
    assert [p.message[:7] for p in result.problems if p.code == "baris-tersembunyi"] == [
        "1 baris"]
