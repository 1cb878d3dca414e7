"""The row-level sheets of the summary workbook, as column data for :mod:`.streamed`:

- Rincian: one row per counted activity (exactly the denominator),
- Tidak Dihitung: every other activity row, with why,
- Masalah: every problem of the run.

Every row names its source (file, sheet, Excel row), so each number can be traced back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from iku_cli.problems import Problem, Severity
from iku_cli.rekap.model import Activities, Result
from iku_cli.render.common.streamed import Column, StreamedTable

RINCIAN = "Rincian"
TIDAK_DIHITUNG = "Tidak Dihitung"
MASALAH = "Masalah"

PROBLEM_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    # (header, key in Problem.to_dict(), kind, widest)
    ("Tingkat", "tingkat", "text", 11),
    ("Kode", "kode", "text", 24),
    ("Berkas", "berkas", "wrap", 26),
    ("Sheet", "sheet", "text", 16),
    ("Baris", "baris", "number", 8),
    ("Kolom", "kolom", "wrap", 18),
    ("Sel", "sel", "text", 8),
    ("Nilai", "nilai", "wrap", 24),
    ("Pesan (apa yang harus diperbaiki)", "pesan", "wrap", 70),
)


def rincian_table(result: Result) -> StreamedTable:
    store = result.activities
    picked = [i for i, reason in enumerate(store.reason) if reason is None]
    return StreamedTable(RINCIAN, [
        Column("No", range(1, len(picked) + 1), "number"),
        *_activity_columns(store, picked, kecamatan=bool(result.per_subdistrict)),
    ])


def not_counted_table(result: Result) -> StreamedTable:
    store = result.activities
    picked = [i for i, reason in enumerate(store.reason) if reason is not None]
    notes = _row_notes(result.problems)
    return StreamedTable(TIDAK_DIHITUNG, [
        Column("No", range(1, len(picked) + 1), "number"),
        Column("Alasan tidak dihitung", [store.reason[i] for i in picked], "wrap", 18),
        *_activity_columns(store, picked, kecamatan=bool(result.per_subdistrict)),
        Column("Masalah di baris ini", [
            notes.get((store.file[i], store.sheet[i] or None, store.row[i]), "") for i in picked
        ], "wrap", 45),
    ])


def problems_table(problems: Sequence[Problem], title: str = MASALAH) -> StreamedTable:
    rows = [problem.to_dict() for problem in problems]
    return StreamedTable(title, [
        Column(header, [row[key] for row in rows], kind, widest)
        for header, key, kind, widest in PROBLEM_COLUMNS
    ])


def _activity_columns(store: Activities, picked: list[int], *, kecamatan: bool) -> list[Column]:
    """Unit, date, activity, evidence, number, followed up, result, then the source."""
    def take(values: Sequence[Any]) -> list[Any]:
        return [values[i] for i in picked]

    columns = [Column("Unit kerja", take(store.unit), "wrap", 22)]
    if kecamatan and len(store.subdistrict) == len(store):
        columns.append(Column("Kecamatan", take(store.subdistrict), "wrap", 16))
    columns += [
        Column("Tanggal", take(store.date), "date"),
        Column("Uraian kegiatan", take(store.text), "wrap", 40),
        Column("Jenis bukti dukung", [", ".join(store.evidence[i]) for i in picked],
               "wrap", 20),
        Column("Nomor bukti", take(store.number), "wrap", 18),
        Column("Ditindaklanjuti", ["Ya" if store.followed[i] else "Tidak" for i in picked]),
        Column("Hasil tindak lanjut", take(store.result), "wrap", 22),
        Column("Berkas", take(store.file), "wrap", 22),
        Column("Sheet", take(store.sheet), "wrap", 14),
        Column("Baris", take(store.row), "number"),
    ]
    return columns


def _row_notes(problems: Sequence[Problem]) -> dict[tuple[str, str | None, int], str]:
    """The galat and peringatan messages of each row, to show beside a row not counted."""
    notes: dict[tuple[str, str | None, int], list[str]] = {}
    for problem in problems:
        if problem.row is not None and problem.severity != Severity.INFO:
            notes.setdefault((problem.file, problem.sheet or None, problem.row), []).append(
                problem.message
            )
    return {key: "\n".join(messages) for key, messages in notes.items()}
