"""Workbook factories: every test builds its own input in tmp_path (openpyxl, ODS, CSV)."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock
from xml.sax.saxutils import escape

import openpyxl
import pytest

from iku_cli.inputs import read, xlsx_pieces
from iku_cli.inputs.cores import WORKERS_VARIABLE
from iku_cli.rekap.core import Options, hitung, periksa
from iku_cli.rekap.model import Report, Result

HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Nomor Bukti",
          "Ditindaklanjuti", "Hasil Tindak Lanjut", "Keterangan"]


@dataclass
class SheetSpec:
    """One sheet: rows written from ``start_row``/``start_col`` (1-based), plus merges."""

    name: str
    rows: Sequence[Sequence[Any]]
    merges: Sequence[str] = ()
    start_row: int = 1
    start_col: int = 1
    hidden: bool = False
    formulas: dict[str, str] = field(default_factory=dict)  # "D7" -> "=1+1" (no cached value)


@contextmanager
def forced_pieces(cores: int = 3, piece_bytes: int = 300) -> Iterator[mock.MagicMock]:
    """Every .xlsx sheet of more than a few hundred bytes read in row pieces on ``cores``
    threads (inputs/xlsx_pieces), as only sheets of megabytes are outside tests. Yields a spy
    on ``read_pieces`` (its calls: the sheets read so)."""
    with mock.patch.object(xlsx_pieces, "PIECE_BYTES", piece_bytes), \
            mock.patch.dict(os.environ, {WORKERS_VARIABLE: str(cores)}), \
            mock.patch.object(read, "read_pieces", wraps=xlsx_pieces.read_pieces) as spy:
        yield spy


def write_xlsx(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    """Write an .xlsx with openpyxl; ``None`` cells stay empty."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.name)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.cell(row=spec.start_row + r, column=spec.start_col + c, value=value)
        for rng in spec.merges:
            ws.merge_cells(rng)
        for ref, formula in spec.formulas.items():
            ws[ref] = formula
        if spec.hidden:
            ws.sheet_state = "hidden"
    workbook.save(path)
    return path


def workbook_bytes(sheets: Sequence[SheetSpec]) -> bytes:
    """write_xlsx's workbook as bytes (for hypothesis draws, which get no tmp_path)."""
    with tempfile.TemporaryDirectory() as folder:
        return write_xlsx(Path(folder) / "w.xlsx", sheets).read_bytes()


FIRST_SHEET = "xl/worksheets/sheet1.xml"


def with_sheet_xml(data: bytes, xml: bytes, part: str = FIRST_SHEET) -> bytes:
    """The workbook with one sheet's XML replaced (every other part as it was)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            copy.writestr(item, xml if item.filename == part else source.read(item.filename))
    return buffer.getvalue()


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (f'<table:table-cell office:value-type="boolean" '
                f'office:boolean-value="{str(value).lower()}"/>')
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p>'
                "</table:table-cell>")
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def write_ods(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    """A minimal but valid OpenDocument spreadsheet (what LibreOffice saves, stripped down)."""
    tables = []
    for spec in sheets:
        rows = ["<table:table-row><table:table-cell/></table:table-row>"] * (spec.start_row - 1)
        for row in spec.rows:
            pad = "<table:table-cell/>" * (spec.start_col - 1)
            rows.append(f"<table:table-row>{pad}{''.join(map(_ods_cell, row))}</table:table-row>")
        name = escape(spec.name)
        tables.append(f'<table:table table:name="{name}">{"".join(rows)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, separator: str = ",", encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def simple_rekap(
    activities: Sequence[Sequence[Any]],
    *,
    title: Sequence[str] = (),
    header: Sequence[str] = HEADER,
) -> list[list[Any]]:
    """Title lines, a blank row, the header and the activity rows."""
    rows: list[list[Any]] = [[line] for line in title]
    if title:
        rows.append([])
    rows.append(list(header))
    rows.extend(list(row) for row in activities)
    return rows


@pytest.fixture
def count(tmp_path: Path):
    """count(sheets, name="rekap.xlsx", **options) -> Result of hitung on a fresh workbook."""

    def run(sheets: Sequence[SheetSpec], name: str = "rekap.xlsx", **options: Any) -> Result:
        path = write_xlsx(tmp_path / name, sheets)
        return hitung([path], Options(**options))

    return run


@pytest.fixture
def check(tmp_path: Path):
    def run(sheets: Sequence[SheetSpec], name: str = "rekap.xlsx", **options: Any) -> Report:
        path = write_xlsx(tmp_path / name, sheets)
        return periksa([path], Options(**options))

    return run


def codes(problems: Sequence[Any], severity: str | None = None) -> list[tuple[str, int | None]]:
    """(code, row) pairs, optionally of one severity, excluding the chatty info codes."""
    return [
        (p.code, p.row) for p in problems
        if (severity is None or str(p.severity) == severity)
    ]


def units(result: Result) -> dict[str, tuple[int, int]]:
    return {u.unit: (u.counted, u.followed_up) for u in result.units}
