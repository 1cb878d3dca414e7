"""Rekap contract, 'Rows': activity, section, total, footer, continuation and blank rows,
vertical merges, row numbers as Excel shows them, and exact duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import HEADER, SheetSpec, codes, simple_rekap, write_xlsx
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
FIRST = 5  # activities start in row 5 (two title lines, blank, header in row 4)
DAY = dt.date(2026, 3, 12)
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"
PMD = "Seksi Pemberdayaan Masyarakat dan Desa"


def act(no: Any, text: str | None = None, bukti: Any = "Rakor", status: Any = "Ya", *,
        date: Any = DAY, nomor: Any = None, hasil: Any = "Notulen") -> list[Any]:
    text = f"Koordinasi kegiatan nomor {no}" if text is None else text
    return [no, date, text, bukti, nomor, status, hasil, None]


def sheet(rows: Sequence[Sequence[Any]], name: str = "Pemerintahan", **kw: Any) -> SheetSpec:
    return SheetSpec(name, simple_rekap(rows, title=TITLE), **kw)


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def not_info(result: Any) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in result.problems if str(p.severity) != "info"]


# -- activity rows and their numbers --------------------------------------------------------

def test_activity_rows_carry_excel_row_sheet_and_file(count: Count) -> None:
    result = count([sheet([act(1), act(2), act(3)])], name="pem.xlsx")
    assert result.activities.row == [5, 6, 7]
    assert set(result.activities.sheet) == {"Pemerintahan"}
    assert all(f.endswith("pem.xlsx") for f in result.activities.file)


def test_row_numbers_not_shifted_by_blank_leading_rows_and_columns(count: Count) -> None:
    """Table written from C8: the header is in row 11, the first activity in row 12."""
    rows = simple_rekap([act(1, bukti="Foto"), act(2)], title=TITLE)
    result = count([SheetSpec("Pemerintahan", rows, start_row=8, start_col=3)])
    assert result.activities.row == [12, 13]
    (problem,) = of(result, "bukti-tidak-sah")
    assert (problem.row, problem.cell) == (12, "F12")  # evidence is the 4th column: C+3 = F


def test_blank_rows_inside_the_table_are_skipped_without_renumbering(count: Count) -> None:
    rows = [act(1), [], [None] * 8, act(2), []]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 8]
    assert result.total.counted == 2
    assert not_info(result) == []


# -- vertically merged cells -----------------------------------------------------------------

def test_vertically_merged_date_applies_to_every_row(count: Count) -> None:
    rows = [act(1, date=dt.date(2026, 4, 1)), act(2, date=None), act(3, date=None)]
    result = count([sheet(rows, merges=("B5:B7",))])
    assert result.activities.date == [dt.date(2026, 4, 1)] * 3
    assert of(result, "tanggal-kosong") == []


def test_vertically_merged_evidence_applies_to_every_row(count: Count) -> None:
    rows = [act(1, bukti="Berita Acara"), act(2, bukti=None), act(3, bukti="Rakor")]
    result = count([sheet(rows, merges=("D5:D6",))])
    assert result.activities.evidence == [("Berita Acara",), ("Berita Acara",),
                                          ("Rapat Koordinasi",)]
    assert result.total.counted == 3
    assert codes(result.problems, "galat") == []


def test_vertically_merged_unit_applies_to_every_row(count: Count) -> None:
    header = ["No", "Seksi", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
    rows = simple_rekap([[1, "Trantib", "Patroli 1", "BA", "Ya"],
                         [2, None, "Patroli 2", "BA", "Ya"],
                         [3, "PMD", "Musdes", "BA", "Ya"]], header=header)
    result = count([SheetSpec("Sheet1", rows, merges=("B2:B3",))])
    assert result.activities.unit == [TRANTIB, TRANTIB, PMD]


def test_vertically_merged_status_applies_to_every_row(count: Count) -> None:
    rows = [act(1, status="Sudah"), act(2, status=None), act(3, status="Belum", hasil=None)]
    result = count([sheet(rows, merges=("F5:F6",))])
    assert (result.total.counted, result.total.followed_up) == (3, 2)
    assert of(result, "status-kosong") == []


# -- continuation rows ------------------------------------------------------------------------

def test_continuation_row_joins_the_activity_above(count: Count) -> None:
    rows = [act(1, "Rapat koordinasi persiapan"), [None, None, "Musrenbang Desa Kenongo"],
            act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7]
    assert "Musrenbang Desa Kenongo" in result.activities.text[0]
    assert result.activities.text[0].startswith("Rapat koordinasi persiapan")
    assert [(p.row, str(p.severity)) for p in of(result, "baris-lanjutan")] == [(6, "info")]
    assert not_info(result) == []


def test_without_a_no_column_a_lone_text_is_an_activity_without_evidence(count: Count) -> None:
    header = ["Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
    rows = simple_rekap([[DAY, "Rakor Musdes", "Rakor", "Ya"], [None, "Sosialisasi PBB"]],
                        title=TITLE, header=header)
    result = count([SheetSpec("Pemerintahan", rows)])
    assert result.activities.row == [5, 6]
    assert codes(result.problems, "galat") == [("bukti-kosong", 6)]


def test_numbered_row_with_only_text_is_an_activity_not_a_continuation(count: Count) -> None:
    rows = [act(1), [2, None, "Sosialisasi PBB"]]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert codes(result.problems, "galat") == [("bukti-kosong", 6)]
    assert of(result, "baris-lanjutan") == []


def test_text_row_with_evidence_is_not_a_continuation(count: Count) -> None:
    rows = [act(1), [None, None, "Rakor Pilkades", "BA", None, "Ya", "BA-1"]]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert result.total.counted == 2


# -- section rows ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "section",
    [
        ["TRIWULAN I"],
        [None, None, "TRIWULAN II"],
        [None, None, "JANUARI"],
        ["Bulan Maret"],
        ["A.", None, "Fasilitasi Bidang Pemerintahan"],
        ["I.", "KOORDINASI LINTAS SEKTOR"],
        ["A", "Seksi Pemerintahan"],
        [None, None, "Seksi Pemerintahan"],
    ],
    ids=["triwulan-col-a", "triwulan-kegiatan", "month", "bulan-month", "letter-prefix",
         "roman-prefix", "letter-unit", "unit-name"],
)
def test_section_rows_are_skipped(count: Count, section: list[Any]) -> None:
    rows = [section, act(1), act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [6, 7]
    assert result.total.counted == 2
    assert not_info(result) == []
    assert [p.row for p in of(result, "baris-bagian")] == [5]


def test_section_row_naming_a_unit_sets_the_unit_below_it(count: Count) -> None:
    rows = [
        ["A", "Seksi PMD"], act(1), act(2, status="Belum", hasil=None),
        ["B", "Seksi Trantib"], act(3),
    ]
    result = count([SheetSpec("Rekap", simple_rekap(rows))])
    assert result.activities.unit == [PMD, PMD, TRANTIB]
    assert {u.unit: (u.counted, u.followed_up) for u in result.units} == {
        TRANTIB: (1, 1), PMD: (2, 1),
    }


def test_lone_kegiatan_text_that_is_no_heading_is_an_activity(count: Count) -> None:
    """No `No` column value, no heading look: an activity, and without evidence a galat."""
    rows = [[None, None, "Fasilitasi penyelesaian sengketa batas desa"], act(1)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert codes(result.problems, "galat") == [("bukti-kosong", 5)]


# -- total rows --------------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["JUMLAH", "Jumlah", "TOTAL", "SUB TOTAL", "Sub Total",
                                   "REKAPITULASI", "JML", "Jml."])
def test_total_rows_are_never_activities(count: Count, label: str) -> None:
    rows = [act(1), act(2), [None, None, label, 2, None, 2]]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert result.total.counted == 2
    assert not_info(result) == []


def test_total_row_number_matching_the_table_gives_no_warning(count: Count) -> None:
    rows = [act(1), act(2), act(3), ["JUMLAH", None, None, 3]]
    result = count([sheet(rows, merges=("A8:C8",))])
    assert of(result, "jumlah-tidak-cocok") == []


def test_total_row_number_mismatch_is_a_warning(count: Count) -> None:
    rows = [act(1), act(2), act(3, bukti="Foto"), ["JUMLAH", None, None, 25]]
    result = count([sheet(rows, merges=("A8:C8",))])
    (problem,) = of(result, "jumlah-tidak-cocok")
    assert str(problem.severity) == "peringatan"
    assert problem.row == 8
    assert "25" in problem.message
    assert "3 kegiatan" in problem.message  # listed
    assert "2 terhitung" in problem.message  # counted


# -- footer ------------------------------------------------------------------------------------

FOOTER_LINES = [
    [None, None, "Gucialit, 31 Desember 2026"],
    [None, None, "Mengetahui"],
    [None, None, "Kepala Seksi Pemerintahan"],
    [],
    [None, None, "BUDI SANTOSO, S.Sos"],
    [None, None, "NIP. 19700101 199003 1 001"],
]


def test_footer_after_the_total_row_is_ignored(count: Count) -> None:
    rows = [act(1), act(2), ["JUMLAH", None, None, 2], [], *FOOTER_LINES]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert not_info(result) == []


def test_footer_without_a_total_row_is_ignored(count: Count) -> None:
    rows = [act(1), act(2), [], *FOOTER_LINES]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert result.total.counted == 2
    assert not_info(result) == []


def test_footer_with_camat_signature_in_the_right_columns_is_ignored(count: Count) -> None:
    rows = [act(1), [], [None, None, None, None, None, "Gucialit, 31 Desember 2026"],
            [None, None, None, None, None, "Camat Gucialit"], [],
            [None, None, None, None, None, "Drs. AHMAD"],
            [None, None, None, None, None, "NIP 19680101 199003 1 002"]]
    result = count([sheet(rows)])
    assert result.activities.row == [5]
    assert not_info(result) == []


def test_footer_words_do_not_end_the_table_when_activities_follow(count: Count) -> None:
    """'Mengetahui' only starts the footer when no activity follows it."""
    rows = [act(1), [None, None, "Mengetahui"], act(2), act(3)]
    result = count([sheet(rows)])
    assert result.activities.row[0] == 5
    assert {7, 8} <= set(result.activities.row)
    assert result.total.counted == 3


# -- rows with evidence/status but no kegiatan ----------------------------------------------

def test_row_with_evidence_but_no_kegiatan_is_a_warning_and_not_counted(count: Count) -> None:
    rows = [act(1), [2, DAY, None, "Rakor", None, "Ya", "Notulen"], act(3)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7]
    assert (result.total.counted, result.total.followed_up) == (2, 2)
    assert not_info(result) == [("kegiatan-kosong", 6)]
    assert str(of(result, "kegiatan-kosong")[0].severity) == "peringatan"


def test_row_with_status_only_and_no_kegiatan_is_a_warning(count: Count) -> None:
    rows = [act(1), [None, None, None, None, None, "Ya"], act(2)]
    result = count([sheet(rows)])
    assert result.total.counted == 2
    assert not_info(result) == [("kegiatan-kosong", 6)]


# -- exact duplicates ------------------------------------------------------------------------

def test_exact_duplicate_in_one_sheet_counts_once(count: Count) -> None:
    rows = [act(1, "Rakor Musdes Kenongo", nomor="005"),
            act(2, "  rakor  MUSDES kenongo ", nomor="005")]
    result = count([sheet(rows)])
    assert result.total.counted == 1
    assert result.activities.reason == [None, "duplikat"]
    (problem,) = of(result, "duplikat")
    assert (problem.row, str(problem.severity)) == (6, "peringatan")
    assert "5" in problem.message  # names the first copy


def test_duplicate_evidence_set_order_does_not_matter(count: Count) -> None:
    rows = [act(1, "Rakor Musdes", bukti="Rakor, BA"), act(2, "Rakor Musdes", bukti="BA; Rakor")]
    result = count([sheet(rows)])
    assert result.total.counted == 1
    assert [p.row for p in of(result, "duplikat")] == [6]


@pytest.mark.parametrize(
    "second",
    [
        {"date": dt.date(2026, 3, 13)},
        {"text": "Rakor Musdes Sombo"},
        {"bukti": "Berita Acara"},
        {"nomor": "006"},
    ],
    ids=["other-date", "other-text", "other-evidence", "other-number"],
)
def test_rows_differing_in_one_key_are_not_duplicates(count: Count, second: dict) -> None:
    first: dict[str, Any] = {"text": "Rakor Musdes Kenongo", "nomor": "005"}
    rows = [act(1, **first), act(2, **{**first, **second})]
    result = count([sheet(rows)])
    assert result.total.counted == 2
    assert of(result, "duplikat") == []


def test_duplicate_across_sheets_first_sheet_keeps_the_credit(count: Count) -> None:
    """Workbook order decides: sheet 'Trantib' comes first although 'P' < 'T'."""
    row = act(1, "Rakor keamanan pilkades", status="Ya")
    copy = act(1, "Rakor keamanan pilkades", status="Belum", hasil=None)
    result = count([SheetSpec("Trantib", simple_rekap([row])),
                    SheetSpec("Pemerintahan", simple_rekap([copy]))])
    assert {u.unit: (u.counted, u.followed_up) for u in result.units} == {
        PEM: (0, 0), TRANTIB: (1, 1),
    }
    (problem,) = of(result, "duplikat")
    assert (problem.sheet, problem.row) == ("Pemerintahan", 2)
    assert "Trantib" in problem.message
    assert "status" in problem.message.lower()  # says the statuses differ


def test_duplicate_with_same_status_does_not_mention_status(count: Count) -> None:
    rows = [act(1, "Rakor Musdes"), act(2, "Rakor Musdes")]
    result = count([sheet(rows)])
    (problem,) = of(result, "duplikat")
    assert "status" not in problem.message.lower()


def test_duplicate_across_files_first_in_sorted_path_order_keeps_credit(tmp_path: Path) -> None:
    row = act(1, "Rakor keamanan pilkades", nomor="BA-1")
    write_xlsx(tmp_path / "b_pem.xlsx", [SheetSpec("Pemerintahan", simple_rekap([row]))])
    write_xlsx(tmp_path / "a_trantib.xlsx", [SheetSpec("Trantib", simple_rekap([row]))])
    result = hitung([tmp_path], Options())
    assert result.total.counted == 1
    assert {u.unit: u.counted for u in result.units} == {PEM: 0, TRANTIB: 1}
    (problem,) = of(result, "duplikat")
    assert problem.file.endswith("b_pem.xlsx")
    assert "a_trantib.xlsx" in problem.message


def test_rows_listed_but_duplicate_are_in_activity_rows_not_counted(count: Count) -> None:
    rows = [act(1, "Rakor Musdes"), act(2, "Rakor Musdes"), act(3, "Rakor Pilkades")]
    result = count([sheet(rows)])
    sheet_source = result.sources[0].sheets[0]
    assert (sheet_source.activity_rows, sheet_source.counted) == (3, 2)


def test_repeated_header_row_is_not_an_activity(count: Count) -> None:
    rows = [act(1), list(HEADER), act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7]
    assert not_info(result) == []


def test_sub_total_midway_does_not_end_the_table(count: Count) -> None:
    """A SUB TOTAL after Triwulan I with more activities below: those still count."""
    rows = [["TRIWULAN I"], act(1), act(2), ["SUB TOTAL", None, None, 2],
            ["TRIWULAN II"], act(3), act(4), ["JUMLAH", None, None, 4]]
    result = count([sheet(rows)])
    assert result.activities.row == [6, 7, 10, 11]
    assert result.total.counted == 4
    assert not_info(result) == []


def test_total_rows_may_claim_what_was_counted(count: Count) -> None:
    """A total of the counted activities agrees (the invalid rows left out): the SUB TOTAL's of
    its own segment (1 of 2 listed), the JUMLAH's of the whole table (3 of 6) — each the only
    one of the four figures that matches."""
    rows = [["TRIWULAN I"], act(1), act(2, bukti="Foto"), ["SUB TOTAL", None, None, 1],
            ["TRIWULAN II"], act(3), act(4, bukti="Foto"), act(5, bukti="Foto"), act(6),
            ["JUMLAH", None, None, 3]]
    result = count([sheet(rows)])
    assert result.total.counted == 3
    assert of(result, "jumlah-tidak-cocok") == []


def test_total_number_written_in_the_label_cell_is_compared(count: Count) -> None:
    rows = [act(1), act(2), act(3), [None, None, "Jumlah kegiatan: 5"]]
    result = count([sheet(rows)])
    assert result.total.counted == 3
    assert [(p.code, p.row) for p in of(result, "jumlah-tidak-cocok")] == [
        ("jumlah-tidak-cocok", 8)]


def test_several_continuation_rows_all_join_the_activity(count: Count) -> None:
    rows = [act(1, "Rapat koordinasi"), [None, None, "persiapan Musrenbang"],
            [None, None, "Desa Kenongo dan Desa Sombo"], act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 8]
    assert "Desa Kenongo dan Desa Sombo" in result.activities.text[0]
    assert "persiapan Musrenbang" in result.activities.text[0]
    assert [p.row for p in of(result, "baris-lanjutan")] == [6, 7]


def test_text_row_after_a_blank_row_is_not_a_continuation(count: Count) -> None:
    """Continuation needs the row *directly* under an activity; else a lone text activity."""
    rows = [act(1), [], [None, None, "Sosialisasi PBB Desa Kenongo"], act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7, 8]
    assert codes(result.problems, "galat") == [("bukti-kosong", 7)]


@pytest.mark.parametrize(
    "section",
    [["TRIWULAN I (JANUARI - MARET)"], ["II.", "Seksi Trantib"], ["MARET 2026"],
     [None, None, "B. KEGIATAN KOORDINASI"], ["Triwulan III"]],
)
def test_more_section_row_forms_are_skipped(count: Count, section: list[Any]) -> None:
    rows = [act(1), section, act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7]
    assert not_info(result) == []


def test_row_with_evidence_but_no_kegiatan_under_a_merged_label_is_not_counted(
    count: Count,
) -> None:
    """Only the kegiatan cell is blank (no number, no date): still a peringatan, not counted."""
    rows = [act(1), [None, None, None, "BA", None, None, None], act(2)]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 7]
    assert not_info(result) == [("kegiatan-kosong", 6)]


def test_footer_directly_under_the_last_activity_is_ignored(count: Count) -> None:
    rows = [act(1), act(2), [None, None, "Mengetahui,"], [None, None, "Camat Gucialit"],
            [None, None, "Drs. AHMAD FAUZI"], [None, None, "NIP. 19680101 199003 1 002"]]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert not_info(result) == []


def test_pre_numbered_empty_template_rows_are_not_activities(count: Count) -> None:
    """A template numbered 1..n in advance: rows with only a number are blank rows."""
    rows = [act(1), act(2), [3], [4], [5], [], *FOOTER_LINES]
    result = count([sheet(rows)])
    assert result.activities.row == [5, 6]
    assert not_info(result) == []
