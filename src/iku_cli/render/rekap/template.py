"""Write the blank fill-in rekap workbook (`iku templat`).

One sheet per unit in exactly the layout the reader expects (title block, the canonical one-row
header, empty data rows with dropdowns and date checks), and a first sheet *Petunjuk* that
explains how to fill it. The sheets are printed and signed, so print setup matters as much as
the cells.

openpyxl is imported at module level: the CLI imports this module lazily, only for `templat`.
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
from iku_cli.marker import Kind
from iku_cli.rekap import vocab
from iku_cli.render.common.excel import (
    FONT_NAME,
    MAX_ROWS,
    list_formula,
    new_workbook,
    print_setup,
    put,
    sheet_name,
)
from iku_cli.text import clean_text

# The template's columns, in order: the canonical spelling of each field (vocab is the one
# source, so the reader and the template can never disagree on a header).
TEMPLATE_FIELDS: tuple[str, ...] = (
    "no", "tanggal", "kegiatan", "bukti", "nomor_bukti", "tindak_lanjut", "hasil", "keterangan",
)
TEMPLATE_HEADER: tuple[str, ...] = tuple(vocab.FIELD_LABELS[name] for name in TEMPLATE_FIELDS)

TITLE = "REKAPITULASI FASILITASI DAN KOORDINASI"
INSTRUCTIONS_SHEET = "Petunjuk"
EXAMPLE_MARK = "CONTOH — tidak dihitung"
FOLLOWUP_CHOICES: tuple[str, ...] = ("Ya", "Tidak")

# Column widths in Excel character units, chosen so the table fits A4 landscape at ~80%.
_WIDTHS: dict[str, float] = {
    "no": 5, "tanggal": 12, "kegiatan": 42, "bukti": 24, "nomor_bukti": 20,
    "tindak_lanjut": 15, "hasil": 32, "keterangan": 20,
}
_WRAPPED = frozenset({"kegiatan", "bukti", "nomor_bukti", "hasil", "keterangan"})
_CENTERED = frozenset({"no", "tanggal", "tindak_lanjut"})

# Excel refuses these in sheet names; 31 characters is its limit; names compare case-blind.

_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(name=FONT_NAME, bold=True)
_LINE_HEIGHT = 15.0  # points per wrapped line at the default 11pt font


def write_template(
    target: Path,
    *,
    units: Sequence[vocab.Unit],
    kecamatan: str | None,
    kabupaten: str | None,
    tahun: int,
    rows: int = 500,
) -> None:
    """Write the fill-in workbook to ``target`` (atomically: a failed write leaves any old file).

    Raises ``ValueError`` for no units or a row count outside 1..MAX_ROWS, and
    :class:`~iku_cli.problems.OutputError` when the target cannot be written.
    """
    if not units:
        raise ValueError("tidak ada unit kerja untuk templat")
    if not 1 <= rows <= MAX_ROWS:
        raise ValueError(f"jumlah baris harus antara 1 dan {MAX_ROWS}, bukan {rows}")

    workbook = new_workbook(Kind.TEMPLATE)
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, kecamatan=kecamatan, tahun=tahun, rows=rows)

    taken = {INSTRUCTIONS_SHEET.casefold()}
    for unit in units:
        name = sheet_name(unit.short or unit.name, taken)
        taken.add(name.casefold())
        sheet = workbook.create_sheet(name)
        _write_unit_sheet(
            sheet, unit=unit, kecamatan=kecamatan, kabupaten=kabupaten, tahun=tahun, rows=rows
        )

    workbook.properties.title = f"{TITLE} TAHUN {tahun}"
    workbook.properties.creator = "iku"
    write_saved_atomically(Path(target), workbook.save)


# --- Unit sheets ---------------------------------------------------------------------------------


def title_lines(
    unit: vocab.Unit, *, kecamatan: str | None, kabupaten: str | None, tahun: int
) -> list[str]:
    """The title block above the header. The unit line lets the reader tell the unit even when
    the sheet is renamed; "TAHUN" gives the year to dates written without one."""
    lines = [TITLE, clean_text(unit.name).upper()]
    # Without a name there is no line at all: a placeholder would be read as the kecamatan name.
    if kecamatan:
        lines.append(f"KECAMATAN {clean_text(kecamatan).upper()}")
    if kabupaten:
        lines.append(f"KABUPATEN {clean_text(kabupaten).upper()}")
    lines.append(f"TAHUN {tahun}")
    return lines


def _write_unit_sheet(
    sheet: Worksheet,
    *,
    unit: vocab.Unit,
    kecamatan: str | None,
    kabupaten: str | None,
    tahun: int,
    rows: int,
) -> None:
    width = len(TEMPLATE_HEADER)
    last_col = get_column_letter(width)
    col = {name: get_column_letter(index) for index, name in enumerate(TEMPLATE_FIELDS, 1)}

    lines = title_lines(unit, kecamatan=kecamatan, kabupaten=kabupaten, tahun=tahun)
    for row, text in enumerate(lines, 1):
        cell = put(sheet, row, 1, text)
        cell.font = Font(name=FONT_NAME, bold=True, size=14 if row == 1 else 12)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)

    header_row = len(lines) + 2  # one blank row between the title block and the table
    first, last = header_row + 1, header_row + rows

    for index, label in enumerate(TEMPLATE_HEADER, 1):
        cell = sheet.cell(row=header_row, column=index, value=label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[header_row].height = 32

    # Styles only, never a value: an unfilled template must count 0 activities.
    for index, name in enumerate(TEMPLATE_FIELDS, 1):
        alignment = Alignment(
            horizontal="center" if name in _CENTERED else None,
            vertical="top",
            wrap_text=name in _WRAPPED or None,
        )
        number_format = {"tanggal": "dd/mm/yyyy", "nomor_bukti": "@"}.get(name, "General")
        for row in range(first, last + 1):
            cell = sheet.cell(row=row, column=index)
            cell.alignment = alignment
            cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[name]

    # Borders appear on a data row once it holds anything. Static borders on every empty row
    # would make each printout run to all the rows (20+ pages for 500), most of them blank.
    table = f"A{first}:{last_col}{last}"
    sheet.conditional_formatting.add(
        table,
        FormulaRule(formula=[f"COUNTA($A{first}:${last_col}{first})>0"], border=_GRID),
    )

    _add_validations(sheet, col=col, first=first, last=last, tahun=tahun)

    sheet.freeze_panes = f"A{first}"
    print_setup(sheet, landscape=True, centered=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    # The whole table: Excel and LibreOffice leave out trailing pages with nothing visible
    # (empty rows have no borders, see above), so a short list still prints short.
    sheet.print_area = f"A1:{last_col}{last}"


def _add_validations(
    sheet: Worksheet, *, col: dict[str, str], first: int, last: int, tahun: int
) -> None:
    def span(name: str) -> str:
        return f"{col[name]}{first}:{col[name]}{last}"

    # Bukti: a list alert can only accept one item, yet an activity may have several types
    # ("Rakor, BA") or a longer description ("Berita Acara Musdes") that the reader counts.
    # A "warning" alert lets the operator keep such text after a confirmation; a "stop" alert
    # would forbid it. Wrong text is still caught: the count reports it as a galat.
    bukti = DataValidation(
        type="list",
        formula1=list_formula(vocab.EVIDENCE_TYPES),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
        errorTitle="Bukti dukung tidak baku",
        error=(
            "Bukan salah satu dari lima jenis bukti dukung. Beberapa jenis boleh ditulis "
            "dipisah koma (mis. 'Rakor, BA'): pilih Ya untuk menyimpan. Foto, daftar hadir "
            "dan undangan BUKAN bukti dukung: kegiatan tanpa bukti sah tidak dihitung."
        ),
        promptTitle="Jenis Bukti Dukung",
        prompt=(
            "Pilih dari daftar. Lebih dari satu jenis: ketik dipisah koma, mis. "
            "'Rapat Koordinasi, Berita Acara'."
        ),
    )
    bukti.add(span("bukti"))

    # Ditindaklanjuti has exactly two answers, so anything else is refused outright.
    status = DataValidation(
        type="list",
        formula1=list_formula(FOLLOWUP_CHOICES),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="Isian tidak sah",
        error="Isi Ya atau Tidak saja (pilih dari daftar).",
        promptTitle="Ditindaklanjuti",
        prompt="Ya = hasil sudah ditindaklanjuti (isi Hasil Tindak Lanjut); Tidak = belum.",
    )
    status.add(span("tindak_lanjut"))

    # A real date keeps the period breakdown exact; a date of another year is a typo here
    start, end = date(tahun, 1, 1), date(tahun, 12, 31)
    tanggal = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(start))),
        formula2=str(int(to_excel(end))),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="Tanggal tidak sah",
        error=(
            f"Isi tanggal dengan format hari/bulan/tahun, mis. 12/03/{tahun}, antara "
            f"{start:%d/%m/%Y} dan {end:%d/%m/%Y}."
        ),
        promptTitle="Tanggal",
        prompt=f"Format hari/bulan/tahun, mis. 12/03/{tahun}.",
    )
    tanggal.add(span("tanggal"))

    for validation in (bukti, status, tanggal):
        sheet.add_data_validation(validation)


# --- Petunjuk --------------------------------------------------------------------------------


# (canonical type, what it is, other accepted spellings)
_EVIDENCE_HELP: tuple[tuple[str, str, str], ...] = (
    (
        "Rapat Koordinasi",
        "Rapat dengan pihak lain (desa, instansi, lintas sektor) yang dibuktikan notulen. "
        "Rapat internal seksi saja bukan rapat koordinasi.",
        "Rakor, Rapat, Notulen",
    ),
    (
        "Dokumen/Laporan",
        "Dokumen atau laporan hasil fasilitasi/koordinasi, mis. laporan kegiatan, dokumen "
        "hasil verifikasi.",
        "Dok/Lap, Dok, Dokumen, Laporan",
    ),
    (
        "SK Camat",
        "Surat Keputusan Camat yang terbit dari kegiatan itu. SK Kepala Desa bukan SK Camat.",
        "SK, Keputusan Camat",
    ),
    (
        "Rekomendasi",
        "Surat rekomendasi dari Camat/kecamatan kepada pihak lain.",
        "Rekom, Surat Rekomendasi",
    ),
    (
        "Berita Acara",
        "Berita acara yang ditandatangani para pihak, mis. BA Musdes, BA serah terima.",
        "BA",
    ),
)

# (column, how to fill it). The second text never starts with a header word, so no row here
# can look like a table header to the reader.
_COLUMN_HELP: tuple[tuple[str, str], ...] = (
    ("no", "Isi nomor urut kegiatan: 1, 2, 3, dan seterusnya."),
    ("tanggal", "Isi hari/bulan/tahun pelaksanaan, mis. 12/03/{tahun}."),
    ("kegiatan", "Tulis satu kegiatan fasilitasi atau koordinasi per baris."),
    (
        "bukti",
        "Pilih jenis bukti dukung dari daftar. Beberapa jenis: ketik dipisah koma, "
        "mis. 'Rakor, BA'.",
    ),
    (
        "nomor_bukti",
        "Isi nomor surat/SK/berita acara bila ada. Kolom ini berformat teks agar nomor "
        "seperti NIP atau nomor SK tidak berubah.",
    ),
    ("tindak_lanjut", "Pilih Ya bila hasil kegiatan sudah ditindaklanjuti, Tidak bila belum."),
    ("hasil", "Wajib diisi bila Ya: apa tindak lanjutnya, mis. surat yang terbit."),
    ("keterangan", "Boleh dikosongkan; catatan lain tentang kegiatan."),
)

# One example activity, shown field per row (a vertical list), never as a table row.
_EXAMPLE: tuple[tuple[str, str], ...] = (
    ("no", "1"),
    ("tanggal", "12/03/{tahun}"),
    ("kegiatan", "Rapat koordinasi persiapan Musrenbang Kecamatan bersama para kepala desa"),
    ("bukti", "Rapat Koordinasi, Berita Acara"),
    ("nomor_bukti", "005/045/427.306/{tahun}"),
    ("tindak_lanjut", "Ya"),
    ("hasil", "Jadwal Musrenbang disepakati dan disampaikan ke semua desa"),
    ("keterangan", "Notulen dan BA disimpan di arsip seksi"),
)

_PETUNJUK_WIDTHS = (24.0, 62.0, 30.0)


class _Writer:
    """Appends Petunjuk rows and sets each row's height, since Excel does not size wrapped
    or merged cells written by a program."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def blank(self) -> None:
        self.row += 1

    def paragraph(self, text: str, *, font: Font | None = None, fill: PatternFill | None = None,
                  size: float = 11) -> None:
        """Text across all three columns (merged), wrapped."""
        self.row += 1
        cell = put(self.sheet, self.row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        self._height([text], [sum(_PETUNJUK_WIDTHS)], size)

    def cells(self, values: Sequence[str], *, bold: bool = False,
              fill: PatternFill | None = None) -> None:
        """One value per column, bordered, wrapped; the first column bold (a label)."""
        self.row += 1
        for index, value in enumerate(values, 1):
            cell = put(self.sheet, self.row, index, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _GRID
            if bold or index == 1:
                cell.font = _BOLD
            if fill is not None:
                cell.fill = fill
        self._height(values, _PETUNJUK_WIDTHS[: len(values)], 11)

    def _height(self, texts: Sequence[str], widths: Sequence[float], size: float) -> None:
        # ~1.15 characters of an 11pt proportional font per unit of column width.
        lines = max(
            math.ceil(len(text) / max(width * 1.15 * 11 / size - 2, 1)) for text, width in
            zip(texts, widths, strict=True)
        )
        self.sheet.row_dimensions[self.row].height = max(lines, 1) * _LINE_HEIGHT * size / 11 + 3


def _write_instructions(sheet: Worksheet, *, kecamatan: str | None, tahun: int, rows: int) -> None:
    for index, width in enumerate(_PETUNJUK_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    heading = Font(name=FONT_NAME, bold=True, size=12, color="1F3864")
    out = _Writer(sheet)

    where = f"Kecamatan {clean_text(kecamatan)} — " if kecamatan else ""
    out.paragraph(
        "PETUNJUK PENGISIAN REKAP FASILITASI DAN KOORDINASI",
        font=Font(name=FONT_NAME, bold=True, size=14),
        size=14,
    )
    out.paragraph(f"{where}Tahun {tahun}. Sheet ini hanya petunjuk dan tidak ikut dihitung.")
    out.blank()

    out.paragraph("1. Untuk apa rekap ini", font=heading, size=12)
    out.paragraph(
        "Rekap ini adalah sumber data Indikator Kinerja Utama (IKU) kecamatan:"
    )
    out.paragraph(vocab.INDICATOR_NAME, font=_BOLD)
    out.paragraph(f"Rumus: {vocab.INDICATOR_FORMULA}")
    out.paragraph(
        "Yang dihitung hanya kegiatan fasilitasi dan koordinasi yang punya sedikitnya satu "
        "bukti dukung sah (lihat bagian 3). Dari kegiatan itu, yang diisi Ya pada kolom "
        "Ditindaklanjuti menjadi pembilang."
    )
    out.blank()

    out.paragraph("2. Cara mengisi", font=heading, size=12)
    out.paragraph(
        "Isi sheet unit kerja Anda (satu sheet untuk tiap seksi/subbagian). Satu baris = satu "
        f"kegiatan, mulai dari baris pertama di bawah judul kolom; tersedia {rows} baris. "
        "Baris yang tidak terpakai biarkan kosong."
    )
    out.cells(("Kolom", "Cara mengisi"), bold=True, fill=_HEADER_FILL)
    for name, text in _COLUMN_HELP:
        out.cells((vocab.FIELD_LABELS[name], text.format(tahun=tahun)))
    out.blank()

    out.paragraph("3. Jenis bukti dukung yang sah", font=heading, size=12)
    out.paragraph(
        "Setiap kegiatan harus punya sedikitnya satu dari lima jenis bukti dukung berikut:"
    )
    out.cells(("Jenis", "Artinya", "Boleh ditulis juga"), bold=True, fill=_HEADER_FILL)
    for canonical, meaning, spellings in _EVIDENCE_HELP:
        out.cells((canonical, meaning, spellings))
    out.paragraph(
        "Kegiatan tanpa salah satu dari lima jenis di atas TIDAK dihitung. Foto, Daftar Hadir, "
        "Undangan, tulisan 'terlampir' atau 'ada', dan nama berkas BUKAN bukti dukung.",
        font=Font(name=FONT_NAME, bold=True, color="C00000"),
    )
    out.paragraph(
        "Bila ada beberapa jenis, tulis semuanya dipisah koma, mis. 'Rakor, BA' atau "
        "'Rapat Koordinasi, Berita Acara'. Daftar pilihan hanya memuat satu jenis: ketik "
        "sendiri, lalu pilih Ya/Yes pada peringatan Excel untuk menyimpannya. Nomor bukti "
        "ditulis di kolom Nomor Bukti."
    )
    out.blank()

    out.paragraph("4. Ditindaklanjuti dan Hasil Tindak Lanjut", font=heading, size=12)
    out.paragraph(
        "Pilih Ya atau Tidak. Bila Ya, isi kolom Hasil Tindak Lanjut. Bila dikosongkan, "
        "kegiatan dihitung sebagai belum ditindaklanjuti."
    )
    out.blank()

    out.paragraph("5. Tanggal", font=heading, size=12)
    out.paragraph(
        f"Tulis hari/bulan/tahun, mis. 12/03/{tahun} (atau {tahun}-03-12). Tanggal di luar "
        f"tahun {tahun} (01/01/{tahun} sampai 31/12/{tahun}) ditolak."
    )
    out.blank()

    out.paragraph("6. Yang tidak boleh", font=heading, size=12)
    for text in (
        "• Mengubah judul kolom, menyisipkan atau menghapus kolom, atau menggabungkan (merge) "
        "sel di dalam tabel.",
        "• Menulis baris JUMLAH/TOTAL di tengah daftar kegiatan (di bawah kegiatan terakhir "
        "boleh).",
        "• Mengetik nomor urut atau isian lain pada baris yang tidak berisi kegiatan.",
        "• Menyalin sel dari berkas lain dengan Tempel biasa: gunakan Tempel Nilai (Paste "
        "Values) agar daftar pilihan dan format kolom tetap berlaku.",
    ):
        out.paragraph(text)
    out.blank()

    out.paragraph(f"7. {EXAMPLE_MARK}", font=heading, size=12)
    out.paragraph(
        f"{EXAMPLE_MARK}: satu kegiatan ditulis per kolom di bawah ini hanya sebagai contoh. "
        "Di sheet unit kerja, isian yang sama ditulis dalam SATU baris.",
        font=Font(name=FONT_NAME, bold=True, color="C00000"),
        fill=_EXAMPLE_FILL,
    )
    out.cells(("Kolom", "Contoh isian"), bold=True, fill=_EXAMPLE_FILL)
    for name, value in _EXAMPLE:
        out.cells((vocab.FIELD_LABELS[name], value.format(tahun=tahun)), fill=_EXAMPLE_FILL)

    print_setup(sheet, landscape=False, centered=True)
    sheet.page_setup.fitToHeight = 1  # the instructions on one sheet of paper
    sheet.sheet_view.showGridLines = False
