"""The IKM workbook (`iku ikm -o ikm.xlsx`): a summary with a chart of NRR per unsur, the
processing table laid out the way offices publish it, and the problem list.

Values, not formulas: the file records exactly what iku computed (exact NRR, the index
rounded once) and any program reads it without recalculating. Text from the input is always
written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.atomic import write_saved_atomically
from iku_cli.ikm.core import PROFILE_LABELS
from iku_cli.ikm.model import IkmResult
from iku_cli.ikm.vocab import BANDS, INDEX_NAME, REGULATION
from iku_cli.marker import Kind
from iku_cli.render.common.excel import (
    BOLD,
    BORDER,
    FONT_NAME,
    HEADER_FILL,
    new_workbook,
    print_setup,
    put,
    set_widths,
    write_row,
)
from iku_cli.render.common.problem_sheet import problem_sheet
from iku_cli.render.ikm.terminal import order_note, weight_text
from iku_cli.version import __version__

SUMMARY_SHEET, PROCESSING_SHEET, PROBLEM_SHEET = "Ringkasan IKM", "Pengolahan IKM", "Masalah"
PROCESSING_TITLE = (
    "PENGOLAHAN DATA SURVEI KEPUASAN MASYARAKAT PER RESPONDEN DAN PER UNSUR PELAYANAN"
)
NRR_FORMAT, WEIGHTED_FORMAT, INDEX_FORMAT, PERCENT_FORMAT = "0.000", "0.0000", "0.00", "0.00"
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _place_line(result: IkmResult) -> str:
    parts = [f"Kecamatan {result.kecamatan}" if result.kecamatan else "",
             f"Tahun {result.tahun}" if result.tahun else ""]
    return " · ".join(part for part in parts if part)


def _f(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def write_ikm_workbook(result: IkmResult, target: Path) -> None:
    workbook = new_workbook(Kind.IKM)
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    _summary_sheet(summary, result)
    _processing_sheet(workbook.create_sheet(PROCESSING_SHEET), result)
    problem_sheet(workbook.create_sheet(PROBLEM_SHEET), result.problems)
    workbook.properties.title = INDEX_NAME
    workbook.properties.creator = "iku"
    write_saved_atomically(Path(target), workbook.save)


# --- Ringkasan ---------------------------------------------------------------------------------


def _summary_sheet(ws: Worksheet, result: IkmResult) -> None:
    """Title, the nine unsur with NRR and nilai, the IKM, its mutu and kinerja, the priorities,
    and (when the data has them) the IKM per service and the respondents' profile."""
    put(ws, 1, 1, f"{INDEX_NAME.upper()} ({REGULATION})").font = TITLE_FONT
    put(ws, 2, 1, _place_line(result) or "-")
    put(ws, 3, 1, f"{result.responden} responden · bobot {weight_text(result)} · "
                  f"{order_note(result)}")
    put(ws, 4, 1, f"Dibuat: {dt.datetime.now():%d/%m/%Y %H:%M} oleh iku {__version__}"
                  + ("" if result.complete else " — TIDAK LENGKAP (ada input tak terbaca)"))
    header = 6
    row = _unsur_rows(ws, result, header)
    row = _index_lines(ws, result, row + 2)
    row = _service_rows(ws, result, row)
    _profile_rows(ws, result, row)
    set_widths(ws, [8, 44, 22, 12, 16, 16, 8, 14])
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    print_setup(ws)
    if result.responden:
        _chart(ws, header + 1, header + len(result.unsur))


def _unsur_rows(ws: Worksheet, result: IkmResult, header: int) -> int:
    """One row per unsur, then the sum of NRR tertimbang and the IKM; returns the last row."""
    write_row(ws, header, ["Kode", "Unsur pelayanan", "Jumlah nilai", "NRR", "NRR tertimbang",
                           "Nilai (NRR × 25)", "Mutu", "Kinerja"], bold=True, fill=HEADER_FILL)
    row = header
    for score in result.unsur:
        row += 1
        write_row(ws, row, [score.kode, score.nama, score.jumlah_nilai, _f(score.nrr),
                            _f(score.nrr_tertimbang),
                            None if score.nilai is None else float(score.nilai),
                            score.mutu, score.kinerja])
        _formats(ws, row, {4: NRR_FORMAT, 5: WEIGHTED_FORMAT, 6: INDEX_FORMAT})
    weighted = [s.nrr_tertimbang for s in result.unsur if s.nrr_tertimbang is not None]
    row += 1
    write_row(ws, row, ["", "Jumlah NRR tertimbang", sum(s.jumlah_nilai for s in result.unsur),
                        None, _f(sum(weighted, Fraction(0))) if weighted else None, None, None,
                        None], bold=True)
    _formats(ws, row, {5: WEIGHTED_FORMAT})
    index = result.index
    row += 1
    write_row(ws, row, ["IKM", "IKM = Jumlah NRR tertimbang × 25", None, None, None,
                        None if index.ikm is None else float(index.ikm), index.mutu,
                        index.kinerja], bold=True)
    _formats(ws, row, {6: INDEX_FORMAT})
    return row


def _index_lines(ws: Worksheet, result: IkmResult, row: int) -> int:
    """The IKM, mutu, kinerja, priorities, survey period and sample, label beside value;
    returns the last row written."""
    index = result.index
    put(ws, row, 1, "IKM unit pelayanan").font = BOLD
    put(ws, row, 3, None if index.ikm is None else float(index.ikm)).number_format = INDEX_FORMAT
    ws.cell(row=row, column=3).font = Font(name=FONT_NAME, bold=True, size=14)
    lines: list[tuple[str, str]] = [
        ("Mutu pelayanan", index.mutu or "-"),
        ("Kinerja unit pelayanan", index.kinerja or "-"),
        ("Prioritas perbaikan", "; ".join(f"{s.kode} {s.nama}" for s in result.prioritas) or "-"),
    ]
    if result.periode:
        first, last = result.periode
        lines.append(("Periode survei", f"{first:%d/%m/%Y} – {last:%d/%m/%Y}"))
    if result.sample is not None:
        sample = result.sample
        lines.append(("Sampel minimum",
                      f"{sample.minimum} untuk populasi {sample.populasi} (Krejcie–Morgan): "
                      + ("cukup" if sample.enough else
                         f"KURANG {sample.minimum - sample.responden} responden")))
    for label, value in lines:
        row += 1
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 3, value)
    return row


def _service_rows(ws: Worksheet, result: IkmResult, row: int) -> int:
    """The IKM per jenis layanan, when the survey has the column; returns the last row."""
    if not result.per_layanan:
        return row
    row += 2
    put(ws, row, 1, "IKM per jenis layanan").font = BOLD
    row += 1
    write_row(ws, row, ["", "Jenis layanan", "Responden", "IKM", "Mutu", "Kinerja"],
              bold=True, fill=HEADER_FILL)
    for service in result.per_layanan:
        row += 1
        ikm = service.index.ikm
        write_row(ws, row, ["", service.layanan, service.index.responden,
                            None if ikm is None else float(ikm), service.index.mutu,
                            service.index.kinerja])
        _formats(ws, row, {4: INDEX_FORMAT})
    return row


def _profile_rows(ws: Worksheet, result: IkmResult, row: int) -> None:
    """The respondents' profile (gender, age, education, ...), when the survey has it."""
    if not result.profil:
        return
    row += 2
    put(ws, row, 1, "Profil responden").font = BOLD
    row += 1
    write_row(ws, row, ["", "Aspek", "Kategori", "Jumlah", "Persentase (%)"], bold=True,
              fill=HEADER_FILL)
    for name, counts in result.profil.items():
        for count in counts:
            row += 1
            write_row(ws, row, ["", PROFILE_LABELS[name], count.kategori, count.jumlah,
                                float(count.persen)])
            _formats(ws, row, {5: PERCENT_FORMAT})


def _formats(ws: Worksheet, row: int, formats: dict[int, str]) -> None:
    for column, number_format in formats.items():
        ws.cell(row=row, column=column).number_format = number_format


def _chart(ws: Worksheet, first: int, last: int) -> None:
    """A bar chart of NRR per unsur (scale 1–4) beside the table."""
    chart = BarChart()
    chart.type = "col"
    chart.title = "NRR per unsur pelayanan"
    chart.y_axis.title = "NRR"
    chart.x_axis.title = "Unsur"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 4
    chart.y_axis.majorUnit = 1
    chart.y_axis.number_format = "0.0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides axes unless told
    chart.y_axis.delete = False
    chart.legend = None
    values = Reference(ws, min_col=4, min_row=first - 1, max_row=last)
    categories = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(categories)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.dataLabels.numFmt = NRR_FORMAT
    chart.height, chart.width = 8.5, 17.0
    ws.add_chart(chart, f"J{first - 1}")


# --- Pengolahan -------------------------------------------------------------------------------


def _processing_sheet(ws: Worksheet, result: IkmResult) -> None:
    """Respondents × U1–U9, then Σ nilai, NRR, NRR tertimbang, their sum and the IKM — the
    table offices publish — with its legend and the regulation's conversion table."""
    n_unsur = len(result.unsur)
    top, sub = _processing_header(ws, result)
    row = sub
    for number, respondent in enumerate(result.respondents, start=1):
        row += 1
        origin = " › ".join(part for part in (respondent.sheet, f"baris {respondent.row}")
                            if part)
        write_row(ws, row, [number, *respondent.answers, origin])
    first, last = sub + 1, row
    row = _processing_totals(ws, result, row)
    row = _processing_legend(ws, result, row + 2)
    _conversion_table(ws, row + 2)
    set_widths(ws, [31, *([9] * n_unsur), 28])
    for column in range(2, n_unsur + 2):
        for r in range(first, last + 1):
            ws.cell(row=r, column=column).alignment = Alignment(horizontal="center")
    ws.freeze_panes = ws.cell(row=sub + 1, column=2)
    print_setup(ws, landscape=False, title_rows=f"{top}:{sub}")


def _processing_header(ws: Worksheet, result: IkmResult) -> tuple[int, int]:
    """The title lines and the two header rows (No. Resp | NILAI UNSUR PELAYANAN over U1..U9 |
    Asal data); returns the header's two rows."""
    n_unsur = len(result.unsur)
    last_col = n_unsur + 2  # No | U1..U9 | Asal data
    lines = [PROCESSING_TITLE,
             f"KECAMATAN {result.kecamatan.upper()}" if result.kecamatan else "",
             f"TAHUN {result.tahun}" if result.tahun else ""]
    row = 0
    for text in (line for line in lines if line):
        row += 1
        cell = put(ws, row, 1, text)
        cell.font = TITLE_FONT
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    top = row + 2
    sub = top + 1
    for column, text in ((1, "No. Resp"), (last_col, "Asal data (sheet, baris)")):
        put(ws, top, column, text)
        ws.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    put(ws, top, 2, "NILAI UNSUR PELAYANAN")
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=n_unsur + 1)
    for position, score in enumerate(result.unsur):
        put(ws, sub, position + 2, score.kode)
    for r in (top, sub):
        for column in range(1, last_col + 1):
            cell = ws.cell(row=r, column=column)
            cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BORDER, CENTER
    return top, sub


def _processing_totals(ws: Worksheet, result: IkmResult, row: int) -> int:
    """Σ nilai, NRR and NRR tertimbang per unsur, their sum, the IKM and its mutu, under the
    respondents; returns the last row written."""
    n_unsur = len(result.unsur)
    weighted = [s.nrr_tertimbang for s in result.unsur]
    rows = (
        ("Σ Nilai/Unsur", [s.jumlah_nilai for s in result.unsur], None),
        ("NRR/Unsur", [_f(s.nrr) for s in result.unsur], NRR_FORMAT),
        ("NRR tertimbang/Unsur", [_f(w) for w in weighted], WEIGHTED_FORMAT),
    )
    for label, values, number_format in rows:
        row += 1
        write_row(ws, row, [label, *values], bold=True)
        if number_format:
            for column in range(2, n_unsur + 2):
                ws.cell(row=row, column=column).number_format = number_format
    index = result.index
    total = sum((w for w in weighted if w is not None), Fraction(0))
    for label, value, number_format in (
        ("*) Jumlah NRR IKM tertimbang", _f(total) if result.responden else None,
         WEIGHTED_FORMAT),
        ("**) IKM Unit Pelayanan", None if index.ikm is None else float(index.ikm),
         INDEX_FORMAT),
    ):
        row += 1
        write_row(ws, row, [label], bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=n_unsur + 1)
        cell = put(ws, row, 2, value)
        cell.number_format, cell.font, cell.border = number_format, BOLD, BORDER
        cell.alignment = Alignment(horizontal="center")
    row += 1
    write_row(ws, row, ["Mutu pelayanan", f"{index.mutu} ({index.kinerja})" if index.mutu
                        else "-"], bold=True)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=n_unsur + 1)
    return row


def _processing_legend(ws: Worksheet, result: IkmResult, row: int) -> int:
    """What each line and sign of the table means; returns the last row written."""
    put(ws, row, 1, "Keterangan:").font = BOLD
    legend = [
        f"U1 s.d. U{len(result.unsur)} = unsur-unsur pelayanan:",
        *(f"   {s.kode} = {s.nama}" for s in result.unsur),
        "NRR = Nilai rata-rata",
        "IKM = Indeks Kepuasan Masyarakat",
        "*) = Jumlah NRR tertimbang",
        "**) = Jumlah NRR tertimbang × 25 (dibulatkan ke 2 desimal)",
        f"NRR per unsur = jumlah nilai per unsur dibagi jumlah responden ({result.responden})",
        f"NRR tertimbang = NRR per unsur × {weight_text(result)}",
        f"Urutan unsur: {order_note(result)}",
    ]
    for text in legend:
        row += 1
        put(ws, row, 1, text)
    return row


def _conversion_table(ws: Worksheet, row: int) -> None:
    """The regulation's table: nilai persepsi, interval, interval konversi, mutu, kinerja."""
    put(ws, row, 1, f"Nilai persepsi, interval, mutu dan kinerja ({REGULATION})").font = BOLD
    # five columns over the narrow answer columns: (first, last) sheet columns of each
    spans = ((1, 1), (2, 3), (4, 5), (6, 7), (8, 10))
    table = [("Nilai persepsi", "Nilai interval (NI)", "Nilai interval konversi (NIK)",
              "Mutu pelayanan", "Kinerja unit pelayanan")]
    table += [(str(b.persepsi), b.interval, b.interval_konversi, b.mutu, b.kinerja)
              for b in reversed(BANDS)]
    for position, band_row in enumerate(table):
        row += 1
        for (start, end), shown in zip(spans, band_row, strict=True):
            cell = put(ws, row, start, shown)
            cell.alignment = CENTER
            for column in range(start, end + 1):
                ws.cell(row=row, column=column).border = BORDER
                if position == 0:
                    ws.cell(row=row, column=column).fill = HEADER_FILL
            if position == 0:
                cell.font = BOLD
            if end > start:
                ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        ws.row_dimensions[row].height = 30 if position == 0 else 15
