"""Count the indicator: per unit, per period, per kecamatan and in total, against the target.

Pure, no I/O: one pass over the columnar activity store, counting in plain dictionaries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import add, ge, mul

from iku_cli.inputs.dates import MONTH_NAMES
from iku_cli.rekap.model import (
    Activities,
    Count,
    PeriodCount,
    SubdistrictCount,
    UnitCount,
)
from iku_cli.rekap.targets import CapaianScale, achievement
from iku_cli.rekap.vocab import EVIDENCE_TYPES, NO_UNIT, Vocabulary


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
    not_reported: list[str]  # units that must report and have no activity row


def counted_mask(store: Activities) -> list[bool]:
    """Per activity: counted (valid evidence, not a duplicate, in the year). With
    ``itertools.compress`` the counting below runs in C (``Counter``), not a Python loop."""
    return [reason is None for reason in store.reason]


def _done_mask(store: Activities, counted: list[bool]) -> list[bool]:
    """Per activity: counted and followed up."""
    return [c and f is True for c, f in zip(counted, store.followed, strict=True)]


def summarise(
    store: Activities, vocab: Vocabulary, required: tuple[str, ...] = ()
) -> Summary:
    """Totals per unit and per evidence type over the counted activities.

    The denominator is every counted activity; the numerator those followed up. Every unit
    with activity rows is listed, even with 0 counted, and so is every ``required`` unit (the
    office's own, from the config) without any: it has not reported. (Plain loops: for 100 000
    activities they take a tenth of building a pandas frame, and `iku` starts without importing
    pandas.)
    """
    total, units = _units_of(store, range(len(store)), vocab)
    listed = {unit.unit for unit in units}
    not_reported = [name for name in required if name not in listed]
    if not_reported:
        units = sorted([*units, *(UnitCount(0, 0, unit=name) for name in not_reported)],
                       key=lambda unit: unit_sort_key(vocab)(unit.unit))
    per_type = Counter(chain.from_iterable(compress(store.evidence, counted_mask(store))))
    types = [*EVIDENCE_TYPES, *(t for t in vocab.evidence_spellings if t not in EVIDENCE_TYPES)]
    return Summary(total, units, {type_: per_type.get(type_, 0) for type_ in types},
                   not_reported)


def _units_of(
    store: Activities, indexes: range | list[int], vocab: Vocabulary
) -> tuple[Count, list[UnitCount]]:
    """The total and one count per unit that has activity rows among ``indexes``."""
    unit = store.unit
    if isinstance(indexes, range) and len(indexes) == len(unit):  # the whole run
        counted = counted_mask(store)
        names = set(unit)
        totals = Counter(compress(unit, counted))
        dones = Counter(compress(unit, _done_mask(store, counted)))
    else:  # a part of it (one kecamatan)
        reason, followed = store.reason, store.followed
        names = {unit[i] for i in indexes}
        chosen = [i for i in indexes if reason[i] is None]
        totals = Counter(unit[i] for i in chosen)
        dones = Counter(unit[i] for i in chosen if followed[i])
    units = [UnitCount(totals[name], dones[name], unit=name)
             for name in sorted(names, key=unit_sort_key(vocab))]
    return Count(sum(totals.values()), sum(dones.values())), units


def undated(store: Activities) -> Count:
    """The counted activities without a date: in the year's total, in no period."""
    counted = counted_mask(store)
    undated_rows = [c and d is None for c, d in zip(counted, store.date, strict=True)]
    done = _done_mask(store, undated_rows)
    return Count(sum(undated_rows), sum(done))


# --- targets and capaian ---------------------------------------------------------------------




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
    cells, undated = period_cells(store, months)
    years = [year] if year is not None else sorted({period[0] for period, _ in cells})
    empty = Count(0, 0)
    result: list[PeriodCount] = []
    for y in years:
        running: dict[str | None, Count] = {}
        for index, label in enumerate(labels):
            shown = label if len(years) == 1 else f"{label} {y}"
            rows: list[PeriodCount] = []
            total = Count(0, 0)
            for unit in units:
                count = cells.get(((y, index), unit), empty)
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
    if undated:
        rows = [PeriodCount(UNDATED, unit, undated.get(unit, empty), None)
                for unit in units]
        total = Count(sum(t.counted for t in undated.values()),
                      sum(t.followed_up for t in undated.values()))
        result.append(PeriodCount(UNDATED, None, total, None))
        result.extend(rows)
    return result


PeriodCells = dict[tuple[tuple[int, int], str], Count]  # ((year, period), unit) -> count


def period_cells(store: Activities, months: int) -> tuple[PeriodCells, dict[str, Count]]:
    """The counted activities per (year, period of ``months`` months) and unit, and the
    undated ones per unit."""
    counted = counted_mask(store)
    units_of = list(compress(store.unit, counted))
    done = list(compress(store.followed, counted))
    dates = list(compress(store.date, counted))
    # each distinct date's period once, as one number (year × periods a year + period: -1
    # undated), and each unit as its place among the units: a row's (period, unit) is then
    # one int, counted by Counter in C (hashing 100 000 nested tuples took half the time)
    per_year = 12 // months
    period_of: dict[dt.date | None, int] = {
        date: -1 if date is None else date.year * per_year + (date.month - 1) // months
        for date in set(dates)}
    periods = list(map(period_of.__getitem__, dates))
    names = list(dict.fromkeys(units_of))
    place_of = {name: place for place, name in enumerate(names)}
    width = len(names)
    keys = list(map(add, map(mul, periods, repeat(width)), map(place_of.__getitem__, units_of)))
    dated = list(map(ge, periods, repeat(0)))
    dated_done = [d and f is True for d, f in zip(dated, done, strict=True)]
    cells_done = Counter(compress(keys, dated_done))
    cells: PeriodCells = {}
    for key, listed in Counter(compress(keys, dated)).items():
        period, place = divmod(key, width)
        cells[(divmod(period, per_year), names[place])] = Count(listed, cells_done[key])
    undated_rows = [not d for d in dated]
    undated_done = Counter(compress(units_of, [u and f is True for u, f
                                               in zip(undated_rows, done, strict=True)]))
    undated = {unit: Count(total, undated_done[unit])
               for unit, total in Counter(compress(units_of, undated_rows)).items()}
    return cells, undated


def _add(a: Count, b: Count) -> Count:
    return Count(a.counted + b.counted, a.followed_up + b.followed_up)


# --- many kecamatan ----------------------------------------------------------------------------

NO_SUBDISTRICT = "Tanpa kecamatan"


def per_subdistrict(store: Activities, vocab: Vocabulary) -> list[SubdistrictCount]:
    """One entry per kecamatan (alphabetical), each with its units; the kabupaten total is the
    sum of numerators over the sum of denominators (the run's total)."""
    groups: dict[str, list[int]] = {}
    names = store.subdistrict or [None] * len(store)
    for index, name in enumerate(names):
        groups.setdefault(name or NO_SUBDISTRICT, []).append(index)
    entries = []
    for name in sorted(groups, key=lambda n: (n == NO_SUBDISTRICT, n)):
        total, units = _units_of(store, groups[name], vocab)
        entries.append(SubdistrictCount(name, total, units))
    return entries
