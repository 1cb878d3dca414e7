"""The summary workbook (`-o`): every sheet, every number traceable, nothing that runs.

Results are built from workbooks in tmp_path and the written workbook is read back with
openpyxl.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SheetSpec, simple_rekap, write_csv, write_xlsx
from iku_cli.problems import OutputError
from iku_cli.rekap.core import Options, hitung
from iku_cli.rekap.model import Result
from iku_cli.render.rekap.workbook import write_summary
from iku_cli.runinfo import RunInfo
from workbook_support import (
    FORMULA_TEXTS,
    FORMULA_UNITS,
    SHEETS,
    audit_rekap,
    find_row,
    label_values,
    rows_of,
    table,
)

RUN = RunInfo(argv=("/venv/bin/iku", "hitung", "rekap.xlsx", "-o", "r.xlsx"),
              started_at=dt.datetime(2026, 4, 2, 9, 30, tzinfo=dt.UTC),
              options={"paths": ["rekap.xlsx"], "--periode": "triwulan", "--target": 90.0,
                       "--ketat": False, "--tahun": None})


@pytest.fixture
def rekap(tmp_path: Path) -> Path:
    return audit_rekap(tmp_path / "rekap.xlsx")


def summary(tmp_path: Path, source: Path, **options: Any) -> tuple[Result, openpyxl.Workbook]:
    result = hitung([source], Options(**options))
    target = tmp_path / "ringkasan.xlsx"
    write_summary(result, target, RUN)
    return result, openpyxl.load_workbook(target)


def test_every_sheet_present_in_order(tmp_path: Path, rekap: Path) -> None:
    _, workbook = summary(tmp_path, rekap)
    assert workbook.sheetnames == SHEETS
    _, with_periods = summary(tmp_path, rekap, period="triwulan")
    assert with_periods.sheetnames == [*SHEETS[:2], "Per Periode", *SHEETS[2:]]


def test_every_sheet_has_frozen_header_filter_and_print_setup(tmp_path: Path,
                                                               rekap: Path) -> None:
    _, workbook = summary(tmp_path, rekap, period="triwulan", target=90)
    for ws in workbook.worksheets:
        if ws.sheet_state == "hidden":  # iku_hasil: data for `iku gabung`, not for people
            continue
        assert ws.freeze_panes, ws.title
        header_row = int(re.sub(r"\D", "", ws.freeze_panes)) - 1
        assert ws.auto_filter.ref.split(":")[0].endswith(str(header_row)), ws.title
        assert ws.print_title_rows == f"${header_row}:${header_row}", ws.title
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # Ringkasan is what a signer reads: one page; the lists run as many pages as needed
        one_page = 1 if ws.title == "Ringkasan" else 0
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, one_page)
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        assert widths and all(5 <= w <= 80 for w in widths), ws.title


def test_ringkasan_title_block_table_total_and_chart(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap, target=90)
    ws = workbook["Ringkasan"]
    assert ws["A1"].value == result.indicator
    block = label_values(ws)
    assert block["Kecamatan"] == "Gucialit"
    assert block["Tahun"] == 2026
    assert block["Periode"] == "Tahun 2026"  # the activities reach the fourth quarter
    assert block["Tanggal kegiatan"] == ("12 Januari 2026 s.d. 2 Oktober 2026 (ditambah 1 "
                                         "kegiatan tanpa tanggal)")
    assert block["Dibuat"] == "02/04/2026 09:30 oleh iku 0.1.0"
    pk = find_row(ws, "Pengukuran Kinerja")
    assert rows_of(ws, pk + 1)[0][:5] == ("Total", 90, result.total.percent,
                                          result.achievement.percent, result.achievement.category)
    header = find_row(ws, "Unit kerja")
    units = rows_of(ws, header + 1)[: len(result.units) + 1]
    assert [row[:4] for row in units] == [
        *[(u.unit, u.counted, u.followed_up, u.percent) for u in result.units],
        ("TOTAL", result.total.counted, result.total.followed_up, result.total.percent),
    ]
    total_row = header + len(result.units) + 1
    # the check formulas stand beside the values, never instead of them
    assert ws.cell(total_row, 6).value == f"=SUM(B{header + 1}:B{total_row - 1})"
    assert ws.cell(total_row, 2).value == result.total.counted
    assert ws.cell(total_row, 4).number_format == "0.00"
    assert len(ws._charts) == 1  # openpyxl reads a chart back: the bar chart per unit


def column_values(ws: Any, column: int) -> list[Any]:
    return [ws.cell(row, column).value for row in range(1, ws.max_row + 1)]


def test_ringkasan_signature_block_from_the_config(tmp_path: Path, rekap: Path) -> None:
    from iku_cli.render.common.signature import Signatory

    result = hitung([rekap], Options(subdistrict="Gucialit"))
    target = tmp_path / "ringkasan.xlsx"
    write_summary(result, target, RUN, Signatory(name="Drs. Contoh Nama", rank="Pembina (IV/a)",
                                                 nip="19700101 199001 1 001"))
    ws = openpyxl.load_workbook(target)["Ringkasan"]
    signature = [v for v in column_values(ws, 3)[find_row(ws, "TOTAL"):] if isinstance(v, str)]
    assert signature == ["Gucialit, 2 April 2026", "Camat Gucialit", "Drs. Contoh Nama",
                         "Pembina (IV/a)", "NIP. 19700101 199001 1 001"]
    name = next(c for c in ws["C"] if c.value == "Drs. Contoh Nama")
    assert name.font.b and name.font.u == "single"
    # nothing configured: placeholders, highlighted, and how to fill them in once
    write_summary(result, target, RUN, Signatory(position="Camat Gucialit"))
    ws = openpyxl.load_workbook(target)["Ringkasan"]
    lines = [v for v in column_values(ws, 3)[find_row(ws, "TOTAL"):] if isinstance(v, str)]
    assert lines[2:] == ["[nama penandatangan]", "[pangkat/golongan]",
                         "NIP. [nomor induk pegawai]",
                         "(isi [penandatangan] di iku.toml (tempat, jabatan, nama, pangkat, "
                         "nip))"]
    placeholder = next(c for c in ws["C"] if c.value == "[nama penandatangan]")
    assert placeholder.fill.fgColor.rgb.endswith("FFFF00")


def test_ringkasan_chart_draws_the_target_as_a_line(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap, target=90)
    ws = workbook["Ringkasan"]
    header = find_row(ws, "Unit kerja")
    # the line's values: the target beside each unit, in a hidden column J
    targets = [ws.cell(header + 1 + i, 10).value for i in range(len(result.units))]
    assert targets == [90] * len(result.units)
    assert ws.column_dimensions["J"].hidden
    with zipfile.ZipFile(tmp_path / "ringkasan.xlsx") as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    chart = re.sub(r"<(/?)c:", r"<\1", chart)  # with or without the namespace prefix
    assert "<barChart>" in chart and "<lineChart>" in chart
    assert '<plotVisOnly val="0"' in chart  # a hidden column still draws its line
    assert ws.print_area is not None and ws.page_setup.fitToHeight == 1
    summary(tmp_path, rekap)  # the same workbook, without a target
    with zipfile.ZipFile(tmp_path / "ringkasan.xlsx") as archive:
        assert "lineChart>" not in archive.read("xl/charts/chart1.xml").decode()


@pytest.mark.parametrize(("months", "expected"), [
    ((1, 2, 3), "Triwulan I 2026"),
    ((2, 5), "s.d. Triwulan II 2026"),
    ((3, 9), "s.d. Triwulan III 2026"),
    ((1, 11), "Tahun 2026"),
])
def test_ringkasan_period_is_the_year_or_the_quarters_reported(
        tmp_path: Path, months: tuple[int, ...], expected: str) -> None:
    rows = [[i + 1, dt.date(2026, month, 10), f"Kegiatan {i}", "Rakor", None, "Ya", None, None]
            for i, month in enumerate(months)]
    source = write_xlsx(tmp_path / "r.xlsx", [SheetSpec("Kesos", simple_rekap(rows))])
    _, workbook = summary(tmp_path, source)
    assert label_values(workbook["Ringkasan"])["Periode"] == expected


def test_pengukuran_kinerja_sheet_holds_the_history_and_renstra_of_the_json(
        tmp_path: Path, rekap: Path) -> None:
    from iku_cli.rekap.model import EarlierYear, RenstraTarget

    history = (EarlierYear(2024, 78.5, "iku.toml"), EarlierYear(2025, 81.2, "iku.toml", 85.0))
    result, workbook = summary(tmp_path, rekap, target=90, year=2026, history=history,
                               renstra=RenstraTarget(2026, 92.0))
    ws = workbook["Pengukuran Kinerja"]
    start = find_row(ws, "Perbandingan dengan tahun-tahun sebelumnya") + 2
    data = result.to_dict()
    rows = rows_of(ws, start)[: len(data["riwayat"])]
    assert [row[:7] for row in rows] == [
        (r["tahun"], r["target"], r["realisasi"], r["capaian"], r["jumlah"],
         r["ditindaklanjuti"], r["sumber"]) for r in data["riwayat"]]
    renstra = rows_of(ws, find_row(ws, "Target akhir Renstra") + 2)[0]
    assert renstra[:4] == (2026, 92, data["total"]["persentase"], data["renstra"]["capaian"])


def test_without_target_no_pengukuran_line(tmp_path: Path, rekap: Path) -> None:
    _, workbook = summary(tmp_path, rekap)
    column_a = [row[0] for row in rows_of(workbook["Ringkasan"])]
    assert "Pengukuran Kinerja" not in column_a


def test_rincian_has_exactly_the_denominator(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap)
    rows = table(workbook["Rincian"])
    assert len(rows) == result.total.counted == 9
    store = result.activities
    counted = [i for i, reason in enumerate(store.reason) if reason is None]
    for number, (row, i) in enumerate(zip(rows, counted, strict=True), start=1):
        assert row["No"] == number
        assert row["Unit kerja"] == store.unit[i]
        assert row["Uraian kegiatan"] == store.text[i]
        assert row["Jenis bukti dukung"] == ", ".join(store.evidence[i])
        assert row["Ditindaklanjuti"] == ("Ya" if store.followed[i] else "Tidak")
        assert (row["Berkas"], row["Sheet"], row["Baris"]) == (store.file[i], store.sheet[i],
                                                                store.row[i])
        date = row["Tanggal"]
        assert (date.date() if date else None) == store.date[i]
    assert sum(row["Ditindaklanjuti"] == "Ya" for row in rows) == result.total.followed_up
    assert workbook["Rincian"]["C2"].number_format == "dd/mm/yyyy"


def test_tidak_dihitung_lists_every_other_row_with_its_reason(tmp_path: Path,
                                                              rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap)
    rows = table(workbook["Tidak Dihitung"])
    assert len(rows) == result.activity_rows - result.total.counted == 3
    assert [(r["Alasan tidak dihitung"], r["Sheet"], r["Baris"]) for r in rows] == [
        ("tanpa bukti dukung yang sah", "Pemerintahan", 7),
        ("duplikat", "Pemerintahan", 10),
        ("tanpa bukti dukung yang sah", "Trantib", 7),
    ]
    assert "'Foto' bukan jenis bukti dukung" in rows[0]["Masalah di baris ini"]
    assert "sama persis dengan baris 9" in rows[1]["Masalah di baris ini"]


def test_bukti_counts_each_type_per_unit(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap)
    ws = workbook["Bukti"]
    header = find_row(ws, "Unit kerja")
    names = rows_of(ws, header)[0]
    rows = {row[0]: dict(zip(names, row, strict=True)) for row in rows_of(ws, header + 1)}
    total = rows.pop("TOTAL")
    assert {t: total[t] for t in result.evidence} == result.evidence
    pem = rows["Seksi Pemerintahan"]
    # 'Berita Acara, Rakor' counts in both columns
    assert (pem["Rapat Koordinasi"], pem["Berita Acara"], pem["Jumlah F&K"]) == (2, 1, 5)
    for unit in result.units:
        assert rows[unit.unit]["Jumlah F&K"] == unit.counted
    for type_ in result.evidence:
        assert sum(row[type_] for row in rows.values()) == total[type_]


def test_sumber_hash_size_rows_and_run(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap)
    ws = workbook["Sumber"]
    header = find_row(ws, "Berkas")
    names = rows_of(ws, header)[0]
    rows = [dict(zip(names, row, strict=True)) for row in rows_of(ws, header + 1)]
    whole = rows[0]
    assert whole["SHA-256"] == hashlib.sha256(rekap.read_bytes()).hexdigest()
    assert whole["Ukuran (byte)"] == rekap.stat().st_size
    assert whole["Baris kegiatan"] == result.activity_rows == 12
    assert whole["Terhitung"] == result.total.counted
    assert abs(whole["Diubah"] - dt.datetime.fromtimestamp(rekap.stat().st_mtime)) \
        < dt.timedelta(seconds=1)
    sheets = {r["Sheet"]: (r["Baris kegiatan"], r["Terhitung"]) for r in rows[1:4]}
    assert sheets == {"Pemerintahan": (7, 5), "Trantib": (3, 2), "Data": (2, 2)}
    run = label_values(ws)
    assert run["Versi iku"] == "0.1.0"
    assert run["Perintah"] == "iku hitung rekap.xlsx -o r.xlsx"
    assert run["Opsi --periode"] == "triwulan"
    assert run["Opsi --ketat"] == "tidak"
    assert run["Opsi --tahun"] == "(tidak diisi)"
    assert run["Argumen PATHS"] == "rekap.xlsx"
    assert run["Waktu mulai"].startswith("02/04/2026 09:30:00")


def test_masalah_lists_every_problem(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap)
    rows = table(workbook["Masalah"])
    assert len(rows) == len(result.problems)
    assert rows[0]["Tingkat"] == str(result.problems[0].severity)


def test_text_from_the_input_never_becomes_a_formula(tmp_path: Path, rekap: Path) -> None:
    _, workbook = summary(tmp_path, rekap, period="triwulan")
    texts = {cell.value for ws in workbook.worksheets for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str)}
    assert set(FORMULA_TEXTS) <= texts
    assert set(FORMULA_UNITS) <= texts
    formulas = [(ws.title, cell.coordinate, cell.value) for ws in workbook.worksheets
                for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
    # only the auditor's three check formulas beside the TOTAL row of Ringkasan
    assert [(title, value.split("(")[0]) for title, _, value in formulas] == [
        ("Ringkasan", "=SUM"), ("Ringkasan", "=SUM"), ("Ringkasan", "=IF"),
    ]
    with zipfile.ZipFile(tmp_path / "ringkasan.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                assert ("<f>" in xml) == (name == "xl/worksheets/sheet1.xml"), name


def test_json_and_the_workbook_agree(tmp_path: Path, rekap: Path) -> None:
    result, workbook = summary(tmp_path, rekap, period="triwulan", target=90,
                               quarter_targets=(80, 85, 88, 90))
    data = result.to_dict()
    assert read_back(workbook) == {
        "indikator": data["indikator"], "kecamatan": data["kecamatan"], "tahun": data["tahun"],
        "total": data["total"], "unit": data["unit"], "bukti": data["bukti"],
        "periode": [_period_shown(p) for p in data["periode"]],
        "masalah": data["masalah"],
        "sumber": [{k: s[k] for k in ("berkas", "sha256", "ukuran", "format")}
                   | {"sheet": [{k: sh[k] for k in ("nama", "baris_kegiatan", "terhitung",
                                                    "di_luar_tahun")} for sh in s["sheet"]]}
                   for s in data["sumber"]],
    }


def _period_shown(period: dict[str, Any]) -> dict[str, Any]:
    """What Per Periode shows of a JSON period entry (per unit: no cumulative row)."""
    shown = {k: period[k] for k in ("periode", "unit", "jumlah", "ditindaklanjuti",
                                    "persentase")}
    if period["unit"] is None:
        shown["kumulatif"] = period["kumulatif"]
        shown.update({k: period[k] for k in ("target", "capaian", "kategori")})
    return shown


def read_back(workbook: openpyxl.Workbook) -> dict[str, Any]:
    """The JSON's numbers, rebuilt from the workbook alone."""
    ws = workbook["Ringkasan"]
    block = label_values(ws)
    pk = rows_of(ws, find_row(ws, "Pengukuran Kinerja") + 1)[0]
    header = find_row(ws, "Unit kerja")
    units, total = [], None
    for row in rows_of(ws, header + 1):
        entry = {"unit": row[0], "jumlah": row[1], "ditindaklanjuti": row[2],
                 "persentase": row[3]}
        if row[0] == "TOTAL":
            total = entry
            break
        units.append(entry)
    assert total is not None
    del total["unit"]
    total.update(target=pk[1], capaian=pk[3], kategori=pk[4])
    bukti_ws = workbook["Bukti"]
    names = rows_of(bukti_ws, find_row(bukti_ws, "Unit kerja"))[0]
    bukti_total = rows_of(bukti_ws, find_row(bukti_ws, "TOTAL"))[0]
    problems = table(workbook["Masalah"])
    keys = {"Tingkat": "tingkat", "Kode": "kode", "Berkas": "berkas", "Sheet": "sheet",
            "Baris": "baris", "Kolom": "kolom", "Sel": "sel", "Nilai": "nilai",
            "Pesan (apa yang harus diperbaiki)": "pesan"}
    daftar = [{keys[k]: v for k, v in row.items()} for row in problems]
    return {
        "indikator": ws["A1"].value,
        "kecamatan": None if block["Kecamatan"] == "-" else block["Kecamatan"],
        "tahun": None if block["Tahun"] == "-" else block["Tahun"],
        "total": total, "unit": units,
        "bukti": dict(zip(names[2:], bukti_total[2:], strict=True)),
        "periode": _periods_back(workbook["Per Periode"]),
        "masalah": {level: sum(p["tingkat"] == level for p in daftar)
                    for level in ("galat", "peringatan", "info")} | {"daftar": daftar},
        "sumber": _sources_back(workbook["Sumber"]),
    }


def _periods_back(ws: Any) -> list[dict[str, Any]]:
    header = rows_of(ws, find_row(ws, "Unit kerja"))[0]
    periods = header[2:-1]
    cells: dict[tuple[str, str], tuple[Any, ...]] = {}
    for row in rows_of(ws, find_row(ws, "Unit kerja") + 1):
        cells[(row[0], row[1])] = row[2:-1]
    units = list(dict.fromkeys(name for name, _ in cells
                               if name not in ("TOTAL", "TOTAL kumulatif")))
    out = []
    for index, label in enumerate(periods):
        def count(name: str, i: int = index) -> dict[str, Any]:
            return {"jumlah": cells[(name, "Jumlah F&K")][i],
                    "ditindaklanjuti": cells[(name, "Ditindaklanjuti")][i],
                    "persentase": cells[(name, "Persentase (%)")][i]}
        cumulative = count("TOTAL kumulatif")
        out.append({"periode": label, "unit": None, **count("TOTAL"),
                    "kumulatif": None if cumulative["jumlah"] is None else cumulative,
                    "target": cells[("TOTAL kumulatif", "Target (%)")][index],
                    "capaian": cells[("TOTAL kumulatif", "Capaian (%)")][index],
                    "kategori": cells[("TOTAL kumulatif", "Kategori capaian")][index]})
        out += [{"periode": label, "unit": unit, **count(unit)} for unit in units]
    return out


def _sources_back(ws: Any) -> list[dict[str, Any]]:
    header = find_row(ws, "Berkas")
    names = rows_of(ws, header)[0]
    sources: list[dict[str, Any]] = []
    for values in rows_of(ws, header + 1):
        row = dict(zip(names, values, strict=True))
        if row["Berkas"] is None or str(row["Berkas"]).startswith("TOTAL"):
            break
        if row["Sheet"] == "(seluruh berkas)":
            sources.append({"berkas": row["Berkas"], "sha256": row["SHA-256"],
                            "ukuran": row["Ukuran (byte)"], "format": row["Format"],
                            "sheet": []})
        else:
            sources[-1]["sheet"].append({"nama": row["Sheet"],
                                         "baris_kegiatan": row["Baris kegiatan"],
                                         "terhitung": row["Terhitung"],
                                         "di_luar_tahun": row["Di luar tahun"]})
    return sources


def test_per_kecamatan_sheet_for_a_kabupaten(tmp_path: Path) -> None:
    for name in ("Gucialit", "Pasrujambe"):
        folder = tmp_path / "kabupaten" / f"Kec. {name}"
        folder.mkdir(parents=True)
        write_xlsx(folder / "rekap.xlsx", [SheetSpec("Pemerintahan", simple_rekap(
            [[1, "02/03/2026", f"Rakor {name}", "Rakor", None, "Ya", "ok", None]]))])
    result = hitung([tmp_path / "kabupaten"], Options(per_subdistrict=True))
    target = tmp_path / "kab.xlsx"
    write_summary(result, target, RUN)
    workbook = openpyxl.load_workbook(target)
    assert "Per Kecamatan" in workbook.sheetnames
    rows = rows_of(workbook["Per Kecamatan"], 4)
    assert rows[0] == ("Gucialit", "Jumlah kecamatan", 1, 1, 100)
    assert rows[-1] == ("TOTAL", None, 2, 2, 100)
    assert "Kecamatan" in rows_of(workbook["Rincian"])[0]


def test_control_characters_in_the_input_do_not_stop_the_write(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "rekap_trantib.csv", [
        ["No", "Tanggal", "Uraian Kegiatan", "Jenis Bukti Dukung", "Ditindaklanjuti"],
        [1, "02/03/2026", "Rapat\x07 koordinasi <pasar> & terminal", "Rakor", "Ya"],
    ])
    _, workbook = summary(tmp_path, source)
    texts = [row["Uraian kegiatan"] for row in table(workbook["Rincian"])]
    assert len(texts) == 1 and texts[0].endswith("koordinasi <pasar> & terminal")
    assert "\x07" not in texts[0]


def test_many_rows_wrapped_cells_get_a_height(tmp_path: Path) -> None:
    long_text = "Koordinasi " + "penanganan banjir bandang di Desa Kenongo " * 4
    rows = [[i, "02/03/2026", f"{long_text}{i}", "Rakor", None, "Ya", "ok", None]
            for i in range(1, 301)]
    source = write_xlsx(tmp_path / "rekap.xlsx", [SheetSpec("Trantib", simple_rekap(rows))])
    _, workbook = summary(tmp_path, source)
    ws = workbook["Rincian"]
    assert ws.max_row == 301
    # LibreOffice does not compute row heights on opening: a wrapped text needs its own
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height >= 45


def test_a_failed_replace_leaves_the_previous_file(tmp_path: Path, rekap: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    result = hitung([rekap])
    target = tmp_path / "ringkasan.xlsx"
    target.write_bytes(b"versi sebelumnya")

    def locked(*args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="tutup berkas di Excel lalu ulangi"):
        write_summary(result, target, RUN)
    assert target.read_bytes() == b"versi sebelumnya"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path, rekap: Path) -> None:
    result = hitung([rekap])
    folder = tmp_path / "terkunci"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="tidak bisa menulis di folder"):
            write_summary(result, folder / "ringkasan.xlsx", RUN)
    finally:
        folder.chmod(0o755)


def test_the_hidden_result_sheet_carries_the_result_in_pieces(
        tmp_path: Path, rekap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`iku gabung` reads the result back from the summary workbook, however long its JSON."""
    import iku_cli.render.rekap.workbook as summary_workbook
    from iku_cli.inputs.results import read_sent
    from iku_cli.limits import DEFAULT_LIMITS

    monkeypatch.setattr(summary_workbook, "RESULT_CHUNK", 100)  # many cells, not one
    result, workbook = summary(tmp_path, rekap, target=90)
    sheet = workbook["iku_hasil"]
    assert sheet.sheet_state == "hidden" and sheet.max_row > 10
    sent = read_sent(tmp_path / "ringkasan.xlsx", DEFAULT_LIMITS)
    assert sent.kind == "ringkasan" and sent.data == result.sent_dict()
    assert sent.data["masalah"] == {key: result.counts_by_severity[key]
                                    for key in ("galat", "peringatan", "info")}
