"""The small sheets of the summary workbook: Ringkasan, Pengukuran Kinerja, Per Periode,
Per Kecamatan, Bukti and Sumber. Every value goes through :func:`.excel.put` (text stays text);
counts are values, and the only formulas are the auditor's check beside the TOTAL row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.numbers import decimal
from iku_cli.rekap.model import Count, PeriodCount, Result
from iku_cli.render.common.excel import (
    BOLD,
    BORDER,
    COUNT_FORMAT,
    FONT_NAME,
    HEADER_FILL,
    PERCENT_FORMAT,
    fit_heights,
    fit_widths,
    print_setup,
    put,
    write_row,
)
from iku_cli.render.common.signature import FILL_IN_HINT, Signatory, long_date, signature_lines
from iku_cli.runinfo import RunInfo

TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
GREY_FONT = Font(name=FONT_NAME, color="808080")
TOTAL_TOP = Border(left=BORDER.left, right=BORDER.right, bottom=BORDER.bottom,
                   top=Side(style="medium", color="000000"))
UNIT_HEADERS = ["Unit kerja", "Jumlah F&K", "Ditindaklanjuti", "Persentase (%)"]
CHECK_HEADERS = ["Rumus: Jumlah F&K", "Rumus: Ditindaklanjuti", "Rumus: Persentase (%)"]
DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
PLACEHOLDER_FILL = PatternFill("solid", fgColor="FFFF00")


def footer(run: RunInfo) -> str:
    return f"iku {run.version} · dibuat {run.started_at:%d/%m/%Y %H:%M}"


def _header(ws: Worksheet, row: int, values: Sequence[Any], start: int = 1) -> None:
    for column, value in enumerate(values, start=start):
        cell = put(ws, row, column, value)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _formats(ws: Worksheet, row: int, formats: dict[int, str]) -> None:
    for column, number_format in formats.items():
        ws.cell(row=row, column=column).number_format = number_format


def _finish(ws: Worksheet, header_row: int, last_column: int, last_row: int, run: RunInfo,
            *, freeze_column: int = 1, fit_to: int | None = None) -> None:
    """Frozen header, autofilter over the table, fitting widths, print setup."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=freeze_column)
    last = get_column_letter(last_column)
    ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row + 1)}"
    fit_widths(ws, header_row, last_row=fit_to or last_row)
    print_setup(ws, title_rows=f"{header_row}:{header_row}", footer=footer(run))


def _count_row(ws: Worksheet, row: int, label: str, count: Count, *, bold: bool = False) -> None:
    write_row(ws, row, [label, count.counted, count.followed_up, count.percent],
              bold=bold)
    _formats(ws, row, {2: COUNT_FORMAT, 3: COUNT_FORMAT, 4: PERCENT_FORMAT})


# --- Ringkasan ---------------------------------------------------------------------------------


def title_block(result: Result, run: RunInfo) -> list[tuple[str, Any]]:
    """(label, value) lines under the indicator: where, when, what period, how complete."""
    counts = result.counts_by_severity
    lines: list[tuple[str, Any]] = [("Kecamatan", result.subdistrict or "-")]
    if result.regency:
        lines.append(("Kabupaten", result.regency))
    lines += [
        ("Tahun", result.year if result.year is not None else "-"),
        ("Periode", reported_period(result)),
        ("Tanggal kegiatan", period_covered(result)),
    ]
    if result.periods:
        lines.append(("Rincian periode", f"per {result.period_kind} (sheet Per Periode)"))
    lines.append(("Dibuat", f"{run.started_at:%d/%m/%Y %H:%M} oleh iku {run.version}"))
    if not result.complete:
        lines.append(("Kelengkapan", "TIDAK LENGKAP: ada input yang tidak terbaca "
                                     "(lihat sheet Masalah)"))
    if result.not_reported:
        lines.append(("Belum melapor", ", ".join(result.not_reported)))
    lines.append(("Masalah", f"{counts['galat']} galat, {counts['peringatan']} peringatan, "
                             f"{counts['info']} info (sheet Masalah)"))
    return lines


def period_covered(result: Result) -> str:
    """The dates the counted activities span, e.g. '3 Januari 2026 s.d. 28 Maret 2026'."""
    store = result.activities
    dates = [d for d, reason in zip(store.date, store.reason, strict=True)
             if reason is None and d is not None]
    undated = sum(1 for d, reason in zip(store.date, store.reason, strict=True)
                  if reason is None and d is None)
    text = (f"{long_date(min(dates))} s.d. {long_date(max(dates))}" if dates
            else "tidak ada kegiatan bertanggal")
    if undated:
        text += f" (ditambah {undated} kegiatan tanpa tanggal)"
    return text


QUARTER_NAMES = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")


def reported_period(result: Result) -> str:
    """The period the report covers, as a report names it: 'Tahun 2026' once the activities
    reach the last quarter, else the quarters so far ('Triwulan I 2026', 's.d. Triwulan III
    2026'); '-' when the year is not known."""
    if result.year is None:
        return "-"
    store = result.activities
    quarters = {(d.month - 1) // 3 for d, reason in zip(store.date, store.reason, strict=True)
                if reason is None and d is not None and d.year == result.year}
    last = max(quarters, default=3)
    if last == 3:
        return f"Tahun {result.year}"
    return f"{'' if last == 0 else 's.d. '}{QUARTER_NAMES[last]} {result.year}"


def write_ringkasan(ws: Worksheet, result: Result, run: RunInfo,
                    signatory: Signatory | None = None, *, chart: bool = True) -> None:
    """Title block, the Pengukuran Kinerja line (with a target), the per-unit table with
    TOTAL (and its check formulas beside it), the signature block (when a signatory is given,
    placeholders for what iku.toml does not say), and a column chart of the percentage per
    unit with the target as a line; printed on one page."""
    put(ws, 1, 1, result.indicator).font = TITLE_FONT
    row = 1
    for label, value in title_block(result, run):
        row += 1
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 2, value).alignment = Alignment(horizontal="left")
    first_table_row = row + 2  # the title block above may overflow; it does not set widths
    if result.achievement.target is not None:
        row = _pengukuran_line(ws, row + 2, result)
    header_row = row + 2
    _header(ws, header_row, UNIT_HEADERS)
    row = header_row
    for unit in result.units:
        row += 1
        _count_row(ws, row, unit.unit, unit)
    total_row = row + 1
    _count_row(ws, total_row, "TOTAL", result.total, bold=True)
    for column in range(1, 5):
        ws.cell(row=total_row, column=column).border = TOTAL_TOP
    if result.units:
        _check_formulas(ws, header_row, total_row)
    _finish(ws, header_row, 4, total_row, run)
    fit_widths(ws, first_table_row, last_row=total_row)
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 16)
    for column in range(6, 9):
        ws.column_dimensions[get_column_letter(column)].width = 14
    fit_heights(ws, first_table_row)
    last_row = total_row
    if signatory is not None:
        last_row = _signature_block(ws, total_row + 2, result, run, signatory)
    if chart and result.units:
        last_row = _unit_chart(ws, header_row, total_row - 1, last_row + 2,
                               result.achievement.target)
    ws.page_setup.fitToHeight = 1  # what a signer reads: one page
    ws.print_area = f"A1:H{last_row}"


def _signature_block(ws: Worksheet, row: int, result: Result, run: RunInfo,
                     signatory: Signatory) -> int:
    """Place and date, position, room to sign, name, rank, NIP in columns C–D."""
    lines = signature_lines(signatory, result.subdistrict, run.started_at.date())
    for line in lines:
        row += 1
        if line.role == "space":
            row += 2
            continue
        cell = put(ws, row, 3, line.text)
        cell.font = Font(name=FONT_NAME, bold=line.role in ("position", "name"),
                         underline="single" if line.role == "name" else None)
        if line.placeholder:
            cell.fill = PLACEHOLDER_FILL
    if any(line.placeholder for line in lines):
        row += 1
        put(ws, row, 3, f"({FILL_IN_HINT})").font = NOTE_FONT
    return row


def _pengukuran_line(ws: Worksheet, row: int, result: Result) -> int:
    achievement = result.achievement
    _header(ws, row, ["Pengukuran Kinerja", "Target (%)", "Realisasi (%)", "Capaian (%)",
                      "Kategori"])
    write_row(ws, row + 1, ["Total", achievement.target, result.total.percent,
                            achievement.percent, achievement.category or "-"])
    _formats(ws, row + 1, {2: PERCENT_FORMAT, 3: PERCENT_FORMAT, 4: PERCENT_FORMAT})
    return row + 1


def _check_formulas(ws: Worksheet, header_row: int, total_row: int) -> None:
    """Beside the TOTAL values: the same totals as formulas, for an auditor to compare."""
    first, last = header_row + 1, total_row - 1
    for offset, text in enumerate(CHECK_HEADERS):
        cell = put(ws, header_row, 6 + offset, text)
        cell.font, cell.alignment = NOTE_FONT, Alignment(wrap_text=True, vertical="center")
    cells = {
        6: f"=SUM(B{first}:B{last})",
        7: f"=SUM(C{first}:C{last})",
        8: f'=IF(F{total_row}=0,"",ROUND(G{total_row}/F{total_row}*100,2))',
    }
    for column, formula in cells.items():
        cell = ws.cell(row=total_row, column=column, value=formula)  # ours: a formula on purpose
        cell.font = NOTE_FONT
        cell.number_format = PERCENT_FORMAT if column == 8 else COUNT_FORMAT


TARGET_COLUMN = 10  # J: the target beside each unit, the chart's line (hidden, not printed)


def _unit_chart(ws: Worksheet, header_row: int, last_unit_row: int, anchor_row: int,
                target: float | None) -> int:
    """Columns per unit, the target as a line across them; returns the last row it covers."""
    chart = BarChart()
    chart.type = "col"
    chart.title = "Persentase ditindaklanjuti per unit kerja (%)"
    data = Reference(ws, min_col=4, min_row=header_row, max_row=last_unit_row)
    chart.add_data(data, titles_from_data=True)
    categories = Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_unit_row)
    chart.set_categories(categories)
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes otherwise
    # every flag explicit: LibreOffice shows series and category names unless told not to
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                     showLegendKey=False, showPercent=False)
    chart.dataLabels.numFmt = PERCENT_FORMAT
    chart.y_axis.number_format = "0"
    chart.legend = None
    if target is not None:
        put(ws, header_row, TARGET_COLUMN, f"Target {decimal(target, 2)}%").font = NOTE_FONT
        for row in range(header_row + 1, last_unit_row + 1):
            ws.cell(row=row, column=TARGET_COLUMN, value=target)
        ws.column_dimensions[get_column_letter(TARGET_COLUMN)].hidden = True
        line = LineChart()
        line.add_data(Reference(ws, min_col=TARGET_COLUMN, min_row=header_row,
                                max_row=last_unit_row), titles_from_data=True)
        line.series[0].graphicalProperties.line.solidFill = "C0392B"
        line.series[0].graphicalProperties.line.width = 28575  # 2.25 pt
        line.series[0].smooth = False
        chart += line
        chart.legend = Legend(legendPos="b")
    chart.visible_cells_only = False  # the target column is hidden; its line is not
    chart.width, chart.height = 24, 9.0
    ws.add_chart(chart, f"A{anchor_row}")
    return anchor_row + 18  # 9 cm of 15-point rows


# --- Pengukuran Kinerja ----------------------------------------------------------------------


def write_lkjip(ws: Worksheet, result: Result, run: RunInfo) -> None:
    """The LKjIP / e-SAKIP Pengukuran Kinerja table, with its notes under it."""
    from iku_cli.render.rekap.lkjip import LKJIP_COLUMNS, lkjip_notes, lkjip_rows, lkjip_title

    put(ws, 1, 1, lkjip_title(result)).font = TITLE_FONT
    _header(ws, 3, LKJIP_COLUMNS)
    row = 3
    for values in lkjip_rows(result):
        row += 1
        write_row(ws, row, values)
        _formats(ws, row, {5: PERCENT_FORMAT, 6: PERCENT_FORMAT, 7: PERCENT_FORMAT})
        for column in (2, 3):
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                  vertical="top")
    last = row
    row += 1
    for label, text in lkjip_notes(result):
        row += 1
        put(ws, row, 2, label).font = BOLD
        put(ws, row, 3, text)
    row = _history_rows(ws, row + 2, result)
    _finish(ws, 3, len(LKJIP_COLUMNS), last, run)
    for letter, width in zip("ABCDEFG", (5, 34, 40, 9, 10, 11, 12), strict=True):
        ws.column_dimensions[letter].width = width
    fit_heights(ws, 3)


HISTORY_HEADERS = ("Tahun", "Target (%)", "Realisasi (%)", "Capaian (%)", "Jumlah F&K",
                   "Ditindaklanjuti", "Sumber")


def _history_rows(ws: Worksheet, row: int, result: Result) -> int:
    """Earlier years and the Renstra's final target, as the JSON and the LKjIP draft show
    them; returns the last row written."""
    if result.history:
        put(ws, row, 1, "Perbandingan dengan tahun-tahun sebelumnya").font = BOLD
        row += 1
        _header(ws, row, HISTORY_HEADERS)
        for year in result.history:
            row += 1
            count = year.count
            write_row(ws, row, [year.year, year.achievement.target, year.realisation,
                                year.achievement.percent,
                                None if count is None else count.counted,
                                None if count is None else count.followed_up, year.source])
            _formats(ws, row, {2: PERCENT_FORMAT, 3: PERCENT_FORMAT, 4: PERCENT_FORMAT})
        row += 2
    if result.renstra is not None:
        renstra = result.renstra
        put(ws, row, 1, "Target akhir Renstra").font = BOLD
        row += 1
        _header(ws, row, ["Tahun akhir", "Target akhir (%)", "Realisasi (%)",
                          "Capaian thd target akhir (%)"])
        row += 1
        write_row(ws, row, [renstra.final_year, renstra.final_target, result.total.percent,
                            renstra.achievement.percent])
        _formats(ws, row, {2: PERCENT_FORMAT, 3: PERCENT_FORMAT, 4: PERCENT_FORMAT})
    return row


# --- Per Periode -------------------------------------------------------------------------------

MEASURES = ("Jumlah F&K", "Ditindaklanjuti", "Persentase (%)")


def write_periods(ws: Worksheet, result: Result, run: RunInfo) -> None:
    """Units × periods: for each unit three rows (jumlah, ditindaklanjuti, %) so that the
    autofilter on 'Ukuran' shows one measure across every period; then TOTAL, the cumulative
    rows and, with quarterly targets, target, capaian and category."""
    periods = list(dict.fromkeys(p.period for p in result.periods))
    cells = {(p.period, p.unit): p for p in result.periods}
    put(ws, 1, 1, f"{result.indicator} per {result.period_kind}").font = TITLE_FONT
    put(ws, 2, 1, "Kumulatif: sejak Januari sampai dengan akhir periode (pembilang dan "
                  "penyebut dijumlahkan, bukan rata-rata persentase).").font = NOTE_FONT
    note = result.undated_note()
    if note is not None:
        put(ws, 3, 1, note).font = NOTE_FONT
    header_row = 4
    _header(ws, header_row, ["Unit kerja", "Ukuran", *periods, "Total"])
    row = header_row
    for unit in result.units:
        counts = [cells[(label, unit.unit)].count for label in periods]
        row = _measure_rows(ws, row, unit.unit, [*counts, unit])
    row = _measure_rows(ws, row, "TOTAL", [*(cells[(p, None)].count for p in periods),
                                            result.total], bold=True)
    cumulative: list[Count | None] = [cells[(p, None)].cumulative for p in periods]
    row = _measure_rows(ws, row, "TOTAL kumulatif", [*cumulative, result.total], bold=True)
    if any(cells[(p, None)].achievement for p in periods):
        row = _target_rows(ws, row, [cells[(p, None)] for p in periods], result)
    _finish(ws, header_row, len(periods) + 3, row, run, freeze_column=3)
    for column, label in enumerate([*periods, "Total"], start=3):
        ws.column_dimensions[get_column_letter(column)].width = max(10, len(label) + 2)
    fit_heights(ws, header_row)


def _measure_rows(ws: Worksheet, row: int, label: str, counts: Sequence[Count | None],
                  *, bold: bool = False) -> int:
    for index, measure in enumerate(MEASURES):
        row += 1
        values = [None if c is None else (c.counted, c.followed_up, c.percent)[index]
                  for c in counts]
        write_row(ws, row, [label, measure, *values], bold=bold)
        if index and not bold:  # the unit's name again, quieter: one group reads as one
            ws.cell(row=row, column=1).font = GREY_FONT
        number_format = PERCENT_FORMAT if index == 2 else COUNT_FORMAT
        _formats(ws, row, {c: number_format for c in range(3, len(counts) + 3)})
        if index == 0:
            for column in range(1, len(counts) + 3):
                ws.cell(row=row, column=column).border = TOTAL_TOP
    return row


def _target_rows(ws: Worksheet, row: int, totals: list[PeriodCount], result: Result) -> int:
    """Quarterly targets, on the cumulative realisation; the year's target in Total."""
    year = result.achievement
    rows: list[tuple[str, list[Any], Any, str | None]] = [
        ("Target (%)", [t.achievement.target if t.achievement else None for t in totals],
         year.target, PERCENT_FORMAT),
        ("Capaian (%)", [t.achievement.percent if t.achievement else None for t in totals],
         year.percent, PERCENT_FORMAT),
        ("Kategori capaian", [t.achievement.category if t.achievement else None
                              for t in totals], year.category, None),
    ]
    for measure, values, whole_year, number_format in rows:
        row += 1
        write_row(ws, row, ["TOTAL kumulatif", measure, *values, whole_year], bold=True)
        if number_format:
            _formats(ws, row, {c: number_format for c in range(3, len(values) + 4)})
    return row


# --- Per Kecamatan ---------------------------------------------------------------------------


def write_kecamatan(ws: Worksheet, result: Result, run: RunInfo) -> None:
    """Each kecamatan's total, then its units; the kabupaten TOTAL last."""
    title = "Per kecamatan" + (f" — Kabupaten {result.regency}" if result.regency else "")
    put(ws, 1, 1, title).font = TITLE_FONT
    header_row = 3
    _header(ws, header_row, ["Kecamatan", *UNIT_HEADERS])
    row = header_row
    for entry in result.per_subdistrict:
        row += 1
        _kecamatan_row(ws, row, entry.subdistrict, "Jumlah kecamatan", entry.count, bold=True)
        for unit in entry.units:
            row += 1
            _kecamatan_row(ws, row, entry.subdistrict, unit.unit, unit)
    row += 1
    _kecamatan_row(ws, row, "TOTAL", "", result.total, bold=True)
    _finish(ws, header_row, 5, row, run)
    fit_heights(ws, header_row)


def _kecamatan_row(ws: Worksheet, row: int, kecamatan: str, unit: str, count: Count,
                   *, bold: bool = False) -> None:
    write_row(ws, row, [kecamatan, unit, count.counted, count.followed_up, count.percent],
              bold=bold)
    _formats(ws, row, {3: COUNT_FORMAT, 4: COUNT_FORMAT, 5: PERCENT_FORMAT})


# --- Bukti -------------------------------------------------------------------------------------


def evidence_by_unit(result: Result) -> dict[str, dict[str, int]]:
    """Counted activities per unit and evidence type (an activity with two types counts in
    both, exactly as the run's 'bukti' totals count them)."""
    store = result.activities
    table: dict[str, dict[str, int]] = {unit.unit: {} for unit in result.units}
    for unit, evidence, reason in zip(store.unit, store.evidence, store.reason, strict=True):
        if reason is None:
            per_type = table.setdefault(unit, {})
            for type_ in evidence:
                per_type[type_] = per_type.get(type_, 0) + 1
    return table


def write_evidence(ws: Worksheet, result: Result, run: RunInfo) -> None:
    types = list(result.evidence)
    table = evidence_by_unit(result)
    types += sorted({t for counts in table.values() for t in counts} - set(types))
    put(ws, 1, 1, "Bukti dukung kegiatan yang dihitung, per unit kerja").font = TITLE_FONT
    put(ws, 2, 1, "Satu kegiatan dengan dua jenis bukti dihitung di kedua kolom, sehingga "
                  "jumlah per jenis bisa melebihi Jumlah F&K.").font = NOTE_FONT
    header_row = 4
    _header(ws, header_row, ["Unit kerja", "Jumlah F&K", *types])
    row = header_row
    for unit in result.units:
        row += 1
        counts = table.get(unit.unit, {})
        write_row(ws, row, [unit.unit, unit.counted, *(counts.get(t, 0) for t in types)])
    row += 1
    totals = [sum(table.get(u.unit, {}).get(t, 0) for u in result.units) for t in types]
    write_row(ws, row, ["TOTAL", result.total.counted, *totals], bold=True)
    for column in range(1, len(types) + 3):
        ws.cell(row=row, column=column).border = TOTAL_TOP
    _finish(ws, header_row, len(types) + 2, row, run)
    for column in range(2, len(types) + 3):
        ws.column_dimensions[get_column_letter(column)].width = 14
    fit_heights(ws, header_row)


# --- Sumber ------------------------------------------------------------------------------------

SOURCE_HEADERS = ["Berkas", "Sheet", "Unit kerja", "Baris kegiatan", "Terhitung",
                  "Tidak dihitung", "Di luar tahun", "Keterangan", "Format", "Ukuran (byte)",
                  "Diubah", "SHA-256"]


def write_sources(ws: Worksheet, result: Result, run: RunInfo) -> None:
    """Each input file (bold, with its size, time and SHA-256) and under it each of its sheets;
    then how the run was made, so anyone can repeat it and compare."""
    put(ws, 1, 1, "Sumber data: setiap berkas dan sheet yang dibaca").font = TITLE_FONT
    header_row = 3
    _header(ws, header_row, SOURCE_HEADERS)
    row = header_row
    for source in result.sources:
        sheets = list(source.sheets)
        read = [s for s in sheets if s.skipped is None]
        listed = sum(s.activity_rows for s in sheets)
        counted = sum(s.counted for s in sheets)
        note = (f"{len(read)} sheet dibaca, {len(sheets) - len(read)} dilewati"
                if source.readable else "tidak terbaca (lihat sheet Masalah)")
        modified = (dt.datetime.fromtimestamp(source.modified)
                    if source.modified is not None else None)
        row += 1
        write_row(ws, row, [source.display, "(seluruh berkas)", None, listed, counted,
                            listed - counted, sum(s.outside_year for s in sheets), note,
                            source.format, source.size, modified, source.sha256], bold=True)
        _formats(ws, row, {10: COUNT_FORMAT, 11: DATETIME_FORMAT})
        for sheet in sheets:
            row += 1
            unit = ", ".join(sheet.units) or sheet.unit or ""  # a unit column: all of them
            skipped = f"dilewati: {sheet.skipped}" if sheet.skipped else None
            write_row(ws, row, [source.display, sheet.name or "(CSV)", unit,
                                sheet.activity_rows, sheet.counted,
                                sheet.activity_rows - sheet.counted, sheet.outside_year, skipped])
            ws.cell(row=row, column=1).font = NOTE_FONT
    row += 1
    listed = result.activity_rows
    write_row(ws, row, [f"TOTAL ({len(result.sources)} berkas)", None, None, listed,
                        result.total.counted, listed - result.total.counted], bold=True)
    for column in range(1, len(SOURCE_HEADERS) + 1):
        ws.cell(row=row, column=column).border = TOTAL_TOP
    _finish(ws, header_row, len(SOURCE_HEADERS), row, run)
    for letter, width in (("A", 28), ("C", 24), ("H", 22), ("K", 19), ("L", 36)):
        ws.column_dimensions[letter].width = min(width, ws.column_dimensions[letter].width or 99)
    ws.column_dimensions["L"].width = 36  # a SHA-256 on two lines
    for line in ws.iter_rows(min_row=header_row + 1, max_row=row):
        for cell in line:
            cell.alignment = Alignment(wrap_text=cell.column_letter in "ABCHL", vertical="top")
            if cell.column_letter == "L" and cell.row > header_row:
                cell.font = Font(name=FONT_NAME)  # bold hex would not fit two lines
    fit_heights(ws, header_row)
    _run_block(ws, row + 2, run)


def _run_block(ws: Worksheet, row: int, run: RunInfo) -> None:
    put(ws, row, 1, "Perhitungan").font = TITLE_FONT
    lines: list[tuple[str, Any]] = [
        ("Versi iku", run.version),
        ("Perintah", run.command),
        ("Folder kerja", run.cwd),
        ("Waktu mulai", run.started_at.strftime("%d/%m/%Y %H:%M:%S %z").strip()),
        ("Berkas pengaturan", _config_text(run.config)),
        ("Lingkungan", run.environment),
    ]
    lines += run.option_lines()
    for label, value in lines:
        row += 1
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 2, value)


def _config_text(path: Path | None) -> str:
    if path is None:
        return "(tidak ada)"
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return str(path)
    return f"{path} (SHA-256 {digest})"
