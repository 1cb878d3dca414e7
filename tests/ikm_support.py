"""Survey sheets for the IKM tests: built in tmp_path with the conftest writers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from iku_cli.ikm.vocab import UNSUR

CODES = [f"U{k}" for k in range(1, 10)]
PROFILE_HEADER = ["No", "Jenis Layanan", "Jenis Kelamin", "Umur", "Pendidikan", "Pekerjaan"]
TITLE = ["SURVEI KEPUASAN MASYARAKAT", "KECAMATAN GUCIALIT KABUPATEN LUMAJANG", "TAHUN 2026"]

# A small survey computed by hand (regulation order U1..U9).
#   sums per unsur: 12 14 11 16 13 13 15 9 11 = 114; n = 4; sum of NRR = 114/4 = 28.5
#   bobot 0.111: 28.5 x 0.111 = 3.1635 x 25 = 79.0875 -> 79.09 (B)
#   bobot 1/9:   28.5 / 9 = 3.1666... x 25 = 79.1666... -> 79.17 (B)
#   bobot 0.11:  28.5 x 0.11 = 3.135 x 25 = 78.375 -> 78.38 (B, half-up)
HAND = [
    [4, 4, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 4, 4, 2, 3],
    [3, 4, 3, 4, 3, 3, 3, 3, 2],
    [2, 3, 3, 4, 4, 3, 4, 2, 3],
]
HAND_SUMS = [12, 14, 11, 16, 13, 13, 15, 9, 11]
# Another: sums total 108 over 4 respondents (sum of NRR 27)
#   bobot 0.111: 27 x 0.111 x 25 = 74.925 -> 74.93 (C; banker's rounding would say 74.92)
#   bobot 1/9:   27 / 9 x 25 = 75.00 (C)
#   bobot 0.11:  27 x 0.11 x 25 = 74.25 (C)
HAND_B = [
    [3, 3, 3, 4, 3, 3, 3, 2, 3],
    [3, 3, 2, 4, 3, 4, 3, 2, 3],
    [3, 3, 3, 4, 3, 3, 3, 2, 3],
    [3, 2, 3, 4, 3, 3, 4, 2, 3],
]


def survey(
    answers: Sequence[Sequence[Any]],
    *,
    header: Sequence[str] = CODES,
    profile: Sequence[Sequence[Any]] | None = None,
    title: Sequence[str] = TITLE,
) -> list[list[Any]]:
    """Title lines, a blank row, one header row and one row per respondent."""
    rows: list[list[Any]] = [[line] for line in title]
    if title:
        rows.append([])
    if profile is None:
        rows.append(["No", *header])
        rows.extend([index, *row] for index, row in enumerate(answers, start=1))
    else:
        rows.append([*PROFILE_HEADER, *header])
        rows.extend([*p, *row] for p, row in zip(profile, answers, strict=True))
    return rows


def answers_totalling(total: int, respondents: int) -> list[list[int]]:
    """``respondents`` rows of nine answers 2..4 whose sum is ``total`` (from all 3s)."""
    rows = [[3] * 9 for _ in range(respondents)]
    difference = total - 27 * respondents
    step = 1 if difference > 0 else -1
    cells = [(r, c) for r in range(respondents) for c in range(9)]
    assert abs(difference) <= len(cells)
    for r, c in cells[: abs(difference)]:
        rows[r][c] += step
    return rows


def reorder(row: Sequence[Any], order: Sequence[int]) -> list[Any]:
    return [row[k] for k in order]


NAMES = list(UNSUR)
