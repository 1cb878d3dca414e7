"""The summary workbook (`iku hitung -o ringkasan.xlsx`) and the problem list workbook.

The summary must stand on its own for an inspector: every number traceable to a row of a source
file (Rincian, Tidak Dihitung, Sumber), nothing lost, nothing that runs. Counts are written as
values; text that came from the input is always written as text, never as a formula (openpyxl
would turn any string starting with '=' into one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.atomic import write_atomically, write_saved_atomically
from iku_cli.marker import RESULT_CHUNK, RESULT_SHEET, Kind
from iku_cli.problems import Problem
from iku_cli.rekap.model import Result
from iku_cli.render.common.excel import (
    FONT_NAME,
    HEADER_FILL,
    new_workbook,
    print_setup,
    set_widths,
    sheet_name,
    write_row,
)
from iku_cli.render.common.problem_sheet import problem_sheet
from iku_cli.render.common.signature import Signatory
from iku_cli.render.common.streamed import Prepared, prepare_sheet, save
from iku_cli.render.rekap.detail_sheets import not_counted_table, problems_table, rincian_table
from iku_cli.render.rekap.summary_sheets import (
    footer,
    write_evidence,
    write_kecamatan,
    write_lkjip,
    write_periods,
    write_ringkasan,
    write_sources,
)
from iku_cli.runinfo import RunInfo


def write_summary(result: Result, target: Path, run: RunInfo | None = None,
                  signatory: Signatory | None = None) -> None:
    """Every sheet of the summary workbook, written atomically to ``target``."""
    workbook, tables = build_summary(result, run or RunInfo(), signatory or Signatory())
    write_atomically(target, lambda path: save(workbook, tables, path))


def build_summary(result: Result, run: RunInfo, signatory: Signatory | None = None
                  ) -> tuple[Workbook, dict[str, Prepared]]:
    """The workbook with its small sheets filled and the big ones prepared (header only)."""
    workbook = new_workbook(Kind.SUMMARY)
    ws = workbook.active
    ws.title = "Ringkasan"
    write_ringkasan(ws, result, run, signatory or Signatory())
    write_lkjip(workbook.create_sheet("Pengukuran Kinerja"), result, run)
    if result.periods:
        write_periods(workbook.create_sheet("Per Periode"), result, run)
    if result.per_subdistrict:
        write_kecamatan(workbook.create_sheet("Per Kecamatan"), result, run)
    write_evidence(workbook.create_sheet("Bukti"), result, run)
    tables: dict[str, Prepared] = {}
    for table in (rincian_table(result), not_counted_table(result),
                  problems_table(result.problems)):
        tables[table.title] = prepare_sheet(workbook.create_sheet(table.title), table,
                                            footer(run))
    write_sources(workbook.create_sheet("Sumber"), result, run)
    write_result_sheet(workbook, result)
    return workbook, tables


def write_result_sheet(workbook: Workbook, result: Result) -> None:
    """The result in the hidden sheet `iku gabung` reads (the same JSON a kecamatan could send
    instead), so the kabupaten rolls up the numbers, never re-counts the rows."""
    ws = workbook.create_sheet(RESULT_SHEET)
    ws.sheet_state = "hidden"
    text = json.dumps(result.sent_dict(), ensure_ascii=False, separators=(",", ":"))
    for row, start in enumerate(range(0, len(text), RESULT_CHUNK), start=1):
        ws.cell(row=row, column=1).value = text[start:start + RESULT_CHUNK]
        ws.cell(row=row, column=1).data_type = "s"  # JSON text, never a formula


SEVERITY_ORDER = {"galat": 0, "peringatan": 1, "info": 2}
ADVICE = (
    "Daftar ini berisi masalah yang ditemukan iku di rekap unit Anda, satu sheet per unit: "
    "galat lebih dulu (kegiatan itu TIDAK dihitung sampai diperbaiki), lalu peringatan "
    "(dihitung, tetapi periksa kebenarannya).",
    "Buka berkas rekap Anda, cari sheet dan sel yang disebut, perbaiki sesuai kolom 'Masalah "
    "dan cara memperbaikinya', lalu kirim ulang rekapnya ke operator kecamatan.",
)


def write_problem_workbook(
    problems: Sequence[Problem], units_of: dict[tuple[str, str | None], str], target: Path,
    *, with_info: bool = False,
) -> None:
    """The problem list for section heads (`iku periksa -o`): a first sheet saying what to
    do, then one sheet per unit (plus one for the files as a whole), galat first, then
    peringatan, and info only when asked for (-v)."""
    shown = [p for p in problems if with_info or str(p.severity) != "info"]
    shown.sort(key=lambda p: SEVERITY_ORDER[str(p.severity)])  # stable: file order kept
    groups: dict[str, list[Problem]] = {}
    for problem in shown:
        name = units_of.get((problem.file, problem.sheet or None), "Umum")  # CSV: sheet ""
        groups.setdefault(name, []).append(problem)
    workbook = new_workbook(Kind.PROBLEMS)
    guide = workbook.active
    guide.title = "Petunjuk"
    _guide(guide, groups)
    used: set[str] = {"petunjuk"}
    for name, items in groups.items():
        title = sheet_name(name, used)
        used.add(title.casefold())
        problem_sheet(workbook.create_sheet(title), items, for_sections=True)
    write_saved_atomically(target, workbook.save)


def _guide(ws: Worksheet, groups: dict[str, list[Problem]]) -> None:
    """Two sentences on what to do with the list, and how many problems each unit has."""
    from openpyxl.styles import Alignment, Font

    ws.cell(row=1, column=1, value="Daftar masalah rekap").font = Font(
        name=FONT_NAME, bold=True, size=14)
    for row, text in enumerate(ADVICE, start=3):
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 48
    write_row(ws, 6, ["Unit", "Galat", "Peringatan"], bold=True, fill=HEADER_FILL)
    for row, (name, items) in enumerate(groups.items(), start=7):
        severities = [str(p.severity) for p in items]
        write_row(ws, row, [name, severities.count("galat"), severities.count("peringatan")])
    if not groups:
        ws.cell(row=7, column=1, value="Tidak ada masalah: rekap siap dihitung.")
    set_widths(ws, [70, 10, 12])
    print_setup(ws, landscape=False)
