"""`iku periksa` on a terminal: problems grouped by file and sheet, galat first."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from iku_cli.problems import Problem, Severity
from iku_cli.rekap.model import Report
from iku_cli.rekap.vocab import Vocabulary
from iku_cli.render.common.console import counts_line
from iku_cli.text import shown as escaped

_STYLE = {Severity.GALAT: "bold red", Severity.PERINGATAN: "yellow", Severity.INFO: "dim"}


def _galat_first(problem: Problem) -> tuple[int, int]:
    return (problem.severity.rank, problem.row or 0)


def _group_title(file: str, sheet: str | None) -> str:
    return escaped(f"{file} › {sheet}" if sheet else file)


def print_report(report: Report, console: Console, verbose: bool) -> None:
    """One table per file/sheet; within it galat, then peringatan, then info, by row."""
    shown = [p for p in report.problems if verbose or p.severity is not Severity.INFO]
    if not shown:
        console.print("Tidak ada masalah. Rekap siap dihitung.", style="green")
        return
    narrow = console.width < NARROW  # a table's message column would be a sliver
    for (file, sheet), items in groupby(shown, key=lambda p: (p.file, p.sheet)):
        ordered = sorted(items, key=_galat_first)
        if narrow:
            _print_blocks(console, _group_title(file, sheet), ordered, verbose)
            continue
        table = Table(title=_group_title(file, sheet), title_justify="left", expand=True,
                      title_style="bold")
        table.add_column("Tingkat", no_wrap=True)
        table.add_column("Sel", justify="right", no_wrap=True)
        table.add_column("Kolom", max_width=20)
        table.add_column("Nilai", max_width=20, overflow="fold")
        table.add_column("Masalah dan perbaikannya", ratio=1)
        for problem in ordered:
            message = Text(escaped(problem.message))
            if verbose:  # the code is for whoever looks it up; the section reads the words
                message.append(f"  [{problem.code}]", style="dim")
            table.add_row(
                Text(str(problem.severity), style=_STYLE[problem.severity]),
                problem.cell or ("" if problem.row is None else str(problem.row)),
                escaped(problem.column or ""),
                escaped(problem.value or ""),
                message,
            )
        console.print(table)


NARROW = 100  # columns below which problems are listed as blocks, not a table


def _print_blocks(console: Console, title: str, problems: list[Problem], verbose: bool) -> None:
    """Each problem as a short head line (level, cell, column, value) and its message under
    it, indented: readable at 80 columns."""
    console.print(Text(title, style="bold"))
    for problem in problems:
        head = Text("  ")
        head.append(f"{problem.severity}", style=_STYLE[problem.severity])
        where = problem.cell or ("" if problem.row is None else f"baris {problem.row}")
        if where:
            head.append(f"  {where}", style="bold")
        if problem.column:
            head.append(f"  {escaped(problem.column)}")
        if problem.value:
            head.append(f": {escaped(problem.value)}")
        if verbose:
            head.append(f"  [{problem.code}]", style="dim")
        console.print(head, overflow="fold")
        body = Text(escaped(problem.message))
        console.print(Padding(body, (0, 0, 0, 4)))
    console.print()


def print_file_summaries(report: Report, console: Console) -> None:
    """A line per file: rows read, activities counted, galat/peringatan; under it, each sheet
    with the unit it was counted for (a misnamed file shows here, before anyone signs) — then
    the totals."""
    for source in report.sources:
        summary = report.file_summary(source)
        if not source.readable:
            line = f"{escaped(source.display)}: tidak terbaca"
        else:
            line = (
                f"{escaped(source.display)}: {summary['sheet']} sheet, "
                f"{summary['baris_kegiatan']} baris "
                f"kegiatan, {summary['terhitung']} terhitung — {summary['galat']} galat, "
                f"{summary['peringatan']} peringatan"
            )
        console.print(line, markup=False, highlight=False)
        for sheet in source.sheets:
            if sheet.skipped is not None or not sheet.activity_rows:
                continue
            units = ", ".join(sheet.units) or sheet.unit or "tanpa unit"
            console.print(f"  {escaped(sheet.name or '(CSV)')} → {escaped(units)} "
                          f"({sheet.activity_rows} baris, "
                          f"{sheet.counted} terhitung)", markup=False, highlight=False)
    console.print(counts_line(report.counts_by_severity, verbose=False))


def units_by_sheet(report: Report, vocab: Vocabulary) -> dict[tuple[str, str | None], str]:
    """(file, sheet) -> the unit (short name) whose section head gets that sheet's problems;
    problems of a whole file (unreadable) go to 'Berkas'."""
    short = {unit.name: unit.short for unit in vocab.units}
    units: dict[tuple[str, str | None], str] = {}
    for source in report.sources:
        units[(source.display, None)] = "Berkas"
        for sheet in source.sheets:
            name = sheet.unit or sheet.name or "Berkas"
            units[(source.display, sheet.name or None)] = short.get(name, name)
    return units
