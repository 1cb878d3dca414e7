"""Host workbooks for `--ke`: an office's own report workbook, with content openpyxl keeps
(values, styles, merged cells, a defined name) and, optionally, content it drops."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName

VBA_BYTES = b"\xd0\xcf\x11\xe0 not a real VBA project, but bytes that must survive"


def host_workbook(path: Path, *, chart: bool = False, chart_sheet: str = "Data") -> Path:
    """Two sheets of content (values, styles, merged cells, widths), a defined name, and a
    chart on ``chart_sheet`` if asked."""
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "Data"
    data["A1"] = "LAPORAN KINERJA KECAMATAN GUCIALIT TRIWULAN I"
    data["A1"].font = Font(bold=True, size=14, color="1F4E78")
    data.merge_cells("A1:D1")
    data.append([])
    data.append(["Bulan", "Kegiatan", "Ditindaklanjuti", "Catatan"])
    for cell in data[3]:
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
        cell.font = Font(bold=True)
    for month, n, done in (("Januari", 12, 10), ("Februari", 9, 9), ("Maret", 15, 11)):
        data.append([month, n, done, None])
    data["D4"] = "terlambat lapor"
    data["D4"].alignment = Alignment(wrap_text=True)
    data["C4"].number_format = "0.0"
    data.merge_cells("D5:D6")
    data.column_dimensions["A"].width = 18
    notes = workbook.create_sheet("Catatan")
    notes["A1"] = "Catatan Camat"
    notes.merge_cells("A1:C2")
    notes["A1"].font = Font(italic=True)
    notes["A4"] = "Target triwulan II dinaikkan menjadi 87 %"
    notes["B6"] = 0.87
    notes["B6"].number_format = "0%"
    workbook.defined_names["TotalKegiatan"] = DefinedName(
        "TotalKegiatan", attr_text="Data!$B$4:$B$6"
    )
    if chart:
        target = workbook[chart_sheet] if chart_sheet in workbook.sheetnames \
            else workbook.create_sheet(chart_sheet)
        bar = BarChart()
        bar.add_data(Reference(data, min_col=2, min_row=3, max_row=6), titles_from_data=True)
        bar.set_categories(Reference(data, min_col=1, min_row=4, max_row=6))
        target.add_chart(bar, "F3")
    workbook.save(path)
    return path


def snapshot(path: Path, skip: str = "IKU") -> dict[str, Any]:
    """Values, styles, merged cells and widths of every sheet but ``skip``, and the defined
    names: what must be unchanged after `--ke`."""
    workbook = openpyxl.load_workbook(path)
    sheets = {}
    for ws in workbook.worksheets:
        if ws.title == skip:
            continue
        cells = {
            cell.coordinate: (cell.value, cell.number_format, cell.font.b, cell.font.i,
                              cell.font.sz, cell.font.color.rgb if cell.font.color else None,
                              cell.fill.fgColor.rgb, cell.alignment.wrap_text)
            for row in ws.iter_rows() for cell in row
        }
        sheets[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        }
    names = {name: dn.attr_text for name, dn in workbook.defined_names.items()}
    return {"order": [s for s in workbook.sheetnames if s != skip], "sheets": sheets,
            "names": names}


def rewrite_parts(path: Path, changes: dict[str, Any]) -> Path:
    """Replace (callable: old bytes -> new bytes) or add (bytes) parts of a zip package."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, change in changes.items():
        parts[name] = change(parts[name]) if callable(change) else change
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def as_xlsm(path: Path) -> Path:
    """A macro workbook: a vbaProject part, its relationship and the macro content type."""
    def content_types(xml: bytes) -> bytes:
        xml = xml.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml."
                          b"sheet.main+xml",
                          b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return xml.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                        b'vnd.ms-office.vbaProject"/></Types>')

    def workbook_rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://'
                           b'schemas.microsoft.com/office/2006/relationships/vbaProject" '
                           b'Target="vbaProject.bin"/></Relationships>')

    return rewrite_parts(path, {
        "[Content_Types].xml": content_types,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/vbaProject.bin": VBA_BYTES,
    })


def add_picture_and_shape(path: Path) -> Path:
    """Put a picture and a text box into the (chart's) drawing of the first sheet (openpyxl
    writes the drawing in the default namespace, so the new elements carry no prefix)."""
    anchor = (
        '<twoCellAnchor><from><col>0</col><colOff>0</colOff>'
        '<row>10</row><rowOff>0</rowOff></from><to><col>2</col>'
        '<colOff>0</colOff><row>12</row><rowOff>0</rowOff></to>'
        '{body}<clientData/></twoCellAnchor>'
    )
    pic = ('<pic><nvPicPr><cNvPr id="9" name="Logo"/><cNvPicPr/></nvPicPr>'
           '<blipFill/><spPr/></pic>')
    shape = ('<sp><nvSpPr><cNvPr id="10" name="Kotak"/><cNvSpPr/></nvSpPr>'
             '<spPr/></sp>')
    extra = (anchor.format(body=pic) + anchor.format(body=shape)).encode()

    def drawing(xml: bytes) -> bytes:
        return re.sub(rb"(</(?:xdr:)?wsDr>)", lambda m: extra + m.group(1), xml)

    return rewrite_parts(path, {"xl/drawings/drawing1.xml": drawing})


def add_validation_extension(path: Path, part: str = "xl/worksheets/sheet2.xml") -> Path:
    """An x14 data validation (a list from another sheet, as Excel 2010+ saves it)."""
    ext = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://'
           b'schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations '
           b'count="0"/></ext></extLst></worksheet>')
    return rewrite_parts(path, {part: lambda xml: xml.replace(b"</worksheet>", ext)})
