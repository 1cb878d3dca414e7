"""The problem list as a worksheet: every problem with its place and what to do (the Masalah
sheet of the IKM workbook, and the sheets of `iku periksa -o`)."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.problems import Problem
from iku_cli.render.common.excel import (
    HEADER_FILL,
    fit_heights,
    print_setup,
    set_widths,
    write_row,
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
    fit_heights(ws, 2)  # LibreOffice does not grow a wrapped row by itself
    print_setup(ws, title_rows="1:1")
