"""Plain data passed between the stages: the activity store and the result of a count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from iku_cli.inputs.sources import FileSource
from iku_cli.numbers import rounded
from iku_cli.problems import Problem, count_by_severity

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
    # the sheet's title block's; gaps are filled after reading (workbook, folder, config)
    subdistrict: list[str | None] = field(default_factory=list)
    # the column letter of the activity's text cell (one string object per table): where a
    # problem about the whole activity points, e.g. a duplicate's "C12"
    text_column: list[str] = field(default_factory=list)
    # every text (number) is plain ASCII as text.plain_ascii_joined takes it, vouched by the
    # normaliser that found each table's column so: the duplicate keys fold it at once
    plain_text: bool = True
    plain_number: bool = True

    def __len__(self) -> int:
        return len(self.row)

    def add_table(
        self, *, file: str, sheet: str, subdistrict: str | None, rows: list[int],
        units: list[str], dates: list[dt.date | None], texts: list[str],
        evidence: list[tuple[str, ...]], numbers: list[str], followed: list[bool],
        results: list[str], reasons: list[str | None], text_column: str = "",
        plain_texts: bool = False, plain_numbers: bool = False,
    ) -> None:
        """Append one table's activities, column by column (no call per row); every column
        holds one value per row. ``plain_texts``/``plain_numbers``: the caller found that
        column plain (see :attr:`plain_text`)."""
        n = len(rows)
        columns = (units, dates, texts, evidence, numbers, followed, results, reasons)
        if any(len(column) != n for column in columns):
            raise ValueError(f"activity columns of {file} › {sheet} out of step")
        self.file.extend([file] * n)
        self.sheet.extend([sheet] * n)
        self.subdistrict.extend([subdistrict] * n)
        self.text_column.extend([text_column] * n)
        self.row.extend(rows)
        self.unit.extend(units)
        self.date.extend(dates)
        self.text.extend(texts)
        self.evidence.extend(evidence)
        self.number.extend(numbers)
        self.followed.extend(followed)
        self.result.extend(results)
        self.reason.extend(reasons)
        self.plain_text = self.plain_text and plain_texts
        self.plain_number = self.plain_number and plain_numbers

    def extend(self, other: Activities) -> None:
        """Append every activity of another store (of the files after this one's)."""
        self.file.extend(other.file)
        self.sheet.extend(other.sheet)
        self.subdistrict.extend(other.subdistrict)
        self.text_column.extend(other.text_column)
        self.row.extend(other.row)
        self.unit.extend(other.unit)
        self.date.extend(other.date)
        self.text.extend(other.text)
        self.evidence.extend(other.evidence)
        self.number.extend(other.number)
        self.followed.extend(other.followed)
        self.result.extend(other.result)
        self.reason.extend(other.reason)
        self.plain_text = self.plain_text and other.plain_text
        self.plain_number = self.plain_number and other.plain_number

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
                "kecamatan": self.subdistrict if self.subdistrict else [None] * len(self.row),
            }
        )


def percent(numerator: int, denominator: int) -> Decimal | None:
    """Unrounded percentage; None when the denominator is 0 (undefined, never 0 or 100)."""
    if denominator == 0:
        return None
    return Decimal(numerator * 100) / Decimal(denominator)


@dataclass(frozen=True)
class Count:
    """jumlah (denominator), ditindaklanjuti (numerator) and the percentage."""

    counted: int  # jumlah: the activities with valid evidence (the denominator)
    followed_up: int  # ditindaklanjuti: those followed up (the numerator)

    @property
    def exact_percent(self) -> Decimal | None:
        return percent(self.followed_up, self.counted)

    @property
    def percent(self) -> float | None:
        """persentase, rounded half-up to 2 decimals; None when nothing was counted."""
        return rounded(self.exact_percent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "jumlah": self.counted,
            "ditindaklanjuti": self.followed_up,
            "persentase": self.percent,
        }


@dataclass(frozen=True)
class Achievement:
    """Realisasi against a target: capaian = realisasi / target × 100, and its category."""

    target: float | None = None
    percent: float | None = None  # capaian, rounded
    category: str | None = None  # kategori

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "capaian": self.percent, "kategori": self.category}


@dataclass(frozen=True)
class UnitCount(Count):
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, **super().to_dict()}


@dataclass(frozen=True)
class PeriodCount:
    """One period (or 'Tanpa tanggal'), for the office (unit None) or one unit."""

    period: str  # its label, e.g. 'Triwulan I'
    unit: str | None
    count: Count
    cumulative: Count | None  # January up to this period; None for 'Tanpa tanggal'
    achievement: Achievement | None = None  # quarterly targets, on the cumulative realisation

    def to_dict(self) -> dict[str, Any]:
        data = {
            "periode": self.period,
            "unit": self.unit,
            **self.count.to_dict(),
            "kumulatif": None if self.cumulative is None else self.cumulative.to_dict(),
        }
        if self.unit is None:
            data.update((self.achievement or Achievement()).to_dict())
        return data


@dataclass(frozen=True)
class SubdistrictCount:
    """One kecamatan of a kabupaten roll-up, with its units."""

    subdistrict: str
    count: Count
    units: list[UnitCount]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kecamatan": self.subdistrict,
            **self.count.to_dict(),
            "unit": [unit.to_dict() for unit in self.units],
        }


# --- earlier years and the Renstra (rekap/history.py compares them) ---------------------------

# Where an earlier year's figure came from, most trusted first (EarlierYear.trust).
TRUST_CONFIG, TRUST_RESULT_FILE, TRUST_INPUTS = 0, 1, 2


@dataclass(frozen=True)
class EarlierYear:
    """One earlier year as given: realisasi (%), its target if known, and where it came from."""

    year: int
    realisation: float
    source: str  # "iku.toml", the --riwayat file's name, or "rekap"
    target: float | None = None
    count: Count | None = None  # jumlah and ditindaklanjuti, when a count stands behind it
    trust: int = TRUST_CONFIG


@dataclass(frozen=True)
class YearFigure:
    """One year of the comparison: realisasi, target, capaian and category."""

    year: int
    realisation: float | None
    achievement: Achievement
    source: str
    count: Count | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tahun": self.year,
            "realisasi": self.realisation,
            "target": self.achievement.target,
            "capaian": self.achievement.percent,
            "kategori": self.achievement.category,
            "jumlah": None if self.count is None else self.count.counted,
            "ditindaklanjuti": None if self.count is None else self.count.followed_up,
            "sumber": self.source,
        }


@dataclass(frozen=True)
class RenstraTarget:
    """[renstra]: the Renstra's final year and its target for this indicator."""

    final_year: int
    final_target: float


@dataclass(frozen=True)
class RenstraFigure:
    """This year's realisasi against the Renstra's final target."""

    final_year: int
    final_target: float
    achievement: Achievement  # realisasi / target_akhir × 100

    def to_dict(self) -> dict[str, Any]:
        return {"tahun_akhir": self.final_year, "target_akhir": self.final_target,
                "capaian": self.achievement.percent}


@dataclass
class Result:
    """What ``hitung`` returns and every renderer formats."""

    indicator: str
    subdistrict: str | None  # kecamatan
    year: int | None
    complete: bool  # lengkap: every input could be read
    total: Count
    units: list[UnitCount]
    evidence: dict[str, int]  # counted activities per evidence type
    problems: list[Problem]
    sources: list[FileSource]
    activities: Activities
    periods: list[PeriodCount] = field(default_factory=list)
    achievement: Achievement = field(default_factory=Achievement)
    regency: str | None = None  # kabupaten
    per_subdistrict: list[SubdistrictCount] = field(default_factory=list)
    period_kind: str = "tahun"
    not_reported: list[str] = field(default_factory=list)  # belum melapor: required units
    undated: Count = field(default_factory=lambda: Count(0, 0))  # counted, without a date
    # the office's quarters (cumulative, against target_triwulan), whatever --periode asked
    quarters: list[PeriodCount] = field(default_factory=list)
    history: list[YearFigure] = field(default_factory=list)  # riwayat: earlier years, then this
    renstra: RenstraFigure | None = None
    made_at: str | None = None  # dibuat: when the command ran (ISO 8601); None from Python

    @property
    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.problems)

    def undated_note(self) -> str | None:
        """With a period breakdown and undated activities: why the last period's cumulative
        figure and the year's differ, and which one is reported."""
        if not self.periods or not self.undated.counted:
            return None
        dated = [p for p in self.periods if p.unit is None and p.cumulative is not None]
        last = dated[-1] if dated else None
        undated = self.undated
        text = (f"{undated.counted} kegiatan tanpa tanggal ({undated.followed_up} "
                f"ditindaklanjuti) ikut angka tahunan tetapi tidak masuk {self.period_kind} mana "
                "pun")
        if last is not None and last.cumulative is not None:
            text += (f", sehingga kumulatif s.d. {last.period} "
                     f"({last.cumulative.followed_up}/{last.cumulative.counted}) berbeda dari "
                     f"angka tahunan ({self.total.followed_up}/{self.total.counted})")
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

    def sent_dict(self) -> dict[str, Any]:
        """What a kabupaten needs of this result (``iku gabung``): the JSON without the problem
        list, the periods and the sheets — counts, belum_melapor, problem counts, every input
        file's SHA-256. The summary workbook carries it in a hidden sheet."""
        data = self.to_dict()
        data["masalah"] = {key: data["masalah"][key] for key in ("galat", "peringatan", "info")}
        data["periode"], data["per_kecamatan"] = [], []
        data["sumber"] = [{"berkas": s["berkas"], "sha256": s["sha256"]} for s in data["sumber"]]
        return data

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON schema (versi_skema 1)."""
        counts = self.counts_by_severity
        return {
            "versi_skema": 1,
            "dibuat": self.made_at,
            "indikator": self.indicator,
            "kecamatan": self.subdistrict,
            "kabupaten": self.regency,
            "tahun": self.year,
            "lengkap": self.complete,
            "total": {**self.total.to_dict(), **self.achievement.to_dict()},
            "unit": [unit.to_dict() for unit in self.units],
            "belum_melapor": self.not_reported,
            "tanpa_tanggal": {"jumlah": self.undated.counted,
                              "ditindaklanjuti": self.undated.followed_up},
            "periode": [period.to_dict() for period in self.periods],
            "per_kecamatan": [kecamatan.to_dict() for kecamatan in self.per_subdistrict],
            "riwayat": [year.to_dict() for year in self.history],
            "renstra": None if self.renstra is None else self.renstra.to_dict(),
            "bukti": self.evidence,
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

    complete: bool
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
            "lengkap": self.complete,
            "galat": counts["galat"],
            "peringatan": counts["peringatan"],
            "info": counts["info"],
            "daftar": [problem.to_dict() for problem in self.problems],
            "berkas": [self.file_summary(source) for source in self.sources],
        }
