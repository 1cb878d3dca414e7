"""Rekap contract, 'Files': formats, folders, globs, unreadable inputs and formulas."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import struct
import subprocess
import sys
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import iku_cli
from conftest import HEADER, SheetSpec, simple_rekap, units, write_csv, write_ods, write_xlsx
from iku_cli.inputs.read import load_bytes
from iku_cli.problems import Code, ReadFailure
from iku_cli.rekap.core import Options, hitung, periksa

TITLE = ("REKAP FASILITASI DAN KOORDINASI", "SEKSI PEMERINTAHAN KECAMATAN GUCIALIT TAHUN 2026")
DAY = dt.date(2026, 3, 12)
PEM = "Seksi Pemerintahan"
TRANTIB = "Seksi Ketentraman dan Ketertiban Umum"
KESOS = "Seksi Kesejahteraan Sosial"


def act(no: int, text: str | None = None, bukti: str = "Rakor", status: Any = "Ya",
        date: Any = DAY) -> list[Any]:
    return [no, date, text or f"Koordinasi kegiatan nomor {no}", bukti, None, status, "Notulen",
            None]


def rekap(n: int = 2, first: int = 1, title: Sequence[str] = TITLE) -> list[list[Any]]:
    return simple_rekap([act(first + i) for i in range(n)], title=title)


def good_xlsx(path: Path, n: int = 2, first: int = 1, sheet: str = "Pemerintahan") -> Path:
    return write_xlsx(path, [SheetSpec(sheet, rekap(n, first))])


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def galat(result: Any) -> list[Any]:
    return [p for p in result.problems if str(p.severity) == "galat"]


# -- formats -----------------------------------------------------------------------------------

def test_xlsx_is_read(tmp_path: Path) -> None:
    result = hitung([good_xlsx(tmp_path / "rekap.xlsx", 3)], Options())
    assert (result.total.counted, result.total.followed_up) == (3, 3)
    assert result.complete is True
    assert result.sources[0].readable is True


def test_xlsm_is_read(tmp_path: Path) -> None:
    result = hitung([good_xlsx(tmp_path / "rekap.xlsm", 2)], Options())
    assert result.total.counted == 2
    assert result.complete is True


def test_ods_is_read_with_rows_as_shown(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "rekap.ods",
                     [SheetSpec("Trantib", rekap(2), start_row=3, start_col=2)])
    result = hitung([path], Options())
    assert result.total.counted == 2
    assert units(result) == {PEM: (2, 2)}  # the title line beats the sheet name
    assert result.activities.row == [7, 8]
    assert result.activities.date == [DAY, DAY]


def test_ods_two_row_header_without_merge_info(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["No", "Tanggal", "Uraian Kegiatan", "Bukti Dukung", None, "Tindak Lanjut", None],
        [None, None, None, "Jenis", "Nomor", "Status", "Hasil"],
        [1, DAY, "Rakor Musdes", "Rakor", "005/2026", "Sudah", "Notulen"],
        [2, DAY, "Fasilitasi PAW", "Berita Acara", "BA-7", "Belum", None],
    ]
    result = hitung([write_ods(tmp_path / "rekap.ods", [SheetSpec("Trantib", rows)])], Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.number == ["005/2026", "BA-7"]
    assert result.activities.row == [3, 4]


def test_every_visible_sheet_of_a_workbook_is_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rekap.xlsx", [
        SheetSpec("Pemerintahan", simple_rekap([act(1)])),
        SheetSpec("Trantib", simple_rekap([act(2), act(3)])),
        SheetSpec("Kesos", simple_rekap([act(4), act(5), act(6)])),
    ])
    result = hitung([path], Options())
    assert units(result) == {PEM: (1, 1), TRANTIB: (2, 2), KESOS: (3, 3)}
    assert [s.name for s in result.sources[0].sheets] == ["Pemerintahan", "Trantib", "Kesos"]


CSV_ROWS = [
    ["REKAP FASILITASI SEKSI TRANTIB"],
    [],
    list(HEADER),
    [1, "12/03/2026", "Patroli gabungan Pasar Gucialit", "Berita Acara", "", "Ya", "BA", ""],
    [2, "13/03/2026", "Rakor keamanan Café Kenongo – malam", "Rakor", "", "Belum", "", ""],
]


@pytest.mark.parametrize(
    ("separator", "encoding", "bom"),
    [(",", "utf-8", False), (";", "utf-8", False), (",", "utf-8", True), (";", "utf-8", True),
     (";", "cp1252", False), (",", "cp1252", False)],
    ids=["comma-utf8", "semicolon-utf8", "comma-bom", "semicolon-bom", "semicolon-cp1252",
         "comma-cp1252"],
)
def test_csv_separators_and_encodings(
    tmp_path: Path, separator: str, encoding: str, bom: bool
) -> None:
    path = write_csv(tmp_path / "rekap.csv", CSV_ROWS, separator=separator, encoding=encoding,
                     bom=bom)
    result = hitung([path], Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.text[1] == "Rakor keamanan Café Kenongo – malam"
    assert result.activities.date == [DAY, dt.date(2026, 3, 13)]
    assert result.activities.row == [4, 5]
    assert units(result) == {TRANTIB: (2, 1)}
    assert galat(result) == []


def test_csv_unit_from_the_file_name(tmp_path: Path) -> None:
    rows = [list(HEADER), [1, "12/03/2026", "Musdes", "BA", "", "Ya", "BA", ""]]
    result = hitung([write_csv(tmp_path / "rekap_kesos_2026.csv", rows)], Options())
    assert units(result) == {KESOS: (1, 1)}


# -- folders and globs -------------------------------------------------------------------------

def test_folder_reads_subfolders_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    good_xlsx(tmp_path / "c.xlsx", 1, first=1)
    good_xlsx(tmp_path / "b" / "x.xlsx", 1, first=2)
    good_xlsx(tmp_path / "a" / "z" / "y.xlsx", 1, first=3)
    write_csv(tmp_path / "a" / "d.csv", [list(HEADER), act(4)])
    result = hitung([tmp_path], Options())
    assert result.total.counted == 4
    shown = [Path(s.display).relative_to(tmp_path).as_posix() for s in result.sources]
    assert shown == ["a/d.csv", "a/z/y.xlsx", "b/x.xlsx", "c.xlsx"]


def test_folder_skips_hidden_folders_lock_files_and_other_files(tmp_path: Path) -> None:
    good_xlsx(tmp_path / "rekap.xlsx", 1)
    (tmp_path / ".cache").mkdir()
    good_xlsx(tmp_path / ".cache" / "old.xlsx", 5, first=10)
    (tmp_path / "~$rekap.xlsx").write_bytes(b"\x00" * 165)  # Excel's lock file
    (tmp_path / "catatan.txt").write_text("bukan rekap")
    (tmp_path / "surat.docx").write_bytes(b"PK\x03\x04")
    result = hitung([tmp_path], Options())
    assert [Path(s.display).name for s in result.sources] == ["rekap.xlsx"]
    assert result.total.counted == 1
    assert result.complete is True
    assert galat(result) == []


def test_glob_pattern_selects_matching_files(tmp_path: Path) -> None:
    good_xlsx(tmp_path / "rekap_b.xlsx", 1, first=1)
    good_xlsx(tmp_path / "rekap_a.xlsx", 2, first=2)
    good_xlsx(tmp_path / "lain.xlsx", 4, first=9)
    result = hitung([str(tmp_path / "rekap_*.xlsx")], Options())
    assert [Path(s.display).name for s in result.sources] == ["rekap_a.xlsx", "rekap_b.xlsx"]
    assert result.total.counted == 3


def test_several_paths_are_all_read(tmp_path: Path) -> None:
    one = good_xlsx(tmp_path / "satu.xlsx", 1, first=1)
    two = write_csv(tmp_path / "dua.csv", [list(HEADER), act(5)])
    result = hitung([one, two], Options())
    assert result.total.counted == 2


def test_glob_matching_nothing_is_a_galat(tmp_path: Path) -> None:
    good = good_xlsx(tmp_path / "rekap.xlsx", 1)
    pattern = str(tmp_path / "tidak_*.xlsx")
    result = hitung([good, pattern], Options())
    assert result.total.counted == 1
    assert result.complete is False
    assert [(p.code, p.file) for p in galat(result)] == [("berkas-tidak-ditemukan", pattern)]


def test_same_file_given_twice_is_counted_once(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "rekap.xlsx", 3)
    result = hitung([path, tmp_path, str(tmp_path / "*.xlsx")], Options())
    assert result.total.counted == 3


def test_ods_booleans_and_dates(tmp_path: Path) -> None:
    rows = simple_rekap([act(1, status=True), act(2, status=False)], title=TITLE)
    result = hitung([write_ods(tmp_path / "rekap.ods", [SheetSpec("Pemerintahan", rows)])],
                    Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.date == [DAY, DAY]


def test_very_hidden_rekap_sheet_is_skipped_with_a_warning(tmp_path: Path) -> None:
    import openpyxl

    path = write_xlsx(tmp_path / "rekap.xlsx", [
        SheetSpec("Pemerintahan", rekap(1)),
        SheetSpec("Trantib", simple_rekap([act(5), act(6)])),
    ])
    workbook = openpyxl.load_workbook(path)
    workbook["Trantib"].sheet_state = "veryHidden"
    workbook.save(path)
    result = hitung([path], Options())
    assert result.total.counted == 1
    assert [(p.code, p.sheet) for p in of(result, "sheet-tersembunyi-dilewati")] == [
        ("sheet-tersembunyi-dilewati", "Trantib")]


def test_missing_path_is_a_galat_and_incomplete(tmp_path: Path) -> None:
    good = good_xlsx(tmp_path / "rekap.xlsx", 2)
    missing = str(tmp_path / "tidak_ada.xlsx")
    result = hitung([good, missing], Options())
    assert result.total.counted == 2
    assert result.complete is False
    assert [(p.code, p.file) for p in galat(result)] == [("berkas-tidak-ditemukan", missing)]


def test_problem_file_is_the_path_as_given(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rekap.xlsx",
                      [SheetSpec("Pemerintahan", simple_rekap([act(1, bukti="Foto")]))])
    given = str(path)
    result = hitung([given], Options())
    assert [p.file for p in galat(result)] == [given]
    assert result.sources[0].display == given


# -- unreadable inputs ---------------------------------------------------------------------------

def _cfb_encrypted() -> bytes:
    """A minimal compound file holding EncryptionInfo + EncryptedPackage (what Excel writes
    for a password-protected .xlsx)."""
    sector, free, end, fat_sect, nostream = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end)
    struct.pack_into("<I", header, 72, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    header[68:72] = struct.pack("<I", 0)  # DIFAT count 0 (overwritten field above is fine)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    fat = [fat_sect, end, *range(3, 10), end, *range(11, 18), end]
    fat += [free] * (128 - len(fat))
    fat_bytes = struct.pack("<128I", *fat)

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int,
              size: int) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        raw[0:len(encoded)] = encoded
        struct.pack_into("<HBBIII", raw, 64, len(encoded), kind, 1, left, right, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = (
        entry("Root Entry", 5, nostream, nostream, 1, end, 0)
        + entry("EncryptionInfo", 2, nostream, 2, nostream, 2, 4096)
        + entry("EncryptedPackage", 2, nostream, nostream, nostream, 10, 4096)
        + bytes(128)
    )
    assert len(directory) == sector
    return bytes(header) + fat_bytes + directory + b"\x01" * 8192


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")


def _other_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto/kegiatan.jpg", b"\xff\xd8\xff")
        archive.writestr("catatan.txt", "arsip biasa")


def _truncated(path: Path) -> None:
    good_xlsx(path, 30)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _xlsb(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")


BROKEN: list[tuple[str, str, Any, set[str]]] = [
    ("empty", "kosong.xlsx", lambda p: p.write_bytes(b""), {"berkas-kosong"}),
    ("text-as-xlsx", "teks.xlsx", lambda p: p.write_text("No;Kegiatan\n1;Rakor\n"),
     {"bukan-spreadsheet"}),
    ("docx-as-xlsx", "surat.xlsx", _docx, {"bukan-spreadsheet"}),
    ("zip-not-workbook", "arsip.xlsx", _other_zip, {"bukan-spreadsheet"}),
    ("truncated", "terpotong.xlsx", _truncated, {"berkas-rusak"}),
    ("xlsb", "rekap.xlsb", _xlsb, {"format-tidak-didukung"}),
    ("xlsb-content-as-xlsx", "biner.xlsx", _xlsb, {"format-tidak-didukung"}),
    ("html-as-xls", "web.xls",
     lambda p: p.write_text("<html><body><table><tr><td>No</td></tr></table></body></html>"),
     {"bukan-spreadsheet", "format-tidak-didukung"}),
    ("password", "sandi.xlsx", lambda p: p.write_bytes(_cfb_encrypted()), {"dilindungi-sandi"}),
]


@pytest.mark.parametrize(("name", "maker", "expected"),
                         [(n, m, e) for _, n, m, e in BROKEN], ids=[b[0] for b in BROKEN])
def test_unreadable_input_is_one_galat_naming_the_file_and_others_still_count(
    tmp_path: Path, name: str, maker: Any, expected: set[str]
) -> None:
    good = good_xlsx(tmp_path / "a_baik.xlsx", 2)
    bad = tmp_path / name
    maker(bad)
    result = hitung([good, bad], Options())
    assert result.total.counted == 2  # the readable file still counts
    assert result.complete is False
    problems = galat(result)
    assert len(problems) == 1
    (problem,) = problems
    assert problem.code in expected
    assert problem.file == str(bad)
    assert problem.row is None
    assert "\n" not in problem.message
    assert "Traceback" not in problem.message
    source = next(s for s in result.sources if s.display == str(bad))
    assert source.readable is False


def test_unreadable_files_in_a_folder_are_reported_too(tmp_path: Path) -> None:
    good_xlsx(tmp_path / "a_baik.xlsx", 2)
    (tmp_path / "b_kosong.xlsx").write_bytes(b"")
    _truncated(tmp_path / "c_terpotong.xlsx")
    result = hitung([tmp_path], Options())
    assert result.total.counted == 2
    assert result.complete is False
    assert [(p.code, Path(p.file).name) for p in galat(result)] == [
        ("berkas-kosong", "b_kosong.xlsx"), ("berkas-rusak", "c_terpotong.xlsx")]


def test_xlsb_in_a_folder_is_not_silently_left_out(tmp_path: Path) -> None:
    """Contract ambiguity: 'a folder means every such file' vs 'never silently drop a real
    activity'. A user who puts an .xlsb rekap in the folder expects to be told it was not read."""
    good_xlsx(tmp_path / "a_baik.xlsx", 2)
    _xlsb(tmp_path / "b_biner.xlsb")
    result = hitung([tmp_path], Options())
    assert result.total.counted == 2
    assert result.complete is False
    assert [(p.code, Path(p.file).name) for p in galat(result)] == [
        ("format-tidak-didukung", "b_biner.xlsb")]


def test_password_message_tells_what_to_do(tmp_path: Path) -> None:
    bad = tmp_path / "sandi.xlsx"
    bad.write_bytes(_cfb_encrypted())
    report = periksa([bad], Options())
    assert report.complete is False
    (problem,) = report.problems
    assert problem.code == "dilindungi-sandi"
    assert "kata sandi" in problem.message


def test_only_unreadable_input_counts_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "kosong.xlsx"
    bad.write_bytes(b"")
    result = hitung([bad], Options())
    assert (result.total.counted, result.total.percent) == (0, None)
    assert result.complete is False
    assert result.tables_found is False


def test_input_files_are_never_written_to(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "rekap.xlsx", 3)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    hitung([path], Options())
    periksa([path], Options())
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rekap.xlsx"]


# -- formulas without a cached value ---------------------------------------------------------------

def test_formula_without_cached_value_is_a_warning_naming_the_cells(tmp_path: Path) -> None:
    rows = rekap(3)
    spec = SheetSpec("Pemerintahan", rows, formulas={"F6": '=IF(1=1,"Ya","Tidak")',
                                                     "A7": "=A6+1"})
    path = write_xlsx(tmp_path / "rekap.xlsx", [spec])
    result = hitung([path], Options())
    (problem,) = of(result, "rumus-tanpa-nilai")
    assert str(problem.severity) == "peringatan"
    assert problem.sheet == "Pemerintahan"
    assert "F6" in problem.message
    assert "A7" in problem.message
    assert "simpan" in problem.message  # open and save it once
    assert result.total.counted == 3
    assert result.complete is True


def test_formula_status_without_cached_value_reads_as_blank(tmp_path: Path) -> None:
    spec = SheetSpec("Pemerintahan", rekap(2), formulas={"F6": '=IF(1=1,"Ya","Tidak")'})
    result = hitung([write_xlsx(tmp_path / "rekap.xlsx", [spec])], Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert [p.row for p in of(result, "status-kosong")] == [6]


def test_no_formula_warning_for_plain_values(tmp_path: Path) -> None:
    result = hitung([good_xlsx(tmp_path / "rekap.xlsx", 2)], Options())
    assert of(result, "rumus-tanpa-nilai") == []


def _cache_formula(path: Path, cell: str, value: str) -> None:
    """Give a formula cell a cached text value, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = xml.index(f'<c r="{cell}">')
    end = xml.index("</c>", start) + len("</c>")
    formula = xml[start:end].split("<f>")[1].split("</f>")[0]
    xml = xml[:start] + f'<c r="{cell}" t="str"><f>{formula}</f><v>{value}</v></c>' + xml[end:]
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formula_cells_are_read_from_their_cached_value(tmp_path: Path) -> None:
    spec = SheetSpec("Pemerintahan", rekap(2), formulas={"F6": '=IF(1=1,"Ya","Tidak")'})
    path = write_xlsx(tmp_path / "rekap.xlsx", [spec])
    _cache_formula(path, "F6", "Tidak")
    result = hitung([path], Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)
    assert result.activities.followed == [True, False]
    assert of(result, "rumus-tanpa-nilai") == []
    assert of(result, "status-kosong") == []


# -- ODS as LibreOffice writes it: repeated rows and columns ---------------------------------

def test_ods_repeated_blank_rows_and_columns_keep_row_numbers(tmp_path: Path) -> None:
    """LibreOffice writes blank runs as number-rows-repeated / number-columns-repeated."""
    path = write_ods(tmp_path / "rekap.ods",
                     [SheetSpec("Pemerintahan", rekap(2), start_row=2, start_col=2)])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    content = parts["content.xml"].decode()
    blank_row = "<table:table-row><table:table-cell/></table:table-row>"
    assert content.count(blank_row) >= 1
    content = content.replace(
        blank_row,
        '<table:table-row table:number-rows-repeated="6">'
        '<table:table-cell table:number-columns-repeated="4"/></table:table-row>', 1)
    content = content.replace(
        "<table:table-row><table:table-cell/>",
        '<table:table-row><table:table-cell table:number-columns-repeated="3"/>')
    parts["content.xml"] = content.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = hitung([path], Options())
    # 6 blank rows, two title lines, a blank row, the header: activities in rows 11 and 12
    assert result.activities.row == [11, 12]
    assert [p.row for p in of(result, "header-ditemukan")] == [10]
    assert result.total.counted == 2


# -- hostile-but-valid workbooks ------------------------------------------------------------------

def test_chart_sheet_is_skipped_with_an_info(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Pemerintahan"
    for row in rekap(2):
        ws.append(row)
    workbook.create_chartsheet("Grafik")
    path = tmp_path / "rekap.xlsx"
    workbook.save(path)
    result = hitung([path], Options())
    assert result.total.counted == 2
    assert result.complete is True
    assert [(p.code, p.sheet) for p in result.problems if p.code == "sheet-dilewati"] == [
        ("sheet-dilewati", "Grafik")]


def test_stray_cell_at_the_last_cell_does_not_abort_the_run(tmp_path: Path) -> None:
    """One value in XFD1048576: the sheet's extent is huge but its data tiny. The run must not
    abort (a reader allocating the dense grid kills the process); run in a subprocess."""
    import openpyxl

    good_xlsx(tmp_path / "a_baik.xlsx", 2)
    stray = good_xlsx(tmp_path / "b_ujung.xlsx", 1, first=10)
    workbook = openpyxl.load_workbook(stray)
    workbook["Pemerintahan"]["XFD1048576"] = "x"
    workbook.save(stray)
    code = (
        "import sys\n"
        "from iku_cli.rekap.core import hitung, Options\n"
        "r = hitung([sys.argv[1]], Options())\n"
        "bad = [p.file for p in r.problems if str(p.severity) == 'galat']\n"
        "far = [p.message.split('(')[1].split(')')[0] for p in r.problems\n"
        "       if p.code == 'sel-jauh-diabaikan']\n"
        "print(r.total.counted, r.complete, len(bad), *far)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr.splitlines()[:1]
    # the real rows are counted; the bogus used range is a warning naming the far cell
    jumlah, lengkap, galat_count, *far = done.stdout.split()
    assert (jumlah, lengkap, galat_count) == ("3", "True", "0")
    assert far == ["XFD1048576"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_path_swapped_after_it_was_found_is_named_never_waited_on(tmp_path: Path,
                                                                     kind: str) -> None:
    """Finding the inputs looks at each path; between that look and the read the path can
    become a FIFO (opening one waits for a writer, forever) or a folder. The read opens
    without waiting and looks through the handle: a galat naming what the path now is."""
    path = tmp_path / "rekap.xlsx"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    failures: list[ReadFailure] = []

    def read() -> None:
        try:
            load_bytes(path)
        except ReadFailure as failure:
            failures.append(failure)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # (let the stuck reader go before failing)
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the read waited on the FIFO")
    (failure,) = failures
    assert failure.code == Code.NOT_A_REGULAR_FILE
    assert failure.extra == {"kind": {"fifo": "pipa (FIFO)", "folder": "folder"}[kind]}


def test_a_file_gone_between_finding_and_reading_is_a_galat_not_a_bug(tmp_path: Path) -> None:
    """Excel saves by writing a new file and renaming it over the old one: a file found in a
    folder can be gone when its turn comes (found by an attacker: exit 4, KeyError 'hint')."""
    good_xlsx(tmp_path / "a_baik.xlsx")
    gone = good_xlsx(tmp_path / "b_hilang.xlsx", n=3)
    from iku_cli.inputs import read as read_module

    original = read_module.open_regular

    def vanishing(path: Path) -> Any:
        if path.name == gone.name:
            gone.unlink()
        return original(path)

    with mock.patch.object(read_module, "open_regular", vanishing):
        result = hitung([tmp_path], Options())  # (two files: read in this process)
    (problem,) = [p for p in result.problems if p.file.endswith(gone.name)]
    assert problem.code == Code.FILE_NOT_FOUND and "hilang saat akan dibaca" in problem.message
    assert result.total.counted == 2 and result.complete is False


def _read_failure_calls() -> list[tuple[str, int, str, set[str] | None]]:
    """Every ``ReadFailure(Code.X, ...)`` in the source: (file, line, code name, the message
    fields it fills — None when it passes ``**`` what it fills)."""
    import ast

    calls = []
    for source in sorted(Path(iku_cli.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ReadFailure" \
                    and node.args and isinstance(node.args[0], ast.Attribute):
                names = {k.arg for k in node.keywords}
                fields = None if None in names else {n for n in names if n is not None}
                calls.append((source.name, node.lineno, node.args[0].attr, fields))
    return calls


def test_every_read_failure_fills_its_message() -> None:
    """A ReadFailure becomes a problem with the file, its detail and its extras
    (read_source): each one raised must fill every other field of its code's message, or the
    run ends in 'Ini bug iku' instead of a galat."""
    import string

    from iku_cli.catalogue import CATALOGUE

    calls = _read_failure_calls()
    assert len(calls) > 30  # (the search finds them)
    for name, line, code, fields in calls:
        if fields is None:
            continue
        template = CATALOGUE[Code[code]][1]
        needed = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        missing = needed - fields - {"detail", "value", "row"}
        assert not missing, f"{name}:{line} ReadFailure(Code.{code}) leaves out {missing}"
