"""The IKM arithmetic (PermenPAN-RB No. 14 Tahun 2017) without files: exact values, half-up
rounding at the end only, the conversion table's edges, priorities, Krejcie–Morgan."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from ikm_support import HAND, HAND_B, HAND_SUMS
from iku_cli.ikm.compute import index_of, krejcie_morgan, priorities, unsur_scores
from iku_cli.ikm.model import Respondent, UnsurScore, band_of
from iku_cli.ikm.vocab import UNSUR, WEIGHTS
from iku_cli.numbers import round_half_up


def respondents(rows: list[list[int]]) -> list[Respondent]:
    return [Respondent("s.xlsx", "Data", 5 + i, tuple(row)) for i, row in enumerate(rows)]


def ikm_of(rows: list[list[int]], bobot: str) -> tuple[Decimal | None, str | None]:
    scores = unsur_scores(respondents(rows), UNSUR, WEIGHTS[bobot])
    index = index_of(scores, len(rows))
    return index.ikm, index.mutu


@pytest.mark.parametrize(("populasi", "minimum"), [(100, 80), (1000, 278), (1, 1), (10, 10),
                                                    (1500, 306), (1_000_000, 384)])
def test_krejcie_morgan(populasi: int, minimum: int) -> None:
    assert krejcie_morgan(populasi) == minimum


# Krejcie & Morgan (1970), "Determining sample size for research activities", Table 1: every
# published (N, S) pair. PermenPAN-RB 14/2017 reproduces (part of) this table; the formula
# rounded to the nearest whole number gives each entry, rounding up would miss many of them.
KREJCIE_MORGAN_TABLE = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 35: 32, 40: 36, 45: 40, 50: 44, 55: 48, 60: 52,
    65: 56, 70: 59, 75: 63, 80: 66, 85: 70, 90: 73, 95: 76, 100: 80, 110: 86, 120: 92,
    130: 97, 140: 103, 150: 108, 160: 113, 170: 118, 180: 123, 190: 127, 200: 132, 210: 136,
    220: 140, 230: 144, 240: 148, 250: 152, 260: 155, 270: 159, 280: 162, 290: 165, 300: 169,
    320: 175, 340: 181, 360: 186, 380: 191, 400: 196, 420: 201, 440: 205, 460: 210, 480: 214,
    500: 217, 550: 226, 600: 234, 650: 242, 700: 248, 750: 254, 800: 260, 850: 265, 900: 269,
    950: 274, 1000: 278, 1100: 285, 1200: 291, 1300: 297, 1400: 302, 1500: 306, 1600: 310,
    1700: 313, 1800: 317, 1900: 320, 2000: 322, 2200: 327, 2400: 331, 2600: 335, 2800: 338,
    3000: 341, 3500: 346, 4000: 351, 4500: 354, 5000: 357, 6000: 361, 7000: 364, 8000: 367,
    9000: 368, 10000: 370, 15000: 375, 20000: 377, 30000: 379, 40000: 380, 50000: 381,
    75000: 382, 1000000: 384,
}


def test_krejcie_morgan_gives_every_entry_of_the_published_table() -> None:
    got = {populasi: krejcie_morgan(populasi) for populasi in KREJCIE_MORGAN_TABLE}
    assert got == KREJCIE_MORGAN_TABLE
    assert len(KREJCIE_MORGAN_TABLE) == 90


def test_krejcie_morgan_rejects_an_empty_population() -> None:
    with pytest.raises(ValueError):
        krejcie_morgan(0)


@pytest.mark.parametrize(("bobot", "expected"), [("1/9", "100.00"), ("0.111", "99.90"),
                                                 ("0.11", "99.00")])
def test_all_fours(bobot: str, expected: str) -> None:
    assert ikm_of([[4] * 9] * 7, bobot) == (Decimal(expected), "A")


@pytest.mark.parametrize(("bobot", "expected", "mutu"), [
    ("0.111", "79.09", "B"), ("1/9", "79.17", "B"), ("0.11", "78.38", "B"),
])
def test_hand_computed_survey(bobot: str, expected: str, mutu: str) -> None:
    scores = unsur_scores(respondents(HAND), UNSUR, WEIGHTS[bobot])
    assert [s.jumlah_nilai for s in scores] == HAND_SUMS
    assert ikm_of(HAND, bobot) == (Decimal(expected), mutu)


@pytest.mark.parametrize(("bobot", "expected"), [("0.111", "74.93"), ("1/9", "75.00"),
                                                 ("0.11", "74.25")])
def test_second_hand_computed_survey_rounds_half_up(bobot: str, expected: str) -> None:
    assert ikm_of(HAND_B, bobot) == (Decimal(expected), "C")


def test_nothing_is_rounded_before_the_end() -> None:
    scores = unsur_scores(respondents(HAND), UNSUR, WEIGHTS["1/9"])
    index = index_of(scores, 4)
    assert index.exact == Fraction(475, 6)  # 79.1666...: 28.5 / 9 * 25 exactly
    assert scores[0].nrr == Fraction(3) and scores[7].nrr == Fraction(9, 4)
    assert scores[7].nrr_tertimbang == Fraction(1, 4)


@pytest.mark.parametrize(("value", "mutu", "kinerja"), [
    ("100.00", "A", "Sangat Baik"), ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"), ("65.00", "C", "Kurang Baik"),
    ("64.99", "D", "Tidak Baik"), ("25.00", "D", "Tidak Baik"), ("24.75", "D", "Tidak Baik"),
])
def test_conversion_table_edges(value: str, mutu: str, kinerja: str) -> None:
    band = band_of(Decimal(value))
    assert (band.mutu, band.kinerja) == (mutu, kinerja)


@pytest.mark.parametrize(("exact", "rounded"), [
    (Fraction(88305, 1000), "88.31"), (Fraction(883049999, 10**7), "88.30"),
    (Fraction(74925, 1000), "74.93"), (Fraction(2, 3) * 100, "66.67"),
])
def test_round_half_up(exact: Fraction, rounded: str) -> None:
    assert round_half_up(exact) == Decimal(rounded)


def test_band_is_read_on_the_rounded_index() -> None:
    # every unsur NRR 17661/5000 = 3.5322, bobot 1/9: IKM = 3.5322 x 25 = 88.305 exactly,
    # rounded to 88.31, so A (a check on the unrounded value against 88.31 would say B)
    scores = [UnsurScore(f"U{k + 1}", name, 17661, 5000, Fraction(1, 9))
              for k, name in enumerate(UNSUR)]
    index = index_of(scores, 5000)
    assert index.exact == Fraction(88305, 1000)
    assert (index.ikm, index.mutu) == (Decimal("88.31"), "A")


def test_unsur_mutu_uses_the_same_table_on_nrr_times_25() -> None:
    scores = unsur_scores(respondents(HAND), UNSUR, WEIGHTS["0.111"])
    assert [s.mutu for s in scores] == ["C", "B", "C", "A", "B", "B", "A", "D", "C"]
    # 3.5324 x 25 = 88.31 (A); 3.5320 x 25 = 88.30 (B)
    assert UnsurScore("U1", "x", 35324, 10000, Fraction(1, 9)).mutu == "A"
    assert UnsurScore("U1", "x", 35320, 10000, Fraction(1, 9)).mutu == "B"


def test_priorities_are_the_lowest_three_with_ties() -> None:
    scores = unsur_scores(respondents(HAND), UNSUR, WEIGHTS["0.111"])
    assert [s.kode for s in priorities(scores, 3)] == ["U8", "U3", "U9"]
    assert [s.kode for s in priorities(scores, 2)] == ["U8", "U3", "U9"]  # U3 and U9 tie
    assert [s.kode for s in priorities(scores, 1)] == ["U8"]


def test_no_priority_when_every_unsur_is_perfect() -> None:
    scores = unsur_scores(respondents([[4] * 9]), UNSUR, WEIGHTS["1/9"])
    assert priorities(scores, 3) == []


def test_no_respondents_gives_no_index() -> None:
    scores = unsur_scores([], UNSUR, WEIGHTS["0.111"])
    index = index_of(scores, 0)
    assert (index.ikm, index.mutu, index.kinerja) == (None, None, None)
    assert all(s.nrr is None and s.mutu is None for s in scores)
    assert priorities(scores, 3) == []
