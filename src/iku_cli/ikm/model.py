"""Plain data of an IKM run: respondents as read, the scores, and the result's JSON shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from iku_cli.ikm.vocab import BANDS, Band
from iku_cli.inputs.sources import FileSource
from iku_cli.numbers import round_half_up, rounded
from iku_cli.problems import Problem, count_by_severity

# Decimals shown (and written to JSON) for NRR and NRR tertimbang; the index is computed from
# the exact values and only it is rounded for the result (2 decimals).
NRR_PLACES, WEIGHTED_PLACES = 3, 4


@dataclass(frozen=True, slots=True)
class Respondent:
    """One respondent row with nine valid answers, in the order in use (U1..U9)."""

    file: str
    sheet: str
    row: int  # Excel row
    answers: tuple[int, ...]
    number: str = ""  # the sheet's own No, as written
    layanan: str | None = None  # as written (cleaned); "" blank; None: the table has no column
    date: dt.date | None = None
    profile: dict[str, str] = field(default_factory=dict)  # profile field -> category


def band_of(value: Decimal) -> Band:
    """The conversion-table row of a value on the 25..100 scale, already rounded to 2
    decimals: 88.31 is A, 88.30 is B (no gaps; anything under 65.00 is D)."""
    for band in BANDS:
        if value >= band.lowest:
            return band
    return BANDS[-1]


@dataclass(frozen=True)
class UnsurScore:
    kode: str  # "U1".."U9" in the order in use
    nama: str
    jumlah_nilai: int
    responden: int
    bobot: Fraction

    @property
    def nrr(self) -> Fraction | None:
        """Sum of answers / respondents; None without respondents."""
        return Fraction(self.jumlah_nilai, self.responden) if self.responden else None

    @property
    def nrr_tertimbang(self) -> Fraction | None:
        nrr = self.nrr
        return None if nrr is None else nrr * self.bobot

    @property
    def nilai(self) -> Decimal | None:
        """The unsur on the 25..100 scale (NRR x 25), rounded half-up to 2 decimals: its mutu
        is read from the conversion table like the index's."""
        nrr = self.nrr
        return None if nrr is None else round_half_up(nrr * 25)

    @property
    def mutu(self) -> str | None:
        nilai = self.nilai
        return None if nilai is None else band_of(nilai).mutu

    @property
    def kinerja(self) -> str | None:
        nilai = self.nilai
        return None if nilai is None else band_of(nilai).kinerja

    def to_dict(self) -> dict[str, Any]:
        nrr, weighted = self.nrr, self.nrr_tertimbang
        return {
            "kode": self.kode,
            "nama": self.nama,
            "jumlah_nilai": self.jumlah_nilai,
            "nrr": None if nrr is None else rounded(nrr, NRR_PLACES),
            "nrr_tertimbang": None if weighted is None else rounded(weighted, WEIGHTED_PLACES),
            "mutu": self.mutu,
        }


@dataclass(frozen=True)
class Index:
    """An IKM over some respondents: exact value, rounded value, band."""

    responden: int
    exact: Fraction | None  # None without respondents
    ikm: Decimal | None
    mutu: str | None
    kinerja: str | None


@dataclass(frozen=True)
class ServiceIndex:
    layanan: str
    index: Index

    def to_dict(self) -> dict[str, Any]:
        return {
            "layanan": self.layanan,
            "responden": self.index.responden,
            "ikm": None if self.index.ikm is None else float(self.index.ikm),
            "mutu": self.index.mutu,
            "kinerja": self.index.kinerja,
        }


@dataclass(frozen=True)
class ProfileCount:
    kategori: str
    jumlah: int
    total: int

    @property
    def persen(self) -> Decimal:
        return round_half_up(Fraction(self.jumlah * 100, self.total))

    def to_dict(self) -> dict[str, Any]:
        return {"kategori": self.kategori, "jumlah": self.jumlah, "persen": float(self.persen)}


@dataclass(frozen=True)
class SampleCheck:
    populasi: int
    minimum: int
    responden: int

    @property
    def enough(self) -> bool:
        return self.responden >= self.minimum

    def to_dict(self) -> dict[str, Any]:
        return {"populasi": self.populasi, "minimum": self.minimum, "cukup": self.enough}


@dataclass(frozen=True)
class EarlierIkm:
    """[ikm.riwayat]: an earlier survey's IKM, as reported."""

    year: int
    ikm: float
    source: str


@dataclass(frozen=True)
class IkmYear:
    """One year of the IKM trend: the index, its mutu and kinerja, where it came from."""

    year: int
    ikm: float | None
    mutu: str | None
    kinerja: str | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"tahun": self.year, "ikm": self.ikm, "mutu": self.mutu, "kinerja": self.kinerja,
                "sumber": self.source}


def ikm_trend(earlier: Sequence[EarlierIkm], year: int | None, index: Index) -> list[IkmYear]:
    """Earlier surveys oldest first, then this one; [] without earlier ones. A year not before
    this survey's is left out (the caller names it)."""
    rows = []
    for entry in sorted(earlier, key=lambda e: e.year):
        if year is not None and entry.year >= year:
            continue
        band = band_of(round_half_up(Decimal(str(entry.ikm))))
        rows.append(IkmYear(entry.year, entry.ikm, band.mutu, band.kinerja, entry.source))
    if rows and year is not None:
        rows.append(IkmYear(year, None if index.ikm is None else float(index.ikm), index.mutu,
                            index.kinerja, "survei ini"))
    return rows


@dataclass
class IkmResult:
    """What :func:`iku_cli.ikm.ikm` returns and every IKM renderer formats."""

    bobot_key: str  # "0.111", "1/9" or "0.11"
    bobot: Fraction
    order_key: str
    order_description: str
    mapping: str  # "nama", "kode", "campuran" or "" (no table)
    recoded: tuple[tuple[int, int], ...]  # (code written in the sheet, code reported) by name
    unsur: list[UnsurScore]
    index: Index
    prioritas: list[UnsurScore]
    per_layanan: list[ServiceIndex]
    profil: dict[str, list[ProfileCount]]
    respondents: list[Respondent]
    problems: list[Problem]
    sources: list[FileSource]
    complete: bool = True  # lengkap: every input could be read
    tables: int = 0
    kecamatan: str | None = None
    tahun: int | None = None
    periode: tuple[dt.date, dt.date] | None = None
    sample: SampleCheck | None = None
    history: list[IkmYear] = field(default_factory=list)  # riwayat: earlier surveys, then this

    @property
    def responden(self) -> int:
        return len(self.respondents)

    @property
    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.problems)

    @property
    def tables_found(self) -> bool:
        return self.tables > 0

    @property
    def sheets_read(self) -> int:
        return sum(1 for f in self.sources for s in f.sheets if s.skipped is None)

    @property
    def rows_listed(self) -> int:
        return sum(s.activity_rows for f in self.sources for s in f.sheets)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `iku ikm --format json` (versi_skema 1)."""
        counts = self.counts_by_severity
        index = self.index
        return {
            "versi_skema": 1,
            "responden": self.responden,
            "bobot": float(self.bobot),
            "unsur": [score.to_dict() for score in self.unsur],
            "ikm": None if index.ikm is None else float(index.ikm),
            "mutu": index.mutu,
            "kinerja": index.kinerja,
            "prioritas": [
                {"kode": s.kode, "nama": s.nama, "nrr": rounded(s.nrr, NRR_PLACES),
                 "mutu": s.mutu}
                for s in self.prioritas
            ],
            "per_layanan": [service.to_dict() for service in self.per_layanan],
            "sampel": None if self.sample is None else self.sample.to_dict(),
            "riwayat": [year.to_dict() for year in self.history],
            "profil": {
                name: [count.to_dict() for count in counts_]
                for name, counts_ in self.profil.items()
            },
            "masalah": {
                "galat": counts["galat"],
                "peringatan": counts["peringatan"],
                "info": counts["info"],
                "daftar": [problem.to_dict() for problem in self.problems],
            },
        }
