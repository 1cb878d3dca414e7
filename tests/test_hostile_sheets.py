"""Workbooks the inspection and python-calamine could read differently (found by an attacker
helper, contract only): a sheet name written twice, a sheet's address written untidily, a
name with a TAB, a string table whose tag holds '>' in a quoted value, a cell tag of
thousands of spaces. Each once made the process abort (a far cell or an inflated string
count reaching calamine unchecked) or run for minutes; each is now refused or read as
checked. Run in a child process: a check missing would abort the test process."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_HEADER = ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"]
_FAR = b'<c r="XFD1048576"><v>1</v></c>'


def _row(number: int, values: list[object], extra: bytes = b"") -> bytes:
    cells = []
    for column, value in zip("ABCDE", values, strict=False):
        ref = f"{column}{number}"
        cells.append(f'<c r="{ref}"><v>{value}</v></c>' if isinstance(value, int) else
                     f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">'.encode() + "".join(cells).encode() + extra + b"</row>"


def sheet_xml(activities: int = 20, extra: dict[int, bytes] | None = None) -> bytes:
    rows = [_row(1, _HEADER)] + [
        _row(r, [r - 1, "12/03/2026", f"Rapat koordinasi {r}", "Berita Acara", "Ya"],
             (extra or {}).get(r, b"")) for r in range(2, activities + 2)]
    return (f"<?xml version='1.0'?><worksheet {_NS}><sheetData>".encode() + b"".join(rows)
            + b"</sheetData></worksheet>")


def build(path: Path, sheets: list[tuple[str, str, bytes]],
          parts: dict[str, bytes] | None = None) -> Path:
    """A workbook of (name as written in workbook.xml, relationship target, part) sheets;
    each part stored as xl/ + its target as written."""
    listed = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, (name, _, _) in enumerate(sheets, 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}" Target="{target}"/>'
                   for i, (_, target, _) in enumerate(sheets, 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        archive.writestr("xl/workbook.xml", f"<workbook {_NS}><sheets>{listed}</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>'))
        for _, target, xml in sheets:
            archive.writestr(f"xl/{target}", xml)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return path


def run(path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "iku_cli", "hitung", str(path), "-f", "json"],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "IKU_PROSES": "2", "COLUMNS": "200"})


def test_two_sheets_of_one_name_are_refused(tmp_path: Path) -> None:
    """The first, with a far cell, was never looked at (the list of sheets kept the second)."""
    path = build(tmp_path / "dua.xlsx", [
        ("Data", "worksheets/sheet1.xml", sheet_xml(extra={2: _FAR})),
        ("Data", "worksheets/sheet2.xml", sheet_xml())])
    done = run(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "dua sheet bernama Data" in done.stderr


@pytest.mark.parametrize("target", ["worksheets//sheet1.xml", "worksheets/./sheet1.xml",
                                    "worksheets/../worksheets/sheet1.xml"])
def test_a_sheet_address_written_untidily_is_refused(tmp_path: Path, target: str) -> None:
    """calamine opens the part by the address as written (here: a far cell); the inspection
    tidied it and checked the plain part beside it."""
    path = build(tmp_path / "alamat.xlsx", [("Data", target, sheet_xml(extra={2: _FAR}))],
                 parts={"xl/worksheets/sheet1.xml": sheet_xml()})
    done = run(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "alamat sheet Data tidak wajar" in done.stderr


def test_a_sheet_name_the_xml_parser_reads_otherwise_is_refused(tmp_path: Path) -> None:
    """A TAB in the name: the inspection's parser reads a space, calamine the TAB — the
    checks (a sheet over the row cap is skipped by name) would not be this sheet's."""
    path = build(tmp_path / "tab.xlsx", [("Da\tta", "worksheets/sheet1.xml", sheet_xml())])
    done = run(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "tidak cocok dengan daftar sheet" in done.stderr
    plain = run(build(tmp_path / "spasi.xlsx", [("Da ta", "worksheets/sheet1.xml",
                                                  sheet_xml())]))
    assert plain.returncode == 0, plain.stderr[-500:]


def test_a_string_table_tag_with_a_quoted_angle_bracket_is_recounted(tmp_path: Path) -> None:
    """'<sst a=">" count="4000000000" …>': the count after the quoted '>' was not seen, and
    calamine reserved room for four billion strings."""
    table = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" a=">" '
             b'count="4000000000" uniqueCount="4000000000"><si><t>Ya</t></si></sst>')
    path = build(tmp_path / "sst.xlsx", [("Data", "worksheets/sheet1.xml", sheet_xml())],
                 parts={"xl/sharedStrings.xml": table})
    done = run(path)
    assert done.returncode == 0, done.stderr[-500:]
    assert '"jumlah": 20' in done.stdout


def test_a_cell_tag_of_thousands_of_spaces_is_walked_in_linear_time(tmp_path: Path) -> None:
    """'<c r="' and 20 000 spaces, no closing quote: the reference pattern backtracked (1 000
    spaces 2.8 s, 2 000 spaces 20 s, 20 000 past a minute). Now refused at once."""
    odd = b'<c r="' + b" " * 20_000 + b'><v>1</v></c>'
    path = build(tmp_path / "spasi.xlsx", [("Data", "worksheets/sheet1.xml",
                                            sheet_xml(extra={3: odd}))])
    done = run(path, timeout=30)  # (a generous bound: ~0.4 s here)
    assert done.returncode in (0, 1, 3), done.stderr[-500:]
    assert "Traceback" not in done.stderr


def test_rows_in_a_second_sheet_data_are_not_lost_without_a_word(tmp_path: Path) -> None:
    """calamine reads the cells of the first sheetData only: 20 activities split over two
    were counted as 10, complete, with no galat. The file is refused as damaged; a cell
    text that merely names sheetData is read as before."""
    xml = sheet_xml()
    half = xml.find(b'<row r="12">')
    split = xml[:half] + b"</sheetData><sheetData>" + xml[half:]
    done = run(build(tmp_path / "dua_bagian.xlsx", [("Data", "worksheets/sheet1.xml", split)]))
    assert done.returncode == 3, done.stderr[-500:]
    assert "lebih dari satu bagian sheetData" in done.stderr
    named = xml.replace(b"Rapat koordinasi 5<", b"sheetData sheetData sheetData<")
    read = run(build(tmp_path / "kata.xlsx", [("Data", "worksheets/sheet1.xml", named)]))
    assert read.returncode == 0 and '"jumlah": 20' in read.stdout, read.stderr[-500:]
