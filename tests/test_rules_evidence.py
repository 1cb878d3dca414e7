"""Rekap contract, 'Evidence types (jenis bukti dukung)': what counts as a bukti dukung."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import SheetSpec, codes, simple_rekap
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

RAKOR, DOKLAP, SK, REKOM, BA = (
    "Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi", "Berita Acara",
)
TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
FIRST = 5  # two title lines, a blank row, the header in row 4: activities start in row 5
DAY = dt.date(2026, 3, 12)


def act(no: int, bukti: Any, status: Any = "Ya", text: str | None = None) -> list[Any]:
    """One activity row of the standard HEADER (No .. Keterangan)."""
    return [no, DAY + dt.timedelta(days=no), text or f"Koordinasi kegiatan nomor {no}", bukti,
            None, status, "Notulen", None]


def run_one(count: Count, bukti: Any, status: Any = "Ya") -> Result:
    return count([SheetSpec("Pemerintahan", simple_rekap([act(1, bukti, status)], title=TITLE))])


def run_many(count: Count, values: Sequence[Any]) -> Result:
    rows = [act(i + 1, v) for i, v in enumerate(values)]
    return count([SheetSpec("Pemerintahan", simple_rekap(rows, title=TITLE))])


def of(result: Result, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


# -- the five canonical types and their spellings -------------------------------------------

SPELLINGS = [
    ("rapat koordinasi", RAKOR), ("Rapat Koordinasi", RAKOR), ("rakor", RAKOR),
    ("Rakor", RAKOR), ("rapat", RAKOR), ("notulen", RAKOR), ("Notulen Rapat", RAKOR),
    ("Dokumen/Laporan", DOKLAP), ("dokumen", DOKLAP), ("Laporan", DOKLAP),
    ("Dokumen Laporan", DOKLAP), ("Dok/Lap", DOKLAP), ("dok", DOKLAP),
    ("SK Camat", SK), ("sk", SK), ("Surat Keputusan Camat", SK), ("Keputusan Camat", SK),
    ("Rekomendasi", REKOM), ("rekom", REKOM), ("Surat Rekomendasi", REKOM),
    ("Berita Acara", BA), ("BA", BA), ("b.a.", BA), ("B.A.", BA),
]


@pytest.mark.parametrize(("spelling", "canonical"), SPELLINGS)
def test_each_accepted_spelling_is_its_canonical_type(
    count: Count, spelling: str, canonical: str
) -> None:
    result = run_one(count, spelling)
    assert result.activities.evidence == [(canonical,)]
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    assert codes(result.problems, "galat") == []
    assert of(result, "bukti-sebagian-tidak-sah") == []


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("  RAKOR  ", RAKOR),
        ("Berita   Acara", BA),
        ("berita acara.", BA),
        ("SK  CAMAT.", SK),
        ("Rekomendasi:", REKOM),
        ("Rapat Koordinasi!", RAKOR),
        ("Dok.", DOKLAP),
    ],
)
def test_matching_ignores_case_spaces_dots_and_trailing_punctuation(
    count: Count, spelling: str, canonical: str
) -> None:
    result = run_one(count, spelling)
    assert result.activities.evidence == [(canonical,)]
    assert result.total.counted == 1
    assert of(result, "bukti-sebagian-tidak-sah") == []


# -- several types in one cell --------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Rakor, Berita Acara",
        "Rakor; Berita Acara",
        "Rakor & Berita Acara",
        "Rakor + Berita Acara",
        "Rakor\nBerita Acara",
        "Rapat Koordinasi dan Berita Acara",
    ],
)
def test_several_types_in_one_cell_are_split_on_each_separator(count: Count, text: str) -> None:
    result = run_one(count, text)
    assert set(result.activities.evidence[0]) == {RAKOR, BA}
    assert result.total.counted == 1  # one activity, however many types
    assert result.evidence[RAKOR] == 1
    assert result.evidence[BA] == 1
    assert [p for p in result.problems if str(p.severity) != "info"] == []


@pytest.mark.parametrize("text", ["Rakor/BA", "Rakor / BA", "rakor/b.a.", "Berita Acara/Rakor"])
def test_slash_splits_when_every_piece_is_a_spelling(count: Count, text: str) -> None:
    result = run_one(count, text)
    assert set(result.activities.evidence[0]) == {RAKOR, BA}
    assert result.evidence[RAKOR] == result.evidence[BA] == 1


def test_slash_spelling_inside_a_list(count: Count) -> None:
    result = run_one(count, "Dok/Lap, SK")
    assert set(result.activities.evidence[0]) == {DOKLAP, SK}
    assert of(result, "bukti-sebagian-tidak-sah") == []


def test_slash_does_not_split_a_spelling_that_contains_it(count: Count) -> None:
    """'Dokumen/Laporan' is itself a spelling: one type, not Dokumen + Laporan."""
    result = run_many(count, ["Dokumen/Laporan", "Dok/Lap"])
    assert result.activities.evidence == [(DOKLAP,), (DOKLAP,)]
    assert result.evidence[DOKLAP] == 2
    assert sum(result.evidence.values()) == 2


def test_slash_inside_a_longer_description_does_not_split(count: Count) -> None:
    """'SK Camat No. 12/2026': the piece '2026' is not a spelling, so the text stays whole."""
    result = run_one(count, "SK Camat No. 12/2026")
    assert result.activities.evidence == [(SK,)]
    assert of(result, "bukti-sebagian-tidak-sah") == []


def test_part_that_is_not_a_type_is_a_warning_but_the_row_counts(count: Count) -> None:
    result = run_one(count, "Rakor, Foto")
    assert result.activities.evidence == [(RAKOR,)]
    assert result.total.counted == 1
    assert codes(result.problems, "galat") == []
    partial = of(result, "bukti-sebagian-tidak-sah")
    assert [(p.row, str(p.severity)) for p in partial] == [(FIRST, "peringatan")]
    assert "Foto" in partial[0].message


def test_each_invalid_part_gets_its_own_warning(count: Count) -> None:
    result = run_one(count, "Foto, Rakor, Daftar Hadir")
    assert result.activities.evidence == [(RAKOR,)]
    partial = of(result, "bukti-sebagian-tidak-sah")
    assert len(partial) == 2
    assert "Foto" in " ".join(p.message for p in partial)
    assert "Daftar Hadir" in " ".join(p.message for p in partial)


# -- longer descriptions and the bare short forms -------------------------------------------

@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Berita Acara Musdes", BA),
        ("SK Camat No. 12 Tahun 2026", SK),
        ("Laporan Kegiatan", DOKLAP),
        ("Rakor Lintas Sektor", RAKOR),
        ("Notulen Rapat Musrenbang", RAKOR),
        ("Surat Rekomendasi Izin Keramaian", REKOM),
        ("Berita Acara (terlampir)", BA),
        ("Dokumen Perencanaan Desa", DOKLAP),
    ],
)
def test_longer_description_starting_with_a_spelling_counts_as_that_type(
    count: Count, text: str, canonical: str
) -> None:
    result = run_one(count, text)
    assert result.activities.evidence == [(canonical,)]
    assert result.total.counted == 1
    assert codes(result.problems, "galat") == []


@pytest.mark.parametrize(
    "text", ["SK Kepala Desa", "Rapat internal", "BA Serah Terima", "Rekom Desa", "Dok Pribadi"]
)
def test_bare_short_forms_must_stand_alone(count: Count, text: str) -> None:
    """sk, ba, rapat, rekom, dok followed by more words are not evidence: galat."""
    result = run_one(count, text)
    assert result.total.counted == 0
    assert codes(result.problems, "galat") == [("bukti-tidak-sah", FIRST)]
    assert result.activities.reason == ["tanpa bukti dukung yang sah"]


# -- anything else is a galat ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["Foto", "Daftar Hadir", "Undangan", "terlampir", "ada",
                                  "IMG_2031.jpg"])
def test_anything_else_is_a_galat_and_not_counted_on_either_side(count: Count, text: str) -> None:
    result = run_one(count, text, status="Ya")
    assert (result.total.counted, result.total.followed_up) == (0, 0)
    assert codes(result.problems, "galat") == [("bukti-tidak-sah", FIRST)]
    assert result.complete is True  # a galat row, not an unreadable input


def test_blank_evidence_is_a_galat(count: Count) -> None:
    result = run_many(count, ["Rakor", None, "BA"])
    assert (result.total.counted, result.total.followed_up) == (2, 2)
    assert codes(result.problems, "galat") == [("bukti-kosong", FIRST + 1)]


def test_invalid_evidence_galat_names_cell_column_and_value(count: Count) -> None:
    result = run_one(count, "Foto")
    (problem,) = of(result, "bukti-tidak-sah")
    assert str(problem.severity) == "galat"
    assert problem.sheet == "Pemerintahan"
    assert problem.row == FIRST
    assert problem.column == "Jenis Bukti Dukung"
    assert problem.value == "Foto"
    assert problem.cell == f"D{FIRST}"


def test_invalid_row_stays_listed_with_its_reason(count: Count) -> None:
    result = run_many(count, ["Rakor", "Undangan"])
    assert result.activities.row == [FIRST, FIRST + 1]
    assert result.activities.reason == [None, "tanpa bukti dukung yang sah"]
    assert result.sources[0].sheets[0].activity_rows == 2
    assert result.sources[0].sheets[0].counted == 1


def test_near_miss_is_not_auto_corrected_but_suggested(count: Count) -> None:
    result = run_one(count, "Berita Acra")
    assert result.total.counted == 0
    (problem,) = of(result, "bukti-tidak-sah")
    assert "Berita Acara" in problem.message
    assert "maksud anda" in problem.message.lower()


def test_near_miss_of_another_type_suggests_that_type(count: Count) -> None:
    result = run_one(count, "Rekomendsi")
    (problem,) = of(result, "bukti-tidak-sah")
    assert "Rekomendasi" in problem.message
    assert result.total.counted == 0


# -- one column per type --------------------------------------------------------------------

TYPE_HEADER = [
    ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, None, None, None,
     "Ditindaklanjuti", "Hasil"],
    [None, None, None, "Rakor", "Dok/Lap", "SK", "Rekom", "BA", None, None],
]
TYPE_MERGES = ("A1:A2", "B1:B2", "C1:C2", "D1:H1", "I1:I2", "J1:J2")


def per_type_sheet(*ticks: Sequence[Any]) -> SheetSpec:
    rows = [list(r) for r in TYPE_HEADER]
    for i, marks in enumerate(ticks, start=1):
        rows.append([i, DAY, f"Koordinasi {i}", *marks, "Ya", "Notulen"])
    return SheetSpec("Pemerintahan", rows, merges=TYPE_MERGES)


@pytest.mark.parametrize("mark", ["✓", "√", "v", "V", "x", "X", 1, "1", "ya", "Ya"])
def test_one_column_per_type_every_tick_mark_is_accepted(count: Count, mark: Any) -> None:
    result = count([per_type_sheet([None, None, mark, None, None])])
    assert result.activities.evidence == [(SK,)]
    assert result.activities.row == [3]
    assert (result.total.counted, result.total.followed_up) == (1, 1)


def test_one_column_per_type_several_ticks_give_several_types(count: Count) -> None:
    result = count([per_type_sheet(["✓", None, None, None, "✓"], [None, "v", None, "x", None])])
    assert [set(e) for e in result.activities.evidence] == [{RAKOR, BA}, {DOKLAP, REKOM}]
    assert result.evidence == {RAKOR: 1, DOKLAP: 1, SK: 0, REKOM: 1, BA: 1}
    assert result.total.counted == 2


def test_one_column_per_type_nothing_ticked_is_a_galat(count: Count) -> None:
    result = count([per_type_sheet(["✓", None, None, None, None], [None] * 5)])
    assert result.total.counted == 1
    assert [c for c, _ in codes(result.problems, "galat")] == ["bukti-kosong"]
    assert codes(result.problems, "galat")[0][1] == 4


def test_one_column_per_type_with_long_spellings(count: Count) -> None:
    header = [
        ["No", "Uraian Kegiatan", "Bukti Dukung", None, None, None, None, "Ditindaklanjuti"],
        [None, None, "Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi",
         "Berita Acara", None],
    ]
    rows = [*header, [1, "Fasilitasi Musdes", None, None, None, "✓", None, "Ya"]]
    sheet = SheetSpec("Pemerintahan", rows, merges=("A1:A2", "B1:B2", "C1:G1", "H1:H2"))
    result = count([sheet])
    assert result.activities.evidence == [(REKOM,)]
    assert result.total.counted == 1


def test_dan_inside_a_description_does_not_split_it(count: Count) -> None:
    """'Laporan Pemberdayaan Masyarakat dan Desa' is one Dokumen/Laporan, not two parts."""
    result = run_one(count, "Laporan Pemberdayaan Masyarakat dan Desa")
    assert result.activities.evidence == [(DOKLAP,)]
    assert of(result, "bukti-sebagian-tidak-sah") == []


def test_several_parts_none_valid_is_a_galat(count: Count) -> None:
    result = run_one(count, "Foto dan Undangan")
    assert result.total.counted == 0
    assert codes(result.problems, "galat") == [("bukti-tidak-sah", FIRST)]


def test_same_type_twice_in_a_cell_counts_once(count: Count) -> None:
    result = run_one(count, "Rakor, Notulen Rapat")
    assert result.activities.evidence == [(RAKOR,)]
    assert result.evidence[RAKOR] == 1


def test_one_column_per_type_total_row_with_numbers_is_not_an_activity(count: Count) -> None:
    spec = per_type_sheet(["✓", None, None, None, None], [None, None, None, None, "✓"])
    rows = [*spec.rows, ["JUMLAH", None, None, 1, 0, 0, 0, 1, 2, None]]
    result = count([SheetSpec(spec.name, rows, merges=(*spec.merges, "A5:C5"))])
    assert result.activities.row == [3, 4]
    assert result.total.counted == 2
    assert codes(result.problems, "galat") == []
