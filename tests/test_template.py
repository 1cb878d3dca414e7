"""The fill-in template writer (`iku templat`), tested without the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.problems import OutputError
from iku_cli.rekap import vocab
from iku_cli.render.rekap.template import (
    EXAMPLE_MARK,
    TEMPLATE_HEADER,
    sheet_name,
    title_lines,
    write_template,
)

DEFAULT_UNITS = [vocab.Unit(*entry) for entry in vocab.DEFAULT_UNITS]
ROWS = 500
# Title block of 5 lines (with kabupaten), a blank row, then the header.
HEADER_ROW = 7
FIRST, LAST = HEADER_ROW + 1, HEADER_ROW + ROWS
COL = {label: index for index, label in enumerate(TEMPLATE_HEADER, 1)}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templat") / "rekap_2026.xlsx"
    write_template(
        path, units=DEFAULT_UNITS, kecamatan="Gucialit", kabupaten="Lumajang", tahun=2026,
        rows=ROWS,
    )
    return path


@pytest.fixture(scope="module")
def book(template: Path) -> Workbook:
    return openpyxl.load_workbook(template)


def unit_sheets(book: Workbook) -> list[Worksheet]:
    return book.worksheets[1:]


def validation(sheet: Worksheet, column: str) -> DataValidation:
    letter = openpyxl.utils.get_column_letter(COL[column])
    found = [
        dv for dv in sheet.data_validations.dataValidation
        if any(r.min_col == r.max_col == COL[column] for r in dv.sqref.ranges)
    ]
    assert len(found) == 1, f"one validation on column {letter}"
    return found[0]


def rows_covered(dv: DataValidation) -> set[int]:
    return {row for r in dv.sqref.ranges for row in range(r.min_row, r.max_row + 1)}


def list_items(formula: str) -> list[str]:
    assert formula.startswith('"') and formula.endswith('"')
    return formula[1:-1].split(",")


# --- layout -------------------------------------------------------------------------------------


def test_header_is_the_canonical_one() -> None:
    assert TEMPLATE_HEADER == (
        "No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
        "Ditindaklanjuti", "Hasil Tindak Lanjut", "Keterangan",
    )


def test_sheets_are_petunjuk_then_each_unit_in_order(book: Workbook) -> None:
    assert book.sheetnames == ["Petunjuk", *(unit.short for unit in DEFAULT_UNITS)]
    assert all(sheet.sheet_state == "visible" for sheet in book.worksheets)


def test_title_block_and_header(book: Workbook) -> None:
    for unit, sheet in zip(DEFAULT_UNITS, unit_sheets(book), strict=True):
        titles = [sheet.cell(row=row, column=1).value for row in range(1, HEADER_ROW)]
        assert titles == [
            "REKAPITULASI FASILITASI DAN KOORDINASI",
            unit.name.upper(),
            "KECAMATAN GUCIALIT",
            "KABUPATEN LUMAJANG",
            "TAHUN 2026",
            None,
        ]
        merged = {str(r) for r in sheet.merged_cells.ranges}
        assert {f"A{row}:H{row}" for row in range(1, HEADER_ROW - 1)} <= merged
        header = [cell.value for cell in sheet[HEADER_ROW]]
        assert tuple(header) == TEMPLATE_HEADER
        assert all(cell.font.bold for cell in sheet[HEADER_ROW])
    assert book["Pemerintahan"]["A2"].value == "SEKSI PEMERINTAHAN"


def test_title_lines_without_kecamatan_or_kabupaten() -> None:
    unit = vocab.Unit("Seksi Kesejahteraan Sosial", "Kesos")
    assert title_lines(unit, kecamatan=None, kabupaten=None, tahun=2027) == [
        "REKAPITULASI FASILITASI DAN KOORDINASI", "SEKSI KESEJAHTERAAN SOSIAL", "TAHUN 2027",
    ]


def test_data_rows_hold_no_value(book: Workbook) -> None:
    # An unfilled template must count 0: no number, no formula, no JUMLAH row anywhere.
    for sheet in unit_sheets(book):
        assert sheet.max_row == LAST
        for row in sheet.iter_rows(min_row=FIRST, max_row=sheet.max_row, values_only=True):
            assert row == (None,) * len(TEMPLATE_HEADER)
        texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert not any(text.startswith("=") or "JUMLAH" in text.upper() for text in texts)
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_cell_formats(book: Workbook) -> None:
    for sheet in unit_sheets(book):
        for row in (FIRST, FIRST + 1, LAST):
            assert sheet.cell(row, COL["Nomor Bukti"]).number_format == "@"
            assert sheet.cell(row, COL["Tanggal"]).number_format == "dd/mm/yyyy"
            for label in ("Uraian Kegiatan", "Hasil Tindak Lanjut", "Keterangan"):
                assert sheet.cell(row, COL[label]).alignment.wrap_text
        widths = {
            label: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            for label, i in COL.items()
        }
        assert widths["Uraian Kegiatan"] > widths["Tanggal"] > widths["No"]
        assert widths["Ditindaklanjuti"] >= len("Ditindaklanjuti")


def test_rows_get_borders_once_filled(book: Workbook) -> None:
    # Borders come from a conditional format, so empty rows do not print as blank pages.
    sheet = book["Trantib"]
    ranges = list(sheet.conditional_formatting)
    assert len(ranges) == 1
    assert str(ranges[0].sqref) == f"A{FIRST}:H{LAST}"
    (rule,) = ranges[0].rules
    assert rule.formula == [f"COUNTA($A{FIRST}:$H{FIRST})>0"]
    assert rule.dxf.border.left.style == rule.dxf.border.bottom.style == "thin"
    assert all(sheet.cell(HEADER_ROW, col).border.left.style == "thin" for col in COL.values())


# --- validations --------------------------------------------------------------------------------


def test_evidence_dropdown_warns_so_several_types_can_be_typed(book: Workbook) -> None:
    for sheet in unit_sheets(book):
        dv = validation(sheet, "Jenis Bukti Dukung")
        assert dv.type == "list"
        assert list_items(dv.formula1) == list(vocab.EVIDENCE_TYPES)
        assert dv.errorStyle == "warning"
        assert dv.showErrorMessage and dv.allow_blank
        assert not dv.showDropDown  # True would *hide* the arrow
        assert set(range(FIRST, LAST + 1)) <= rows_covered(dv)
        assert len(rows_covered(dv)) >= 500


def test_followup_dropdown_is_strict(book: Workbook) -> None:
    for sheet in unit_sheets(book):
        dv = validation(sheet, "Ditindaklanjuti")
        assert dv.type == "list"
        assert list_items(dv.formula1) == ["Ya", "Tidak"]
        assert dv.errorStyle == "stop"
        assert dv.showErrorMessage and not dv.showDropDown
        assert set(range(FIRST, LAST + 1)) <= rows_covered(dv)


def test_date_validation(book: Workbook) -> None:
    for sheet in unit_sheets(book):
        dv = validation(sheet, "Tanggal")
        assert (dv.type, dv.operator, dv.errorStyle) == ("date", "between", "stop")
        # the template's year only: a date of another year is a typo here
        assert from_excel(int(dv.formula1)).date() == date(2026, 1, 1)
        assert from_excel(int(dv.formula2)).date() == date(2026, 12, 31)
        assert dv.showErrorMessage and "12/03/2026" in dv.error
        assert set(range(FIRST, LAST + 1)) <= rows_covered(dv)


def test_validation_texts_fit_excel_limits(book: Workbook) -> None:
    # Excel calls the file corrupt when a title passes 32 or a message 255 characters.
    for sheet in unit_sheets(book):
        assert len(sheet.data_validations.dataValidation) == 3
        for dv in sheet.data_validations.dataValidation:
            assert len(dv.errorTitle or "") <= 32 and len(dv.promptTitle or "") <= 32
            assert len(dv.error or "") <= 255 and len(dv.prompt or "") <= 255
            assert dv.error and dv.prompt


# --- view and print -----------------------------------------------------------------------------


def test_frozen_header_and_print_setup(book: Workbook) -> None:
    for sheet in unit_sheets(book):
        assert sheet.freeze_panes == f"A{FIRST}"
        setup = sheet.page_setup
        assert setup.orientation == "landscape"
        assert int(setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert sheet.print_area.endswith(f"!$A$1:$H${LAST}")
    petunjuk = book["Petunjuk"]
    assert petunjuk.page_setup.orientation == "portrait"
    assert int(petunjuk.page_setup.fitToWidth) == 1


# --- Petunjuk -----------------------------------------------------------------------------------


def _texts(sheet: Worksheet) -> str:
    return "\n".join(
        str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None
    )


def test_petunjuk_explains_the_evidence(book: Workbook) -> None:
    text = _texts(book["Petunjuk"])
    assert vocab.INDICATOR_NAME in text
    assert vocab.INDICATOR_FORMULA in text
    for evidence in vocab.EVIDENCE_TYPES:
        assert evidence in text
    for short in ("Rakor", "BA", "SK", "Dok/Lap", "Rekom"):
        assert re.search(rf"\b{re.escape(short)}\b", text)
    for not_evidence in ("Foto", "Daftar Hadir", "Undangan"):
        assert not_evidence in text
    assert "TIDAK dihitung" in text
    assert "dipisah koma" in text
    assert "JUMLAH" in text and "merge" in text
    assert EXAMPLE_MARK == "CONTOH — tidak dihitung"
    assert EXAMPLE_MARK in text
    assert book["Petunjuk"].page_setup.orientation == "portrait"
    # No text is written as a formula (the indicator formula starts with a word, not "=").
    assert all(
        c.data_type != "f" for row in book["Petunjuk"].iter_rows() for c in row
    )


def _header_field(text: str) -> str | None:
    """The reader's header rule (rekap-format.md): exact spelling, else the longest spelling
    the cell starts with as a whole word."""
    words = vocab.DEFAULT_VOCABULARY
    key = vocab.header_key(text)
    if not key:
        return None
    if key in words.header_keys:
        return words.header_keys[key]
    for spelling, name in words.header_prefixes:
        if key.startswith(spelling) and key[len(spelling): len(spelling) + 1] in (" ", "/"):
            return name
    return None


def test_petunjuk_has_no_row_a_reader_could_take_for_a_header(book: Workbook) -> None:
    sheet = book["Petunjuk"]
    for row in sheet.iter_rows(values_only=True):
        fields = {_header_field(v) for v in row if isinstance(v, str)} - {None}
        assert len(fields) <= 1, row


def test_petunjuk_example_is_a_marked_vertical_list(book: Workbook) -> None:
    sheet = book["Petunjuk"]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    start = next(i for i, row in enumerate(rows) if row[:2] == ("Kolom", "Contoh isian"))
    assert any(EXAMPLE_MARK in str(row[0]) for row in rows[start - 2: start])
    example = {row[0]: row[1] for row in rows[start + 1: start + 1 + len(TEMPLATE_HEADER)]}
    assert list(example) == list(TEMPLATE_HEADER)
    assert example["Jenis Bukti Dukung"] == "Rapat Koordinasi, Berita Acara"
    assert example["Ditindaklanjuti"] == "Ya"


# --- units and sheet names ----------------------------------------------------------------------


def test_sheet_name_rules() -> None:
    assert sheet_name("Trantib") == "Trantib"
    assert sheet_name("Seksi [A]: Umum/Khusus?*\\") == "Seksi A Umum Khusus"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("petunjuk", {"petunjuk"}) == "petunjuk (2)"
    assert sheet_name("PMD", {"pmd", "pmd (2)"}) == "PMD (3)"
    long = "Seksi Ketentraman dan Ketertiban Umum"
    first = sheet_name(long)
    second = sheet_name(long, {first.casefold()})
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert second.endswith(" (2)")
    assert sheet_name("'Kutip'") == "Kutip"
    assert sheet_name("History") != "History"
    assert sheet_name("  ") == "Unit"


def test_custom_units(tmp_path: Path) -> None:
    long_name = "Seksi Ketenteraman, Ketertiban Umum dan Perlindungan Masyarakat"
    units = [
        vocab.Unit("Seksi Pemerintahan", "Pemerintahan"),
        vocab.Unit("Seksi Kebersihan dan Pertamanan", "Kebersihan"),
        vocab.Unit(long_name, long_name),
        vocab.Unit("Subbagian Petunjuk/Teknis", "Petunjuk"),
    ]
    path = tmp_path / "custom.xlsx"
    write_template(path, units=units, kecamatan=None, kabupaten=None, tahun=2026, rows=20)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Petunjuk", "Pemerintahan", "Kebersihan"]
    assert len(book.sheetnames) == len(set(n.casefold() for n in book.sheetnames)) == 5
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert book.sheetnames[3] == long_name[:31].rstrip()
    assert book.sheetnames[4] == "Petunjuk (2)"
    sheet = book.worksheets[3]
    # The title keeps the whole name even though the sheet name is cut.
    assert [sheet.cell(r, 1).value for r in (1, 2, 3)] == [
        "REKAPITULASI FASILITASI DAN KOORDINASI", long_name.upper(), "TAHUN 2026",
    ]
    assert tuple(c.value for c in sheet[5]) == TEMPLATE_HEADER
    assert rows_covered(validation(sheet, "Ditindaklanjuti")) == set(range(6, 26))
    assert sheet.freeze_panes == "A6"


def test_operator_text_is_never_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    unit = vocab.Unit("=1+1", "=SUM(A1)")
    write_template(path, units=[unit], kecamatan="=2+2", kabupaten=None, tahun=2026, rows=1)
    sheet = openpyxl.load_workbook(path).worksheets[1]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "KECAMATAN =2+2"


@pytest.mark.parametrize("rows", [0, -1, 10_001])
def test_rejects_row_counts_out_of_range(tmp_path: Path, rows: int) -> None:
    with pytest.raises(ValueError, match="baris"):
        write_template(
            tmp_path / "t.xlsx", units=DEFAULT_UNITS[:1], kecamatan=None, kabupaten=None,
            tahun=2026, rows=rows,
        )
    assert list(tmp_path.iterdir()) == []


def test_rejects_no_units(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unit"):
        write_template(tmp_path / "t.xlsx", units=[], kecamatan=None, kabupaten=None, tahun=2026)


# --- atomic write -------------------------------------------------------------------------------


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(b"old content")
    write_template(path, units=DEFAULT_UNITS[:2], kecamatan=None, kabupaten=None, tahun=2026,
                   rows=5)
    assert openpyxl.load_workbook(path).sheetnames == ["Petunjuk", "Sekretariat", "Umpeg"]
    assert os.listdir(tmp_path) == ["rekap.xlsx"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(b"old content")

    def broken_save(self: Workbook, target: Any) -> None:
        target.write(b"PK\x03\x04 half a zip")  # a crash halfway through
        raise OSError("disk penuh")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk penuh"):
        write_template(path, units=DEFAULT_UNITS, kecamatan=None, kabupaten=None, tahun=2026)
    assert path.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["rekap.xlsx"]


def test_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        write_template(
            tmp_path / "tidak-ada" / "t.xlsx", units=DEFAULT_UNITS[:1], kecamatan=None,
            kabupaten=None, tahun=2026,
        )


# --- LibreOffice: a real, printable workbook ----------------------------------------------------

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang"
)


def _soffice(tmp_path: Path, source: Path, target: str, outdir: Path) -> Path:
    # A profile per test keeps parallel runs from fighting over one user installation.
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", target, "--outdir", str(outdir), str(source),
        ],
        capture_output=True, text=True, timeout=240, check=False,
    )
    converted = outdir / f"{source.stem}.{target.split(':')[0]}"
    assert converted.exists(), f"soffice gagal: {result.stdout}\n{result.stderr}"
    return converted


def _page_boxes(pdf: bytes) -> list[tuple[float, float]]:
    # Page objects only: the /Pages root may carry a MediaBox of its own.
    boxes = re.findall(
        rb"/Type\s*/Page(?![A-Za-z])(?:(?!endobj).)*?/MediaBox\s*\[\s*([\d.\s-]+)\]", pdf, re.S
    )
    sizes = []
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        sizes.append((x1 - x0, y1 - y0))
    return sizes


@needs_soffice
def test_libreoffice_prints_one_landscape_page_per_short_sheet(tmp_path: Path) -> None:
    path = tmp_path / "rekap.xlsx"
    write_template(path, units=DEFAULT_UNITS, kecamatan="Gucialit", kabupaten=None,
                   tahun=2026, rows=ROWS)
    # Fill one sheet with 60 rows; the others stay empty.
    book = openpyxl.load_workbook(path)
    sheet = book["PMD"]
    first = 7  # 4 title lines, a blank row, the header at 6
    assert sheet.cell(6, 1).value == "No"
    for n in range(1, 61):
        sheet.cell(first + n - 1, COL["No"], n)
        sheet.cell(first + n - 1, COL["Uraian Kegiatan"], f"Fasilitasi musyawarah desa ke-{n}")
        sheet.cell(first + n - 1, COL["Jenis Bukti Dukung"], "Berita Acara")
        sheet.cell(first + n - 1, COL["Ditindaklanjuti"], "Ya")
    book.save(path)

    pdf = _soffice(tmp_path, path, "pdf", tmp_path / "pdf")
    sizes = _page_boxes(pdf.read_bytes())
    pages = int(re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf.read_bytes(), re.S)[0])
    assert len(sizes) == pages
    petunjuk, *units = sizes
    assert petunjuk[0] < petunjuk[1], "Petunjuk tegak (portrait)"
    assert all(width > height for width, height in units), "sheet unit mendatar (landscape)"
    assert all(round(max(w, h)) == 842 and round(min(w, h)) == 595 for w, h in sizes)  # A4
    # 8 empty sheets print one page each (the 500 empty rows print nothing); PMD a few.
    assert 8 + 2 <= len(units) <= 8 + 4


@needs_soffice
def test_libreoffice_reads_the_structure_back(tmp_path: Path) -> None:
    path = tmp_path / "rekap.xlsx"
    write_template(path, units=DEFAULT_UNITS[:3], kecamatan="Gucialit", kabupaten="Lumajang",
                   tahun=2026, rows=ROWS)
    resaved = _soffice(tmp_path, path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    book = openpyxl.load_workbook(resaved)
    assert book.sheetnames == ["Petunjuk", "Sekretariat", "Umpeg", "Renkeu"]
    for sheet in unit_sheets(book):
        assert tuple(c.value for c in sheet[HEADER_ROW]) == TEMPLATE_HEADER
        # (Frozen panes are view data, which headless LibreOffice does not keep on export.)
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        lists = {
            tuple(list_items(dv.formula1))
            for dv in sheet.data_validations.dataValidation if dv.type == "list"
        }
        assert lists == {tuple(vocab.EVIDENCE_TYPES), ("Ya", "Tidak")}
        assert validation(sheet, "Tanggal").type == "date"
        assert set(range(FIRST, LAST + 1)) <= rows_covered(validation(sheet, "Ditindaklanjuti"))
        values = sheet.iter_rows(min_row=FIRST, max_row=LAST, values_only=True)
        assert all(v is None for row in values for v in row)
