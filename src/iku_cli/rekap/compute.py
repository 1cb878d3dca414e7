"""Count the indicator: per unit, per period, per kecamatan and in total, against the target.

Pure, no I/O. The counted activities are grouped once by (unit, date, followed up) — a
:class:`Tally`: 100 000 activities over a year make a few thousand groups — and the counts per
unit, per period, undated and the years of the run are sums over those groups, not passes over
the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_

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


@dataclass(frozen=True)
class Tally:
    """The counted activities per (unit, date, followed up), and every unit with activity rows
    (counted or not)."""

    groups: Counter[tuple[str, dt.date | None, bool]]
    units: frozenset[str]

    def dates(self) -> Counter[dt.date | None]:
        """Counted activities per date (None: undated)."""
        per_date: Counter[dt.date | None] = Counter()
        for (_, date, _), n in self.groups.items():
            per_date[date] += n
        return per_date


def tally(store: Activities) -> Tally:
    """Group the store's counted activities (one pass, counted by ``Counter`` in C)."""
    counted = counted_mask(store)
    followed = map(is_, compress(store.followed, counted), repeat(True))
    return Tally(Counter(zip(compress(store.unit, counted), compress(store.date, counted),
                             followed, strict=True)), frozenset(store.unit))


def summarise(
    store: Activities, vocab: Vocabulary, required: tuple[str, ...] = (),
    counts: Tally | None = None,
) -> Summary:
    """Totals per unit and per evidence type over the counted activities.

    The denominator is every counted activity; the numerator those followed up. Every unit
    with activity rows is listed, even with 0 counted, and so is every ``required`` unit (the
    office's own, from the config) without any: it has not reported. (Plain loops: for 100 000
    activities they take a tenth of building a pandas frame, and `iku` starts without importing
    pandas.)
    """
    total, units = _units_of_run(counts or tally(store), vocab)
    listed = {unit.unit for unit in units}
    not_reported = [name for name in required if name not in listed]
    if not_reported:
        units = sorted([*units, *(UnitCount(0, 0, unit=name) for name in not_reported)],
                       key=lambda unit: unit_sort_key(vocab)(unit.unit))
    per_type: Counter[str] = Counter()
    # (per distinct evidence tuple first: a column holds few, each the same object per value)
    for named, n in Counter(compress(store.evidence, counted_mask(store))).items():
        for type_ in named:
            per_type[type_] += n
    types = [*EVIDENCE_TYPES, *(t for t in vocab.evidence_spellings if t not in EVIDENCE_TYPES)]
    return Summary(total, units, {type_: per_type.get(type_, 0) for type_ in types},
                   not_reported)


def _units_of_run(counts: Tally, vocab: Vocabulary) -> tuple[Count, list[UnitCount]]:
    """The run's total and one count per unit that has activity rows."""
    totals: Counter[str] = Counter()
    dones: Counter[str] = Counter()
    for (unit, _, done), n in counts.groups.items():
        totals[unit] += n
        if done:
            dones[unit] += n
    return _per_unit(counts.units, totals, dones, vocab)


def _units_of(
    store: Activities, indexes: list[int], vocab: Vocabulary
) -> tuple[Count, list[UnitCount]]:
    """The total and one count per unit that has activity rows among ``indexes`` (a part of
    the run: one kecamatan)."""
    unit, reason, followed = store.unit, store.reason, store.followed
    chosen = [i for i in indexes if reason[i] is None]
    totals = Counter(unit[i] for i in chosen)
    dones = Counter(unit[i] for i in chosen if followed[i])
    return _per_unit({unit[i] for i in indexes}, totals, dones, vocab)


def _per_unit(names: set[str] | frozenset[str], totals: Counter[str], dones: Counter[str],
              vocab: Vocabulary) -> tuple[Count, list[UnitCount]]:
    units = [UnitCount(totals[name], dones[name], unit=name)
             for name in sorted(names, key=unit_sort_key(vocab))]
    return Count(sum(totals.values()), sum(dones.values())), units


def undated(store: Activities, counts: Tally | None = None) -> Count:
    """The counted activities without a date: in the year's total, in no period."""
    total = done = 0
    for (_, date, followed), n in (counts or tally(store)).groups.items():
        if date is None:
            total += n
            done += n if followed else 0
    return Count(total, done)


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
    counts: Tally | None = None,
) -> list[PeriodCount]:
    """Every period of the year (empty ones too), for the office and per unit, with the
    cumulative count from January (numerators and denominators summed, never percentages
    averaged), then 'Tanpa tanggal' when undated activities exist. Several years (no --tahun):
    each year's periods, labelled with the year."""
    if kind not in PERIOD_KINDS:
        return []
    months, labels = PERIOD_KINDS[kind]
    cells, undated = period_cells(store, months, counts)
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


def period_cells(store: Activities, months: int, counts: Tally | None = None
                 ) -> tuple[PeriodCells, dict[str, Count]]:
    """The counted activities per (year, period of ``months`` months) and unit, and the
    undated ones per unit."""
    cells: dict[tuple[tuple[int, int], str], list[int]] = {}
    undated: dict[str, list[int]] = {}
    for (unit, date, followed), n in (counts or tally(store)).groups.items():
        if date is None:
            cell = undated.setdefault(unit, [0, 0])
        else:
            cell = cells.setdefault(((date.year, (date.month - 1) // months), unit), [0, 0])
        cell[0] += n
        if followed:
            cell[1] += n
    return ({key: Count(*cell) for key, cell in cells.items()},
            {unit: Count(*cell) for unit, cell in undated.items()})


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
