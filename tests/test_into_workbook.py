"""`--ke`: what openpyxl would lose is found before anything is written; the write replaces
one sheet and leaves every other sheet as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from host_support import (
    VBA_BYTES,
    add_picture_and_shape,
    add_validation_extension,
    as_xlsm,
    host_workbook,
    rewrite_parts,
    snapshot,
)
from iku_cli.problems import OutputError
from iku_cli.rekap.core import hitung
from iku_cli.render.rekap.host_inspect import inspect_host
from iku_cli.render.rekap.into_workbook import IntoUsageError, backup_name, check_into, write_into
from iku_cli.runinfo import RunInfo
from workbook_support import audit_rekap


def found(path: Path, sheet: str = "IKU", macros: bool = False) -> list[str]:
    return sorted(f.describe() for f in inspect_host(path, sheet, macros_kept=macros))


def test_plain_content_is_safe(tmp_path: Path) -> None:
    assert found(host_workbook(tmp_path / "laporan.xlsx")) == []


def test_chart_picture_shape_and_extension_are_listed(tmp_path: Path) -> None:
    path = host_workbook(tmp_path / "laporan.xlsx", chart=True)
    add_picture_and_shape(path)
    add_validation_extension(path)
    assert found(path) == [
        "bentuk atau kotak teks: 1 di sheet Data",
        "gambar: 1 di sheet Data",
        "grafik: 1 di sheet Data",
        "validasi data lanjutan (x14): 1 di sheet Catatan",
    ]


def test_what_belongs_only_to_the_replaced_sheet_does_not_count(tmp_path: Path) -> None:
    path = host_workbook(tmp_path / "laporan.xlsx", chart=True, chart_sheet="IKU")
    assert found(path, "IKU") == []
    assert found(path, "iku") == []  # Excel's sheet names ignore case
    assert found(path, "Lain") == ["grafik: 1 di sheet IKU"]


def test_workbook_level_parts_are_listed(tmp_path: Path) -> None:
    path = rewrite_parts(host_workbook(tmp_path / "laporan.xlsx"), {
        "xl/pivotCache/pivotCacheDefinition1.xml": b"<pivotCacheDefinition/>",
        "xl/externalLinks/externalLink1.xml": b"<externalLink/>",
        "xl/metadata.xml": b"<metadata/>",
        "xl/vbaProject.bin": VBA_BYTES,
        "xl/mystery/part.xml": b"<x/>",
    })
    assert found(path) == [
        "bagian lain (xl/mystery/part.xml): 1",
        "cache tabel pivot: 1",
        "makro VBA: 1",
        "rumus dynamic array (metadata): 1",
        "tautan ke buku kerja lain: 1",
    ]
    assert "makro VBA: 1" not in found(path, macros=True)  # kept with keep_vba


def test_refused_without_force_names_what_and_the_way_out(tmp_path: Path) -> None:
    path = host_workbook(tmp_path / "laporan.xlsx", chart=True)
    with pytest.raises(OutputError) as error:
        check_into(path, "IKU", force=False)
    message = str(error.value)
    assert "tidak diubah" in message and "grafik: 1 di sheet Data" in message
    assert "--paksa" in message and "laporan.backup-" in message


@pytest.mark.parametrize(("name", "sheet", "says"), [
    ("laporan.xls", "IKU", ".xlsx atau .xlsm"),
    ("laporan.xlsx", "IKU:2026", "tidak sah"),
    ("laporan.xlsx", "x" * 32, "tidak sah"),
    ("tidak-ada.xlsx", "IKU", "tidak ditemukan"),
])
def test_usage_errors(tmp_path: Path, name: str, sheet: str, says: str) -> None:
    host_workbook(tmp_path / "laporan.xlsx")
    (tmp_path / "laporan.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(IntoUsageError, match=says) as error:
        check_into(tmp_path / name, sheet, force=False)
    assert error.value.exit_code == 2


def test_an_open_workbook_is_refused(tmp_path: Path) -> None:
    path = host_workbook(tmp_path / "laporan.xlsx")
    (tmp_path / "~$laporan.xlsx").write_bytes(b"owner")
    with pytest.raises(OutputError, match="tutup berkas di Excel lalu ulangi"):
        check_into(path, "IKU", force=False)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    path.write_text("bukan zip")
    with pytest.raises(OutputError, match="tidak bisa dibuka sebagai buku kerja"):
        check_into(path, "IKU", force=False)


def test_write_replaces_the_sheet_in_place_and_keeps_the_rest(tmp_path: Path) -> None:
    result = hitung([audit_rekap(tmp_path / "rekap.xlsx")])
    path = host_workbook(tmp_path / "laporan.xlsx")
    before = snapshot(path)
    assert write_into(check_into(path, "IKU", force=False), result, RunInfo()) is None
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Data", "Catatan", "IKU"]
    # move IKU first by hand, write again: replaced where it stands
    workbook.move_sheet("IKU", -2)
    workbook.save(path)
    write_into(check_into(path, "iku", force=False), result, RunInfo())
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["iku", "Data", "Catatan"]
    values = [row[:4] for row in workbook["iku"].iter_rows(values_only=True)]
    assert ("TOTAL", result.total.counted, result.total.followed_up,
            result.total.percent) in values
    assert snapshot(path, skip="iku") == before
    assert not [p for p in tmp_path.iterdir() if "backup" in p.name or p.suffix == ".tmp"]


def test_force_writes_a_byte_identical_backup_first(tmp_path: Path) -> None:
    result = hitung([audit_rekap(tmp_path / "rekap.xlsx")])
    path = host_workbook(tmp_path / "laporan.xlsx", chart=True)
    original = path.read_bytes()
    before = snapshot(path)
    backup = write_into(check_into(path, "IKU", force=True), result, RunInfo())
    assert backup is not None and backup.read_bytes() == original
    assert backup.name.startswith("laporan.backup-") and backup.suffix == ".xlsx"
    assert snapshot(path) == before


def test_backup_names_do_not_collide(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    first = backup_name(path)
    first.write_bytes(b"")
    assert backup_name(path, None) != first


def test_xlsm_keeps_its_macros_and_content_type(tmp_path: Path) -> None:
    result = hitung([audit_rekap(tmp_path / "rekap.xlsx")])
    path = as_xlsm(host_workbook(tmp_path / "laporan.xlsm"))
    assert found(path, macros=True) == []
    write_into(check_into(path, "IKU", force=False), result, RunInfo())
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == VBA_BYTES
        assert b"macroEnabled.main+xml" in archive.read("[Content_Types].xml")
    assert "IKU" in openpyxl.load_workbook(path, keep_vba=True).sheetnames
