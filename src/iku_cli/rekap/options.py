"""The settings of a rekap run; the command line fills them from its options and iku.toml."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from iku_cli.limits import DEFAULT_LIMITS, Limits
from iku_cli.rekap.model import EarlierYear, RenstraTarget
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
    year: int | None = None  # --tahun: only activities dated in it count
    indicator: str = INDICATOR_NAME
    subdistrict: str | None = None  # kecamatan
    regency: str | None = None  # kabupaten
    period: PeriodKind = PeriodKind.YEAR
    target: float | None = None
    quarter_targets: tuple[float, ...] | None = None  # target_triwulan
    achievement_cap: float | None = None  # capaian_maks
    scale: CapaianScale = field(default_factory=CapaianScale)
    per_subdistrict: bool = False
    limits: Limits = DEFAULT_LIMITS
    required_units: tuple[str, ...] = ()  # units that must report (the config lists them)
    history: tuple[EarlierYear, ...] = ()  # [riwayat] and --riwayat: earlier years' figures
    renstra: RenstraTarget | None = None  # [renstra]: the final target

    def __post_init__(self) -> None:
        self.period = PeriodKind(self.period)  # also when given as its word
