"""The summary workbook (`iku hitung -o ringkasan.xlsx`) and the problem list workbook.

Counts are written as values; text that came from the input is always written as text, never
as a formula (openpyxl would turn any string starting with '=' into one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..atomic import write_atomically
from ..model import Result
from ..problems import Problem
from .excel import put, sheet_name

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
PERCENT_FORMAT = "0.00"

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


def write_row(
    ws: Worksheet, row: int, values: Sequence[Any], *, bold: bool = False,
    fill: PatternFill | None = None, border: bool = True,
) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(ws, row, column, value)
        if bold:
            cell.font = BOLD
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = BORDER


def set_widths(ws: Worksheet, widths: Iterable[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _problem_sheet(ws: Worksheet, problems: Sequence[Problem]) -> None:
    write_row(ws, 1, [header for header, _, _ in PROBLEM_COLUMNS], bold=True, fill=HEADER_FILL)
    for index, problem in enumerate(problems, start=2):
        data = problem.to_dict()
        write_row(ws, index, [data[key] for _, key, _ in PROBLEM_COLUMNS])
        ws.cell(row=index, column=len(PROBLEM_COLUMNS)).alignment = Alignment(wrap_text=True)
    set_widths(ws, [width for _, _, width in PROBLEM_COLUMNS])
    ws.freeze_panes = "A2"
    last = get_column_letter(len(PROBLEM_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(len(problems) + 1, 2)}"


def write_summary(result: Result, target: Path) -> None:
    """Ringkasan (per-unit table with TOTAL) and Masalah (every problem)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Ringkasan"
    put(ws, 1, 1, result.indikator).font = Font(bold=True, size=13)
    put(ws, 2, 1, f"Kecamatan: {result.kecamatan or '-'}")
    put(ws, 3, 1, f"Tahun: {result.tahun or '-'}")
    put(ws, 4, 1, f"Dibuat: {dt.datetime.now():%d/%m/%Y %H:%M} oleh iku {__version__}"
                  + ("" if result.lengkap else " — TIDAK LENGKAP (ada input tak terbaca)"))
    header_row = 6
    write_row(ws, header_row, ["Unit kerja", "Jumlah F&K", "Ditindaklanjuti", "Persentase (%)"],
              bold=True, fill=HEADER_FILL)
    row = header_row
    for unit in result.unit:
        row += 1
        write_row(ws, row, [unit.unit, unit.jumlah, unit.ditindaklanjuti, unit.persentase])
        ws.cell(row=row, column=4).number_format = PERCENT_FORMAT
    row += 1
    total = result.total
    write_row(ws, row, ["TOTAL", total.jumlah, total.ditindaklanjuti, total.persentase],
              bold=True)
    ws.cell(row=row, column=4).number_format = PERCENT_FORMAT
    set_widths(ws, [42, 14, 16, 16])
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)

    _lkjip_sheet(workbook.create_sheet("Pengukuran Kinerja"), result)
    _problem_sheet(workbook.create_sheet("Masalah"), result.problems)
    write_atomically(target, lambda path: workbook.save(path))


def _lkjip_sheet(ws: Worksheet, result: Result) -> None:
    """The LKjIP / e-SAKIP Pengukuran Kinerja table, with its notes under it."""
    from .lkjip import LKJIP_COLUMNS, lkjip_notes, lkjip_rows, lkjip_title

    put(ws, 1, 1, lkjip_title(result)).font = Font(bold=True, size=13)
    write_row(ws, 3, LKJIP_COLUMNS, bold=True, fill=HEADER_FILL)
    row = 3
    for values in lkjip_rows(result):
        row += 1
        write_row(ws, row, values)
        for column in (5, 6, 7):
            ws.cell(row=row, column=column).number_format = PERCENT_FORMAT
        for column in (2, 3):
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                  vertical="top")
    row += 1
    for label, text in lkjip_notes(result):
        row += 1
        put(ws, row, 2, label).font = BOLD
        put(ws, row, 3, text)
    set_widths(ws, [5, 34, 40, 9, 10, 11, 12])


def write_problem_workbook(
    problems: Sequence[Problem], units_of: dict[tuple[str, str | None], str], target: Path
) -> None:
    """The problem list for section heads: one sheet per unit (plus one for file-level)."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        name = units_of.get((problem.file, problem.sheet), "Umum")
        groups.setdefault(name, []).append(problem)
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, items in groups.items():
        title = sheet_name(name, used)
        used.add(title.casefold())
        _problem_sheet(workbook.create_sheet(title), items)
    if not groups:
        _problem_sheet(workbook.create_sheet("Masalah"), [])
    write_atomically(target, lambda path: workbook.save(path))
