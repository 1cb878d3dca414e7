"""Count the indicator: per unit, per period, per kecamatan and in total, against the target.

Pure, no I/O: pandas group-bys over the normalised activities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from .config import CapaianScale
from .model import (
    Achievement,
    Activities,
    Count,
    KecamatanCount,
    PeriodCount,
    UnitCount,
    round_half_up,
)
from .vocab import EVIDENCE_TYPES, MONTH_NAMES, NO_UNIT, Vocabulary


def unit_sort_key(vocab: Vocabulary) -> Callable[[str], tuple[int, int, str]]:
    """Canonical units in the contract's order, then others alphabetically, 'Tanpa unit' last."""
    order = vocab.unit_order

    def key(name: str) -> tuple[int, int, str]:
        if name in order:
            return (0, order[name], "")
        return (2 if name == NO_UNIT else 1, 0, name.casefold())

    return key


@dataclass(frozen=True)
class Summary:
    total: Count
    units: list[UnitCount]
    evidence: dict[str, int]


def summarise(store: Activities, vocab: Vocabulary) -> Summary:
    """Totals per unit and per evidence type over the counted activities.

    The denominator is every counted activity (valid evidence, not a duplicate, in the year);
    the numerator those followed up. Every unit with activity rows is listed, even with 0.
    """
    frame = store.to_frame()
    total, units = _units_of(frame, vocab)
    counted = frame[frame["alasan"].isna()]
    per_type = counted["bukti"].explode().dropna().value_counts()
    types = [*EVIDENCE_TYPES, *(t for t in vocab.evidence_spellings if t not in EVIDENCE_TYPES)]
    evidence = {type_: int(per_type.get(type_, 0)) for type_ in types}
    return Summary(total, units, evidence)


def _units_of(frame: pd.DataFrame, vocab: Vocabulary) -> tuple[Count, list[UnitCount]]:
    """The total and one count per unit that has activity rows (listed, even if 0 counted)."""
    counted = frame[frame["alasan"].isna()]
    per_unit = counted.groupby("unit", sort=False).agg(
        jumlah=("baris", "size"), ditindaklanjuti=("ditindaklanjuti", "sum")
    )
    units = []
    for name in sorted(frame["unit"].unique(), key=unit_sort_key(vocab)):
        if name in per_unit.index:
            jumlah = int(per_unit.at[name, "jumlah"])
            followed = int(per_unit.at[name, "ditindaklanjuti"])
        else:
            jumlah = followed = 0
        units.append(UnitCount(jumlah, followed, unit=str(name)))
    return Count(len(counted), int(counted["ditindaklanjuti"].sum())), units


# --- targets and capaian ---------------------------------------------------------------------


def achievement(
    realisasi: Decimal | None,
    target: float | None,
    scale: CapaianScale,
    cap: float | None = None,
) -> Achievement:
    """capaian = realisasi / target × 100 (a positive indicator: higher is better).

    No target or target 0 -> capaian None. Above 100 % stays as it is unless ``cap`` is set.
    The category is read from the rounded capaian, the number people see.
    """
    if target is None:
        return Achievement()
    if target == 0 or realisasi is None:
        return Achievement(target=target)
    capaian = round_half_up(realisasi / Decimal(str(target)) * 100)
    if cap is not None and capaian is not None:
        capaian = min(capaian, cap)
    return Achievement(target=target, capaian=capaian, kategori=scale.category(capaian))


# --- periods -----------------------------------------------------------------------------------

PERIOD_KINDS: dict[str, tuple[int, tuple[str, ...]]] = {
    # kind -> (months per period, labels)
    "bulan": (1, MONTH_NAMES),
    "triwulan": (3, ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")),
    "semester": (6, ("Semester I", "Semester II")),
}
UNDATED = "Tanpa tanggal"


def period_breakdown(
    store: Activities,
    kind: str,
    year: int | None,
    units: list[str],
    quarter_targets: tuple[float, ...] | None = None,
    scale: CapaianScale | None = None,
    cap: float | None = None,
) -> list[PeriodCount]:
    """Every period of the year (empty ones too), for the office and per unit, with the
    cumulative count from January (numerators and denominators summed, never percentages
    averaged), then 'Tanpa tanggal' when undated activities exist. Several years (no --tahun):
    each year's periods, labelled with the year."""
    if kind not in PERIOD_KINDS:
        return []
    months, labels = PERIOD_KINDS[kind]
    frame = store.to_frame()
    counted = frame[frame["alasan"].isna()]
    dated = counted[counted["tanggal"].notna()]
    dates = pd.to_datetime(dated["tanggal"])
    keyed = pd.DataFrame({
        "tahun": dates.dt.year.to_numpy(),
        "periode": ((dates.dt.month - 1) // months).to_numpy(),
        "unit": dated["unit"].to_numpy(),
        "ya": dated["ditindaklanjuti"].to_numpy(dtype=bool),
    })
    years = [year] if year is not None else sorted(int(y) for y in keyed["tahun"].unique())
    grouped = keyed.groupby(["tahun", "periode", "unit"]).agg(
        jumlah=("ya", "size"), ya=("ya", "sum")
    )
    cells: dict[tuple[int, int, str], Count] = {
        (int(y), int(p), str(u)): Count(int(row.jumlah), int(row.ya))
        for (y, p, u), row in grouped.iterrows()
    }
    result: list[PeriodCount] = []
    for y in years:
        running: dict[str | None, Count] = {}
        for index, label in enumerate(labels):
            shown = label if len(years) == 1 else f"{label} {y}"
            rows: list[PeriodCount] = []
            total = Count(0, 0)
            for unit in units:
                count = cells.get((y, index, unit), Count(0, 0))
                total = _add(total, count)
                running[unit] = _add(running.get(unit, Count(0, 0)), count)
                rows.append(PeriodCount(shown, unit, count, running[unit]))
            running[None] = _add(running.get(None, Count(0, 0)), total)
            target = None
            if kind == "triwulan" and quarter_targets is not None and scale is not None:
                target = achievement(running[None].exact_percent, quarter_targets[index],
                                     scale, cap)
            result.append(PeriodCount(shown, None, total, running[None], target))
            result.extend(rows)
    undated = counted[counted["tanggal"].isna()]
    if len(undated):
        per_unit = undated.groupby("unit")["ditindaklanjuti"].agg(["size", "sum"])
        rows = [
            PeriodCount(UNDATED, unit, Count(int(per_unit.at[unit, "size"]),
                                             int(per_unit.at[unit, "sum"])), None)
            if unit in per_unit.index else PeriodCount(UNDATED, unit, Count(0, 0), None)
            for unit in units
        ]
        total = Count(len(undated), int(undated["ditindaklanjuti"].sum()))
        result.append(PeriodCount(UNDATED, None, total, None))
        result.extend(rows)
    return result


def _add(a: Count, b: Count) -> Count:
    return Count(a.jumlah + b.jumlah, a.ditindaklanjuti + b.ditindaklanjuti)


# --- many kecamatan ----------------------------------------------------------------------------

NO_KECAMATAN = "Tanpa kecamatan"


def per_kecamatan(store: Activities, vocab: Vocabulary) -> list[KecamatanCount]:
    """One entry per kecamatan (alphabetical), each with its units; the kabupaten total is the
    sum of numerators over the sum of denominators (the run's total)."""
    frame = store.to_frame()
    frame["kecamatan"] = frame["kecamatan"].fillna(NO_KECAMATAN)
    entries = []
    for name in sorted(frame["kecamatan"].unique(), key=lambda n: (n == NO_KECAMATAN, n)):
        part = frame[frame["kecamatan"] == name]
        total, units = _units_of(part, vocab)
        entries.append(KecamatanCount(str(name), total, units))
    return entries
