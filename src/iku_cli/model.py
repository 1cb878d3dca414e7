"""Plain data passed between the stages: the activity store and the result of a count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from .problems import Problem, count_by_severity

if TYPE_CHECKING:
    import pandas as pd

# Why a listed activity was not counted (the Tidak Dihitung reasons).
REASON_NO_EVIDENCE = "tanpa bukti dukung yang sah"
REASON_DUPLICATE = "duplikat"
REASON_OTHER_YEAR = "di luar tahun"


@dataclass
class Activities:
    """Every activity row of the run, column by column (no object per row on the hot path)."""

    file: list[str] = field(default_factory=list)
    sheet: list[str] = field(default_factory=list)
    row: list[int] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)
    date: list[dt.date | None] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    evidence: list[tuple[str, ...]] = field(default_factory=list)
    number: list[str] = field(default_factory=list)
    followed: list[bool] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    reason: list[str | None] = field(default_factory=list)  # None: counted
    # filled per sheet by the pipeline after normalising (title block, workbook, folder)
    kecamatan: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.row)

    def append(
        self, file: str, sheet: str, row: int, unit: str, date: dt.date | None, text: str,
        evidence: tuple[str, ...], number: str, followed: bool, result: str, reason: str | None,
    ) -> None:
        self.file.append(file)
        self.sheet.append(sheet)
        self.row.append(row)
        self.unit.append(unit)
        self.date.append(date)
        self.text.append(text)
        self.evidence.append(evidence)
        self.number.append(number)
        self.followed.append(followed)
        self.result.append(result)
        self.reason.append(reason)

    def to_frame(self) -> pd.DataFrame:
        """All activities as a pandas DataFrame, for Python users (the count does not need it)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "berkas": self.file,
                "sheet": self.sheet,
                "baris": self.row,
                "unit": self.unit,
                "tanggal": self.date,
                "kegiatan": self.text,
                "bukti": self.evidence,
                "nomor_bukti": self.number,
                "ditindaklanjuti": self.followed,
                "hasil": self.result,
                "alasan": self.reason,
                "kecamatan": self.kecamatan if self.kecamatan else [None] * len(self.row),
            }
        )


def percent(numerator: int, denominator: int) -> Decimal | None:
    """Unrounded percentage; None when the denominator is 0 (undefined, never 0 or 100)."""
    if denominator == 0:
        return None
    return Decimal(numerator * 100) / Decimal(denominator)


def round_half_up(value: Decimal | None, places: int = 2) -> float | None:
    """As Excel's ROUND: 2.675 -> 2.68 (computed on exact decimals, not binary floats)."""
    if value is None:
        return None
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Count:
    """jumlah (denominator), ditindaklanjuti (numerator) and the percentage."""

    jumlah: int
    ditindaklanjuti: int

    @property
    def exact_percent(self) -> Decimal | None:
        return percent(self.ditindaklanjuti, self.jumlah)

    @property
    def persentase(self) -> float | None:
        return round_half_up(self.exact_percent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "jumlah": self.jumlah,
            "ditindaklanjuti": self.ditindaklanjuti,
            "persentase": self.persentase,
        }


@dataclass(frozen=True)
class Achievement:
    """Realisasi against a target: capaian = realisasi / target × 100, and its category."""

    target: float | None = None
    capaian: float | None = None
    kategori: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "capaian": self.capaian, "kategori": self.kategori}


@dataclass(frozen=True)
class UnitCount(Count):
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, **super().to_dict()}


@dataclass(frozen=True)
class PeriodCount:
    """One period (or 'Tanpa tanggal'), for the office (unit None) or one unit."""

    periode: str
    unit: str | None
    count: Count
    cumulative: Count | None  # January up to this period; None for 'Tanpa tanggal'
    achievement: Achievement | None = None  # quarterly targets, on the cumulative realisation

    def to_dict(self) -> dict[str, Any]:
        data = {
            "periode": self.periode,
            "unit": self.unit,
            **self.count.to_dict(),
            "kumulatif": None if self.cumulative is None else self.cumulative.to_dict(),
        }
        if self.unit is None:
            data.update((self.achievement or Achievement()).to_dict())
        return data


@dataclass(frozen=True)
class KecamatanCount:
    """One kecamatan of a kabupaten roll-up, with its units."""

    kecamatan: str
    count: Count
    units: list[UnitCount]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kecamatan": self.kecamatan,
            **self.count.to_dict(),
            "unit": [unit.to_dict() for unit in self.units],
        }


@dataclass
class SheetSource:
    name: str
    unit: str | None
    activity_rows: int = 0
    counted: int = 0
    units: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the sheet was not read, if it was not
    outside_year: int = 0  # dated activities left out by --tahun
    title_year: int | None = None  # the year the sheet's title block names

    def to_dict(self) -> dict[str, Any]:
        return {
            "nama": self.name,
            "unit": self.unit,
            "baris_kegiatan": self.activity_rows,
            "terhitung": self.counted,
            "semua_unit": self.units,
            "dilewati": self.skipped,
            "di_luar_tahun": self.outside_year,
        }


@dataclass
class FileSource:
    display: str
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    modified: float | None = None
    readable: bool = True
    sheets: list[SheetSource] = field(default_factory=list)
    skipped: str | None = None  # why the file was not read although it could be
    same_as: str | None = None  # the file with the same content, read in its place

    def to_dict(self) -> dict[str, Any]:
        return {
            "berkas": self.display,
            "sha256": self.sha256,
            "ukuran": self.size,
            "format": self.format,
            "terbaca": self.readable,
            "dilewati": self.skipped,
            "sama_dengan": self.same_as,
            "sheet": [sheet.to_dict() for sheet in self.sheets],
        }


@dataclass
class Result:
    """What ``hitung`` returns and every renderer formats."""

    indikator: str
    kecamatan: str | None
    tahun: int | None
    lengkap: bool
    total: Count
    unit: list[UnitCount]
    bukti: dict[str, int]
    problems: list[Problem]
    sources: list[FileSource]
    activities: Activities
    periode: list[PeriodCount] = field(default_factory=list)
    achievement: Achievement = field(default_factory=Achievement)
    kabupaten: str | None = None
    per_kecamatan: list[KecamatanCount] = field(default_factory=list)
    period_kind: str = "tahun"
    belum_melapor: list[str] = field(default_factory=list)  # required units without rows
    undated: Count = field(default_factory=lambda: Count(0, 0))  # counted, without a date

    @property
    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.problems)

    def undated_note(self) -> str | None:
        """With a period breakdown and undated activities: why the last period's cumulative
        figure and the year's differ, and which one is reported."""
        if not self.periode or not self.undated.jumlah:
            return None
        dated = [p for p in self.periode if p.unit is None and p.cumulative is not None]
        last = dated[-1] if dated else None
        undated = self.undated
        text = (f"{undated.jumlah} kegiatan tanpa tanggal ({undated.ditindaklanjuti} "
                f"ditindaklanjuti) ikut angka tahunan tetapi tidak masuk {self.period_kind} mana "
                "pun")
        if last is not None and last.cumulative is not None:
            text += (f", sehingga kumulatif s.d. {last.periode} "
                     f"({last.cumulative.ditindaklanjuti}/{last.cumulative.jumlah}) berbeda dari "
                     f"angka tahunan ({self.total.ditindaklanjuti}/{self.total.jumlah})")
        return (text + ". Yang dilaporkan adalah angka tahunan (Total); isi tanggalnya agar "
                "kegiatan itu masuk periodenya.")

    @property
    def has_galat(self) -> bool:
        return self.counts_by_severity["galat"] > 0

    @property
    def sheets_read(self) -> int:
        return sum(1 for f in self.sources for s in f.sheets if s.skipped is None)

    @property
    def activity_rows(self) -> int:
        return len(self.activities)

    @property
    def tables_found(self) -> bool:
        """Whether any rekap table was found at all (else nothing could be counted)."""
        return any(s.skipped is None for f in self.sources for s in f.sheets)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON schema (versi_skema 1)."""
        counts = self.counts_by_severity
        return {
            "versi_skema": 1,
            "indikator": self.indikator,
            "kecamatan": self.kecamatan,
            "kabupaten": self.kabupaten,
            "tahun": self.tahun,
            "lengkap": self.lengkap,
            "total": {**self.total.to_dict(), **self.achievement.to_dict()},
            "unit": [unit.to_dict() for unit in self.unit],
            "belum_melapor": self.belum_melapor,
            "tanpa_tanggal": {"jumlah": self.undated.jumlah,
                              "ditindaklanjuti": self.undated.ditindaklanjuti},
            "periode": [period.to_dict() for period in self.periode],
            "per_kecamatan": [kecamatan.to_dict() for kecamatan in self.per_kecamatan],
            "bukti": self.bukti,
            "masalah": {
                "galat": counts["galat"],
                "peringatan": counts["peringatan"],
                "info": counts["info"],
                "daftar": [problem.to_dict() for problem in self.problems],
            },
            "sumber": [source.to_dict() for source in self.sources],
        }


@dataclass
class Report:
    """What ``periksa`` returns: every problem of the run, and what was read per file."""

    lengkap: bool
    problems: list[Problem]
    sources: list[FileSource]

    @property
    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.problems)

    @property
    def tables_found(self) -> bool:
        return any(s.skipped is None for f in self.sources for s in f.sheets)

    @property
    def activity_rows(self) -> int:
        return sum(s.activity_rows for f in self.sources for s in f.sheets)

    def file_summary(self, source: FileSource) -> dict[str, Any]:
        """Rows read, activities counted, galat/peringatan of one file."""
        counts = count_by_severity([p for p in self.problems if p.file == source.display])
        return {
            "berkas": source.display,
            "terbaca": source.readable,
            "sheet": sum(1 for s in source.sheets if s.skipped is None),
            "baris_kegiatan": sum(s.activity_rows for s in source.sheets),
            "terhitung": sum(s.counted for s in source.sheets),
            "galat": counts["galat"],
            "peringatan": counts["peringatan"],
        }

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts_by_severity
        return {
            "versi_skema": 1,
            "lengkap": self.lengkap,
            "galat": counts["galat"],
            "peringatan": counts["peringatan"],
            "info": counts["info"],
            "daftar": [problem.to_dict() for problem in self.problems],
            "berkas": [self.file_summary(source) for source in self.sources],
        }


NO_TABLE_ADVICE = {
    "kegiatan": "setiap sheet rekap perlu judul kolom Uraian Kegiatan, Jenis Bukti Dukung dan "
                "Ditindaklanjuti",
    "responden": "setiap sheet survei perlu satu baris per responden dengan kolom U1–U9 (atau "
                 "nama kesembilan unsur pelayanan)",
}


def why_nothing_to_count(sources: list[FileSource], rows: int, what: str) -> str | None:
    """Why a run has nothing to count (exit 3), naming where iku looked; None when it has rows.
    ``what``: 'kegiatan' (rekap) or 'responden' (IKM survey). No reason is given when no file
    could be read at all: the problems say why for each."""
    if rows:
        return None
    readable = [source for source in sources if source.readable and source.skipped is None
                and source.same_as is None]
    if not readable:
        return ""
    with_table = [(source.display, sheet.name) for source in readable for sheet in source.sheets
                  if sheet.skipped is None]
    if not with_table:
        looked = ", ".join(source.display for source in readable[:5])
        more = f" dan {len(readable) - 5} berkas lain" if len(readable) > 5 else ""
        table = "tabel survei IKM" if what == "responden" else "tabel rekap"
        return (f"Tidak ada {table} yang bisa dihitung di {looked}{more}: "
                f"{NO_TABLE_ADVICE[what]}.")
    places = ", ".join(f"{file} › {sheet}" if sheet else file for file, sheet in with_table[:5])
    more = f" dan {len(with_table) - 5} sheet lain" if len(with_table) > 5 else ""
    return (f"Tidak ada satu pun baris {what}: iku menemukan judul kolom tabel di {places}{more}, "
            f"tetapi tidak ada baris {what} di bawahnya. Isi dulu datanya (templat yang masih "
            "kosong tidak bisa dihitung), lalu jalankan ulang.")


def order_problems(
    problems: list[Problem], sources: list[FileSource], run_place: str | None = None
) -> list[Problem]:
    """By file (run order), sheet (workbook order), then row; problems of no file first, those
    placed at ``run_place`` (about the whole run, e.g. too few respondents) last."""
    file_rank = {source.display: i for i, source in enumerate(sources)}
    sheet_rank = {
        (source.display, sheet.name): j
        for source in sources for j, sheet in enumerate(source.sheets)
    }
    last = len(file_rank)
    return sorted(
        problems,
        key=lambda p: (
            file_rank.get(p.file, last if run_place is not None and p.file == run_place else -1),
            -1 if p.sheet is None else sheet_rank.get((p.file, p.sheet), 0),
            -1 if p.row is None else p.row,
        ),
    )
