"""The survey entry workbook (`iku templat --ikm`): one row per questionnaire, answers 1–4
from a dropdown, the nine unsur named, and a *Petunjuk* sheet with the regulation's questions.

The header is exactly what `iku ikm` reads: codes U1–U9 over the unsur names, the optional
columns under their standard titles. openpyxl is imported at module level: the CLI imports
this module lazily, only for `templat --ikm`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli.atomic import write_saved_atomically
from iku_cli.ikm import vocab as ikm_vocab
from iku_cli.marker import Kind
from iku_cli.render.common.excel import (
    FONT_NAME,
    MAX_ROWS,
    list_formula,
    new_workbook,
    print_setup,
    put,
)
from iku_cli.text import clean_text

SURVEY_SHEET, INSTRUCTIONS_SHEET = "Survei IKM", "Petunjuk"
TITLE = "DATA SURVEI KEPUASAN MASYARAKAT"
ANSWERS: tuple[str, ...] = ("1", "2", "3", "4")

# (field, header, width): the optional columns before the answers, in the reader's spelling.
FIELD_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("no", "No", 6),
    ("tanggal", "Tanggal", 12),
    ("layanan", "Jenis Layanan", 24),
    ("jenis_kelamin", "Jenis Kelamin", 12),
    ("umur", "Umur", 7),
    ("pendidikan", "Pendidikan", 13),
    ("pekerjaan", "Pekerjaan", 16),
)
SUGGESTION_HEADER = "Saran/Masukan"
ANSWER_WIDTH = 13.0

_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_ANSWER_FILL = PatternFill("solid", fgColor="E2EFDA")
_BOLD = Font(name=FONT_NAME, bold=True)


def header_rows() -> tuple[list[str], list[str]]:
    """The two header rows: field titles and U1..U9 over nothing / the unsur names."""
    top = [header for _, header, _ in FIELD_COLUMNS]
    top += [f"U{k}" for k in range(1, ikm_vocab.UNSUR_COUNT + 1)] + [SUGGESTION_HEADER]
    below = [""] * len(FIELD_COLUMNS) + list(ikm_vocab.UNSUR) + [""]
    return top, below


def title_lines(*, kecamatan: str | None, kabupaten: str | None, tahun: int) -> list[str]:
    lines = [TITLE]
    if kecamatan:
        lines.append(f"KECAMATAN {clean_text(kecamatan).upper()}")
    if kabupaten:
        lines.append(f"KABUPATEN {clean_text(kabupaten).upper()}")
    lines.append(f"TAHUN {tahun}")
    return lines


def write_ikm_template(
    target: Path, *, kecamatan: str | None, kabupaten: str | None, tahun: int, rows: int = 500,
) -> None:
    """Write the survey entry workbook (atomically). ValueError for rows outside 1..MAX_ROWS."""
    if not 1 <= rows <= MAX_ROWS:
        raise ValueError(f"jumlah baris harus antara 1 dan {MAX_ROWS}, bukan {rows}")
    workbook = new_workbook(Kind.IKM_TEMPLATE)
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, kecamatan=kecamatan, tahun=tahun, rows=rows)
    _survey_sheet(workbook.create_sheet(SURVEY_SHEET), kecamatan=kecamatan, kabupaten=kabupaten,
                  tahun=tahun, rows=rows)
    workbook.active = 1
    workbook.properties.title = f"{TITLE} TAHUN {tahun}"
    workbook.properties.creator = "iku"
    write_saved_atomically(Path(target), workbook.save)


def _survey_sheet(
    ws: Worksheet, *, kecamatan: str | None, kabupaten: str | None, tahun: int, rows: int,
) -> None:
    top, below = header_rows()
    width = len(top)
    last_col = get_column_letter(width)
    lines = title_lines(kecamatan=kecamatan, kabupaten=kabupaten, tahun=tahun)
    for row, text in enumerate(lines, 1):
        cell = put(ws, row, 1, text)
        cell.font = Font(name=FONT_NAME, bold=True, size=14 if row == 1 else 12)
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    head = len(lines) + 2
    first, last = head + 2, head + 1 + rows
    answer_cols = range(len(FIELD_COLUMNS) + 1, len(FIELD_COLUMNS) + ikm_vocab.UNSUR_COUNT + 1)

    for column in range(1, width + 1):
        upper, lower = top[column - 1], below[column - 1]
        put(ws, head, column, upper)
        if lower:
            put(ws, head + 1, column, lower)
        else:
            ws.merge_cells(start_row=head, start_column=column, end_row=head + 1,
                           end_column=column)
        for r in (head, head + 1):
            cell = ws.cell(row=r, column=column)
            cell.font, cell.border = _BOLD, _GRID
            cell.fill = _ANSWER_FILL if column in answer_cols else _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[head + 1].height = 62

    widths = [w for _, _, w in FIELD_COLUMNS] + [ANSWER_WIDTH] * ikm_vocab.UNSUR_COUNT + [30]
    for column, column_width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = column_width
    for column in range(1, width + 1):  # styles only: an unfilled form counts 0 respondents
        centred = column in answer_cols or column in (1, 2, 4, 5)
        alignment = Alignment(horizontal="center" if centred else None, vertical="top")
        number_format = "dd/mm/yyyy" if column == 2 else "General"
        for row in range(first, last + 1):
            cell = ws.cell(row=row, column=column)
            cell.alignment = alignment
            cell.number_format = number_format
    ws.conditional_formatting.add(
        f"A{first}:{last_col}{last}",
        FormulaRule(formula=[f"COUNTA($A{first}:${last_col}{first})>0"], border=_GRID),
    )
    col = {name: get_column_letter(index) for index, (name, _, _) in
           enumerate(FIELD_COLUMNS, 1)}
    answers_span = (f"{get_column_letter(answer_cols[0])}{first}:"
                    f"{get_column_letter(answer_cols[-1])}{last}")
    _validations(ws, col=col, answers=answers_span, first=first, last=last, tahun=tahun)
    ws.freeze_panes = f"{get_column_letter(len(FIELD_COLUMNS) + 1)}{first}"
    print_setup(ws, landscape=True, centered=True)
    ws.print_title_rows = f"{head}:{head + 1}"
    ws.print_area = f"A1:{last_col}{last}"


def _validations(
    ws: Worksheet, *, col: dict[str, str], answers: str, first: int, last: int, tahun: int,
) -> None:
    def span(name: str) -> str:
        return f"{col[name]}{first}:{col[name]}{last}"

    def choice(items: Sequence[str], title: str, prompt: str, *, strict: bool) -> DataValidation:
        return DataValidation(
            type="list", formula1=list_formula(items), allow_blank=True,
            showErrorMessage=True, showInputMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle="Isian tidak sah" if strict else "Isian di luar daftar",
            error=(f"Pilih dari daftar: {', '.join(items)}." if strict else
                   "Tidak ada di daftar. Pilih Ya untuk tetap menyimpannya."),
            promptTitle=title, prompt=prompt,
        )

    answer = choice(ANSWERS, "Jawaban 1–4",
                    "1 = tidak baik, 2 = kurang baik, 3 = baik, 4 = sangat baik (lihat "
                    "sheet Petunjuk untuk tiap unsur).", strict=True)
    answer.add(answers)
    gender = choice(ikm_vocab.TEMPLATE_GENDER, "Jenis Kelamin", "Laki-laki atau Perempuan.",
                    strict=True)
    gender.add(span("jenis_kelamin"))
    education = choice(ikm_vocab.TEMPLATE_EDUCATION, "Pendidikan", "Pendidikan terakhir.",
                       strict=False)
    education.add(span("pendidikan"))
    occupation = choice(ikm_vocab.TEMPLATE_OCCUPATION, "Pekerjaan",
                        "Pilih dari daftar atau ketik sendiri.", strict=False)
    occupation.add(span("pekerjaan"))
    service = choice(ikm_vocab.TEMPLATE_SERVICES, "Jenis Layanan",
                     "Layanan yang diterima responden; boleh diketik sendiri.", strict=False)
    service.add(span("layanan"))
    age = DataValidation(
        type="whole", operator="between", formula1="10", formula2="120", allow_blank=True,
        showErrorMessage=True, errorStyle="stop", errorTitle="Umur tidak sah",
        error="Isi umur dalam tahun (angka 10–120).",
    )
    age.add(span("umur"))
    start, end = date(tahun - 1, 1, 1), date(tahun + 1, 12, 31)
    day = DataValidation(
        type="date", operator="between", formula1=str(int(to_excel(start))),
        formula2=str(int(to_excel(end))), allow_blank=True, showErrorMessage=True,
        errorStyle="stop", errorTitle="Tanggal tidak sah",
        error=f"Isi tanggal hari/bulan/tahun, mis. 12/03/{tahun}.",
    )
    day.add(span("tanggal"))
    for validation in (answer, gender, education, occupation, service, age, day):
        ws.add_data_validation(validation)


# --- Petunjuk --------------------------------------------------------------------------------

_PETUNJUK_WIDTHS = (7.0, 26.0, 46.0, 15.0, 15.0, 15.0, 15.0)
_LINE = 15.0


def _instructions(ws: Worksheet, *, kecamatan: str | None, tahun: int, rows: int) -> None:
    for column, column_width in enumerate(_PETUNJUK_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(column)].width = column_width
    total = sum(_PETUNJUK_WIDTHS)
    row = 0

    def paragraph(text: str, font: Font | None = None) -> None:
        nonlocal row
        row += 1
        cell = put(ws, row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
        ws.merge_cells(start_row=row, start_column=1, end_row=row,
                       end_column=len(_PETUNJUK_WIDTHS))
        ws.row_dimensions[row].height = _LINE * max(1, math.ceil(len(text) / (total * 1.1))) + 3

    def cells(values: Sequence[str], *, header: bool = False) -> None:
        nonlocal row
        row += 1
        lines = 1
        for column, value in enumerate(values, 1):
            cell = put(ws, row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _GRID
            if header:
                cell.font, cell.fill = _BOLD, _HEADER_FILL
            width = _PETUNJUK_WIDTHS[column - 1]
            lines = max(lines, math.ceil(len(value) / max(width * 1.1 - 2, 1)))
        ws.row_dimensions[row].height = _LINE * lines + 3

    where = f"Kecamatan {clean_text(kecamatan)} — " if kecamatan else ""
    heading = Font(name=FONT_NAME, bold=True, size=12, color="1F3864")
    paragraph("PETUNJUK PENGISIAN DATA SURVEI KEPUASAN MASYARAKAT",
              Font(name=FONT_NAME, bold=True, size=14))
    paragraph(f"{where}Tahun {tahun}. Sheet ini hanya petunjuk dan tidak ikut dihitung.")
    row += 1
    paragraph("1. Cara mengisi", heading)
    for text in (
        f"Salin setiap kuesioner yang kembali ke sheet '{SURVEY_SHEET}': satu baris = satu "
        f"responden, mulai dari baris pertama di bawah judul kolom; tersedia {rows} baris.",
        "Kolom U1 sampai U9 berisi jawaban responden untuk sembilan unsur pelayanan "
        f"({ikm_vocab.REGULATION}): pilih 1, 2, 3 atau 4 dari daftar. Jawaban a, b, c, d pada "
        "kuesioner ditulis 1, 2, 3, 4.",
        "Kuesioner yang satu jawabannya kosong atau tidak sah tidak ikut dihitung sama sekali "
        "(di semua unsur): lengkapi dari kuesionernya bila bisa.",
        "Jenis Layanan, Jenis Kelamin, Umur (tahun), Pendidikan dan Pekerjaan dipakai untuk IKM "
        "per jenis layanan dan profil responden. Nama responden tidak perlu ditulis.",
        "Jangan mengubah judul kolom, menyisipkan kolom, atau menulis baris JUMLAH/NRR/IKM di "
        "tengah data: iku menghitung semuanya sendiri (`iku ikm`).",
    ):
        paragraph(f"• {text}")
    row += 1
    paragraph("2. Unsur pelayanan, pertanyaan, dan arti jawaban", heading)
    cells(("Kode", "Unsur pelayanan", "Pertanyaan", "1", "2", "3", "4"), header=True)
    for position, name in enumerate(ikm_vocab.UNSUR, 1):
        cells((f"U{position}", name, ikm_vocab.QUESTIONS[name], *ikm_vocab.ANSWER_SCALE[name]))
    row += 1
    paragraph("3. Hasil", heading)
    paragraph(
        "IKM = jumlah (NRR per unsur × bobot) × 25, dengan NRR = jumlah nilai unsur dibagi "
        "jumlah responden. Mutu pelayanan: A Sangat Baik (88,31–100), B Baik (76,61–88,30), "
        "C Kurang Baik (65,00–76,60), D Tidak Baik (25,00–64,99)."
    )
    print_setup(ws, landscape=True, centered=True)
    ws.sheet_view.showGridLines = False
