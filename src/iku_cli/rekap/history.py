"""Earlier years and the Renstra's final target: what the LKjIP compares this year's number with.

Earlier years come from three places, in this order of trust: ``[riwayat]`` in iku.toml (the
figures reported in earlier LKjIPs, typed by the office), earlier ``iku hitung --format json``
outputs given with ``--riwayat`` (and the years they themselves carried), and the inputs of this
run when they hold activities dated in earlier years. A year given twice keeps the more trusted
figure; a different figure from a less trusted place is named in a peringatan, never dropped
silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iku_cli.inputs.sources import RUN_PLACE
from iku_cli.problems import Code, Problem, make_problem
from iku_cli.rekap.duplicates import duplicate_keys
from iku_cli.rekap.model import (
    REASON_OTHER_YEAR,
    TRUST_INPUTS,
    TRUST_RESULT_FILE,
    Achievement,
    Activities,
    Count,
    EarlierYear,
    RenstraFigure,
    RenstraTarget,
    YearFigure,
)
from iku_cli.rekap.targets import CapaianScale, achievement

FROM_INPUTS = "rekap"  # the "sumber" of a year counted from this run's inputs


def from_result_json(data: dict[str, Any], source: str) -> list[EarlierYear]:
    """The years an earlier ``iku hitung --format json`` output holds: its own year's total, and
    the earlier years it compared itself with (less trusted: second hand)."""
    total = data.get("total") or {}
    years: list[EarlierYear] = []
    if isinstance(data.get("tahun"), int) and isinstance(total.get("persentase"), int | float):
        count = None
        if isinstance(total.get("jumlah"), int) and isinstance(total.get("ditindaklanjuti"), int):
            count = Count(total["jumlah"], total["ditindaklanjuti"])
        years.append(EarlierYear(data["tahun"], float(total["persentase"]), source,
                                 _number(total.get("target")), count, TRUST_RESULT_FILE))
    for entry in data.get("riwayat") or []:
        if (isinstance(entry, dict) and isinstance(entry.get("tahun"), int)
                and entry.get("tahun") != data.get("tahun")
                and isinstance(entry.get("realisasi"), int | float)):
            years.append(EarlierYear(entry["tahun"], float(entry["realisasi"]),
                                     f"{source} ({entry.get('sumber') or '?'})",
                                     _number(entry.get("target")), None, TRUST_RESULT_FILE))
    return years


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def from_inputs(store: Activities, year: int) -> list[EarlierYear]:
    """Activities of this run dated in years before ``year`` (set aside by --tahun), counted per
    year the way this year is counted: valid evidence, exact duplicates once."""
    indexes: dict[int, list[int]] = {}
    for index, (date, reason) in enumerate(zip(store.date, store.reason, strict=True)):
        if reason == REASON_OTHER_YEAR and date is not None and date.year < year:
            indexes.setdefault(date.year, []).append(index)
    if not indexes:
        return []
    keys = duplicate_keys(store)
    years = []
    for earlier in sorted(indexes):
        seen: set[tuple] = set()
        counted = followed = 0
        for index in indexes[earlier]:
            if keys[index] in seen:
                continue
            seen.add(keys[index])
            counted += 1
            followed += store.followed[index]
        count = Count(counted, followed)
        if count.percent is not None:
            years.append(EarlierYear(earlier, count.percent, FROM_INPUTS, None, count,
                                     TRUST_INPUTS))
    return years


def quarters_covered(store: Activities, year: int) -> int:
    """How many quarters of ``year`` hold at least one dated activity of the run."""
    return len({(date.month - 1) // 3 for date in store.date
                if date is not None and date.year == year})


@dataclass(frozen=True)
class History:
    years: list[YearFigure]
    renstra: RenstraFigure | None
    problems: list[Problem]


def compare(
    given: list[EarlierYear], store: Activities, year: int | None, total: Count,
    this_year: Achievement, scale: CapaianScale, cap: float | None,
    renstra: RenstraTarget | None,
) -> History:
    """The comparison rows (earlier years oldest first, then the year counted) and the Renstra
    figure; problems for conflicting, ignored or partial figures."""
    problems: list[Problem] = []
    candidates = list(given)
    if year is not None:
        candidates += from_inputs(store, year)
    chosen: dict[int, EarlierYear] = {}
    for entry in sorted(candidates, key=lambda e: e.trust):
        if year is not None and entry.year >= year:
            if entry.trust != TRUST_INPUTS:
                problems.append(make_problem(Code.HISTORY_NOT_EARLIER, file=RUN_PLACE,
                                             value=entry.source, year=entry.year, counted=year))
            continue
        kept = chosen.get(entry.year)
        if kept is None:
            chosen[entry.year] = entry
        elif abs(kept.realisation - entry.realisation) >= 0.005:
            problems.append(make_problem(
                Code.HISTORY_CONFLICT, file=RUN_PLACE, year=entry.year,
                kept=_shown(kept.realisation), kept_source=kept.source,
                other=_shown(entry.realisation), other_source=entry.source))
    for entry in chosen.values():
        if entry.trust == TRUST_INPUTS and entry.count is not None:
            code = (Code.HISTORY_FROM_INPUTS if quarters_covered(store, entry.year) == 4
                    else Code.HISTORY_FROM_PART_YEAR)
            problems.append(make_problem(code, file=RUN_PLACE, year=entry.year,
                                         n=entry.count.counted,
                                         followed=entry.count.followed_up,
                                         percent=_shown(entry.realisation)))
    figures = [
        YearFigure(entry.year, entry.realisation,
                   achievement(Decimal(str(entry.realisation)), entry.target, scale, cap),
                   entry.source, entry.count)
        for entry in sorted(chosen.values(), key=lambda e: e.year)
    ]
    if figures and year is not None:
        figures.append(YearFigure(year, total.percent, this_year, FROM_INPUTS, total))
    renstra_figure = None
    if renstra is not None:
        if year is not None and year > renstra.final_year:
            problems.append(make_problem(Code.RENSTRA_ENDED, file=RUN_PLACE, year=year,
                                         final=renstra.final_year))
        renstra_figure = RenstraFigure(
            renstra.final_year, renstra.final_target,
            achievement(total.exact_percent, renstra.final_target, scale, cap))
    return History(figures, renstra_figure, problems)


def _shown(percent: float) -> str:
    return f"{percent:.2f}".replace(".", ",")
