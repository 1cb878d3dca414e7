"""Rekap contract, 'Which unit (seksi/subbagian) a row belongs to'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import SheetSpec, simple_rekap, units
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

SEKCAM = "Sekretariat Kecamatan"
UMPEG = "Subbagian Umum dan Kepegawaian"
RENKEU = "Subbagian Perencanaan dan Keuangan"
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"
PMD = "Seksi Pemberdayaan Masyarakat dan Desa"
KESOS = "Seksi Kesejahteraan Sosial"
PELUM = "Seksi Pelayanan Umum"
EKBANG = "Seksi Ekonomi dan Pembangunan"
DAY = dt.date(2026, 3, 12)
UNIT_HEADER = ["No", "Tanggal", "Seksi", "Uraian Kegiatan", "Jenis Bukti Dukung",
               "Ditindaklanjuti", "Hasil"]
PLAIN_TITLE = ("REKAP FASILITASI DAN KOORDINASI", "KECAMATAN GUCIALIT TAHUN 2026")


def act(no: int, bukti: str = "Rakor") -> list[Any]:
    return [no, DAY, f"Koordinasi kegiatan nomor {no}", bukti, None, "Ya", "Notulen", None]


def unit_act(no: int, unit: Any) -> list[Any]:
    return [no, DAY, unit, f"Koordinasi kegiatan nomor {no}", "Rakor", "Ya", "Notulen"]


def plain(name: str, n: int = 1, title: Sequence[str] = PLAIN_TITLE, first: int = 1
          ) -> SheetSpec:
    """A rekap sheet whose title names no unit: the unit comes from the sheet/file name."""
    return SheetSpec(name, simple_rekap([act(first + i) for i in range(n)], title=title))


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


# -- every default unit and its spellings ------------------------------------------------------

ALIASES = [
    ("Sekretariat Kecamatan", SEKCAM), ("Sekretariat", SEKCAM), ("Sekcam", SEKCAM),
    ("Sekretaris Kecamatan", SEKCAM),
    ("Subbagian Umum dan Kepegawaian", UMPEG), ("Umpeg", UMPEG), ("Subbag Umpeg", UMPEG),
    ("Sub Bagian Umum dan Kepegawaian", UMPEG), ("Subbagian Umum", UMPEG),
    ("Subbagian Perencanaan dan Keuangan", RENKEU), ("Renkeu", RENKEU),
    ("Subbag Renkeu", RENKEU), ("Subbagian Program dan Keuangan", RENKEU),
    ("Subbagian Keuangan", RENKEU),
    ("Seksi Pemerintahan", PEM), ("Pemerintahan", PEM), ("Tapem", PEM),
    ("Seksi Tata Pemerintahan", PEM), ("Kasi Pemerintahan", PEM),
    ("Seksi Ketentraman dan Ketertiban Umum", TRANTIB), ("Trantib", TRANTIB),
    ("Trantibum", TRANTIB), ("Seksi Ketenteraman dan Ketertiban Umum", TRANTIB),
    ("Seksi Pemberdayaan Masyarakat dan Desa", PMD), ("PMD", PMD), ("Seksi PMD", PMD),
    ("Pemberdayaan Masyarakat", PMD),
    ("Seksi Kesejahteraan Sosial", KESOS), ("Kesos", KESOS), ("Seksi Kesos", KESOS),
    ("Seksi Pelayanan Umum", PELUM), ("Pelayanan", PELUM), ("Pelum", PELUM),
    ("Seksi Pelayanan", PELUM),
    ("Seksi Ekonomi dan Pembangunan", EKBANG), ("Ekbang", EKBANG), ("Seksi Ekbang", EKBANG),
    ("SEKSI EKBANG", EKBANG), ("  trantib ", TRANTIB),
]


@pytest.mark.parametrize(("written", "canonical"), ALIASES)
def test_unit_cell_spellings_report_the_canonical_name(
    count: Count, written: str, canonical: str
) -> None:
    rows = simple_rekap([unit_act(1, written)], header=UNIT_HEADER)
    result = count([SheetSpec("Sheet1", rows)])
    assert units(result) == {canonical: (1, 1)}
    assert of(result, "unit-tidak-dikenal") == []


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("Kasi Trantib", TRANTIB), ("Sie Kesos", KESOS), ("Kasubbag Umpeg", UMPEG),
     ("Subbag Renkeu", RENKEU), ("Sub Bagian Renkeu", RENKEU), ("Subbagian Umpeg", UMPEG),
     ("Seksi Tapem", PEM), ("Kasi Pelum", PELUM)],
)
def test_unit_prefixes_are_ignored_when_matching(
    count: Count, written: str, canonical: str
) -> None:
    rows = simple_rekap([unit_act(1, written)], header=UNIT_HEADER)
    result = count([SheetSpec("Sheet1", rows)])
    assert units(result) == {canonical: (1, 1)}


# -- resolution order ------------------------------------------------------------------------

def test_row_unit_cell_wins_over_everything(count: Count) -> None:
    rows = simple_rekap(
        [["A", None, "Seksi Ekbang"], unit_act(1, "Pelum"), unit_act(2, None)],
        title=("REKAP FASILITASI SEKSI PMD", "TAHUN 2026"), header=UNIT_HEADER,
    )
    result = count([SheetSpec("Kesos", rows)], name="rekap_trantib_2026.xlsx")
    assert result.activities.unit == [PELUM, EKBANG]  # own cell; then the section row


def test_section_row_wins_over_title_sheet_and_file(count: Count) -> None:
    rows = simple_rekap([["A", "Seksi Ekbang"], act(1), act(2)],
                        title=("REKAP FASILITASI SEKSI PMD", "TAHUN 2026"))
    result = count([SheetSpec("Kesos", rows)], name="rekap_trantib_2026.xlsx")
    assert units(result) == {EKBANG: (2, 2)}


def test_title_line_wins_over_sheet_and_file(count: Count) -> None:
    title = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PMD KECAMATAN GUCIALIT TAHUN 2026")
    result = count([plain("Kesos", 2, title=title)], name="rekap_trantib_2026.xlsx")
    assert units(result) == {PMD: (2, 2)}


def test_sheet_name_wins_over_file_name(count: Count) -> None:
    result = count([plain("Kesos")], name="rekap_trantib_2026.xlsx")
    assert units(result) == {KESOS: (1, 1)}


def test_file_name_is_the_last_resort(count: Count) -> None:
    result = count([plain("Sheet1")], name="rekap_trantib_2026.xlsx")
    assert units(result) == {TRANTIB: (1, 1)}
    assert of(result, "tanpa-unit") == []


def test_unit_cell_naming_two_units_takes_the_first_with_info(count: Count) -> None:
    rows = simple_rekap([unit_act(1, "Trantib, Pemerintahan"), unit_act(2, "PMD dan Kesos")],
                        header=UNIT_HEADER)
    result = count([SheetSpec("Sheet1", rows)])
    assert result.activities.unit == [TRANTIB, PMD]
    found = of(result, "unit-ganda")
    assert [(p.row, str(p.severity)) for p in found] == [(2, "info"), (3, "info")]


def test_unit_section_row_applies_until_the_next_one(count: Count) -> None:
    rows = simple_rekap([[None, None, "SEKSI TRANTIB"], act(1), act(2),
                         [None, None, "SEKSI KESOS"], act(3)], title=PLAIN_TITLE)
    result = count([SheetSpec("Sheet1", rows)])
    assert result.activities.unit == [TRANTIB, TRANTIB, KESOS]


# -- title block -------------------------------------------------------------------------------

def test_title_line_naming_one_unit_as_whole_words(count: Count) -> None:
    title = ("REKAPITULASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT", "TAHUN 2026")
    result = count([plain("Sheet1", title=title)])
    assert units(result) == {PEM: (1, 1)}


def test_title_line_naming_two_units_is_not_used(count: Count) -> None:
    title = ("REKAP SEKSI PEMERINTAHAN DAN SEKSI TRANTIB", "TAHUN 2026")
    result = count([plain("Kesos", title=title)])
    assert units(result) == {KESOS: (1, 1)}


def test_unit_word_inside_a_longer_word_is_not_a_unit(count: Count) -> None:
    title = ("PROGRAM PMDKU KECAMATAN GUCIALIT", "TAHUN 2026")
    result = count([plain("Sheet1", title=title)], name="rekap_2026.xlsx")
    assert units(result) == {"Tanpa unit": (1, 1)}


def test_nearest_title_line_to_the_header_wins(count: Count) -> None:
    title = ("SEKSI PEMERINTAHAN", "REKAP KEGIATAN SEKSI TRANTIB", "TAHUN 2026")
    result = count([plain("Sheet1", title=title)])
    assert units(result) == {TRANTIB: (1, 1)}


def test_stacked_tables_each_take_the_unit_line_above_their_header(count: Count) -> None:
    rows: list[list[Any]] = [
        ["REKAP FASILITASI KECAMATAN GUCIALIT TAHUN 2026"],
        ["SUBBAGIAN UMUM DAN KEPEGAWAIAN"],
        ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
         "Ditindaklanjuti", "Hasil Tindak Lanjut", "Keterangan"],
        act(1), act(2),
        ["JUMLAH", None, None, 2],
        [],
        ["SEKSI KESEJAHTERAAN SOSIAL"],
        ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
         "Ditindaklanjuti", "Hasil Tindak Lanjut", "Keterangan"],
        act(3), act(4), act(5),
        ["JUMLAH", None, None, 3],
    ]
    result = count([SheetSpec("Rekap", rows)])
    assert units(result) == {UMPEG: (2, 2), KESOS: (3, 3)}


# -- sheet names -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sheet_name", "canonical"),
    [("Trantib", TRANTIB), ("Kasi Pemerintahan", PEM), ("Subbag Umpeg", UMPEG),
     ("Sie PMD", PMD), ("Kasubbag Renkeu", RENKEU), ("EKBANG", EKBANG), ("Sekcam", SEKCAM)],
)
def test_sheet_name_names_the_unit(count: Count, sheet_name: str, canonical: str) -> None:
    result = count([plain(sheet_name)], name="rekap.xlsx")
    assert units(result) == {canonical: (1, 1)}


@pytest.mark.parametrize(
    "sheet_name",
    ["Sheet1", "Sheet", "Lembar1", "Data", "Rekap", "Rekapitulasi", "Maret", "JANUARI",
     "TW I", "Triwulan I", "Triwulan IV", "2026", "Rekap 2026", "Data 2026", "Maret 2026",
     "TW I 2026", "Rekapitulasi 2026", "Sheet 2026"],
)
def test_generic_sheet_names_fall_through_to_the_file_name(count: Count, sheet_name: str) -> None:
    result = count([plain(sheet_name)], name="rekap_kesos_2026.xlsx")
    assert units(result) == {KESOS: (1, 1)}
    assert of(result, "unit-tidak-dikenal") == []


# -- file names --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("file_name", "canonical"),
    [("rekap_trantib_2026.xlsx", TRANTIB), ("Rekapitulasi-PMD-2026.xlsx", PMD),
     ("2026 rekap pelum.xlsx", PELUM), ("REKAP SEKCAM.xlsx", SEKCAM),
     ("rekap_subbag_umpeg_2026.xlsx", UMPEG), ("kasi_pemerintahan.xlsx", PEM)],
)
def test_file_name_without_rekap_years_and_separators(
    count: Count, file_name: str, canonical: str
) -> None:
    result = count([plain("Sheet1")], name=file_name)
    assert units(result) == {canonical: (1, 1)}


# -- unknown names and no name -------------------------------------------------------------------

def test_unknown_unit_in_the_unit_cell_is_kept_as_written_once_per_sheet(count: Count) -> None:
    rows = simple_rekap([unit_act(1, "Seksi Kebersihan"), unit_act(2, "Seksi Kebersihan"),
                         unit_act(3, "Trantib")], header=UNIT_HEADER)
    result = count([SheetSpec("Sheet1", rows)])
    assert units(result) == {TRANTIB: (1, 1), "Seksi Kebersihan": (2, 2)}
    found = of(result, "unit-tidak-dikenal")
    assert len(found) == 1
    assert str(found[0].severity) == "peringatan"
    assert "Seksi Kebersihan" in found[0].message


def test_unknown_sheet_name_is_kept_as_written(count: Count) -> None:
    result = count([plain("Humas", 2)], name="rekap.xlsx")
    assert units(result) == {"Humas": (2, 2)}
    assert [(p.sheet, p.row) for p in of(result, "unit-tidak-dikenal")] == [("Humas", None)]


def test_no_unit_anywhere_is_tanpa_unit_with_a_warning(count: Count) -> None:
    result = count([plain("Sheet1", 2)], name="rekap_2026.xlsx")
    assert units(result) == {"Tanpa unit": (2, 2)}
    found = of(result, "tanpa-unit")
    assert len(found) == 1
    assert str(found[0].severity) == "peringatan"
    assert of(result, "unit-tidak-dikenal") == []


def test_sheet_source_records_its_unit(count: Count) -> None:
    result = count([plain("Trantib"), plain("Sheet2", first=5)], name="rekap_pmd.xlsx")
    assert [s.unit for s in result.sources[0].sheets] == [TRANTIB, PMD]


# -- ordering and listing of units ---------------------------------------------------------------

def test_units_are_listed_in_contract_order_then_others_alphabetically(count: Count) -> None:
    sheets = [plain("Zeta", first=1), plain("Ekbang", first=2), plain("Trantib", first=3),
              plain("Alfa", first=4), plain("Umpeg", first=5), plain("Sekcam", first=6),
              plain("Kesos", first=7), plain("Pemerintahan", first=8)]
    result = count(sheets, name="rekap.xlsx")
    assert [u.unit for u in result.units] == [SEKCAM, UMPEG, PEM, TRANTIB, KESOS, EKBANG,
                                             "Alfa", "Zeta"]


def test_unit_with_activity_rows_but_none_counted_is_listed_with_zero(count: Count) -> None:
    sheets = [plain("Trantib"), SheetSpec("Kesos", simple_rekap([act(9, bukti="Foto")],
                                                                title=PLAIN_TITLE))]
    result = count(sheets, name="rekap.xlsx")
    assert units(result) == {TRANTIB: (1, 1), KESOS: (0, 0)}
    assert [u.percent for u in result.units] == [100.0, None]


def test_per_unit_counts_add_up_to_the_total(count: Count) -> None:
    sheets = [plain("Trantib", 3), plain("Kesos", 2, first=10), plain("Ekbang", 1, first=20)]
    result = count(sheets, name="rekap.xlsx")
    assert sum(u.counted for u in result.units) == result.total.counted == 6
    assert sum(u.followed_up for u in result.units) == result.total.followed_up == 6


def test_unknown_file_name_is_kept_as_a_unit_with_a_warning(count: Count) -> None:
    result = count([plain("Sheet1")], name="rekap_humas_2026.xlsx")
    assert [u.unit.casefold() for u in result.units] == ["humas"]
    assert len(of(result, "unit-tidak-dikenal")) == 1


def test_unit_section_row_beats_the_title_unit(count: Count) -> None:
    title = ("REKAP FASILITASI SEKSI PEMERINTAHAN", "TAHUN 2026")
    rows = simple_rekap([act(1), ["B", "Seksi Trantib"], act(2)], title=title)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.unit == [PEM, TRANTIB]


def test_unknown_unit_names_warn_once_per_sheet_in_each_sheet(count: Count) -> None:
    rows = simple_rekap([unit_act(1, "Humas"), unit_act(2, "Humas")], header=UNIT_HEADER)
    rows2 = simple_rekap([unit_act(3, "Humas")], header=UNIT_HEADER)
    result = count([SheetSpec("Sheet1", rows), SheetSpec("Sheet2", rows2)])
    assert units(result) == {"Humas": (3, 3)}
    assert [p.sheet for p in of(result, "unit-tidak-dikenal")] == ["Sheet1", "Sheet2"]
