"""Issue 8: no bad or hostile file crashes iku, hangs it, or leaks what it should not read.

Every file is built here. Each answer is one Indonesian line naming the file (and the sheet and
cell when there is one), a documented exit code (1 when another input was counted, 3 when
nothing was), no traceback, within seconds; the good file beside it is still counted.
Inputs that other test files already cover are listed in docs/reliability.md.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import HEADER, SheetSpec, simple_rekap, write_csv, write_ods, write_xlsx
from hostile_support import (
    LAUGHS,
    SECRET,
    SHEET,
    TITLE,
    act,
    blank_formatted_rows,
    bomb_xlsx,
    error_cells,
    external_entity,
    good_xlsx,
    invoke,
    lo_python,
    parts_of,
    rewrite,
    set_declared_size,
    with_doctype,
    write_parts,
)
from iku_cli.cli.config import ConfigError, load_config
from iku_cli.inputs.read import inspect_workbook
from iku_cli.limits import DEFAULT_LIMITS, Limits
from iku_cli.rekap.core import Options, hitung, periksa
from test_rules_files import BROKEN

TOOLS = Path(__file__).parent / "tools"
SECONDS = 10  # "within seconds": generous for a slow CI machine


def of(result: Any, code: str) -> list[Any]:
    return [p for p in result.problems if p.code == code]


def check_cli(good: Path, bad: Path, code: str | set[str], says: str) -> dict[str, Any]:
    """`iku hitung good bad -f json`: exit 1, the good file counted, one galat naming the bad
    file; then `iku hitung bad`: exit 3. Returns the JSON of the first run."""
    started = time.perf_counter()
    result = invoke("hitung", str(good), str(bad), "-f", "json")
    assert time.perf_counter() - started < SECONDS
    assert result.exit_code == 1, result.stderr[-500:]
    data = json.loads(result.stdout)
    assert data["total"]["jumlah"] == 2 and data["lengkap"] is False
    (problem,) = [p for p in data["masalah"]["daftar"] if p["tingkat"] == "galat"]
    assert problem["kode"] in ({code} if isinstance(code, str) else code)
    assert problem["berkas"] == str(bad)
    assert says in problem["pesan"] and "\n" not in problem["pesan"]
    line = next(line for line in result.stderr.splitlines() if str(bad) in line)
    assert says in line
    assert "Traceback" not in result.stderr + result.stdout
    alone = invoke("hitung", str(bad))
    assert alone.exit_code == 3 and "Traceback" not in alone.stderr
    return data


# -- broken files, through the CLI ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "maker", "codes"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_broken_file_is_one_line_exit_1_beside_a_good_file_and_3_alone(
    tmp_path: Path, name: str, maker: Any, codes: set[str]
) -> None:
    """Empty, text or .docx renamed, a zip that is no workbook, truncated, .xlsb, HTML as .xls,
    encrypted (the core-level checks are in test_rules_files.py)."""
    bad = tmp_path / f"b_{name}"
    maker(bad)
    check_cli(good_xlsx(tmp_path / "a_baik.xlsx"), bad, codes, "")


# -- password-protected workbooks, really encrypted ------------------------------------------

def _encrypted_xlsx(plain: Path, target: Path) -> Path:
    msoffcrypto = pytest.importorskip("msoffcrypto.format.ooxml")
    with plain.open("rb") as source, target.open("wb") as out:
        msoffcrypto.OOXMLFile(source).encrypt("rahasia", out)
    return target


def _encrypted_xls(plain: Path, target: Path) -> Path:
    python = lo_python()
    if python is None:
        pytest.skip("LibreOffice with its Python (python3-uno) is not installed")
    subprocess.run([python, str(TOOLS / "lo_encrypt.py"), str(plain), str(target), "MS Excel 97",
                    "rahasia"], check=True, timeout=180, capture_output=True)
    return target


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_password_protected_workbook(tmp_path: Path, kind: str) -> None:
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    plain = good_xlsx(tmp_path / "polos.xlsx", 3, first=10)
    maker = _encrypted_xlsx if kind == "xlsx" else _encrypted_xls
    bad = maker(plain, tmp_path / f"b_sandi.{kind}")
    import msoffcrypto  # a test dependency: proves the file really is encrypted

    with bad.open("rb") as handle:
        assert msoffcrypto.OfficeFile(handle).is_encrypted()
    check_cli(good, bad, "dilindungi-sandi", "dilindungi kata sandi")


# -- no sheets, empty sheets, no recognisable header -----------------------------------------

def test_workbook_without_sheets_is_a_galat(tmp_path: Path) -> None:
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    bad = rewrite(good_xlsx(tmp_path / "b_kosong.xlsx"), "xl/workbook.xml",
                  lambda xml: re.sub(rb"<sheet\b", b"<x", xml, count=1))
    assert b"<sheet " not in parts_of(bad)["xl/workbook.xml"]
    check_cli(good, bad, "buku-kerja-kosong", "tidak berisi satu sheet pun")


@pytest.mark.parametrize(
    ("rows", "says"),
    [([], "sheet kosong"),
     ([["No", "Jenis Bukti", "Keterangan"], [1, "Rapat Koordinasi", "Notulen"]],
      "baris 1 paling mirip judul kolom, tetapi hanya ada 'No', 'Jenis Bukti', 'Keterangan'; "
      "tidak ada Uraian Kegiatan dan Ditindaklanjuti"),
     ([["DAFTAR"], [], ["Nama", "Status"], ["Budi", "Ya"]],
      "baris 3 paling mirip judul kolom, tetapi hanya ada 'Status'; tidak ada Uraian Kegiatan "
      "dan Jenis Bukti Dukung"),
     ([["PETUNJUK PENGISIAN"], ["Isi satu baris per kegiatan"]],
      "judul kolom Uraian Kegiatan, Jenis Bukti Dukung dan Ditindaklanjuti tidak ditemukan")],
    ids=["empty", "lookup-list", "status-only", "instructions"],
)
def test_sheet_without_a_table_names_the_columns_found_and_missing(
    tmp_path: Path, rows: list[list[Any]], says: str
) -> None:
    path = write_xlsx(tmp_path / "rekap.xlsx", [
        SheetSpec("Lain", rows), SheetSpec("Pemerintahan", simple_rekap([act(1)], title=TITLE))])
    result = hitung([path], Options())
    (problem,) = of(result, "sheet-dilewati")
    assert problem.sheet == "Lain" and says in problem.message
    assert result.total.counted == 1 and result.complete is True


def test_only_sheets_without_a_table_exits_3_and_says_why(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "daftar.xlsx", [SheetSpec("Bukti", [
        ["No", "Jenis Bukti", "Keterangan"], [1, "Rapat Koordinasi", "Notulen"]])])
    result = invoke("hitung", str(path))
    assert result.exit_code == 3
    assert "tidak ada Uraian Kegiatan dan Ditindaklanjuti" in result.stderr


# -- XML entities: billion laughs and external entities ----------------------------------------

DTD_CASES = [
    ("sheet-laughs", SHEET, LAUGHS, b"Rakor kegiatan nomor 1", b"&lol9;"),
    ("sheet-external", SHEET, None, b"Rakor kegiatan nomor 1", b"&xxe;"),
    ("workbook-laughs", "xl/workbook.xml", LAUGHS, b'name="Pemerintahan"', b'name="&lol9;"'),
    ("workbook-external", "xl/workbook.xml", None, b'name="Pemerintahan"', b'name="&xxe;"'),
    ("rels-external", "xl/_rels/workbook.xml.rels", None, b'Target="', b'Target="&xxe;'),
    ("styles-laughs", "xl/styles.xml", LAUGHS, b"", b""),
]


@pytest.mark.parametrize(("part", "doctype", "before", "after"),
                         [case[1:] for case in DTD_CASES], ids=[case[0] for case in DTD_CASES])
def test_xml_entities_are_refused_never_expanded_nor_followed(
    tmp_path: Path, part: str, doctype: bytes | None, before: bytes, after: bytes
) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    bad = rewrite(good_xlsx(tmp_path / "b_entitas.xlsx"), part,
                  with_doctype(doctype or external_entity(secret), before, after))
    data = check_cli(good, bad, "xml-tidak-aman", "DTD/entitas XML")
    assert part in json.dumps(data)
    for command in (["hitung", "-v"], ["periksa", "-v", "-f", "json"], ["ikm"]):
        result = invoke(command[0], str(good), str(bad), *command[1:])
        assert SECRET not in result.stdout + result.stderr


def test_xml_entities_in_an_ods_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    bad = write_ods(tmp_path / "b_entitas.ods",
                    [SheetSpec("Pemerintahan", simple_rekap([act(5), act(6)], title=TITLE))])
    bad = rewrite(bad, "content.xml", with_doctype(external_entity(secret), b"Rakor kegiatan",
                                                   b"&xxe; Rakor kegiatan"))
    check_cli(good, bad, "xml-tidak-aman", "DTD/entitas XML")
    assert SECRET not in invoke("periksa", str(bad), "-v").stdout


def test_every_xml_parse_in_iku_goes_through_defusedxml() -> None:
    """No module parses XML with the standard library's or lxml's parsers directly; openpyxl
    (used for --ke) parses with defusedxml when it is installed, which it is (a dependency)."""
    import openpyxl

    source = Path(__file__).parent.parent / "src" / "iku_cli"
    unsafe = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml", "minidom", "expat",
              "ElementTree.parse", "pulldom")
    for path in source.rglob("*.py"):
        imports = [line for line in path.read_text().splitlines()
                   if line.lstrip().startswith(("import ", "from "))]
        for line in imports:
            assert not any(word in line for word in unsafe) or "defusedxml" in line, (path, line)
    assert openpyxl.DEFUSEDXML is True


def test_a_report_workbook_with_entities_is_refused_by_ke(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text(SECRET)
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    host = rewrite(good_xlsx(tmp_path / "laporan.xlsx"), "xl/workbook.xml",
                   with_doctype(external_entity(secret), b'name="Pemerintahan"',
                                b'name="&xxe;"'))
    before = host.read_bytes()
    result = invoke("hitung", str(good), "--ke", str(host))
    assert result.exit_code == 1, result.stderr
    assert "tidak bisa dibuka sebagai buku kerja" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert host.read_bytes() == before


# -- zip bombs and caps --------------------------------------------------------------------------

def _no_calamine(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every workbook handed to python-calamine."""
    import python_calamine

    handed: list[str] = []
    # (from a file-like object, or from a file in memory by its path: inputs/memory_file)
    for way in ("from_filelike", "from_path"):
        original = getattr(python_calamine.CalamineWorkbook, way)

        def spy(source: Any, original: Any = original) -> Any:
            handed.append("workbook")
            return original(source)

        monkeypatch.setattr(python_calamine.CalamineWorkbook, way, spy)
    return handed


def test_zip_bomb_by_ratio_is_refused_before_calamine(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bad = bomb_xlsx(tmp_path / "b_bom.xlsx", 60)
    assert bad.stat().st_size < 400_000  # tiny on disk, 60 MB unpacked
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    data = check_cli(good, bad, "batas-terlampaui", "rasio di tabel [batas] iku.toml")
    (message,) = [p["pesan"] for p in data["masalah"]["daftar"] if p["tingkat"] == "galat"]
    assert "(60 MB dari 0,1 MB)" in message  # Indonesian decimals
    handed = _no_calamine(monkeypatch)
    result = hitung([bad], Options())
    assert handed == [] and of(result, "batas-terlampaui")


def test_a_part_bigger_than_it_claims_is_caught_after_one_byte_too_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The declared sizes say 4 KB (no cap applies); the part inflates to 60 MB. It is
    inflated under a cap of its declared size, so memory stays small, and it is damaged."""
    bad = set_declared_size(bomb_xlsx(tmp_path / "b_bohong.xlsx", 60), SHEET, 4096)
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    check_cli(good, bad, "berkas-rusak", "lebih besar daripada ukuran yang tertulis")
    handed = _no_calamine(monkeypatch)
    assert of(hitung([bad], Options()), "berkas-rusak") and handed == []


def test_a_part_smaller_than_it_claims_is_damaged(tmp_path: Path) -> None:
    bad = set_declared_size(good_xlsx(tmp_path / "b_kurang.xlsx"), SHEET, 999_999)
    check_cli(good_xlsx(tmp_path / "a_baik.xlsx"), bad, "berkas-rusak", "CRC tidak cocok")


def test_a_local_header_offset_past_the_end_is_damaged(tmp_path: Path) -> None:
    """Found by the fuzz test: a central directory entry pointing past the file's end."""
    bad = good_xlsx(tmp_path / "b_offset.xlsx")
    data = bytearray(bad.read_bytes())
    entry = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, entry + 42, 0x01000000)  # relative offset of local header
    bad.write_bytes(bytes(data))
    check_cli(good_xlsx(tmp_path / "a_baik.xlsx"), bad, "berkas-rusak", "tidak ditemukan di arsip")


def test_declared_size_past_the_cap_is_refused_without_inflating(tmp_path: Path) -> None:
    bad = set_declared_size(good_xlsx(tmp_path / "b_besar.xlsx"), "docProps/app.xml",
                            3_000_000_000)
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    data = check_cli(good, bad, "batas-terlampaui", "isi_mb di tabel [batas] iku.toml")
    assert "MB setelah dibuka" in json.dumps(data)


@pytest.mark.parametrize("maker", ["xlsx", "ods", "csv"])
def test_rows_past_the_cap_refuse_the_sheet_and_others_count(tmp_path: Path, maker: str) -> None:
    rows = simple_rekap([act(i) for i in range(1, 31)], title=TITLE)
    writer = {"xlsx": lambda p: write_xlsx(p, [SheetSpec("Trantib", rows)]),
              "ods": lambda p: write_ods(p, [SheetSpec("Trantib", rows)]),
              "csv": lambda p: write_csv(p, rows)}[maker]
    bad = writer(tmp_path / f"b_panjang.{maker}")
    good = good_xlsx(tmp_path / "a_baik.xlsx")
    result = hitung([good, bad], Options(limits=Limits(baris=20)))
    (problem,) = of(result, "sheet-kebanyakan-baris")
    assert (problem.file, str(problem.severity)) == (str(bad), "galat")
    assert "34 baris" in problem.message and "batas 20" in problem.message
    assert result.total.counted == 2 and result.complete is False


def test_file_size_past_the_cap_is_not_even_read(tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "b_besar.csv", [list(HEADER)] + [act(i, "x" * 200)
                                                                  for i in range(6000)])
    assert bad.stat().st_size > 1 << 20
    result = hitung([good_xlsx(tmp_path / "a_baik.xlsx"), bad],
                    Options(limits=Limits(berkas_mb=1)))
    (problem,) = of(result, "batas-terlampaui")
    assert "berkas_mb" in problem.message and problem.file == str(bad)
    assert result.total.counted == 2


def test_caps_come_from_the_batas_table_of_iku_toml(tmp_path: Path) -> None:
    config = tmp_path / "iku.toml"
    config.write_text("[batas]\nbaris = 20\nrasio = 500\n")
    limits = load_config(config).limits
    assert (limits.baris, limits.rasio, limits.isi_mb) == (20, 500, DEFAULT_LIMITS.isi_mb)
    bad = write_xlsx(tmp_path / "panjang.xlsx", [
        SheetSpec("Trantib", simple_rekap([act(i) for i in range(1, 31)], title=TITLE))])
    result = invoke("hitung", str(bad), "--config", str(config))
    assert result.exit_code == 3 and "melebihi batas 20" in result.stderr
    for wrong, says in (("[batas]\nbarisan = 5\n", "kunci 'batas.barisan' tidak dikenal"),
                        ("[batas]\nbaris = 0\n", "'batas.baris' harus bilangan bulat positif"),
                        ("[batas]\nrasio = 1.5\n", "'batas.rasio' harus bilangan bulat positif")):
        config.write_text(wrong)
        with pytest.raises(ConfigError, match=says):
            load_config(config)


def test_the_example_config_documents_the_default_caps() -> None:
    example = Path(__file__).parent.parent / "examples" / "iku.toml"
    assert load_config(example).limits == DEFAULT_LIMITS
    assert "[batas]" in example.read_text()


# -- error cells, numbers and text -------------------------------------------------------------

def test_error_cells_are_named_with_their_column(tmp_path: Path) -> None:
    path = error_cells(good_xlsx(tmp_path / "rekap.xlsx", 3),
                       {"D5": b"#N/A", "F6": b"#REF!", "C7": b"#DIV/0!"})
    result = hitung([path], Options())
    found = [(p.cell, p.column, p.value, str(p.severity)) for p in of(result, "sel-galat")]
    assert found == [("D5", "Jenis Bukti Dukung", "#N/A", "peringatan"),
                     ("F6", "Ditindaklanjuti", "#REF!", "peringatan"),
                     ("C7", "Uraian Kegiatan", "#DIV/0!", "peringatan")]
    assert "perbaiki rumusnya" in of(result, "sel-galat")[0].message
    # read as blank: row 5 lacks evidence (galat), row 6 counts as not followed up
    assert [p.cell for p in of(result, "bukti-kosong")] == ["D5"]
    assert (result.total.counted, result.total.followed_up) == (1, 0)


def test_long_number_in_nomor_bukti_is_a_warning_to_retype_it(tmp_path: Path) -> None:
    rows = simple_rekap([act(1, nomor=197001011990031001), act(2, nomor="197001011990031002"),
                         act(3, nomor=12345)], title=TITLE)
    result = hitung([write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pemerintahan", rows)])],
                    Options())
    (problem,) = of(result, "nomor-jadi-angka")
    assert (problem.cell, problem.column, str(problem.severity)) == (
        "E5", "Nomor Bukti", "peringatan")
    assert "15 digit" in problem.message and "sebagai teks" in problem.message
    assert result.total.counted == 3


def test_long_number_as_a_csv_shows_it_is_a_warning_too(tmp_path: Path) -> None:
    rows = [list(HEADER), act(1, nomor="1,97001E+17"), act(2, nomor="800/12/2026")]
    result = hitung([write_csv(tmp_path / "rekap_pem.csv", rows, separator=";")], Options())
    assert [p.value for p in of(result, "nomor-jadi-angka")] == ["1,97001E+17"]


def test_numbers_stored_as_text_and_text_as_numbers(tmp_path: Path) -> None:
    """No as text ('1', '2.'), status 1 as number and as text, a date as a serial number and
    as text: all read as the operator meant (the single forms have tests in test_rules_*)."""
    rows = simple_rekap([
        ["1", 46093, "Rakor Musdes", "Rakor", None, 1, "ok", None],
        [None, None, "lanjutan uraian", None, None, None, None, None],
        ["2.", "46094", "Fasilitasi PAW", "BA", None, "1", "ok", None],
        [3, "14/03/2026", "Monev", "SK Camat", None, 1.0, "ok", None],
    ], title=TITLE)
    result = hitung([write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pemerintahan", rows)])],
                    Options())
    assert (result.total.counted, result.total.followed_up) == (3, 3)
    assert [d.isoformat() for d in result.activities.date] == [
        "2026-03-12", "2026-03-13", "2026-03-14"]
    assert result.activities.text[0] == "Rakor Musdes lanjutan uraian"


# -- big, long and odd content ----------------------------------------------------------------

# The peak from /proc (VmHWM, this process only): ru_maxrss would include the forking parent.
MEASURE = """
import json, sys, time
from iku_cli.rekap.core import Options, hitung
started = time.perf_counter()
result = hitung([sys.argv[1]], Options())
seconds = time.perf_counter() - started
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({"seconds": seconds, "jumlah": result.total.counted,
                  "peak_mb": int(status) / 1024,
                  "problems": [p.code for p in result.problems if str(p.severity) != "info"]}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory from /proc")
@pytest.mark.parametrize("cells", [False, True], ids=["rows", "rows-with-styled-cells"])
def test_a_million_formatted_blank_rows_stay_fast_and_small(tmp_path: Path, cells: bool) -> None:
    path = blank_formatted_rows(tmp_path / "rekap.xlsx", 1_000_000, cells)
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    measured = json.loads(done.stdout)
    print(f"1 000 000 blank rows ({'with' if cells else 'without'} styled cells): "
          f"{measured['seconds']:.2f} s, peak {measured['peak_mb']:.0f} MB")
    assert measured["jumlah"] == 3 and measured["problems"] == []
    assert measured["seconds"] < SECONDS
    assert measured["peak_mb"] < 400


def test_very_long_texts_in_a_kegiatan_and_a_header(tmp_path: Path) -> None:
    long_text = ("Koordinasi lintas sektor " * 4000)[:100_000]
    rows = simple_rekap([act(1, long_text), act(2)], title=TITLE,
                        header=[*HEADER[:7], "Keterangan " + "panjang " * 12_500])
    path = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pemerintahan", rows)])
    started = time.perf_counter()
    result = invoke("hitung", str(path), "-f", "json", "-o", str(tmp_path / "ringkasan.xlsx"))
    assert time.perf_counter() - started < SECONDS
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"]["jumlah"] == 2
    import openpyxl

    rincian = openpyxl.load_workbook(tmp_path / "ringkasan.xlsx")["Rincian"]
    texts = [c.value for row in rincian.iter_rows() for c in row if isinstance(c.value, str)]
    assert max(map(len, texts)) == 32_767  # Excel's limit per cell
    report = periksa([path], Options())
    assert all(p.value is None or len(p.value) <= 200 for p in report.problems)


def test_invisible_marks_and_non_breaking_spaces_in_headers(tmp_path: Path) -> None:
    header = ["No", "Tanggal", "\u200fUraian\u00a0Kegiatan\u200e", "Jenis\u00a0Bukti  Dukung",
              "Nomor Bukti", "\u202bDitindaklanjuti\u202c\u00a0", "\ufeffHasil", "Ket"]
    rows = simple_rekap([act(1), act(2, status="Belum")], title=TITLE, header=header)
    result = hitung([write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Pemerintahan", rows)])],
                    Options())
    assert (result.total.counted, result.total.followed_up) == (2, 1)


def test_control_characters_in_headers_and_cells(tmp_path: Path) -> None:
    header = ["No", "Tanggal", "Uraian\x1bKegiatan", "Jenis Bukti\x07Dukung", "Nomor Bukti",
              "\x1bDitindak\x1blanjuti", "Hasil", "Ket"]
    rows = [header, act(1, "Rakor\x1b desa"), act(2, bukti="Rakor\x07", status="Ya\x1b")]
    path = write_csv(tmp_path / "rekap_pem.csv", rows)
    result = invoke("hitung", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"] == {**json.loads(result.stdout)["total"],
                                                  "jumlah": 2, "ditindaklanjuti": 2}


def test_stored_parts_are_checked_too(tmp_path: Path) -> None:
    """A part stored without packing whose CRC does not match is damaged, like a packed one."""
    parts = parts_of(good_xlsx(tmp_path / "b_rusak.xlsx"))
    bad = write_parts(tmp_path / "b_rusak.xlsx", parts, stored=frozenset({SHEET}))
    data = bytearray(bad.read_bytes())
    at = data.find(b"Rakor kegiatan nomor 1")
    data[at] = ord("X")  # one byte changed after the CRC was written
    bad.write_bytes(bytes(data))
    assert zipfile.ZipFile(bad).testzip() == SHEET
    check_cli(good_xlsx(tmp_path / "a_baik.xlsx"), bad, "berkas-rusak", "CRC tidak cocok")


# -- far-away cells in an .ods -------------------------------------------------------------------

def _string_cell(text: str, columns: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{columns}"' if columns > 1 else ""
    return (f'<table:table-cell office:value-type="string"{repeated}><text:p>{text}</text:p>'
            "</table:table-cell>")


def _blank_rows(rows: int, cells: str = "<table:table-cell/>") -> str:
    return f'<table:table-row table:number-rows-repeated="{rows}">{cells}</table:table-row>'


# One "x" in XFD1048007: a million blank rows, then 16 383 blank cells (a few bytes in the XML).
STRAY_ODS = (_blank_rows(1_048_000) + '<table:table-row><table:table-cell '
             'table:number-columns-repeated="16383"/>' + _string_cell("x") + "</table:table-row>")
# What LibreOffice writes under and beside a table: formatted but blank rows and cells.
LIBREOFFICE_FILL = _blank_rows(1_048_550,
                               '<table:table-cell table:number-columns-repeated="1024"/>')

READ_IN_A_CHILD = """
import json, sys
from iku_cli.rekap.core import hitung, Options
if len(sys.argv) > 2:  # the quick look misses everything: only calamine's failure tells
    import iku_cli.inputs.ods_inspect
    iku_cli.inputs.ods_inspect._quick_look = lambda xml: iku_cli.inputs.ods_inspect._Look()
r = hitung([sys.argv[1]], Options())
print(json.dumps({"jumlah": r.total.counted, "lengkap": r.complete,
                  "galat": [p.code for p in r.problems if str(p.severity) == "galat"],
                  "far": [[p.sheet, p.message.split("(")[1].split(")")[0]]
                          for p in r.problems if p.code == "sel-jauh-diabaikan"]}))
"""


def _ods_with(path: Path, tails: dict[str, str], rows_end: str = "") -> Path:
    """A rekap .ods, one sheet per entry (two activities each, numbered on), with the XML of
    ``tails[sheet]`` written at the end of that sheet's table; ``rows_end``, when given, is
    written at the end of every row (as LibreOffice ends a row with its blank cells)."""
    sheets = [SheetSpec(name, simple_rekap([act(2 * i + 1), act(2 * i + 2)], title=TITLE))
              for i, name in enumerate(tails)]
    parts = parts_of(write_ods(path, sheets))
    tables = parts["content.xml"].decode().split("</table:table>")
    content = "".join(table + tail + "</table:table>"
                      for table, tail in zip(tables, tails.values(), strict=False)) + tables[-1]
    if rows_end:
        content = content.replace("</table:table-row>", rows_end + "</table:table-row>")
    parts["content.xml"] = content.encode()
    return write_parts(path, parts, stored=frozenset({"mimetype"}))


def _read_in_a_child(path: Path, *flags: str) -> dict[str, Any]:
    """hitung in a child process: a reader allocating a huge grid could abort the process."""
    done = subprocess.run([sys.executable, "-c", READ_IN_A_CHILD, str(path), *flags],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    return json.loads(done.stdout)


@pytest.mark.parametrize(("tails", "far"), [
    ({"Pemerintahan": STRAY_ODS}, [["Pemerintahan", "XFD1048007"]]),
    # only the second sheet has one: three rows of covered cells, then a value
    ({"Pemerintahan": "", "Umum & Kepegawaian": _blank_rows(1_048_000) +
      '<table:table-row table:number-rows-repeated="3"><table:covered-table-cell '
      'table:number-columns-repeated="16383"/>' + _string_cell("x") + "</table:table-row>"},
     [["Umum & Kepegawaian", "XFD1048007:XFD1048009"]]),
    # a note beside the table, 700 rows below it, its dashes running to XFD: cut at ZZ
    ({"Pemerintahan": _blank_rows(700) + '<table:table-row><table:table-cell '
      'table:number-columns-repeated="9"/>' + _string_cell("catatan")
      + _string_cell("-", 16_374) + "</table:table-row>"},
     [["Pemerintahan", "AAA707:XFD707"]]),
    # a value in a real column, but half a million empty rows below the table
    ({"Pemerintahan": _blank_rows(500_000) + '<table:table-row><table:table-cell '
      'table:number-columns-repeated="50"/>' + _string_cell("x") + "</table:table-row>"},
     [["Pemerintahan", "AY500007"]]),
], ids=["last-column", "second-sheet-covered-cells", "run-past-zz", "far-below"])
def test_far_cells_in_an_ods_are_cut_and_named_and_the_rows_counted(
    tmp_path: Path, tails: dict[str, str], far: list[list[str]]
) -> None:
    """The .ods twin of test_stray_cell_at_the_last_cell_does_not_abort_the_run: calamine
    refused the whole workbook ("Cannot detect file format"); now the far cells are left out of
    a copy, named, and every real row counted."""
    path = _ods_with(tmp_path / "rekap.ods", tails)
    before = path.read_bytes()
    read = _read_in_a_child(path)
    assert (read["jumlah"], read["galat"], read["far"]) == (2 * len(tails), [], far)
    result = invoke("hitung", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr[-500:]
    assert "Traceback" not in result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["total"]["jumlah"] == 2 * len(tails) and data["lengkap"] is True
    (warning,) = [p for p in data["masalah"]["daftar"] if p["kode"] == "sel-jauh-diabaikan"]
    assert warning["tingkat"] == "peringatan" and far[0][1] in warning["pesan"]
    assert path.read_bytes() == before  # the cut is made in memory only


def test_a_far_cell_the_quick_look_misses_is_cut_when_calamine_fails(tmp_path: Path) -> None:
    """calamine gives no reason when an .ods fails; every sheet is then walked, the far cells
    cut, and the file read again."""
    path = _ods_with(tmp_path / "rekap.ods", {"Pemerintahan": STRAY_ODS})
    read = _read_in_a_child(path, "tanpa-lihat-cepat")
    assert (read["jumlah"], read["galat"], read["far"]) == (
        2, [], [["Pemerintahan", "XFD1048007"]])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory from /proc")
def test_libreoffice_blank_fill_in_an_ods_stays_fast_and_untouched(tmp_path: Path) -> None:
    """A million formatted blank rows under the table, every row ending in a run of blank cells
    to XFD, a formatted blank block beside the table: nothing is cut, nothing copied."""
    from iku_cli.inputs.ods_inspect import inspect_ods
    from iku_cli.inputs.zipguard import ZipGuard

    beside = ('<table:table-row><table:table-cell table:style-name="ce1" '
              'table:number-columns-repeated="1016"/><table:table-cell '
              'table:number-columns-repeated="15360"/></table:table-row>')
    path = _ods_with(tmp_path / "rekap.ods", {"Pemerintahan": beside * 3 + LIBREOFFICE_FILL},
                     rows_end='<table:table-cell table:number-columns-repeated="16376"/>')
    data = path.read_bytes()
    inspection = inspect_ods(ZipGuard(data, DEFAULT_LIMITS))
    assert inspection.data is data and inspection.stray_cells == {}
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    measured = json.loads(done.stdout)
    assert measured["jumlah"] == 2 and measured["problems"] == []
    assert measured["seconds"] < SECONDS
    assert measured["peak_mb"] < 400


def test_an_ods_grid_calamine_refuses_even_without_far_cells_is_a_galat(tmp_path: Path) -> None:
    """200 000 rows of 700 values: no cell is far, but calamine refuses 140 million cells.
    The galat says what to do instead of "Cannot detect file format"."""
    bad = _ods_with(tmp_path / "b_raksasa.ods", {"Pemerintahan": (
        '<table:table-row table:number-rows-repeated="200000"><table:table-cell '
        'office:value-type="float" office:value="1" table:number-columns-repeated="700">'
        "<text:p>1</text:p></table:table-cell></table:table-row>")})
    data = check_cli(good_xlsx(tmp_path / "a_baik.xlsx"), bad, "rentang-tidak-wajar",
                     "200.006 baris × 700 kolom")
    assert "Ctrl+End" in json.dumps(data, ensure_ascii=False)


def test_calamine_refusing_a_grid_is_a_galat_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the format: calamine's own cap on a sheet's cells becomes rentang-tidak-wajar,
    not "berkas rusak"."""
    import python_calamine

    def refuse(filelike: Any) -> Any:
        if filelike.getvalue() != refused:
            return original(filelike)
        raise python_calamine.CalamineError(
            "Cell limit exceeded (17170530304 cells requested, max 100000000)")

    good, bad = good_xlsx(tmp_path / "a_baik.xlsx"), good_xlsx(tmp_path / "b_lebar.xlsx", 1, 9)
    # what calamine is handed for the bad file: the copy with its merged ranges first
    refused = inspect_workbook(bad.read_bytes(), "xlsx", DEFAULT_LIMITS).data
    original = python_calamine.CalamineWorkbook.from_filelike
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse)
    check_cli(good, bad, "rentang-tidak-wajar", "17.170.530.304 sel")


# -- far cells behind short runs, or many written cells, in an .ods ------------------------------

SHORT_ROWS = ('<table:table-row table:number-rows-repeated="99"><table:table-cell/>'
              "</table:table-row>")
# The CLI as `iku` runs it, in a child: its JSON on stdout, its peak memory (VmHWM) on stderr
# — said as the process ends, at once after its command (os._exit) or through the interpreter.
CLI_MEASURED = """
import atexit, os, runpy, sys

def peak():
    print("peak_mb", int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
          / 1024, file=sys.stderr, flush=True)

def leave(code, _exit=os._exit):
    peak()
    _exit(code)

os._exit = leave
atexit.register(peak)
sys.argv = ["iku", *sys.argv[1:]]
runpy.run_module("iku_cli", run_name="__main__")
"""


def _far_row(blank: str, value: str = "x") -> str:
    return f"<table:table-row>{blank}{_string_cell(value)}</table:table-row>"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory from /proc")
@pytest.mark.parametrize(("tail", "far"), [
    # 10 000 runs of 99 rows (none long enough to be judged), then a value in column AD:
    # a grid of 990 007 × 30 cells (a peak of 2.2 GB)
    (SHORT_ROWS * 10_000 + _far_row('<table:table-cell table:number-columns-repeated="29"/>'),
     "AD990007"),
    # the same, column AN reached through 39 written empty cells
    (SHORT_ROWS * 10_000 + _far_row("<table:table-cell/>" * 39), "AN990007"),
    # no run at all: 8 000 written rows, then 1 500 written cells (8 007 × 1 501 cells)
    ("<table:table-row><table:table-cell/></table:table-row>" * 8_000
     + _far_row("<table:table-cell/>" * 1_500), "BES8007"),
    # a string run ending its row, as LibreOffice ends a row with blank cells (799 × 16 000)
    (SHORT_ROWS * 8 + '<table:table-row><table:table-cell office:value-type="string" '
     'table:number-columns-repeated="16000"/></table:table-row>', "AAA799:WQJ799"),
    # a long run whose count is written with spaces around "=", or a character reference
    ('<table:table-row table:number-rows-repeated = "500000"><table:table-cell/>'
     '</table:table-row>' + _far_row('<table:table-cell table:number-columns-repeated="20"/>'),
     "U500007"),
    ('<table:table-row table:number-rows-repeated="&#53;00000"><table:table-cell/>'
     '</table:table-row>' + _far_row('<table:table-cell table:number-columns-repeated="20"/>'),
     "U500007"),
], ids=["short-runs", "short-runs-written-cells", "written-cells", "string-run-ending-a-row",
        "spaced-count", "character-reference-count"])
def test_far_cells_the_quick_look_cannot_see_are_cut_named_and_cheap(
    tmp_path: Path, tail: str, far: str
) -> None:
    """No run of 100 or more before the far value (or none the quick look could read): calamine
    built a grid of 10 to 40 million cells with no word (peaks of 0.8 to 2.8 GB). Now the bound
    on the grid sends the sheet to the walk, and the far cells are cut and named."""
    path = _ods_with(tmp_path / "rekap.ods", {"Pemerintahan": tail})
    done = subprocess.run([sys.executable, "-c", CLI_MEASURED, "hitung", str(path), "-f", "json"],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-800:]
    assert done.returncode == 0, done.stderr[-800:]
    peak_mb = float(done.stderr.rsplit("peak_mb", 1)[1])
    data = json.loads(done.stdout)
    assert data["total"]["jumlah"] == 2 and data["lengkap"] is True
    problems = data["masalah"]["daftar"]
    assert [p["kode"] for p in problems if p["tingkat"] == "galat"] == []
    (warning,) = [p for p in problems if p["kode"] == "sel-jauh-diabaikan"]
    assert warning["tingkat"] == "peringatan" and f"({far})" in warning["pesan"]
    assert peak_mb < 400, f"peak {peak_mb:.0f} MB"


@pytest.mark.parametrize(("columns", "far"), [(100, {}), (102, {"Pemerintahan": ["CX99007"]})],
                         ids=["just-under-untouched", "just-over-cut"])
def test_a_grid_just_under_the_bound_is_left_as_it_is(
    tmp_path: Path, columns: int, far: dict[str, list[str]]
) -> None:
    """1 000 runs of 99 rows, then a value 99 000 rows down: 99 007 × 100 cells is under the
    10 million calamine is left to build; 99 007 × 102 is over it, and the value is cut."""
    from iku_cli.inputs.ods_inspect import inspect_ods
    from iku_cli.inputs.zipguard import ZipGuard

    blank = ('<table:table-cell table:number-columns-repeated="99"/>'
             + "<table:table-cell/>" * (columns - 100))
    path = _ods_with(tmp_path / "rekap.ods", {"Pemerintahan": SHORT_ROWS * 1_000
                                              + _far_row(blank)})
    data = path.read_bytes()
    inspection = inspect_ods(ZipGuard(data, DEFAULT_LIMITS))
    assert inspection.stray_cells == far
    assert (inspection.data is data) is (not far)


def test_an_ordinary_ods_is_bounded_from_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20 000 activities, each row ending in LibreOffice's blank cells, a million blank rows
    under the table: the count of rows and the look at their lengths settle it (no sheet is
    walked, nor bounded row by row)."""
    from iku_cli.inputs import ods_inspect
    from iku_cli.inputs.zipguard import ZipGuard

    def not_here(*args: object) -> None:
        raise AssertionError("an ordinary file took the slow way")

    rows = simple_rekap([act(i + 1) for i in range(20_000)], title=TITLE)
    parts = parts_of(write_ods(tmp_path / "rekap.ods", [SheetSpec("Pemerintahan", rows)]))
    parts["content.xml"] = parts["content.xml"].replace(
        b"</table:table-row>", b'<table:table-cell table:number-columns-repeated="16376"/>'
        b"</table:table-row>").replace(b"</table:table>",
                                       LIBREOFFICE_FILL.encode() + b"</table:table>")
    data = write_parts(tmp_path / "rekap.ods", parts).read_bytes()
    monkeypatch.setattr(ods_inspect, "_walk", not_here)
    monkeypatch.setattr(ods_inspect, "_sheet_small", not_here)
    inspection = ods_inspect.inspect_ods(ZipGuard(data, DEFAULT_LIMITS))
    assert inspection.data is data and inspection.stray_cells == {}


def _random_row(rng: Any, long_runs: bool) -> str:
    """A row as programs write them or worse: runs short (and long), values in runs, written
    empty cells, covered cells, long texts, and LibreOffice's blank fill (or a value fill)."""
    longest = 120 if long_runs else 99
    cells = []
    for _ in range(rng.randint(0, 8)):
        columns = rng.choice([1] * 8 + [rng.randint(2, 20), rng.randint(2, 99),
                                        rng.randint(2, longest)])
        count = f' table:number-columns-repeated="{columns}"' if columns > 1 else ""
        kind = rng.random()
        if kind < 0.25:
            text = "x" * rng.choice([1, 1, 1, 1_500])
            cells.append(f'<table:table-cell office:value-type="string"{count}><text:p>{text}'
                         "</text:p></table:table-cell>")
        elif kind < 0.35:
            cells.append(f'<table:table-cell office:value-type="float" office:value="1"{count}/>')
        elif kind < 0.45:
            cells.append(f"<table:covered-table-cell{count}/>")
        else:
            cells.append(f"<table:table-cell{count}/>")
    ending = rng.random()
    if ending < 0.4:
        cells.append('<table:table-cell table:number-columns-repeated="16000"/>')
    elif ending < 0.5:
        cells.append('<table:table-cell table:style-name="ce12" '
                     'table:number-columns-repeated="16000"/>')
    elif ending < 0.53:
        cells.append('<table:table-cell office:value-type="string" '
                     f'table:number-columns-repeated="{rng.randint(100, 150)}"/>')
    rows = rng.choice([1] * 12 + [rng.randint(2, 20), rng.randint(2, 99),
                                  rng.randint(2, longest + 30)])
    count = f' table:number-rows-repeated="{rows}"' if rows > 1 else ""
    return f"<table:table-row{count}>{''.join(cells)}</table:table-row>"


def test_the_bound_never_lets_a_grid_past_it_unwalked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """400 random small sheets, the bound scaled down to 3 000 cells: a sheet neither walked nor
    cut always has a grid (as calamine builds it) within the bound; and the walk numbers the
    values as calamine does (its last row and column)."""
    import io
    import random

    import python_calamine

    from iku_cli.inputs import ods_inspect
    from iku_cli.inputs.zipguard import ZipGuard

    bound = 3_000
    monkeypatch.setattr(ods_inspect, "MAX_DENSE_CELLS", bound)
    rng = random.Random(20260312)
    parts = parts_of(write_ods(tmp_path / "template.ods", [SheetSpec("S", [["x"]])]))
    template = parts["content.xml"].decode()
    head, tail = template.split("<table:table-row>", 1)[0], template.split("</table:table>")[1]
    unwalked = unseen = 0
    for case in range(400):
        long_runs = rng.random() < 0.3
        table = "".join(_random_row(rng, long_runs) for _ in range(rng.randint(1, 30)))
        xml = (head + table + "</table:table>" + tail).encode()
        parts["content.xml"] = xml
        data = write_parts(tmp_path / "random.ods", parts).read_bytes()
        walked = ods_inspect._extent(ods_inspect._walk(xml, 0, len(xml)))
        if walked[0] * walked[1] <= 300_000:  # calamine's grid stays small: read it too
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            end = workbook.get_sheet_by_index(0).end
            assert walked == ((end[0] + 1, end[1] + 1) if end else (0, 0)), (case, table)
        inspection = ods_inspect.inspect_ods(ZipGuard(data, DEFAULT_LIMITS))
        if "S" not in inspection.grids:
            unwalked += 1
            assert walked[0] * walked[1] <= bound, (case, table)
        elif walked[0] * walked[1] > bound and not ods_inspect._quick_look(xml).suspects:
            unseen += 1  # a grid past the bound that only the bound caught
    assert unwalked > 50 and unseen > 50  # both ways were tried, many times


@pytest.mark.parametrize(("cell", "judged"), [
    ('<table:table-cell table:number-columns-repeated="16376"/>', False),
    ('<table:table-cell table:style-name="ce1" table:number-columns-repeated="16376"/>', False),
    ('<table:table-cell table:style-name="ce1234" table:number-columns-repeated="16376"/>', False),
    ('<table:covered-table-cell table:number-columns-repeated="16376"/>', False),
    # a value in the run, or anything but LibreOffice's form: judged where it stands
    ('<table:table-cell office:value-type="string" table:number-columns-repeated="16376"/>',
     True),
    ('<table:table-cell office:value="1" table:number-columns-repeated="16376"/>', True),
    ('<table:table-cell table:number-columns-repeated = "16376"/>', True),
    ('<table:table-cell table:number-columns-repeated="16376"/><table:table-cell/>', True),
], ids=["fill", "styled-fill", "styled-fill-4-digits", "covered-fill", "string-run", "float-run",
        "spaced-count", "not-last"])
def test_only_libreoffices_blank_fill_ending_a_row_escapes_the_quick_look(
    cell: str, judged: bool
) -> None:
    """Every row LibreOffice writes ends in a run of blank cells: the quick look's one pass
    skips them (so an ordinary file costs no Python per row), and only them."""
    from iku_cli.inputs.ods_inspect import _RUN

    row = f"<table:table-row><table:table-cell/>{cell}</table:table-row>".encode()
    assert (_RUN.search(row) is not None) is judged
