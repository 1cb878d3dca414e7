"""The kabupaten workbook (`iku gabung -o kabupaten.xlsx`): the roll-up, a ranking with a chart,
the problems, and the audit trail from the kabupaten figure down to each kecamatan's input files.

Marked as iku's output (never read back as a rekap or as a result); counts are values, the
only formulas are the check beside TOTAL.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.atomic import write_saved_atomically
from iku_cli.marker import Kind
from iku_cli.render.common.excel import (
    BOLD,
    BORDER,
    COUNT_FORMAT,
    FONT_NAME,
    HEADER_FILL,
    PERCENT_FORMAT,
    fit_heights,
    fit_widths,
    new_workbook,
    print_setup,
    put,
    write_row,
)
from iku_cli.render.common.problem_sheet import problem_sheet
from iku_cli.rollup.model import Rollup

TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
HEADERS = ["Kecamatan", "Jumlah F&K", "Ditindaklanjuti", "Persentase (%)", "Target (%)",
           "Capaian (%)", "Kategori", "Unit belum melapor", "Galat", "Keterangan"]
SOURCE_HEADERS = ["Berkas", "Jenis", "Kecamatan", "Tahun", "Dibuat", "Dipakai", "Alasan",
                  "SHA-256"]


def write_rollup_workbook(rollup: Rollup, target: Path) -> None:
    workbook = new_workbook(Kind.ROLLUP)
    ws = workbook.active
    ws.title = "Kabupaten"
    _write_rows(ws, rollup)
    _write_ranking(workbook.create_sheet("Peringkat"), rollup)
    problem_sheet(workbook.create_sheet("Masalah"), rollup.problems)
    _write_sources(workbook.create_sheet("Sumber"), rollup)
    write_saved_atomically(target, workbook.save)


def _header(ws: Worksheet, row: int, values: Sequence[Any]) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(ws, row, column, value)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _formats(ws: Worksheet, row: int, formats: dict[int, str]) -> None:
    for column, number_format in formats.items():
        ws.cell(row=row, column=column).number_format = number_format


def _write_rows(ws: Worksheet, rollup: Rollup) -> None:
    put(ws, 1, 1, rollup.indicator).font = TITLE_FONT
    counts = rollup.counts_by_severity
    lines = [("Kabupaten", rollup.regency or "-"), ("Tahun", rollup.year or "-"),
             ("Kecamatan digabung", rollup.results_used),
             ("Belum mengirim", ", ".join(rollup.not_sent) or "-"),
             ("Masalah", f"{counts['galat']} galat, {counts['peringatan']} peringatan, "
                         f"{counts['info']} info (sheet Masalah)")]
    if not rollup.complete:
        lines.append(("Kelengkapan", "TIDAK LENGKAP: ada kiriman yang tidak terbaca atau hasil "
                                     "kecamatan yang tidak lengkap (sheet Masalah)"))
    row = 1
    for label, value in lines:
        row += 1
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 2, value).alignment = Alignment(horizontal="left")
    header_row = row + 2
    _header(ws, header_row, HEADERS)
    row = header_row
    for entry in rollup.rows:
        row += 1
        sent = entry.sent
        if sent is None:
            write_row(ws, row, [entry.name, None, None, None, None, None, None, None, None,
                                "belum mengirim"])
            continue
        notes = [] if sent.complete else ["hasil tidak lengkap"]
        write_row(ws, row, [entry.name, sent.count.counted, sent.count.followed_up,
                            sent.count.percent, sent.achievement.target,
                            sent.achievement.percent, sent.achievement.category,
                            ", ".join(sent.not_reported) or None, sent.galat,
                            "; ".join(notes) or None])
        _formats(ws, row, {2: COUNT_FORMAT, 3: COUNT_FORMAT, 4: PERCENT_FORMAT,
                           5: PERCENT_FORMAT, 6: PERCENT_FORMAT})
    total_row = row + 1
    achievement = rollup.achievement
    write_row(ws, total_row, [f"KABUPATEN {rollup.regency.upper()}" if rollup.regency
                              else "TOTAL", rollup.total.counted, rollup.total.followed_up,
                              rollup.total.percent, achievement.target, achievement.percent,
                              achievement.category], bold=True)
    _formats(ws, total_row, {2: COUNT_FORMAT, 3: COUNT_FORMAT, 4: PERCENT_FORMAT,
                             5: PERCENT_FORMAT, 6: PERCENT_FORMAT})
    # the auditor's check: the same total as formulas, beside the values
    first, last = header_row + 1, total_row - 1
    put(ws, header_row, 12, "Rumus: Σ jumlah / Σ ditindaklanjuti / %").font = NOTE_FONT
    checks = ((12, f"=SUM(B{first}:B{last})"), (13, f"=SUM(C{first}:C{last})"),
              (14, f'=IF(L{total_row}=0,"",ROUND(M{total_row}/L{total_row}*100,2))'))
    for column, formula in checks:
        cell = ws.cell(row=total_row, column=column, value=formula)
        cell.font = NOTE_FONT
        cell.number_format = PERCENT_FORMAT if column == 14 else COUNT_FORMAT
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(HEADERS))}{total_row}"
    fit_widths(ws, header_row, last_row=total_row)
    fit_heights(ws, header_row)
    print_setup(ws, title_rows=f"{header_row}:{header_row}")
    if any(entry.sent is not None for entry in rollup.rows):
        _chart(ws, header_row, last, total_row + 3, achievement.target)


def _chart(ws: Worksheet, header_row: int, last_row: int, anchor: int,
           target: float | None) -> None:
    """Columns per kecamatan; the kabupaten target as a line (from hidden column P)."""
    chart = BarChart()
    chart.type = "col"
    chart.title = "Persentase ditindaklanjuti per kecamatan (%)"
    chart.add_data(Reference(ws, min_col=4, min_row=header_row, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                     showLegendKey=False, showPercent=False)
    chart.legend = None
    if target is not None:
        put(ws, header_row, 16, "Target").font = NOTE_FONT
        for row in range(header_row + 1, last_row + 1):
            ws.cell(row=row, column=16, value=target)
        ws.column_dimensions["P"].hidden = True
        line = LineChart()
        line.add_data(Reference(ws, min_col=16, min_row=header_row, max_row=last_row),
                      titles_from_data=True)
        line.series[0].graphicalProperties.line.solidFill = "C0392B"
        chart += line
        chart.legend = Legend(legendPos="b")
        chart.visible_cells_only = False
    chart.width, chart.height = 26, 10
    ws.add_chart(chart, f"A{anchor}")


def _write_ranking(ws: Worksheet, rollup: Rollup) -> None:
    """The kecamatan that sent, highest percentage first (equal percentages share a rank)."""
    put(ws, 1, 1, "Peringkat kecamatan menurut persentase ditindaklanjuti").font = TITLE_FONT
    _header(ws, 3, ["Peringkat", "Kecamatan", "Persentase (%)", "Jumlah F&K", "Capaian (%)",
                    "Kategori"])
    ranked = sorted(((entry.name, entry.sent) for entry in rollup.rows
                     if entry.sent is not None and entry.sent.count.percent is not None),
                    key=lambda pair: (-(pair[1].count.percent or 0.0), pair[0]))
    row, rank, previous = 3, 0, None
    for position, (name, sent) in enumerate(ranked, start=1):
        percent = sent.count.percent
        rank = rank if percent == previous else position
        previous = percent
        row += 1
        write_row(ws, row, [rank, name, percent, sent.count.counted, sent.achievement.percent,
                            sent.achievement.category])
        _formats(ws, row, {3: PERCENT_FORMAT, 4: COUNT_FORMAT, 5: PERCENT_FORMAT})
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:F{max(row, 4)}"
    fit_widths(ws, 3, last_row=row)
    print_setup(ws, title_rows="3:3")


def _write_sources(ws: Worksheet, rollup: Rollup) -> None:
    """Each file sent (its SHA-256, whether it was used and why not), and under it every input
    file that kecamatan counted, with its SHA-256: from the kabupaten figure to a section's
    row."""
    put(ws, 1, 1, "Sumber: setiap berkas kiriman dan berkas rekap yang dihitung kecamatan"
        ).font = TITLE_FONT
    _header(ws, 3, SOURCE_HEADERS)
    row = 3
    for source in rollup.sources:
        row += 1
        write_row(ws, row, [source.display, source.kind, source.subdistrict, source.year,
                            None if source.made_at is None else
                            source.made_at.strftime("%d/%m/%Y %H:%M"),
                            "ya" if source.used else "tidak",
                            source.left_out or (None if source.readable else "tidak terbaca"),
                            source.sha256], bold=True)
        for name, digest in source.inputs:
            row += 1
            write_row(ws, row, [f"    {name}", "masukan kecamatan", source.subdistrict, None,
                                None, None, None, digest])
            ws.cell(row=row, column=1).font = NOTE_FONT
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:H{max(row, 4)}"
    fit_widths(ws, 3, last_row=row)
    ws.column_dimensions["H"].width = 66
    print_setup(ws, title_rows="3:3")
