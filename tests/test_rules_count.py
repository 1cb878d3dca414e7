"""Rekap contract, 'The indicator': denominator, numerator, percentages and their rounding,
per-unit and total invariants, evidence counts, kecamatan and tahun."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from conftest import SheetSpec, simple_rekap, units
from iku_cli.rekap.model import Result

Count = Callable[..., Result]

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
DAY = dt.date(2026, 3, 12)
RAKOR, DOKLAP, SK, REKOM, BA = (
    "Rapat Koordinasi", "Dokumen/Laporan", "SK Camat", "Rekomendasi", "Berita Acara",
)
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"
INDICATOR = "Persentase hasil Fasilitas dan Koordinasi yang ditindaklanjuti"


def act(no: int, bukti: Any = "Rakor", status: Any = "Ya", date: Any = DAY) -> list[Any]:
    return [no, date, f"Koordinasi kegiatan nomor {no}", bukti, None, status,
            "Notulen" if status == "Ya" else None, None]


def followed(n: int, total: int, bukti: Any = "Rakor", first: int = 1) -> list[list[Any]]:
    """`total` evidenced activities (numbered from `first`), the first `n` followed up."""
    return [act(first + i, bukti, "Ya" if i < n else "Belum") for i in range(total)]


def run(count: Count, rows: Sequence[Sequence[Any]], name: str = "Pemerintahan",
        title: Sequence[str] = TITLE, **options: Any) -> Result:
    return count([SheetSpec(name, simple_rekap(rows, title=title))], **options)


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


# -- denominator and numerator ---------------------------------------------------------------------

def test_denominator_is_activities_with_valid_evidence(count: Count) -> None:
    rows = [act(1, "Rakor"), act(2, "Foto"), act(3, None), act(4, "BA", "Belum"),
            act(5, "Undangan", "Ya")]
    result = run(count, rows)
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.total.percent == 50.0
    assert len(result.activities) == 5  # all listed, three with a reason
    assert result.activities.reason.count(None) == 2


def test_numerator_is_the_followed_up_counted_activities(count: Count) -> None:
    result = run(count, followed(3, 4))
    assert (result.total.counted, result.total.followed_up) == (4, 3)
    assert result.total.percent == 75.0


def test_numerator_never_exceeds_denominator_with_unevidenced_followed_rows(count: Count) -> None:
    rows = [act(1, "Rakor", "Ya"), act(2, "Foto", "Ya"), act(3, "ada", "Sudah")]
    result = run(count, rows)
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    assert result.total.percent == 100.0


def test_duplicates_count_once_on_both_sides(count: Count) -> None:
    rows = [act(1), act(1), act(2, status="Belum")]
    result = run(count, rows)
    assert (result.total.counted, result.total.followed_up) == (2, 1)


def test_zero_denominator_percentage_is_none(count: Count) -> None:
    result = run(count, [act(1, "Foto"), act(2, "Undangan")])
    assert (result.total.counted, result.total.followed_up) == (0, 0)
    assert result.total.percent is None
    assert result.to_dict()["total"]["persentase"] is None


def test_zero_denominator_of_one_unit_is_none_while_the_total_is_defined(count: Count) -> None:
    sheets = [SheetSpec("Pemerintahan", simple_rekap(followed(1, 2), title=TITLE)),
              SheetSpec("Trantib", simple_rekap([act(9, "Foto")]))]
    result = count(sheets)
    by_unit = {u.unit: u.percent for u in result.units}
    assert by_unit == {PEM: 50.0, TRANTIB: None}
    assert result.total.percent == 50.0


def test_nothing_followed_up_is_zero_not_none(count: Count) -> None:
    result = run(count, followed(0, 3))
    assert result.total.percent == 0.0


# -- rounding ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("n", "total", "expected"),
    [(2, 3, 66.67), (1, 3, 33.33), (1, 8, 12.5), (5, 8, 62.5), (7, 8, 87.5), (1, 6, 16.67),
     (5, 6, 83.33), (1, 7, 14.29), (3, 3, 100.0), (1, 16, 6.25), (11, 12, 91.67)],
)
def test_percentage_rounded_half_up_to_two_decimals(
    count: Count, n: int, total: int, expected: float
) -> None:
    result = run(count, followed(n, total))
    assert (result.total.counted, result.total.followed_up) == (total, n)
    assert result.total.percent == expected
    assert result.to_dict()["total"]["persentase"] == expected


@pytest.mark.parametrize(("n", "expected"), [(1, 0.63), (159, 99.38)])
def test_half_up_on_exact_decimals_not_binary_floats(count: Count, n: int,
                                                     expected: float) -> None:
    """1/160 = 0.625 % exactly: half-up gives 0.63 where round() on a float gives 0.62."""
    result = run(count, followed(n, 160))
    assert result.total.counted == 160
    assert result.total.percent == expected


def test_percentages_in_json_are_per_unit_and_total(count: Count) -> None:
    sheets = [SheetSpec("Pemerintahan", simple_rekap(followed(2, 3), title=TITLE)),
              SheetSpec("Trantib", simple_rekap([act(10 + i, "BA", "Ya" if i < 5 else "Belum")
                                                 for i in range(8)]))]
    data = count(sheets).to_dict()
    assert data["unit"] == [
        {"unit": PEM, "jumlah": 3, "ditindaklanjuti": 2, "persentase": 66.67},
        {"unit": TRANTIB, "jumlah": 8, "ditindaklanjuti": 5, "persentase": 62.5},
    ]
    assert (data["total"]["jumlah"], data["total"]["ditindaklanjuti"]) == (11, 7)
    assert data["total"]["persentase"] == 63.64


# -- per-unit and total invariants ----------------------------------------------------------

def test_total_is_the_sum_of_units_not_an_average_of_percentages(count: Count) -> None:
    sheets = [SheetSpec("Pemerintahan", simple_rekap(followed(1, 1), title=TITLE)),
              SheetSpec("Trantib", simple_rekap(followed(1, 3, first=10)))]
    result = count(sheets)
    assert units(result) == {PEM: (1, 1), TRANTIB: (3, 1)}
    assert (result.total.counted, result.total.followed_up) == (4, 2)
    assert result.total.percent == 50.0  # not (100 + 33.33) / 2


def test_units_sum_to_the_total_and_each_numerator_fits(count: Count) -> None:
    sheets = [
        SheetSpec("Pemerintahan", simple_rekap(followed(2, 5), title=TITLE)),
        SheetSpec("Trantib", simple_rekap([act(20, "BA"), act(21, "Foto"), act(22, "SK")])),
        SheetSpec("Kesos", simple_rekap([act(30 + i, "Rekom", "Ya") for i in range(4)])),
    ]
    result = count(sheets)
    assert sum(u.counted for u in result.units) == result.total.counted == 11
    assert sum(u.followed_up for u in result.units) == result.total.followed_up == 8
    assert all(0 <= u.followed_up <= u.counted for u in result.units)
    counted = [s.counted for s in result.sources[0].sheets]
    assert counted == [5, 2, 4]
    assert [s.activity_rows for s in result.sources[0].sheets] == [5, 3, 4]


# -- evidence counts ---------------------------------------------------------------------------

def test_bukti_counts_each_type_of_counted_activities(count: Count) -> None:
    rows = [act(1, "Rakor"), act(2, "Rakor, BA"), act(3, "SK Camat"), act(4, "Foto"),
            act(5, "Rakor/BA"), act(6, "Laporan Kegiatan")]
    result = run(count, rows)
    assert result.total.counted == 5
    assert result.evidence == {RAKOR: 3, DOKLAP: 1, SK: 1, REKOM: 0, BA: 2}


def test_bukti_lists_all_five_types_in_order_even_when_zero(count: Count) -> None:
    result = run(count, [act(1, "Rekom")])
    assert list(result.evidence) == [RAKOR, DOKLAP, SK, REKOM, BA]
    assert result.evidence == {RAKOR: 0, DOKLAP: 0, SK: 0, REKOM: 1, BA: 0}


def test_bukti_does_not_count_duplicates_or_invalid_rows(count: Count) -> None:
    rows = [act(1, "BA"), act(1, "BA"), act(2, "Undangan")]
    result = run(count, rows)
    assert result.evidence[BA] == 1
    assert sum(result.evidence.values()) == 1


def test_bukti_counts_not_followed_up_activities_too(count: Count) -> None:
    result = run(count, [act(1, "SK", "Ya"), act(2, "SK", "Belum")])
    assert result.evidence[SK] == 2


# -- kecamatan and tahun ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "expected"),
    [("SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026", "Gucialit"),
     ("KECAMATAN GUCIALIT", "Gucialit"),
     ("Kecamatan Gucialit Kabupaten Lumajang", "Gucialit")],
)
def test_kecamatan_from_the_title_block(count: Count, line: str, expected: str) -> None:
    result = run(count, [act(1)], title=("REKAP FASILITASI DAN KOORDINASI", line))
    assert result.subdistrict == expected
    assert result.to_dict()["kecamatan"] == expected


def test_kecamatan_option_beats_the_title(count: Count) -> None:
    result = run(count, [act(1)], subdistrict="Sumbersuko")
    assert result.subdistrict == "Sumbersuko"


def test_kecamatan_unknown_is_none(count: Count) -> None:
    result = run(count, [act(1)], title=("REKAP FASILITASI SEKSI PEMERINTAHAN", "TAHUN 2026"))
    assert result.subdistrict is None


def test_tahun_is_the_single_year_of_the_activities(count: Count) -> None:
    result = run(count, [act(1, date=dt.date(2026, 1, 5)), act(2, date=dt.date(2026, 12, 1)),
                         act(3, date=None)])
    assert result.year == 2026
    assert of(result, "tahun-ganda") == []


def test_tahun_option_wins(count: Count) -> None:
    result = run(count, [act(1, date=dt.date(2026, 1, 5))], year=2026)
    assert result.year == 2026


def test_activities_in_several_years_give_none_and_tahun_ganda(count: Count) -> None:
    rows = [act(1, date=dt.date(2025, 12, 30)), act(2, date=dt.date(2026, 1, 2))]
    result = run(count, rows, title=("REKAP FASILITASI SEKSI PEMERINTAHAN", "KECAMATAN GUCIALIT"))
    assert result.year is None
    (problem,) = of(result, "tahun-ganda")
    assert str(problem.severity) == "peringatan"
    assert "2025" in problem.message
    assert "2026" in problem.message
    assert result.total.counted == 2  # without --tahun both years count


def test_years_of_uncounted_rows_do_not_make_tahun_ganda(count: Count) -> None:
    rows = [act(1, date=dt.date(2026, 1, 2)), act(2, "Foto", date=dt.date(2025, 12, 30))]
    result = run(count, rows)
    assert result.year == 2026
    assert of(result, "tahun-ganda") == []


# -- the result as JSON ---------------------------------------------------------------------------

def test_json_holds_the_indicator_verbatim_and_schema_version(count: Count) -> None:
    data = run(count, followed(1, 2)).to_dict()
    assert data["versi_skema"] == 1
    assert data["indikator"] == INDICATOR
    assert data["lengkap"] is True
    assert data["total"] == {"jumlah": 2, "ditindaklanjuti": 1, "persentase": 50.0,
                             "target": None, "capaian": None, "kategori": None}
    assert isinstance(data["total"]["jumlah"], int)


def test_json_problem_counts_match_the_list(count: Count) -> None:
    data = run(count, [act(1, "Foto"), act(2, status=None), act(3)]).to_dict()
    masalah = data["masalah"]
    listed = [p["tingkat"] for p in masalah["daftar"]]
    assert masalah["galat"] == listed.count("galat") == 1
    assert masalah["peringatan"] == listed.count("peringatan") >= 1
    assert masalah["info"] == listed.count("info")
    assert {"kode", "tingkat", "berkas", "sheet", "baris", "kolom", "nilai", "pesan"} <= set(
        masalah["daftar"][0])


def test_json_sumber_lists_each_sheet_with_rows_and_counted(count: Count) -> None:
    data = run(count, [act(1), act(2, "Foto"), act(3)]).to_dict()
    (source,) = data["sumber"]
    assert source["berkas"].endswith("rekap.xlsx")
    assert len(source["sha256"]) == 64
    (sheet,) = source["sheet"]
    assert (sheet["nama"], sheet["unit"], sheet["baris_kegiatan"], sheet["terhitung"]) == (
        "Pemerintahan", PEM, 3, 2)


def test_run_with_galat_rows_is_still_complete(count: Count) -> None:
    result = run(count, [act(1, "Foto"), act(2)])
    assert result.complete is True
    assert result.has_galat is True


def test_table_with_no_activity_rows_has_no_units_and_no_percentage(count: Count) -> None:
    result = run(count, [])
    assert (result.total.counted, result.total.percent) == (0, None)
    assert result.units == []
    assert result.evidence == {RAKOR: 0, DOKLAP: 0, SK: 0, REKOM: 0, BA: 0}


def test_count_is_the_same_for_hitung_and_periksa_problems(count: Count, check: Any) -> None:
    """hitung and periksa read the same way: the same problems, in the same order."""
    sheets = [SheetSpec("Pemerintahan", simple_rekap(
        [act(1, "Foto"), act(2, status=None), act(3, date="besok")], title=TITLE))]
    result = count(sheets)
    report = check(sheets)
    strip = [(p.code, p.sheet, p.row) for p in result.problems]
    assert strip == [(p.code, p.sheet, p.row) for p in report.problems]
    assert report.complete is result.complete is True
