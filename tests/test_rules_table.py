"""Rekap contract, 'Finding the table': header by content, spellings, two-row headers, column
number rows, stacked tables, broken tables, skipped and hidden sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import HEADER, SheetSpec, codes, simple_rekap
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
DAY = dt.date(2026, 3, 12)
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"


def act(no: int, bukti: Any = "Rakor", status: Any = "Ya", nomor: Any = None) -> list[Any]:
    return [no, DAY, f"Koordinasi kegiatan nomor {no}", bukti, nomor, status, "Notulen", None]


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def not_info(result: Any) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in result.problems if str(p.severity) != "info"]


def header_with(field_index: int, spelling: str) -> list[str]:
    header = list(HEADER)
    header[field_index] = spelling
    return header


# -- the header is found by content, not position -------------------------------------------

def test_header_below_a_long_title_block(count: Count) -> None:
    title = ["PEMERINTAH KABUPATEN LUMAJANG", "KECAMATAN GUCIALIT", "SEKSI PEMERINTAHAN",
             "REKAPITULASI FASILITASI DAN KOORDINASI", "TAHUN 2026", "", "Periode: Jan-Des"]
    rows = simple_rekap([act(1), act(2, status="Tidak")], title=title)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.row == [10, 11]  # 7 title lines + blank + header in row 9


def test_header_deep_in_the_first_hundred_rows(count: Count) -> None:
    rows: list[list[Any]] = [[f"catatan {i}"] for i in range(90)]
    rows += [list(HEADER), act(1), act(2)]
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.total.counted == 2
    assert result.activities.row == [92, 93]


def test_header_after_leading_blank_rows_and_columns(count: Count) -> None:
    rows = simple_rekap([act(1)], title=TITLE)
    result = count([SheetSpec("Pemerintahan", rows, start_row=6, start_col=3)])
    assert result.total.counted == 1
    assert result.activities.row == [10]


# -- header spellings ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "spelling",
    ["Kegiatan", "Nama Kegiatan", "Uraian", "Uraian Fasilitasi dan Koordinasi", "URAIAN KEGIATAN",
     "Uraian\nKegiatan", "Uraian Kegiatan Fasilitasi"],
)
def test_kegiatan_header_spellings(count: Count, spelling: str) -> None:
    rows = simple_rekap([act(1), act(2)], title=TITLE, header=header_with(2, spelling))
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.total.counted == 2
    assert result.activities.text == ["Koordinasi kegiatan nomor 1", "Koordinasi kegiatan nomor 2"]


@pytest.mark.parametrize(
    "spelling",
    ["Bukti Dukung", "Jenis Bukti", "Bukti", "Bukti Pendukung", "JENIS BUKTI DUKUNG",
     "Jenis Bukti Dukung (Rakor/Dok/SK/Rekom/BA)", "Jenis\nBukti  Dukung"],
)
def test_bukti_header_spellings(count: Count, spelling: str) -> None:
    rows = simple_rekap([act(1, "BA"), act(2, "Foto")], title=TITLE,
                        header=header_with(3, spelling))
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.total.counted == 1
    assert result.activities.evidence[0] == ("Berita Acara",)
    (problem,) = of(result, "bukti-tidak-sah")
    # the header text as written in the sheet (line breaks/repeated spaces shown as one space)
    assert problem.column == " ".join(spelling.split())


@pytest.mark.parametrize(
    "spelling",
    ["Ditindak Lanjuti", "Tindak Lanjut", "Status Tindak Lanjut", "Status",
     "Ditindaklanjuti (Ya/Tidak)", "DITINDAKLANJUTI?"],
)
def test_tindak_lanjut_header_spellings(count: Count, spelling: str) -> None:
    rows = simple_rekap([act(1, status="Ya"), act(2, status="Belum")], title=TITLE,
                        header=header_with(5, spelling))
    result = count([SheetSpec("Pemerintahan", rows)])
    assert (result.total.counted, result.total.followed_up) == (2, 1)


@pytest.mark.parametrize(
    "spelling",
    ["Tgl", "Tanggal Kegiatan", "Tanggal Pelaksanaan", "Waktu", "Hari/Tanggal", "Tgl."],
)
def test_tanggal_header_spellings(count: Count, spelling: str) -> None:
    rows = simple_rekap([act(1)], title=TITLE, header=header_with(1, spelling))
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.date == [DAY]
    assert of(result, "tanpa-kolom-tanggal") == []


@pytest.mark.parametrize("spelling", ["No.", "No Urut", "Nomor", "NO"])
def test_no_header_spellings_enable_continuation_rows(count: Count, spelling: str) -> None:
    """The `no` column is recognised: an un-numbered text-only row continues the row above."""
    rows = simple_rekap([act(1), [None, None, "(lanjutan uraian)", None, None, None, None, None]],
                        title=TITLE, header=header_with(0, spelling))
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.total.counted == 1
    assert codes(result.problems, "galat") == []
    assert [p.row for p in of(result, "baris-lanjutan")] == [6]


@pytest.mark.parametrize(
    "spelling", ["Nomor Bukti", "No Bukti", "Nomor Dokumen", "Nomor Surat", "Nomor SK",
                 "Nomor Bukti Dukung"]
)
def test_nomor_bukti_header_spellings(count: Count, spelling: str) -> None:
    """'Nomor Bukti Dukung' starts with both 'Nomor' (no) and 'Nomor Bukti': longest wins."""
    header = ["Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", spelling, "Ditindaklanjuti"]
    rows = simple_rekap([[DAY, "Rakor Musdes", "Rakor", "005/12/2026", "Ya"]], title=TITLE,
                        header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.number == ["005/12/2026"]


@pytest.mark.parametrize("spelling", ["Hasil", "Output", "Keluaran", "Hasil Tindak Lanjut"])
def test_hasil_header_spellings(count: Count, spelling: str) -> None:
    header = ["No", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti", spelling]
    rows = simple_rekap([[1, "Rakor Musdes", "Rakor", "Ya", "Notulen 5"],
                         [2, "Rakor Pilkades", "Rakor", "Ya", None]], title=TITLE, header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.result[0] == "Notulen 5"
    assert [p.row for p in of(result, "hasil-kosong")] == [6]


@pytest.mark.parametrize(
    "spelling", ["Seksi", "Subbagian", "Sub Bagian", "Unit Kerja", "Unit", "Bidang",
                 "Seksi/Subbagian", "Pelaksana"]
)
def test_unit_header_spellings(count: Count, spelling: str) -> None:
    header = ["No", spelling, "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
    rows = simple_rekap([[1, "Trantib", "Patroli gabungan", "BA", "Ya"]], header=header)
    result = count([SheetSpec("Sheet1", rows)])
    assert [u.unit for u in result.units] == [TRANTIB]


@pytest.mark.parametrize("spelling", ["Keterangan", "Ket", "Ket.", "Catatan"])
def test_keterangan_column_is_not_mistaken_for_another_field(count: Count, spelling: str) -> None:
    header = ["No", "Uraian Kegiatan", spelling, "Jenis Bukti Dukung", "Ditindaklanjuti"]
    rows = simple_rekap([[1, "Rakor Musdes", "Foto", "Rakor", "Ya"]], title=TITLE, header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.evidence == [("Rapat Koordinasi",)]
    assert not_info(result) == [("tanpa-kolom-tanggal", None)]


def test_each_field_takes_the_first_matching_column(count: Count) -> None:
    header = ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", "Bukti Pendukung",
              "Ditindaklanjuti"]
    rows = simple_rekap([[1, DAY, "Rakor Musdes", "Berita Acara", "Foto", "Ya"]], title=TITLE,
                        header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.evidence == [("Berita Acara",)]
    assert codes(result.problems, "galat") == []


# -- two-row headers -----------------------------------------------------------------------

TWO_ROW = [
    ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, "Tindak Lanjut", None],
    [None, None, None, "Jenis", "Nomor", "Status", "Hasil"],
]
TWO_ROW_MERGES = ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1")


def test_two_row_merged_header_maps_group_and_sub_header(count: Count) -> None:
    rows = [*TWO_ROW,
            [1, DAY, "Rakor Musdes", "Rakor", "005/2026", "Sudah", "Notulen"],
            [2, DAY, "Fasilitasi PAW", "Foto", "-", "Belum", None]]
    result = count([SheetSpec("Pemerintahan", rows, merges=TWO_ROW_MERGES)])
    assert result.activities.row == [3, 4]
    assert result.activities.number[0] == "005/2026"
    assert result.activities.result[0] == "Notulen"
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    (problem,) = of(result, "bukti-tidak-sah")
    assert problem.column == "Bukti Dukung - Jenis"
    assert problem.cell == "D4"


def test_two_row_header_without_merges_group_over_blank_cells(count: Count) -> None:
    """The sub-header row is recognised by text under a blank header cell (no merge info)."""
    rows = [*TWO_ROW,
            [1, DAY, "Rakor Musdes", "Rakor", "005/2026", "Sudah", "Notulen"],
            [2, DAY, "Fasilitasi PAW", "BA", "BA-7", "Belum", None]]
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [3, 4]
    assert result.activities.number == ["005/2026", "BA-7"]
    assert (result.total.counted, result.total.followed_up) == (2, 1)


def test_two_row_header_under_bukti_group_with_no_sub_header(count: Count) -> None:
    rows: list[list[Any]] = [
        ["No", "Uraian Kegiatan", "Bukti", None, "Ditindaklanjuti"],
        [None, None, "Jenis", "No", None],
        [1, "Rakor Musdes", "Rekomendasi", "REK-1", "Ya"],
    ]
    merges = ("A1:A2", "B1:B2", "C1:D1", "E1:E2")
    result = count([SheetSpec("Pemerintahan", rows, merges=merges)])
    assert result.activities.evidence == [("Rekomendasi",)]
    assert result.activities.number == ["REK-1"]


def test_first_data_row_is_not_taken_for_a_sub_header(count: Count) -> None:
    """A row holding a date/number under the header is data, not a sub-header row."""
    rows = simple_rekap([act(1), act(2)])
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [2, 3]
    assert result.total.counted == 2


# -- the column-number row -----------------------------------------------------------------

@pytest.mark.parametrize(
    "numbers",
    [[f"({i})" for i in range(1, 9)], list(range(1, 9)), [str(i) for i in range(1, 9)]],
    ids=["bracketed", "integers", "text-digits"],
)
def test_column_number_row_under_the_header_is_skipped(count: Count, numbers: list[Any]) -> None:
    rows = simple_rekap([numbers, act(1), act(2, status="Tidak")], title=TITLE)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [6, 7]
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert not_info(result) == []


def test_column_number_row_under_a_two_row_header_is_skipped(count: Count) -> None:
    rows = [*TWO_ROW, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            [1, DAY, "Rakor Musdes", "Rakor", "005/2026", "Sudah", "Notulen"]]
    result = count([SheetSpec("Pemerintahan", rows, merges=TWO_ROW_MERGES)])
    assert result.activities.row == [4]
    assert not_info(result) == []


# -- several tables on one sheet -----------------------------------------------------------

def test_several_tables_one_under_another(count: Count) -> None:
    rows: list[list[Any]] = [
        ["REKAP FASILITASI DAN KOORDINASI KECAMATAN GUCIALIT TAHUN 2026"],
        ["SEKSI PEMERINTAHAN"],
        list(HEADER),
        act(1), act(2), act(3, status="Belum"),
        ["JUMLAH", None, None, 3],
        [],
        ["SEKSI TRANTIB"],
        list(HEADER),
        act(11), act(12, status="Belum"),
        ["JUMLAH", None, None, 2],
    ]
    result = count([SheetSpec("Rekap", rows)])
    assert result.activities.row == [4, 5, 6, 11, 12]
    assert {u.unit: (u.counted, u.followed_up) for u in result.units} == {
        PEM: (3, 2), TRANTIB: (2, 1),
    }
    assert not_info(result) == []


def test_second_table_header_is_not_counted_as_an_activity(count: Count) -> None:
    rows: list[list[Any]] = [
        list(HEADER), act(1), ["TOTAL", None, None, 1],
        list(HEADER), act(1, "BA"),
    ]
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [2, 5]
    assert result.total.counted == 2
    assert codes(result.problems, "galat") == []


# -- broken tables and sheets without a table -------------------------------------------------

def test_partial_header_missing_status_is_a_galat_and_incomplete(count: Count) -> None:
    header = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Keterangan"]
    broken = SheetSpec("Trantib", simple_rekap([[1, DAY, "Patroli", "BA", None]], header=header))
    good = SheetSpec("Pemerintahan", simple_rekap([act(1)], title=TITLE))
    result = count([broken, good])
    assert result.complete is False
    (problem,) = of(result, "kolom-wajib-hilang")
    assert str(problem.severity) == "galat"
    assert problem.sheet == "Trantib"
    assert "Ditindaklanjuti" in problem.message  # names what is missing
    assert "Uraian Kegiatan" in problem.message  # and what was found
    assert result.total.counted == 1  # the good sheet still counts


def test_partial_header_missing_evidence_is_a_galat(count: Count) -> None:
    header = ["No", "Uraian Kegiatan", "Ditindaklanjuti", "Keterangan"]
    result = count([SheetSpec("Umpeg", simple_rekap([[1, "Rapat staf", "Ya", None]],
                                                    header=header))])
    assert result.complete is False
    (problem,) = of(result, "kolom-wajib-hilang")
    assert "bukti" in problem.message.lower()
    assert result.total.counted == 0


@pytest.mark.parametrize(
    "rows",
    [
        [["PETUNJUK PENGISIAN"], ["1. Isi satu baris per kegiatan"], ["2. Pilih bukti dukung"]],
        [["No", "Jenis Bukti", "Keterangan"], [1, "Rapat Koordinasi", "Notulen"],
         [2, "Berita Acara", "BA"]],
        [["No", "Kegiatan", "Keterangan"], [1, "Rakor", "-"]],
        [],
    ],
    ids=["instructions", "lookup-list", "kegiatan-only", "empty"],
)
def test_sheet_without_a_table_is_skipped_with_an_info(count: Count, rows: list[Any]) -> None:
    good = SheetSpec("Pemerintahan", simple_rekap([act(1)], title=TITLE))
    result = count([SheetSpec("Lain", rows), good])
    assert result.complete is True
    assert codes([p for p in result.problems if p.sheet == "Lain"]) == [("sheet-dilewati", None)]
    assert str(of(result, "sheet-dilewati")[0].severity) == "info"
    assert result.total.counted == 1
    lain = result.sources[0].sheets[0]
    assert (lain.name, lain.skipped is not None) == ("Lain", True)


# -- hidden sheets -------------------------------------------------------------------------

def test_hidden_rekap_sheet_is_skipped_with_a_warning(count: Count) -> None:
    hidden = SheetSpec("Trantib", simple_rekap([act(1), act(2)]), hidden=True)
    visible = SheetSpec("Pemerintahan", simple_rekap([act(1, "BA")], title=TITLE))
    result = count([visible, hidden])
    assert result.total.counted == 1
    (problem,) = of(result, "sheet-tersembunyi-dilewati")
    assert str(problem.severity) == "peringatan"
    assert problem.sheet == "Trantib"
    assert "2" in problem.message


def test_hidden_rekap_sheet_is_read_with_include_hidden(count: Count) -> None:
    hidden = SheetSpec("Trantib", simple_rekap([act(1), act(2)]), hidden=True)
    visible = SheetSpec("Pemerintahan", simple_rekap([act(1, "BA")], title=TITLE))
    result = count([visible, hidden], include_hidden=True)
    assert result.total.counted == 3
    assert {u.unit: u.counted for u in result.units} == {PEM: 1, TRANTIB: 2}
    assert of(result, "sheet-tersembunyi-dilewati") == []


def test_hidden_sheet_without_a_table_gets_no_warning(count: Count) -> None:
    hidden = SheetSpec("Daftar", [["No", "Jenis Bukti"], [1, "Rakor"]], hidden=True)
    visible = SheetSpec("Pemerintahan", simple_rekap([act(1)], title=TITLE))
    result = count([visible, hidden])
    assert not_info(result) == []
    assert result.total.counted == 1


def test_repeated_header_row_inside_a_table_is_skipped(count: Count) -> None:
    rows = simple_rekap([act(1), list(HEADER), act(2)], title=TITLE)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [5, 7]
    assert not_info(result) == []


def test_header_at_row_100_is_found(count: Count) -> None:
    rows: list[list[Any]] = [[f"catatan {i}"] for i in range(99)]
    rows += [list(HEADER), act(1)]
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [101]
    assert result.total.counted == 1


def test_a_title_line_quoting_header_words_is_not_the_header(count: Count) -> None:
    title = ["Uraian Kegiatan, Bukti Dukung dan Tindak Lanjut", "SEKSI PEMERINTAHAN TAHUN 2026"]
    result = count([SheetSpec("Pemerintahan", simple_rekap([act(1), act(2)], title=title))])
    assert result.activities.row == [5, 6]
    assert [p.row for p in of(result, "header-ditemukan")] == [4]


def test_text_row_with_a_date_under_a_blank_header_cell_is_data_not_a_sub_header(
    count: Count,
) -> None:
    """'only short text (no dates/numbers)': a first row with a text date is data."""
    header = ["Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti", None]
    rows = simple_rekap([["12/03/2026", "Rakor Musdes", "Rakor", "Ya", "x"],
                         ["13/03/2026", "Rakor Pilkades", "BA", "Ya", "y"]], header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [2, 3]
    assert result.total.counted == 2


def test_header_spelling_with_a_bracketed_note_in_a_two_row_header(count: Count) -> None:
    rows: list[list[Any]] = [
        ["No", "Uraian Kegiatan", "Bukti Dukung", None, "Ditindaklanjuti (Ya/Tidak)"],
        [None, None, "Jenis", "Nomor", None],
        [1, "Rakor Musdes", "Rakor", "005", "Ya"],
    ]
    merges = ("A1:A2", "B1:B2", "C1:D1", "E1:E2")
    result = count([SheetSpec("Pemerintahan", rows, merges=merges)])
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    assert result.activities.number == ["005"]
