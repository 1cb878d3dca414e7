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


# The list a section gets back (`iku periksa -o`): where to look and what to do first, the
# code last and narrow, the file as the section knows it (its name, not the operator's path).
SECTION_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Tingkat", "tingkat", 11),
    ("Berkas", "berkas_pendek", 24),
    ("Sheet", "sheet", 14),
    ("Sel", "sel", 7),
    ("Kolom", "kolom", 18),
    ("Nilai", "nilai", 22),
    ("Masalah dan cara memperbaikinya", "pesan", 80),
    ("Kode", "kode", 12),
)


def short_name(path: str) -> str:
    """'masuk/2026/rekap_kesos.xlsx' -> 'rekap_kesos.xlsx' (also with Windows slashes)."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def problem_sheet(ws: Worksheet, problems: Sequence[Problem], *,
                  for_sections: bool = False) -> None:
    """Every problem, with its place and what to do (also the IKM workbook's Masalah sheet).
    ``for_sections``: the columns of the list that goes back to a section."""
    columns = SECTION_COLUMNS if for_sections else PROBLEM_COLUMNS
    write_row(ws, 1, [header for header, _, _ in columns], bold=True, fill=HEADER_FILL)
    message = next(i for i, (_, key, _) in enumerate(columns, start=1) if key == "pesan")
    for index, problem in enumerate(problems, start=2):
        data = problem.to_dict()
        data["berkas_pendek"] = short_name(problem.file)
        if for_sections and not data["sel"] and data["baris"]:
            data["sel"] = f"baris {data['baris']}"
        write_row(ws, index, [data[key] for _, key, _ in columns])
        ws.cell(row=index, column=message).alignment = Alignment(wrap_text=True,
                                                                 vertical="top")
    set_widths(ws, [width for _, _, width in columns])
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(problems) + 1, 2)}"
    fit_heights(ws, 2)  # LibreOffice does not grow a wrapped row by itself
    print_setup(ws, title_rows="1:1")
