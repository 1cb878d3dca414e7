"""The summary workbook (`iku hitung -o ringkasan.xlsx`) and the problem list workbook.

The summary must stand on its own for an inspector: every number traceable to a row of a source
file (Rincian, Tidak Dihitung, Sumber), nothing lost, nothing that runs. Counts are written as
values; text that came from the input is always written as text, never as a formula (openpyxl
would turn any string starting with '=' into one).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..atomic import write_atomically
from ..marker import Kind
from ..model import Result
from ..problems import Problem
from ..runinfo import RunInfo
from .detail_sheets import not_counted_table, problems_table, rincian_table
from .excel import (  # noqa: F401  (re-exported: other renderers import them from here)
    BOLD,
    BORDER,
    HEADER_FILL,
    PERCENT_FORMAT,
    THIN,
    new_workbook,
    put,
    set_widths,
    sheet_name,
    write_row,
)
from .streamed import Prepared, prepare_sheet, save
from .summary_sheets import (
    footer,
    write_evidence,
    write_kecamatan,
    write_lkjip,
    write_periods,
    write_ringkasan,
    write_sources,
)

PROBLEM_COLUMNS: tuple[tuple[str, str, int], ...] = (
    # (header, key in Problem.to_dict(), width)
    ("Tingkat", "tingkat", 11),
    ("Kode", "kode", 24),
    ("Berkas", "berkas", 28),
    ("Sheet", "sheet", 16),
    ("Baris", "baris", 7),
    ("Kolom", "kolom", 22),
    ("Sel", "sel", 7),
    ("Nilai", "nilai", 24),
    ("Pesan (apa yang harus diperbaiki)", "pesan", 90),
)

def write_summary(result: Result, target: Path, run: RunInfo | None = None) -> None:
    """Every sheet of the summary workbook, written atomically to ``target``."""
    workbook, tables = build_summary(result, run or RunInfo())
    write_atomically(target, lambda path: save(workbook, tables, path))


def build_summary(result: Result, run: RunInfo) -> tuple[Workbook, dict[str, Prepared]]:
    """The workbook with its small sheets filled and the big ones prepared (header only)."""
    workbook = new_workbook(Kind.SUMMARY)
    ws = workbook.active
    ws.title = "Ringkasan"
    write_ringkasan(ws, result, run)
    write_lkjip(workbook.create_sheet("Pengukuran Kinerja"), result, run)
    if result.periode:
        write_periods(workbook.create_sheet("Per Periode"), result, run)
    if result.per_kecamatan:
        write_kecamatan(workbook.create_sheet("Per Kecamatan"), result, run)
    write_evidence(workbook.create_sheet("Bukti"), result, run)
    tables: dict[str, Prepared] = {}
    for table in (rincian_table(result), not_counted_table(result),
                  problems_table(result.problems)):
        tables[table.title] = prepare_sheet(workbook.create_sheet(table.title), table,
                                            footer(run))
    write_sources(workbook.create_sheet("Sumber"), result, run)
    return workbook, tables


def problem_sheet(ws: Worksheet, problems: Sequence[Problem]) -> None:
    """Every problem, with its place and what to do (also the IKM workbook's Masalah sheet)."""
    write_row(ws, 1, [header for header, _, _ in PROBLEM_COLUMNS], bold=True, fill=HEADER_FILL)
    for index, problem in enumerate(problems, start=2):
        data = problem.to_dict()
        write_row(ws, index, [data[key] for _, key, _ in PROBLEM_COLUMNS])
        ws.cell(row=index, column=len(PROBLEM_COLUMNS)).alignment = Alignment(wrap_text=True)
    set_widths(ws, [width for _, _, width in PROBLEM_COLUMNS])
    ws.freeze_panes = "A2"
    last = get_column_letter(len(PROBLEM_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(len(problems) + 1, 2)}"


def write_problem_workbook(
    problems: Sequence[Problem], units_of: dict[tuple[str, str | None], str], target: Path
) -> None:
    """The problem list for section heads: one sheet per unit (plus one for file-level)."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        name = units_of.get((problem.file, problem.sheet), "Umum")
        groups.setdefault(name, []).append(problem)
    workbook = new_workbook(Kind.PROBLEMS)
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, items in groups.items():
        title = sheet_name(name, used)
        used.add(title.casefold())
        problem_sheet(workbook.create_sheet(title), items)
    if not groups:
        problem_sheet(workbook.create_sheet("Masalah"), [])
    write_atomically(target, lambda path: workbook.save(path))
