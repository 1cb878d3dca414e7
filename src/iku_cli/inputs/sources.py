"""What a run read, file by file and sheet by sheet (the audit trail both pipelines keep), and
the order problems are shown in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iku_cli.problems import Problem

RUN_PLACE = "(semua berkas)"  # the place of a problem about the whole run


@dataclass
class SheetSource:
    """One sheet of a file: read (its unit and rows) or skipped (why)."""

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
