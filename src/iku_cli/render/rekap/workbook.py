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

from iku_cli.atomic import write_atomically
from iku_cli.marker import RESULT_CHUNK, RESULT_SHEET, Kind
from iku_cli.problems import Problem
from iku_cli.rekap.model import Result
from iku_cli.render.common.excel import (
    new_workbook,
    sheet_name,
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
