"""Count the indicator: per unit and in total, from the normalised activities. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Activities, Count, UnitCount
from .vocab import EVIDENCE_TYPES, NO_UNIT, Vocabulary


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
    total = Count(len(counted), int(counted["ditindaklanjuti"].sum()))

    per_type = counted["bukti"].explode().dropna().value_counts()
    types = [*EVIDENCE_TYPES, *(t for t in vocab.evidence_spellings if t not in EVIDENCE_TYPES)]
    evidence = {type_: int(per_type.get(type_, 0)) for type_ in types}
    return Summary(total, units, evidence)
