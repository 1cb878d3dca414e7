"""The IKM arithmetic of PermenPAN-RB No. 14 Tahun 2017, exact (fractions) until the end.

NRR per unsur = sum of answers / respondents; NRR tertimbang = NRR x bobot; IKM = sum of NRR
tertimbang x 25, rounded half-up to 2 decimals only at the end; mutu and kinerja read from the
conversion table on that rounded index. Pure functions over respondents: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from iku_cli.ikm.model import Index, ProfileCount, Respondent, ServiceIndex, UnsurScore, band_of
from iku_cli.ikm.vocab import (
    AGE_BANDS,
    CHI_SQUARE,
    MARGIN,
    NOT_FILLED,
    PROFILE_CATEGORIES,
    PROFILE_FIELDS,
    PROPORTION,
    SCALE,
)
from iku_cli.numbers import round_half_up
from iku_cli.text import text_key


def krejcie_morgan(populasi: int) -> int:
    """Minimum sample for a population: s = X²NP(1-P) / (d²(N-1) + X²P(1-P)) with X² = 3,841,
    P = 0,5, d = 0,05, rounded to the nearest whole number — exactly the Krejcie–Morgan
    (1970) table that PermenPAN-RB 14/2017 reproduces (N 15 -> 14, 2 000 -> 322; rounding up
    would give 15 and 323).

    >>> krejcie_morgan(100), krejcie_morgan(1000), krejcie_morgan(15)
    (80, 278, 14)
    """
    if populasi < 1:
        raise ValueError("populasi harus sedikitnya 1")
    spread = PROPORTION * (1 - PROPORTION)
    exact = CHI_SQUARE * populasi * spread / (MARGIN**2 * (populasi - 1) + CHI_SQUARE * spread)
    return int(round_half_up(exact, 0))


def unsur_scores(
    respondents: Sequence[Respondent], names: Sequence[str], bobot: Fraction
) -> list[UnsurScore]:
    """Per unsur (in the order in use): the sum of answers over the same respondents."""
    sums = [0] * len(names)
    for respondent in respondents:
        for position, answer in enumerate(respondent.answers):
            sums[position] += answer
    return [
        UnsurScore(f"U{position + 1}", name, sums[position], len(respondents), bobot)
        for position, name in enumerate(names)
    ]


def index_of(scores: Sequence[UnsurScore], responden: int) -> Index:
    """IKM = sum of NRR tertimbang x 25; rounded once, at the end."""
    if not responden:
        return Index(0, None, None, None, None)
    exact = sum((score.nrr_tertimbang or Fraction(0) for score in scores), Fraction(0)) * SCALE
    rounded = round_half_up(exact)
    band = band_of(rounded)
    return Index(responden, exact, rounded, band.mutu, band.kinerja)


def priorities(scores: Sequence[UnsurScore], count: int) -> list[UnsurScore]:
    """The lowest-scoring unsur, lowest first: ``count`` of them, plus any tied with the last.

    An unsur every respondent rated 4 needs no improvement and is never a priority.
    """
    ranked = sorted(
        (s for s in scores if s.nrr is not None and s.nrr < 4),
        key=lambda s: (s.nrr, int(s.kode[1:])),
    )
    if len(ranked) <= count:
        return ranked
    cut = ranked[count - 1].nrr
    return [s for s in ranked if s.nrr <= cut]  # type: ignore[operator]


def per_service(
    respondents: Sequence[Respondent], names: Sequence[str], bobot: Fraction
) -> list[tuple[str, Index]]:
    """The IKM of each Jenis Layanan (spellings that differ only in case/spacing are one),
    alphabetical, 'Tidak diisi' last; [] when no table has a Jenis Layanan column."""
    if all(r.layanan is None for r in respondents):
        return []
    groups: dict[str, list[Respondent]] = {}
    shown: dict[str, str] = {}
    for respondent in respondents:
        written = respondent.layanan or ""
        key = text_key(written)
        shown.setdefault(key, written or NOT_FILLED)
        groups.setdefault(key, []).append(respondent)
    ordered = sorted(groups, key=lambda key: (key == "", shown[key].casefold()))
    return [
        (shown[key], index_of(unsur_scores(groups[key], names, bobot), len(groups[key])))
        for key in ordered
    ]


def service_indexes(
    respondents: Sequence[Respondent], names: Sequence[str], bobot: Fraction
) -> list[ServiceIndex]:
    return [ServiceIndex(name, index) for name, index in per_service(respondents, names, bobot)]


def profile(
    respondents: Sequence[Respondent], fields: Sequence[str]
) -> dict[str, list[ProfileCount]]:
    """Counts and shares per category of each profile column that exists, over the
    respondents counted in the index. Categories in the vocabulary's order, then others as
    written (alphabetical), then 'Tidak diisi'."""
    result: dict[str, list[ProfileCount]] = {}
    total = len(respondents)
    for name in PROFILE_FIELDS:
        if name not in fields or not total:
            continue
        counts: dict[str, int] = {}
        for respondent in respondents:
            category = respondent.profile.get(name) or NOT_FILLED
            counts[category] = counts.get(category, 0) + 1
        known = (
            [label for label, _, _ in AGE_BANDS] if name == "umur"
            else list(PROFILE_CATEGORIES[name])
        )
        rank = {label: index for index, label in enumerate(known)}
        ordered = sorted(
            counts,
            key=lambda c: (c == NOT_FILLED, c not in rank, rank.get(c, 0), c.casefold()),
        )
        result[name] = [ProfileCount(category, counts[category], total) for category in ordered]
    return result
