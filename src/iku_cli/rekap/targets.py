"""Targets and capaian: the target as the operator types it, capaian = realisasi / target
× 100 (a positive indicator: higher is better), and the planning documents' category scale."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from iku_cli.numbers import rounded
from iku_cli.rekap.model import (
    Achievement,
)

# The planning documents' capaian scale: the first band whose threshold the capaian is above.
DEFAULT_SCALE: tuple[tuple[float, str], ...] = (
    (90.0, "Sangat Tinggi"),
    (75.0, "Tinggi"),
    (65.0, "Sedang"),
    (50.0, "Rendah"),
)


DEFAULT_LOWEST = "Sangat Rendah"


@dataclass(frozen=True)
class CapaianScale:
    """Bands as thresholds (capaian > threshold -> band), so no value falls between bands."""

    bands: tuple[tuple[float, str], ...] = DEFAULT_SCALE
    lowest: str = DEFAULT_LOWEST

    def category(self, capaian: float | None) -> str | None:
        if capaian is None:
            return None
        for threshold, name in self.bands:
            if capaian > threshold:
                return name
        return self.lowest


_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


def parse_percent(value: object) -> float:
    """A target as the operator writes it: 90, 95.5, '95,5', '95%' -> a number of percent.
    ValueError (an Indonesian message) for anything else, or outside 0–100."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} bukan angka persen")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and (match := _PERCENT.match(value)):
        number = float(match.group(1).replace(",", "."))
    else:
        raise ValueError(f"'{value}' bukan angka persen (tulis mis. 90, 95,5 atau 95%)")
    if not 0 <= number <= 100:
        shown = f"{number:g}".replace(".", ",")
        raise ValueError(f"target {shown}% di luar 0–100%: tulis targetnya dalam persen, "
                         "mis. 90")
    return number


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
    capaian = rounded(realisasi / Decimal(str(target)) * 100)
    if cap is not None and capaian is not None:
        capaian = min(capaian, cap)
    return Achievement(target=target, percent=capaian, category=scale.category(capaian))
