"""Independent layouts: drawn workbooks must count exactly as constructed.

The generator (tests/layouts) is written from the input contract only. Three parts:

- one small deterministic example per feature (a failure names the rule that broke);
- a hypothesis property over drawn workbooks saved as .xlsx;
- a seeded batch saved as .xlsx and converted by LibreOffice to .ods and .xls (skipped without
  ``soffice``), plus the merge/hidden-row features through LibreOffice.

Environment: ``IKU_LAYOUT_EXAMPLES`` (hypothesis examples, default 1000), ``IKU_LAYOUT_LO_DRAWS``
(seeded LibreOffice draws, default 80), ``IKU_LAYOUT_SEED`` (default 2026), ``IKU_LAYOUT_SHRINK=1``
(let hypothesis shrink a failing workbook to a minimal one; slow).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from conftest import forced_pieces
from iku_cli import Options, hitung
from layouts.draw import (
    ACTIVITIES,
    BA,
    DAYS_ID,
    DOKLAP,
    EKBANG,
    EV_DESCRIBED,
    EV_GALAT,
    EV_NOTED,
    EV_SIMPLE,
    EV_WARN,
    KESOS,
    PEM,
    PLAIN,
    PMD,
    RAKOR,
    REKOM,
    RENKEU,
    SK,
    STATUS_NO,
    STATUS_YES,
    TICK_MARKS,
    TRANTIB,
    TYPES,
    UNIT_CELL,
    UNIT_HEADING,
    UNIT_SHORT,
    VILLAGES,
    Act,
    Blank,
    Col,
    DrawnWorkbook,
    DrawOptions,
    Ev,
    Footer,
    Heading,
    Item,
    Layout,
    Section,
    SheetPlan,
    Table,
    Title,
    Total,
    Truth,
    VMerge,
    act,
    draw,
    layout_of,
    workbook,
    workbooks,
)
from layouts.save import save_batch, save_xlsx, soffice

EXAMPLES = int(os.environ.get("IKU_LAYOUT_EXAMPLES", "1000"))
LO_DRAWS = int(os.environ.get("IKU_LAYOUT_LO_DRAWS", "80"))
SEED = int(os.environ.get("IKU_LAYOUT_SEED", "2026"))
#: Shrinking a failing drawn workbook re-runs the count thousands of times (minutes); it is
#: opt-in. A shrunk example lands in hypothesis' database and is replayed first afterwards.
PHASES = tuple(Phase) if os.environ.get("IKU_LAYOUT_SHRINK") else (
    Phase.explicit, Phase.reuse, Phase.generate)
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) missing")


# --------------------------------------------------------------------------------------------
# Checking a drawn workbook
# --------------------------------------------------------------------------------------------


def _pct(num: int, den: int) -> float | None:
    if den == 0:
        return None
    return float((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def mismatches(data: dict[str, Any], truth: Truth) -> list[str]:
    """Every way the documented JSON result differs from the truth by construction."""
    bad: list[str] = []
    total = data["total"]
    got = (total["jumlah"], total["ditindaklanjuti"])
    if got != (truth.jumlah, truth.ditindaklanjuti):
        bad.append(f"total: expected {truth.jumlah}/{truth.ditindaklanjuti}, got {got[0]}/{got[1]}")
    elif total["persentase"] != _pct(truth.ditindaklanjuti, truth.jumlah):
        bad.append(f"total persentase: expected {_pct(truth.ditindaklanjuti, truth.jumlah)}, "
                   f"got {total['persentase']}")
    units = {u["unit"]: (u["jumlah"], u["ditindaklanjuti"]) for u in data["unit"]}
    if units != truth.unit:
        for name in sorted(set(units) | set(truth.unit)):
            if units.get(name) != truth.unit.get(name):
                bad.append(f"unit {name!r}: expected {truth.unit.get(name)}, "
                           f"got {units.get(name)}")
    elif list(units) != list(truth.unit):
        bad.append(f"unit order: expected {list(truth.unit)}, got {list(units)}")
    bukti = {k: v for k, v in data["bukti"].items() if v}
    if bukti != truth.bukti:
        bad.append(f"bukti: expected {truth.bukti}, got {bukti}")
    problems = data["masalah"]["daftar"]
    for level, expected in (("galat", truth.galat), ("peringatan", truth.peringatan)):
        rows = {(p["sheet"], p["baris"]) for p in problems if p["tingkat"] == level}
        if rows != expected:
            missing = sorted(expected - rows, key=str)
            extra = sorted(rows - expected, key=str)
            bad.append(f"{level} rows: missing {missing}, unexpected {extra}")
    return bad


def _problem_lines(data: dict[str, Any]) -> str:
    lines = []
    for p in data["masalah"]["daftar"]:
        value = p.get("nilai")
        text = f"{p['tingkat']:<10} {p['kode']} {p['sheet']}!{p['baris']} [{p['kolom']}]"
        if value not in (None, ""):
            text += f" {str(value)[:40]!r}"
        if p["tingkat"] != "info":
            text += f": {p['pesan']}"
        lines.append(text)
    return "\n".join(lines)


def count(path: Path, wb: DrawnWorkbook) -> dict[str, Any]:
    options = Options(year=wb.tahun) if wb.tahun else Options()
    return hitung([path], options).to_dict()


def assert_counts(wb: DrawnWorkbook, path: Path) -> None:
    data = count(path, wb)
    bad = mismatches(data, wb.truth)
    got = (f"got total {data['total']['jumlah']}/{data['total']['ditindaklanjuti']}, unit "
           f"{[(u['unit'], u['jumlah'], u['ditindaklanjuti']) for u in data['unit']]}")
    assert not bad, (
        f"{path.name}: the count differs from the drawn truth:\n  " + "\n  ".join(bad)
        + "\n--- drawn layout (# = truth of an activity row) ---\n" + wb.dump()
        + f"\n{got}\n--- problems reported ---\n" + _problem_lines(data))


def check_xlsx(wb: DrawnWorkbook, directory: Path) -> None:
    assert_counts(wb, save_xlsx(wb, directory))


# --------------------------------------------------------------------------------------------
# Building blocks of the deterministic examples
# --------------------------------------------------------------------------------------------


def acts(unit: str, n: int, first: int = 0, **kwargs: Any) -> list[Act]:
    """``n`` activities of ``unit`` with unique texts (``first`` keeps texts apart)."""
    return [act(f"{ACTIVITIES[(first + i) % len(ACTIVITIES)]} Desa "
                f"{VILLAGES[(first + i) % len(VILLAGES)]} ({first + i})", unit,
                day=1 + (first + i) % 27, month=1 + (first + i) % 12, **kwargs)
            for i in range(n)]


def table(body: Sequence[Item], layout: Layout = PLAIN, **kwargs: Any) -> Table:
    return Table(layout=layout, body=list(body), **kwargs)


def unit_sheet(*tables: Table, name: str = "Pemerintahan 2026", unit: str = PEM,
               **kwargs: Any) -> SheetPlan:
    """A sheet whose name gives the unit of rows no heading or unit cell names."""
    return SheetPlan(name=name, tables=list(tables), fallback_unit=unit,
                     fallback_source="sheet", **kwargs)


def generic_sheet(*tables: Table, name: str = "Sheet1", **kwargs: Any) -> SheetPlan:
    return SheetPlan(name=name, tables=list(tables), **kwargs)


def heading(unit: str, name: str, label: str = "A", form: str = "two_cells",
            place: str = "first") -> Heading:
    return Heading(unit, name, label, form, place)


TWO_ROW = layout_of(
    Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
    Col("bukti", "Jenis", group="Bukti Dukung"), Col("nomor", "Nomor", group="Bukti Dukung"),
    Col("status", "Status", group="Tindak Lanjut"), Col("hasil", "Hasil", group="Tindak Lanjut"),
    Col("ket", "Keterangan"), two_row=True)
TICKS = layout_of(
    Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
    Col("tick", "Rakor", group="Bukti Dukung", type=RAKOR),
    Col("tick", "Dok/Lap", group="Bukti Dukung", type=DOKLAP),
    Col("tick", "SK", group="Bukti Dukung", type=SK),
    Col("tick", "Rekom", group="Bukti Dukung", type=REKOM),
    Col("tick", "BA", group="Bukti Dukung", type=BA),
    Col("status", "Ditindaklanjuti"), Col("hasil", "Hasil"), two_row=True)
YA_TIDAK = layout_of(
    Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
    Col("bukti", "Jenis Bukti Dukung"), Col("ya", "Ya", group="Ditindaklanjuti"),
    Col("tidak", "Tidak", group="Ditindaklanjuti"), Col("hasil", "Hasil Tindak Lanjut"),
    two_row=True)
WITH_UNIT = layout_of(
    Col("no", "No"), Col("tanggal", "Tanggal"), Col("unit", "Seksi"),
    Col("kegiatan", "Uraian Kegiatan"), Col("bukti", "Bukti Dukung"), Col("status", "Status"),
    Col("hasil", "Hasil"))


def wider(layout: Layout, col: Col) -> Layout:
    return Layout((*layout.cols, col), layout.two_row, layout.merge_singles,
                  layout.merge_groups, layout.number_row)


def ticked(unit: str, n: int, first: int, marks: Sequence[dict[str, Any]]) -> list[Act]:
    out = acts(unit, n, first)
    for a, m in zip(out, marks, strict=True):
        a.marks = dict(m)
    return out


# --------------------------------------------------------------------------------------------
# Deterministic examples, one per feature
# --------------------------------------------------------------------------------------------


def test_baseline_one_table(tmp_path: Path) -> None:
    """No | Tanggal | Uraian Kegiatan | Jenis Bukti Dukung | Ditindaklanjuti | Hasil; unit from
    the sheet name."""
    body = acts(PEM, 3)
    body[1] = act("Verifikasi DTKS Desa Pakel", PEM, followed=False)
    check_xlsx(workbook(unit_sheet(table(body))), tmp_path)


@pytest.mark.parametrize("lines", [
    ("REKAPITULASI FASILITASI DAN KOORDINASI", "SEKSI KESEJAHTERAAN SOSIAL KECAMATAN GUCIALIT",
     "TAHUN 2026"),
    ("REKAPITULASI FASILITASI DAN KOORDINASI", "SEKSI KESEJAHTERAAN SOSIAL", "KECAMATAN GUCIALIT",
     "KABUPATEN LUMAJANG", "TAHUN 2026"),
    ("SEKSI KESEJAHTERAAN SOSIAL",),
], ids=["kecamatan-in-unit-line", "full", "unit-line-only"])
@pytest.mark.parametrize("merged", [False, True], ids=["plain", "merged"])
def test_title_block_names_the_unit(tmp_path: Path, lines: tuple[str, ...],
                                    merged: bool) -> None:
    sp = SheetPlan("Sheet1", [table(acts(KESOS, 3))], title=Title(lines, merged=merged),
                   fallback_unit=KESOS, fallback_source="title")
    check_xlsx(workbook(sp), tmp_path)


def test_title_block_without_unit_and_blank_leading_rows_and_columns(tmp_path: Path) -> None:
    title = Title(("REKAPITULASI FASILITASI DAN KOORDINASI", "KECAMATAN GUCIALIT", "TAHUN 2026"),
                  gap_after=2)
    sp = unit_sheet(table(acts(PEM, 3)), title=title, top_blank=2, start_col=2)
    check_xlsx(workbook(sp), tmp_path)


@pytest.mark.parametrize("tahun", [None, 2026], ids=["year-from-title", "year-from-option"])
def test_dates_without_year(tmp_path: Path, tahun: int | None) -> None:
    body = acts(PEM, 2)
    body[0].date = "12 Maret"
    body[1].date = "5 Agustus"
    title = Title(("REKAPITULASI FASILITASI DAN KOORDINASI", "TAHUN 2026")) if tahun is None \
        else None
    check_xlsx(workbook(unit_sheet(table(body), title=title), tahun=tahun), tmp_path)


def test_stacked_tables_with_headings_and_totals(tmp_path: Path) -> None:
    t1 = table(acts(KESOS, 2), heading=heading(KESOS, "Seksi Kesejahteraan Sosial", "A"),
               total=Total("JUMLAH"))
    t2 = table(acts(TRANTIB, 3, 10),
               heading=heading(TRANTIB, "Seksi Ketentraman dan Ketertiban Umum", "B"),
               total=Total("JUMLAH"))
    check_xlsx(workbook(generic_sheet(t1, t2)), tmp_path)


def test_stacked_tables_later_table_one_column_wider(tmp_path: Path) -> None:
    t1 = table(acts(KESOS, 2), heading=heading(KESOS, "SEKSI KESOS", "A", "dotted"),
               total=Total("JUMLAH", 2), heading_gap=1)
    t2 = table(acts(PMD, 2, 10), layout=wider(PLAIN, Col("ket", "Keterangan")),
               heading=heading(PMD, "SEKSI PMD", "B", "dotted"), total=Total("JUMLAH", 2),
               heading_gap=1)
    check_xlsx(workbook(generic_sheet(t1, t2)), tmp_path)


def test_stacked_tables_of_different_layouts(tmp_path: Path) -> None:
    t1 = table(acts(PEM, 2), heading=heading(PEM, "SEKSI PEMERINTAHAN", "I", "dotted"),
               total=Total("JUMLAH"))
    t2 = table(acts(RENKEU, 2, 10), layout=TWO_ROW,
               heading=heading(RENKEU, "SUBBAG RENKEU", "II", "dotted"), total=Total("JUMLAH"))
    t3 = table(ticked(EKBANG, 2, 20, [{RAKOR: "✓"}, {BA: "v", SK: "v"}]), layout=TICKS,
               heading=heading(EKBANG, "SEKSI EKBANG", "III", "dotted"), total=Total("JUMLAH"))
    check_xlsx(workbook(generic_sheet(t1, t2, t3)), tmp_path)


LATER_LAYOUTS = {
    "narrower-no-hasil": layout_of(
        Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
        Col("bukti", "Jenis Bukti Dukung"), Col("status", "Ditindaklanjuti")),
    "reordered": layout_of(
        Col("no", "No"), Col("kegiatan", "Uraian Kegiatan"), Col("tanggal", "Tanggal"),
        Col("status", "Ditindaklanjuti"), Col("hasil", "Hasil"), Col("bukti", "Bukti Dukung")),
    "other-spellings": layout_of(
        Col("no", "Nomor"), Col("tanggal", "Waktu"), Col("kegiatan", "Nama Kegiatan"),
        Col("bukti", "Bukti Pendukung"), Col("status", "Status"), Col("hasil", "Output")),
    "two-row": TWO_ROW,
}


@pytest.mark.parametrize("later", list(LATER_LAYOUTS))
@pytest.mark.parametrize("with_heading", [True, False], ids=["headings", "sheet-unit"])
def test_stacked_tables_later_table_of_other_columns(tmp_path: Path, later: str,
                                                     with_heading: bool) -> None:
    """Each table's header is read where it stands, also when a later one drops a column."""
    h1 = heading(PEM, "SEKSI PEMERINTAHAN", "A", "dotted") if with_heading else None
    h2 = heading(PEM, "SEKSI PEMERINTAHAN", "B", "dotted") if with_heading else None
    t1 = table(acts(PEM, 2), heading=h1, total=Total("JUMLAH", 2))
    t2 = table(acts(PEM, 2, 10), layout=LATER_LAYOUTS[later], heading=h2, total=Total("JUMLAH"))
    sp = generic_sheet(t1, t2) if with_heading else unit_sheet(t1, t2)
    check_xlsx(workbook(sp), tmp_path)


HEADING_FORMS = [
    ("two_cells", "Seksi Kesejahteraan Sosial", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"),
    ("pipe_two", "SEKSI KESOS", "SEKSI TRANTIB"),
    ("dotted", "SEKSI KESEJAHTERAAN SOSIAL", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"),
    ("paren", "Seksi Kesejahteraan Sosial", "SEKSI TRANTIB"),
    ("dash", "Seksi Kesejahteraan Sosial", "SEKSI TRANTIB"),
    ("pipe_cell", "SEKSI KESEJAHTERAAN SOSIAL", "SEKSI TRANTIB"),
    ("bare", "Seksi Kesejahteraan Sosial", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"),
    ("merged", "SEKSI KESEJAHTERAAN SOSIAL", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM"),
]


@pytest.mark.parametrize(("form", "name1", "name2"), HEADING_FORMS,
                         ids=[f[0] for f in HEADING_FORMS])
@pytest.mark.parametrize("gap", [0, 1], ids=["directly-above", "blank-between"])
@pytest.mark.parametrize("labels", [("A", "B"), ("I", "II")], ids=["letters", "roman"])
def test_unit_heading_forms_above_stacked_tables(tmp_path: Path, form: str, name1: str,
                                                 name2: str, gap: int,
                                                 labels: tuple[str, str]) -> None:
    t1 = table(acts(KESOS, 2), heading=heading(KESOS, name1, labels[0], form), heading_gap=gap,
               total=Total("JUMLAH"))
    t2 = table(acts(TRANTIB, 2, 10), heading=heading(TRANTIB, name2, labels[1], form),
               heading_gap=gap, total=Total("JUMLAH"))
    check_xlsx(workbook(generic_sheet(t1, t2)), tmp_path)


@pytest.mark.parametrize(("label", "name", "unit"), [
    ("B", "SEKSI KETENTRAMAN DAN KETERTIBAN UMUM", TRANTIB),
    ("D", "SUBBAG RENKEU", RENKEU),
    ("I", "SEKSI PEMERINTAHAN", PEM),
], ids=["B-trantib", "D-renkeu", "I-pemerintahan"])
@pytest.mark.parametrize("layout", [PLAIN, TWO_ROW, TICKS], ids=["one-row", "two-row", "ticks"])
def test_dotted_heading_directly_above_a_single_table(tmp_path: Path, label: str, name: str,
                                                      unit: str, layout: Layout) -> None:
    body = acts(unit, 2)
    if layout is TICKS:
        body = ticked(unit, 2, 0, [{RAKOR: "✓"}, {BA: "✓"}])
    t = table(body, layout=layout, heading=heading(unit, name, label, "dotted"))
    check_xlsx(workbook(generic_sheet(t)), tmp_path)


@pytest.mark.parametrize("form", ["two_cells", "dotted", "bare", "merged"])
def test_unit_headings_between_activities(tmp_path: Path, form: str) -> None:
    body: list[Item] = [heading(PEM, "Seksi Pemerintahan", "A", form), *acts(PEM, 2),
                        heading(KESOS, "Seksi Kesejahteraan Sosial", "B", form),
                        *acts(KESOS, 2, 10),
                        heading(PMD, "SEKSI PMD", "C", form), *acts(PMD, 1, 20)]
    check_xlsx(workbook(generic_sheet(table(body, total=Total("JUMLAH", 5)))), tmp_path)


def test_unit_headings_between_activities_after_a_heading_above(tmp_path: Path) -> None:
    body: list[Item] = [*acts(PEM, 2), heading(EKBANG, "SEKSI EKBANG", "B", "dotted"),
                        *acts(EKBANG, 2, 10)]
    t = table(body, heading=heading(PEM, "SEKSI PEMERINTAHAN", "A", "dotted"))
    check_xlsx(workbook(generic_sheet(t)), tmp_path)


@pytest.mark.parametrize(("merge_singles", "merge_groups"),
                         [(True, True), (False, True), (True, False), (False, False)],
                         ids=["all-merged", "singles-unmerged", "groups-unmerged", "no-merges"])
def test_two_row_header(tmp_path: Path, merge_singles: bool, merge_groups: bool) -> None:
    layout = Layout(TWO_ROW.cols, True, merge_singles, merge_groups)
    body = acts(PEM, 3, nomor="005/12/435.1/2026")
    body[2] = act("Penertiban PKL pasar Desa Jeruk", PEM, followed=False)
    check_xlsx(workbook(unit_sheet(table(body, layout=layout))), tmp_path)


@pytest.mark.parametrize("mark", TICK_MARKS, ids=[repr(m) for m in TICK_MARKS])
def test_tick_columns_per_evidence_type(tmp_path: Path, mark: Any) -> None:
    body = ticked(PEM, 3, 0, [{RAKOR: mark}, {DOKLAP: mark, BA: mark}, {SK: mark, REKOM: mark}])
    check_xlsx(workbook(unit_sheet(table(body, layout=TICKS))), tmp_path)


def test_tick_columns_long_type_names_and_a_subset(tmp_path: Path) -> None:
    layout = layout_of(
        Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
        Col("tick", "Rapat Koordinasi", group="Bukti", type=RAKOR),
        Col("tick", "Dokumen/Laporan", group="Bukti", type=DOKLAP),
        Col("tick", "Berita Acara", group="Bukti", type=BA),
        Col("status", "Status"), two_row=True)
    body = ticked(PEM, 3, 0, [{RAKOR: "√"}, {DOKLAP: "x"}, {BA: 1, RAKOR: 1}])
    check_xlsx(workbook(unit_sheet(table(body, layout=layout))), tmp_path)


@pytest.mark.parametrize("mark", ["✓", "√", "v", "V", 1])
def test_ya_tidak_tick_columns(tmp_path: Path, mark: Any) -> None:
    body = acts(PEM, 2) + acts(PEM, 2, 10, followed=False)
    for a in body:
        a.yt_mark = mark
    check_xlsx(workbook(unit_sheet(table(body, layout=YA_TIDAK))), tmp_path)


@pytest.mark.parametrize("status_head", ["Ditindaklanjuti", "Status", "Tindak Lanjut"])
@pytest.mark.parametrize("before", [True, False], ids=["decoy-before", "decoy-after"])
def test_status_kegiatan_column_beside_the_status(tmp_path: Path, status_head: str,
                                                  before: bool) -> None:
    decoy = Col("decoy", "Status Kegiatan")
    status = Col("status", status_head)
    cols = [Col("no", "No"), Col("tanggal", "Tanggal"), Col("kegiatan", "Uraian Kegiatan"),
            Col("bukti", "Bukti Dukung"), *((decoy, status) if before else (status, decoy)),
            Col("hasil", "Hasil")]
    body = acts(PEM, 2) + acts(PEM, 2, 10, followed=False)
    check_xlsx(workbook(unit_sheet(table(body, layout=layout_of(*cols)))), tmp_path)


@pytest.mark.parametrize("style", ["paren", "plain", "text"])
@pytest.mark.parametrize("layout", [PLAIN, TWO_ROW, TICKS], ids=["one-row", "two-row", "ticks"])
def test_column_number_row(tmp_path: Path, style: str, layout: Layout) -> None:
    numbered = Layout(layout.cols, layout.two_row, layout.merge_singles, layout.merge_groups,
                      style)
    body = acts(PEM, 2)
    if layout is TICKS:
        body = ticked(PEM, 2, 0, [{RAKOR: "✓"}, {BA: "✓"}])
    check_xlsx(workbook(unit_sheet(table(body, layout=numbered))), tmp_path)


NO_HASIL_NO_NUMBER = layout_of(
    Col("tanggal", "Tanggal"), Col("kegiatan", "Kegiatan"), Col("bukti", "Bukti"),
    Col("status", "Tindak Lanjut"))


@pytest.mark.parametrize("place", ["first", "merged"])
def test_section_rows_between_activities(tmp_path: Path, place: str) -> None:
    a = acts(PEM, 4)
    body: list[Item] = [Section("TRIWULAN I", place), a[0], a[1], Section("Triwulan II", place),
                        a[2], Section("JULI", place), Blank(), a[3], Section("Bulan Oktober",
                                                                             place)]
    check_xlsx(workbook(unit_sheet(table(body, total=Total("JUMLAH", 4)))), tmp_path)


def test_section_rows_in_the_kegiatan_column_of_an_unnumbered_table(tmp_path: Path) -> None:
    a = acts(PEM, 3)
    body: list[Item] = [Section("TRIWULAN I", "kegiatan"), a[0], Section("MARET", "kegiatan"),
                        a[1], a[2]]
    check_xlsx(workbook(unit_sheet(table(body, layout=NO_HASIL_NO_NUMBER))), tmp_path)


TOTAL_WORD_TEXTS = ("Rekapitulasi data penduduk Desa Sombo",
                    "Jumlah penerima bantuan diverifikasi Desa Pakel",
                    "Total luas lahan terdampak banjir Desa Jeruk")


@pytest.mark.parametrize("layout", [PLAIN, TWO_ROW, TICKS, YA_TIDAK],
                         ids=["text", "two-row", "ticks", "ya-tidak"])
@pytest.mark.parametrize("followed", [True, False], ids=["ya", "tidak"])
def test_activities_starting_with_total_words(tmp_path: Path, layout: Layout,
                                              followed: bool) -> None:
    body = [act(text, PEM, day=i + 1, followed=followed) for i, text in
            enumerate(TOTAL_WORD_TEXTS)]
    if layout is TICKS:
        for a, t in zip(body, (RAKOR, BA, SK), strict=True):
            a.marks = {t: "✓"}
    check_xlsx(workbook(unit_sheet(table(body, layout=layout, total=Total("JUMLAH", 3)))),
               tmp_path)


@pytest.mark.parametrize("label", ["JUMLAH", "Jumlah", "TOTAL", "SUB TOTAL", "JML",
                                   "REKAPITULASI", "Jumlah TW I", "TOTAL KESELURUHAN",
                                   "JUMLAH SEKSI PEMERINTAHAN"])
@pytest.mark.parametrize("number", [True, False], ids=["with-number", "no-number"])
@pytest.mark.parametrize("place", ["kegiatan", "merged"])
def test_total_row(tmp_path: Path, label: str, number: bool, place: str) -> None:
    total = Total(label, 3 if number else None, place)
    check_xlsx(workbook(unit_sheet(table(acts(PEM, 3), total=total))), tmp_path)


FOOTER_CASES = {
    "after-total-in-kegiatan": (True, ((2, ("Gucialit, 31 Desember 2026",
                                            "Kepala Seksi Pemerintahan", None, None,
                                            "HARIYANTO, S.Sos",
                                            "NIP. 19700101 199003 1 005")),), 1),
    "no-total-in-kegiatan": (False, ((2, ("Gucialit, 31 Desember 2026",
                                          "Kepala Seksi Pemerintahan", None, None,
                                          "HARIYANTO, S.Sos", "NIP. 19700101 199003 1 005")),),
                             1),
    "no-total-directly-under-in-kegiatan": (False, ((2, ("Mengetahui,", "Camat Gucialit", None,
                                                         None, "Drs. SUTRISNO, M.Si",
                                                         "NIP. 19700101 199003 1 005")),), 0),
    "no-total-in-status": (False, ((4, ("Gucialit, 31 Desember 2026",
                                        "Kepala Seksi Pemerintahan", None, None,
                                        "HARIYANTO, S.Sos", "NIP. 19700101 199003 1 005")),), 1),
    "no-total-two-blocks-no-and-status": (False, (
        (0, ("Mengetahui,", "Camat Gucialit", None, None, "Drs. SUTRISNO, M.Si",
             "NIP. 19700101 199003 1 005")),
        (4, ("Gucialit, 31 Desember 2026", "Kepala Seksi Pemerintahan", None, None,
             "HARIYANTO, S.Sos", "NIP 19751212 200003 2 001"))), 2),
    "after-total-two-blocks-kegiatan-and-bukti": (True, (
        (2, ("Mengetahui,", "Camat Gucialit", None, None, "Drs. SUTRISNO, M.Si",
             "NIP. 19700101 199003 1 005")),
        (3, ("Gucialit, 31 Desember 2026", "Kepala Subbagian Perencanaan dan Keuangan", None,
             None, "SITI AMINAH, S.E.", "NIP 19751212 200003 2 001"))), 0),
}


@pytest.mark.parametrize("case", list(FOOTER_CASES))
def test_signature_footer(tmp_path: Path, case: str) -> None:
    with_total, blocks, gap = FOOTER_CASES[case]
    t = table(acts(PEM, 3), total=Total("JUMLAH") if with_total else None)
    check_xlsx(workbook(unit_sheet(t, footer=Footer(blocks, gap))), tmp_path)


@pytest.mark.parametrize("with_total", [True, False], ids=["total", "no-total"])
def test_signature_footer_in_a_tick_layout(tmp_path: Path, with_total: bool) -> None:
    body = ticked(PEM, 2, 0, [{RAKOR: "✓"}, {BA: "✓"}])
    t = table(body, layout=TICKS, total=Total("JUMLAH") if with_total else None)
    footer = Footer(((2, ("Gucialit, 31 Desember 2026", "Kepala Seksi Pemerintahan", None, None,
                          "HARIYANTO, S.Sos", "NIP. 19700101 199003 1 005")),
                     (8, ("Mengetahui,", "Camat Gucialit", None, None, "Drs. SUTRISNO, M.Si",
                          "NIP. 19700101 199003 1 005"))), 1)
    check_xlsx(workbook(unit_sheet(t, footer=footer)), tmp_path)


MULTI = [
    Ev("Rakor, Berita Acara", frozenset({RAKOR, BA})),
    Ev("Rapat Koordinasi dan Berita Acara", frozenset({RAKOR, BA})),
    Ev("Rakor/BA", frozenset({RAKOR, BA})),
    Ev("Rakor; SK Camat", frozenset({RAKOR, SK})),
    Ev("Rakor & BA", frozenset({RAKOR, BA})),
    Ev("Rakor + Rekomendasi", frozenset({RAKOR, REKOM})),
    Ev("Rakor\nBA", frozenset({RAKOR, BA})),
    Ev("SK Camat dan Rekomendasi", frozenset({SK, REKOM})),
    Ev("Dokumen/Laporan, SK", frozenset({DOKLAP, SK})),
]
VALID = [*EV_SIMPLE, *EV_DESCRIBED, *EV_NOTED, *MULTI]


def _evidence_workbook(ev: Ev) -> DrawnWorkbook:
    body = acts(PEM, 2)
    body[1].ev = ev
    return workbook(unit_sheet(table(body)))


@pytest.mark.parametrize("ev", VALID, ids=[repr(e.text) for e in VALID])
def test_evidence_spelling(tmp_path: Path, ev: Ev) -> None:
    check_xlsx(_evidence_workbook(ev), tmp_path)


@pytest.mark.parametrize("ev", EV_WARN, ids=[repr(e.text) for e in EV_WARN])
def test_evidence_with_a_piece_that_is_no_type_counts_with_a_warning(tmp_path: Path,
                                                                     ev: Ev) -> None:
    check_xlsx(_evidence_workbook(ev), tmp_path)


@pytest.mark.parametrize("ev", EV_GALAT, ids=[repr(e.text) for e in EV_GALAT])
def test_invalid_evidence_is_galat(tmp_path: Path, ev: Ev) -> None:
    check_xlsx(_evidence_workbook(ev), tmp_path)


def test_no_tick_is_galat(tmp_path: Path) -> None:
    body = ticked(PEM, 2, 0, [{RAKOR: "✓"}, {}])
    check_xlsx(workbook(unit_sheet(table(body, layout=TICKS))), tmp_path)


STATUSES = [(s, True) for s in STATUS_YES] + [(s, False) for s in STATUS_NO]


@pytest.mark.parametrize(("status", "followed"), STATUSES,
                         ids=[f"{s!r}-{'ya' if f else 'tidak'}" for s, f in STATUSES])
def test_status_spelling(tmp_path: Path, status: Any, followed: bool) -> None:
    body = acts(PEM, 2)
    body[1] = act("Pembinaan linmas Desa Tunjung", PEM, status=status, followed=followed)
    check_xlsx(workbook(unit_sheet(table(body, layout=PLAIN))), tmp_path)


_D = dt.date(2026, 3, 12)
DATES: list[Any] = [
    _D, dt.datetime(2026, 3, 12), (_D - dt.date(1899, 12, 30)).days, "12/03/2026",
    "12-03-2026", "12.03.2026", "12/03/26", "2026-03-12", "12 Maret 2026", "12 Mar 2026",
    f"{DAYS_ID[_D.weekday()]}, 12 Maret 2026", "12 March 2026", "12 Agt 2026", "12 Ags 2026",
    "12 Agu 2026", "12 Sept 2026", "12 Nop 2026", "12 Okt 2026", "12 Des 2026", "12 Mei 2026",
    "12 Aug 2026", "3/4/2026",
]


@pytest.mark.parametrize("date", DATES, ids=[repr(d) for d in DATES])
def test_date_forms(tmp_path: Path, date: Any) -> None:
    body = acts(PEM, 2)
    body[1].date = date
    check_xlsx(workbook(unit_sheet(table(body))), tmp_path)


def test_unit_column_filled_on_each_units_first_row(tmp_path: Path) -> None:
    a, b = acts(PEM, 3), acts(KESOS, 2, 10)
    a[0].unit_cell = "Pemerintahan"
    b[0].unit_cell = "Seksi Kesos"
    check_xlsx(workbook(generic_sheet(table([*a, *b], layout=WITH_UNIT))), tmp_path)


def test_unit_column_every_row_in_alias_spellings(tmp_path: Path) -> None:
    body = acts(PEM, 1) + acts(TRANTIB, 1, 5) + acts(RENKEU, 1, 10) + acts(PMD, 1, 15)
    for a, cell in zip(body, ("Tapem", "Trantibum", "Subbag Renkeu", "Pemberdayaan Masyarakat"),
                       strict=True):
        a.unit_cell = cell
    check_xlsx(workbook(generic_sheet(table(body, layout=WITH_UNIT))), tmp_path)


def _merged_workbook(field: str) -> DrawnWorkbook:
    a = acts(PEM, 3) + acts(KESOS, 1, 10)
    for x in a[:3]:
        x.unit_cell = "Seksi Pemerintahan"
        x.date = dt.date(2026, 4, 7)
        x.ev = Ev("Berita Acara", frozenset({BA}))
    a[3].unit_cell = "Kesos"
    if field != "unit":
        for x in a[1:3]:
            x.unit_cell = None
    return workbook(generic_sheet(table(a, layout=WITH_UNIT, merges=[VMerge(field, 0, 3)])))


@pytest.mark.parametrize("field", ["tanggal", "unit", "bukti"])
def test_vertically_merged_data_cell(tmp_path: Path, field: str) -> None:
    check_xlsx(_merged_workbook(field), tmp_path)


def _hidden_workbook() -> DrawnWorkbook:
    body = acts(PEM, 4)
    body[1].hidden = True
    body[2].hidden = True
    body[2].followed = False
    body[2].status = "Belum"
    body[2].hasil = None
    return workbook(unit_sheet(table(body, total=Total("JUMLAH", 4))))


def test_hidden_rows_are_counted(tmp_path: Path) -> None:
    check_xlsx(_hidden_workbook(), tmp_path)


@pytest.mark.parametrize(("name", "unit"), [
    ("Pemerintahan 2026", PEM), ("Trantib TW I", TRANTIB), ("PMD (revisi)", PMD),
    ("Kesos_2026", KESOS), ("Ekbang", EKBANG), ("Renkeu 2026", RENKEU),
])
def test_sheet_name_names_the_unit(tmp_path: Path, name: str, unit: str) -> None:
    check_xlsx(workbook(unit_sheet(table(acts(unit, 2)), name=name, unit=unit)), tmp_path)


@pytest.mark.parametrize(("file_name", "unit"), [
    ("rekap_trantib_2026.xlsx", TRANTIB), ("Rekap Kesos 2026.xlsx", KESOS),
    ("rekapitulasi_pmd.xlsx", PMD),
])
@pytest.mark.parametrize("sheet_name", ["Sheet1", "Rekap", "TW I"])
def test_file_name_names_the_unit(tmp_path: Path, file_name: str, unit: str,
                                  sheet_name: str) -> None:
    sp = SheetPlan(sheet_name, [table(acts(unit, 2))], fallback_unit=unit,
                   fallback_source="file")
    check_xlsx(workbook(sp, file_name=file_name, file_unit=unit), tmp_path)


ALL_UNIT_CELLS = [(u, v) for u, vs in UNIT_CELL.items() for v in vs]
ALL_UNIT_HEADINGS = [(u, v) for u, vs in UNIT_HEADING.items() for v in vs]
ALL_UNIT_SHORT = [(u, v) for u, vs in UNIT_SHORT.items() for v in vs]


@pytest.mark.parametrize(("unit", "cell"), ALL_UNIT_CELLS, ids=[c for _, c in ALL_UNIT_CELLS])
def test_unit_cell_spelling(tmp_path: Path, unit: str, cell: str) -> None:
    body = acts(unit, 2)
    for a in body:
        a.unit_cell = cell
    check_xlsx(workbook(generic_sheet(table(body, layout=WITH_UNIT))), tmp_path)


@pytest.mark.parametrize(("unit", "name"), ALL_UNIT_HEADINGS,
                         ids=[n for _, n in ALL_UNIT_HEADINGS])
def test_title_line_unit_spelling(tmp_path: Path, unit: str, name: str) -> None:
    sp = SheetPlan("Sheet1", [table(acts(unit, 2))],
                   title=Title(("REKAPITULASI FASILITASI DAN KOORDINASI", name.upper())),
                   fallback_unit=unit, fallback_source="title")
    check_xlsx(workbook(sp), tmp_path)


@pytest.mark.parametrize("form", [f[0] for f in HEADING_FORMS])
@pytest.mark.parametrize(("unit", "name"), ALL_UNIT_HEADINGS,
                         ids=[n for _, n in ALL_UNIT_HEADINGS])
def test_heading_unit_spelling(tmp_path: Path, unit: str, name: str, form: str) -> None:
    """Every unit name in every heading form, the only unit source of its sheet."""
    t = table(acts(unit, 2), heading=heading(unit, name, "A", form))
    check_xlsx(workbook(generic_sheet(t)), tmp_path)


@pytest.mark.parametrize(("unit", "short"), ALL_UNIT_SHORT, ids=[s for _, s in ALL_UNIT_SHORT])
def test_sheet_and_file_name_unit_spelling(tmp_path: Path, unit: str, short: str) -> None:
    by_sheet = unit_sheet(table(acts(unit, 2)), name=f"{short} 2026", unit=unit)
    by_file = SheetPlan("Sheet1", [table(acts(unit, 2, 10))], fallback_unit=unit,
                        fallback_source="file")
    check_xlsx(workbook(by_sheet, by_file, file_name=f"rekap_{short.lower()}_2026.xlsx",
                        file_unit=unit), tmp_path)


def test_cover_and_lookup_sheets_are_skipped(tmp_path: Path) -> None:
    cover = SheetPlan("Petunjuk", plain_rows=[["PETUNJUK PENGISIAN REKAP"], [],
                                              ["1. Isi satu baris untuk setiap kegiatan."]])
    lookup = SheetPlan("Referensi", plain_rows=[["No", "Jenis Bukti", "Keterangan"],
                                                [1, "Rapat Koordinasi", "contoh"],
                                                [2, "Berita Acara", "contoh"]])
    check_xlsx(workbook(cover, unit_sheet(table(acts(PEM, 2))), lookup), tmp_path)


def test_several_sheets_add_up(tmp_path: Path) -> None:
    s1 = unit_sheet(table(acts(PEM, 2)), name="Pemerintahan 2026", unit=PEM)
    s2 = unit_sheet(table(acts(KESOS, 3, 10)), name="Kesos_2026", unit=KESOS)
    s3 = generic_sheet(table(acts(PEM, 1, 20), heading=heading(PEM, "SEKSI PEMERINTAHAN")),
                       name="Rekap")
    check_xlsx(workbook(s1, s2, s3), tmp_path)


# --------------------------------------------------------------------------------------------
# The generator itself
# --------------------------------------------------------------------------------------------


def test_generator_draws_consistent_plans() -> None:
    """Every seeded draw renders (render checks each plan for the ambiguous cases it avoids)."""
    for i in range(300):
        wb = draw(random.Random(i))
        t = wb.truth
        assert t.jumlah == sum(j for j, _ in t.unit.values())
        assert sum(t.bukti.values()) >= t.jumlah
        assert all(set(rt.types) <= set(TYPES) for s in wb.sheets for rt in s.rows)


# --------------------------------------------------------------------------------------------
# Property: drawn workbooks as .xlsx
# --------------------------------------------------------------------------------------------


@settings(max_examples=EXAMPLES, deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(wb=workbooks())
def test_drawn_layouts_count_as_constructed(wb: DrawnWorkbook,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    check_xlsx(wb, tmp_path_factory.mktemp("layout"))


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(wb=workbooks(DrawOptions(plant_galat=True, plant_warn=True)))
def test_drawn_layouts_with_planted_galat_rows(wb: DrawnWorkbook,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    check_xlsx(wb, tmp_path_factory.mktemp("layout"))


@settings(max_examples=max(EXAMPLES // 5, 10), deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(wb=workbooks(DrawOptions(plant_galat=True, plant_warn=True)))
def test_drawn_layouts_read_in_row_pieces(wb: DrawnWorkbook,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every sheet cut in row pieces read side by side (as a sheet of megabytes is): the same
    true counts."""
    with forced_pieces(cores=3) as spy:
        check_xlsx(wb, tmp_path_factory.mktemp("layout"))
    assert spy.called


# --------------------------------------------------------------------------------------------
# Through LibreOffice: .ods and .xls as an office application writes them
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lo_batch(tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[list[DrawnWorkbook], list[dict[str, Path]]]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) missing")
    wbs = [draw(random.Random(SEED * 10_000 + i)) for i in range(LO_DRAWS)]
    return wbs, save_batch(wbs, tmp_path_factory.mktemp("lo_batch"))


@needs_soffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
@pytest.mark.parametrize("index", range(LO_DRAWS))
def test_seeded_layouts_through_libreoffice(
        lo_batch: tuple[list[DrawnWorkbook], list[dict[str, Path]]], index: int,
        fmt: str) -> None:
    wbs, paths = lo_batch
    assert_counts(wbs[index], paths[index][fmt])


LO_FEATURES: dict[str, Callable[[], DrawnWorkbook]] = {
    "merged-date": lambda: _merged_workbook("tanggal"),
    "merged-unit": lambda: _merged_workbook("unit"),
    "merged-evidence": lambda: _merged_workbook("bukti"),
    "hidden-rows": _hidden_workbook,
    "two-row-header": lambda: workbook(unit_sheet(table(acts(PEM, 3), layout=TWO_ROW))),
    "ticks": lambda: workbook(unit_sheet(table(
        ticked(PEM, 3, 0, [{RAKOR: "✓"}, {DOKLAP: 1, BA: "x"}, {SK: "v"}]), layout=TICKS))),
    "stacked-merged-headings": lambda: workbook(generic_sheet(
        table(acts(KESOS, 2), heading=heading(KESOS, "SEKSI KESOS", "A", "merged"),
              total=Total("JUMLAH", 2)),
        table(acts(TRANTIB, 2, 10), heading=heading(TRANTIB, "SEKSI TRANTIB", "B", "merged"),
              total=Total("JUMLAH", 2)))),
}


@pytest.fixture(scope="module")
def lo_features(tmp_path_factory: pytest.TempPathFactory
                ) -> dict[str, tuple[DrawnWorkbook, dict[str, Path]]]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) missing")
    names = list(LO_FEATURES)
    wbs = [LO_FEATURES[n]() for n in names]
    saved = save_batch(wbs, tmp_path_factory.mktemp("lo_features"))
    return {n: (wb, paths) for n, wb, paths in zip(names, wbs, saved, strict=True)}


@needs_soffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
@pytest.mark.parametrize("feature", list(LO_FEATURES))
def test_feature_through_libreoffice(
        lo_features: dict[str, tuple[DrawnWorkbook, dict[str, Path]]], feature: str,
        fmt: str) -> None:
    wb, paths = lo_features[feature]
    assert_counts(wb, paths[fmt])
