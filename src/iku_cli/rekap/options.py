"""The settings of a rekap run; the command line fills them from its options and iku.toml."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from iku_cli.limits import DEFAULT_LIMITS, Limits
from iku_cli.rekap.targets import CapaianScale
from iku_cli.rekap.vocab import DEFAULT_VOCABULARY, INDICATOR_NAME, Vocabulary


class PeriodKind(StrEnum):
    """How the year is broken down (the value is the option's word and the JSON's)."""

    YEAR = "tahun"
    HALF = "semester"
    QUARTER = "triwulan"
    MONTH = "bulan"


@dataclass
class Options:
    """Settings of a run."""

    vocab: Vocabulary = DEFAULT_VOCABULARY
    include_hidden: bool = False
    tahun: int | None = None
    indikator: str = INDICATOR_NAME
    kecamatan: str | None = None
    kabupaten: str | None = None
    periode: PeriodKind = PeriodKind.YEAR
    target: float | None = None
    target_triwulan: tuple[float, ...] | None = None
    capaian_maks: float | None = None
    scale: CapaianScale = field(default_factory=CapaianScale)
    per_kecamatan: bool = False
    limits: Limits = DEFAULT_LIMITS
    required_units: tuple[str, ...] = ()  # units that must report (the config lists them)

    def __post_init__(self) -> None:
        self.periode = PeriodKind(self.periode)  # also when given as its word
