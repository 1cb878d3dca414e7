"""Round trip: a generated template, filled as an office would, counts just what was written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from iku_cli import hitung
from iku_cli.rekap import vocab
from iku_cli.render.rekap.template import TEMPLATE_HEADER, write_template

UNITS = [vocab.Unit(*entry) for entry in vocab.DEFAULT_UNITS]
COL = {label: index for index, label in enumerate(TEMPLATE_HEADER, 1)}


def _template(folder: Path, **options: object) -> Path:
    path = folder / "rekap_2026.xlsx"
    settings: dict[str, object] = {
        "units": UNITS, "kecamatan": "Gucialit", "kabupaten": "Lumajang", "tahun": 2026,
    }
    settings.update(options)
    write_template(path, **settings)  # type: ignore[arg-type]
    return path


def _header_row(sheet: Worksheet) -> int:
    for row in range(1, 30):
        if tuple(c.value for c in sheet[row][: len(TEMPLATE_HEADER)]) == TEMPLATE_HEADER:
            return row
    raise AssertionError(f"no header in {sheet.title}")


def _fill(sheet: Worksheet, activities: list[dict[str, object]]) -> list[int]:
    """Write activities under the header as an operator would; return their Excel rows."""
    first = _header_row(sheet) + 1
    rows = []
    for offset, activity in enumerate(activities):
        row = first + offset
        sheet.cell(row, COL["No"], offset + 1)
        for label, value in activity.items():
            sheet.cell(row, COL[label], value)
        rows.append(row)
    return rows


def _galat(result: object) -> list[object]:
    return [p for p in result.problems if str(p.severity) == "galat"]  # type: ignore[attr-defined]


def test_unfilled_template_counts_zero_without_galat(tmp_path: Path) -> None:
    result = hitung([_template(tmp_path)])
    assert result.subdistrict == "Gucialit"  # read back from the title block
    assert result.total.counted == 0
    assert result.total.followed_up == 0
    assert all(unit.counted == 0 for unit in result.units)
    assert _galat(result) == []


def test_unfilled_template_without_kecamatan_counts_zero(tmp_path: Path) -> None:
    path = _template(tmp_path, kecamatan=None, kabupaten=None, rows=20)
    result = hitung([path])
    assert result.total.counted == 0
    assert _galat(result) == []


def test_filled_template_counts_what_was_written(tmp_path: Path) -> None:
    path = _template(tmp_path)
    book = openpyxl.load_workbook(path)

    pemerintahan = _fill(book["Pemerintahan"], [
        {
            "Tanggal": datetime(2026, 1, 14), "Uraian Kegiatan": "Rakor persiapan pilkades",
            "Jenis Bukti Dukung": "Rapat Koordinasi", "Nomor Bukti": "005/012/427.306/2026",
            "Ditindaklanjuti": "Ya", "Hasil Tindak Lanjut": "Jadwal pilkades ditetapkan",
        },
        {
            "Tanggal": datetime(2026, 2, 3), "Uraian Kegiatan": "Fasilitasi penegasan batas desa",
            "Jenis Bukti Dukung": "Rakor, BA", "Nomor Bukti": "0012",
            "Ditindaklanjuti": "Ya", "Hasil Tindak Lanjut": "Berita acara kesepakatan batas",
        },
        {
            # No evidence at all: listed, but never counted (galat bukti-kosong).
            "Tanggal": datetime(2026, 2, 20), "Uraian Kegiatan": "Pembinaan perangkat desa",
            "Ditindaklanjuti": "Ya", "Hasil Tindak Lanjut": "Perangkat desa dibina",
        },
        {
            "Tanggal": datetime(2026, 3, 9), "Uraian Kegiatan": "Evaluasi APBDes",
            "Jenis Bukti Dukung": "Dokumen/Laporan", "Ditindaklanjuti": "Tidak",
        },
    ])
    _fill(book["Trantib"], [
        {
            "Tanggal": datetime(2026, 4, 1), "Uraian Kegiatan": "Koordinasi pengamanan hari raya",
            "Jenis Bukti Dukung": "Rapat Koordinasi, Berita Acara",
            "Ditindaklanjuti": "Ya", "Hasil Tindak Lanjut": "Pos pengamanan didirikan",
        },
        {
            "Tanggal": datetime(2026, 5, 11), "Uraian Kegiatan": "Penertiban PKL pasar",
            "Jenis Bukti Dukung": "SK Camat", "Nomor Bukti": "188/45/427.306/2026",
            "Ditindaklanjuti": "Tidak",
        },
    ])
    _fill(book["Kesos"], [
        {
            "Tanggal": datetime(2026, 6, 2), "Uraian Kegiatan": "Rekomendasi bantuan RTLH",
            "Jenis Bukti Dukung": "Rekomendasi", "Nomor Bukti": "460/7/427.306/2026",
            "Ditindaklanjuti": "Ya", "Hasil Tindak Lanjut": "Usulan diterima Dinsos",
        },
    ])
    book.save(path)

    result = hitung([path])

    assert (result.total.counted, result.total.followed_up) == (6, 4)
    counted = {u.unit: (u.counted, u.followed_up) for u in result.units if u.counted}
    assert counted == {
        "Seksi Pemerintahan": (3, 2),
        "Seksi Ketentraman dan Ketertiban Umum": (2, 1),
        "Seksi Kesejahteraan Sosial": (1, 1),
    }
    galat = _galat(result)
    assert [(p.code, p.sheet, p.row) for p in galat] == [
        ("bukti-kosong", "Pemerintahan", pemerintahan[2])
    ]
    assert pemerintahan[2] == 10  # 5 title lines, a blank row, the header at 7, data from 8


@pytest.mark.parametrize("rows", [1, 500])
def test_last_template_row_is_read(tmp_path: Path, rows: int) -> None:
    # The validated range ends at the last template row; an activity written there counts.
    path = _template(tmp_path, units=UNITS[3:4], rows=rows)
    book = openpyxl.load_workbook(path)
    sheet = book["Pemerintahan"]
    last = _header_row(sheet) + rows
    sheet.cell(last, COL["No"], 1)
    sheet.cell(last, COL["Uraian Kegiatan"], "Rakor terakhir")
    sheet.cell(last, COL["Jenis Bukti Dukung"], "BA")
    sheet.cell(last, COL["Ditindaklanjuti"], "Ya")
    sheet.cell(last, COL["Hasil Tindak Lanjut"], "Selesai")
    sheet.cell(last, COL["Tanggal"], datetime(2026, 12, 31))
    book.save(path)

    result = hitung([path])
    assert (result.total.counted, result.total.followed_up) == (1, 1)
    assert [(u.unit, u.counted) for u in result.units if u.counted] == [("Seksi Pemerintahan", 1)]
    assert _galat(result) == []
