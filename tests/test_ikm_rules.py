"""Reading survey sheets for `iku ikm` (the core, on workbooks built in tmp_path): the header
by content, the unsur by name or code, answers, galat, profile, services, the sample check."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import SheetSpec, write_csv, write_ods, write_xlsx
from ikm_support import CODES, HAND, HAND_SUMS, NAMES, answers_totalling, reorder, survey
from iku_cli.ikm import IkmOptions, ikm
from iku_cli.ikm.model import IkmResult
from iku_cli.ikm.vocab import PENGADUAN, SARANA, UNSUR

# the publisher's order: sarana asked before pengaduan
SWAPPED = [0, 1, 2, 3, 4, 5, 6, 8, 7]


@pytest.fixture
def run(tmp_path: Path):
    """run(rows_or_sheets, name="survei.xlsx", **options) -> IkmResult."""

    def go(sheets: Any, name: str = "survei.xlsx", **options: Any) -> IkmResult:
        if sheets and not isinstance(sheets[0], SheetSpec):
            sheets = [SheetSpec("Data", sheets)]
        path = write_xlsx(tmp_path / name, sheets)
        return ikm([path], IkmOptions(**options))

    return go


def codes(result: IkmResult, severity: str | None = None) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in result.problems
            if severity is None or str(p.severity) == severity]


def sums(result: IkmResult) -> list[int]:
    return [score.jumlah_nilai for score in result.unsur]


# --- the "Done when" cases --------------------------------------------------------------------


def test_every_answer_four_is_100_a(run) -> None:
    result = run(survey([[4] * 9] * 12), bobot="1/9")
    assert (result.responden, result.index.ikm, result.index.mutu, result.index.kinerja) == (
        12, Decimal("100.00"), "A", "Sangat Baik")
    assert result.prioritas == []
    assert codes(result, "galat") == [] and codes(result, "peringatan") == []


def test_every_answer_four_under_the_official_bobot(run) -> None:
    assert run(survey([[4] * 9] * 3)).index.ikm == Decimal("99.90")  # 9 x 4 x 0.111 x 25
    assert run(survey([[4] * 9] * 3), bobot="0.11").index.ikm == Decimal("99.00")


@pytest.mark.parametrize(("bobot", "expected"), [("0.111", "79.09"), ("1/9", "79.17"),
                                                 ("0.11", "78.38")])
def test_hand_computed_survey_under_each_bobot(run, bobot: str, expected: str) -> None:
    result = run(survey(HAND), bobot=bobot)
    assert sums(result) == HAND_SUMS
    assert (result.index.ikm, result.index.mutu) == (Decimal(expected), "B")
    assert [s.kode for s in result.prioritas] == ["U8", "U3", "U9"]


@pytest.mark.parametrize(("total", "ikm", "mutu"), [
    # 250 respondents, bobot 1/9: IKM = 25 x total / (9 x 250) = total / 90
    (7948, "88.31", "A"), (7947, "88.30", "B"),
    (6895, "76.61", "B"), (6894, "76.60", "C"),
    (5850, "65.00", "C"), (5849, "64.99", "D"),
])
def test_band_edges(run, total: int, ikm: str, mutu: str) -> None:
    result = run(survey(answers_totalling(total, 250)), bobot="1/9")
    assert sum(sums(result)) == total
    assert (result.index.ikm, result.index.mutu) == (Decimal(ikm), mutu)


@pytest.mark.parametrize("bad", [5, 0, "baik", "5", 2.5, "e", "-", True])
def test_an_invalid_answer_leaves_the_respondent_out_of_every_unsur(run, bad: Any) -> None:
    rows = [list(row) for row in HAND] + [[4, 4, 4, 4, bad, 4, 4, 4, 4]]
    result = run(survey(rows))
    assert result.responden == 4
    assert sums(result) == HAND_SUMS  # the fifth respondent counts nowhere, not even in U1
    assert codes(result, "galat") == [("ikm-jawaban-tidak-sah", 10)]
    problem = next(p for p in result.problems if p.code == "ikm-jawaban-tidak-sah")
    assert problem.cell == "F10" and problem.column == "U5"
    assert "U5 (Produk Spesifikasi Jenis Pelayanan)" in problem.message


def test_a_blank_answer_is_a_galat_too(run) -> None:
    rows = [list(row) for row in HAND] + [[4, 4, None, 4, 4, 4, 4, 4, 4]]
    result = run(survey(rows))
    assert result.responden == 4 and sums(result) == HAND_SUMS
    assert codes(result, "galat") == [("ikm-jawaban-kosong", 10)]
    assert next(p.cell for p in result.problems if p.code == "ikm-jawaban-kosong") == "D10"


def test_every_bad_cell_of_a_row_is_named(run) -> None:
    result = run(survey([[4, 9, None, 4, 4, 4, 4, "x", 4], *HAND]))
    assert codes(result, "galat") == [("ikm-jawaban-tidak-sah", 6), ("ikm-jawaban-kosong", 6),
                                      ("ikm-jawaban-tidak-sah", 6)]
    assert result.responden == 4


def test_unsur_named_in_the_other_order_map_by_name(run) -> None:
    header = reorder(NAMES, SWAPPED)  # Sarana in the 8th column, Pengaduan in the 9th
    rows = [reorder(row, SWAPPED) for row in HAND]
    result = run(survey(rows, header=header))
    assert [s.nama for s in result.unsur] == list(UNSUR)
    assert sums(result) == HAND_SUMS  # U8 is still Pengaduan (9), U9 Sarana (11)
    assert result.mapping == "nama"
    assert result.index.ikm == Decimal("79.09")


def test_codes_with_names_in_the_other_order_map_by_name(run) -> None:
    header = [f"U{k} {name}" for k, name in enumerate(reorder(NAMES, SWAPPED), start=1)]
    rows = [reorder(row, SWAPPED) for row in HAND]
    result = run(survey(rows, header=header))
    assert sums(result) == HAND_SUMS
    assert result.recoded == ((8, 9), (9, 8))
    assert ("ikm-kode-nama-beda", 5) in codes(result, "info")


@pytest.mark.parametrize("style", ["U{k} ({name})", "{name} (U{k})", "U.{k}. {name}",
                                   "Unsur {k}: {name}", "U-{k}\n{name}"])
def test_header_styles_with_code_and_name(run, style: str) -> None:
    header = [style.format(k=k, name=name)
              for k, name in enumerate(reorder(NAMES, SWAPPED), start=1)]
    result = run(survey([reorder(row, SWAPPED) for row in HAND], header=header))
    assert sums(result) == HAND_SUMS and result.mapping == "nama"


def test_bare_codes_follow_the_regulation_order_and_say_so(run) -> None:
    result = run(survey(HAND))
    assert result.mapping == "kode"
    assert [s.nama for s in result.unsur][7:] == [PENGADUAN, SARANA]
    note = next(p for p in result.problems if p.code == "ikm-urutan-unsur")
    assert "PermenPAN-RB" in note.message and "--urutan" in note.message


def test_bare_codes_with_the_sarana_u8_order(run) -> None:
    result = run(survey([reorder(row, SWAPPED) for row in HAND]), urutan="sarana-u8")
    assert [s.nama for s in result.unsur][7:] == [SARANA, PENGADUAN]
    assert sums(result) == reorder(HAND_SUMS, SWAPPED)
    assert result.index.ikm == Decimal("79.09")  # equal weights: the index does not move
    assert "sarana-u8" in result.order_description


# --- answers and headers -------------------------------------------------------------------


def test_letters_a_to_d_and_text_numbers(run) -> None:
    letters = [["abcd"[a - 1] for a in row] for row in HAND[:2]]
    texts = [[f"{a}" if k % 2 else f" {a}.0 " for k, a in enumerate(row)] for row in HAND[2:]]
    letters[0][0] = "D"  # upper case too
    result = run(survey([*letters, *texts]))
    assert sums(result) == HAND_SUMS and codes(result, "galat") == []


def test_two_row_header_with_group_number_row_summary_and_footer(run) -> None:
    rows: list[list[Any]] = [
        ["REKAPITULASI SURVEI KEPUASAN MASYARAKAT"], ["KECAMATAN GUCIALIT"], [],
        ["No", "Jenis Layanan", "NILAI UNSUR PELAYANAN", *[None] * 8],
        [None, None, *[f"{c}\n{n}" for c, n in zip(CODES, NAMES, strict=True)]],
        [f"({k})" for k in range(1, 12)],
        *[[k, "KTP-el", *row] for k, row in enumerate(HAND, start=1)],
        [],
        ["Σ Nilai/Unsur", None, *HAND_SUMS],
        ["NRR/Unsur", None, *[s / 4 for s in HAND_SUMS]],
        ["IKM", None, 79.09],
        [None, None, None, None, None, None, None, "Gucialit, 31 Desember 2026"],
        [None, None, None, None, None, None, None, "Camat Gucialit"],
    ]
    sheet = SheetSpec("SKM", rows, merges=["C4:K4", "A4:A5", "B4:B5"])
    result = run([sheet])
    assert result.responden == 4 and sums(result) == HAND_SUMS
    assert codes(result, "galat") == [] and codes(result, "peringatan") == []
    assert ("ikm-baris-ringkasan", 12) in codes(result, "info")
    assert ("baris-nomor-kolom", 6) in codes(result, "info")
    assert [s.layanan for s in result.per_layanan] == ["KTP-el"]


def test_question_texts_as_headers(run) -> None:
    questions = [
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan?",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "Kecepatan waktu dalam memberikan pelayanan",
        "Kewajaran biaya/tarif dalam pelayanan",
        "Kesesuaian produk pelayanan dengan standar",
        "Kompetensi/kemampuan petugas dalam pelayanan",
        "Perilaku petugas terkait kesopanan dan keramahan",
        "Kualitas sarana dan prasarana",
        "Penanganan pengaduan pengguna layanan",
    ]
    rows = [reorder(row, SWAPPED) for row in HAND]
    result = run(survey(rows, header=questions))
    assert sums(result) == HAND_SUMS


def test_a_missing_unsur_is_a_galat_and_nothing_is_counted(run) -> None:
    result = run(survey([row[:8] for row in HAND], header=CODES[:8]))
    assert not result.tables_found and not result.complete
    assert codes(result, "galat") == [("ikm-unsur-hilang", 5)]
    assert "U9 Sarana dan Prasarana" in result.problems[0].message


def test_an_extra_unsur_column_is_ignored_with_a_warning(run) -> None:
    result = run(survey([[*row, 1] for row in HAND], header=[*CODES, "U10"]))
    assert sums(result) == HAND_SUMS
    assert codes(result, "peringatan") == [("ikm-unsur-lebih", 5)]


def test_a_column_named_twice_is_ignored_with_a_warning(run) -> None:
    result = run(survey([[*row, 1] for row in HAND], header=[*NAMES, "Waktu Pelayanan"]))
    assert sums(result) == HAND_SUMS
    assert codes(result, "peringatan") == [("ikm-unsur-ganda", 5)]


def test_a_suggestion_column_is_not_the_complaints_unsur(run) -> None:
    header = [*NAMES, "Saran dan Masukan"]
    result = run(survey([[*row, "antrean lama"] for row in HAND], header=header))
    assert sums(result) == HAND_SUMS and codes(result, "peringatan") == []


def test_a_sheet_without_a_survey_is_skipped(run) -> None:
    result = run([SheetSpec("Catatan", [["Rekap kegiatan"], ["No", "Uraian", "Hasil"]]),
                  SheetSpec("Data", survey(HAND))])
    assert result.responden == 4
    assert ("sheet-dilewati", None) in codes(result, "info")


def test_a_row_with_profile_but_no_answers_is_a_galat(run) -> None:
    profile = [[k, "KK", "L", 30, "SMA", "Petani"] for k in range(1, 6)]
    rows = [*HAND, [None] * 9]
    result = run(survey(rows, profile=profile))
    assert codes(result, "galat") == [("ikm-tanpa-jawaban", 10)]
    assert result.responden == 4


def test_numbered_empty_rows_of_a_form_are_not_respondents(run) -> None:
    rows = survey(HAND) + [[k] for k in range(5, 40)]
    result = run(rows)
    assert result.responden == 4 and codes(result, "galat") == []


def test_the_same_respondents_in_a_second_sheet_count_once(run) -> None:
    result = run([SheetSpec("Data", survey(HAND)), SheetSpec("Salinan", survey(HAND))])
    assert result.responden == 4
    assert codes(result, "peringatan") == [("ikm-sheet-sama", None)]


def test_sheets_add_up(run) -> None:
    result = run([SheetSpec("Semester I", survey(HAND[:2])),
                  SheetSpec("Semester II", survey(HAND[2:]))])
    assert result.responden == 4 and sums(result) == HAND_SUMS


def test_hidden_sheet_is_skipped_unless_asked(run) -> None:
    sheets = [SheetSpec("Data", survey(HAND[:2])),
              SheetSpec("Lama", survey(HAND[2:]), hidden=True)]
    assert run(sheets).responden == 2
    assert codes(run(sheets), "peringatan") == [("ikm-sheet-tersembunyi", None)]
    assert run(sheets, name="b.xlsx", include_hidden=True).responden == 4


def test_csv_and_ods_read_the_same(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "survei.csv", survey(HAND), separator=";")
    ods_path = write_ods(tmp_path / "survei.ods", [SheetSpec("Data", survey(HAND))])
    for path in (csv_path, ods_path):
        result = ikm([path])
        assert [s.jumlah_nilai for s in result.unsur] == HAND_SUMS, path
        assert result.index.ikm == Decimal("79.09")


def test_unreadable_input_is_a_galat_and_the_rest_is_counted(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "a.xlsx", [SheetSpec("Data", survey(HAND))])
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(b"")
    result = ikm([good, bad, tmp_path / "nope.xlsx"])
    assert result.responden == 4 and not result.complete
    assert sorted(p.code for p in result.problems if str(p.severity) == "galat") == [
        "berkas-kosong", "berkas-tidak-ditemukan"]


# --- services, profile, sample -----------------------------------------------------------


def test_ikm_per_service_and_profile(run) -> None:
    profile = [
        [1, "KTP-el", "L", 34, "SMA", "Petani"],
        [2, "Kartu Keluarga", "Perempuan", "45 tahun", "S1", "PNS"],
        [3, "ktp-el ", "P", 19, "SLTP", "Wiraswasta"],
        [4, None, "l", 71, "Madrasah", "Penjahit"],
    ]
    result = run(survey(HAND, profile=profile))
    services = {s.layanan: (s.index.responden, s.index.ikm) for s in result.per_layanan}
    # KTP-el ("KTP-el", "ktp-el "): rows 1 and 3, sums 30 + 28 = 58 over 2 respondents, sum
    # of NRR 29: 29 x 0.111 x 25 = 80.475 -> 80.48; the others 28 x 0.111 x 25 = 77.70
    assert services == {"KTP-el": (2, Decimal("80.48")),
                        "Kartu Keluarga": (1, Decimal("77.70")),
                        "Tidak diisi": (1, Decimal("77.70"))}
    assert [s.layanan for s in result.per_layanan][-1] == "Tidak diisi"
    profil = {name: [(c.kategori, c.jumlah, float(c.persen)) for c in counts]
              for name, counts in result.profil.items()}
    assert profil["jenis_kelamin"] == [("Laki-laki", 2, 50.0), ("Perempuan", 2, 50.0)]
    assert profil["umur"] == [("< 20 tahun", 1, 25.0), ("30–39 tahun", 1, 25.0),
                              ("40–49 tahun", 1, 25.0), ("≥ 60 tahun", 1, 25.0)]
    assert profil["pendidikan"] == [("SMP", 1, 25.0), ("SMA", 1, 25.0), ("D4/S1", 1, 25.0),
                                    ("Madrasah", 1, 25.0)]
    assert profil["pekerjaan"][0] == ("PNS/ASN", 1, 25.0)
    assert ("Penjahit", 1, 25.0) in profil["pekerjaan"]
    assert [p.value for p in result.problems if p.code == "ikm-profil-tidak-dikenal"] == [
        "Madrasah", "Penjahit"]


def test_profile_counts_only_the_counted_respondents(run) -> None:
    profile = [[k, "KK", "P", 30, "SMA", "Petani"] for k in range(1, 5)] + [
        [5, "KK", "L", 30, "SMA", "Petani"]]
    result = run(survey([*HAND, [5] * 9], profile=profile))
    assert [(c.kategori, c.jumlah) for c in result.profil["jenis_kelamin"]] == [("Perempuan", 4)]


def test_without_profile_columns_there_is_no_profile(run) -> None:
    result = run(survey(HAND))
    assert result.profil == {} and result.per_layanan == []


@pytest.mark.parametrize(("populasi", "code"), [(100, "ikm-sampel-kurang"),
                                                (4, "ikm-sampel-cukup")])
def test_sample_size_against_krejcie_morgan(run, populasi: int, code: str) -> None:
    result = run(survey(HAND), populasi=populasi)
    assert result.sample is not None
    assert [p.code for p in result.problems if p.code.startswith("ikm-sampel")] == [code]
    assert result.to_dict()["sampel"] == {"populasi": populasi, "minimum": result.sample.minimum,
                                          "cukup": code == "ikm-sampel-cukup"}
    if code == "ikm-sampel-kurang":
        assert result.sample.minimum == 80
        assert "kurang dari sampel minimum 80" in result.problems[-1].message


def test_title_block_and_dates(run) -> None:
    rows = [["SURVEI KEPUASAN MASYARAKAT KECAMATAN GUCIALIT TAHUN 2026"], [],
            ["No", "Tanggal", *CODES],
            [1, "12/03/2026", *HAND[0]], [2, "5 Juni 2026", *HAND[1]],
            [3, "kemarin", *HAND[2]], [4, None, *HAND[3]]]
    result = run(rows)
    assert (result.kecamatan, result.tahun) == ("Gucialit", 2026)
    assert [d.isoformat() for d in result.periode] == ["2026-03-12", "2026-06-05"]
    assert codes(result, "info").count(("ikm-tanggal-tidak-terbaca", 6)) == 1
    assert result.responden == 4


def test_empty_survey_has_no_index_and_says_so(run) -> None:
    result = run(survey([]))
    assert result.tables_found and result.index.ikm is None
    assert codes(result, "peringatan") == [("ikm-tanpa-responden", None)]


def test_to_dict_shape(run) -> None:
    data = run(survey(HAND)).to_dict()
    assert list(data) == ["versi_skema", "responden", "bobot", "unsur", "ikm", "mutu",
                          "kinerja", "prioritas", "per_layanan", "sampel", "riwayat", "profil",
                          "masalah"]
    assert data["sampel"] is None and data["riwayat"] == []
    assert data["unsur"][0] == {"kode": "U1", "nama": "Persyaratan", "jumlah_nilai": 12,
                                "nrr": 3.0, "nrr_tertimbang": 0.333, "mutu": "C"}
    assert (data["ikm"], data["mutu"], data["kinerja"], data["bobot"]) == (
        79.09, "B", "Baik", 0.111)
    assert data["prioritas"][0] == {"kode": "U8", "nama": PENGADUAN, "nrr": 2.25, "mutu": "D"}
    assert data["masalah"]["galat"] == 0


def test_stacked_tables_each_with_its_own_header(run) -> None:
    swapped_header = reorder(NAMES, SWAPPED)
    rows = [
        *survey(HAND[:2]),
        [],
        ["Layanan Kartu Keluarga"],
        ["No", "Jenis Layanan", "NILAI UNSUR PELAYANAN"],
        [None, None, *swapped_header],
        *[[k, "KK", *reorder(row, SWAPPED)] for k, row in enumerate(HAND[2:], start=1)],
    ]
    result = run(rows)
    assert result.responden == 4 and sums(result) == HAND_SUMS
    assert codes(result, "galat") == [] and result.mapping == "campuran"
    assert [(s.layanan, s.index.responden) for s in result.per_layanan] == [
        ("KK", 2), ("Tidak diisi", 2)]


def test_a_header_repeated_for_printing_is_not_a_respondent(run) -> None:
    rows = [*survey(HAND[:2]), ["No", *CODES], *[[k, *row] for k, row in enumerate(HAND[2:])]]
    result = run(rows)
    assert result.responden == 4 and codes(result, "galat") == []


def test_a_subtotal_between_respondents_does_not_end_the_table(run) -> None:
    rows = [*survey(HAND[:2]), ["Jumlah Januari", *[7] * 9],
            *[[k, *row] for k, row in enumerate(HAND[2:], start=3)],
            ["Σ Nilai/Unsur", *HAND_SUMS], ["NRR/Unsur", *[s / 4 for s in HAND_SUMS]],
            ["Keterangan: nilai persepsi"], [1, "1,00 – 2,5996", "25,00 – 64,99", "D"]]
    result = run(rows)
    assert result.responden == 4 and sums(result) == HAND_SUMS
    assert codes(result, "galat") == []
    assert ("ikm-baris-dilewati", 8) in codes(result, "info")
    assert ("ikm-baris-ringkasan", 11) in codes(result, "info")


def test_a_respondent_whose_job_looks_like_a_signature_title_is_still_read(run) -> None:
    profile = [[1, "KK", "L", 50, "SMA", "Kepala Desa"], *[[k, "KK", "P", 30, "SMA", "Petani"]
                                                          for k in range(2, 6)]]
    rows = survey([[None] * 9, *HAND], profile=profile)
    result = run(rows)
    assert result.responden == 4 and codes(result, "galat") == [("ikm-tanpa-jawaban", 6)]


def test_the_offices_own_formula_rows_are_no_respondents_and_no_warning(run) -> None:
    """Jumlah and NRR rows under the table, as formulas without a stored value (a sheet
    written by a program, never opened in Excel): not respondents, and nothing to warn about;
    a formula without a value inside a respondent's row still is."""
    rows = survey(HAND)
    first, last = 6, 5 + len(HAND)  # title (3), blank, header at 5: respondents from 6
    totals = {f"{letter}{last + 1}": f"=SUM({letter}{first}:{letter}{last})"
              for letter in "BCDEFGHIJ"}
    nrr = {f"{letter}{last + 2}": f"={letter}{last + 1}/{len(HAND)}" for letter in "BCDEFGHIJ"}
    rows += [["Jumlah"], ["NRR"]]
    result = run([SheetSpec("Data", rows, formulas={**totals, **nrr})])
    assert result.responden == 4 and sums(result) == HAND_SUMS
    assert [p for p in result.problems if p.code == "rumus-tanpa-nilai"] == []
    inside = survey(HAND)
    flagged = run([SheetSpec("Data", inside, formulas={"B7": "=1+2"})], name="b.xlsx")
    assert [p.code for p in flagged.problems if p.code == "rumus-tanpa-nilai"] == [
        "rumus-tanpa-nilai"]
