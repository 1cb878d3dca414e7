"""Small python-docx helpers shared by the Word drafts iku writes (LKjIP Bab III, laporan SKM).

A4 with the margins government documents use, one plain font, black headings, tables with a
shaded header row, and two kinds of marked text: a *draft* (derived from the data, for the
office to edit; shaded) and a *placeholder* (what the office must fill in; highlighted).
python-docx is imported only by the commands that write a document.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from iku_cli.atomic import write_saved_atomically
from iku_cli.marker import PROPERTY, Kind
from iku_cli.render.common.signature import FILL_IN_HINT, Signatory, signature_lines
from iku_cli.version import __version__

FONT = "Arial"
BODY_SIZE = Pt(11)
TABLE_SIZE = Pt(9.5)
HEADER_SHADE = "DDEBF7"
DRAFT_SHADE = "F2F2F2"
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)
TEXT_WIDTH_CM = 15.5  # A4 less the margins
DRAFT_LABEL = "DRAF dari data — sunting atau ganti: "


def new_document(kind: Kind, title: str) -> DocumentObject:
    """An empty A4 document in the office's style, marked as what iku wrote it for."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, BODY_SIZE
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 13), (2, 12), (3, 11)):
        style = document.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = BLACK
        style.font.italic = False
        rfonts = style.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    properties = document.core_properties
    properties.author = properties.last_modified_by = "iku"
    properties.title = title
    properties.category = f"{PROPERTY}={kind}"
    properties.comments = f"Draf dibuat oleh iku {__version__}; {PROPERTY}={kind}"
    properties.created = properties.modified = dt.datetime.now()
    _page_numbers(document)
    return document


def _page_numbers(document: DocumentObject) -> None:
    """'Halaman N' centred in the footer."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("Halaman ")
    run.font.size = Pt(9)
    field = paragraph.add_run()
    field.font.size = Pt(9)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            field._r.append(instruction)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), tag)
            field._r.append(char)


def centred(document: DocumentObject, text: str, *, bold: bool = True,
            size: float | None = None) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return paragraph


def heading(document: DocumentObject, text: str, level: int = 1) -> Paragraph:
    return document.add_heading(text, level=level)


def paragraph(document: DocumentObject, text: str, *, justify: bool = True) -> Paragraph:
    par = document.add_paragraph(text)
    if justify:
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return par


def numbered(document: DocumentObject, items: Sequence[str]) -> None:
    """A numbered list written out ('1.', '2.'): it survives any template's list styles."""
    for number, item in enumerate(items, start=1):
        par = document.add_paragraph(f"{number}.\t{item}")
        par.paragraph_format.left_indent = Cm(0.75)
        par.paragraph_format.first_line_indent = Cm(-0.75)
        par.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
        placeholder_runs(par)


def placeholder_runs(par: Paragraph) -> None:
    """Highlight every '[...]' of a paragraph written as one run: what the office fills in."""
    if len(par.runs) != 1 or "[" not in par.text:
        return
    text = par.text
    par.runs[0].text = ""
    position = 0
    while (start := text.find("[", position)) != -1:
        end = text.find("]", start)
        if end == -1:
            break
        if start > position:
            par.add_run(text[position:start])
        marked = par.add_run(text[start:end + 1])
        marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
        position = end + 1
    if position < len(text):
        par.add_run(text[position:])


def draft(document: DocumentObject, lines: Sequence[str]) -> None:
    """Sentences derived from the data, shaded and labelled as a draft to edit."""
    for index, line in enumerate(lines):
        par = document.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if index == 0:
            label = par.add_run(DRAFT_LABEL)
            label.italic, label.font.color.rgb, label.font.size = True, GREY, Pt(9)
        par.add_run(line)
        _shade_paragraph(par, DRAFT_SHADE)


def fill_in(document: DocumentObject, text: str) -> Paragraph:
    """A highlighted instruction where the office must write (and how to keep it)."""
    par = document.add_paragraph()
    run = par.add_run(f"[{text}]")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return par


def note(document: DocumentObject, text: str) -> Paragraph:
    par = document.add_paragraph()
    run = par.add_run(text)
    run.italic, run.font.size, run.font.color.rgb = True, Pt(9), GREY
    return par


def _shade_paragraph(par: Paragraph, colour: str) -> None:
    properties = par._p.get_or_add_pPr()
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), colour)
    properties.append(shade)


def _shade_cell(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), colour)
    properties.append(shade)


def _repeat_header(table: Table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def table(
    document: DocumentObject, caption: str | None, headers: Sequence[str],
    rows: Sequence[Sequence[Any]], *, widths: Sequence[float] | None = None,
    numeric: Sequence[int] = (), bold_last: bool = False,
) -> Table:
    """A captioned table: shaded header row repeated on every page, numbers right-aligned
    (``numeric``: column indexes), optionally a bold last row (TOTAL)."""
    if caption:
        par = document.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.keep_with_next = True
        run = par.add_run(caption)
        run.bold = True
        run.font.size = Pt(10)
    grid = document.add_table(rows=1 + len(rows), cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(headers):
        cell = grid.rows[0].cells[column]
        _cell_text(cell, text, bold=True, centre=True)
        _shade_cell(cell, HEADER_SHADE)
    for index, values in enumerate(rows, start=1):
        last = bold_last and index == len(rows)
        for column, value in enumerate(values):
            _cell_text(grid.rows[index].cells[column], "" if value is None else str(value),
                       bold=last, right=column in numeric)
    _repeat_header(grid)
    widths = widths or [TEXT_WIDTH_CM / len(headers)] * len(headers)
    if widths:  # the grid's columns (LibreOffice reads these) and every cell (Word does)
        grid.autofit = False
        for column, width in enumerate(widths):
            grid.columns[column].width = Cm(width)
        for row in grid.rows:
            for column, width in enumerate(widths):
                row.cells[column].width = Cm(width)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return grid


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, centre: bool = False,
               right: bool = False) -> None:
    par = cell.paragraphs[0]
    par.paragraph_format.space_after = Pt(0)
    par.paragraph_format.line_spacing = 1.0
    if centre:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = par.add_run(text)
    run.bold = bold
    run.font.size = TABLE_SIZE
    if text.startswith("[") and text.endswith("]"):
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def picture(document: DocumentObject, png: bytes, width_cm: float, caption: str) -> None:
    par = document.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.keep_with_next = True
    par.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
    label = document.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = label.add_run(caption)
    run.bold, run.font.size = True, Pt(10)


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def signature(document: DocumentObject, signatory: Signatory, subdistrict: str | None,
              today: dt.date) -> None:
    """The signature block on the right half of the page; placeholders highlighted, with a
    note on how to fill them in once for every re-run."""
    lines = signature_lines(signatory, subdistrict, today)
    document.add_paragraph()
    for line in lines:
        par = document.add_paragraph()
        par.paragraph_format.left_indent = Cm(8.5)
        par.paragraph_format.space_after = Pt(0)
        par.paragraph_format.keep_with_next = True
        if line.role == "space":
            for _ in range(3):
                par.add_run().add_break()
            continue
        run = par.add_run(line.text)
        run.bold = line.role in ("position", "name")
        run.underline = line.role == "name"
        if line.placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if any(line.placeholder for line in lines):
        note(document, f"Catatan: {FILL_IN_HINT}; nilainya dipakai setiap kali laporan "
                       "dibuat ulang.")


def save_document(document: DocumentObject, target: Path) -> None:
    write_saved_atomically(target, document.save)
