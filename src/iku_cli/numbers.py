"""Numbers as the office reports them: exact values rounded half-up as Excel's ROUND does,
and written the Indonesian way (1.048.576; 86,36)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(value: Decimal | Fraction, places: int = 2) -> Decimal:
    """An exact value rounded half-up like Excel's ROUND: 2.675 -> 2.68 (on exact decimals or
    fractions, never on binary floats)."""
    if isinstance(value, Fraction):
        scaled = value * 10**places
        sign = -1 if scaled < 0 else 1
        scaled = abs(scaled)
        whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
        return Decimal(sign * whole).scaleb(-places)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded(value: Decimal | Fraction | None, places: int = 2) -> float | None:
    """:func:`round_half_up` as the number a report shows (None stays None: undefined)."""
    return None if value is None else float(round_half_up(value, places))


def thousands(number: int) -> str:
    """1048576 -> '1.048.576', as Indonesian writes it."""
    return f"{number:,}".replace(",", ".")


def decimal(number: float, places: int = 0) -> str:
    """1234.5 -> '1.234,5' (places=1), as Indonesian writes it."""
    return f"{number:,.{places}f}".translate(str.maketrans(",.", ".,"))
